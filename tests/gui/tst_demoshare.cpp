// The embedded demo end to end, offscreen, against the real keychain (scripts/test.sh runs the
// tests inside a throwaway gnome-keyring): a fresh profile gets the demo endpoints, audiences
// and share; the Shares page lists the share; "Run now" delivers it to the sandbox consumer;
// the Activity page shows the run and its log.
#include "ActivityPage.h"
#include "CacheTableModels.h"
#include "common/Profile.h"
#include "connectors/ConnectorRegistry.h"
#include "DemoSandbox.h"
#include "EmptyState.h"
#include "engine/Engine.h"
#include "MainWindow.h"
#include "mapping/Mapping.h"
#include "RunTableModel.h"
#include "sandbox/protocols/exchange/ExchangeConsumerState.h"
#include "sandbox/SandboxServer.h"
#include "secrets/SecretStore.h"
#include "SharesPage.h"
#include "ShareTableModel.h"
#include "ShareToCsvDialog.h"
#include "store/AudienceRepository.h"
#include "store/Database.h"
#include "store/EndpointRepository.h"
#include "store/RunRepository.h"
#include "store/ShareRepository.h"

#include <QCheckBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QSpinBox>
#include <QTableView>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTreeWidget>
#include <QtTest>

using namespace courier;
using namespace courier::ui;

namespace {

constexpr int ReadyTimeoutMs = 15000;
constexpr int RunTimeoutMs = 30000;

// A fresh profile with its cache, a keychain store of the tests' own and an engine, as main()
// sets them up.
struct Fixture
{
    QTemporaryDir dir;
    Profile profile{dir.path()};
    std::unique_ptr<Database> database;
    std::unique_ptr<SecretStore> secrets;
    std::unique_ptr<Engine> engine;

    Fixture()
    {
        QString error;
        if (!profile.ensureExists(&error))
            qFatal("profile: %s", qPrintable(error));
        database = Database::open(profile.databasePath(), &error);
        if (!database)
            qFatal("database: %s", qPrintable(error));
        secrets = std::make_unique<SecretStore>(QStringLiteral("audience-courier-tst-demoshare"));
        engine = std::make_unique<Engine>(*database, profile.runsDirectory(), secrets.get(),
                                          ConnectorRegistry::builtin());
    }
    ~Fixture()
    {
        engine.reset(); // before the sandbox and the cache it talks to
    }

    // Starts a demo and waits until it is ready; nullptr (and a test failure) otherwise.
    std::unique_ptr<DemoSandbox> startDemo()
    {
        auto demo = std::make_unique<DemoSandbox>(*database, *secrets, engine->registry());
        QSignalSpy ready(demo.get(), &DemoSandbox::ready);
        QString error;
        if (!demo->start(&error)) {
            qWarning("demo did not start: %s", qPrintable(error));
            return nullptr;
        }
        if (!ready.wait(ReadyTimeoutMs)) {
            qWarning("demo not ready in time");
            return nullptr;
        }
        if (!ready.constFirst().at(0).toBool()) {
            qWarning("demo failed: %s", qPrintable(ready.constFirst().at(1).toString()));
            return nullptr;
        }
        return demo;
    }

    std::optional<Run> run(qint64 runId) const { return RunRepository(*database).find(runId); }
};

const sandbox::ExchangeConsumerState::Destination *onlyList(DemoSandbox &demo)
{
    const auto lists = demo.server()->exchangeConsumer().destinations();
    return lists.size() == 1 ? lists.constFirst() : nullptr;
}

} // namespace

class TestDemoShare : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();

    void demoShareRunsFromTheSharesPage();
    void laterStartsReuseTheDemo();
    void audiencesOfEachDemoSourceShareToCsv_data();
    void audiencesOfEachDemoSourceShareToCsv();
    void profilesWithTheirOwnEndpointsGetNoDemo();

private:
    QTemporaryDir m_settingsDir;
};

