#pragma once

#include "engine/Backoff.h"
#include "engine/GzipDecoder.h"

#include <chrono>
#include <functional>
#include <memory>
#include <QElapsedTimer>
#include <QList>
#include <QNetworkAccessManager>
#include <QObject>
#include <QPointer>
#include <QTimer>
#include <QUrl>

class QSaveFile;

namespace courier {

struct HttpRequestSpec
{
    // Get, Post, Put, Delete or Head.
    QNetworkAccessManager::Operation verb = QNetworkAccessManager::GetOperation;
    QUrl url;
    QList<std::pair<QByteArray, QByteArray>> headers;
    QByteArray body;
    QByteArray contentType;
};

// One logical HTTP request: retried with backoff on transient failures, the credentials
// refreshed once on a 401, the response body streamed to a file (or kept in memory when small).
// Runs on the thread of the QNetworkAccessManager; finished() is emitted exactly once, also
// when cancel() is called (synchronously, from inside cancel()).
class HttpJob : public QObject
{
    Q_OBJECT

public:
    // Bodies kept in memory (no response file) may not exceed this; they are for JSON APIs.
    static constexpr qint64 MemoryBodyCap = 8 << 20;

    HttpJob(QNetworkAccessManager &nam, HttpRequestSpec spec, QObject *parent = nullptr);
    ~HttpJob() override;

    // Called at each attempt, so a token read from the keychain is never cached here.
    // An empty token sends no Authorization header.
    void setBearerTokenProvider(std::function<QByteArray()> provider)
    {
        m_tokenProvider = std::move(provider);
    }
    // Called on the first 401 with a completion callback; ok → one more attempt, else the job
    // fails asking the user to reconnect the endpoint. A second 401 fails the same way.
    void setTokenRefresher(std::function<void(std::function<void(bool ok)>)> refresher)
    {
        m_refresher = std::move(refresher);
    }
    // The body of a successful response goes to a temporary file next to `path`, renamed into
    // place only on success; a failed or cancelled job leaves nothing behind.
    void setResponseFile(QString path) { m_responsePath = std::move(path); }
    void setPolicy(BackoffPolicy policy) { m_policy = policy; }
    // No bytes for this long → the attempt is aborted as a (transient) timeout. Default 60 s.
    void setInactivityTimeout(std::chrono::milliseconds timeout) { m_inactivity = timeout; }
    // The whole job, waits included, must finish within this. Default: no deadline.
    void setOverallDeadline(std::chrono::milliseconds deadline) { m_deadline = deadline; }
    // Non-2xx statuses that complete the job instead of being retried or failing it, for
    // callers to whom they are an answer (a poller: 404 = not ready yet, 410 = gone, ...).
    // Such a response emits finished(true) with httpStatus() set to it and its body in body()
    // (in memory, up to MemoryBodyCap); it is never written to the response file. 401 keeps
    // its token refresh unless it is listed here.
    void setAcceptedStatuses(QList<int> statuses) { m_acceptedStatuses = std::move(statuses); }

    void start();
    void cancel();

    bool isFinished() const { return m_finished; }
    int httpStatus() const { return m_status; }
    // Empty when a response file is set, unless the answer was an accepted status.
    QByteArray body() const { return m_body; }
    // The start (up to 1 KiB) of the last failed response's body, e.g. a JSON error to turn
    // into a message. Never log it unredacted.
    QByteArray errorBody() const { return m_errorBody; }
    // True when the job completed with a status from setAcceptedStatuses().
    bool isAcceptedStatus() const;
    QString errorString() const { return m_error; }
    int attempts() const { return m_attempts; }
    qint64 bytesReceived() const { return m_bytesReceived; }

signals:
    void progress(qint64 received, qint64 total); // total is -1 when unknown (e.g. compressed)
    void finished(bool ok);

private:
    enum class Abort { None, Inactivity, TooLarge, WriteFailed, BadEncoding };

    void startAttempt();
    void onReadyRead();
    void onReplyFinished();
    bool drainReply();
    void retryOrFail(int status, QNetworkReply::NetworkError error, const QString &detail);
    void refreshToken();
    void abortAttempt(Abort reason);
    void afterAbort(Abort reason);
    void onDeadline();
    void restartIdleTimer();
    void discardSpool();
    void finish(bool ok, const QString &error = {});
    QString host() const;
    QString displayUrl() const; // redacted, for logs

    QNetworkAccessManager &m_nam;
    HttpRequestSpec m_spec;
    std::function<QByteArray()> m_tokenProvider;
    std::function<void(std::function<void(bool)>)> m_refresher;
    QString m_responsePath;
    BackoffPolicy m_policy;
    std::chrono::milliseconds m_inactivity{60000};
    std::chrono::milliseconds m_deadline{0};
    QList<int> m_acceptedStatuses;

    QPointer<QNetworkReply> m_reply;
    std::unique_ptr<QSaveFile> m_spool;
    // Set per attempt when a 2xx body arrives gzip-encoded; see GzipDecoder for why.
    std::unique_ptr<GzipDecoder> m_gzip;
    QByteArray m_decoded;
    QTimer m_idleTimer;
    QTimer m_retryTimer;
    QTimer m_deadlineTimer;
    QElapsedTimer m_clock;
    QString m_writeError;
    QString m_transportError; // the last attempt's network error, for the final message
    std::optional<std::chrono::milliseconds> m_retryAfter;
    QByteArray m_body;
    QByteArray m_errorBody; // the start of a failed response, for the log
    QString m_error;
    int m_status = 0;
    int m_attempts = 0;
    qint64 m_bytesReceived = 0;
    bool m_refreshed = false;
    bool m_started = false;
    bool m_finished = false;
};

} // namespace courier
