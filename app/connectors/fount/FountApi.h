#pragma once

#include "connectors/ConnectorContext.h"
#include "engine/HttpJob.h"

#include <functional>
#include <QCoreApplication>
#include <QJsonObject>
#include <QPointer>
#include <QUrlQuery>

namespace courier {

class FountTokenSession;

// One answer from The Fount, as FountApi::send() hands it over.
struct FountReply
{
    bool ok = false; // 2xx
    int status = 0;  // 0 when no answer arrived (or there was no token)
    QByteArray body; // in memory unless the call spooled it to a file
    QString error;   // !ok: user-visible, translated
};

// The client side of The Fount's v2 API (PROTOCOLS.md §4, docs/sandbox.md "The Fount"): URLs
// under the endpoint's contact URL (https://fount.wppbav.com/api/v2, or {sandbox}/fount/api/v2),
// `Accept: application/json` on every request (without it Laravel answers errors with an HTML
// page), the personal access token of a FountTokenSession, the rate limit (500 requests a
// minute per user, all tokens together: a 429 is waited out as its Retry-After says, with more
// attempts than the run's plain retry policy) and The Fount's errors — `{"data":{"message",
// "errors"}}`, or an HTML error page from a proxy or a client that forgot the header — turned
// into messages people can act on. Cheap to copy.
class FountApi
{
    Q_DECLARE_TR_FUNCTIONS(FountApi)

public:
    // Laravel's paging: per_page defaults to 25 and is capped at 1000.
    static constexpr int MaxPerPage = 1000;
    static constexpr int DefaultPerPage = 1000;
    // Attempts of a call that meets the rate limit: with the production policy (0.5 s doubling,
    // a minute at most) a whole minute's window is waited out several times over.
    static constexpr int PatientAttempts = 12;

    FountApi(ConnectorContext &context, FountTokenSession &session)
        : m_context(&context)
        , m_session(&session)
    {}

    ConnectorContext &context() const { return *m_context; }

    // {contact URL}/{path}?{query}; path relative ("audiences/4/respondents").
    static QUrl url(const ConnectorContext &context, const QString &path,
                    const QUrlQuery &query = {});
    QUrl url(const QString &path, const QUrlQuery &query = {}) const
    {
        return url(*m_context, path, query);
    }
    static HttpRequestSpec get(QUrl url);

    // The endpoint setting "perPage" (1–1000), else DefaultPerPage.
    static int perPage(const ConnectorContext &context);
    // The run's retry policy with PatientAttempts and the longer of the retry and poll caps.
    static BackoffPolicy patientPolicy(const ConnectorContext &context);

    // Starts spec with the session's token (fetched first when missing). handler gets the
    // answer once, unless owner is destroyed or the job dropped first. *running points to the
    // job while it runs. A 2xx body goes to responseFile when one is given.
    using ReplyHandler = std::function<void(const FountReply &reply)>;
    void send(QObject *owner, QPointer<HttpJob> *running, HttpRequestSpec spec,
              const QString &responseFile, ReplyHandler handler) const;
    // Stops a job without its handler being called; null-safe.
    static void drop(QPointer<HttpJob> &job);

    // The message of a failed call: 401 → check the access token; 403 → the token lacks the
    // scope; 404 → not found; 422 → the validation errors; 429 → the rate limit; else the
    // server's own message, else the transport's.
    QString errorMessage(int status, const QByteArray &errorBody, const QString &fallback) const;
    // The message inside an error body: {"data":{"message","errors"}} (or {"message",…}) or,
    // for an HTML error page, its text. Empty when there is none. Shortened, one line.
    static QString serverMessage(const QByteArray &body);

    // The body as a JSON object; false + *error (translated) when it is not one.
    static bool parseObject(const QByteArray &body, QJsonObject *object, QString *error);

    QString endpointName() const { return endpointName(*m_context); }
    static QString endpointName(const ConnectorContext &context);

private:
    ConnectorContext *m_context;
    FountTokenSession *m_session;
};

} // namespace courier
