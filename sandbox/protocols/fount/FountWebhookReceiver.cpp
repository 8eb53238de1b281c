// A recording Fount-style export webhook receiver under /fount/webhooks: what an application
// registered with The Fount as an export destination runs. The app's "fount_payload"
// destination posts to it; tests read back what arrived. docs/sandbox.md, "Fount webhook
// receiver".
#include "sandbox/protocols/fount/FountWebhookReceiver.h"

#include "sandbox/auth/BearerAuth.h"
#include "sandbox/http/Json.h"
#include "sandbox/http/Responder.h"
#include "sandbox/http/Router.h"
#include "sandbox/Logging.h"
#include "sandbox/protocols/Protocols.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QMessageAuthenticationCode>

using namespace Qt::StringLiterals;

namespace courier::sandbox {

namespace {

const QString Base = u"/fount/webhooks"_s;
constexpr int FirstRespondentsKept = 5;

QJsonValue text(const QByteArray &value)
{
    return value.isEmpty() ? QJsonValue() : QJsonValue(QString::fromUtf8(value));
}

// Answers and records the verdict.
void answer(Responder &res, FountWebhookReceiverState::Received &record, int status,
            const QString &error = {})
{
    record.status = status;
    record.error = error;
    if (status == 200) {
        res.sendJson(200, QJsonObject{{u"received"_s, true},
                                      {u"delivery"_s, text(record.deliveryId)},
                                      {u"duplicate"_s, record.duplicate}});
        return;
    }
    res.sendError(status, error);
}

// POST /fount/webhooks — verify as a real receiver does, in the order it can: signature over
// the raw bytes first (nothing unauthenticated is parsed), then the body, then its timestamp.
void receive(SandboxContext &context, const Request &req, Responder &res)
{
    auto &state = context.state<FountWebhookReceiverState>();
    FountWebhookReceiverState::Received record;
    record.number = int(state.received.size()) + 1;
    record.receivedAt = QDateTime::currentDateTimeUtc();
    record.deliveryId = req.header("BAV-Delivery");
    record.event = req.header("BAV-Event");
    record.signature = req.header("BAV-Signature");
    record.userAgent = req.header("User-Agent");
    record.contentType = req.header("Content-Type");
    record.acceptCharset = req.header("Accept-Charset");
    record.contentLength = req.header("Content-Length");
    record.bodyBytes = req.body.size();
    record.bodySha256 = QCryptographicHash::hash(req.body, QCryptographicHash::Sha256).toHex();
    if (req.body.size() <= FountWebhookReceiverState::BodyKept)
        record.body = req.body;

    const auto finish = [&](int status, const QString &error = {}) {
        answer(res, record, status, error);
        qCDebug(lcSandbox).noquote() << u"fount receiver: #%1 delivery %2 → %3 %4"_s.arg(
            QString::number(record.number), QString::fromLatin1(record.deliveryId),
            QString::number(status), error);
        state.received.append(std::move(record));
    };

    if (record.signature.isEmpty())
        return finish(401, u"Missing BAV-Signature header."_s);
    const QByteArray expected =
        QMessageAuthenticationCode::hash(req.body, state.secret, QCryptographicHash::Sha256)
            .toHex();
    record.signatureValid = constantTimeEquals(record.signature.trimmed().toLower(), expected);
    if (!record.signatureValid)
        return finish(401, u"Invalid signature: BAV-Signature is not the HMAC-SHA256 of the "
                           "body with this receiver's secret."_s);

    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(req.body, &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject())
        return finish(400, u"The body is not a JSON object (%1 at offset %2)."_s.arg(
                               parseError.errorString(), QString::number(parseError.offset)));
    QJsonObject payload = document.object();

    const QJsonValue timestamp = payload.value(u"webhookTimestamp"_s);
    if (!timestamp.isDouble())
        return finish(400, u"webhookTimestamp (Unix seconds) is missing."_s);
    record.hasTimestamp = true;
    record.timestampSkew = QDateTime::currentSecsSinceEpoch() - qint64(timestamp.toDouble());
    if (std::abs(record.timestampSkew) > state.maxSkewSeconds)
        return finish(
            400, u"webhookTimestamp is %1 s away from the receiver's clock (at most "
                 "%2 s allowed): a replayed or delayed webhook."_s.arg(
                     QString::number(record.timestampSkew), QString::number(state.maxSkewSeconds)));

    const QJsonValue respondents = payload.take(u"respondents"_s);
    if (respondents.isArray()) {
        const QJsonArray ids = respondents.toArray();
        record.respondents = ids.size();
        for (qsizetype i = 0; i < std::min<qsizetype>(ids.size(), FirstRespondentsKept); ++i)
            record.firstRespondents << ids.at(i).toString();
    } else if (!respondents.isUndefined()) {
        return finish(400, u"\"respondents\" must be an array of respondent ids."_s);
    }
    record.audience = payload;

    // The Fount retries with the same BAV-Delivery: take it once, still answer 200.
    if (!record.deliveryId.isEmpty()) {
        record.duplicate = state.acceptedDeliveries.contains(record.deliveryId);
        state.acceptedDeliveries.insert(record.deliveryId);
    }
    finish(200);
}

void configure(SandboxContext &context, const Request &req, Responder &res)
{
    const auto body = jsonBodyOrReject(req, res);
    if (!body)
        return;
    auto &state = context.state<FountWebhookReceiverState>();
    for (auto it = body->constBegin(); it != body->constEnd(); ++it) {
        if (it.key() != "secret"_L1 && it.key() != "maxSkewSeconds"_L1) {
            res.sendError(400, u"Unknown setting \"%1\" (secret, maxSkewSeconds)."_s.arg(it.key()));
            return;
        }
    }
    const QJsonValue secret = body->value(u"secret"_s);
    if (!secret.isUndefined() && (!secret.isString() || secret.toString().isEmpty())) {
        res.sendError(400, u"\"secret\" must be a non-empty string."_s);
        return;
    }
    const QJsonValue skew = body->value(u"maxSkewSeconds"_s);
    if (!skew.isUndefined() && (!skew.isDouble() || skew.toDouble() < 0)) {
        res.sendError(400, u"\"maxSkewSeconds\" must be a number of seconds ≥ 0."_s);
        return;
    }
    if (secret.isString())
        state.secret = secret.toString().toUtf8();
    if (skew.isDouble())
        state.maxSkewSeconds = skew.toInt();
    res.sendJson(200, state.configJson());
}

const FountWebhookReceiverState::Received *receivedOrError(SandboxContext &context,
                                                           const Request &req, Responder &res)
{
    const auto &received = context.state<FountWebhookReceiverState>().received;
    bool ok = false;
    const int number = req.param(u"n"_s).toInt(&ok);
    if (!ok || number < 1 || number > received.size()) {
        res.sendError(404, u"No received webhook %1."_s.arg(req.param(u"n"_s)));
        return nullptr;
    }
    return &received.at(number - 1);
}

} // namespace

QJsonObject FountWebhookReceiverState::Received::toJson() const
{
    QJsonArray first;
    for (const QString &id : firstRespondents)
        first.append(id);
    return {{u"number"_s, number},
            {u"receivedAt"_s, rfc3339(receivedAt)},
            {u"status"_s, status},
            {u"error"_s, error.isEmpty() ? QJsonValue() : QJsonValue(error)},
            {u"deliveryId"_s, text(deliveryId)},
            {u"event"_s, text(event)},
            {u"signature"_s, text(signature)},
            {u"signatureValid"_s, signatureValid},
            {u"userAgent"_s, text(userAgent)},
            {u"contentType"_s, text(contentType)},
            {u"acceptCharset"_s, text(acceptCharset)},
            {u"contentLength"_s, text(contentLength)},
            {u"timestampSkewSeconds"_s, hasTimestamp ? QJsonValue(timestampSkew) : QJsonValue()},
            {u"duplicate"_s, duplicate},
            {u"bodyBytes"_s, bodyBytes},
            {u"bodySha256"_s, QString::fromLatin1(bodySha256)},
            {u"bodyKept"_s, !body.isEmpty() || bodyBytes == 0},
            {u"respondents"_s, respondents},
            {u"firstRespondents"_s, first},
            {u"audience"_s, audience}};
}

QJsonObject FountWebhookReceiverState::configJson() const
{
    return {{u"url"_s, Base},
            {u"secretIsDefault"_s, secret == defaultSecret()},
            {u"maxSkewSeconds"_s, maxSkewSeconds}};
}

QJsonObject FountWebhookReceiverState::receivedJson() const
{
    QJsonArray list;
    int accepted = 0;
    for (const Received &r : received) {
        list.append(r.toJson());
        if (r.status == 200 && !r.duplicate)
            ++accepted;
    }
    return {{u"received"_s, list}, {u"accepted"_s, accepted}};
}

void FountWebhookReceiverState::reset()
{
    secret = defaultSecret();
    maxSkewSeconds = DefaultMaxSkewSeconds;
    received.clear();
    acceptedDeliveries.clear();
}

void registerFountWebhookRoutes(Router &router, SandboxContext &context)
{
    constexpr auto Exempt = Router::Faults::Exempt;
    // The receiver itself is subject to fault injection (a 500 to make the sender retry);
    // the inspection and configuration routes are not.
    router.post(Base, Router::bind(context, receive));
    router.get(
        Base + u"/received"_s,
        [&context](const Request &, Responder &res) {
            res.sendJson(200, context.state<FountWebhookReceiverState>().receivedJson());
        },
        Exempt);
    router.del(
        Base + u"/received"_s,
        [&context](const Request &, Responder &res) {
            auto &state = context.state<FountWebhookReceiverState>();
            state.received.clear();
            state.acceptedDeliveries.clear();
            res.sendEmpty(204);
        },
        Exempt);
    router.get(
        Base + u"/received/{n}"_s,
        [&context](const Request &req, Responder &res) {
            if (const auto *r = receivedOrError(context, req, res))
                res.sendJson(200, r->toJson());
        },
        Exempt);
    router.get(
        Base + u"/received/{n}/body"_s,
        [&context](const Request &req, Responder &res) {
            const auto *r = receivedOrError(context, req, res);
            if (!r)
                return;
            if (r->body.isEmpty() && r->bodyBytes > 0) {
                res.sendError(410, u"The body (%1 bytes) was too large to keep; its SHA-256 is "
                                   "in the record."_s.arg(r->bodyBytes));
                return;
            }
            res.send(200, "application/json"_ba, r->body);
        },
        Exempt);
    router.get(
        Base + u"/config"_s,
        [&context](const Request &, Responder &res) {
            res.sendJson(200, context.state<FountWebhookReceiverState>().configJson());
        },
        Exempt);
    router.put(
        Base + u"/config"_s,
        [&context](const Request &req, Responder &res) { configure(context, req, res); }, Exempt);
}

} // namespace courier::sandbox
