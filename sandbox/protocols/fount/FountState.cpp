#include "sandbox/protocols/fount/FountState.h"

#include "sandbox/Logging.h"

#include <cmath>
#include <QJsonArray>
#include <QJsonDocument>
#include <QMessageAuthenticationCode>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QTimer>
#include <QUuid>

using namespace Qt::StringLiterals;

namespace courier::sandbox {

namespace {

QString uuid()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

// The user every export is made by: the owner of the sandbox's personal access token.
QJsonObject exportingUser()
{
    return {{u"id"_s, 1},
            {u"name"_s, u"Sandbox User"_s},
            {u"email"_s, u"sandbox.user@wpp.example"_s},
            {u"operating_company"_s, QJsonObject{{u"id"_s, 1}, {u"name"_s, u"WPP"_s}}}};
}

} // namespace

FountState::FountState(SandboxContext &context)
    : m_context(context)
    , m_guard(std::make_unique<QObject>())
{
    m_network = new QNetworkAccessManager(m_guard.get());
    // Receivers are reached directly: the sandbox runs on a developer's machine or in CI, and a
    // proxy from the environment must not swallow deliveries to 127.0.0.1.
    m_network->setProxy(QNetworkProxy::NoProxy);
}

FountState::~FountState()
{
    // First, so that no reply or timer calls back into a half-destroyed state.
    m_guard.reset();
}

FountState::RateDecision FountState::hit(const QString &key)
{
    const FountOptions &options = m_context.options().fount;
    const auto now = Clock::now();
    Window &window = m_windows[key];
    if (window.count == 0 || now - window.start >= options.rateWindow) {
        window.start = now;
        window.count = 0;
    }
    RateDecision decision;
    decision.limit = options.rateLimit;
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        window.start + options.rateWindow - now);
    decision.retryAfter = std::max(1, int(std::ceil(double(left.count()) / 1000.0)));
    decision.resetAt = QDateTime::currentSecsSinceEpoch() + decision.retryAfter;
    if (window.count >= options.rateLimit) {
        decision.allowed = false;
        decision.remaining = 0;
        return decision;
    }
    ++window.count;
    decision.remaining = options.rateLimit - window.count;
    return decision;
}

const QList<qint32> &FountState::members(const FountCatalogue::Audience &audience)
{
    auto it = m_members.find(audience.id);
    if (it == m_members.end()) {
        QList<qint32> list;
        const qint64 panel = std::clamp<qint64>(m_context.options().fount.panelSize, 0, 50'000'000);
        list.reserve(audience.perMille >= 1000 ? panel : panel * audience.perMille / 900);
        for (qint64 i = 0; i < panel; ++i) {
            if (audience.contains(i))
                list.append(qint32(i));
        }
        it = m_members.insert(audience.id, std::move(list));
    }
    return *it;
}

QJsonObject FountState::Delivery::toJson() const
{
    return {{u"delivery_id"_s, id},
            {u"webhook_id"_s, webhook},
            {u"event"_s, QString::fromLatin1(event)},
            {u"export_id"_s, exportId},
            {u"audience_id"_s, audienceId},
            {u"format"_s, format},
            {u"respondents"_s, respondents},
            {u"bytes"_s, body.size()},
            {u"signature"_s, QString::fromLatin1(signature)},
            {u"attempts"_s, attempts},
            {u"status"_s, status},
            {u"last_status"_s, lastStatus},
            {u"last_error"_s, lastError.isEmpty() ? QJsonValue() : QJsonValue(lastError)},
            {u"created_at"_s, fountTime(createdAt)},
            {u"finished_at"_s,
             finishedAt.isValid() ? QJsonValue(fountTime(finishedAt)) : QJsonValue()}};
}

const FountState::Webhook &FountState::addWebhook(const QUrl &url, const QByteArray &secret,
                                                  const QStringList &events)
{
    Webhook hook;
    hook.id = m_nextWebhook++;
    hook.url = url;
    hook.secret = secret;
    hook.events = events;
    hook.createdAt = QDateTime::currentDateTimeUtc();
    m_webhooks.append(hook);
    return m_webhooks.constLast();
}

bool FountState::removeWebhook(int id)
{
    return m_webhooks.removeIf([id](const Webhook &hook) { return hook.id == id; }) > 0;
}

bool FountState::enableWebhook(int id)
{
    for (Webhook &hook : m_webhooks) {
        if (hook.id == id) {
            hook.enabled = true;
            hook.disabledAt = {};
            hook.disabledReason.clear();
            return true;
        }
    }
    return false;
}

