#include "engine/RunJob.h"

#include "common/Logging.h"
#include "common/Redaction.h"
#include "store/Database.h"
#include "store/ShareRepository.h"

#include <algorithm>
#include <QDir>
#include <QLocale>
#include <QNetworkAccessManager>
#include <QThread>
#include <QUuid>

namespace courier {

namespace {

const auto SourcePart = QStringLiteral("source");
const auto DestinationPart = QStringLiteral("destination");
const auto DeliveryIdKey = QStringLiteral("deliveryId");
const auto DeliveredKey = QStringLiteral("delivered");
const auto BatchRowsKey = QStringLiteral("batchRows");

} // namespace

// The ConnectorContext of one side of the run (source or destination): its endpoint, its
// secrets, its part of the checkpoint.
class RunJob::EndpointContext final : public ConnectorContext
{
public:
    EndpointContext(RunJob &job, const Endpoint &endpoint, QHash<QString, QByteArray> secrets,
                    QString part)
        : m_job(job)
        , m_endpoint(endpoint)
        , m_secrets(std::move(secrets))
        , m_part(std::move(part))
    {}

    QNetworkAccessManager &network() override { return *m_job.m_network; }
    const Endpoint &endpoint() const override { return m_endpoint; }
    QByteArray secret(const QString &name) const override { return m_secrets.value(name); }

    void reloadSecrets(std::function<void(bool changed)> done) override
    {
        if (!m_job.m_secretReloader) {
            done(false);
            return;
        }
        m_job.m_secretReloader(m_endpoint.id,
                               [this, done = std::move(done)](QHash<QString, QByteArray> fresh) {
                                   const bool changed = fresh != m_secrets;
                                   m_secrets = std::move(fresh);
                                   done(changed);
                               });
    }

    QString workDirectory() const override
    {
        QDir().mkpath(m_job.m_plan.workDirectory);
        return m_job.m_plan.workDirectory;
    }

    void log(RunEvent::Level level, const QString &message) override { m_job.log(level, message); }
    void enterPhase(RunState phase) override { m_job.setPhase(phase); }

    void reportDownload(qint64 bytesReceived, qint64 bytesTotal) override
    {
        Q_UNUSED(bytesTotal)
        m_job.m_progress.bytesRead = bytesReceived;
        m_job.saveCheckpoint(false);
    }

    void reportWaiting(int percentComplete) override
    {
        m_job.m_progress.percentComplete = percentComplete;
        m_job.saveCheckpoint(false);
    }

    QJsonObject checkpoint(const QString &part) const override
    {
        return m_job.m_checkpoint.value(part).toObject();
    }

    void saveCheckpoint(const QString &part, const QJsonObject &data) override
    {
        m_job.m_checkpoint.insert(part, data);
        m_job.saveCheckpoint(true);
    }

