#pragma once

#include "model/Run.h"

#include <QPointer>
#include <QSet>
#include <QWidget>

class QLabel;
class QPushButton;
class QSortFilterProxyModel;
class QTableView;

namespace courier {

class Engine;
struct RunProgress;

namespace ui {

class CacheReader;
class EmptyStateStack;
class ShareTableModel;

// The Shares page: every saved share with its audience, destination, action, schedule and last
// run, "Run now" and "Cancel run", and the live state of runs in progress. Reads the cache
// through the window's CacheReader; runs go through the Engine. Without an engine (another
// Audience Courier holds the profile and runs its shares) the page is for browsing only and
// says so.
class SharesPage : public QWidget
{
    Q_OBJECT

public:
    // engine may be null.
    SharesPage(CacheReader &reader, Engine *engine, QWidget *parent = nullptr);

    void refresh();

    // Selects the share's row, if listed.
    void selectShare(qint64 shareId);
    // Reloads, selects the new share and, if asked, runs it (a share just created elsewhere).
    void showNewShare(qint64 shareId, bool runNow);
    qint64 selectedShareId() const;
    // What the buttons do, for the selected share.
    void runSelected();
    void cancelSelected();
    // A problem the user may be able to fix (e.g. the demo found no keychain), as a banner.
    void showNotice(const QString &text);

    ShareTableModel *shareModel() const { return m_model; }
    QTableView *shareView() const { return m_view; }
    QPushButton *runButton() const { return m_run; }
    QPushButton *cancelButton() const { return m_cancel; }
    QLabel *noEngineBanner() const { return m_noEngine; }
    QLabel *messageBanner() const { return m_message; }
    EmptyStateStack *emptyState() const { return m_emptyState; }

signals:
    // After each reload, so callers (and tests) know the model is current.
    void refreshed();
    // "Run now" queued this run (the window shows its log in Activity).
    void runRequested(qint64 runId);

private:
    enum class Tone { Info, Success, Warning, Error };

    void runQueued(qint64 runId, qint64 shareId);
    void runProgressed(qint64 runId, const RunProgress &progress);
    void runFinished(qint64 runId, RunState state, const QString &error);
    void updateButtons();
    void showMessage(Tone tone, const QString &text);
    void clearMessage();
    QString shareName(qint64 shareId) const;

    CacheReader &m_reader;
    QPointer<Engine> m_engine;
    ShareTableModel *m_model;
    QSortFilterProxyModel *m_proxy;
    QTableView *m_view;
    EmptyStateStack *m_emptyState;
    QLabel *m_noEngine;
    QLabel *m_message;
    QPushButton *m_run;
    QPushButton *m_cancel;
    QSet<qint64> m_requested; // runs started with "Run now" here: their outcome is shown inline
    quint64 m_generation = 0;
    qint64 m_newShare = 0; // showNewShare(): select (and run) it once the reload has it
    bool m_runNewShare = false;
};

} // namespace ui
} // namespace courier
