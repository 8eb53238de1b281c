#pragma once

#include "AepSettings.h"
#include "connectors/ConnectorContext.h"
#include "engine/HttpJob.h"

#include <functional>
#include <QCoreApplication>
#include <QJsonObject>
#include <QList>

namespace courier {

class AepTokenSession;
class Poller;

// One answer from Experience Platform, as AepApi::send() hands it over.
struct AepReply
{
    bool ok = false; // 2xx, or a status the call accepted
    int status = 0;  // 0 when no answer arrived (or signing in failed)
    QByteArray body;
    QString error; // !ok: user-visible, translated
};

// The client side of Experience Platform's REST APIs (PROTOCOLS.md §3, docs/sandbox.md "Adobe
// Experience Platform"): URLs under the platform address, and on every call the bearer token of
// an AepTokenSession (fetched first when missing or stale, renewed after a 401) with the
// x-api-key, x-gw-ims-org-id and x-sandbox-name headers. Errors come in two shapes — the API
// gateway's {"error_code","message"} and the services' {"type","status","title","detail"} —
// and become messages people can act on.
class AepApi
{
    Q_DECLARE_TR_FUNCTIONS(AepApi)

public:
    AepApi(ConnectorContext &context, const AepSettings &settings, AepTokenSession &session)
        : m_context(context)
        , m_settings(settings)
        , m_session(session)
    {}

    ConnectorContext &context() const { return m_context; }
    const AepSettings &settings() const { return m_settings; }
    AepTokenSession &session() const { return m_session; }

    // {platform}/{path}; path relative ("data/core/ups/export/jobs"), ids encoded by id().
    QUrl url(const QString &path) const;
    static QString id(const QString &value);

    // A request with the Platform headers (not the token: send() and configure() add it).
    HttpRequestSpec request(QNetworkAccessManager::Operation verb, QUrl url) const;
    HttpRequestSpec jsonRequest(QNetworkAccessManager::Operation verb, QUrl url,
                                const QJsonObject &body) const;

    // Makes sure a usable token exists, then starts spec with it. handler gets the answer
    // once, unless owner is destroyed first. A failed sign-in answers at once with its message.
    using ReplyHandler = std::function<void(const AepReply &reply)>;
    void send(QObject *owner, HttpRequestSpec spec, ReplyHandler handler) const;

    // Every poll sends the session's token (renewed after a 401), with the run's policies.
    void configure(Poller &poller) const;

    // The message for a failed call: 401 → the token is refused; 403 → the gateway's reason
    // (API key, organisation, permissions); a problem document → its title and detail.
    QString errorMessage(int status, const QByteArray &errorBody, const QString &fallback) const;
    // "title: detail" of a problem document, or the gateway's "message (code)"; empty if neither.
    static QString problemText(const QByteArray &body);

    static bool parseObject(const QByteArray &body, QJsonObject *object, QString *error);

    QString endpointName() const { return endpointName(m_context); }
    static QString endpointName(const ConnectorContext &context);

private:
    void attach(HttpJob &job) const;

    ConnectorContext &m_context;
    const AepSettings &m_settings;
    AepTokenSession &m_session;
};

} // namespace courier
