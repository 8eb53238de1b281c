// The Widgets layer, end to end and offscreen: the main window's pages and empty states, the
// audience search, and the CSV export dialog driven the way a user drives it.
#include "ActivityPage.h"
#include "CacheTableModels.h"
#include "common/Profile.h"
#include "CsvExportDialog.h"
#include "EmptyState.h"
#include "Formatting.h"
#include "MainWindow.h"
#include "MappingTableModel.h"
#include "RunTableModel.h"
#include "SharesPage.h"
#include "store/AudienceRepository.h"
#include "store/Database.h"
#include "store/EndpointRepository.h"
#include "store/RunRepository.h"

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTreeWidget>
#include <QtTest>

using namespace courier;
using namespace courier::ui;

namespace {

constexpr int ExportTimeoutMs = 60000;

// A fresh profile folder with its cache, as main() would set it up.
struct Fixture
{
    QTemporaryDir dir;
    Profile profile{dir.path()};
    std::unique_ptr<Database> database;

    Fixture()
    {
        QString error;
        if (!profile.ensureExists(&error))
            qFatal("profile: %s", qPrintable(error));
        database = Database::open(profile.databasePath(), &error);
        if (!database)
            qFatal("database: %s", qPrintable(error));
    }
    QString path(const QString &name) const { return dir.filePath(name); }
};

void writeFile(const QString &path, const QByteArray &content)
{
    QFile file(path);
    QVERIFY2(file.open(QIODevice::WriteOnly), qPrintable(file.errorString()));
    QCOMPARE(file.write(content), content.size());
}

QByteArray readFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return file.readAll();
}

int rowOf(const MappingTableModel *model, const QString &source)
{
    return static_cast<int>(model->sourceColumns().indexOf(source));
}

bool setCheck(MappingTableModel *model, const QString &source, int column, bool on)
{
    return model->setData(model->index(rowOf(model, source), column),
                          on ? Qt::Checked : Qt::Unchecked, Qt::CheckStateRole);
}

// Points the dialog at a file and waits until its header has been read in the background.
bool loadInput(CsvExportDialog *dialog, const QString &path)
{
    QSignalSpy inspected(dialog, &CsvExportDialog::inputInspected);
    dialog->setInputPath(path);
    return inspected.wait(10000) && inspected.constFirst().constFirst().toBool();
}

// 300k rows (~10 MB): enough that an export is still running when Cancel is clicked.
QString writeLargeInput(const Fixture &fixture)
{
    QByteArray content = "email,name,city\n";
    content.reserve(12 << 20);
    for (int i = 0; i < 300000; ++i)
        content += "member" + QByteArray::number(i) + "@example.com,Member " +
                   QByteArray::number(i) + ",Stockholm\n";
    const QString path = fixture.path("large.csv");
    writeFile(path, content);
    return path;
}

} // namespace

class TestMainWindow : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();

    void mainWindowShowsEmptyStates();
    void searchFiltersAudiences();
    void exportDialogPrefillsTheSample();
    void exportThroughDialogEndToEnd();
    void cancelLeavesNoOutput();
    void closingDialogCancelsRunningExport();
    void unreadableInputIsReportedInline();
    void mappingModelValidatesAndMaps();
    void runTableModelFormats();

private:
    QTemporaryDir m_settingsDir;
};

void TestMainWindow::initTestCase()
{
    // Never read or write the developer's own settings, and format numbers predictably.
    QCoreApplication::setOrganizationName(QStringLiteral("AudienceCourierTest"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_mainwindow"));
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_settingsDir.path());
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_settingsDir.path());
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
}

