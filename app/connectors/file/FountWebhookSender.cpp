#include "FountWebhookSender.h"

#include "common/Logging.h"
#include "common/Redaction.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMessageAuthenticationCode>
#include <QNetworkReply>
#include <QRandomGenerator>

namespace courier {

namespace {

// Enough of a receiver's answer to say what it complained about.
constexpr qsizetype AnswerKept = 1024;
constexpr qsizetype MessageChars = 200;
constexpr qint64 ReadSlice = 64 << 10;

// What a receiver said, in one short line: the message of a JSON error body ({"error":
// {"message"}}, {"data":{"message"}}, {"message"}, {"error": "…"}), else the text itself.
QString receiverMessage(const QByteArray &answer)
{
    const QJsonDocument document = QJsonDocument::fromJson(answer);
    QString message;
    if (document.isObject()) {
        const QJsonObject object = document.object();
        const QJsonValue error = object.value(QStringLiteral("error"));
        if (error.isObject())
            message = error.toObject().value(QStringLiteral("message")).toString();
        else if (error.isString())
            message = error.toString();
        if (message.isEmpty())
            message = object.value(QStringLiteral("data"))
                          .toObject()
                          .value(QStringLiteral("message"))
                          .toString();
        if (message.isEmpty())
            message = object.value(QStringLiteral("message")).toString();
    }
    if (message.isEmpty() && !answer.trimmed().startsWith('<')) // not an HTML error page
        message = QString::fromUtf8(answer);
    message = message.simplified();
    if (message.size() > MessageChars)
        message = message.left(MessageChars) + QChar(0x2026);
    return message;
}

} // namespace

FountWebhookSender::FountWebhookSender(QNetworkAccessManager &network, BackoffPolicy policy,
                                       QObject *parent)
    : QObject(parent)
    , m_network(network)
    , m_policy(policy)
{
    m_retryTimer.setSingleShot(true);
    connect(&m_retryTimer, &QTimer::timeout, this, &FountWebhookSender::attempt);
}

FountWebhookSender::~FountWebhookSender()
{
    cancel();
}

QByteArray FountWebhookSender::sign(QByteArrayView secret, QByteArrayView body)
{
    QMessageAuthenticationCode mac(QCryptographicHash::Sha256, secret.toByteArray());
    mac.addData(body.data(), body.size());
    return mac.result().toHex();
}

QByteArray FountWebhookSender::sign(QByteArrayView secret, QIODevice &body)
{
    QMessageAuthenticationCode mac(QCryptographicHash::Sha256, secret.toByteArray());
    QByteArray slice(ReadSlice, Qt::Uninitialized);
    for (;;) {
        const qint64 n = body.read(slice.data(), ReadSlice);
        if (n < 0)
            return {};
        if (n == 0)
            break;
        mac.addData(slice.constData(), n);
    }
    return mac.result().toHex();
}

void FountWebhookSender::send(FountWebhookMessage message, Done done)
{
    cancel();
    m_message = std::move(message);
    m_done = std::move(done);
    m_result = {};
    // From the event loop, so done never runs inside send().
    m_retryTimer.start(0);
}

void FountWebhookSender::cancel()
{
    m_done = nullptr;
    m_retryTimer.stop();
    if (QNetworkReply *reply = m_reply.data()) {
        disconnect(reply, nullptr, this, nullptr);
        reply->abort();
        reply->deleteLater();
    }
    m_reply = nullptr;
}

void FountWebhookSender::attempt()
{
    if (!m_done)
        return;
    ++m_result.attempts;
    m_result.status = 0;
    m_result.transportError.clear();
    m_result.receiverMessage.clear();
    m_answer.clear();

    // A fresh device per attempt: Qt reads the body from it as the socket drains, and a retry
    // must start again at byte 0.
    auto *body = new QFile(m_message.bodyPath, this);
    if (!body->open(QIODevice::ReadOnly)) {
        m_result.transportError = body->errorString();
        delete body;
        finish(); // the file went away: retrying cannot bring it back
        return;
    }

    QNetworkRequest request(m_message.url);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    request.setHeader(QNetworkRequest::ContentLengthHeader, body->size());
    request.setHeader(QNetworkRequest::UserAgentHeader, QByteArrayLiteral("BAV-Webhook"));
    request.setRawHeader(QByteArrayLiteral("Accept-Charset"), QByteArrayLiteral("utf-8"));
    request.setRawHeader(QByteArrayLiteral("BAV-Delivery"), m_message.deliveryId);
    request.setRawHeader(QByteArrayLiteral("BAV-Event"), m_message.event);
    request.setRawHeader(QByteArrayLiteral("BAV-Signature"), m_message.signature);
    // Stream from the file instead of copying it into memory first.
    request.setAttribute(QNetworkRequest::DoNotBufferUploadDataAttribute, true);
    // A redirected POST would turn into a GET without the payload; the receiver's URL is
    // registered exactly, so a 3xx is an answer like any other non-2xx.
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         QNetworkRequest::ManualRedirectPolicy);
    request.setTransferTimeout(int(m_timeout.count()));

