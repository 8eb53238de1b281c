#pragma once

#include "model/Run.h"

#include <QAbstractTableModel>
#include <QIcon>
#include <QList>

namespace courier::ui {

// The recent runs, newest first, for the Activity page. Read-only; the page reloads it from
// the cache when a run starts or finishes.
class RunTableModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column {
        StartedColumn,
        SourceColumn,
        DestinationColumn,
        StateColumn,
        RowsReadColumn,
        RowsWrittenColumn,
        RowsRejectedColumn,
        DurationColumn,
        ErrorColumn,
        ColumnCount
    };

    using QAbstractTableModel::QAbstractTableModel;

    void setRuns(QList<Run> runs);
    const Run &run(int row) const { return m_runs.at(row); }
    // The row of the run with that id, or -1.
    int rowOf(qint64 runId) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    // A small filled circle in the state's colour (green, red, amber, blue while in progress):
    // state is easier to scan as colour than as words, and a drawn dot looks the same under
    // every style and icon theme.
    static QIcon stateIcon(RunState state);
    // A run's source or destination for a narrow column: the file name of an export's paths,
    // a share run's names as they are.
    static QString shortText(const Run &run, const QString &text);
    static bool isFileRun(const Run &run);

    // Milliseconds from start to finish (or to now while running); -1 when not started.
    static qint64 durationMs(const Run &run);

private:
    QVariant display(const Run &run, Column column) const;
    QVariant toolTip(const Run &run, Column column) const;

    QList<Run> m_runs;
};

} // namespace courier::ui