void TestMainWindow::mainWindowShowsEmptyStates()
{
    Fixture fixture;
    MainWindow window(*fixture.database, fixture.profile);
    QSignalSpy audiences(&window, &MainWindow::audiencesRefreshed);
    QSignalSpy endpoints(&window, &MainWindow::endpointsRefreshed);
    QSignalSpy activity(window.activityPage(), &ActivityPage::refreshed);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QTRY_VERIFY(!audiences.isEmpty() && !endpoints.isEmpty() && !activity.isEmpty());

    QCOMPARE(window.pages()->count(), 4);
    QCOMPARE(window.pages()->widget(MainWindow::SharesPageIndex), window.sharesPage());
    QCOMPARE(window.pages()->widget(MainWindow::ActivityPageIndex), window.activityPage());
    QCOMPARE(window.audienceSearch()->placeholderText(), QStringLiteral("Search audiences"));
    QVERIFY(window.audiencesEmptyState()->isShowingEmptyState());
    QVERIFY(window.audiencesEmptyState()->titleLabel()->text().contains("No audiences"));
    QVERIFY(window.audiencesEmptyState()->textLabel()->text().contains("Export CSV"));
    QVERIFY(window.endpointsEmptyState()->isShowingEmptyState());
    QVERIFY(window.activityPage()->emptyState()->isShowingEmptyState());
    QVERIFY(!window.activityPage()->openRejectedButton()->isEnabled());
    // Without an engine (another process runs this profile's shares) the page says so.
    QTRY_VERIFY(window.sharesPage()->emptyState()->isShowingEmptyState());
    QVERIFY(!window.sharesPage()->noEngineBanner()->isHidden());
    QVERIFY(!window.sharesPage()->runButton()->isEnabled());

    auto *exportAction = window.findChild<QAction *>("exportCsvAction");
    QVERIFY(exportAction);
    QCOMPARE(exportAction->shortcut(), QKeySequence(QStringLiteral("Ctrl+E")));
    auto *status = window.findChild<QLabel *>("statusText");
    QVERIFY(status);
    QCOMPARE(status->text(), QStringLiteral("Ready"));
}

void TestMainWindow::searchFiltersAudiences()
{
    Fixture fixture;
    Endpoint endpoint;
    endpoint.name = QStringLiteral("Shop CRM");
    endpoint.kind = QStringLiteral("csv");
    const auto endpointId = EndpointRepository(*fixture.database).add(endpoint);
    QVERIFY(endpointId);
    AudienceRepository audiences(*fixture.database);
    const QStringList names = {"Summer buyers", "Winter newsletter", "Summer churn risk",
                               "Loyal members"};
    for (const QString &name : names) {
        AudienceInfo audience;
        audience.endpointId = *endpointId;
        audience.externalId = name.toLower().replace(' ', '-');
        audience.name = name;
        audience.size = 1200;
        audience.identifiers = QStringList{"email"};
        QVERIFY(audiences.upsert(audience));
    }

    MainWindow window(*fixture.database, fixture.profile);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    AudienceTableModel *model = window.audienceModel();
    QTRY_COMPARE(model->rowCount(), 4);
    QVERIFY(!window.audiencesEmptyState()->isShowingEmptyState());
    QCOMPARE(model->index(0, AudienceTableModel::SourceColumn).data().toString(), "Shop CRM");
    QCOMPARE(model->index(0, AudienceTableModel::SizeColumn).data().toString(), "1,200");

    QLineEdit *search = window.audienceSearch();
    search->setFocus();
    QTest::keyClicks(search, "summ");
    QTRY_COMPARE(model->rowCount(), 2);
    for (int row = 0; row < model->rowCount(); ++row)
        QVERIFY(model->audience(row).name.startsWith("Summer"));

    search->clear();
    QTest::keyClicks(search, "winter");
    QTRY_COMPARE(model->rowCount(), 1);
    QCOMPARE(model->audience(0).name, QStringLiteral("Winter newsletter"));

    QTest::keyClicks(search, "zzz");
    QTRY_COMPARE(model->rowCount(), 0);
    QTRY_VERIFY(window.audiencesEmptyState()->isShowingEmptyState());
    QVERIFY(window.audiencesEmptyState()->titleLabel()->text().contains("No matching"));
    QVERIFY(search->isVisible()); // the search stays usable while nothing matches

    search->clear();
    QTRY_COMPARE(model->rowCount(), 4);
}

void TestMainWindow::exportDialogPrefillsTheSample()
{
    Fixture fixture;
    MainWindow window(*fixture.database, fixture.profile);
    CsvExportDialog *dialog = window.openExportDialog();
    QVERIFY(dialog->isVisible());
    const QString sample = fixture.path("demo-audience.csv");
    QCOMPARE(QDir::fromNativeSeparators(dialog->inputPath()), sample);
    QCOMPARE(QDir::fromNativeSeparators(dialog->outputPath()),
             fixture.path("demo-audience-export.csv"));
    // The sample is copied out of the resources on first use, then read like any file.
    QTRY_VERIFY(dialog->mappingModel()->rowCount() > 0);
    QVERIFY(QFileInfo(sample).isWritable());
    QVERIFY(dialog->exportButton()->isEnabled());
    QVERIFY(dialog->formulaGuardCheck()->isChecked());
    QVERIFY(!dialog->byteOrderMarkCheck()->isChecked());
}

