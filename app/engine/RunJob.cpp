#include "engine/RunJob.h"

#include "common/Logging.h"
#include "common/Redaction.h"
#include "connectors/csv/CsvPartsReader.h"
#include "mapping/MappingCheck.h"
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
    m_partReader.reset();
    m_delta.reset();
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
    // What the destination accepts is checked before anything is requested; the source's own
    // columns are known only once its data is here, so that part waits for onFetched().
    m_schema = m_destinationConnector->schema(m_plan.destination);
    if (!m_mapping.isEmpty()) {
        QStringList mappedSources;
        for (const FieldMapping &field : std::as_const(m_mapping.fields)) {
            if (!field.source.isEmpty())
                mappedSources.append(field.source);
        }
        if (!checkMapping(m_mapping, mappedSources, false))
            return;
    }
    // A share may ask for smaller batches (a destination with tight rate limits); a resumed
    // run keeps the batch size it started with, or its batch numbers would not line up.
    const int wanted = m_plan.share.destinationOptions.value(QStringLiteral("batchRows"))
                           .toInt(m_plan.settings.batchRows);
    m_batchRows = std::clamp(m_checkpoint.value(BatchRowsKey).toInt(wanted), 1,
                             m_destinationConnector->maxBatchRows());
    m_checkpoint.insert(BatchRowsKey, m_batchRows);

    if (m_plan.dryRun)
        log(RunEvent::Level::Info,
            tr("Dry run of “%1” from %2 to %3: the audience is fetched and mapped, nothing is "
               "sent.")
                .arg(m_plan.audience.name, m_plan.source.name, m_plan.destination.name));
    else if (m_checkpoint.value(DeliveredKey).toInteger() > 0 ||
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
        if (!field.source.isEmpty() && !request.columns.contains(field.source))
            request.columns.append(field.source);
    }
    m_fetch = source->createFetch(*m_sourceContext, request);
    m_fetch->fetch([this](bool ok, const QString &fetchError) { onFetched(ok, fetchError); });
}

bool RunJob::checkMapping(const Mapping &mapping, const QStringList &sourceColumns,
                          bool logWarnings)
{
    const MappingIssues issues = courier::checkMapping(mapping, m_schema, sourceColumns);
    QStringList errors;
    for (const MappingIssue &issue : issues) {
        if (issue.isError())
            errors.append(issue.message);
        else if (logWarnings)
            log(RunEvent::Level::Warning, issue.message);
    }
    if (errors.isEmpty())
        return true;
    for (qsizetype i = 0; i + 1 < errors.size(); ++i)
        log(RunEvent::Level::Error, errors.at(i));
    fail(tr("The mapping does not fit %1, so nothing was sent: %2")
             .arg(m_plan.destination.name, errors.constLast()));
    return false;
}

bool RunJob::wantsDelta() const
{
    // A delta needs a destination that can take additions and removals separately; a file is
    // always written whole.
    const QList<Share::ShareAction> actions = m_destinationConnector->supportedActions();
    if (!actions.contains(Share::ShareAction::Add) || !actions.contains(Share::ShareAction::Remove))
        return false;
    if (m_plan.share.action == Share::ShareAction::Remove)
        return false; // the given records leave the destination, whatever was sent before
    const QJsonValue option = m_plan.share.destinationOptions.value(QStringLiteral("delta"));
    if (option.isBool())
        return option.toBool();
    return !m_plan.share.schedule.isEmpty();
}

