#include "RunTableModel.h"

#include "Formatting.h"

#include <QColor>
#include <QDir>
#include <QIcon>
#include <QPainter>
#include <QPixmap>

namespace courier::ui {

namespace {

bool isNumberColumn(int column)
{
    return column == RunTableModel::RowsReadColumn || column == RunTableModel::RowsWrittenColumn ||
           column == RunTableModel::RowsRejectedColumn || column == RunTableModel::DurationColumn;
}

} // namespace

QIcon RunTableModel::stateIcon(RunState state)
{
    QColor color;
    switch (state) {
    case RunState::Succeeded:
        color = QColor(0x2e, 0x9d, 0x4f);
        break;
    case RunState::Failed:
        color = QColor(0xd0, 0x3b, 0x3b);
        break;
    case RunState::Cancelled:
    case RunState::Interrupted:
        color = QColor(0xd9, 0x8e, 0x1c);
        break;
    default: // in progress
        color = QColor(0x2f, 0x6f, 0xd6);
        break;
    }
    QPixmap pixmap(32, 32);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(Qt::NoPen);
    painter.setBrush(color);
    painter.drawEllipse(QRectF(6, 6, 20, 20));
    return QIcon(pixmap);
}

bool RunTableModel::isFileRun(const Run &run)
{
    // Share runs describe their ends by name ("Newsletter (Shop CRM)"), which may hold a '/'.
    return run.kind != QLatin1String("share");
}

QString RunTableModel::shortText(const Run &run, const QString &text)
{
    return isFileRun(run) ? format::fileName(text) : text;
}

void RunTableModel::setRuns(QList<Run> runs)
{
    beginResetModel();
    m_runs = std::move(runs);
    endResetModel();
}

int RunTableModel::rowOf(qint64 runId) const
{
    for (qsizetype row = 0; row < m_runs.size(); ++row) {
        if (m_runs.at(row).id == runId)
            return static_cast<int>(row);
    }
    return -1;
}

int RunTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_runs.size());
}

int RunTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

qint64 RunTableModel::durationMs(const Run &run)
{
    if (!run.startedAt.isValid())
        return -1;
    const QDateTime end =
        run.finishedAt.isValid() ? run.finishedAt : QDateTime::currentDateTimeUtc();
    return std::max<qint64>(0, run.startedAt.msecsTo(end));
}

QVariant RunTableModel::display(const Run &run, Column column) const
{
    switch (column) {
    case StartedColumn:
        return format::timestamp(run.startedAt.isValid() ? run.startedAt : run.queuedAt);
    case SourceColumn:
        return shortText(run, run.source);
    case DestinationColumn:
        return shortText(run, run.destination);
    case StateColumn:
        return runStateDisplayName(run.state);
    case RowsReadColumn:
        return format::count(run.rowsRead);
    case RowsWrittenColumn:
        return format::count(run.rowsWritten);
    case RowsRejectedColumn:
        return format::count(run.rowsRejected);
    case DurationColumn:
        return run.isFinished() || run.startedAt.isValid() ? format::duration(durationMs(run))
                                                           : QString();
    case ErrorColumn:
        // One line in the table; the whole message is in the tool tip and the run log.
        return run.error.section(QLatin1Char('\n'), 0, 0);
    case ColumnCount:
        break;
    }
    return {};
}

QVariant RunTableModel::toolTip(const Run &run, Column column) const
{
    switch (column) {
    case StartedColumn:
        return format::timestampLong(run.startedAt.isValid() ? run.startedAt : run.queuedAt);
    case SourceColumn:
        return isFileRun(run) ? QDir::toNativeSeparators(run.source) : run.source;
    case DestinationColumn:
        return isFileRun(run) ? QDir::toNativeSeparators(run.destination) : run.destination;
    case RowsRejectedColumn:
        return run.rowsRejected > 0
                   ? tr("%Ln row(s) could not be used; see the rejected rows file.", nullptr,
                        static_cast<int>(std::min<qint64>(run.rowsRejected, INT_MAX)))
                   : QVariant();
    case ErrorColumn:
        return run.error.isEmpty() ? QVariant() : run.error;
    default:
        return {};
    }
}

QVariant RunTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Run &run = m_runs.at(index.row());
    const auto column = static_cast<Column>(index.column());

    switch (role) {
    case Qt::DisplayRole:
        return display(run, column);
    case Qt::ToolTipRole:
        return toolTip(run, column);
    case Qt::DecorationRole:
        if (column == StateColumn)
            return stateIcon(run.state);
        return {};
    case Qt::TextAlignmentRole:
        if (isNumberColumn(column))
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case SortRole:
        switch (column) {
        case StartedColumn:
            return run.startedAt.isValid() ? run.startedAt : run.queuedAt;
        case StateColumn:
            return static_cast<int>(run.state);
        case RowsReadColumn:
            return run.rowsRead;
        case RowsWrittenColumn:
            return run.rowsWritten;
        case RowsRejectedColumn:
            return run.rowsRejected;
        case DurationColumn:
            return durationMs(run);
        default:
            return display(run, column).toString().toLower();
        }
    default:
        return {};
    }
}

QVariant RunTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return {};
    if (role == Qt::TextAlignmentRole && isNumberColumn(section))
        return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
    if (role != Qt::DisplayRole)
        return {};
    switch (static_cast<Column>(section)) {
    case StartedColumn:
        return tr("Started");
    case SourceColumn:
        return tr("Source");
    case DestinationColumn:
        return tr("Destination");
    case StateColumn:
        return tr("State");
    case RowsReadColumn:
        return tr("Read");
    case RowsWrittenColumn:
        return tr("Written");
    case RowsRejectedColumn:
        return tr("Rejected");
    case DurationColumn:
        return tr("Duration");
    case ErrorColumn:
        return tr("Error");
    case ColumnCount:
        break;
    }
    return {};
}

} // namespace courier::ui
