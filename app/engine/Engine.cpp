#include "engine/Engine.h"

#include "common/Logging.h"
#include "delta/SnapshotRepository.h"
#include "secrets/SecretStore.h"
#include "store/AudienceRepository.h"
#include "store/Database.h"
#include "store/EndpointRepository.h"
#include "store/ShareRepository.h"

#include <memory>
#include <QDateTime>
#include <QDir>
#include <QThread>
#include <QUuid>

namespace courier {

namespace {

const auto WorkDirectoryKey = QStringLiteral("workDirectory");
const auto DeliveryIdKey = QStringLiteral("deliveryId");

} // namespace

Engine::Engine(const Database &database, QString runsDirectory, SecretStore *secrets,
               ConnectorRegistry registry, QObject *parent)
    : QObject(parent)
    , m_database(database)
    , m_runsDirectory(std::move(runsDirectory))
    , m_secrets(secrets)
    , m_registry(std::move(registry))
{
    qRegisterMetaType<courier::RunProgress>();
    qRegisterMetaType<courier::RunState>();
    // Snapshots a killed run was writing are of no use: its resumption computes a new one.
    QString error;
    const int swept = SnapshotRepository(m_database).sweepIncomplete(&error);
    if (swept < 0)
        qCWarning(lcEngine) << "Could not sweep unfinished member snapshots:" << error;
    else if (swept > 0)
        qCInfo(lcEngine) << "Swept" << swept << "unfinished member snapshot(s)";
}

Engine::~Engine()
{
    // Queued runs stay queued in the cache only as long as this process lives; mark them
    // interrupted (with their checkpoints) so the next start resumes them.
    RunRepository runs(m_database);
    for (const Pending &pending : std::as_const(m_pending))
        runs.finish(pending.runId,
                    {RunState::Interrupted, RunRepository::interruptedMessage(), {}, {}});
    m_pending.clear();

    for (auto it = m_active.begin(); it != m_active.end(); ++it) {
        Active &active = it.value();
        if (!active.thread)
            continue;
        active.job->interrupt();
        // Queued behind the interrupt on the run's thread, so the job stops first.
        QThread *thread = active.thread;
        QMetaObject::invokeMethod(
            active.job, [thread] { thread->quit(); }, Qt::QueuedConnection);
    }
    // The interrupted jobs stop on their threads (and finished ones may still be winding
    // down): wait for all, then mark the runs, which keep their checkpoints.
    for (const QPointer<QThread> &thread : std::as_const(m_threads)) {
        if (thread)
            thread->wait();
    }
    for (auto it = m_active.begin(); it != m_active.end(); ++it)
        runs.finish(it.key(), {RunState::Interrupted, RunRepository::interruptedMessage(), {}, {}});
}

std::optional<qint64> Engine::runShare(qint64 shareId, QString *error)
{
    RunRepository runs(m_database);
    if (const auto running = runs.unfinishedRunOf(shareId, error))
        return running;
    // A recent interruption of this very share is resumed rather than started over.
    const QList<Run> interrupted = runs.resumable(resumableSince(ResumeWindow));
    for (const Run &run : interrupted) {
        if (run.shareId == shareId)
            return queueShare(shareId, &run, error);
    }
    return queueShare(shareId, nullptr, error);
}

std::optional<qint64> Engine::dryRunShare(qint64 shareId, QString *error)
{
    RunRepository runs(m_database);
    QString readError;
    if (runs.unfinishedRunOf(shareId, &readError)) {
        if (error)
            *error = tr("The share is running; try the dry run when that run has ended.");
        return std::nullopt;
    }
    if (!readError.isEmpty()) {
        if (error)
            *error = readError;
        return std::nullopt;
    }
    return queueShare(shareId, nullptr, error, true);
}

QList<qint64> Engine::resumeInterrupted(std::chrono::hours window)
{
    QList<qint64> resumed;
    RunRepository runs(m_database);
    QString error;
    const QList<Run> interrupted = runs.resumable(resumableSince(window), &error);
    if (!error.isEmpty())
        qCWarning(lcEngine) << "Resuming interrupted runs:" << error;
    for (const Run &run : interrupted) {
        if (runs.unfinishedRunOf(*run.shareId))
            continue;
        if (const auto id = queueShare(*run.shareId, &run, &error))
            resumed.append(*id);
        else
            qCWarning(lcEngine) << "Cannot resume run" << run.id << ":" << error;
    }
    return resumed;
}

QDateTime Engine::resumableSince(std::chrono::hours window)
{
    return QDateTime::currentDateTimeUtc().addSecs(
        -std::chrono::duration_cast<std::chrono::seconds>(window).count());
}

std::optional<qint64> Engine::queueShare(qint64 shareId, const Run *resuming, QString *error,
                                         bool dryRun)
{
    auto plan = resolve(shareId, error);
    if (!plan)
        return std::nullopt;
    plan->dryRun = dryRun;
    Run run;
    run.shareId = shareId;
    run.kind = QStringLiteral("share");
    run.dryRun = dryRun;
    if (resuming) {
        // The new run continues from the interrupted one's checkpoint.
        plan->checkpoint = RunRepository(m_database).checkpoint(resuming->id);
        run.attempt = resuming->attempt + 1;
        run.resumedFrom = resuming->id;
    }
    return queue(run, std::move(*plan), error);
}

std::optional<RunPlan> Engine::resolve(qint64 shareId, QString *error) const
{
    const auto share = ShareRepository(m_database).find(shareId, error);
    if (!share) {
        if (error && error->isEmpty())
            *error = tr("The share no longer exists.");
        return std::nullopt;
    }
    const auto audience = AudienceRepository(m_database).find(share->audienceId, error);
    if (!audience) {
        if (error && error->isEmpty())
            *error = tr("The share's audience no longer exists.");
        return std::nullopt;
    }
    EndpointRepository endpoints(m_database);
    const auto source = endpoints.find(audience->endpointId, error);
    const auto destination = endpoints.find(share->destinationId, error);
    if (!source || !destination) {
        if (error && error->isEmpty())
            *error = tr("The share's source or destination endpoint no longer exists.");
        return std::nullopt;
    }
    if (!m_registry.source(source->kind)) {
        if (error)
            *error = tr("This version of Audience Courier cannot read audiences from “%1” "
                        "endpoints.")
                         .arg(source->kind);
        return std::nullopt;
    }
    if (!m_registry.destination(destination->kind)) {
        if (error)
            *error = tr("This version of Audience Courier cannot deliver to “%1” endpoints.")
                         .arg(destination->kind);
        return std::nullopt;
    }
    RunPlan plan;
    plan.share = *share;
    plan.audience = *audience;
    plan.source = *source;
    plan.destination = *destination;
    plan.settings = m_settings;
    return plan;
}

std::optional<qint64> Engine::queue(const Run &runTemplate, RunPlan plan, QString *error)
{
    Run run = runTemplate;
    run.state = RunState::Queued;
    run.source = tr("%1 (%2)").arg(plan.audience.name, plan.source.name);
    run.destination = plan.destination.name;
    if (!plan.checkpoint.contains(DeliveryIdKey))
        plan.checkpoint.insert(DeliveryIdKey, QUuid::createUuid().toString(QUuid::WithoutBraces));
    if (!plan.checkpoint.contains(WorkDirectoryKey)) {
        plan.checkpoint.insert(WorkDirectoryKey,
                               QDir(m_runsDirectory)
                                   .filePath(QStringLiteral("work-") +
                                             plan.checkpoint.value(DeliveryIdKey).toString()));
    }
    plan.workDirectory = plan.checkpoint.value(WorkDirectoryKey).toString();

    RunRepository runs(m_database);
    const auto id = runs.create(run, plan.checkpoint, error);
    if (!id)
        return std::nullopt;
    plan.runId = *id;
    plan.rejectedPath =
        QDir(m_runsDirectory).filePath(QStringLiteral("run-%1-rejected.csv").arg(*id));
    if (run.resumedFrom)
        runs.appendEvent(*id, RunEvent::Level::Info,
                         tr("Resumes run #%1, which was interrupted.").arg(*run.resumedFrom));
    qCInfo(lcEngine) << "Queued run" << *id << "of share" << plan.share.id
                     << (run.resumedFrom ? "(resuming)" : "");
    m_pending.append(Pending{*id, std::move(plan)});
    emit runQueued(*id, runTemplate.shareId.value_or(0));
    // Let the caller connect to the signals of the run it just queued before it starts.
    QMetaObject::invokeMethod(this, &Engine::schedule, Qt::QueuedConnection);
    return id;
}

bool Engine::fitsLimits(const RunPlan &plan) const
{
    if (m_active.size() >= m_limits.maxConcurrentRuns)
        return false;
    int sourceRuns = 0;
    int destinationRuns = 0;
    for (const Active &active : m_active) {
        if (active.shareId == plan.share.id)
            return false;
        for (qint64 endpoint : {active.sourceEndpointId, active.destinationEndpointId}) {
            if (endpoint == plan.source.id)
                ++sourceRuns;
            if (endpoint == plan.destination.id)
                ++destinationRuns;
        }
    }
    return sourceRuns < m_limits.maxRunsPerEndpoint &&
           destinationRuns < m_limits.maxRunsPerEndpoint;
}

void Engine::schedule()
{
    for (qsizetype i = 0; i < m_pending.size();) {
        if (!fitsLimits(m_pending.at(i).plan)) {
            ++i;
            continue;
        }
        Pending pending = m_pending.takeAt(i);
        prepare(std::move(pending.plan));
    }
    if (isIdle())
        emit idle();
}

void Engine::prepare(RunPlan plan)
{
    Active active;
    active.shareId = plan.share.id;
    active.sourceEndpointId = plan.source.id;
    active.destinationEndpointId = plan.destination.id;
    const qint64 runId = plan.runId;
    m_active.insert(runId, active);

    // Secrets are read on this thread (the keychain's), then handed to the run.
    const QStringList sourceNames = m_registry.source(plan.source.kind)->secretNames();
    const QStringList destinationNames =
        m_registry.destination(plan.destination.kind)->secretNames();
    const Endpoint source = plan.source;
    auto shared = std::make_shared<RunPlan>(std::move(plan));
    readSecrets(source, sourceNames,
                [this, shared, runId, destinationNames](QHash<QString, QByteArray> secrets,
                                                        const QString &error) {
                    if (!error.isEmpty()) {
                        failBeforeStart(runId, error);
                        return;
                    }
                    shared->sourceSecrets = std::move(secrets);
                    readSecrets(shared->destination, destinationNames,
                                [this, shared, runId](QHash<QString, QByteArray> secrets,
                                                      const QString &error) {
                                    if (!error.isEmpty()) {
                                        failBeforeStart(runId, error);
                                        return;
                                    }
                                    shared->destinationSecrets = std::move(secrets);
                                    launch(std::move(*shared));
                                });
                });
}

void Engine::readSecrets(const Endpoint &endpoint, const QStringList &names,
                         std::function<void(QHash<QString, QByteArray>, QString)> done)
{
    if (names.isEmpty() || !m_secrets) {
        done({}, {});
        return;
    }
    const QString endpointName = endpoint.name;
    m_secrets->readAll(endpoint.id, names,
                       [endpointName, done = std::move(done)](QHash<QString, QByteArray> values,
                                                              const QString &error) {
                           done(std::move(values),
                                error.isEmpty()
                                    ? QString()
                                    : tr("Could not read the credentials of %1 from the "
                                         "keychain: %2")
                                          .arg(endpointName, error));
                       });
}

void Engine::launch(RunPlan plan)
{
    const qint64 runId = plan.runId;
    auto it = m_active.find(runId);
    if (it == m_active.end())
        return;
    if (it->cancelled) {
        failBeforeStart(runId, {});
        return;
    }
    auto *thread = new QThread(this);
    thread->setObjectName(QStringLiteral("run-%1").arg(runId));
    auto *job = new RunJob(m_database, m_registry, std::move(plan));
    job->moveToThread(thread);
    // The reloader is called on the run's thread; the keychain is read on this one, and the
    // answer goes back to the job's thread (dropped if the job is gone by then).
    const QPointer<RunJob> jobGuard(job);
    job->setSecretReloader([this, jobGuard](qint64 endpointId,
                                            std::function<void(QHash<QString, QByteArray>)> done) {
        QMetaObject::invokeMethod(this, [this, endpointId, done, jobGuard] {
            const auto endpoint = EndpointRepository(m_database).find(endpointId);
            if (!endpoint)
                return;
            QStringList names;
            if (const SourceConnector *source = m_registry.source(endpoint->kind))
                names += source->secretNames();
            if (const DestinationConnector *destination = m_registry.destination(endpoint->kind))
                names += destination->secretNames();
            names.removeDuplicates();
            readSecrets(*endpoint, names,
                        [done, jobGuard](QHash<QString, QByteArray> secrets, const QString &) {
                            if (jobGuard)
                                QMetaObject::invokeMethod(jobGuard.data(),
                                                          [done, secrets] { done(secrets); });
                        });
        });
    });
    it->thread = thread;
    it->job = job;
    m_threads.removeIf([](const QPointer<QThread> &old) { return old.isNull(); });
    m_threads.append(thread);
    connect(thread, &QThread::started, job, &RunJob::start);
    connect(thread, &QThread::finished, job, &QObject::deleteLater);
    connect(thread, &QThread::finished, thread, &QObject::deleteLater);
    connect(job, &RunJob::progressed, this, &Engine::runProgressed);
    connect(job, &RunJob::finished, this, &Engine::onRunFinished);
    thread->start();
    qCInfo(lcEngine) << "Started run" << runId;
    emit runStarted(runId);
}

void Engine::failBeforeStart(qint64 runId, const QString &error)
{
    RunRepository runs(m_database);
    const RunState state = error.isEmpty() ? RunState::Cancelled : RunState::Failed;
    const QString message = error.isEmpty() ? tr("Cancelled.") : error;
    runs.appendEvent(runId, error.isEmpty() ? RunEvent::Level::Info : RunEvent::Level::Error,
                     message);
    runs.finish(runId, {state, message, {}, {}});
    m_active.remove(runId);
    emit runFinished(runId, state, message);
    schedule();
}

void Engine::onRunFinished(qint64 runId, RunState state, const QString &error)
{
    const auto it = m_active.find(runId);
    if (it == m_active.end())
        return;
    const Active active = it.value();
    m_active.erase(it);
    if (active.thread)
        active.thread->quit();
    qCInfo(lcEngine) << "Run" << runId << "ended:" << runStateToString(state);
    emit runFinished(runId, state, error);
    schedule();
}

void Engine::cancel(qint64 runId)
{
    for (qsizetype i = 0; i < m_pending.size(); ++i) {
        if (m_pending.at(i).runId == runId) {
            m_pending.removeAt(i);
            RunRepository runs(m_database);
            runs.finish(runId, RunOutcome::cancelled(tr("Cancelled before it started.")));
            emit runFinished(runId, RunState::Cancelled, tr("Cancelled before it started."));
            if (isIdle())
                emit idle();
            return;
        }
    }
    const auto it = m_active.find(runId);
    if (it == m_active.end())
        return;
    it->cancelled = true;
    if (it->job)
        it->job->cancel();
}

void Engine::cancelAll()
{
    const QList<Pending> pending = m_pending;
    for (const Pending &run : pending)
        cancel(run.runId);
    const QList<qint64> active = m_active.keys();
    for (qint64 runId : active)
        cancel(runId);
}

} // namespace courier