void TestDemoShare::initTestCase()
{
    // Never read or write the developer's own settings, and format numbers predictably.
    QCoreApplication::setOrganizationName(QStringLiteral("AudienceCourierTest"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_demoshare"));
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_settingsDir.path());
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_settingsDir.path());
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
}

void TestDemoShare::demoShareRunsFromTheSharesPage()
{
    Fixture fixture;
    const auto demo = fixture.startDemo();
    QVERIFY(demo);

    // Seeded: the demo endpoints on the sandbox (the exchange as source and destination, GA4
    // and APSIS as sources), their audiences, one share.
    const QList<Endpoint> endpoints = EndpointRepository(*fixture.database).list();
    QStringList kinds;
    for (const Endpoint &endpoint : endpoints) {
        QVERIFY(DemoSandbox::isDemoEndpoint(endpoint));
        kinds << endpoint.kind + "/" + endpointRoleToString(endpoint.role);
        QCOMPARE(endpoint.contactUrl.port(), int(demo->server()->port()));
        QVERIFY(endpoint.secretStored);
    }
    kinds.sort();
    QCOMPARE(kinds, QStringList({"apsis/source", "exchange/destination", "exchange/source",
                                 "fount/source", "ga4/source"}));
    const QList<AudienceInfo> audiences =
        AudienceRepository(*fixture.database).listByEndpoint(demo->sourceEndpointId());
    QVERIFY2(audiences.size() >= 4, qPrintable(QString::number(audiences.size())));
    const auto newsletter = std::find_if(audiences.cbegin(), audiences.cend(), [](const auto &a) {
        return a.externalId == "newsletter-subscribers";
    });
    QVERIFY(newsletter != audiences.cend());
    QCOMPARE(newsletter->size, 502);
    const QList<Share> shares = ShareRepository(*fixture.database).list();
    QCOMPARE(shares.size(), 1);
    const Share share = shares.constFirst();
    QCOMPARE(share.id, demo->createdShareId());
    QCOMPARE(share.name, "Newsletter subscribers → demo list");
    QCOMPARE(share.audienceId, newsletter->id);
    QCOMPARE(share.destinationId, demo->destinationEndpointId());
    QCOMPARE(share.action, Share::ShareAction::Add);
    const auto mapping = Mapping::fromJson(share.mapping);
    QVERIFY(mapping);
    QCOMPARE(mapping->targets(),
             QStringList({"email", "phone", "first_name", "last_name", "country"}));
    QVERIFY(mapping->fields.constFirst().identifier);

    // The Shares page lists it, selected and ready to run.
    MainWindow window(*fixture.database, fixture.profile, fixture.engine.get());
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    window.pages()->setCurrentIndex(MainWindow::SharesPageIndex);
    SharesPage *page = window.sharesPage();
    ShareTableModel *model = page->shareModel();
    QTRY_COMPARE(model->rowCount(), 1);
    QVERIFY(!page->emptyState()->isShowingEmptyState());
    QVERIFY(!page->noEngineBanner()->isVisible());
    const auto cell = [&](int column) { return model->index(0, column).data().toString(); };
    QCOMPARE(cell(ShareTableModel::NameColumn), share.name);
    QCOMPARE(cell(ShareTableModel::AudienceColumn), "Newsletter subscribers");
    QCOMPARE(cell(ShareTableModel::DestinationColumn), "Sandbox consumer (demo)");
    QCOMPARE(cell(ShareTableModel::ActionColumn), "Add members");
    QCOMPARE(cell(ShareTableModel::ScheduleColumn), "Manual");
    QCOMPARE(cell(ShareTableModel::StatusColumn), "Not run yet");
    QTRY_COMPARE(page->selectedShareId(), share.id);
    QVERIFY(page->runButton()->isEnabled());
    QVERIFY(!page->cancelButton()->isEnabled());

    // Run now: the engine queues it, the page shows it live, Activity selects it.
    QSignalSpy requested(page, &SharesPage::runRequested);
    QSignalSpy progressed(fixture.engine.get(), &Engine::runProgressed);
    QTest::mouseClick(page->runButton(), Qt::LeftButton);
    QCOMPARE(requested.size(), 1);
    const qint64 runId = requested.constFirst().constFirst().toLongLong();
    QVERIFY(runId > 0);
    QVERIFY(!page->runButton()->isEnabled()); // one run of a share at a time
    QVERIFY(page->cancelButton()->isEnabled());
    QVERIFY(cell(ShareTableModel::StatusColumn).endsWith("…"));
    // Activity lists it at once, still in progress (the sandbox takes 1.5 s to prepare it).
    RunTableModel *runs = window.activityPage()->runModel();
    QTRY_COMPARE(runs->rowOf(runId), 0);
    QVERIFY(!runs->run(0).isFinished());

    QTRY_VERIFY_WITH_TIMEOUT(fixture.run(runId) && fixture.run(runId)->isFinished(), RunTimeoutMs);
    const Run run = *fixture.run(runId);
    QVERIFY2(run.state == RunState::Succeeded, qPrintable(run.error));
    QCOMPARE(run.shareId, share.id);
    QCOMPARE(run.rowsRead, 502);
    QCOMPARE(run.rowsWritten + run.rowsRejected, 502);
    QVERIFY(!progressed.isEmpty());

    // Delivered to a new list on the sandbox consumer.
    const auto *list = onlyList(*demo);
    QVERIFY(list);
    QCOMPARE(list->name, share.name);
    QCOMPARE(list->keyColumn, QByteArray("email"));
    QCOMPARE(list->members.size(), run.rowsWritten);
    for (const QByteArray &member : list->members)
        QCOMPARE(member, member.trimmed().toLower());

    // The page shows the outcome, inline and in the table.
    QTRY_COMPARE(cell(ShareTableModel::StatusColumn), "Succeeded");
    QVERIFY(!cell(ShareTableModel::LastRunColumn).isEmpty());
    QVERIFY(page->messageBanner()->isVisible());
    QVERIFY2(page->messageBanner()->text().contains("rows delivered"),
             qPrintable(page->messageBanner()->text()));
    QTRY_VERIFY(page->runButton()->isEnabled());
    QVERIFY(!page->cancelButton()->isEnabled());

    // Activity shows the run, selected, with its log.
    ActivityPage *activity = window.activityPage();
    QTRY_COMPARE(runs->rowCount(), 1);
    QTRY_COMPARE(runs->run(0).state, RunState::Succeeded);
    QCOMPARE(runs->run(0).id, runId);
    QCOMPARE(runs->index(0, RunTableModel::DestinationColumn).data().toString(),
             "Sandbox consumer (demo)");
    const QModelIndexList selected = activity->runView()->selectionModel()->selectedRows();
    QCOMPARE(selected.size(), 1);
    // The log follows the run: it ends with the summary once the last reload is in.
    const auto logLines = [activity] {
        QStringList lines;
        for (int i = 0; i < activity->runLog()->topLevelItemCount(); ++i)
            lines << activity->runLog()->topLevelItem(i)->text(1);
        return lines;
    };
    QTRY_VERIFY(!logLines().isEmpty() && logLines().constLast().startsWith("Done in"));
    const QStringList log = logLines();
    QVERIFY2(log.constFirst().startsWith("Sharing “Newsletter subscribers”"),
             qPrintable(log.join('\n')));
    QVERIFY2(log.size() >= 4, qPrintable(log.join('\n')));
}

