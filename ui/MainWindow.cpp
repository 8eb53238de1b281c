#include "MainWindow.h"

#include "ActivityPage.h"
#include "AepConnectPage.h"
#include "ApsisConnectPage.h"
#include "CacheReader.h"
#include "CacheTableModels.h"
#include "ConnectEndpointDialog.h"
#include "connectors/exchange/inbox/InboxKeys.h"
#include "CsvExportDialog.h"
#include "EmptyState.h"
#include "engine/AudienceRefresh.h"
#include "engine/Engine.h"
#include "ExchangeConnectPage.h"
#include "Formatting.h"
#include "FountConnectPage.h"
#include "Ga4ConnectPage.h"
#include "secrets/SecretStore.h"
#include "SharesPage.h"
#include "ShareToCsvDialog.h"
#include "store/AudienceRepository.h"
#include "store/Database.h"
#include "store/EndpointRepository.h"
#include "TableViews.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDir>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QMessageBox>
#include <QSettings>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QStandardPaths>
#include <QStatusBar>
#include <QStyle>
#include <QTableView>
#include <QTabWidget>
#include <QTimer>
#include <QToolBar>
#include <QToolButton>
#include <QVBoxLayout>

namespace courier::ui {

namespace {

constexpr int SearchLimit = 500;
constexpr int StatusResetMs = 10000; // how long an export's outcome stays in the status bar

QTableView *newTableView(const QString &objectName, const QString &accessibleName)
{
    auto *view = new QTableView;
    setUpListView(view, objectName, accessibleName);
    view->horizontalHeader()->setStretchLastSection(true);
    // Until the user asks, keep the order the cache gives (for a search, best matches first).
    sortOnRequest(view);
    return view;
}

} // namespace

MainWindow::MainWindow(const Database &database, const Profile &profile, Engine *engine,
                       SecretStore *secrets, QWidget *parent)
    : QMainWindow(parent)
    , m_database(database)
    , m_profile(profile)
    , m_reader(std::make_unique<CacheReader>(database))
    , m_engine(engine)
    , m_secrets(secrets)
{
    setObjectName(QStringLiteral("mainWindow"));
    createActions();

    m_pages = new QTabWidget(this);
    m_pages->setObjectName(QStringLiteral("pages"));
    m_pages->setAccessibleName(tr("Pages"));
    m_pages->setDocumentMode(true);
    m_pages->addTab(createAudiencesPage(), tr("&Audiences"));
    m_pages->addTab(createEndpointsPage(), tr("E&ndpoints"));
    m_shares = new SharesPage(*m_reader, engine);
    m_shares->setObjectName(QStringLiteral("sharesPage"));
    m_pages->addTab(m_shares, tr("&Shares"));
    m_activity = new ActivityPage(*m_reader, m_exportAction);
    m_activity->setObjectName(QStringLiteral("activityPage"));
    m_pages->addTab(m_activity, tr("Ac&tivity"));
    m_pages->setTabToolTip(AudiencesPage, tr("Audiences cached from your endpoints"));
    m_pages->setTabToolTip(EndpointsPage, tr("The systems audiences come from and go to"));
    m_pages->setTabToolTip(SharesPageIndex,
                           tr("Audiences you send from one system to another, and their runs"));
    m_pages->setTabToolTip(ActivityPageIndex, tr("Share runs and exports, with their logs"));
    setCentralWidget(m_pages);

    // A run asked for here gets its log shown; every run's counters and log follow live.
    connect(m_shares, &SharesPage::runRequested, this,
            [this](qint64 runId) { m_activity->refresh(runId); });
    if (engine) {
        connect(engine, &Engine::runQueued, m_activity, &ActivityPage::refreshSoon);
        connect(engine, &Engine::runProgressed, m_activity, &ActivityPage::refreshSoon);
        connect(engine, &Engine::runFinished, m_activity, [this] { m_activity->refresh(); });
    }

    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("statusText"));
    statusBar()->addWidget(m_status, 1);
    m_statusReset = new QTimer(this);
    m_statusReset->setSingleShot(true);
    connect(m_statusReset, &QTimer::timeout, this, [this] { setStatus(tr("Ready")); });
    setStatus(tr("Ready"));

