#pragma once

#include "engine/RunJob.h"
#include "model/Run.h"
#include "model/Share.h"

#include <optional>
#include <QAbstractTableModel>
#include <QDateTime>
#include <QHash>
#include <QList>

namespace courier {

class Database;

namespace ui {

// One share as the Shares page lists it: the share, the names it refers to, and its newest run.
struct ShareRow
{
    Share share;
    QString audienceName; // empty when the audience is gone
    QString sourceName;   // the endpoint the audience comes from
    QString destinationName;
    std::optional<Run> lastRun;
};

struct ShareRows
{
    QList<ShareRow> rows;
    QString error; // user-visible, when the cache could not be read
};

// Reads the shares with their names and newest runs. Blocking: call it on the CacheReader's
// thread, never on the UI thread.
ShareRows loadShareRows(const Database &database);

// The shares, for the Shares page. Rows come from the cache; while the engine runs a share,
// its live state and counters (from the engine's signals) take the place of the recorded run
// until the next reload.
class ShareTableModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column {
        NameColumn,
        AudienceColumn,
        DestinationColumn,
        ActionColumn,
        ScheduleColumn,
        StatusColumn,
        LastRunColumn,
        ColumnCount
    };

    using QAbstractTableModel::QAbstractTableModel;

    // Replaces the rows; live states of runs that have finished are dropped (the rows now
    // carry them as recorded).
    void setRows(QList<ShareRow> rows);
    const ShareRow &row(int row) const { return m_rows.at(row); }
    int rowOfShare(qint64 shareId) const;

    // From the engine's signals.
    void runQueued(qint64 runId, qint64 shareId);
    void runProgressed(qint64 runId, const RunProgress &progress);
    void runFinished(qint64 runId, RunState state, const QString &error);

    // The share of a run the engine reported, or 0.
    qint64 shareOfRun(qint64 runId) const { return m_shareOfRun.value(runId); }
    // The run of the share that is queued or in progress, live or as recorded.
    std::optional<qint64> activeRunId(qint64 shareId) const;
    // The newest counters the engine reported for a run, if any.
    std::optional<RunProgress> liveProgress(qint64 runId) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    static QString actionDisplayName(Share::ShareAction action);
    // What a run in progress is doing, e.g. "Delivering… 12,000 rows".
    static QString progressText(const RunProgress &progress);

private:
    struct Live
    {
        qint64 runId = 0;
        RunProgress progress;
        QDateTime queuedAt;   // UTC
        QDateTime finishedAt; // UTC, once finished
        bool finished = false;
        QString error;
    };

    void changed(qint64 shareId);
    QVariant display(const ShareRow &row, Column column) const;
    QVariant toolTip(const ShareRow &row, Column column) const;
    // The state shown: live if the engine reported one, else the recorded run's.
    std::optional<RunState> shownState(const ShareRow &row) const;
    // When it finished, or while in progress when it was queued or started; invalid if never.
    QDateTime shownTime(const ShareRow &row) const;

    QList<ShareRow> m_rows;
    QHash<qint64, Live> m_live;         // by share id
    QHash<qint64, qint64> m_shareOfRun; // run id → share id, for the engine's signals
};

} // namespace ui
} // namespace courier
