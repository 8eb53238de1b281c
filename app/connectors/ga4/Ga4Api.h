#pragma once

#include "connectors/ConnectorContext.h"
#include "engine/HttpJob.h"
#include "Ga4Settings.h"

#include <functional>
#include <memory>
#include <QCoreApplication>
#include <QJsonObject>
#include <QPointer>
#include <QUrlQuery>

namespace courier {

class Poller;
class TokenSession;

// One answer from a Google API, as Ga4Api::send() hands it over.
struct Ga4Reply
{
    bool ok = false;      // 2xx, or a status the call accepted
    int status = 0;       // 0 when no answer arrived
    QByteArray body;      // the answer, unless the call spooled it to a file
    QString error;        // !ok: user-visible, translated
    QString googleStatus; // !ok: the error's "status" (PERMISSION_DENIED, NOT_FOUND…), if any
};

// One call: what to send and what to do with the answer's body.
struct Ga4Call
{
    HttpRequestSpec spec;
    QList<int> acceptedStatuses; // answers, not failures (HttpJob::setAcceptedStatuses)
    QString responseFile;        // spool the 2xx body here instead of keeping it in memory
    std::function<void(qint64 received)> progress;
};

// The Google side of a GA4 endpoint: its settings, its sign-in (a TokenSession made from the
// endpoint's secrets by prepare()), the URLs of the Admin and Data APIs, calls made with a fresh
// token, and Google's JSON errors ({"error":{"code","message","status"}}) turned into messages
// people can act on. Cheap to copy; the session belongs to whoever called prepare().
class Ga4Api
{
    Q_DECLARE_TR_FUNCTIONS(Ga4Api)

public:
    // Reads the settings and secrets and builds the sign-in. Any problem — a missing property
    // id, a key file that is not one — is reported here, before a request is sent: then
    // *session stays null and *error says what to fix.
    static std::optional<Ga4Api> prepare(ConnectorContext &context,
                                         std::unique_ptr<TokenSession> *session, QString *error);

    Ga4Api(ConnectorContext &context, Ga4Settings settings, TokenSession *session);

    ConnectorContext &context() const { return *m_context; }
    const Ga4Settings &settings() const { return m_settings; }
    TokenSession *session() const { return m_session; }
    QString endpointName() const;

    // {adminUrl}/v1alpha/{path}, {dataUrl}/v1beta/{path}; path holds Google's resource names
    // ("properties/1234567/audiences"), already checked to be plain.
    QUrl adminUrl(const QString &path, const QUrlQuery &query = {}) const;
    QUrl dataUrl(const QString &path, const QUrlQuery &query = {}) const;

    static HttpRequestSpec get(QUrl url);
    static HttpRequestSpec post(QUrl url, const QJsonObject &body);

    // Makes sure the token is fresh, then starts the call; handler gets the answer exactly once
    // (not when owner is destroyed first). While the request runs, *running points to its job
    // (a child of owner), so the caller can drop it.
    using ReplyHandler = std::function<void(const Ga4Reply &reply)>;
    void send(QObject *owner, QPointer<HttpJob> *running, Ga4Call call, ReplyHandler handler) const;
    // Stops a job without its handler being called; null-safe.
    static void drop(QPointer<HttpJob> &job);
    // Token, 401 renewal and policies for a poller's requests.
    void configure(Poller &poller) const;

    // The message for a failed call: 401 → sign in again; 403 → no access to the property;
    // 429 → the quota is exhausted and when to try again; else Google's own message.
    QString errorMessage(int status, const QByteArray &errorBody, const QString &fallback) const;
    // The "status" of a Google error body (NOT_FOUND, FAILED_PRECONDITION…), or empty.
    static QString googleStatus(const QByteArray &errorBody);

    // The body as a JSON object; false + *error (translated) when it is not one.
    static bool parseObject(const QByteArray &body, QJsonObject *object, QString *error);

private:
    QUrl apiUrl(const QUrl &base, const QString &version, const QString &path,
                const QUrlQuery &query) const;

    ConnectorContext *m_context;
    Ga4Settings m_settings;
    TokenSession *m_session;
};

} // namespace courier