bool RunJob::rejectLimitExceeded(bool final)
{
    // Judge early only on enough rows: the first rows of a file are no sample of the rest.
    constexpr qint64 MinimumSample = 1000;
    const qint64 read = m_progress.rowsRead;
    if (read == 0 || (!final && read < MinimumSample))
        return false;
    const double limit = m_mapping.rejectLimitPercent;
    const double percent =
        100.0 * static_cast<double>(m_progress.rowsRejected) / static_cast<double>(read);
    if (percent <= limit)
        return false;
    const QLocale locale;
    // The rows rejected so far are the evidence the user needs: keep them.
    m_keepRejected = true;
    fail(tr("%1 % of the rows were rejected (%2 of %3), more than the share allows (%4 %). "
            "The rejected rows and their reasons are in the run's rejected-rows file; fix the "
            "source or the mapping, or raise the limit.")
             .arg(locale.toString(percent, 'f', 1), locale.toString(m_progress.rowsRejected),
                  locale.toString(read), locale.toString(limit, 'f', 1)));
    return true;
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
    // Now with the source's real columns (and, for a share without a mapping, its columns as
    // the destination fields); nothing has been sent yet.
    if (!checkMapping(mapping, m_reader->columns(), true))
        return;
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

    // A delta or a dry run maps every row before anything is sent.
    const bool delta = wantsDelta();
    if (m_plan.dryRun || delta) {
        QList<int> identifiers;
        for (qsizetype i = 0; i < mapping.fields.size(); ++i) {
            if (mapping.fields.at(i).identifier)
                identifiers.append(static_cast<int>(i));
        }
        // Without declared identifiers a member is its whole row.
        if (identifiers.isEmpty()) {
            for (qsizetype i = 0; i < mapping.fields.size(); ++i)
                identifiers.append(static_cast<int>(i));
        }
        DeltaStage::Plan plan;
        plan.shareId = m_plan.share.id;
        plan.destinationId = m_plan.destination.id;
        plan.runId = m_plan.runId;
        plan.columns = m_mapper->outputColumns();
        plan.identifierColumns = identifiers;
        plan.workDirectory = m_sourceContext->workDirectory() + QStringLiteral("/delta");
        plan.keepSnapshot = !m_plan.dryRun;
        // A dry run of a share that keeps no snapshots still reports what it would send.
        if (!delta)
            plan.shareId = 0;
        m_delta = std::make_unique<DeltaStage>(m_database, plan);
        QString note;
        if (!m_delta->begin(&note, &openError)) {
            fail(openError);
            return;
        }
        if (!note.isEmpty())
            log(RunEvent::Level::Info, note);
        // Batches are computed afresh: a delta's deliveries are additions and removals, which
        // a destination may receive twice without harm.
        startNewDelivery();
        saveCheckpoint(true);
        QMetaObject::invokeMethod(this, &RunJob::transformNext, Qt::QueuedConnection);
        return;
    }

    // Batches already delivered may be skipped only if they are still applied at the
    // destination and the rows come from the very same snapshot, in the same batches.
    const bool sameDelivery = m_fetch->resumedSameSnapshot() &&
                              m_destinationConnector->deliveredBatchesSurvive() &&
                              m_checkpoint.contains(DeliveryIdKey);
    if (!sameDelivery) {
        if (m_checkpoint.value(DeliveredKey).toInteger() > 0)
            log(RunEvent::Level::Info,
                tr("The delivery starts over: the earlier attempt's batches cannot be reused."));
        startNewDelivery();
    }
    m_alreadyDelivered = m_checkpoint.value(DeliveredKey).toInteger();
    if (m_alreadyDelivered > 0)
        log(RunEvent::Level::Info, tr("%n batch(es) were delivered before the interruption; "
                                      "they are not sent again.",
                                      nullptr, static_cast<int>(m_alreadyDelivered)));
    saveCheckpoint(true);
    m_parts = {DeliveryPart{m_plan.share.action, QString(), -1}};
    m_partIndex = 0;
    // Resuming even with nothing acknowledged yet: open() may have created the list or the
    // replace session already, and the delivery's checkpoint says which.
    m_resumingDelivery = sameDelivery;
    startPart();
}

void RunJob::transformNext()
{
    // Maps in slices, handing control back to the event loop in between so a cancel or an
    // interrupt is seen promptly.
    QElapsedTimer slice;
    slice.start();
    while (!m_stopRequested.load()) {
        if (!m_rejected->errorString().isEmpty()) {
            fail(tr("Cannot keep the rejected rows: %1").arg(m_rejected->errorString()));
            return;
        }
        bool more = false;
        if (!readAndMap(more))
            return;
        QString error;
        if (m_mappedBatch.rowCount() > 0 && !m_delta->add(m_mappedBatch, &error)) {
            fail(error);
            return;
        }
        if (!more) {
            onTransformed();
            return;
        }
        if (slice.elapsed() > 50) {
            saveCheckpoint(false);
            QMetaObject::invokeMethod(this, &RunJob::transformNext, Qt::QueuedConnection);
            return;
        }
    }
}