    qCDebug(lcConnectors).noquote()
        << QStringLiteral("fount webhook: attempt %1/%2 → %3 (%4 bytes)")
               .arg(m_result.attempts)
               .arg(m_policy.maxAttempts)
               .arg(redactedUrl(m_message.url).toDisplayString())
               .arg(body->size());
    QNetworkReply *reply = m_network.post(request, body);
    body->setParent(reply); // it must live as long as the upload
    m_reply = reply;
    connect(reply, &QNetworkReply::readyRead, this, &FountWebhookSender::onReadyRead);
    connect(reply, &QNetworkReply::finished, this, &FountWebhookSender::onFinished);
}

void FountWebhookSender::onReadyRead()
{
    QNetworkReply *reply = m_reply.data();
    if (!reply)
        return;
    // Keep the start of the answer for messages, drop the rest as it comes.
    char slice[16 << 10];
    for (;;) {
        const qint64 n = reply->read(slice, sizeof slice);
        if (n <= 0)
            break;
        if (m_answer.size() < AnswerKept)
            m_answer.append(slice, std::min<qint64>(n, AnswerKept - m_answer.size()));
    }
}

void FountWebhookSender::onFinished()
{
    QNetworkReply *reply = m_reply.data();
    if (!reply)
        return;
    onReadyRead();
    m_reply = nullptr;
    reply->deleteLater();

    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    m_result.status = status;
    if (status >= 200 && status < 300) {
        m_result.delivered = true;
        return finish();
    }
    if (status == 0) {
        m_result.transportError = reply->errorString();
        // Our own transfer timeout shows as a cancel; that one is worth another attempt.
        const QNetworkReply::NetworkError error = reply->error();
        if (error != QNetworkReply::OperationCanceledError &&
            classify(0, error) == RetryDecision::Fail)
            return finish();
        return retryOrFinish(std::chrono::milliseconds(0));
    }
    m_result.receiverMessage = receiverMessage(m_answer);
    if (status == 401 || status == 403) {
        m_result.refused = true;
        return finish();
    }
    const auto retryAfter = parseRetryAfter(reply->rawHeader(QByteArrayLiteral("Retry-After")),
                                            QDateTime::currentDateTimeUtc());
    retryOrFinish(retryAfter.value_or(std::chrono::milliseconds(0)));
}

void FountWebhookSender::retryOrFinish(std::chrono::milliseconds retryAfter)
{
    if (m_result.attempts >= std::max(m_policy.maxAttempts, 1))
        return finish();
    const auto wait = std::min(std::max(backoffDelay(m_policy, m_result.attempts,
                                                     QRandomGenerator::global()->generateDouble()),
                                        retryAfter),
                               m_policy.cap);
    if (m_retrying)
        m_retrying(m_result, wait);
    m_retryTimer.start(wait);
}

void FountWebhookSender::finish()
{
    Done done = std::move(m_done);
    m_done = nullptr;
    if (done)
        done(m_result); // may delete this
}

} // namespace courier
