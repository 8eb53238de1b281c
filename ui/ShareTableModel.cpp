#include "ShareTableModel.h"

#include "Formatting.h"
#include "RunTableModel.h"
#include "store/AudienceRepository.h"
#include "store/EndpointRepository.h"
#include "store/RunRepository.h"
#include "store/ShareRepository.h"

#include <QLocale>

namespace courier::ui {

namespace {

// How far back the newest run of each share is looked for. A share whose newest run is older
// than this many runs shows "Not run yet" (RunRepository has no per-share query yet).
constexpr int RunsScanned = 2000;

} // namespace

ShareRows loadShareRows(const Database &database)
{
    ShareRows result;
    const QList<Share> shares = ShareRepository(database).list(&result.error);
    if (!result.error.isEmpty() || shares.isEmpty())
        return result;

    QHash<qint64, QString> endpointNames;
    for (const Endpoint &endpoint : EndpointRepository(database).list(&result.error))
        endpointNames.insert(endpoint.id, endpoint.name);
    QHash<qint64, Run> lastRuns;
    for (const Run &run : RunRepository(database).recent(RunsScanned, &result.error)) {
        if (run.shareId && !lastRuns.contains(*run.shareId))
            lastRuns.insert(*run.shareId, run); // newest first, so the first one wins
    }

    AudienceRepository audiences(database);
    result.rows.reserve(shares.size());
    for (const Share &share : shares) {
        ShareRow row;
        row.share = share;
        if (const auto audience = audiences.find(share.audienceId, &result.error)) {
            row.audienceName = audience->name;
            row.sourceName = endpointNames.value(audience->endpointId);
        }
        row.destinationName = endpointNames.value(share.destinationId);
        if (const auto it = lastRuns.constFind(share.id); it != lastRuns.cend())
            row.lastRun = *it;
        result.rows.append(std::move(row));
    }
    return result;
}

void ShareTableModel::setRows(QList<ShareRow> rows)
{
    beginResetModel();
    m_rows = std::move(rows);
    for (auto it = m_live.begin(); it != m_live.end();) {
        if (it->finished) {
            m_shareOfRun.remove(it->runId);
            it = m_live.erase(it);
        } else {
            ++it;
        }
    }
    endResetModel();
}

int ShareTableModel::rowOfShare(qint64 shareId) const
{
    for (qsizetype row = 0; row < m_rows.size(); ++row) {
        if (m_rows.at(row).share.id == shareId)
            return static_cast<int>(row);
    }
    return -1;
}

void ShareTableModel::runQueued(qint64 runId, qint64 shareId)
{
    if (shareId == 0)
        return;
    Live live;
    live.runId = runId;
    live.progress.state = RunState::Queued;
    live.queuedAt = QDateTime::currentDateTimeUtc();
    m_live.insert(shareId, live);
    m_shareOfRun.insert(runId, shareId);
    changed(shareId);
}

void ShareTableModel::runProgressed(qint64 runId, const RunProgress &progress)
{
    const qint64 shareId = m_shareOfRun.value(runId);
    const auto it = m_live.find(shareId);
    if (it == m_live.end() || it->runId != runId || it->finished)
        return;
    it->progress = progress;
    changed(shareId);
}

void ShareTableModel::runFinished(qint64 runId, RunState state, const QString &error)
{
    const qint64 shareId = m_shareOfRun.value(runId);
    const auto it = m_live.find(shareId);
    if (it == m_live.end() || it->runId != runId)
        return;
    it->progress.state = state;
    it->finished = true;
    it->error = error;
    it->finishedAt = QDateTime::currentDateTimeUtc();
    changed(shareId);
}

std::optional<qint64> ShareTableModel::activeRunId(qint64 shareId) const
{
    if (const auto it = m_live.constFind(shareId); it != m_live.cend())
        return it->finished ? std::nullopt : std::optional<qint64>(it->runId);
    const int row = rowOfShare(shareId);
    if (row < 0)
        return std::nullopt;
    const std::optional<Run> &run = m_rows.at(row).lastRun;
    if (run && !run->isFinished())
        return run->id;
    return std::nullopt;
}

std::optional<RunProgress> ShareTableModel::liveProgress(qint64 runId) const
{
    const auto it = m_live.constFind(m_shareOfRun.value(runId));
    if (it == m_live.cend() || it->runId != runId)
        return std::nullopt;
    return it->progress;
}

void ShareTableModel::changed(qint64 shareId)
{
    const int row = rowOfShare(shareId);
    if (row >= 0)
        emit dataChanged(index(row, StatusColumn), index(row, LastRunColumn));
}

int ShareTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int ShareTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString ShareTableModel::actionDisplayName(Share::ShareAction action)
{
    switch (action) {
    case Share::ShareAction::Add:
        return tr("Add members");
    case Share::ShareAction::Replace:
        return tr("Replace all members");
    case Share::ShareAction::Remove:
        return tr("Remove members");
    }
    return {};
}

QString ShareTableModel::progressText(const RunProgress &progress)
{
    const QLocale locale;
    switch (progress.state) {
    case RunState::Queued:
        return tr("Queued…");
    case RunState::Requesting:
        return tr("Requesting the audience…");
    case RunState::Waiting:
        return progress.percentComplete >= 0
                   ? tr("Waiting for the source… %1 %").arg(progress.percentComplete)
                   : tr("Waiting for the source…");
    case RunState::Downloading:
        return progress.bytesRead > 0
                   ? tr("Downloading… %1").arg(locale.formattedDataSize(progress.bytesRead))
                   : tr("Downloading…");
    case RunState::Transforming:
        return tr("Mapping… %1 rows").arg(format::count(progress.rowsRead));
    case RunState::Delivering:
        return tr("Delivering… %1 rows").arg(format::count(progress.rowsWritten));
    default:
        return runStateDisplayName(progress.state);
    }
}

std::optional<RunState> ShareTableModel::shownState(const ShareRow &row) const
{
    if (const auto it = m_live.constFind(row.share.id); it != m_live.cend())
        return it->progress.state;
    if (row.lastRun)
        return row.lastRun->state;
    return std::nullopt;
}

QDateTime ShareTableModel::shownTime(const ShareRow &row) const
{
    if (const auto it = m_live.constFind(row.share.id); it != m_live.cend())
        return it->finished ? it->finishedAt : it->queuedAt;
    if (!row.lastRun)
        return {};
    const Run &run = *row.lastRun;
    if (run.finishedAt.isValid())
        return run.finishedAt;
    return run.startedAt.isValid() ? run.startedAt : run.queuedAt;
}

QVariant ShareTableModel::display(const ShareRow &row, Column column) const
{
    const auto live = m_live.constFind(row.share.id);
    const bool hasLive = live != m_live.cend();
    switch (column) {
    case NameColumn:
        return row.share.name;
    case AudienceColumn:
        return row.audienceName.isEmpty() ? tr("(audience removed)") : row.audienceName;
    case DestinationColumn:
        return row.destinationName.isEmpty() ? tr("(endpoint removed)") : row.destinationName;
    case ActionColumn:
        return actionDisplayName(row.share.action);
    case ScheduleColumn:
        if (!row.share.enabled)
            return tr("Paused");
        return row.share.schedule.isEmpty() ? tr("Manual") : row.share.schedule;
    case StatusColumn:
        if (hasLive)
            return live->finished ? runStateDisplayName(live->progress.state)
                                  : progressText(live->progress);
        if (!row.lastRun)
            return tr("Not run yet");
        if (row.lastRun->isFinished())
            return runStateDisplayName(row.lastRun->state);
        {
            RunProgress recorded;
            recorded.state = row.lastRun->state;
            recorded.rowsRead = row.lastRun->rowsRead;
            recorded.rowsWritten = row.lastRun->rowsWritten;
            recorded.bytesRead = row.lastRun->bytesRead;
            return progressText(recorded);
        }
    case LastRunColumn:
        return format::timestamp(shownTime(row));
    case ColumnCount:
        break;
    }
    return {};
}

QVariant ShareTableModel::toolTip(const ShareRow &row, Column column) const
{
    switch (column) {
    case AudienceColumn:
        return row.sourceName.isEmpty() ? QVariant()
                                        : tr("“%1” from %2").arg(row.audienceName, row.sourceName);
    case StatusColumn: {
        const auto live = m_live.constFind(row.share.id);
        if (live != m_live.cend()) {
            if (live->finished && !live->error.isEmpty())
                return live->error;
            return QVariant();
        }
        if (!row.lastRun)
            return tr("This share has not run yet.");
        const Run &run = *row.lastRun;
        if (!run.error.isEmpty())
            return run.error;
        return tr("%1 rows read, %2 delivered, %3 rejected")
            .arg(format::count(run.rowsRead), format::count(run.rowsWritten),
                 format::count(run.rowsRejected));
    }
    case LastRunColumn: {
        const QDateTime at = shownTime(row);
        return at.isValid() ? QVariant(format::timestampLong(at)) : QVariant();
    }
    case ScheduleColumn:
        if (row.share.nextRunAt.isValid())
            return tr("Next run: %1").arg(format::timestampLong(row.share.nextRunAt));
        return row.share.schedule.isEmpty() ? tr("Runs when you click Run now") : QVariant();
    default:
        return {};
    }
}

QVariant ShareTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const ShareRow &row = m_rows.at(index.row());
    const auto column = static_cast<Column>(index.column());
    switch (role) {
    case Qt::DisplayRole:
        return display(row, column);
    case Qt::ToolTipRole:
        return toolTip(row, column);
    case Qt::DecorationRole:
        if (column == StatusColumn) {
            if (const auto state = shownState(row))
                return RunTableModel::stateIcon(*state);
        }
        return {};
    case SortRole:
        switch (column) {
        case StatusColumn:
            if (const auto state = shownState(row))
                return static_cast<int>(*state);
            return -1;
        case LastRunColumn:
            return shownTime(row);
        default:
            return display(row, column).toString().toLower();
        }
    default:
        return {};
    }
}

QVariant ShareTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (static_cast<Column>(section)) {
    case NameColumn:
        return tr("Share");
    case AudienceColumn:
        return tr("Audience");
    case DestinationColumn:
        return tr("Destination");
    case ActionColumn:
        return tr("Action");
    case ScheduleColumn:
        return tr("Schedule");
    case StatusColumn:
        return tr("Last run");
    case LastRunColumn:
        return tr("When");
    case ColumnCount:
        break;
    }
    return {};
}

} // namespace courier::ui