void TestDemoShare::laterStartsReuseTheDemo()
{
    Fixture fixture;
    qint64 shareId = 0;
    QUrl firstUrl;
    {
        const auto demo = fixture.startDemo();
        QVERIFY(demo);
        shareId = demo->createdShareId();
        firstUrl = demo->server()->url("/exchange");
        const auto runId = fixture.engine->runShare(shareId);
        QVERIFY(runId);
        QTRY_VERIFY_WITH_TIMEOUT(fixture.run(*runId)->isFinished(), RunTimeoutMs);
        QCOMPARE(fixture.run(*runId)->state, RunState::Succeeded);
        // The share keeps the list its first run created…
        const auto share = ShareRepository(*fixture.database).find(shareId);
        QVERIFY(share->destinationOptions.contains("destinationId"));
    }

    // …which the next start's fresh sandbox does not have: the demo points the endpoints at the
    // new port, forgets the list, keeps the one share, and the share runs again.
    const auto demo = fixture.startDemo();
    QVERIFY(demo);
    QCOMPARE(demo->createdShareId(), 0);
    QCOMPARE(ShareRepository(*fixture.database).list().size(), 1);
    const QList<Endpoint> endpoints = EndpointRepository(*fixture.database).list();
    QCOMPARE(endpoints.size(), 5);
    for (const Endpoint &endpoint : endpoints) {
        if (endpoint.kind == "exchange")
            QCOMPARE(endpoint.contactUrl, demo->server()->url("/exchange"));
        else // the other demo endpoints move to the new port too, settings included
            QCOMPARE(endpoint.contactUrl.port(), int(demo->server()->port()));
        if (endpoint.kind == "ga4")
            QCOMPARE(QUrl(endpoint.settings.value("tokenUrl").toString()),
                     demo->server()->url("/ga4/token"));
    }
    const auto share = ShareRepository(*fixture.database).find(shareId);
    QVERIFY(!share->destinationOptions.contains("destinationId"));

    const auto runId = fixture.engine->runShare(shareId);
    QVERIFY(runId);
    QTRY_VERIFY_WITH_TIMEOUT(fixture.run(*runId)->isFinished(), RunTimeoutMs);
    QVERIFY2(fixture.run(*runId)->state == RunState::Succeeded,
             qPrintable(fixture.run(*runId)->error));
    QVERIFY(onlyList(*demo));
}