    resize(1100, 700); // first run; restoreSettings() brings back the user's size
    restoreSettings();
    refresh();
}

MainWindow::~MainWindow()
{
    // The export dialog first: it cancels and waits for a running export, which records
    // into the cache, before the cache reader goes.
    delete m_exportDialog;
    m_reader.reset();
}

void MainWindow::createActions()
{
    QMenu *fileMenu = menuBar()->addMenu(tr("&File"));
    m_exportAction = fileMenu->addAction(tr("&Export CSV…"), this, [this] { openExportDialog(); });
    m_exportAction->setObjectName(QStringLiteral("exportCsvAction"));
    m_exportAction->setShortcut(tr("Ctrl+E"));
    m_exportAction->setIconText(tr("Export CSV…"));
    m_exportAction->setToolTip(
        tr("Map a CSV audience file to a new CSV file (%1)")
            .arg(m_exportAction->shortcut().toString(QKeySequence::NativeText)));
    m_exportAction->setIcon(QIcon::fromTheme(QStringLiteral("document-export"),
                                             style()->standardIcon(QStyle::SP_DialogSaveButton)));
    fileMenu->addSeparator();
    QAction *quit = fileMenu->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);
    quit->setMenuRole(QAction::QuitRole);
    if (quit->shortcut().isEmpty()) // not every platform defines Quit
        quit->setShortcut(tr("Ctrl+Q"));

    m_shareToCsvAction = new QAction(tr("&Share to CSV File…"), this);
    m_shareToCsvAction->setObjectName(QStringLiteral("shareToCsvAction"));
    m_shareToCsvAction->setShortcut(tr("Ctrl+Shift+S"));
    m_shareToCsvAction->setIconText(tr("Share to CSV…"));
    m_shareToCsvAction->setToolTip(
        tr("Write the selected audience's members to a CSV file (%1)")
            .arg(m_shareToCsvAction->shortcut().toString(QKeySequence::NativeText)));
    m_shareToCsvAction->setIcon(QIcon::fromTheme(QStringLiteral("document-send"),
                                                 style()->standardIcon(QStyle::SP_ArrowRight)));
    m_shareToCsvAction->setEnabled(false);
    connect(m_shareToCsvAction, &QAction::triggered, this, [this] { openShareToCsvDialog(); });
    QMenu *audienceMenu = menuBar()->addMenu(tr("A&udience"));
    audienceMenu->addAction(m_shareToCsvAction);
    createConnectActions(); // the Endpoint menu

    QMenu *viewMenu = menuBar()->addMenu(tr("&View"));
    QAction *refreshAction = viewMenu->addAction(tr("&Refresh"), this, &MainWindow::refresh);
    refreshAction->setShortcut(QKeySequence::Refresh);

    QMenu *helpMenu = menuBar()->addMenu(tr("&Help"));
    QAction *aboutAction =
        helpMenu->addAction(tr("&About Audience Courier"), this, &MainWindow::about);
    aboutAction->setMenuRole(QAction::AboutRole);
    helpMenu->addAction(tr("About &Qt"), qApp, &QApplication::aboutQt)
        ->setMenuRole(QAction::AboutQtRole);

    QToolBar *toolBar = addToolBar(tr("Main Toolbar"));
    toolBar->setObjectName(QStringLiteral("mainToolBar"));
    toolBar->setMovable(false);
    toolBar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    toolBar->addAction(m_exportAction);
    toolBar->addAction(m_shareToCsvAction);
}

