#include "SharesPage.h"

#include "CacheReader.h"
#include "EmptyState.h"
#include "engine/Engine.h"
#include "Formatting.h"
#include "ShareTableModel.h"
#include "TableViews.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QStyle>
#include <QTableView>
#include <QVBoxLayout>

namespace courier::ui {

namespace {

QLabel *newBanner(const QString &objectName, const QString &accessibleName)
{
    auto *label = new QLabel;
    label->setObjectName(objectName);
    label->setAccessibleName(accessibleName);
    label->setWordWrap(true);
    label->setTextFormat(Qt::PlainText);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    label->hide();
    return label;
}

// Fixed light tints with their own text colour stay readable under any palette (the export
// dialog's banner uses the same). Indexed by SharesPage::Tone.
QString bannerStyle(int tone)
{
    static const char *const styles[] = {
        "background:#e8f0fd; border:1px solid #b9cdf3; color:#17325f;",
        "background:#e7f4ea; border:1px solid #add7b6; color:#174d25;",
        "background:#fdf3dc; border:1px solid #ecd08a; color:#4d3800;",
        "background:#fdecec; border:1px solid #f0b9b9; color:#6e1616;",
    };
    return QLatin1String("QLabel { border-radius:4px; padding:8px 10px; ") +
           QLatin1String(styles[tone]) + QLatin1String(" }");
}

} // namespace

SharesPage::SharesPage(CacheReader &reader, Engine *engine, QWidget *parent)
    : QWidget(parent)
    , m_reader(reader)
    , m_engine(engine)
    , m_model(new ShareTableModel(this))
    , m_proxy(sortingProxy(m_model, this))
    , m_view(new QTableView)
    , m_noEngine(newBanner(QStringLiteral("sharesNoEngine"), tr("Runs disabled")))
    , m_message(newBanner(QStringLiteral("sharesMessage"), tr("Share message")))
    , m_run(new QPushButton(tr("&Run now")))
    , m_cancel(new QPushButton(tr("&Cancel run")))
{
    setUpListView(m_view, QStringLiteral("shareTable"), tr("Shares"));
    m_view->setModel(m_proxy);
    QHeaderView *header = m_view->horizontalHeader();
    header->setSectionResizeMode(ShareTableModel::NameColumn, QHeaderView::Stretch);
    // The status changes several times a second during a run; a fixed width that fits the
    // longest progress text keeps the columns from jumping.
    header->setSectionResizeMode(ShareTableModel::StatusColumn, QHeaderView::Interactive);
    const int iconWidth = m_view->style()->pixelMetric(QStyle::PM_SmallIconSize, nullptr, m_view);
    header->resizeSection(ShareTableModel::StatusColumn,
                          m_view->fontMetrics().horizontalAdvance(ShareTableModel::progressText(
                              {RunState::Delivering, 0, 9'999'999, 0, 0, 0})) +
                              iconWidth + 24);
    header->setStretchLastSection(false);
    sortOnRequest(m_view);

    m_emptyState = new EmptyStateStack(m_view, m_model);
    m_emptyState->setObjectName(QStringLiteral("sharesEmptyState"));
    m_emptyState->setTitle(tr("No shares yet"));
    m_emptyState->setText(tr("A share sends an audience from one system to another — your "
                             "newsletter subscribers to an e-mail platform, say — with the "
                             "columns mapped the way the destination expects. Run it now or on "
                             "a schedule; every run is recorded under Activity. Your shares "
                             "will be listed here."));

    // ---- Buttons ----
    m_run->setObjectName(QStringLiteral("runShareButton"));
    m_run->setIcon(style()->standardIcon(QStyle::SP_MediaPlay));
    m_run->setToolTip(tr("Send the selected share's audience to its destination now"));
    connect(m_run, &QPushButton::clicked, this, &SharesPage::runSelected);
    m_cancel->setObjectName(QStringLiteral("cancelShareRunButton"));
    m_cancel->setIcon(style()->standardIcon(QStyle::SP_MediaStop));
    m_cancel->setToolTip(tr("Stop the selected share's run; what was delivered stays delivered"));
    connect(m_cancel, &QPushButton::clicked, this, &SharesPage::cancelSelected);
    auto *buttons = new QHBoxLayout;
    buttons->setContentsMargins(0, 0, 0, 0);
    buttons->addWidget(m_run);
    buttons->addWidget(m_cancel);
    buttons->addStretch(1);

    if (!m_engine) {
        m_noEngine->setStyleSheet(bannerStyle(static_cast<int>(Tone::Warning)));
        m_noEngine->setText(
            tr("Runs are disabled in this window: another Audience Courier is running the "
               "shares of this profile. You can look around here; to run shares from this "
               "window, close the other one and start Audience Courier again."));
        m_noEngine->show();
        const QString why = tr("Another Audience Courier is running the shares of this profile");
        m_run->setToolTip(why);
        m_cancel->setToolTip(why);
    } else {
        connect(m_engine, &Engine::runQueued, this, &SharesPage::runQueued);
        connect(m_engine, &Engine::runProgressed, this, &SharesPage::runProgressed);
        connect(m_engine, &Engine::runFinished, this, &SharesPage::runFinished);
    }

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 8, 8, 0); // as on the other pages
    layout->addWidget(m_noEngine);
    layout->addWidget(m_message);
    layout->addLayout(buttons);
    layout->addWidget(m_emptyState, 1);

    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &SharesPage::updateButtons);
    connect(m_model, &QAbstractItemModel::dataChanged, this, &SharesPage::updateButtons);
    connect(m_model, &QAbstractItemModel::modelReset, this, &SharesPage::updateButtons);
    updateButtons();
}

