#include "ActivityPage.h"

#include "CacheReader.h"
#include "EmptyState.h"
#include "Formatting.h"
#include "RunTableModel.h"
#include "store/RunRepository.h"
#include "TableViews.h"

#include <QAction>
#include <QDesktopServices>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QStyle>
#include <QTableView>
#include <QTimer>
#include <QTreeWidget>
#include <QUrl>
#include <QVBoxLayout>

namespace courier::ui {

namespace {

constexpr int RecentRuns = 500;
constexpr int PollIntervalMs = 1000;
constexpr int ThrottleMs = 400;

} // namespace

ActivityPage::ActivityPage(CacheReader &reader, QAction *exportAction, QWidget *parent)
    : QWidget(parent)
    , m_reader(reader)
    , m_model(new RunTableModel(this))
    , m_proxy(sortingProxy(m_model, this))
    , m_view(new QTableView)
    , m_splitter(new QSplitter(Qt::Vertical, this))
    , m_logTitle(new QLabel)
    , m_log(new QTreeWidget)
    , m_openRejected(new QPushButton(tr("Open &rejected rows")))
    , m_poll(new QTimer(this))
    , m_throttle(new QTimer(this))
{
    setUpListView(m_view, QStringLiteral("runTable"), tr("Runs"));
    m_view->setModel(m_proxy);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(RunTableModel::StartedColumn, Qt::DescendingOrder);
    QHeaderView *header = m_view->horizontalHeader();
    header->setSectionResizeMode(RunTableModel::ErrorColumn, QHeaderView::Stretch);
    // A share run's source reads "Audience (endpoint)" and can be long: cap the columns sized
    // to their contents (the tool tip has the whole text) so the error keeps some room.
    header->setMaximumSectionSize(m_view->fontMetrics().averageCharWidth() * 34);

    m_emptyState = new EmptyStateStack(m_view, m_model);
    m_emptyState->setObjectName(QStringLiteral("activityEmptyState"));
    m_emptyState->setTitle(tr("No runs yet"));
    m_emptyState->setText(tr("Every share run and every export is listed here with its row "
                             "counts, its log and any rows it had to set aside. Run a share "
                             "from Shares, or export a file with File › Export CSV…"));
    m_emptyState->setAction(exportAction);

    // ---- The selected run's log ----
    auto *details = new QWidget;
    m_logTitle->setText(tr("Run log"));
    QFont titleFont = m_logTitle->font();
    titleFont.setBold(true);
    m_logTitle->setFont(titleFont);
    m_log->setObjectName(QStringLiteral("runLog"));
    m_log->setAccessibleName(tr("Run log"));
    m_log->setColumnCount(2);
    m_log->setHeaderLabels({tr("Time"), tr("Message")});
    m_log->setRootIsDecorated(false);
    m_log->setUniformRowHeights(true);
    m_log->setAlternatingRowColors(true);
    m_log->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_log->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_log->header()->setStretchLastSection(true);
    m_log->header()->setHighlightSections(false);
    auto *logState = new EmptyStateStack(m_log, m_log->model());
    logState->setTitle(tr("No run selected"));
    logState->setText(tr("Select a run above to see what happened, step by step."));

    m_openRejected->setObjectName(QStringLiteral("openRejectedRows"));
    m_openRejected->setAccessibleName(tr("Open rejected rows"));
    m_openRejected->setToolTip(tr("Open the file that lists the rows this run could not use, "
                                  "with the reason for each."));
    m_openRejected->setEnabled(false);
    connect(m_openRejected, &QPushButton::clicked, this, &ActivityPage::openRejectedRows);

    auto *titleRow = new QHBoxLayout;
    titleRow->addWidget(m_logTitle, 1);
    titleRow->addWidget(m_openRejected);
    auto *detailsLayout = new QVBoxLayout(details);
    detailsLayout->setContentsMargins(0, 6, 0, 0);
    detailsLayout->addLayout(titleRow);
    detailsLayout->addWidget(logState, 1);

    m_splitter->setObjectName(QStringLiteral("activitySplitter"));
    m_splitter->setChildrenCollapsible(false);
    m_splitter->addWidget(m_emptyState);
    m_splitter->addWidget(details);
    m_splitter->setStretchFactor(0, 3);
    m_splitter->setStretchFactor(1, 2);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 8, 8, 0);
    layout->addWidget(m_splitter);

    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &ActivityPage::selectionChanged);
    m_poll->setSingleShot(true);
    m_poll->setInterval(PollIntervalMs);
    connect(m_poll, &QTimer::timeout, this, [this] { refresh(); });
    m_throttle->setSingleShot(true);
    m_throttle->setInterval(ThrottleMs);
    connect(m_throttle, &QTimer::timeout, this, [this] { refresh(); });
}