// Endpoint › Connect Google Analytics 4… / APSIS One… / The Fount… / Adobe Experience
// Platform… / an Audience Exchange…, and the refresh of the
// audiences of the endpoints connected here.
void MainWindow::createConnectActions()
{
    const bool canConnect = m_engine && m_secrets;
    QMenu *endpointMenu = menuBar()->addMenu(tr("&Endpoint"));
    endpointMenu->setToolTipsVisible(true);
    m_connectGa4Action = endpointMenu->addAction(tr("Connect &Google Analytics 4…"), this, [this] {
        openConnectEndpointDialog(QStringLiteral("ga4"));
    });
    m_connectGa4Action->setObjectName(QStringLiteral("connectGa4Action"));
    m_connectApsisAction = endpointMenu->addAction(tr("Connect &APSIS One…"), this, [this] {
        openConnectEndpointDialog(QStringLiteral("apsis"));
    });
    m_connectApsisAction->setObjectName(QStringLiteral("connectApsisAction"));
    m_connectFountAction = endpointMenu->addAction(tr("Connect The &Fount…"), this, [this] {
        openConnectEndpointDialog(QStringLiteral("fount"));
    });
    m_connectFountAction->setObjectName(QStringLiteral("connectFountAction"));
    m_connectAepAction =
        endpointMenu->addAction(tr("Connect Adobe Experience &Platform…"), this,
                                [this] { openConnectEndpointDialog(QStringLiteral("aep")); });
    m_connectAepAction->setObjectName(QStringLiteral("connectAepAction"));
    m_connectExchangeAction =
        endpointMenu->addAction(tr("Connect an Audience E&xchange…"), this,
                                [this] { openConnectEndpointDialog(QStringLiteral("exchange")); });
    m_connectExchangeAction->setObjectName(QStringLiteral("connectExchangeAction"));
    for (QAction *action : {m_connectGa4Action, m_connectApsisAction, m_connectFountAction,
                            m_connectAepAction, m_connectExchangeAction}) {
        action->setEnabled(canConnect);
        if (!m_engine)
            action->setToolTip(tr("Another Audience Courier window runs this profile; connect "
                                  "endpoints there."));
        else if (!m_secrets)
            action->setToolTip(tr("No keychain is available to keep the credentials safe, so "
                                  "endpoints cannot be connected here."));
    }
    if (!canConnect)
        return;

    m_audienceRefresh =
        std::make_unique<AudienceRefresh>(m_database, m_secrets, m_engine->registry());
    connect(m_audienceRefresh.get(), &AudienceRefresh::finished, this,
            [this](qint64, bool ok, int count, const QString &error) {
                searchAudiences();
                refreshEndpoints();
                setStatus(ok ? tr("Audiences refreshed: %n found.", nullptr, count) : error);
                m_statusReset->start(StatusResetMs);
            });
}

