#pragma once

#include "model/Run.h"

#include <QWidget>

class QLabel;
class QPushButton;
class QSortFilterProxyModel;
class QSplitter;
class QTableView;
class QTimer;
class QTreeWidget;

namespace courier::ui {

class CacheReader;
class EmptyStateStack;
class RunTableModel;

// The Activity page: recent runs on top, the selected run's log below, and a way to open the
// rows it rejected. Reads the cache through the window's CacheReader, never on the UI thread.
class ActivityPage : public QWidget
{
    Q_OBJECT

public:
    ActivityPage(CacheReader &reader, QAction *exportAction, QWidget *parent = nullptr);

    // Reloads the runs; then selects runId if given (e.g. the export that just finished).
    void refresh(qint64 runIdToSelect = 0);
    // Reloads soon, at most a few times a second however often it is called: for the
    // engine's progress signals, so a run's counters and log grow while it runs.
    void refreshSoon();

    RunTableModel *runModel() const { return m_model; }
    QTableView *runView() const { return m_view; }
    QTreeWidget *runLog() const { return m_log; }
    QPushButton *openRejectedButton() const { return m_openRejected; }
    QSplitter *splitter() const { return m_splitter; }
    EmptyStateStack *emptyState() const { return m_emptyState; }

signals:
    // After each reload, so callers (and tests) know the model is current.
    void refreshed();

private:
    struct Details
    {
        QList<RunEvent> events;
        bool rejectedFileExists = false;
    };

    void showRuns(const QList<Run> &runs, qint64 runIdToSelect);
    void selectionChanged();
    void showDetails(qint64 runId, const Details &details);
    void openRejectedRows();
    qint64 selectedRunId() const;
    Run selectedRun() const;

    CacheReader &m_reader;
    RunTableModel *m_model;
    QSortFilterProxyModel *m_proxy;
    QTableView *m_view;
    EmptyStateStack *m_emptyState;
    QSplitter *m_splitter;
    QLabel *m_logTitle;
    QTreeWidget *m_log;
    QPushButton *m_openRejected;
    QTimer *m_poll;     // refreshes while a run is still in progress
    QTimer *m_throttle; // refreshSoon()
    qint64 m_detailsRunId = 0;
    QString m_rejectedPath;
};

} // namespace courier::ui
