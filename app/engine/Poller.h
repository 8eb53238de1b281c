#pragma once

#include "engine/Backoff.h"
#include "engine/HttpJob.h"

#include <chrono>
#include <functional>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QTimer>

namespace courier {

// What one poll's answer says about an export being prepared.
struct PollVerdict
{
    enum class State {
        NotReady,     // poll again after a while
        Ready,        // the export can be downloaded
        Gone,         // the export vanished (expired, unknown): request a new one
        Failed,       // the export failed for good; message says why (user-visible)
        RequestAgain, // this export failed, a new request may work (APSIS 503)
    };

    State state = State::NotReady;
    QString message;          // Failed / RequestAgain: translated reason
    int percentComplete = -1; // 0..100 when the answer says, else -1

    static PollVerdict notReady(int percent = -1) { return {State::NotReady, {}, percent}; }
    static PollVerdict ready() { return {State::Ready, {}, 100}; }
    static PollVerdict gone(QString why = {}) { return {State::Gone, std::move(why), -1}; }
    static PollVerdict failed(QString why) { return {State::Failed, std::move(why), -1}; }
    static PollVerdict requestAgain(QString why = {})
    {
        return {State::RequestAgain, std::move(why), -1};
    }
};

// Decides from one answer's status and body. Statuses reach it when they are 2xx or listed in
// Poller::setAcceptedStatuses(); any other failure ends the polling with RequestFailed.
using PollClassifier = std::function<PollVerdict(int httpStatus, const QByteArray &body)>;

// Asks "is it ready?" until it is: a fresh HttpJob GET per poll (each with its own retries for
// transient failures), exponential back-off with jitter between polls (the poll policy's
// initial, factor, cap and jitter; its maxAttempts is ignored: polls are unlimited), and an
// overall deadline. The first poll goes out at once. Lives on the thread of the
// QNetworkAccessManager.
//
// Two styles of API fit:
//  - status-coded (APSIS): 404 = not ready, 200 = ready, 410 = gone, 503 = failed, ask again;
//    list those statuses in setAcceptedStatuses() so they reach the classifier;
//  - a 200 JSON document with a state field (GA4, the exchange): the classifier reads it.
class Poller : public QObject
{
    Q_OBJECT

public:
    enum class Outcome {
        Ready,         // body() holds the ready answer
        Gone,          // the classifier said Gone
        Failed,        // the classifier said Failed: message()
        RequestAgain,  // the classifier said RequestAgain
        TimedOut,      // the deadline passed first: message()
        RequestFailed, // a poll request failed for good: message(), httpStatus(), errorBody()
    };
    using Done = std::function<void(Outcome outcome)>;

    Poller(QNetworkAccessManager &nam, HttpRequestSpec request, PollClassifier classifier,
           QObject *parent = nullptr);
    ~Poller() override;

    void setBearerTokenProvider(std::function<QByteArray()> provider)
    {
        m_tokenProvider = std::move(provider);
    }
    void setTokenRefresher(std::function<void(std::function<void(bool ok)>)> refresher)
    {
        m_refresher = std::move(refresher);
    }
    // Spacing of the polls (maxAttempts ignored).
    void setPollPolicy(BackoffPolicy policy) { m_pollPolicy = policy; }
    // Retries of each poll request (HttpJob::setPolicy).
    void setRetryPolicy(BackoffPolicy policy) { m_retryPolicy = policy; }
    // From start() to a verdict other than NotReady. Default: none.
    void setDeadline(std::chrono::milliseconds deadline) { m_deadline = deadline; }
    // Statuses that are answers rather than failures (HttpJob::setAcceptedStatuses).
    void setAcceptedStatuses(QList<int> statuses) { m_acceptedStatuses = std::move(statuses); }
    // Called with each percentComplete a NotReady verdict carries. It may cancel() the poller
    // but not delete it (the classifier neither).
    void setProgressHandler(std::function<void(int percent)> handler)
    {
        m_progress = std::move(handler);
    }
    // The body of the ready (2xx) answer goes to this file (HttpJob::setResponseFile), not to
    // memory: an export file can be hundreds of megabytes. body() is then empty for it; the
    // other answers (404, 410, …) stay in memory for the classifier. downloadProgress()
    // reports its bytes as they arrive.
    void setResponseFile(QString path) { m_responsePath = std::move(path); }
    // Random numbers in [0, 1) for the jitter; tests make it 0.5 (no jitter).
    void setRandom(std::function<double()> random) { m_random = std::move(random); }

    // Polls until an outcome; done is called exactly once, unless cancel() comes first.
    void start(Done done);
    // Stops at once; done is not called. Safe at any moment, also from inside a callback.
    void cancel();

    bool isRunning() const { return m_running; }
    int polls() const { return m_polls; }
    int httpStatus() const { return m_status; } // of the last answer
    QByteArray body() const { return m_body; }  // of the last answer (Ready: the ready one)
    QByteArray errorBody() const { return m_errorBody; } // RequestFailed: the error's start
    QString message() const { return m_message; }
    // The delay before poll number `poll` (2-based: the first poll has none).
    static std::chrono::milliseconds delayBefore(const BackoffPolicy &policy, int poll,
                                                 double random01);

signals:
    // Bytes of a 2xx answer received so far (HttpJob::progress); total is -1 when unknown.
    void downloadProgress(qint64 received, qint64 total);

private:
    void poll();
    void onJobFinished(HttpJob *job, bool ok);
    void scheduleNext();
    void onDeadline();
    void finish(Outcome outcome, QString message = {});
    void dropJob();

    QNetworkAccessManager &m_nam;
    HttpRequestSpec m_request;
    PollClassifier m_classifier;
    std::function<QByteArray()> m_tokenProvider;
    std::function<void(std::function<void(bool)>)> m_refresher;
    BackoffPolicy m_pollPolicy;
    BackoffPolicy m_retryPolicy;
    std::chrono::milliseconds m_deadline{0};
    QList<int> m_acceptedStatuses;
    QString m_responsePath;
    std::function<void(int)> m_progress;
    std::function<double()> m_random;
    Done m_done;

    QPointer<HttpJob> m_job;
    QTimer m_nextPoll;
    QTimer m_deadlineTimer;
    QElapsedTimer m_clock;
    int m_polls = 0;
    int m_status = 0;
    QByteArray m_body;
    QByteArray m_errorBody;
    QString m_message;
    bool m_running = false;
};

} // namespace courier