void SharesPage::refresh()
{
    const quint64 generation = ++m_generation;
    m_reader.read(
        this, [](const Database &db) { return loadShareRows(db); },
        [this, generation](const ShareRows &result) {
            if (generation != m_generation)
                return; // a newer reload is on its way
            const qint64 keep = selectedShareId();
            m_model->setRows(result.rows);
            if (!result.error.isEmpty())
                showMessage(Tone::Error, result.error);
            // Keep the selection; with none, the first share, so "Run now" is
            // one click away.
            const qint64 newShare = std::exchange(m_newShare, 0);
            if (newShare && m_model->rowOfShare(newShare) >= 0)
                selectShare(newShare);
            else if (keep && m_model->rowOfShare(keep) >= 0)
                selectShare(keep);
            else if (m_proxy->rowCount() > 0)
                m_view->selectRow(0);
            updateButtons();
            if (newShare && std::exchange(m_runNewShare, false) && selectedShareId() == newShare)
                runSelected();
            emit refreshed();
        });
}

void SharesPage::showNewShare(qint64 shareId, bool runNow)
{
    m_newShare = shareId;
    m_runNewShare = runNow;
    refresh();
}

void SharesPage::selectShare(qint64 shareId)
{
    const int row = m_model->rowOfShare(shareId);
    if (row < 0)
        return;
    const QModelIndex index = m_proxy->mapFromSource(m_model->index(row, 0));
    m_view->selectionModel()->select(index, QItemSelectionModel::ClearAndSelect |
                                                QItemSelectionModel::Rows);
    m_view->setCurrentIndex(index);
    m_view->scrollTo(index);
}

qint64 SharesPage::selectedShareId() const
{
    const QModelIndexList rows = m_view->selectionModel()->selectedRows();
    if (rows.isEmpty())
        return 0;
    const int row = m_proxy->mapToSource(rows.constFirst()).row();
    return row >= 0 && row < m_model->rowCount() ? m_model->row(row).share.id : 0;
}

QString SharesPage::shareName(qint64 shareId) const
{
    const int row = m_model->rowOfShare(shareId);
    return row >= 0 ? m_model->row(row).share.name : QString();
}

void SharesPage::runSelected()
{
    const qint64 shareId = selectedShareId();
    if (!m_engine || shareId == 0)
        return;
    QString error;
    // Queues the run (a few small cache writes); the run itself goes on its own thread.
    const auto runId = m_engine->runShare(shareId, &error);
    if (!runId) {
        showMessage(Tone::Error, tr("“%1” could not start: %2").arg(shareName(shareId), error));
        return;
    }
    clearMessage();
    m_requested.insert(*runId);
    updateButtons();
    emit runRequested(*runId);
}

void SharesPage::cancelSelected()
{
    const qint64 shareId = selectedShareId();
    if (!m_engine || shareId == 0)
        return;
    if (const auto runId = m_model->activeRunId(shareId))
        m_engine->cancel(*runId);
}

void SharesPage::runQueued(qint64 runId, qint64 shareId)
{
    m_model->runQueued(runId, shareId);
}

void SharesPage::runProgressed(qint64 runId, const RunProgress &progress)
{
    m_model->runProgressed(runId, progress);
}

void SharesPage::runFinished(qint64 runId, RunState state, const QString &error)
{
    const qint64 shareId = m_model->shareOfRun(runId);
    const std::optional<RunProgress> progress = m_model->liveProgress(runId);
    m_model->runFinished(runId, state, error);
    if (m_requested.remove(runId)) {
        const QString name = shareName(shareId);
        switch (state) {
        case RunState::Succeeded: {
            const qint64 delivered = progress ? progress->rowsWritten : 0;
            const qint64 rejected = progress ? progress->rowsRejected : 0;
            QString text =
                tr("“%1” is done: %2 rows delivered.").arg(name, format::count(delivered));
            if (rejected > 0)
                text += u' ' + tr("%1 rows could not be used; Activity lists them with the "
                                  "reasons.")
                                   .arg(format::count(rejected));
            else
                text += u' ' + tr("Its log is under Activity.");
            showMessage(Tone::Success, text);
            break;
        }
        case RunState::Failed:
            showMessage(Tone::Error, tr("“%1” failed: %2").arg(name, error));
            break;
        case RunState::Cancelled:
            showMessage(Tone::Info, tr("“%1” was cancelled.").arg(name));
            break;
        default:
            break;
        }
    }
    refresh(); // the recorded run replaces the live state
}

void SharesPage::updateButtons()
{
    const qint64 shareId = selectedShareId();
    const bool active = shareId && m_model->activeRunId(shareId).has_value();
    m_run->setEnabled(m_engine && shareId && !active);
    m_cancel->setEnabled(m_engine && active);
}

void SharesPage::showNotice(const QString &text)
{
    showMessage(Tone::Warning, text);
}

void SharesPage::showMessage(Tone tone, const QString &text)
{
    m_message->setStyleSheet(bannerStyle(static_cast<int>(tone)));
    m_message->setText(text);
    m_message->show();
}

void SharesPage::clearMessage()
{
    m_message->hide();
    m_message->clear();
}

} // namespace courier::ui
