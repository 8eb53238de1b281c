#pragma once

#include "sandbox/SandboxContext.h"

#include <QByteArray>
#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QSet>
#include <QString>

namespace courier::sandbox {

// A Fount-style export webhook receiver, the far end of the "fount_payload" destination, under
// /fount/webhooks (docs/sandbox.md, "Fount webhook receiver"). It checks what a real receiver
// checks — BAV-Signature = hex(HMAC-SHA256(secret, raw body)), a JSON object body, and a
// webhookTimestamp within maxSkewSeconds of its clock — answers 200, 401 for a missing or wrong
// signature and 400 for a body it cannot take, remembers every request it got (accepted or
// not) for the tests, and takes a repeated BAV-Delivery once (200, marked duplicate).
class FountWebhookReceiverState : public ProtocolState
{
public:
    static QByteArray defaultSecret() { return QByteArrayLiteral("sandbox-webhook-secret"); }
    static constexpr int DefaultMaxSkewSeconds = 60;
    // Bodies up to this size are kept whole for GET …/received/{n}/body; larger ones only as
    // their size and SHA-256.
    static constexpr qsizetype BodyKept = 32 << 20;

    struct Received
    {
        int number = 0; // 1-based, in arrival order
        QDateTime receivedAt;
        QByteArray deliveryId; // BAV-Delivery
        QByteArray event;      // BAV-Event
        QByteArray signature;  // BAV-Signature as sent
        QByteArray userAgent;
        QByteArray contentType;
        QByteArray acceptCharset;
        QByteArray contentLength; // the header as sent (the body is streamed by the app)
        bool signatureValid = false;
        bool duplicate = false;
        int status = 0;           // what the receiver answered
        QString error;            // why it was refused, if it was
        qint64 timestampSkew = 0; // receiver clock − webhookTimestamp, seconds
        bool hasTimestamp = false;
        qint64 bodyBytes = 0;
        QByteArray bodySha256;        // hex
        QByteArray body;              // empty when larger than BodyKept
        qint64 respondents = -1;      // size of "respondents", -1 when absent
        QJsonObject audience;         // the payload without "respondents"
        QStringList firstRespondents; // up to 5

        QJsonObject toJson() const;
    };

    QByteArray secret = defaultSecret();
    int maxSkewSeconds = DefaultMaxSkewSeconds;
    QList<Received> received;
    QSet<QByteArray> acceptedDeliveries;

    QJsonObject configJson() const;
    QJsonObject receivedJson() const;

    void reset() override;
};

} // namespace courier::sandbox