void TestMainWindow::exportThroughDialogEndToEnd()
{
    Fixture fixture;
    const QString input = fixture.path("members.csv");
    writeFile(input, "Email,First name,Country,Notes\n"
                     " Alice@Example.COM ,Alice,SE,likes shoes\n"
                     "bob@example.com,=1+2,NO,\n"
                     ",Carol,DK,no address\n"
                     "DAVE@example.com,Dave,FI,\"+46 70 123 45 67\"\n");
    const QString output = fixture.path("out.csv");

    MainWindow window(*fixture.database, fixture.profile);
    window.show();
    CsvExportDialog *dialog = window.openExportDialog();
    QVERIFY(loadInput(dialog, input));
    dialog->setOutputPath(output);

    MappingTableModel *mapping = dialog->mappingModel();
    QCOMPARE(mapping->sourceColumns(), QStringList({"Email", "First name", "Country", "Notes"}));
    // The obvious identifier is recognised; the rest is what the user asks for.
    QCOMPARE(mapping->row(rowOf(mapping, "Email")).identifier, true);
    QVERIFY(setCheck(mapping, "Email", MappingTableModel::TrimColumn, true));
    QVERIFY(setCheck(mapping, "Email", MappingTableModel::LowercaseColumn, true));
    QVERIFY(setCheck(mapping, "Notes", MappingTableModel::ExportColumn, false));
    QVERIFY(mapping->setData(
        mapping->index(rowOf(mapping, "Email"), MappingTableModel::TargetColumn), "email"));
    QVERIFY(mapping->setData(
        mapping->index(rowOf(mapping, "First name"), MappingTableModel::TargetColumn),
        "first_name"));
    QVERIFY(dialog->exportButton()->isEnabled());

    QSignalSpy finished(dialog, &CsvExportDialog::exportFinished);
    QTest::mouseClick(dialog->exportButton(), Qt::LeftButton);
    QVERIFY(finished.wait(ExportTimeoutMs));
    const auto result = finished.constFirst().constFirst().value<CsvExportResult>();
    QCOMPARE(result.state, RunState::Succeeded);
    QCOMPARE(result.counters.rowsRead, 4);
    QCOMPARE(result.counters.rowsWritten, 3);
    QCOMPARE(result.counters.rowsRejected, 1);

    // Mapping order, the renamed headers, trim + lower case, and the formula guard's apostrophe.
    QCOMPARE(readFile(output), QByteArray("email,first_name,Country\r\n"
                                          "alice@example.com,Alice,SE\r\n"
                                          "bob@example.com,'=1+2,NO\r\n"
                                          "dave@example.com,Dave,FI\r\n"));
    const QString rejected = CsvExportJob::defaultRejectedPath(output);
    QCOMPARE(QDir::cleanPath(result.rejectedPath), QDir::cleanPath(rejected));
    QVERIFY(QFileInfo::exists(rejected));
    QVERIFY(readFile(rejected).contains("Carol"));

    QVERIFY(dialog->messageText().contains("Wrote 3 row"));
    QVERIFY(dialog->messageText().contains("Open rejected rows"));
    QVERIFY(!dialog->isRunning());
    QVERIFY(dialog->exportButton()->isEnabled()); // ready for another go

    // The Activity page hears about it and shows the finished run with its counters and log.
    RunTableModel *runs = window.activityPage()->runModel();
    QTRY_COMPARE(runs->rowCount(), 1);
    QTRY_COMPARE(runs->run(0).state, RunState::Succeeded);
    const Run run = runs->run(0);
    QCOMPARE(run.id, result.runId);
    QCOMPARE(run.rowsRead, 4);
    QCOMPARE(run.rowsWritten, 3);
    QCOMPARE(run.rowsRejected, 1);
    QCOMPARE(runs->index(0, RunTableModel::StateColumn).data().toString(), "Succeeded");
    QCOMPARE(runs->index(0, RunTableModel::SourceColumn).data().toString(), "members.csv");
    QTRY_VERIFY(window.activityPage()->runLog()->topLevelItemCount() > 0);
    QTRY_VERIFY(window.activityPage()->openRejectedButton()->isEnabled());
    QVERIFY(!window.activityPage()->emptyState()->isShowingEmptyState());
    auto *status = window.findChild<QLabel *>("statusText");
    QVERIFY(status->text().startsWith("Export finished"));
}

