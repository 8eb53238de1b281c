#include "Poller.h"

#include "common/Logging.h"
#include "common/Redaction.h"

#include <QLocale>
#include <QRandomGenerator>

namespace courier {

using std::chrono::milliseconds;

Poller::Poller(QNetworkAccessManager &nam, HttpRequestSpec request, PollClassifier classifier,
               QObject *parent)
    : QObject(parent)
    , m_nam(nam)
    , m_request(std::move(request))
    , m_classifier(std::move(classifier))
    , m_random([] { return QRandomGenerator::global()->generateDouble(); })
{
    m_nextPoll.setSingleShot(true);
    m_deadlineTimer.setSingleShot(true);
    connect(&m_nextPoll, &QTimer::timeout, this, &Poller::poll);
    connect(&m_deadlineTimer, &QTimer::timeout, this, &Poller::onDeadline);
}

Poller::~Poller()
{
    dropJob();
}

milliseconds Poller::delayBefore(const BackoffPolicy &policy, int poll, double random01)
{
    if (poll <= 1)
        return milliseconds(0);
    return backoffDelay(policy, poll - 1, random01);
}

void Poller::start(Done done)
{
    if (m_running)
        return;
    m_done = std::move(done);
    m_running = true;
    m_polls = 0;
    m_status = 0;
    m_body.clear();
    m_errorBody.clear();
    m_message.clear();
    m_clock.start();
    if (m_deadline.count() > 0)
        m_deadlineTimer.start(m_deadline);
    poll();
}

void Poller::cancel()
{
    m_running = false;
    m_done = nullptr;
    m_nextPoll.stop();
    m_deadlineTimer.stop();
    dropJob();
}

void Poller::dropJob()
{
    if (HttpJob *job = m_job.data()) {
        m_job = nullptr;
        // Detached first: cancel() emits finished() synchronously.
        disconnect(job, nullptr, this, nullptr);
        job->cancel();
        job->deleteLater();
    }
}

void Poller::poll()
{
    if (!m_running)
        return;
    ++m_polls;
    auto *job = new HttpJob(m_nam, m_request, this);
    job->setPolicy(m_retryPolicy);
    job->setAcceptedStatuses(m_acceptedStatuses);
    if (!m_responsePath.isEmpty())
        job->setResponseFile(m_responsePath);
    if (m_tokenProvider)
        job->setBearerTokenProvider(m_tokenProvider);
    if (m_refresher)
        job->setTokenRefresher(m_refresher);
    // No deadline of its own: the poller's deadline timer ends the request with the polling.
    m_job = job;
    connect(job, &HttpJob::finished, this, [this, job](bool ok) { onJobFinished(job, ok); });
    connect(job, &HttpJob::progress, this, &Poller::downloadProgress);
    job->start();
}

void Poller::onJobFinished(HttpJob *job, bool ok)
{
    if (job != m_job.data())
        return;
    m_job = nullptr;
    job->deleteLater(); // not now: we are inside its finished() signal
    m_status = job->httpStatus();
    if (!ok) {
        m_body.clear();
        m_errorBody = job->errorBody();
        finish(Outcome::RequestFailed, job->errorString());
        return;
    }
    m_body = job->body();
    m_errorBody.clear();
    const PollVerdict verdict = m_classifier(m_status, m_body);
    if (!m_running)
        return; // the classifier cancelled us
    qCDebug(lcConnectors).noquote()
        << redactSecrets(QStringLiteral("poll %1 of %2: HTTP %3, state %4, %5%")
                             .arg(m_polls)
                             .arg(redactedUrl(m_request.url).toDisplayString())
                             .arg(m_status)
                             .arg(static_cast<int>(verdict.state))
                             .arg(verdict.percentComplete));
    switch (verdict.state) {
    case PollVerdict::State::NotReady:
        if (verdict.percentComplete >= 0 && m_progress)
            m_progress(std::min(verdict.percentComplete, 100));
        if (m_running)
            scheduleNext();
        return;
    case PollVerdict::State::Ready:
        if (m_progress)
            m_progress(100);
        finish(Outcome::Ready);
        return;
    case PollVerdict::State::Gone:
        finish(Outcome::Gone, verdict.message);
        return;
    case PollVerdict::State::Failed:
        finish(Outcome::Failed, verdict.message);
        return;
    case PollVerdict::State::RequestAgain:
        finish(Outcome::RequestAgain, verdict.message);
        return;
    }
}

void Poller::scheduleNext()
{
    milliseconds delay = delayBefore(m_pollPolicy, m_polls + 1, m_random());
    if (m_deadline.count() > 0) {
        // Never sleep past the deadline: its timer fires first and ends the polling.
        delay = std::min(delay,
                         std::max(m_deadline - milliseconds(m_clock.elapsed()), milliseconds(0)));
    }
    m_nextPoll.start(delay);
}

void Poller::onDeadline()
{
    if (!m_running)
        return;
    const double minutes = static_cast<double>(m_deadline.count()) / 60000.0;
    finish(Outcome::TimedOut,
           tr("The export was still not ready after %1 minutes (%n check(s)).", nullptr, m_polls)
               .arg(QLocale().toString(minutes, 'g', 3)));
}

void Poller::finish(Outcome outcome, QString message)
{
    if (!m_running)
        return;
    m_running = false;
    m_nextPoll.stop();
    m_deadlineTimer.stop();
    dropJob();
    m_message = std::move(message);
    Done done = std::move(m_done);
    m_done = nullptr;
    if (done)
        done(outcome); // last: it may delete this poller
}

} // namespace courier