    BackoffPolicy retryPolicy() const override { return m_job.m_plan.settings.retry; }
    BackoffPolicy pollPolicy() const override { return m_job.m_plan.settings.poll; }

private:
    RunJob &m_job;
    const Endpoint &m_endpoint;
    QHash<QString, QByteArray> m_secrets;
    QString m_part;
};

RunJob::RunJob(const Database &database, const ConnectorRegistry &registry, RunPlan plan,
               QObject *parent)
    : QObject(parent)
    , m_database(database)
    , m_registry(registry)
    , m_plan(std::move(plan))
    , m_runs(database)
    , m_checkpoint(m_plan.checkpoint)
{
    qRegisterMetaType<courier::RunProgress>();
    qRegisterMetaType<courier::RunState>();
}

RunJob::~RunJob()
{
    // Connectors first: their in-flight requests belong to m_network.
    m_fetch.reset();
    m_delivery.reset();
    m_network.reset();
    // Destroyed on the run's thread as it ends (deleteLater on QThread::finished): close the
    // thread's cache connection with it.
    m_database.releaseThreadConnection();
}

void RunJob::start()
{
    m_clock.start();
    m_sinceSaved.start();
    m_network = std::make_unique<QNetworkAccessManager>();
    m_network->setAutoDeleteReplies(false);
    m_sourceContext =
        std::make_unique<EndpointContext>(*this, m_plan.source, m_plan.sourceSecrets, SourcePart);
    m_destinationContext = std::make_unique<EndpointContext>(
        *this, m_plan.destination, m_plan.destinationSecrets, DestinationPart);
    // The keychain copies now live in the contexts only.
    m_plan.sourceSecrets.clear();
    m_plan.destinationSecrets.clear();

    QString error;
    if (!m_runs.start(m_plan.runId, RunState::Requesting, &error)) {
        qCWarning(lcEngine) << "Run" << m_plan.runId << "could not start:" << error;
        finishRun(RunState::Failed, error);
        return;
    }
    m_progress.state = RunState::Requesting;

    SourceConnector *source = m_registry.source(m_plan.source.kind);
    m_destinationConnector = m_registry.destination(m_plan.destination.kind);
    if (!source) {
        fail(tr("This version of Audience Courier cannot read audiences from “%1” endpoints.")
                 .arg(m_plan.source.kind));
        return;
    }
    if (!m_destinationConnector) {
        fail(tr("This version of Audience Courier cannot deliver to “%1” endpoints.")
                 .arg(m_plan.destination.kind));
        return;
    }
    if (!m_destinationConnector->supportedActions().contains(m_plan.share.action)) {
        fail(tr("%1 cannot %2 records; edit the share and choose another action.")
                 .arg(m_plan.destination.name, shareActionToString(m_plan.share.action)));
        return;
    }
    // No mapping means every column as it is.
    auto mapping = m_plan.share.mapping.isEmpty() ? std::optional<Mapping>(Mapping())
                                                  : Mapping::fromJson(m_plan.share.mapping, &error);
    if (!mapping) {
        fail(tr("The share's mapping cannot be read: %1").arg(error));
        return;
    }
    m_mapping = *mapping;
    // A share may ask for smaller batches (a destination with tight rate limits); a resumed
    // run keeps the batch size it started with, or its batch numbers would not line up.
    const int wanted = m_plan.share.destinationOptions.value(QStringLiteral("batchRows"))
                           .toInt(m_plan.settings.batchRows);
    m_batchRows = std::clamp(m_checkpoint.value(BatchRowsKey).toInt(wanted), 1,
                             m_destinationConnector->maxBatchRows());
    m_checkpoint.insert(BatchRowsKey, m_batchRows);

    if (m_checkpoint.value(DeliveredKey).toInteger() > 0 ||
        !m_checkpoint.value(SourcePart).isUndefined())
        log(RunEvent::Level::Info,
            tr("Resuming: “%1” from %2 to %3.")
                .arg(m_plan.audience.name, m_plan.source.name, m_plan.destination.name));
    else
        log(RunEvent::Level::Info,
            tr("Sharing “%1” from %2 to %3.")
                .arg(m_plan.audience.name, m_plan.source.name, m_plan.destination.name));

    FetchRequest request{m_plan.audience, {}, m_plan.share.sourceOptions};
    for (const FieldMapping &field : std::as_const(m_mapping.fields)) {
        if (!request.columns.contains(field.source))
            request.columns.append(field.source);
    }
    m_fetch = source->createFetch(*m_sourceContext, request);
    m_fetch->fetch([this](bool ok, const QString &fetchError) { onFetched(ok, fetchError); });
}

void RunJob::onFetched(bool ok, const QString &error)
{
    if (m_stopRequested.load())
        return;
    if (!ok) {
        fail(error);
        return;
    }
    setPhase(RunState::Transforming);
    QString openError;
    m_reader = m_fetch->openRows(&openError);
    if (!m_reader) {
        fail(openError);
        return;
    }
    const Mapping mapping =
        m_mapping.isEmpty() ? Mapping::passThrough(m_reader->columns()) : m_mapping;
    m_mapper = Mapper::bind(mapping, m_reader->columns(), &openError);
    if (!m_mapper) {
        fail(openError);
        return;
    }
    m_rejected = std::make_unique<RejectedRowsFile>(m_plan.rejectedPath, m_reader->columns());
    m_reader->setRejectSink([this](RejectedRow &&row) {
        ++m_progress.rowsRead;
        ++m_progress.rowsRejected;
        m_rejected->add(std::move(row));
    });

    // Batches already delivered may be skipped only if they are still applied at the
    // destination and the rows come from the very same snapshot, in the same batches.
    const bool sameDelivery = m_fetch->resumedSameSnapshot() &&
                              m_destinationConnector->deliveredBatchesSurvive() &&
                              m_checkpoint.contains(DeliveryIdKey);
    if (!sameDelivery) {
        if (m_checkpoint.value(DeliveredKey).toInteger() > 0)
            log(RunEvent::Level::Info,
                tr("The delivery starts over: the earlier attempt's batches cannot be reused."));
        m_checkpoint.insert(DeliveryIdKey, QUuid::createUuid().toString(QUuid::WithoutBraces));
        m_checkpoint.insert(DeliveredKey, 0);
        m_checkpoint.remove(DestinationPart);
    }
    m_alreadyDelivered = m_checkpoint.value(DeliveredKey).toInteger();
    if (m_alreadyDelivered > 0)
        log(RunEvent::Level::Info, tr("%n batch(es) were delivered before the interruption; "
                                      "they are not sent again.",
                                      nullptr, static_cast<int>(m_alreadyDelivered)));
    saveCheckpoint(true);

    m_delivery = m_destinationConnector->createDelivery(
        *m_destinationContext, DeliveryTarget{m_plan.share.name, m_plan.share.destinationOptions, m_plan.audience});
    // Resuming even with nothing acknowledged yet: open() may have created the list or the
    // replace session already, and the delivery's checkpoint says which.
    m_delivery->open(m_mapper->outputColumns(), m_plan.share.action, sameDelivery,
                     [this](bool openOk, const QString &openErr) { onOpened(openOk, openErr); });
}

void RunJob::onOpened(bool ok, const QString &error)
{
    if (m_stopRequested.load())
        return;
    if (!ok) {
        fail(error);
        return;
    }
    // What the delivery resolved (the list it created, say) joins the share's own options.
    QJsonObject options = m_plan.share.destinationOptions;
    const QJsonObject resolved = m_delivery->resolvedOptions();
    for (auto it = resolved.begin(); it != resolved.end(); ++it)
        options.insert(it.key(), it.value());
    if (options != m_plan.share.destinationOptions) {
        ShareRepository shares(m_database);
        QString storeError;
        if (!shares.setDestinationOptions(m_plan.share.id, options, &storeError))
            log(RunEvent::Level::Warning, storeError);
        m_plan.share.destinationOptions = options;
    }
    deliverNext();
}

void RunJob::deliverNext()
{
    // Skipping already-delivered batches is pure reading; hand control back to the event loop
    // now and then so a cancel or an interrupt is seen promptly.
    QElapsedTimer slice;
    slice.start();
    const RejectSink mapperSink = [this](RejectedRow &&row) {
        ++m_progress.rowsRejected;
        m_rejected->add(std::move(row));
    };
    while (!m_stopRequested.load()) {
        if (!m_rejected->errorString().isEmpty()) {
            fail(tr("Cannot keep the rejected rows: %1").arg(m_rejected->errorString()));
            return;
        }
        if (m_readerDone) {
            setPhase(RunState::Delivering);
            m_delivery->commit([this](bool ok, const QString &error) { onCommitted(ok, error); });
            return;
        }
        const bool more = m_reader->read(m_readBatch, m_batchRows);
        if (!more && !m_reader->errorString().isEmpty()) {
            fail(m_reader->errorString());
            return;
        }
        m_readerDone = !more;
        m_progress.rowsRead += m_readBatch.rowCount();
        m_progress.bytesRead = m_reader->bytesRead();
        if (m_readBatch.rowCount() == 0)
            continue;
        m_mapper->map(m_readBatch, m_mappedBatch, mapperSink);
        ++m_batchNumber;
        if (m_batchNumber <= m_alreadyDelivered) {
            m_progress.rowsWritten += m_mappedBatch.rowCount();
            if (slice.elapsed() > 50) {
                QMetaObject::invokeMethod(this, &RunJob::deliverNext, Qt::QueuedConnection);
                return;
            }
            continue;
        }
        if (m_mappedBatch.rowCount() == 0)
            continue; // every row rejected; the batch number stays used so numbering is stable
        setPhase(RunState::Delivering);
        const DeliveryBatch info{m_batchNumber, idempotencyKey(m_batchNumber)};
        m_delivery->send(m_mappedBatch, info,
                         [this](bool ok, const QString &error) { onSent(ok, error); });
        return;
    }
}

void RunJob::onSent(bool ok, const QString &error)
{
    if (m_stopRequested.load())
        return;
    if (!ok) {
        fail(error);
        return;
    }
    m_progress.rowsWritten += m_mappedBatch.rowCount();
    m_progress.batchesDelivered = m_batchNumber;
    m_checkpoint.insert(DeliveredKey, m_batchNumber);
    // An acknowledged batch that survives an interruption is worth a checkpoint at once; a
    // file that starts over anyway only needs its progress shown.
    saveCheckpoint(m_destinationConnector->deliveredBatchesSurvive());
    // Never recurse: a destination may complete synchronously (a file).
    QMetaObject::invokeMethod(this, &RunJob::deliverNext, Qt::QueuedConnection);
}

void RunJob::onCommitted(bool ok, const QString &error)
{
    if (m_stopRequested.load())
        return;
    if (!ok) {
        fail(error);
        return;
    }
    if (!m_rejected->commit()) {
        fail(tr("The rows were delivered, but the rejected rows could not be kept: %1")
                 .arg(m_rejected->errorString()));
        return;
    }
    const double seconds = static_cast<double>(m_clock.elapsed()) / 1000.0;
    const QLocale locale;
    log(RunEvent::Level::Info,
        tr("Done in %1 s: %2 rows read, %3 delivered, %4 rejected.")
            .arg(locale.toString(seconds, 'f', 1), locale.toString(m_progress.rowsRead),
                 locale.toString(m_progress.rowsWritten),
                 locale.toString(m_progress.rowsRejected)));
    saveCheckpoint(true);
    QString storeError;
    RunOutcome outcome = RunOutcome::succeeded(
        m_delivery->outputDescription(), m_rejected->hasRows() ? m_plan.rejectedPath : QString());
    if (!m_runs.finish(m_plan.runId, outcome, &storeError))
        qCWarning(lcEngine) << "Run" << m_plan.runId << "result not recorded:" << storeError;
    removeWorkDirectory();
    m_finished = true;
    emit finished(m_plan.runId, RunState::Succeeded, QString());
}

void RunJob::cancel()
{
    if (m_stopRequested.exchange(true))
        return;
    QMetaObject::invokeMethod(
        this, [this] { stop(false); }, Qt::QueuedConnection);
}

void RunJob::interrupt()
{
    if (m_stopRequested.exchange(true))
        return;
    QMetaObject::invokeMethod(
        this, [this] { stop(true); }, Qt::QueuedConnection);
}

void RunJob::stop(bool interrupted)
{
    if (m_finished)
        return;
    if (m_fetch)
        m_fetch->cancel();
    if (interrupted) {
        // Keep the destination as it is: the resumed run continues the same delivery.
        m_delivery.reset();
        m_fetch.reset();
        if (m_rejected)
            m_rejected->cancel();
        log(RunEvent::Level::Warning,
            tr("Stopped because Audience Courier is closing; the run resumes at the next start."));
        saveCheckpoint(true);
        m_finished = true;
        emit finished(m_plan.runId, RunState::Interrupted, QString());
        return;
    }
    if (m_delivery)
        m_delivery->abort();
    if (m_rejected)
        m_rejected->cancel();
    finishRun(RunState::Cancelled, tr("Cancelled."));
}

void RunJob::setPhase(RunState phase)
{
    if (m_progress.state == phase)
        return;
    m_progress.state = phase;
    m_progress.percentComplete = -1;
    saveCheckpoint(true);
}

void RunJob::log(RunEvent::Level level, const QString &message)
{
    const QString safe = redactSecrets(message);
    qCInfo(lcEngine).noquote() << "run" << m_plan.runId << safe;
    QString error;
    if (!m_runs.appendEvent(m_plan.runId, level, safe, &error))
        qCWarning(lcEngine) << "Run" << m_plan.runId << "event not recorded:" << error;
}

void RunJob::saveCheckpoint(bool force)
{
    if (m_finished)
        return;
    if (!force && m_sinceSaved.elapsed() < m_plan.settings.progressInterval.count())
        return;
    m_sinceSaved.restart();
    QString error;
    if (!m_runs.saveCheckpoint(m_plan.runId, m_progress, m_checkpoint, &error))
        qCWarning(lcEngine) << "Run" << m_plan.runId << "checkpoint not recorded:" << error;
    emit progressed(m_plan.runId, m_progress);
}

void RunJob::fail(const QString &error)
{
    if (m_finished)
        return;
    m_stopRequested.store(true);
    if (m_fetch)
        m_fetch->cancel();
    if (m_delivery)
        m_delivery->abort();
    if (m_rejected)
        m_rejected->cancel();
    log(RunEvent::Level::Error, error);
    finishRun(RunState::Failed, redactSecrets(error));
}

void RunJob::finishRun(RunState state, const QString &error)
{
    if (m_finished)
        return;
    saveCheckpoint(true);
    QString storeError;
    RunOutcome outcome{state, error, {}, {}};
    if (!m_runs.finish(m_plan.runId, outcome, &storeError))
        qCWarning(lcEngine) << "Run" << m_plan.runId << "result not recorded:" << storeError;
    removeWorkDirectory();
    m_finished = true;
    emit finished(m_plan.runId, state, error);
}

void RunJob::removeWorkDirectory()
{
    // Downloads can be large and are useless once the run has ended for good.
    m_reader.reset();
    if (!m_plan.workDirectory.isEmpty())
        QDir(m_plan.workDirectory).removeRecursively();
}

QByteArray RunJob::idempotencyKey(qint64 batchNumber) const
{
    return m_checkpoint.value(DeliveryIdKey).toString().toLatin1() + ':' +
           QByteArray::number(batchNumber);
}

} // namespace courier