void RunJob::onTransformed()
{
    if (rejectLimitExceeded(true))
        return;
    QString error;
    const auto delta = m_delta->finish(&error);
    if (!delta) {
        fail(error);
        return;
    }
    const QLocale locale;
    const DeltaCounts &counts = delta->counts;
    if (counts.duplicates > 0)
        log(RunEvent::Level::Warning,
            tr("%1 rows repeat a member already in the audience; each member is sent once.")
                .arg(locale.toString(counts.duplicates)));
    const bool incremental = m_delta->hasPrevious();
    const QString changes =
        tr("%1 new, %2 changed, %3 removed, %4 unchanged since the delivery of %5.")
            .arg(locale.toString(counts.added), locale.toString(counts.changed),
                 locale.toString(counts.removed), locale.toString(counts.unchanged),
                 m_delta->previousTakenAt());
    if (m_plan.dryRun) {
        const QString summary =
            incremental ? tr("Dry run: nothing was sent. Members: %1").arg(changes)
                        : tr("Dry run: nothing was sent. The share would %1 %2 members at %3.")
                              .arg(shareActionToString(m_plan.share.action),
                                   locale.toString(counts.current), m_plan.destination.name);
        log(RunEvent::Level::Info, summary);
        succeed(summary);
        return;
    }
    m_parts.clear();
    if (incremental) {
        log(RunEvent::Level::Info, tr("Members: %1 Only the changes are sent.").arg(changes));
        if (counts.removed > 0)
            m_parts.push_back({Share::ShareAction::Remove, delta->removesPath, counts.removed});
        if (counts.added + counts.changed > 0)
            m_parts.push_back(
                {Share::ShareAction::Add, delta->addsPath, counts.added + counts.changed});
    } else if (m_plan.share.action == Share::ShareAction::Replace || counts.current > 0) {
        // The first delivery (or one after the mapping changed) sends the whole audience; a
        // replace by an empty audience still empties the destination.
        m_parts.push_back({m_plan.share.action, delta->addsPath, counts.current});
    }
    if (m_parts.empty()) {
        log(RunEvent::Level::Info,
            tr("Nothing changed since the last delivery; nothing was sent."));
        succeed(m_plan.destination.name);
        return;
    }
    m_partIndex = 0;
    m_resumingDelivery = false;
    startPart();
}

