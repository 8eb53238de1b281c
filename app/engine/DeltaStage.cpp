#include "engine/DeltaStage.h"

#include "common/Logging.h"

#include <QDir>
#include <QLocale>

namespace courier {

DeltaStage::DeltaStage(const Database &database, Plan plan)
    : m_database(database)
    , m_plan(std::move(plan))
    , m_snapshots(database)
{}

DeltaStage::~DeltaStage()
{
    // A stage that ends without complete() (a failure, a cancel, an interruption) leaves no
    // half-written snapshot behind; an interruption's is swept at the next start anyway.
    if (!m_completed)
        discard();
}

bool DeltaStage::begin(QString *note, QString *error)
{
    QDir().mkpath(m_plan.workDirectory);
    m_builder = std::make_unique<DeltaBuilder>(m_plan.workDirectory, m_plan.columns,
                                               m_plan.identifierColumns);
    if (m_plan.shareId == 0)
        return true; // a dry run of a share that keeps no snapshots
    QString readError;
    const auto previous = m_snapshots.latest(m_plan.shareId, m_plan.destinationId, &readError);
    if (!readError.isEmpty()) {
        *error = readError;
        return false;
    }
    if (previous && !m_builder->canCompareWith(*previous)) {
        *note =
            tr("The share's identifiers changed since the delivery of %1, so the whole "
               "audience is sent again.")
                .arg(QLocale().toString(previous->createdAt.toLocalTime(), QLocale::ShortFormat));
    } else {
        m_previous = previous;
    }
    return true;
}

QString DeltaStage::previousTakenAt() const
{
    return m_previous
               ? QLocale().toString(m_previous->createdAt.toLocalTime(), QLocale::ShortFormat)
               : QString();
}

bool DeltaStage::add(const RowBatch &mapped, QString *error)
{
    if (m_builder->add(mapped))
        return true;
    *error = m_builder->errorString();
    return false;
}

std::optional<DeltaResult> DeltaStage::finish(QString *error)
{
    std::unique_ptr<SnapshotReader> previous;
    if (m_previous) {
        previous = m_snapshots.open(m_previous->id, error);
        if (!previous)
            return std::nullopt;
    }
    if (m_plan.keepSnapshot && m_plan.shareId != 0) {
        SnapshotInfo header;
        header.shareId = m_plan.shareId;
        header.destinationId = m_plan.destinationId;
        header.runId = m_plan.runId;
        header.columns = m_plan.columns;
        header.identifierColumns = m_builder->identifierColumns();
        m_writer = m_snapshots.create(header, error);
        if (!m_writer)
            return std::nullopt;
    }
    DeltaResult result = m_builder->finish(previous.get(), m_writer.get());
    if (!result.ok) {
        *error = result.error;
        return std::nullopt;
    }
    return result;
}

bool DeltaStage::complete(QString *error)
{
    if (!m_writer) {
        m_completed = true;
        return true;
    }
    if (!m_snapshots.complete(m_writer->id(), error))
        return false;
    m_completed = true;
    m_writer.reset();
    return true;
}

void DeltaStage::discard()
{
    if (!m_writer)
        return;
    // The writer first: its thread may still be storing a chunk of the snapshot.
    const qint64 id = m_writer->id();
    m_writer.reset();
    QString error;
    if (!m_snapshots.discard(id, &error))
        qCWarning(lcEngine) << "Could not discard an unfinished member snapshot:" << error;
}

} // namespace courier
