#pragma once

#include "connectors/ConnectorContext.h"
#include "engine/HttpJob.h"

#include <functional>
#include <QCoreApplication>
#include <QJsonObject>
#include <QList>

namespace courier {

class ApsisTokenSession;
class Poller;

// One answer from APSIS One, as ApsisApi::send() hands it over.
struct ApsisReply
{
    bool ok = false; // 2xx, or a status the call accepted
    int status = 0;  // 0 when no answer arrived (or signing in failed)
    QByteArray body; // in memory unless the call spooled it to a file
    QString error;   // !ok: user-visible, translated
};

// How ApsisApi::send() runs one call.
struct ApsisCallOptions
{
    QList<int> acceptedStatuses; // answers rather than failures (HttpJob)
    bool patient = false;        // retry (429: busy) with patientPolicy()
};

// The client side of the APSIS One API (docs/sandbox.md "APSIS One", PROTOCOLS.md §2): URLs
// under the endpoint's contact URL (https://api.apsis.one, https://api-apac.apsis.one, or the
// sandbox's {base}/apsis), the bearer token of an ApsisTokenSession on every request (fetched
// first when missing or stale, renewed after a 401), the run's retry policies, and RFC 7807
// problem documents ({"type","title","status","detail"}) turned into messages people can act on.
class ApsisApi
{
    Q_DECLARE_TR_FUNCTIONS(ApsisApi)

public:
    ApsisApi(ConnectorContext &context, ApsisTokenSession &session)
        : m_context(context)
        , m_session(session)
    {}

    ConnectorContext &context() const { return m_context; }
    ApsisTokenSession &session() const { return m_session; }

    // {contact URL}/{path}; path is relative ("audience/sections"), ids already encoded by id().
    static QUrl url(const ConnectorContext &context, const QString &path);
    QUrl url(const QString &path) const { return url(m_context, path); }
    // An id or discriminator as one path segment (percent-encoded).
    static QString id(const QString &value);

    static HttpRequestSpec request(QNetworkAccessManager::Operation verb, QUrl url);
    static HttpRequestSpec jsonRequest(QNetworkAccessManager::Operation verb, QUrl url,
                                       const QJsonObject &body);

    using CallOptions = ApsisCallOptions;

    // Makes sure a usable token exists, then starts spec with it. handler gets the answer
    // once, unless owner is destroyed first; the job is a child of owner and deletes itself
    // after answering. A failed sign-in answers at once with its message.
    using ReplyHandler = std::function<void(const ApsisReply &reply)>;
    void send(QObject *owner, HttpRequestSpec spec, ReplyHandler handler,
              const CallOptions &options = {}) const;

    // The session's token on each attempt, renewed after a 401.
    void attach(HttpJob &job) const;
    // The same for every poll, plus the run's retry and poll policies.
    void configure(Poller &poller) const;

    // The retry policy of an export request: "too many pending exports" and the limit of one
    // request a second answer 429 with Retry-After, and pending exports may take a while to
    // clear. More attempts than the run's retry policy (30; about 25 minutes with the default
    // policies), each wait honouring Retry-After up to the longer of the retry and poll caps.
    BackoffPolicy patientPolicy() const { return patientPolicy(m_context); }
    static BackoffPolicy patientPolicy(const ConnectorContext &context);

    // The message for a failed call: 401 → check the credentials; a problem document → its
    // title and detail; else the transport's own message.
    QString errorMessage(int status, const QByteArray &errorBody, const QString &fallback) const;
    // "title: detail" of an RFC 7807 problem document; empty when body is not one.
    static QString problemText(const QByteArray &body);

    // The body as a JSON object; false + *error (translated) when it is not one.
    static bool parseObject(const QByteArray &body, QJsonObject *object, QString *error);

    QString endpointName() const { return endpointName(m_context); }
    static QString endpointName(const ConnectorContext &context);

private:
    ConnectorContext &m_context;
    ApsisTokenSession &m_session;
};

} // namespace courier
