#include "HttpJob.h"

#include "common/Logging.h"
#include "common/Redaction.h"

#include <QDir>
#include <QLocale>
#include <QLoggingCategory>
#include <QNetworkReply>
#include <QRandomGenerator>
#include <QSaveFile>

namespace courier {

namespace {
// Read in slices so a large body never sits whole in memory on its way to the file.
constexpr qint64 ReadChunk = 64 << 10;
constexpr qint64 ReadBufferBytes = 1 << 20;
// Enough of an error response to say what the server complained about.
constexpr qsizetype ErrorBodyKept = 1024;

bool isSuccess(int status)
{
    return status >= 200 && status < 300;
}

// The server answered with an HTTP error status (as opposed to a transport failure).
bool isHttpLevelError(QNetworkReply::NetworkError error)
{
    return (error >= QNetworkReply::ContentAccessDenied &&
            error <= QNetworkReply::UnknownContentError) ||
           (error >= QNetworkReply::InternalServerError &&
            error <= QNetworkReply::UnknownServerError);
}

QString seconds(std::chrono::milliseconds ms)
{
    return QLocale().toString(static_cast<double>(ms.count()) / 1000.0, 'g', 3);
}
} // namespace

HttpJob::HttpJob(QNetworkAccessManager &nam, HttpRequestSpec spec, QObject *parent)
    : QObject(parent)
    , m_nam(nam)
    , m_spec(std::move(spec))
{
    m_idleTimer.setSingleShot(true);
    m_retryTimer.setSingleShot(true);
    m_deadlineTimer.setSingleShot(true);
    connect(&m_idleTimer, &QTimer::timeout, this, [this] { abortAttempt(Abort::Inactivity); });
    connect(&m_retryTimer, &QTimer::timeout, this, &HttpJob::startAttempt);
    connect(&m_deadlineTimer, &QTimer::timeout, this, &HttpJob::onDeadline);
}

HttpJob::~HttpJob()
{
    if (QNetworkReply *reply = m_reply.data()) {
        disconnect(reply, nullptr, this, nullptr);
        reply->abort();
        reply->deleteLater();
    }
    discardSpool();
}

void HttpJob::start()
{
    if (m_started || m_finished)
        return;
    m_started = true;
    m_clock.start();
    if (m_deadline.count() > 0)
        m_deadlineTimer.start(m_deadline);
    startAttempt();
}

void HttpJob::cancel()
{
    finish(false, tr("The request to %1 was cancelled.").arg(host()));
}

bool HttpJob::isAcceptedStatus() const
{
    return m_status > 0 && !isSuccess(m_status) && m_acceptedStatuses.contains(m_status);
}

QString HttpJob::host() const
{
    return m_spec.url.host();
}

QString HttpJob::displayUrl() const
{
    return redactedUrl(m_spec.url).toDisplayString();
}

void HttpJob::startAttempt()
{
    if (m_finished)
        return;
    ++m_attempts;
    m_status = 0;
    m_retryAfter.reset();
    m_body.clear();
    m_errorBody.clear();
    m_bytesReceived = 0;

    QNetworkRequest request(m_spec.url);
    // Following an https → http redirect would send the request (and its token) in clear.
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         QNetworkRequest::NoLessSafeRedirectPolicy);
    for (const auto &[name, value] : std::as_const(m_spec.headers))
        request.setRawHeader(name, value);
    // Asking for gzip ourselves turns Qt's transparent decoding off: HttpJob decodes and so
    // can tell a complete body from a cut one (GzipDecoder).
    if (!request.hasRawHeader(QByteArrayLiteral("Accept-Encoding")))
        request.setRawHeader(QByteArrayLiteral("Accept-Encoding"), QByteArrayLiteral("gzip"));
    m_gzip.reset();
    if (!m_spec.contentType.isEmpty())
        request.setRawHeader(QByteArrayLiteral("Content-Type"), m_spec.contentType);
    // Asked for at every attempt: the token may have been refreshed since the last one.
    if (m_tokenProvider) {
        const QByteArray token = m_tokenProvider();
        if (!token.isEmpty())
            request.setRawHeader(QByteArrayLiteral("Authorization"),
                                 QByteArrayLiteral("Bearer ") + token);
    }

    if (!m_responsePath.isEmpty()) {
        m_spool = std::make_unique<QSaveFile>(m_responsePath);
        if (!m_spool->open(QIODevice::WriteOnly)) {
            const QString reason = m_spool->errorString();
            m_spool.reset();
            finish(false,
                   tr("Cannot write %1: %2").arg(QDir::toNativeSeparators(m_responsePath), reason));
            return;
        }
    }