void TestMainWindow::cancelLeavesNoOutput()
{
    Fixture fixture;
    const QString input = writeLargeInput(fixture);
    const QString output = fixture.path("large-export.csv");

    MainWindow window(*fixture.database, fixture.profile);
    CsvExportDialog *dialog = window.openExportDialog();
    QVERIFY(loadInput(dialog, input));
    dialog->setOutputPath(output);

    QSignalSpy finished(dialog, &CsvExportDialog::exportFinished);
    QTest::mouseClick(dialog->exportButton(), Qt::LeftButton);
    QVERIFY(dialog->isRunning());
    QVERIFY(dialog->cancelButton()->isVisible());
    QTest::mouseClick(dialog->cancelButton(), Qt::LeftButton);
    QVERIFY(finished.wait(ExportTimeoutMs));

    const auto result = finished.constFirst().constFirst().value<CsvExportResult>();
    QCOMPARE(result.state, RunState::Cancelled);
    QVERIFY(!QFileInfo::exists(output));
    // Neither the export nor its rejected rows leave a file, not even a temporary one.
    const QStringList left =
        QDir(fixture.dir.path()).entryList(QDir::Files | QDir::Hidden | QDir::NoDotAndDotDot);
    for (const QString &name : left)
        QVERIFY2(!name.startsWith("large-export"), qPrintable(name));
    QVERIFY(dialog->messageText().contains("cancelled"));

    RunTableModel *runs = window.activityPage()->runModel();
    QTRY_COMPARE(runs->rowCount(), 1);
    QTRY_COMPARE(runs->run(0).state, RunState::Cancelled);
}

void TestMainWindow::closingDialogCancelsRunningExport()
{
    Fixture fixture;
    const QString input = writeLargeInput(fixture);
    const QString output = fixture.path("closed-export.csv");
    {
        MainWindow window(*fixture.database, fixture.profile);
        CsvExportDialog *dialog = window.openExportDialog();
        QVERIFY(loadInput(dialog, input));
        dialog->setOutputPath(output);
        dialog->startExport();
        QVERIFY(dialog->isRunning());
        // Destroying the window (as quitting does) destroys the dialog mid-export: it must
        // cancel, wait for the worker and leave nothing behind.
    }
    QVERIFY(!QFileInfo::exists(output));
    const QList<Run> runs = RunRepository(*fixture.database).recent(10);
    QCOMPARE(runs.size(), 1);
    QCOMPARE(runs.constFirst().state, RunState::Cancelled);
}

void TestMainWindow::unreadableInputIsReportedInline()
{
    Fixture fixture;
    const QString input = fixture.path("latin1.csv");
    writeFile(input, "name,city\nJos\xe9,M\xe1laga\n"); // Latin-1, not UTF-8

    MainWindow window(*fixture.database, fixture.profile);
    CsvExportDialog *dialog = window.openExportDialog();
    QSignalSpy inspected(dialog, &CsvExportDialog::inputInspected);
    dialog->setInputPath(input);
    QVERIFY(inspected.wait(10000));
    QCOMPARE(inspected.constFirst().constFirst().toBool(), false);
    QVERIFY(!dialog->messageText().isEmpty());
    QVERIFY(dialog->findChild<QLabel *>("exportMessage")->isVisible());
    QCOMPARE(dialog->mappingModel()->rowCount(), 0);
    QVERIFY(!dialog->exportButton()->isEnabled());

    QVERIFY(loadInput(dialog, fixture.path("missing.csv")) == false);
    QVERIFY(!dialog->messageText().isEmpty());

    // Saved again as UTF-8 and chosen again: the message goes and the export can proceed.
    writeFile(input, "name,city\nJos\xc3\xa9,M\xc3\xa1laga\n");
    QVERIFY(loadInput(dialog, input));
    QVERIFY(dialog->messageText().isEmpty());
    QCOMPARE(dialog->mappingModel()->rowCount(), 2);
    QVERIFY(dialog->exportButton()->isEnabled());
}