ConnectEndpointDialog *MainWindow::openConnectEndpointDialog(const QString &kind)
{
    if (!m_audienceRefresh)
        return nullptr;
    ConnectPage *page = nullptr;
    if (kind == QLatin1String("ga4"))
        page = new Ga4ConnectPage;
    else if (kind == QLatin1String("apsis"))
        page = new ApsisConnectPage;
    else if (kind == QLatin1String("fount"))
        page = new FountConnectPage;
    else if (kind == QLatin1String("aep"))
        page = new AepConnectPage;
    else if (kind == QLatin1String("exchange"))
        page = new ExchangeConnectPage;
    else
        return nullptr;
    auto *dialog =
        new ConnectEndpointDialog(page, m_database, m_secrets, m_audienceRefresh.get(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &ConnectEndpointDialog::endpointSaved, this, &MainWindow::refreshEndpoints);
    if (kind == QLatin1String("exchange"))
        watchExchangeDialog(dialog);
    dialog->open();
    return dialog;
}

// A PUSH producer connected in dialog: its key goes to the running inbox at once (main() read
// the others from the keychain at start), and the dialog shows where to push.
void MainWindow::watchExchangeDialog(ConnectEndpointDialog *dialog)
{
    auto *page = dialog->pageAs<ExchangeConnectPage>();
    dialog->setConnectedNote([this, page](qint64 endpointId) {
        return page->isPushProducer() ? pushInstructions(endpointId) : QString();
    });
    connect(dialog, &ConnectEndpointDialog::connectFinished, this,
            [this, page](qint64 endpointId, bool ok) {
                // Both call the app's listener with their key: a producer to push, a consumer
                // to pull what a share prepared.
                if (ok && endpointId && (page->isPushProducer() || page->isPullConsumer()) &&
                    m_inboxKeys)
                    m_inboxKeys->set(endpointId, page->key());
            });
}

QString MainWindow::pushInstructions(qint64 endpointId) const
{
    if (m_inboxUrl.isEmpty())
        return tr("The app's inbox is not running, so nothing can be pushed to it now. Restart "
                  "Audience Courier; endpoint %1 can push once the inbox listens.")
            .arg(endpointId);
    QUrl url = m_inboxUrl;
    QString path = url.path();
    if (path.endsWith(QLatin1Char('/')))
        path.chop(1);
    // The inbox's base URL may or may not carry the protocol's push path already.
    const QString pushPath = QStringLiteral("/exchange/v1/push");
    if (!path.endsWith(pushPath))
        path += pushPath;
    url.setPath(path + QStringLiteral("/%1/audiences/").arg(endpointId));
    return tr("Have the producer push each audience with POST to %1{audienceId}, with the "
              "header “Authorization: Bearer” and the key entered here (endpoint id %2).")
        .arg(url.toString(), QString::number(endpointId));
}

QWidget *MainWindow::createAudiencesPage()
{
    auto *page = new QWidget;
    m_search = new QLineEdit(page);
    m_search->setObjectName(QStringLiteral("audienceSearch"));
    m_search->setAccessibleName(tr("Search audiences"));
    m_search->setPlaceholderText(tr("Search audiences"));
    m_search->setClearButtonEnabled(true);
    const QIcon findIcon = QIcon::fromTheme(QStringLiteral("edit-find"));
    if (!findIcon.isNull()) // without an icon theme, an empty slot would just look odd
        m_search->addAction(findIcon, QLineEdit::LeadingPosition);
    connect(m_search, &QLineEdit::textChanged, this, &MainWindow::searchAudiences);

    m_audienceModel = new AudienceTableModel(this);
    m_audienceProxy = sortingProxy(m_audienceModel, this);
    QTableView *view = newTableView(QStringLiteral("audienceTable"), tr("Audiences"));
    m_audienceView = view;
    view->setModel(m_audienceProxy);
    view->horizontalHeader()->setSectionResizeMode(AudienceTableModel::NameColumn,
                                                   QHeaderView::Stretch);
    view->horizontalHeader()->setStretchLastSection(false);
    view->setContextMenuPolicy(Qt::ActionsContextMenu);
    view->addAction(m_shareToCsvAction);
    connect(view->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &MainWindow::updateAudienceActions);
    connect(m_audienceModel, &QAbstractItemModel::modelReset, this,
            &MainWindow::updateAudienceActions);
    connect(view, &QTableView::activated, this, [this] { openShareToCsvDialog(); });

    m_audiencesState = new EmptyStateStack(view, m_audienceModel, page);
    m_audiencesState->setObjectName(QStringLiteral("audiencesEmptyState"));
    m_audiencesState->setAction(m_exportAction);

    auto *layout = new QVBoxLayout(page);
    layout->setContentsMargins(8, 8, 8, 0);
    layout->addWidget(m_search);
    layout->addWidget(m_audiencesState, 1);
    setTabOrder(m_search, view);
    return page;
}

QWidget *MainWindow::createEndpointsPage()
{
    m_endpointModel = new EndpointTableModel(this);
    QTableView *view = newTableView(QStringLiteral("endpointTable"), tr("Endpoints"));
    view->setModel(sortingProxy(m_endpointModel, this));
    view->horizontalHeader()->setSectionResizeMode(EndpointTableModel::NameColumn,
                                                   QHeaderView::Stretch);
    view->horizontalHeader()->setStretchLastSection(false);

    auto *page = new QWidget;
    m_endpointsState = new EmptyStateStack(view, m_endpointModel, page);
    m_endpointsState->setObjectName(QStringLiteral("endpointsEmptyState"));
    m_endpointsState->setTitle(tr("No endpoints registered yet"));
    m_endpointsState->setText(tr("Endpoints are the systems audiences come from and go to: CSV "
                                 "folders, analytics and e-mail platforms. The ones you connect "
                                 "will be listed here."));
    // "Connect…" offers the kinds of endpoint that can be connected here.
    auto *connectButton = new QToolButton(page);
    connectButton->setObjectName(QStringLiteral("connectEndpointButton"));
    connectButton->setText(tr("&Connect…"));
    connectButton->setToolTip(tr("Register a system audiences come from or go to"));
    connectButton->setPopupMode(QToolButton::InstantPopup);
    connectButton->setToolButtonStyle(Qt::ToolButtonTextOnly);
    auto *connectMenu = new QMenu(connectButton);
    connectMenu->setToolTipsVisible(true);
    connectMenu->addAction(m_connectGa4Action);
    connectMenu->addAction(m_connectApsisAction);
    connectMenu->addAction(m_connectFountAction);
    connectMenu->addAction(m_connectAepAction);
    connectMenu->addAction(m_connectExchangeAction);
    connectButton->setMenu(connectMenu);
    auto *layout = new QVBoxLayout(page);
    layout->setContentsMargins(8, 8, 8, 0); // as on the other pages
    layout->addWidget(connectButton, 0, Qt::AlignLeft);
    layout->addWidget(m_endpointsState);
    return page;
}

void MainWindow::refresh()
{
    searchAudiences();
    refreshEndpoints();
    m_shares->refresh();
    m_activity->refresh();
}

void MainWindow::searchAudiences()
{
    const QString text = m_search->text();
    const quint64 generation = ++m_searchGeneration;
    struct Result
    {
        QList<AudienceInfo> audiences;
        QHash<qint64, QString> endpointNames;
    };
    m_reader->read(
        this,
        [text](const Database &db) {
            Result result;
            result.audiences = AudienceRepository(db).search(text, SearchLimit);
            for (const Endpoint &endpoint : EndpointRepository(db).list())
                result.endpointNames.insert(endpoint.id, endpoint.name);
            return result;
        },
        [this, generation, text](const Result &result) {
            // Reads run in order, so only the newest one is worth showing.
            if (generation != m_searchGeneration)
                return;
            const bool searching = !text.trimmed().isEmpty();
            if (searching) {
                m_audiencesState->setTitle(tr("No matching audiences"));
                m_audiencesState->setText(
                    tr("No cached audience has a name or description starting with “%1”.")
                        .arg(text.trimmed()));
            } else {
                m_audiencesState->setTitle(tr("No audiences cached yet"));
                m_audiencesState->setText(
                    tr("Audiences appear here once an endpoint has been refreshed, and you can "
                       "search them even offline. To get started, export a CSV file: File › "
                       "Export CSV…"));
            }
            m_audienceModel->setAudiences(result.audiences, result.endpointNames);
            emit audiencesRefreshed();
        });
}

void MainWindow::refreshEndpoints()
{
    m_reader->read(
        this, [](const Database &db) { return EndpointRepository(db).list(); },
        [this](const QList<Endpoint> &endpoints) {
            m_endpointModel->setEndpoints(endpoints);
            emit endpointsRefreshed();
        });
}

void MainWindow::updateAudienceActions()
{
    const bool selected = m_audienceView && m_audienceView->selectionModel()->hasSelection();
    m_shareToCsvAction->setEnabled(selected && m_engine);
    if (!m_engine)
        m_shareToCsvAction->setToolTip(
            tr("Another Audience Courier window runs this profile's shares; share from there."));
}

ShareToCsvDialog *MainWindow::openShareToCsvDialog()
{
    const QModelIndexList rows = m_audienceView->selectionModel()->selectedRows();
    if (!m_engine || rows.isEmpty())
        return nullptr;
    const int row = m_audienceProxy->mapToSource(rows.constFirst()).row();
    const AudienceInfo audience = m_audienceModel->audience(row);
    const QString directory =
        QSettings()
            .value(QStringLiteral("shareToCsv/directory"),
                   QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation))
            .toString();
    auto *dialog = new ShareToCsvDialog(audience, directory, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        const CsvShareRequest request = dialog->request();
        QSettings().setValue(QStringLiteral("shareToCsv/directory"), request.directory);
        createCsvShare(request);
    });
    dialog->open();
    return dialog;
}