const FountState::Webhook *FountState::webhook(int id) const
{
    for (const Webhook &hook : m_webhooks) {
        if (hook.id == id)
            return &hook;
    }
    return nullptr;
}

QJsonObject FountState::webhookJson(const Webhook &hook) const
{
    QJsonArray deliveries;
    for (const Delivery &delivery : m_deliveries) {
        if (delivery.webhook == hook.id)
            deliveries.append(delivery.toJson());
    }
    return {{u"id"_s, hook.id},
            {u"url"_s, hook.url.toString()},
            {u"events"_s, QJsonArray::fromStringList(hook.events)},
            {u"enabled"_s, hook.enabled},
            {u"created_at"_s, fountTime(hook.createdAt)},
            {u"disabled_at"_s,
             hook.disabledAt.isValid() ? QJsonValue(fountTime(hook.disabledAt)) : QJsonValue()},
            {u"disabled_reason"_s,
             hook.disabledReason.isEmpty() ? QJsonValue() : QJsonValue(hook.disabledReason)},
            {u"deliveries"_s, deliveries}};
}

QJsonObject FountState::webhooksJson() const
{
    QJsonArray hooks;
    for (const Webhook &hook : m_webhooks)
        hooks.append(webhookJson(hook));
    return {{u"webhooks"_s, hooks}};
}

int FountState::receiversOf(const QByteArray &event) const
{
    int n = 0;
    for (const Webhook &hook : m_webhooks) {
        if (hook.enabled &&
            (hook.events.isEmpty() || hook.events.contains(QString::fromLatin1(event)) ||
             hook.events.contains(u"*"_s)))
            ++n;
    }
    return n;
}

QByteArray FountState::sign(const QByteArray &secret, const QByteArray &body)
{
    return QMessageAuthenticationCode::hash(body, secret, QCryptographicHash::Sha256).toHex();
}

QJsonObject FountState::exportPayload(const FountCatalogue::Audience &audience,
                                      const QString &format, qint64 *respondents)
{
    // The slimmed-down audience of an export (seed: "Exporting Audiences"); the definition
    // format is the full Audiences API object with the same export fields added.
    QJsonObject payload = format == "definition"_L1
                              ? audience.toJson(true)
                              : QJsonObject{{u"id"_s, audience.id},
                                            {u"name"_s, audience.name},
                                            {u"description"_s, audience.description},
                                            {u"is_active"_s, audience.active},
                                            {u"is_public"_s, audience.isPublic},
                                            {u"created_at"_s, fountTime(audience.createdAt)},
                                            {u"updated_at"_s, fountTime(audience.updatedAt)}};
    payload.insert(u"is_standard"_s, audience.standard);
    payload.insert(u"deployed_at"_s, fountTime(audience.createdAt.addDays(1)));
    payload.insert(u"segments_updated_at"_s, fountTime(audience.updatedAt.addDays(-2)));
    const FountCatalogue::Group *group = FountCatalogue::group(audience.groupId);
    payload.insert(u"group"_s, group ? QJsonValue(group->toSlimJson()) : QJsonValue());
    payload.insert(u"user"_s, exportingUser());
    *respondents = 0;
    if (const auto idFormat = FountCatalogue::idFormatFromName(format)) {
        QJsonArray ids;
        for (const qint32 index : members(audience))
            ids.append(FountCatalogue::respondentId(*idFormat, index));
        *respondents = ids.size();
        payload.insert(u"respondents"_s, ids);
    }
    const QDateTime now = QDateTime::currentDateTimeUtc();
    payload.insert(u"webhookDate"_s, now.toString(Qt::ISODate));
    payload.insert(u"webhookTimestamp"_s, now.toSecsSinceEpoch());
    payload.insert(u"webhookId"_s, uuid());
    return payload;
}