void TestMainWindow::mappingModelValidatesAndMaps()
{
    MappingTableModel model;
    model.setSourceColumns({"E-mail", "Phone", "Name", "Notes"});
    QCOMPARE(model.rowCount(), 4);
    QCOMPARE(model.columnCount(), int(MappingTableModel::ColumnCount));
    QVERIFY(model.row(0).identifier && model.row(0).trim && model.row(0).lowercase);
    QVERIFY(model.row(1).identifier && !model.row(1).lowercase);
    QVERIFY(!model.row(2).identifier);
    QCOMPARE(model.index(2, MappingTableModel::ExportColumn).data(Qt::CheckStateRole).toInt(),
             int(Qt::Checked));
    QVERIFY(model.validate().isEmpty());

    // Unticking a column greys out its other choices.
    QVERIFY(setCheck(&model, "Notes", MappingTableModel::ExportColumn, false));
    QVERIFY(!(model.flags(model.index(3, MappingTableModel::TargetColumn)) & Qt::ItemIsEnabled));
    QVERIFY(model.flags(model.index(2, MappingTableModel::TargetColumn)) & Qt::ItemIsEditable);

    QVERIFY(model.setData(model.index(2, MappingTableModel::TargetColumn), "phone"));
    QVERIFY(model.validate().contains("phone")); // "Phone" and "phone" would collide
    QVERIFY(model.setData(model.index(2, MappingTableModel::TargetColumn), "  "));
    QVERIFY(model.validate().contains("Name"));
    QVERIFY(model.setData(model.index(2, MappingTableModel::TargetColumn), " full_name "));
    QVERIFY(model.validate().isEmpty());

    const Mapping mapping = model.mapping();
    QCOMPARE(mapping.targets(), QStringList({"E-mail", "Phone", "full_name"}));
    QCOMPARE(
        mapping.fields.at(0).transforms,
        QList<Transform>({Transform(TransformKind::Trim), Transform(TransformKind::Lowercase)}));
    QCOMPARE(mapping.fields.at(2).source, QStringLiteral("Name"));
    QVERIFY(mapping.fields.at(2).transforms.isEmpty());

    // Re-reading the same file keeps the choices made.
    model.setSourceColumns({"E-mail", "Phone", "Name", "Notes", "City"});
    QCOMPARE(model.row(2).target, QStringLiteral(" full_name "));
    QVERIFY(!model.row(3).exported);
    QVERIFY(model.row(4).exported);

    for (int column = 0; column < MappingTableModel::ColumnCount; ++column)
        QVERIFY(!model.headerData(column, Qt::Horizontal).toString().isEmpty());
    model.setSourceColumns({"a"});
    QVERIFY(setCheck(&model, "a", MappingTableModel::ExportColumn, false));
    QVERIFY(!model.validate().isEmpty());
}

void TestMainWindow::runTableModelFormats()
{
    RunTableModel model;
    Run run;
    run.id = 7;
    run.state = RunState::Failed;
    run.rowsRead = 1234567;
    run.rowsWritten = 1234000;
    run.rowsRejected = 567;
    run.source = QStringLiteral("/data/in/members.csv");
    run.destination = QStringLiteral("/data/out/members-export.csv");
    run.startedAt = QDateTime(QDate(2024, 5, 1), QTime(10, 0), Qt::UTC);
    run.finishedAt = run.startedAt.addSecs(125);
    run.error = QStringLiteral("Disk full.\nDetails follow");
    model.setRuns({run});

    const auto cell = [&](int column, int role = Qt::DisplayRole) {
        return model.index(0, column).data(role);
    };
    QCOMPARE(model.columnCount(), int(RunTableModel::ColumnCount));
    QCOMPARE(cell(RunTableModel::RowsReadColumn).toString(), "1,234,567");
    QCOMPARE(cell(RunTableModel::RowsRejectedColumn).toString(), "567");
    QCOMPARE(cell(RunTableModel::DurationColumn).toString(), "2 min 5 s");
    QCOMPARE(cell(RunTableModel::SourceColumn).toString(), "members.csv");
    QCOMPARE(cell(RunTableModel::SourceColumn, Qt::ToolTipRole).toString(),
             QDir::toNativeSeparators(run.source));
    QCOMPARE(cell(RunTableModel::StateColumn).toString(), runStateDisplayName(RunState::Failed));
    QCOMPARE(cell(RunTableModel::ErrorColumn).toString(), "Disk full.");
    QCOMPARE(cell(RunTableModel::ErrorColumn, Qt::ToolTipRole).toString(), run.error);
    QVERIFY(cell(RunTableModel::RowsReadColumn, Qt::TextAlignmentRole).value<Qt::Alignment>() &
            Qt::AlignRight);
    QVERIFY(!cell(RunTableModel::StateColumn, Qt::DecorationRole).isNull());
    QCOMPARE(cell(RunTableModel::RowsReadColumn, SortRole).toLongLong(), 1234567);
    QCOMPARE(model.rowOf(7), 0);
    QCOMPARE(model.rowOf(8), -1);
}

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