void ActivityPage::refreshSoon()
{
    if (!m_throttle->isActive())
        m_throttle->start();
}

void ActivityPage::refresh(qint64 runIdToSelect)
{
    m_reader.read(
        this, [](const Database &db) { return RunRepository(db).recent(RecentRuns); },
        [this, runIdToSelect](const QList<Run> &runs) { showRuns(runs, runIdToSelect); });
}

void ActivityPage::showRuns(const QList<Run> &runs, qint64 runIdToSelect)
{
    // Keep the user's selection; with none, show the newest run's log (runs are newest first).
    qint64 keep = runIdToSelect ? runIdToSelect : selectedRunId();
    if (!keep && !runs.isEmpty())
        keep = runs.constFirst().id;
    const bool hadFocus = m_view->hasFocus();
    m_model->setRuns(runs);

    const int row = keep ? m_model->rowOf(keep) : -1;
    if (row >= 0) {
        const QModelIndex index = m_proxy->mapFromSource(m_model->index(row, 0));
        m_view->selectionModel()->select(index, QItemSelectionModel::ClearAndSelect |
                                                    QItemSelectionModel::Rows);
        m_view->setCurrentIndex(index);
        m_view->scrollTo(index);
    }
    if (hadFocus)
        m_view->setFocus();
    selectionChanged(); // a reset may keep the same run selected with a longer log

    const bool inProgress =
        std::any_of(runs.cbegin(), runs.cend(), [](const Run &run) { return !run.isFinished(); });
    if (inProgress)
        m_poll->start();
    emit refreshed();
}

qint64 ActivityPage::selectedRunId() const
{
    const QModelIndexList rows = m_view->selectionModel()->selectedRows();
    if (rows.isEmpty())
        return 0;
    const int row = m_proxy->mapToSource(rows.constFirst()).row();
    return row >= 0 && row < m_model->rowCount() ? m_model->run(row).id : 0;
}

Run ActivityPage::selectedRun() const
{
    const int row = m_model->rowOf(selectedRunId());
    return row >= 0 ? m_model->run(row) : Run();
}

void ActivityPage::selectionChanged()
{
    const Run run = selectedRun();
    if (run.id == 0) {
        m_detailsRunId = 0;
        m_rejectedPath.clear();
        m_log->clear();
        m_logTitle->setText(tr("Run log"));
        m_openRejected->setEnabled(false);
        return;
    }
    m_logTitle->setText(tr("Run log: %1").arg(RunTableModel::shortText(run, run.source)));
    const QString rejectedPath = run.rejectedPath;
    m_reader.read(
        this,
        [id = run.id, rejectedPath](const Database &db) {
            Details details;
            details.events = RunRepository(db).events(id);
            // The file may have been moved or deleted since; only offer what can be opened.
            details.rejectedFileExists = !rejectedPath.isEmpty() && QFileInfo::exists(rejectedPath);
            return details;
        },
        [this, id = run.id, rejectedPath](const Details &details) {
            if (id != selectedRunId())
                return; // the selection moved on while the log was read
            m_rejectedPath = details.rejectedFileExists ? rejectedPath : QString();
            showDetails(id, details);
        });
}

void ActivityPage::showDetails(qint64 runId, const Details &details)
{
    m_openRejected->setEnabled(!m_rejectedPath.isEmpty());
    if (runId == m_detailsRunId && m_log->topLevelItemCount() == details.events.size())
        return; // unchanged: keep the user's scroll position and selection
    m_detailsRunId = runId;
    m_log->clear();
    QList<QTreeWidgetItem *> items;
    for (const RunEvent &event : details.events) {
        auto *item = new QTreeWidgetItem({format::time(event.at), event.message});
        item->setToolTip(0, format::timestampLong(event.at));
        item->setToolTip(1, event.message);
        const QStyle::StandardPixmap icon =
            event.level == RunEvent::Level::Error     ? QStyle::SP_MessageBoxCritical
            : event.level == RunEvent::Level::Warning ? QStyle::SP_MessageBoxWarning
                                                      : QStyle::SP_MessageBoxInformation;
        item->setIcon(0, style()->standardIcon(icon));
        items.append(item);
    }
    m_log->addTopLevelItems(items);
}

void ActivityPage::openRejectedRows()
{
    if (!m_rejectedPath.isEmpty())
        QDesktopServices::openUrl(QUrl::fromLocalFile(m_rejectedPath));
}

} // namespace courier::ui