void MainWindow::createCsvShare(const CsvShareRequest &request)
{
    const Database *database = &m_database;
    struct Created
    {
        qint64 shareId = 0;
        QString error;
    };
    setStatus(tr("Creating the share “%1”…").arg(request.shareName));
    whenFinished(QtConcurrent::run([database, request] {
                     Created created;
                     created.shareId = ui::createCsvShare(*database, request, &created.error);
                     database->releaseThreadConnection(); // a pool thread may retire
                     return created;
                 }),
                 this, [this, request](const Created &created) {
                     if (!created.shareId) {
                         setStatus(tr("The share could not be created."));
                         QMessageBox::warning(this, tr("Share to a CSV File"),
                                              tr("The share “%1” could not be created. %2")
                                                  .arg(request.shareName, created.error));
                     } else {
                         setStatus(
                             request.runNow
                                 ? tr("Share “%1” created and started.").arg(request.shareName)
                                 : tr("Share “%1” created.").arg(request.shareName));
                         refreshEndpoints();
                         m_pages->setCurrentIndex(SharesPageIndex);
                         m_shares->showNewShare(created.shareId, request.runNow);
                     }
                     emit csvShareCreated(created.shareId, created.error);
                 });
}

CsvExportDialog *MainWindow::openExportDialog()
{
    if (!m_exportDialog) {
        m_exportDialog = new CsvExportDialog(m_database, m_profile, this);
        connect(m_exportDialog, &CsvExportDialog::exportStarted, this, [this](const QString &path) {
            setStatus(tr("Exporting %1…").arg(format::fileName(path)));
            m_activity->refresh();
        });
        connect(m_exportDialog, &CsvExportDialog::exportProgress, this,
                &MainWindow::exportProgress);
        connect(m_exportDialog, &CsvExportDialog::exportFinished, this,
                &MainWindow::exportFinished);
    }
    // Not modal: the user may watch the Activity page while a long export runs.
    m_exportDialog->show();
    m_exportDialog->raise();
    m_exportDialog->activateWindow();
    return m_exportDialog;
}

