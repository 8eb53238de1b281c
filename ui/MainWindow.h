#pragma once

#include "common/Profile.h"

#include <memory>
#include <QMainWindow>
#include <QPointer>
#include <QUrl>

class QLabel;
class QLineEdit;
class QSortFilterProxyModel;
class QTabWidget;
class QTableView;
class QTimer;

namespace courier {

class AudienceRefresh;
class Database;
class Engine;
class InboxKeys;
class SecretStore;
struct CsvExportResult;

namespace ui {

class ActivityPage;
class AudienceTableModel;
class CacheReader;
class ConnectEndpointDialog;
class CsvExportDialog;
class EmptyStateStack;
class EndpointTableModel;
class SharesPage;
class ShareToCsvDialog;
struct CsvShareRequest;

// The main window: the cached audiences, the registered endpoints, the shares and the activity
// log, one page each, plus the CSV export. The services it uses are made in main() and passed in.
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    enum Page { AudiencesPage, EndpointsPage, SharesPageIndex, ActivityPageIndex };

    // database must outlive the window. engine may be null: another process holds the profile
    // and runs its shares, so this window only browses. secrets (the keychain) may be null too;
    // endpoints can be connected only with both.
    MainWindow(const Database &database, const Profile &profile, Engine *engine = nullptr,
               SecretStore *secrets = nullptr, QWidget *parent = nullptr);
    ~MainWindow() override;

    // Shows the export dialog (created on first use, then kept with its choices) and returns
    // it, so tests can drive it.
    CsvExportDialog *openExportDialog();
    // Opens "Share to a CSV file" for the audience selected on the Audiences page (nullptr when
    // none is, or no engine runs here). Accepting it creates the share, shows it on the Shares
    // page and runs it if asked.
    ShareToCsvDialog *openShareToCsvDialog();
    // Opens "Connect Google Analytics 4" (kind "ga4"), "Connect APSIS One" ("apsis"), "Connect
    // The Fount" ("fount"), "Connect Adobe Experience Platform" ("aep") or "Connect an Audience
    // Exchange" ("exchange") and returns it, so tests can drive it; nullptr without an engine
    // and a keychain here.
    ConnectEndpointDialog *openConnectEndpointDialog(const QString &kind);
    // The exchange inbox's base URL (ExchangeInbox::baseUrl()): a PUSH producer connected here
    // is told to push below it. Empty (the default): the inbox is not running.
    void setExchangeInboxUrl(const QUrl &url) { m_inboxUrl = url; }
    // The keys the inbox checks pushes against; a PUSH producer connected here adds its own.
    void setExchangeInboxKeys(std::shared_ptr<InboxKeys> keys) { m_inboxKeys = std::move(keys); }
    // Reloads every page from the cache.
    void refresh();

    QTabWidget *pages() const { return m_pages; }
    QLineEdit *audienceSearch() const { return m_search; }
    AudienceTableModel *audienceModel() const { return m_audienceModel; }
    QTableView *audienceView() const { return m_audienceView; }
    QAction *shareToCsvAction() const { return m_shareToCsvAction; }
    QAction *connectGa4Action() const { return m_connectGa4Action; }
    QAction *connectApsisAction() const { return m_connectApsisAction; }
    QAction *connectFountAction() const { return m_connectFountAction; }
    QAction *connectAepAction() const { return m_connectAepAction; }
    QAction *connectExchangeAction() const { return m_connectExchangeAction; }
    EndpointTableModel *endpointModel() const { return m_endpointModel; }
    SharesPage *sharesPage() const { return m_shares; }
    ActivityPage *activityPage() const { return m_activity; }
    EmptyStateStack *audiencesEmptyState() const { return m_audiencesState; }
    EmptyStateStack *endpointsEmptyState() const { return m_endpointsState; }

signals:
    // After the audience list has been (re)loaded, e.g. for a new search text.
    void audiencesRefreshed();
    // A share made with openShareToCsvDialog() is stored (shareId 0: it failed, error says why).
    void csvShareCreated(qint64 shareId, const QString &error);
    void endpointsRefreshed();

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void createActions();
    void createConnectActions();
    void watchExchangeDialog(ConnectEndpointDialog *dialog);
    QString pushInstructions(qint64 endpointId) const;
    QWidget *createAudiencesPage();
    QWidget *createEndpointsPage();
    void searchAudiences();
    void refreshEndpoints();
    void createCsvShare(const CsvShareRequest &request);
    void updateAudienceActions();
    void exportProgress(const QString &fileName, int percent);
    void exportFinished(const CsvExportResult &result);
    void setStatus(const QString &text);
    void about();
    void saveSettings();
    void restoreSettings();

    const Database &m_database;
    Profile m_profile;
    std::unique_ptr<CacheReader> m_reader;

    QPointer<Engine> m_engine;
    QPointer<SecretStore> m_secrets;
    // Loads the audiences of endpoints connected here (only with an engine and a keychain).
    std::unique_ptr<AudienceRefresh> m_audienceRefresh;
    QAction *m_connectGa4Action = nullptr;
    QAction *m_connectApsisAction = nullptr;
    QAction *m_connectFountAction = nullptr;
    QAction *m_connectAepAction = nullptr;
    QAction *m_connectExchangeAction = nullptr;
    QUrl m_inboxUrl;
    std::shared_ptr<InboxKeys> m_inboxKeys;
    QAction *m_exportAction = nullptr;
    QAction *m_shareToCsvAction = nullptr;
    QTableView *m_audienceView = nullptr;
    QTabWidget *m_pages = nullptr;
    QLineEdit *m_search = nullptr;
    AudienceTableModel *m_audienceModel = nullptr;
    QSortFilterProxyModel *m_audienceProxy = nullptr;
    EmptyStateStack *m_audiencesState = nullptr;
    EndpointTableModel *m_endpointModel = nullptr;
    EmptyStateStack *m_endpointsState = nullptr;
    SharesPage *m_shares = nullptr;
    ActivityPage *m_activity = nullptr;
    QLabel *m_status = nullptr;
    QTimer *m_statusReset = nullptr;
    QPointer<CsvExportDialog> m_exportDialog;
    quint64 m_searchGeneration = 0;
};

} // namespace ui
} // namespace courier