void TestDemoShare::audiencesOfEachDemoSourceShareToCsv_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("audience");
    QTest::addColumn<QString>("keyColumn");
    QTest::addColumn<int>("members");
    QTest::newRow("ga4") << "ga4"
                         << "Cart abandoners (7 days)"
                         << "deviceId" << 1260;
    QTest::newRow("apsis") << "apsis"
                           << "VIP customers"
                           << "profileKey" << 1318;
    // A Honeycomb cut: every id format; the first (BAV respondent ids) is the one chosen.
    QTest::newRow("fount") << "fount"
                           << "Female 18-25"
                           << "bavRespondentId" << -1;
}

// The marketer's path for a new source: find the audience on the Audiences page, "Share to CSV
// File…", pick a folder, and the share is created, shown on the Shares page and run.
void TestDemoShare::audiencesOfEachDemoSourceShareToCsv()
{
    QFETCH(QString, kind);
    QFETCH(QString, audience);
    QFETCH(QString, keyColumn);
    QFETCH(int, members);

    Fixture fixture;
    const auto demo = fixture.startDemo();
    QVERIFY(demo);
    QTemporaryDir folder;

    MainWindow window(*fixture.database, fixture.profile, fixture.engine.get());
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    window.pages()->setCurrentIndex(MainWindow::AudiencesPage);
    QSignalSpy searched(&window, &MainWindow::audiencesRefreshed);
    window.audienceSearch()->setText(audience);
    QTRY_VERIFY(!searched.isEmpty() && window.audienceModel()->rowCount() >= 1);
    // The exchange has audiences of the same name: take the one of this kind's endpoint.
    qint64 endpointId = 0;
    for (const Endpoint &endpoint : EndpointRepository(*fixture.database).list()) {
        if (endpoint.kind == kind)
            endpointId = endpoint.id;
    }
    int row = -1;
    for (int i = 0; i < window.audienceModel()->rowCount(); ++i) {
        const AudienceInfo &listed = window.audienceModel()->audience(i);
        if (listed.name == audience && listed.endpointId == endpointId)
            row = i;
    }
    QVERIFY2(row >= 0, qPrintable(audience));
    QVERIFY(!window.shareToCsvAction()->isEnabled()); // nothing selected yet
    const auto *proxy = qobject_cast<QSortFilterProxyModel *>(window.audienceView()->model());
    QVERIFY(proxy);
    window.audienceView()->selectRow(
        proxy->mapFromSource(window.audienceModel()->index(row, 0)).row());
    QVERIFY(window.shareToCsvAction()->isEnabled());

    ShareToCsvDialog *dialog = window.openShareToCsvDialog();
    QVERIFY(dialog);
    QVERIFY(dialog->columnList()->count() >= 1);
    QCOMPARE(dialog->columnList()->item(0)->text(), keyColumn);
    dialog->directoryEdit()->setText(folder.path());
    dialog->fileNameEdit()->setText("members.csv");
    QVERIFY(dialog->runNowBox()->isChecked());
    // APSIS event columns come with a rolling window, stored as the share's source option.
    const bool events = kind == "apsis";
    QCOMPARE(dialog->eventDaysBox()->isVisibleTo(dialog), events);
    QCOMPARE(dialog->request().sourceOptions.value("eventDays").toInt(), events ? 30 : 0);
    QSignalSpy created(&window, &MainWindow::csvShareCreated);
    dialog->accept();
    QTRY_COMPARE(created.size(), 1);
    const qint64 shareId = created.constFirst().constFirst().toLongLong();
    QVERIFY2(shareId > 0, qPrintable(created.constFirst().at(1).toString()));
    QCOMPARE(window.pages()->currentIndex(), int(MainWindow::SharesPageIndex));
    QTRY_COMPARE(window.sharesPage()->selectedShareId(), shareId);

    // It runs at once, and the file holds the audience.
    const QString path = folder.filePath("members.csv");
    QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(path), RunTimeoutMs);
    const QList<Run> runs = RunRepository(*fixture.database).recent(10);
    QCOMPARE(runs.size(), 1);
    QTRY_VERIFY_WITH_TIMEOUT(fixture.run(runs.constFirst().id)->isFinished(), RunTimeoutMs);
    const Run run = *fixture.run(runs.constFirst().id);
    QVERIFY2(run.state == RunState::Succeeded, qPrintable(run.error));
    if (members < 0) // a Fount cut: as many as the sandbox's panel puts in it
        members = int(run.rowsRead);
    QVERIFY(members > 0);
    QCOMPARE(run.rowsWritten, members);
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QList<QByteArray> lines = file.readAll().trimmed().split('\n');
    QCOMPARE(lines.size(), members + 1);
    QVERIFY2(lines.constFirst().trimmed() == keyColumn.toUtf8() ||
                 lines.constFirst().startsWith(QByteArray(keyColumn.toUtf8() + ',')),
             lines.constFirst().constData());
    const auto share = ShareRepository(*fixture.database).find(shareId);
    QVERIFY(share);
    const auto destination = EndpointRepository(*fixture.database).find(share->destinationId);
    QCOMPARE(destination->kind, "csv");
    QCOMPARE(destination->settings.value("directory").toString(), QDir::cleanPath(folder.path()));
}

void TestDemoShare::profilesWithTheirOwnEndpointsGetNoDemo()
{
    Fixture fixture;
    Endpoint own;
    own.name = "Shop CRM";
    own.kind = "csv";
    QVERIFY(EndpointRepository(*fixture.database).add(own));
    DemoSandbox demo(*fixture.database, *fixture.secrets, fixture.engine->registry());
    QString error;
    QVERIFY(!demo.start(&error));
    QVERIFY(error.isEmpty());
    QVERIFY(!demo.isRunning());
    QCOMPARE(EndpointRepository(*fixture.database).list().size(), 1);
}

QTEST_MAIN(TestDemoShare)
#include "tst_demoshare.moc"