    qCDebug(lcHttp).noquote() << redactSecrets(QStringLiteral("attempt %1/%2: %3")
                                                   .arg(m_attempts)
                                                   .arg(m_policy.maxAttempts)
                                                   .arg(displayUrl()));

    QNetworkReply *reply = nullptr;
    switch (m_spec.verb) {
    case QNetworkAccessManager::GetOperation:
        reply = m_nam.get(request);
        break;
    case QNetworkAccessManager::HeadOperation:
        reply = m_nam.head(request);
        break;
    case QNetworkAccessManager::PostOperation:
        reply = m_nam.post(request, m_spec.body);
        break;
    case QNetworkAccessManager::PutOperation:
        reply = m_nam.put(request, m_spec.body);
        break;
    case QNetworkAccessManager::DeleteOperation:
        reply = m_spec.body.isEmpty()
                    ? m_nam.deleteResource(request)
                    : m_nam.sendCustomRequest(request, QByteArrayLiteral("DELETE"), m_spec.body);
        break;
    default:
        finish(false, tr("Unsupported request method."));
        return;
    }
    m_reply = reply;
    // Without a limit, Qt buffers whatever the network delivers while this thread is busy: a
    // whole part of an export. Bounded, TCP flow control holds the sender back instead.
    if (!m_responsePath.isEmpty())
        reply->setReadBufferSize(ReadBufferBytes);
    connect(reply, &QNetworkReply::readyRead, this, &HttpJob::onReadyRead);
    connect(reply, &QNetworkReply::finished, this, &HttpJob::onReplyFinished);
    // Uploading counts as activity too, or a slow large upload would look stalled.
    connect(reply, &QNetworkReply::uploadProgress, this, &HttpJob::restartIdleTimer);
    connect(reply, &QNetworkReply::downloadProgress, this, &HttpJob::restartIdleTimer);
    if (m_inactivity.count() > 0)
        m_idleTimer.start(m_inactivity);
}

void HttpJob::onReadyRead()
{
    restartIdleTimer();
    if (!drainReply())
        return;
    if (!m_reply || !isSuccess(m_status))
        return;
    // With Content-Encoding the length counts compressed bytes, not the ones we receive.
    const bool compressed = !m_reply->rawHeader(QByteArrayLiteral("Content-Encoding")).isEmpty();
    const QVariant length = m_reply->header(QNetworkRequest::ContentLengthHeader);
    emit progress(m_bytesReceived, compressed || !length.isValid() ? -1 : length.toLongLong());
}

bool HttpJob::drainReply()
{
    QNetworkReply *reply = m_reply.data();
    if (!reply)
        return false;
    if (m_status == 0)
        m_status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    // Bodies of 2xx and accepted statuses are the answer; others are only an error's detail.
    const bool answer = isSuccess(m_status) || isAcceptedStatus();
    while (reply->bytesAvailable() > 0) {
        const QByteArray chunk = reply->read(ReadChunk);
        if (chunk.isEmpty())
            break;
        if (!m_gzip &&
            reply->rawHeader(QByteArrayLiteral("Content-Encoding")).trimmed().toLower() ==
                QByteArrayLiteral("gzip"))
            m_gzip = std::make_unique<GzipDecoder>();
        QByteArrayView data = chunk;
        if (m_gzip) {
            m_decoded.resize(0); // keeps its capacity for the next chunk
            if (!m_gzip->feed(chunk, m_decoded)) {
                if (!answer) {
                    m_errorBody.clear(); // an undecodable error body says nothing useful
                    continue;
                }
                abortAttempt(Abort::BadEncoding);
                return false;
            }
            data = m_decoded;
        }
        if (!answer) {
            // Error bodies are only logged or turned into a message; keep their start.
            const qsizetype room = std::max<qsizetype>(ErrorBodyKept - m_errorBody.size(), 0);
            m_errorBody.append(data.first(std::min(room, data.size())));
            continue;
        }
        m_bytesReceived += data.size();
        if (m_spool && isSuccess(m_status)) {
            if (m_spool->write(data.data(), data.size()) != data.size()) {
                m_writeError = m_spool->errorString();
                abortAttempt(Abort::WriteFailed);
                return false;
            }
        } else if (m_body.size() + data.size() > MemoryBodyCap) {
            abortAttempt(Abort::TooLarge);
            return false;
        } else {
            m_body.append(data);
        }
    }
    return true;
}