void RunJob::startPart()
{
    const DeliveryPart &part = m_parts.at(m_partIndex);
    if (!part.file.isEmpty()) {
        QString error;
        m_partReader = CsvPartsReader::openOwnParts({part.file}, &error);
        if (!m_partReader) {
            fail(error);
            return;
        }
        // Each part is a delivery of its own, with its own idempotency keys.
        startNewDelivery();
        m_alreadyDelivered = 0;
        m_batchNumber = 0;
        m_readerDone = false;
        if (m_parts.size() > 1 || part.action != m_plan.share.action)
            log(RunEvent::Level::Info, part.action == Share::ShareAction::Remove
                                           ? tr("Removing %n member(s) that left the audience.",
                                                nullptr, static_cast<int>(part.rows))
                                           : tr("Adding %n new or changed member(s).", nullptr,
                                                static_cast<int>(part.rows)));
        saveCheckpoint(true);
    }
    m_delivery = m_destinationConnector->createDelivery(
        *m_destinationContext,
        DeliveryTarget{m_plan.share.name, m_plan.share.destinationOptions, m_plan.audience});
    m_delivery->open(m_mapper->outputColumns(), part.action, m_resumingDelivery,
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

// Fills m_mappedBatch with the next batch to send: read and mapped from the source, or read
// from the current part's file of rows mapped earlier. False when the run failed.
bool RunJob::readNextBatch(bool &more)
{
    if (m_partReader) {
        more = m_partReader->read(m_mappedBatch, m_batchRows);
        if (!more && !m_partReader->errorString().isEmpty()) {
            fail(m_partReader->errorString());
            return false;
        }
        return true;
    }
    return readAndMap(more) && !rejectLimitExceeded(false);
}

// Reads the source's next batch and maps it into m_mappedBatch, counting what was read and
// rejected. False when the run failed.
bool RunJob::readAndMap(bool &more)
{
    more = m_reader->read(m_readBatch, m_batchRows);
    if (!more && !m_reader->errorString().isEmpty()) {
        fail(m_reader->errorString());
        return false;
    }
    m_progress.rowsRead += m_readBatch.rowCount();
    m_progress.bytesRead = m_reader->bytesRead();
    if (m_readBatch.rowCount() == 0) {
        m_mappedBatch.reset(static_cast<int>(m_mapper->outputColumns().size()));
        return true;
    }
    m_mapper->map(m_readBatch, m_mappedBatch, [this](RejectedRow &&row) {
        ++m_progress.rowsRejected;
        m_rejected->add(std::move(row));
    });
    return true;
}

// A fresh delivery id (so fresh idempotency keys), nothing delivered, no destination state.
void RunJob::startNewDelivery()
{
    m_checkpoint.insert(DeliveryIdKey, QUuid::createUuid().toString(QUuid::WithoutBraces));
    m_checkpoint.insert(DeliveredKey, 0);
    m_checkpoint.remove(DestinationPart);
}

void RunJob::deliverNext()
{
    // Skipping already-delivered batches is pure reading; hand control back to the event loop
    // now and then so a cancel or an interrupt is seen promptly.
    QElapsedTimer slice;
    slice.start();
    while (!m_stopRequested.load()) {
        if (!m_rejected->errorString().isEmpty()) {
            fail(tr("Cannot keep the rejected rows: %1").arg(m_rejected->errorString()));
            return;
        }
        if (m_readerDone) {
            if (!m_partReader && rejectLimitExceeded(true))
                return;
            setPhase(RunState::Delivering);
            m_delivery->commit([this](bool ok, const QString &error) { onCommitted(ok, error); });
            return;
        }
        bool more = false;
        if (!readNextBatch(more))
            return;
        m_readerDone = !more;
        const bool nothingRead =
            m_partReader ? m_mappedBatch.rowCount() == 0 : m_readBatch.rowCount() == 0;
        if (nothingRead)
            continue;
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
    // A resumed stream counts the batches its interrupted run delivered; parts add up.
    if (m_partReader)
        m_progress.batchesDelivered += 1;
    else
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
    m_outputs.append(m_delivery->outputDescription());
    if (m_partIndex + 1 < m_parts.size()) {
        ++m_partIndex;
        m_delivery.reset();
        m_partReader.reset();
        startPart();
        return;
    }
    if (m_delta) {
        QString snapshotError;
        if (!m_delta->complete(&snapshotError))
            log(RunEvent::Level::Warning,
                tr("The members were delivered, but what was sent could not be remembered, so "
                   "the next run sends everything again: %1")
                    .arg(snapshotError));
    }
    m_outputs.removeDuplicates();
    succeed(m_outputs.join(QStringLiteral("; ")));
}

void RunJob::succeed(const QString &output)
{
    if (!m_rejected->commit()) {
        fail(tr("The rows were delivered, but the rejected rows could not be kept: %1")
                 .arg(m_rejected->errorString()));
        return;
    }
    const double seconds = static_cast<double>(m_clock.elapsed()) / 1000.0;
    const QLocale locale;
    if (m_progress.rowsRejected > 0)
        log(RunEvent::Level::Warning,
            tr("%n row(s) were rejected; they are kept with their reasons in %1.", nullptr,
               static_cast<int>(std::min<qint64>(m_progress.rowsRejected, INT_MAX)))
                .arg(QDir::toNativeSeparators(m_plan.rejectedPath)));
    log(RunEvent::Level::Info,
        tr("Done in %1 s: %2 rows read, %3 delivered, %4 rejected.")
            .arg(locale.toString(seconds, 'f', 1), locale.toString(m_progress.rowsRead),
                 locale.toString(m_progress.rowsWritten),
                 locale.toString(m_progress.rowsRejected)));
    saveCheckpoint(true);
    QString storeError;
    RunOutcome outcome =
        RunOutcome::succeeded(output, m_rejected->hasRows() ? m_plan.rejectedPath : QString());
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
    if (m_delta)
        m_delta->discard();
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
    if (m_delta)
        m_delta->discard();
    if (m_rejected) {
        if (m_keepRejected && m_rejected->hasRows() && m_rejected->commit())
            m_keptRejectedPath = m_plan.rejectedPath;
        else
            m_rejected->cancel();
    }
    log(RunEvent::Level::Error, error);
    finishRun(RunState::Failed, redactSecrets(error));
}

void RunJob::finishRun(RunState state, const QString &error)
{
    if (m_finished)
        return;
    saveCheckpoint(true);
    QString storeError;
    RunOutcome outcome{state, error, {}, m_keptRejectedPath};
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
