#pragma once

#include "sandbox/protocols/fount/FountCatalogue.h"
#include "sandbox/SandboxContext.h"

#include <chrono>
#include <memory>
#include <QDateTime>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QUrl>

class QNetworkAccessManager;
class QObject;

namespace courier::sandbox {

// What The Fount emulation keeps between requests: the rate-limit windows, the respondents of
// each audience (computed once), the registered webhook receivers and the deliveries of
// audience exports to them. Deliveries are real HTTP POSTs made by the sandbox, retried with
// exponential back-off and followed by disabling the webhook, as The Fount does.
class FountState : public ProtocolState
{
public:
    using Clock = std::chrono::steady_clock;

    explicit FountState(SandboxContext &context);
    ~FountState() override;

    // --- Rate limiting: a fixed window per key that starts with its first request.
    struct RateDecision
    {
        bool allowed = true;
        int limit = 0;
        int remaining = 0;
        qint64 resetAt = 0; // Unix time the window ends
        int retryAfter = 0; // seconds until then, at least 1
    };
    RateDecision hit(const QString &key);

    // --- Respondents: panel indices of an audience's members, ascending.
    const QList<qint32> &members(const FountCatalogue::Audience &audience);

    // --- Webhooks and deliveries.
    struct Webhook
    {
        int id = 0;
        QUrl url;
        QByteArray secret;
        QStringList events; // empty: every event
        bool enabled = true;
        QDateTime createdAt;
        QDateTime disabledAt;
        QString disabledReason;
    };
    struct Delivery
    {
        QString id; // the BAV-Delivery header
        int webhook = 0;
        QString exportId;
        int audienceId = 0;
        QString format;
        QByteArray event;
        QByteArray body; // signed once; every attempt sends the same bytes
        QByteArray signature;
        qint64 respondents = 0;
        int attempts = 0;
        QString status = QStringLiteral("pending"); // pending, delivered, failed, cancelled
        int lastStatus = 0;                         // HTTP status of the last attempt, 0: no answer
        QString lastError;
        QDateTime createdAt;
        QDateTime finishedAt;
        QJsonObject toJson() const;
    };

    const Webhook &addWebhook(const QUrl &url, const QByteArray &secret, const QStringList &events);
    bool removeWebhook(int id);
    bool enableWebhook(int id);
    const Webhook *webhook(int id) const;
    QJsonObject webhookJson(const Webhook &webhook) const;
    QJsonObject webhooksJson() const;
    // Webhooks that would receive `event` now.
    int receiversOf(const QByteArray &event) const;

    struct Export
    {
        QString id;
        QStringList deliveries;
        qint64 respondents = 0;
    };
    // Builds the export payload of `format` ("definition" or an id format) and starts one
    // delivery per enabled webhook that takes the export event.
    Export exportAudience(const FountCatalogue::Audience &audience, const QString &format);

    static QByteArray sign(const QByteArray &secret, const QByteArray &body);

    void reset() override;

private:
    struct Window
    {
        Clock::time_point start;
        int count = 0;
    };

    QJsonObject exportPayload(const FountCatalogue::Audience &audience, const QString &format,
                              qint64 *respondents);
    void attempt(const QString &deliveryId);
    void finishAttempt(const QString &deliveryId, int status, const QString &error);

    SandboxContext &m_context;
    std::unique_ptr<QObject> m_guard; // owns the network manager and the retry timers
    QNetworkAccessManager *m_network = nullptr;
    QHash<QString, Window> m_windows;
    QHash<int, QList<qint32>> m_members;
    QList<Webhook> m_webhooks;
    QList<Delivery> m_deliveries;
    int m_nextWebhook = 1;
    quint64 m_generation = 0; // bumped by reset(): answers to older attempts are ignored
};

} // namespace courier::sandbox
