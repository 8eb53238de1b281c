#pragma once

#include "connectors/ConnectorContext.h"

#include <optional>
#include <QCoreApplication>
#include <QString>
#include <QUrl>

namespace courier {

// An error document of the Graph API: {"error":{"message","type","code","error_subcode",
// "error_user_msg","is_transient","fbtrace_id"}}.
struct GraphError
{
    int httpStatus = 0;
    int code = 0;
    int subcode = 0;
    QString type;
    QString message;
    QString userMessage; // error_user_msg: Meta's own advice, when it gives one
    QString traceId;     // fbtrace_id: what Meta's support asks for
    bool transient = false;

    // Throttling (codes 4, 17, 32, 613, 80000–80014): retrying later helps.
    bool isRateLimit() const;
    // The access token is invalid, expired or revoked (190, 102, or a bare HTTP 401).
    bool isTokenProblem() const;
    // Meta says to try again (is_transient, or codes 1 and 2: unknown / service unavailable).
    bool isTemporary() const;
};

// The Graph API for one "meta" endpoint: where requests go and what its errors mean.
// Endpoint settings: "adAccountId" (digits, "act_" optional), "apiVersion" (default
// DefaultVersion); contact URL = the Graph base URL (default https://graph.facebook.com).
// Secret "accessToken" (a system-user token), sent in the POST body, never in a URL.
class MetaApi
{
    Q_DECLARE_TR_FUNCTIONS(MetaApi)

public:
    static constexpr QLatin1StringView DefaultVersion{"v21.0"};
    static constexpr QLatin1StringView DefaultBaseUrl{"https://graph.facebook.com"};
    static constexpr QLatin1StringView TokenSecret{"accessToken"};

    explicit MetaApi(ConnectorContext &context)
        : m_context(&context)
    {}

    ConnectorContext &context() const { return *m_context; }

    QString apiVersion() const;
    // The ad account's number, without "act_"; empty when not set.
    QString adAccountId() const;
    // {base}/{version}/{path}; path's ids already percent-encoded.
    QUrl url(const QString &path) const;
    QString endpointName() const;

    // A translated reason why the endpoint's settings cannot work (an API version that is not
    // "vNN.N", a missing or malformed ad account when one is needed); empty when they can.
    QString settingsProblem(bool needAdAccount) const;

    // The Graph error document in body, if it is one.
    static std::optional<GraphError> parseError(int httpStatus, const QByteArray &body);

    // What people read for a Graph error; object names what the request was about ("the ad
    // account act_1", "the custom audience 23…") for errors that concern it.
    QString errorMessage(const GraphError &error, const QString &object) const;
    // A rate limit that outlasted every retry of the run's policy.
    QString rateLimitGiveUp(const GraphError &error, int attempts) const;

private:
    ConnectorContext *m_context;
};

} // namespace courier