void MainWindow::exportProgress(const QString &fileName, int percent)
{
    setStatus(percent < 0 ? tr("Exporting %1…").arg(fileName)
                          : tr("Exporting %1… %2").arg(fileName, format::percent(percent)));
}

void MainWindow::exportFinished(const CsvExportResult &result)
{
    switch (result.state) {
    case RunState::Succeeded:
        setStatus(tr("Export finished: %Ln row(s) written.", nullptr,
                     static_cast<int>(std::min<qint64>(result.counters.rowsWritten, INT_MAX))));
        break;
    case RunState::Cancelled:
        setStatus(tr("Export cancelled."));
        break;
    default:
        setStatus(tr("Export failed: %1").arg(result.error));
        break;
    }
    m_statusReset->start(StatusResetMs);
    m_activity->refresh(result.runId);
}

void MainWindow::setStatus(const QString &text)
{
    // A permanent label rather than showMessage(): menu tool tips would wipe the latter.
    m_statusReset->stop();
    m_status->setText(text);
}

void MainWindow::about()
{
    QMessageBox::about(this, tr("About Audience Courier"),
                       tr("<h3>Audience Courier %1</h3>"
                          "<p>Share audiences between the marketing systems you use.</p>"
                          "<p>Profile folder: %2</p>")
                           .arg(QApplication::applicationVersion(),
                                QDir::toNativeSeparators(m_profile.directory()).toHtmlEscaped()));
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (m_exportDialog)
        m_exportDialog->reject(); // cancels a running export; nothing half-written remains
    saveSettings();
    QMainWindow::closeEvent(event);
}

void MainWindow::saveSettings()
{
    QSettings settings;
    settings.setValue(QStringLiteral("mainWindow/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("mainWindow/state"), saveState());
    settings.setValue(QStringLiteral("mainWindow/page"), m_pages->currentIndex());
    settings.setValue(QStringLiteral("mainWindow/activitySplitter"),
                      m_activity->splitter()->saveState());
}

void MainWindow::restoreSettings()
{
    const QSettings settings;
    restoreGeometry(settings.value(QStringLiteral("mainWindow/geometry")).toByteArray());
    restoreState(settings.value(QStringLiteral("mainWindow/state")).toByteArray());
    m_pages->setCurrentIndex(settings.value(QStringLiteral("mainWindow/page"), 0).toInt());
    m_activity->splitter()->restoreState(
        settings.value(QStringLiteral("mainWindow/activitySplitter")).toByteArray());
}

} // namespace courier::ui