FountState::Export FountState::exportAudience(const FountCatalogue::Audience &audience,
                                              const QString &format)
{
    Export result;
    result.id = uuid();
    const QByteArray event = m_context.options().fount.exportEvent;
    const QByteArray body = QJsonDocument(exportPayload(audience, format, &result.respondents))
                                .toJson(QJsonDocument::Compact);
    QStringList started;
    for (const Webhook &hook : std::as_const(m_webhooks)) {
        if (!hook.enabled ||
            !(hook.events.isEmpty() || hook.events.contains(QString::fromLatin1(event)) ||
              hook.events.contains(u"*"_s)))
            continue;
        Delivery delivery;
        delivery.id = uuid();
        delivery.webhook = hook.id;
        delivery.exportId = result.id;
        delivery.audienceId = audience.id;
        delivery.format = format;
        delivery.event = event;
        delivery.body = body;
        delivery.signature = sign(hook.secret, body);
        delivery.respondents = result.respondents;
        delivery.createdAt = QDateTime::currentDateTimeUtc();
        m_deliveries.append(delivery);
        result.deliveries.append(delivery.id);
    }
    // Sent from the event loop, after the export's own answer has gone out.
    const quint64 generation = m_generation;
    for (const QString &id : std::as_const(result.deliveries)) {
        QTimer::singleShot(0, m_guard.get(), [this, id, generation] {
            if (generation == m_generation)
                attempt(id);
        });
    }
    return result;
}

void FountState::attempt(const QString &deliveryId)
{
    const auto it = std::find_if(m_deliveries.begin(), m_deliveries.end(),
                                 [&](const Delivery &d) { return d.id == deliveryId; });
    if (it == m_deliveries.end() || it->status != "pending"_L1)
        return;
    const Webhook *hook = webhook(it->webhook);
    if (!hook || !hook->enabled) {
        it->status = u"cancelled"_s;
        it->lastError = u"The webhook was disabled or removed."_s;
        it->finishedAt = QDateTime::currentDateTimeUtc();
        return;
    }
    ++it->attempts;
    QNetworkRequest request(hook->url);
    request.setHeader(QNetworkRequest::ContentTypeHeader, "application/json"_ba);
    request.setHeader(QNetworkRequest::UserAgentHeader, "BAV-Webhook"_ba);
    request.setRawHeader("Accept-Charset"_ba, "utf-8"_ba);
    request.setRawHeader("BAV-Delivery"_ba, it->id.toLatin1());
    request.setRawHeader("BAV-Event"_ba, it->event);
    request.setRawHeader("BAV-Signature"_ba, it->signature);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         QNetworkRequest::ManualRedirectPolicy);
    request.setTransferTimeout(int(m_context.options().fount.webhookTimeout.count()));
    qCDebug(lcSandbox).noquote() << u"fount: webhook %1 delivery %2 attempt %3 → %4"_s.arg(
        QString::number(hook->id), it->id, QString::number(it->attempts), hook->url.toString());
    QNetworkReply *reply = m_network->post(request, it->body);
    const quint64 generation = m_generation;
    QObject::connect(
        reply, &QNetworkReply::finished, m_guard.get(), [this, reply, deliveryId, generation] {
            reply->deleteLater();
            if (generation != m_generation)
                return;
            const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
            finishAttempt(deliveryId, status, status == 0 ? reply->errorString() : QString());
        });
}

void FountState::finishAttempt(const QString &deliveryId, int status, const QString &error)
{
    const auto it = std::find_if(m_deliveries.begin(), m_deliveries.end(),
                                 [&](const Delivery &d) { return d.id == deliveryId; });
    if (it == m_deliveries.end())
        return;
    it->lastStatus = status;
    it->lastError = status == 0     ? error
                    : status == 200 ? QString()
                                    : u"The receiver answered %1, not 200."_s.arg(status);
    if (status == 200) {
        it->status = u"delivered"_s;
        it->finishedAt = QDateTime::currentDateTimeUtc();
        return;
    }
    const FountOptions &options = m_context.options().fount;
    if (it->attempts <= options.webhookRetries) {
        const auto delay = options.webhookBackoff * (qint64(1) << std::min(it->attempts - 1, 20));
        const quint64 generation = m_generation;
        QTimer::singleShot(delay, m_guard.get(), [this, deliveryId, generation] {
            if (generation == m_generation)
                attempt(deliveryId);
        });
        return;
    }
    it->status = u"failed"_s;
    it->finishedAt = QDateTime::currentDateTimeUtc();
    for (Webhook &hook : m_webhooks) {
        if (hook.id == it->webhook && hook.enabled) {
            hook.enabled = false;
            hook.disabledAt = it->finishedAt;
            hook.disabledReason = u"Delivery %1 failed %2 times (last: %3)."_s.arg(
                it->id, QString::number(it->attempts), it->lastError);
            qCDebug(lcSandbox).noquote() << u"fount: webhook %1 disabled"_s.arg(hook.id);
        }
    }
}

void FountState::reset()
{
    ++m_generation;
    m_windows.clear();
    m_members.clear();
    m_webhooks.clear();
    m_deliveries.clear();
    m_nextWebhook = 1;
}

} // namespace courier::sandbox