void HttpJob::onReplyFinished()
{
    if (!drainReply())
        return;
    QNetworkReply *reply = m_reply.data();
    m_reply = nullptr;
    m_idleTimer.stop();
    reply->deleteLater();

    const QNetworkReply::NetworkError error = reply->error();
    m_status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    m_retryAfter = parseRetryAfter(reply->rawHeader(QByteArrayLiteral("Retry-After")),
                                   QDateTime::currentDateTimeUtc());

    // An accepted status completes the job when its whole answer arrived (a 404 surfaces as
    // ContentNotFoundError, so HTTP-level errors count as arrived; transport errors do not).
    const bool accepted =
        isAcceptedStatus() && (error == QNetworkReply::NoError || isHttpLevelError(error));
    if ((accepted || (error == QNetworkReply::NoError && isSuccess(m_status))) && m_gzip &&
        !m_gzip->isComplete()) {
        discardSpool();
        qCWarning(lcHttp).noquote()
            << redactSecrets(QStringLiteral("attempt %1/%2 to %3: the gzip body ended early")
                                 .arg(m_attempts)
                                 .arg(m_policy.maxAttempts)
                                 .arg(displayUrl()));
        retryOrFail(0, QNetworkReply::RemoteHostClosedError,
                    tr("The response from %1 ended before its compressed data did.").arg(host()));
        return;
    }
    // Qt 6.4 takes a connection closed mid-body for the end of the body. Where the server said
    // how long the body is, hold it to that (compressed bodies are checked by their trailer).
    if (error == QNetworkReply::NoError && isSuccess(m_status) && !m_gzip &&
        m_spec.verb != QNetworkAccessManager::HeadOperation) {
        bool known = false;
        const qint64 length =
            reply->rawHeader(QByteArrayLiteral("Content-Length")).trimmed().toLongLong(&known);
        if (known && m_bytesReceived != length) {
            discardSpool();
            qCWarning(lcHttp).noquote()
                << redactSecrets(QStringLiteral("attempt %1/%2 to %3: %4 of %5 bytes arrived")
                                     .arg(m_attempts)
                                     .arg(m_policy.maxAttempts)
                                     .arg(displayUrl())
                                     .arg(m_bytesReceived)
                                     .arg(length));
            retryOrFail(0, QNetworkReply::RemoteHostClosedError,
                        tr("The response from %1 ended before all of it arrived.").arg(host()));
            return;
        }
    }
    if (accepted) {
        discardSpool(); // the file is for the 2xx answer only
        finish(true);
        return;
    }
    if (error == QNetworkReply::NoError && isSuccess(m_status)) {
        if (m_spool && !m_spool->commit()) {
            const QString reason = m_spool->errorString();
            m_spool.reset();
            finish(false, tr("Cannot finish writing %1: %2")
                              .arg(QDir::toNativeSeparators(m_responsePath), reason));
            return;
        }
        m_spool.reset();
        finish(true);
        return;
    }
    discardSpool();

    QString detail;
    if (m_status >= 400) {
        detail = tr("The server at %1 answered HTTP %2.").arg(host()).arg(m_status);
    } else if (error == QNetworkReply::InsecureRedirectError) {
        detail = tr("The server at %1 redirected to an insecure (http) address, which was "
                    "refused.")
                     .arg(host());
    } else if (error == QNetworkReply::NoError) {
        detail = tr("The server at %1 answered HTTP %2, which this request cannot use.")
                     .arg(host())
                     .arg(m_status);
    } else {
        detail = tr("The request to %1 failed: %2").arg(host(), reply->errorString());
        m_transportError = reply->errorString();
    }
    qCWarning(lcHttp).noquote() << redactSecrets(
        QStringLiteral("attempt %1/%2 to %3 failed (HTTP %4, %5): %6")
            .arg(m_attempts)
            .arg(m_policy.maxAttempts)
            .arg(displayUrl())
            .arg(m_status)
            .arg(reply->errorString(), QString::fromUtf8(m_errorBody).simplified()));
    retryOrFail(m_status, error, detail);
}

