#pragma once

#include "MetaApi.h"

#include <functional>
#include <QCoreApplication>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QObject>
#include <QPointer>
#include <QTimer>

namespace courier {

class HttpJob;

// One Graph API request: what, where, and the parameters besides the access token.
struct MetaRequest
{
    QNetworkAccessManager::Operation verb = QNetworkAccessManager::PostOperation;
    QString path;      // under the version, ids encoded: "act_1/customaudiences", "23…/users"
    QByteArray params; // a JSON object, compact: every parameter except access_token
    QString object;    // what it is about, for messages ("the custom audience 23…")
};

struct MetaReply
{
    bool ok = false;
    QJsonObject answer; // ok: the answer document
    QString error;      // !ok: user-visible, translated
};

// One logical Graph call, with Meta's failure modes handled the way Meta asks:
//  - the access token goes into the JSON body (never the URL, so it never reaches a log), read
//    at every attempt;
//  - transport failures, 429 and 5xx are retried by HttpJob with the run's retry policy;
//  - Graph errors come back as HTTP 400/401/403/404 documents: a rate limit (17/2446079,
//    613/1487742, 4, 32, 80000–80014) or a transient error is retried after a back-off from
//    the same policy, saying so in the run log, until the policy's attempts are used up;
//  - an invalid or expired token (190) re-reads the keychain once, in case the user
//    reconnected meanwhile, then asks for a reconnect;
//  - everything else becomes MetaApi::errorMessage().
// Deleting it cancels; the handler is then never called.
class MetaCall final : public QObject
{
    Q_DECLARE_TR_FUNCTIONS(MetaCall)

public:
    using Handler = std::function<void(const MetaReply &reply)>;

    // Starts the call; the object is a child of owner and deletes itself after the handler.
    static MetaCall *start(const MetaApi &api, MetaRequest request, QObject *owner,
                           Handler handler);
    // Cancels a call in flight (no handler call); null-safe.
    static void drop(QPointer<MetaCall> &call);

    ~MetaCall() override;

private:
    MetaCall(const MetaApi &api, MetaRequest request, QObject *owner, Handler handler);

    void attempt();
    void onFinished(bool ok);
    void onGraphError(const GraphError &error);
    void finish(MetaReply reply);
    QByteArray body(const QByteArray &token) const;

    MetaApi m_api;
    MetaRequest m_request;
    Handler m_handler;
    QPointer<HttpJob> m_job;
    QTimer m_wait;
    int m_graphAttempts = 0; // attempts that ended in a Graph rate-limit / transient error
    bool m_reloaded = false; // the keychain was re-read after a token error
};

} // namespace courier
