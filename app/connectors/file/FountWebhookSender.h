#pragma once

#include "engine/Backoff.h"

#include <chrono>
#include <functional>
#include <QByteArray>
#include <QNetworkAccessManager>
#include <QObject>
#include <QPointer>
#include <QTimer>
#include <QUrl>

class QIODevice;
class QNetworkReply;

namespace courier {

// One Fount-style export webhook to send: a file whose exact bytes are the body.
struct FountWebhookMessage
{
    QUrl url;
    QString bodyPath;
    QByteArray signature;  // hex HMAC-SHA256 of the file's bytes (BAV-Signature)
    QByteArray event;      // BAV-Event
    QByteArray deliveryId; // BAV-Delivery: a UUID v4, the same on every attempt
};

// How a webhook delivery ended (or how an attempt failed, for the retry callback).
struct FountWebhookResult
{
    bool delivered = false;
    bool refused = false; // 401/403: the receiver does not accept our signature
    int status = 0;       // HTTP status of the last attempt, 0: no answer
    int attempts = 0;
    QString transportError;  // why there was no answer (status 0), Qt's words
    QString receiverMessage; // the start of what the receiver said, for messages
};

// Posts a file as a Fount-style export webhook, as The Fount does: Content-Type
// application/json, Accept-Charset utf-8, User-Agent BAV-Webhook and the BAV-Delivery,
// BAV-Event and BAV-Signature headers. The body is streamed from the file (Content-Length set),
// never read whole into memory. Any 2xx is delivered; 401/403 means the receiver refuses the
// signature (retrying cannot help); any other answer or a transport failure is retried with
// the back-off policy (Retry-After honoured up to the policy's cap) until it has no attempts
// left. Lives on the thread of the QNetworkAccessManager.
class FountWebhookSender : public QObject
{
    Q_OBJECT

public:
    using Done = std::function<void(const FountWebhookResult &result)>;
    // Called before each retry with the failed attempt and the wait, e.g. to log it.
    using Retrying =
        std::function<void(const FountWebhookResult &failed, std::chrono::milliseconds wait)>;

    FountWebhookSender(QNetworkAccessManager &network, BackoffPolicy policy,
                       QObject *parent = nullptr);
    ~FountWebhookSender() override;

    // No bytes either way for this long → the attempt fails (and is retried). Default 60 s.
    void setTransferTimeout(std::chrono::milliseconds timeout) { m_timeout = timeout; }
    void setRetrying(Retrying retrying) { m_retrying = std::move(retrying); }

    // Starts the delivery; done is called once, from the event loop, unless cancel() is.
    void send(FountWebhookMessage message, Done done);
    // Stops whatever is in progress; done is not called.
    void cancel();

    // hex(HMAC-SHA256(secret, body)), lower case, as The Fount signs a webhook body.
    static QByteArray sign(QByteArrayView secret, QByteArrayView body);
    // The same over a device read to its end in slices; empty when reading fails.
    static QByteArray sign(QByteArrayView secret, QIODevice &body);

private:
    void attempt();
    void onReadyRead();
    void onFinished();
    void retryOrFinish(std::chrono::milliseconds retryAfter);
    void finish();

    QNetworkAccessManager &m_network;
    BackoffPolicy m_policy;
    std::chrono::milliseconds m_timeout{60'000};
    Retrying m_retrying;
    FountWebhookMessage m_message;
    Done m_done;
    FountWebhookResult m_result;
    QByteArray m_answer; // the start of the current answer's body
    QPointer<QNetworkReply> m_reply;
    QTimer m_retryTimer;
};

} // namespace courier