void HttpJob::retryOrFail(int status, QNetworkReply::NetworkError error, const QString &detail)
{
    switch (classify(status, error)) {
    case RetryDecision::RefreshToken:
        if (m_refresher && !m_refreshed) {
            refreshToken();
            return;
        }
        finish(false, tr("The endpoint refused the credentials (HTTP %1). Reconnect this endpoint.")
                          .arg(status));
        return;
    case RetryDecision::Fail:
        finish(false, detail);
        return;
    case RetryDecision::Retry:
        break;
    }

    if (m_attempts >= m_policy.maxAttempts) {
        if (status >= 400) {
            finish(false, tr("The server at %1 kept failing (HTTP %2) after %n attempt(s).",
                             nullptr, m_attempts)
                              .arg(host())
                              .arg(status));
        } else if (error == QNetworkReply::TimeoutError) {
            finish(false, detail);
        } else {
            finish(false, tr("The transfer from %1 kept failing after %n attempt(s): %2", nullptr,
                             m_attempts)
                              .arg(host(), m_transportError));
        }
        return;
    }

    using std::chrono::milliseconds;
    // The server knows best when it will be ready, but never wait past the policy's cap.
    milliseconds delay = m_retryAfter ? std::min(*m_retryAfter, m_policy.cap)
                                      : backoffDelay(m_policy, m_attempts,
                                                     QRandomGenerator::global()->generateDouble());
    if (m_deadline.count() > 0)
        delay = std::clamp(m_deadline - milliseconds(m_clock.elapsed()), milliseconds(0), delay);
    qCInfo(lcHttp).noquote() << redactSecrets(
        QStringLiteral("retrying %1 in %2 ms").arg(displayUrl()).arg(delay.count()));
    m_retryTimer.start(delay);
}

void HttpJob::refreshToken()
{
    m_refreshed = true;
    qCInfo(lcHttp).noquote() << redactSecrets(
        QStringLiteral("credentials refused by %1; refreshing them").arg(host()));
    QPointer<HttpJob> self(this);
    m_refresher([self](bool ok) {
        if (!self || self->m_finished)
            return;
        if (ok) {
            self->startAttempt();
        } else {
            self->finish(false, tr("The endpoint refused the credentials (HTTP %1). Reconnect "
                                   "this endpoint.")
                                    .arg(401));
        }
    });
}

void HttpJob::abortAttempt(Abort reason)
{
    m_idleTimer.stop();
    if (QNetworkReply *reply = m_reply.data()) {
        m_reply = nullptr;
        // Detached first: abort() emits finished() synchronously and this is not a failure
        // the reply should report on its own.
        disconnect(reply, nullptr, this, nullptr);
        reply->abort();
        reply->deleteLater();
    }
    discardSpool();
    // Decided later, not from inside a reply's signal: finished() may delete this job.
    QMetaObject::invokeMethod(
        this, [this, reason] { afterAbort(reason); }, Qt::QueuedConnection);
}

void HttpJob::afterAbort(Abort reason)
{
    switch (reason) {
    case Abort::Inactivity: {
        const QString detail = tr("No data arrived for %1 s.").arg(seconds(m_inactivity));
        qCWarning(lcHttp).noquote() << redactSecrets(QStringLiteral("attempt %1/%2 to %3 stalled")
                                                         .arg(m_attempts)
                                                         .arg(m_policy.maxAttempts)
                                                         .arg(displayUrl()));
        retryOrFail(0, QNetworkReply::TimeoutError, detail);
        return;
    }
    case Abort::TooLarge:
        finish(
            false,
            tr("The response from %1 is larger than %2 MiB.").arg(host()).arg(MemoryBodyCap >> 20));
        return;
    case Abort::WriteFailed:
        finish(
            false,
            tr("Cannot write %1: %2").arg(QDir::toNativeSeparators(m_responsePath), m_writeError));
        return;
    case Abort::BadEncoding:
        finish(false, m_gzip ? m_gzip->errorString() : QString());
        return;
    case Abort::None:
        return;
    }
}

void HttpJob::restartIdleTimer()
{
    if (m_inactivity.count() > 0)
        m_idleTimer.start(m_inactivity);
}

void HttpJob::onDeadline()
{
    finish(false, tr("The server at %1 did not complete the request within %2 s.")
                      .arg(host(), seconds(m_deadline)));
}

void HttpJob::discardSpool()
{
    if (m_spool) {
        m_spool->cancelWriting();
        m_spool->commit(); // with writing cancelled, this only removes the temporary file
        m_spool.reset();
    }
}

void HttpJob::finish(bool ok, const QString &error)
{
    if (m_finished)
        return;
    m_finished = true;
    m_idleTimer.stop();
    m_retryTimer.stop();
    m_deadlineTimer.stop();
    if (QNetworkReply *reply = m_reply.data()) {
        m_reply = nullptr;
        disconnect(reply, nullptr, this, nullptr);
        reply->abort();
        reply->deleteLater();
    }
    if (!ok)
        discardSpool();
    m_error = error;
    if (ok) {
        qCDebug(lcHttp).noquote() << redactSecrets(
            QStringLiteral("%1 done: HTTP %2, %3 bytes, %4 attempt(s)")
                .arg(displayUrl())
                .arg(m_status)
                .arg(m_bytesReceived)
                .arg(m_attempts));
    } else {
        qCWarning(lcHttp).noquote() << redactSecrets(error);
    }
    emit finished(ok);
}

} // namespace courier
