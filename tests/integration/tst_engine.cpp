// The sharing engine against the sandbox over real loopback HTTP, with the real keychain and a
// real SQLite cache: happy paths, each fault kind, cancellation, limits, secrets kept out of the
// cache and the logs, and a headless run killed with SIGKILL mid-delivery, then resumed.
#include "connectors/ConnectorRegistry.h"
#include "engine/Engine.h"
#include "engine/ProfileLock.h"
#include "sandbox/faults/Faults.h"
#include "sandbox/protocols/exchange/ExchangeConsumerState.h"
#include "sandbox/SandboxServer.h"
#include "secrets/SecretStore.h"
#include "store/AudienceRepository.h"
#include "store/Database.h"
#include "store/EndpointRepository.h"
#include "store/RunRepository.h"
#include "store/ShareRepository.h"

#include <csignal>
#include <QDir>
#include <QFile>
#include <QLoggingCategory>
#include <QMutex>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace courier;
using courier::sandbox::ExchangeConsumerState;
using courier::sandbox::FaultRule;
using courier::sandbox::SandboxServer;

namespace {

// Every log line of the process, to prove no secret reaches them.
QMutex logMutex;
QStringList capturedLog;
QtMessageHandler previousHandler = nullptr;

void captureMessage(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    {
        QMutexLocker locker(&logMutex);
        capturedLog.append(message);
    }
    if (type != QtDebugMsg && previousHandler)
        previousHandler(type, context, message);
}

const QByteArray SandboxKey = "sandbox-key";

Mapping emailPhoneMapping()
{
    Mapping mapping;
    FieldMapping email;
    email.target = "email";
    email.source = "email";
    email.identifier = true;
    email.transforms = {*Transform::fromName(u"trim"), *Transform::fromName(u"lowercase")};
    FieldMapping phone;
    phone.target = "phone";
    phone.source = "phone";
    FieldMapping firstName;
    firstName.target = "first_name";
    firstName.source = "first_name";
    mapping.fields = {email, phone, firstName};
    return mapping;
}

} // namespace

class TestEngine : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void deliversEveryRowToTheExchange();
    void writesACsvFile();
    void survivesTransientFaults_data();
    void survivesTransientFaults();
    void failedExportIsRequestedOnceMoreThenFails();
    void refusedKeyAsksToReconnect();
    void cancelStopsTheRunAndLeavesNoSpool();
    void aShareNeverRunsTwiceAtOnce();
    void limitsHoldOverall();
    void secretsNeverReachTheCacheOrTheLogs();
    void killedHeadlessRunResumesAndDeliversEachRowOnce();
    void quittingInterruptsAndTheNextStartResumes();
    void headlessAllDueRunsDueSharesOnce();
    void headlessRunWaitsForTheProfileLock();
    void recurringShareSendsOnlyTheDelta();
    void dryRunSendsNothingAndKeepsTheSnapshot();
    void tooManyRejectedRowsFailTheRun();
    void mappingThatDoesNotFitFailsBeforeSending();

private:
    qint64 addShare(const QString &segment, const QString &destinationKind,
                    QJsonObject destinationOptions = {}, const QString &name = "Newsletter");
    std::unique_ptr<Engine> makeEngine();
    // Waits for the run to end and returns it as stored.
    Run waitForRun(Engine &engine, qint64 runId, int timeoutMs = 30000);
    const ExchangeConsumerState::Destination *consumerDestination();
    // Points the share at another synthetic audience (synthetic-N share their first members,
    // so going from N to M adds or removes exactly the difference).
    bool switchAudience(qint64 shareId, const QString &segment);
    QString storeKey(qint64 endpointId, const QByteArray &key);

    std::unique_ptr<QTemporaryDir> m_profile;
    std::unique_ptr<Database> m_database;
    std::unique_ptr<SandboxServer> m_sandbox;
    std::unique_ptr<SecretStore> m_secrets;
    qint64 m_sourceId = 0;
    qint64 m_destinationId = 0;
    qint64 m_fileDestinationId = 0;
};

void TestEngine::initTestCase()
{
    QLoggingCategory::setFilterRules("courier.*.debug=true");
    previousHandler = qInstallMessageHandler(captureMessage);
}

void TestEngine::init()
{
    m_profile = std::make_unique<QTemporaryDir>();
    QVERIFY(m_profile->isValid());
    QString error;
    m_database = Database::open(m_profile->filePath("courier.sqlite"), &error);
    QVERIFY2(m_database, qPrintable(error));

    sandbox::SandboxOptions options;
    options.jobReadyAfter = std::chrono::milliseconds(200);
    m_sandbox = std::make_unique<SandboxServer>(options);
    QVERIFY2(m_sandbox->listen(0, &error), qPrintable(error));

    // The default service: the headless child process reads the same keychain entries.
    m_secrets = std::make_unique<SecretStore>();

    EndpointRepository endpoints(*m_database);
    Endpoint source;
    source.name = "Sandbox producer";
    source.kind = "exchange";
    source.role = Endpoint::Role::Source;
    source.transfer = Endpoint::Transfer::Pull;
    source.contactUrl = m_sandbox->url("/exchange");
    source.secretStored = true;
    m_sourceId = endpoints.add(source, &error).value_or(0);
    QVERIFY2(m_sourceId, qPrintable(error));
    Endpoint destination = source;
    destination.name = "Sandbox consumer";
    destination.role = Endpoint::Role::Destination;
    destination.transfer = Endpoint::Transfer::Push;
    m_destinationId = endpoints.add(destination, &error).value_or(0);
    QVERIFY2(m_destinationId, qPrintable(error));
    Endpoint file;
    file.name = "Exports folder";
    file.kind = "csv";
    file.role = Endpoint::Role::Destination;
    file.settings = QJsonObject{{"directory", m_profile->filePath("exports")}};
    QDir().mkpath(m_profile->filePath("exports"));
    m_fileDestinationId = endpoints.add(file, &error).value_or(0);
    QVERIFY2(m_fileDestinationId, qPrintable(error));

    QVERIFY(storeKey(m_sourceId, SandboxKey).isEmpty());
    QVERIFY(storeKey(m_destinationId, SandboxKey).isEmpty());
}

void TestEngine::cleanup()
{
    m_sandbox.reset();
    m_secrets.reset();
    m_database.reset();
    m_profile.reset();
}

QString TestEngine::storeKey(qint64 endpointId, const QByteArray &key)
{
    QString result = "pending";
    bool done = false;
    m_secrets->write(endpointId, "key", key, [&](bool ok, const QString &error) {
        result = ok ? QString() : error;
        done = true;
    });
    if (!QTest::qWaitFor([&] { return done; }, 10000))
        return "keychain timeout";
    return result;
}

qint64 TestEngine::addShare(const QString &segment, const QString &destinationKind,
                            QJsonObject destinationOptions, const QString &name)
{
    AudienceInfo audience;
    audience.endpointId = m_sourceId;
    audience.externalId = segment;
    audience.name = segment;
    const auto audienceId = AudienceRepository(*m_database).upsert(audience);
    if (!audienceId)
        return 0;
    Share share;
    share.name = name;
    share.audienceId = *audienceId;
    share.destinationId = destinationKind == "csv" ? m_fileDestinationId : m_destinationId;
    share.mapping = emailPhoneMapping().toJson();
    share.destinationOptions = destinationOptions;
    return ShareRepository(*m_database).add(share).value_or(0);
}

std::unique_ptr<Engine> TestEngine::makeEngine()
{
    auto engine = std::make_unique<Engine>(*m_database, m_profile->filePath("runs"),
                                           m_secrets.get(), ConnectorRegistry::builtin());
    RunSettings settings;
    settings.batchRows = 5000;
    settings.retry =
        BackoffPolicy{std::chrono::milliseconds(50), 2.0, std::chrono::milliseconds(400), 0.2, 5};
    settings.poll =
        BackoffPolicy{std::chrono::milliseconds(50), 1.5, std::chrono::milliseconds(300), 0.2, 0};
    engine->setRunSettings(settings);
    return engine;
}

Run TestEngine::waitForRun(Engine &engine, qint64 runId, int timeoutMs)
{
    RunRepository runs(*m_database);
    // On a timeout the caller sees the run as it stands (not finished) and fails on that.
    [[maybe_unused]] const bool finished = QTest::qWaitFor(
        [&] {
            const auto run = runs.find(runId);
            return run && run->isFinished() && !engine.activeRunIds().contains(runId);
        },
        timeoutMs);
    return runs.find(runId).value_or(Run{});
}

const ExchangeConsumerState::Destination *TestEngine::consumerDestination()
{
    const auto destinations = m_sandbox->exchangeConsumer().destinations();
    return destinations.isEmpty() ? nullptr : destinations.constFirst();
}

bool TestEngine::switchAudience(qint64 shareId, const QString &segment)
{
    AudienceInfo audience;
    audience.endpointId = m_sourceId;
    audience.externalId = segment;
    audience.name = segment;
    const auto audienceId = AudienceRepository(*m_database).upsert(audience);
    auto share = ShareRepository(*m_database).find(shareId);
    if (!audienceId || !share)
        return false;
    share->audienceId = *audienceId;
    return ShareRepository(*m_database).update(*share);
}

void TestEngine::deliversEveryRowToTheExchange()
{
    const qint64 shareId = addShare("synthetic-12000", "exchange");
    QVERIFY(shareId);
    auto engine = makeEngine();
    QSignalSpy progressed(engine.get(), &Engine::runProgressed);
    const auto runId = engine->runShare(shareId);
    QVERIFY(runId);
    const Run run = waitForRun(*engine, *runId);
    QCOMPARE(run.state, RunState::Succeeded);
    QCOMPARE(run.rowsRead, 12000);
    QCOMPARE(run.rowsWritten + run.rowsRejected, 12000);
    QCOMPARE(run.batchesDelivered, 3);
    QVERIFY(run.startedAt.isValid() && run.finishedAt.isValid());
    QVERIFY(!progressed.isEmpty());

    const auto *destination = consumerDestination();
    QVERIFY(destination);
    QCOMPARE(destination->members.size(), run.rowsWritten);
    QCOMPARE(destination->batchesApplied, 3);
    QCOMPARE(destination->duplicateRows, 0);
    QCOMPARE(destination->duplicateBatches, 0);

    // The list the delivery created is kept, so the next run adds to it.
    const auto share = ShareRepository(*m_database).find(shareId);
    QCOMPARE(share->destinationOptions.value("destinationId").toString(), destination->id);
    // The spool is gone; the run log tells the story.
    QVERIFY(QDir(m_profile->filePath("runs")).entryList({"work-*"}, QDir::Dirs).isEmpty());
    const auto events = RunRepository(*m_database).events(*runId);
    QVERIFY(!events.isEmpty());
    QVERIFY(events.constLast().message.contains("Done"));

    // A second run adds to the same list: same members, nothing duplicated by the engine.
    const auto second = engine->runShare(shareId);
    QVERIFY(second && *second != *runId);
    QCOMPARE(waitForRun(*engine, *second).state, RunState::Succeeded);
    QCOMPARE(m_sandbox->exchangeConsumer().destinations().size(), 1);
    QCOMPARE(consumerDestination()->members.size(), run.rowsWritten);
}

void TestEngine::writesACsvFile()
{
    const qint64 shareId = addShare("synthetic-3000", "csv", {{"fileName", "newsletter.csv"}});
    auto engine = makeEngine();
    const auto runId = engine->runShare(shareId);
    const Run run = waitForRun(*engine, *runId);
    QCOMPARE(run.state, RunState::Succeeded);
    const QString path = m_profile->filePath("exports/newsletter.csv");
    QCOMPARE(QDir::cleanPath(run.outputPath), QDir::cleanPath(path));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QList<QByteArray> lines = file.readAll().split('\n');
    QCOMPARE(lines.first().trimmed(), QByteArray("email,phone,first_name"));
    QCOMPARE(lines.size() - 2, run.rowsWritten); // header + rows + the final empty split
    // Emails were trimmed and lower-cased on the way.
    for (qsizetype i = 1; i < lines.size() - 1; ++i) {
        const QByteArray email = lines.at(i).split(',').first();
        QCOMPARE(email, email.trimmed().toLower());
    }
}

void TestEngine::survivesTransientFaults_data()
{
    QTest::addColumn<QJsonObject>("rule");
    QTest::newRow("503 with Retry-After on the export request")
        << QJsonObject{{"pathPrefix", "/exchange/v1/jobs"},
                       {"method", "POST"},
                       {"times", 2},
                       {"errorStatus", 503},
                       {"retryAfterSeconds", 1}};
    QTest::newRow("429 on a delivered batch")
        << QJsonObject{{"pathPrefix", "/exchange/v1/destinations/"},
                       {"method", "POST"},
                       {"times", 1},
                       {"errorStatus", 429},
                       {"retryAfterSeconds", 1}};
    QTest::newRow("connection dropped mid-download")
        << QJsonObject{{"pathPrefix", "/exchange/v1/jobs/"},
                       {"method", "GET"},
                       {"times", 1},
                       {"dropAfterBytes", 20000}};
    QTest::newRow("truncated gzip body") << QJsonObject{{"pathPrefix", "/exchange/v1/jobs/"},
                                                        {"method", "GET"},
                                                        {"times", 1},
                                                        {"truncateGzip", true}};
    QTest::newRow("malformed JSON while polling")
        << QJsonObject{{"pathPrefix", "/exchange/v1/jobs/"},
                       {"method", "GET"},
                       {"times", 1},
                       {"malformedJson", true}};
    QTest::newRow("500 while polling") << QJsonObject{{"pathPrefix", "/exchange/v1/jobs/"},
                                                      {"method", "GET"},
                                                      {"times", 2},
                                                      {"errorStatus", 500}};
}

void TestEngine::survivesTransientFaults()
{
    QFETCH(QJsonObject, rule);
    QString error;
    QVERIFY2(m_sandbox->faults().setFromJson(rule, &error), qPrintable(error));
    const qint64 shareId = addShare("synthetic-8000", "exchange");
    auto engine = makeEngine();
    const auto runId = engine->runShare(shareId);
    const Run run = waitForRun(*engine, *runId);
    QVERIFY2(run.state == RunState::Succeeded, qPrintable(run.error));
    QCOMPARE(run.rowsRead, 8000);
    const auto rules = m_sandbox->faults().rules();
    QVERIFY(!rules.isEmpty());
    QVERIFY2(rules.first().fired > 0, "the fault never fired: the test proves nothing");
    const auto *destination = consumerDestination();
    QVERIFY(destination);
    QCOMPARE(destination->members.size(), run.rowsWritten);
    QCOMPARE(destination->duplicateRows, 0);
}

void TestEngine::failedExportIsRequestedOnceMoreThenFails()
{
    QString error;
    QVERIFY(m_sandbox->faults().setFromJson(
        {{"pathPrefix", "/exchange/v1/jobs"}, {"method", "POST"}, {"failJobs", true}}, &error));
    const qint64 shareId = addShare("synthetic-1000", "exchange");
    auto engine = makeEngine();
    const auto runId = engine->runShare(shareId);
    const Run run = waitForRun(*engine, *runId);
    QCOMPARE(run.state, RunState::Failed);
    QVERIFY(!run.error.isEmpty());
    QCOMPARE(m_sandbox->faults().rules().first().fired, 2); // the export, and one more try
    QVERIFY(consumerDestination() == nullptr || consumerDestination()->batchesApplied == 0);
}

void TestEngine::refusedKeyAsksToReconnect()
{
    QVERIFY(storeKey(m_sourceId, "not-the-key").isEmpty());
    const qint64 shareId = addShare("synthetic-1000", "exchange");
    auto engine = makeEngine();
    const auto runId = engine->runShare(shareId);
    const Run run = waitForRun(*engine, *runId);
    QCOMPARE(run.state, RunState::Failed);
    QVERIFY2(run.error.contains("reconnect", Qt::CaseInsensitive), qPrintable(run.error));
}

void TestEngine::cancelStopsTheRunAndLeavesNoSpool()
{
    QString error;
    // A slow download, so the cancel lands mid-transfer.
    QVERIFY(m_sandbox->faults().setFromJson(
        {{"pathPrefix", "/exchange/v1/jobs/"}, {"method", "GET"}, {"slowBytesPerSecond", 50000}},
        &error));
    const qint64 shareId = addShare("synthetic-50000", "exchange");
    auto engine = makeEngine();
    const auto runId = engine->runShare(shareId);
    RunRepository runs(*m_database);
    QTRY_VERIFY_WITH_TIMEOUT(runs.find(*runId)->state == RunState::Downloading, 15000);
    QTest::qWait(200);
    engine->cancel(*runId);
    const Run run = waitForRun(*engine, *runId, 10000);
    QCOMPARE(run.state, RunState::Cancelled);
    QVERIFY(QDir(m_profile->filePath("runs")).entryList({"work-*"}, QDir::Dirs).isEmpty());
    QVERIFY(consumerDestination() == nullptr || consumerDestination()->batchesApplied == 0);
    QTRY_VERIFY(engine->isIdle());
}

void TestEngine::aShareNeverRunsTwiceAtOnce()
{
    const qint64 shareId = addShare("synthetic-2000", "exchange");
    auto engine = makeEngine();
    const auto first = engine->runShare(shareId);
    const auto second = engine->runShare(shareId);
    QVERIFY(first && second);
    QCOMPARE(*second, *first);
    QCOMPARE(waitForRun(*engine, *first).state, RunState::Succeeded);
}

void TestEngine::limitsHoldOverall()
{
    const qint64 a = addShare("synthetic-2000", "exchange", {}, "A");
    const qint64 b = addShare("synthetic-2001", "exchange", {}, "B");
    auto engine = makeEngine();
    engine->setLimits(EngineLimits{1, 1});
    int mostAtOnce = 0;
    connect(engine.get(), &Engine::runStarted, this, [&] {
        mostAtOnce = std::max(mostAtOnce, static_cast<int>(engine->activeRunIds().size()));
    });
    const auto runA = engine->runShare(a);
    const auto runB = engine->runShare(b);
    QCOMPARE(waitForRun(*engine, *runA).state, RunState::Succeeded);
    QCOMPARE(waitForRun(*engine, *runB).state, RunState::Succeeded);
    QCOMPARE(mostAtOnce, 1);
    const Run ra = *RunRepository(*m_database).find(*runA);
    const Run rb = *RunRepository(*m_database).find(*runB);
    QVERIFY(rb.startedAt >= ra.finishedAt);
}

void TestEngine::secretsNeverReachTheCacheOrTheLogs()
{
    const QByteArray secret = "sk-live-7c1f0e5a9b3d4e21-not-for-logs";
    // The sandbox accepts only its own key: this run fails with a 401, the path where a
    // careless client would echo what it sent.
    QVERIFY(storeKey(m_sourceId, secret).isEmpty());
    const qint64 shareId = addShare("synthetic-500", "exchange");
    auto engine = makeEngine();
    const auto runId = engine->runShare(shareId);
    QCOMPARE(waitForRun(*engine, *runId).state, RunState::Failed);
    // Then a successful one with the right key, for the happy path's logs.
    QVERIFY(storeKey(m_sourceId, SandboxKey).isEmpty());
    const auto second = engine->runShare(shareId);
    QCOMPARE(waitForRun(*engine, *second).state, RunState::Succeeded);
    engine.reset();

    for (const QString &suffix : {QString(), QString("-wal"), QString("-shm")}) {
        QFile file(m_profile->filePath("courier.sqlite" + suffix));
        if (!file.open(QIODevice::ReadOnly))
            continue;
        const QByteArray bytes = file.readAll();
        QVERIFY2(!bytes.contains(secret), qPrintable("secret in courier.sqlite" + suffix));
        QVERIFY2(!bytes.contains(SandboxKey), qPrintable("key in courier.sqlite" + suffix));
    }
    QMutexLocker locker(&logMutex);
    QVERIFY(!capturedLog.isEmpty());
    for (const QString &line : std::as_const(capturedLog)) {
        QVERIFY2(!line.contains(QString::fromLatin1(secret)), qPrintable(line));
        QVERIFY2(!line.contains(QString::fromLatin1(SandboxKey)), qPrintable(line));
    }
}

void TestEngine::killedHeadlessRunResumesAndDeliversEachRowOnce()
{
    // 20 batches of 1,000 rows; each answer from the consumer trickles in slowly, so the
    // delivery takes several seconds and the kill lands in the middle of it.
    const qint64 shareId = addShare("synthetic-20000", "exchange", {{"batchRows", 1000}});
    QString error;
    QVERIFY(m_sandbox->faults().setFromJson({{"pathPrefix", "/exchange/v1/destinations/"},
                                             {"method", "POST"},
                                             {"slowBytesPerSecond", 200}},
                                            &error));
    const QStringList arguments{"run", QString::number(shareId), "--profile", m_profile->path()};

    QProcess first;
    first.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    first.start(COURIER_EXECUTABLE, arguments);
    QVERIFY(first.waitForStarted());
    QTRY_VERIFY_WITH_TIMEOUT(consumerDestination() && consumerDestination()->batchesApplied >= 3,
                             30000);
    ::kill(static_cast<pid_t>(first.processId()), SIGKILL);
    QTRY_VERIFY_WITH_TIMEOUT(first.state() == QProcess::NotRunning, 10000);
    QCOMPARE(first.exitStatus(), QProcess::CrashExit);
    const qint64 appliedBeforeKill = consumerDestination()->batchesApplied;
    QVERIFY(appliedBeforeKill < 20);

    // The second start finds the run interrupted and resumes it.
    m_sandbox->faults().clear();
    QProcess second;
    second.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    second.start(COURIER_EXECUTABLE, arguments);
    QVERIFY(second.waitForStarted());
    QTRY_VERIFY_WITH_TIMEOUT(second.state() == QProcess::NotRunning, 60000);
    const QByteArray output = second.readAllStandardOutput();
    QVERIFY2(second.exitCode() == 0, output.constData());

    const auto *destination = consumerDestination();
    RunRepository runs(*m_database);
    const QList<Run> all = runs.recent();
    QCOMPARE(all.size(), 2);
    const Run resumed = all.at(0);
    const Run killed = all.at(1);
    QCOMPARE(killed.state, RunState::Interrupted);
    QCOMPARE(resumed.state, RunState::Succeeded);
    QCOMPARE(resumed.resumedFrom, killed.id);
    QCOMPARE(resumed.attempt, 2);
    // Every row arrived exactly once: each of the 20 batches applied once, no row twice.
    QCOMPARE(destination->batchesApplied, 20);
    QCOMPARE(destination->duplicateRows, 0);
    QCOMPARE(destination->members.size(), resumed.rowsWritten);
    QCOMPARE(resumed.rowsRead, 20000);
    bool skippedDelivered = false;
    for (const RunEvent &event : runs.events(resumed.id))
        skippedDelivered |= event.message.contains("before the interruption");
    QVERIFY(skippedDelivered);
}

void TestEngine::quittingInterruptsAndTheNextStartResumes()
{
    // As when the app quits mid-delivery: the Engine goes away with a run in progress.
    const qint64 shareId = addShare("synthetic-10000", "exchange", {{"batchRows", 1000}});
    QString error;
    QVERIFY(m_sandbox->faults().setFromJson({{"pathPrefix", "/exchange/v1/destinations/"},
                                             {"method", "POST"},
                                             {"slowBytesPerSecond", 300}},
                                            &error));
    auto engine = makeEngine();
    const auto first = engine->runShare(shareId);
    QTRY_VERIFY_WITH_TIMEOUT(consumerDestination() && consumerDestination()->batchesApplied >= 2,
                             20000);
    engine.reset();
    RunRepository runs(*m_database);
    const Run interrupted = *runs.find(*first);
    QCOMPARE(interrupted.state, RunState::Interrupted);
    QVERIFY(interrupted.batchesDelivered >= 1);
    QVERIFY(runs.checkpoint(*first).value("delivered").toInteger() >= 1);

    m_sandbox->faults().clear();
    engine = makeEngine();
    const QList<qint64> resumed = engine->resumeInterrupted();
    QCOMPARE(resumed.size(), 1);
    const Run run = waitForRun(*engine, resumed.first());
    QCOMPARE(run.state, RunState::Succeeded);
    QCOMPARE(run.resumedFrom, *first);
    const auto *destination = consumerDestination();
    QCOMPARE(destination->batchesApplied, 10);
    QCOMPARE(destination->duplicateRows, 0);
    QCOMPARE(destination->members.size(), run.rowsWritten);
    // Resumed once only.
    QVERIFY(engine->resumeInterrupted().isEmpty());
}

void TestEngine::headlessAllDueRunsDueSharesOnce()
{
    const qint64 due = addShare("synthetic-700", "exchange", {}, "Due");
    const qint64 later = addShare("synthetic-701", "exchange", {}, "Later");
    ShareRepository shares(*m_database);
    QVERIFY(shares.setNextRunAt(due, QDateTime::currentDateTimeUtc().addSecs(-60)));
    QVERIFY(shares.setNextRunAt(later, QDateTime::currentDateTimeUtc().addSecs(3600)));
    const QStringList arguments{"run", "--all-due", "--profile", m_profile->path()};

    QProcess process;
    process.start(COURIER_EXECUTABLE, arguments);
    QVERIFY(process.waitForStarted());
    QTRY_VERIFY_WITH_TIMEOUT(process.state() == QProcess::NotRunning, 30000);
    const QByteArray output = process.readAllStandardOutput();
    QVERIFY2(process.exitCode() == 0, process.readAllStandardError().constData());
    QVERIFY2(output.contains("succeeded; 700 rows read"), output.constData());
    const QList<Run> runs = RunRepository(*m_database).recent();
    QCOMPARE(runs.size(), 1);
    QCOMPARE(runs.first().shareId, due);
    // Claimed: not due again until the scheduler sets a new time.
    QVERIFY(!shares.find(due)->nextRunAt.isValid());
    QVERIFY(shares.find(later)->nextRunAt.isValid());

    process.start(COURIER_EXECUTABLE, arguments);
    QVERIFY(process.waitForStarted());
    QTRY_VERIFY_WITH_TIMEOUT(process.state() == QProcess::NotRunning, 30000);
    QCOMPARE(process.exitCode(), 0);
    QVERIFY(process.readAllStandardOutput().contains("Nothing to run"));
    QCOMPARE(RunRepository(*m_database).recent().size(), 1);
}

void TestEngine::headlessRunWaitsForTheProfileLock()
{
    const qint64 shareId = addShare("synthetic-100", "exchange");
    // This process holds the profile, as the app would.
    const auto lock = ProfileLock::tryAcquire(m_profile->path());
    QVERIFY(lock);
    QProcess process;
    process.start(COURIER_EXECUTABLE,
                  {"run", QString::number(shareId), "--profile", m_profile->path()});
    QVERIFY(process.waitForStarted());
    QTRY_VERIFY_WITH_TIMEOUT(process.state() == QProcess::NotRunning, 30000);
    QCOMPARE(process.exitCode(), 75);
    QVERIFY(process.readAllStandardError().contains("running shares for this profile"));
    QVERIFY(RunRepository(*m_database).recent().isEmpty());
}

void TestEngine::recurringShareSendsOnlyTheDelta()
{
    const qint64 shareId = addShare("synthetic-10000", "exchange");
    QVERIFY(shareId);
    auto share = ShareRepository(*m_database).find(shareId);
    share->schedule = "0 6 * * *"; // recurring: the share keeps what it delivered
    share->action = Share::ShareAction::Replace;
    QVERIFY(ShareRepository(*m_database).update(*share));
    auto engine = makeEngine();

    // The first run replaces the destination's members with the whole audience.
    const Run first = waitForRun(*engine, engine->runShare(shareId).value_or(0));
    QCOMPARE(first.state, RunState::Succeeded);
    const qint64 members = first.rowsWritten;
    QVERIFY(members > 9000);
    QCOMPARE(consumerDestination()->members.size(), members);
    const qint64 receivedAfterFirst = consumerDestination()->rowsReceived;

    // 500 more members: only they travel.
    QVERIFY(switchAudience(shareId, "synthetic-10500"));
    const Run second = waitForRun(*engine, engine->runShare(shareId).value_or(0));
    QCOMPARE(second.state, RunState::Succeeded);
    const qint64 added = consumerDestination()->members.size() - members;
    QVERIFY2(added > 450 && added <= 500, qPrintable(QString::number(added)));
    QCOMPARE(consumerDestination()->rowsReceived - receivedAfterFirst, added);
    QCOMPARE(second.rowsWritten, added);
    bool toldTheChanges = false;
    for (const RunEvent &event : RunRepository(*m_database).events(second.id))
        toldTheChanges |= event.message.contains(
            QString("%1 new, 0 changed, 0 removed").arg(QLocale().toString(added)));
    QVERIFY(toldTheChanges);

    // 1,500 fewer than that: they are removed, nothing is added.
    const qint64 before = consumerDestination()->members.size();
    const qint64 removedBefore = consumerDestination()->rowsRemoved;
    const qint64 receivedBefore = consumerDestination()->rowsReceived;
    QVERIFY(switchAudience(shareId, "synthetic-9000"));
    const Run third = waitForRun(*engine, engine->runShare(shareId).value_or(0));
    QCOMPARE(third.state, RunState::Succeeded);
    const qint64 removed = consumerDestination()->rowsRemoved - removedBefore;
    QVERIFY2(removed > 1350 && removed <= 1500, qPrintable(QString::number(removed)));
    QCOMPARE(consumerDestination()->members.size(), before - removed);
    QCOMPARE(consumerDestination()->rowsReceived - receivedBefore, removed);

    // Nothing changed: nothing is sent at all.
    const qint64 batchesBefore = consumerDestination()->batchesReceived;
    const Run fourth = waitForRun(*engine, engine->runShare(shareId).value_or(0));
    QCOMPARE(fourth.state, RunState::Succeeded);
    QCOMPARE(fourth.rowsWritten, 0);
    QCOMPARE(consumerDestination()->batchesReceived, batchesBefore);
}

void TestEngine::dryRunSendsNothingAndKeepsTheSnapshot()
{
    const qint64 shareId = addShare("synthetic-6000", "exchange");
    QVERIFY(shareId);
    auto share = ShareRepository(*m_database).find(shareId);
    share->schedule = "0 6 * * 1";
    QVERIFY(ShareRepository(*m_database).update(*share));
    auto engine = makeEngine();
    QCOMPARE(waitForRun(*engine, engine->runShare(shareId).value_or(0)).state, RunState::Succeeded);
    const qint64 batches = consumerDestination()->batchesReceived;
    const qint64 members = consumerDestination()->members.size();

    QVERIFY(switchAudience(shareId, "synthetic-6300"));
    const auto dryRunId = engine->dryRunShare(shareId);
    QVERIFY(dryRunId);
    const Run dry = waitForRun(*engine, *dryRunId);
    QCOMPARE(dry.state, RunState::Succeeded);
    QVERIFY(dry.dryRun);
    QCOMPARE(dry.rowsWritten, 0);
    QVERIFY2(dry.outputPath.contains(" new, 0 changed, 0 removed"), qPrintable(dry.outputPath));
    QCOMPARE(consumerDestination()->batchesReceived, batches);
    QCOMPARE(consumerDestination()->members.size(), members);

    // The snapshot is as the real run left it: the next real run sends that same delta.
    const Run real = waitForRun(*engine, engine->runShare(shareId).value_or(0));
    QCOMPARE(real.state, RunState::Succeeded);
    QVERIFY(real.rowsWritten > 250 && real.rowsWritten <= 300);
    QCOMPARE(consumerDestination()->members.size(), members + real.rowsWritten);

    // The headless command line reports a dry run's changes too, and sends nothing.
    QVERIFY(switchAudience(shareId, "synthetic-6400"));
    engine.reset(); // the command takes the profile lock
    QProcess process;
    process.setProgram(COURIER_EXECUTABLE);
    process.setArguments(
        {"run", "--dry-run", QString::number(shareId), "--profile", m_profile->path()});
    process.start();
    // The sandbox answers from this thread's event loop: wait without blocking it.
    QVERIFY(QTest::qWaitFor([&] { return process.state() == QProcess::NotRunning; }, 60000));
    const QString output = QString::fromUtf8(process.readAllStandardOutput());
    QVERIFY2(process.exitCode() == 0,
             qPrintable(output + QString::fromUtf8(process.readAllStandardError())));
    QVERIFY2(output.contains("Dry run: nothing was sent."), qPrintable(output));
    QCOMPARE(consumerDestination()->members.size(), members + real.rowsWritten);
}

void TestEngine::tooManyRejectedRowsFailTheRun()
{
    const qint64 shareId = addShare("synthetic-4000", "csv");
    QVERIFY(shareId);
    auto share = ShareRepository(*m_database).find(shareId);
    // Phone numbers without a country code cannot become E.164 without a default region, so
    // the national ones are rejected: far more than the 5 % this share tolerates.
    Mapping mapping;
    FieldMapping phone;
    phone.target = "phone";
    phone.source = "phone";
    phone.identifier = true;
    phone.transforms = {*Transform::fromName(u"phone_e164")};
    mapping.fields = {phone};
    mapping.rejectLimitPercent = 5;
    share->mapping = mapping.toJson();
    QVERIFY(ShareRepository(*m_database).update(*share));
    auto engine = makeEngine();
    const Run run = waitForRun(*engine, engine->runShare(shareId).value_or(0));
    QCOMPARE(run.state, RunState::Failed);
    QVERIFY2(run.error.contains("more than the share allows (5"), qPrintable(run.error));
    QVERIFY(run.rowsRejected > 200);
    // The evidence stays; the destination folder gets no file.
    QVERIFY(QFile::exists(run.rejectedPath));
    QVERIFY(QDir(m_profile->filePath("exports")).entryList(QDir::Files).isEmpty());

    // With a default region the national numbers go through; the rows without a phone are
    // still rejected, within a raised limit.
    mapping.defaultRegion = "SE";
    mapping.rejectLimitPercent = 50;
    share->mapping = mapping.toJson();
    QVERIFY(ShareRepository(*m_database).update(*share));
    const Run retried = waitForRun(*engine, engine->runShare(shareId).value_or(0));
    QCOMPARE(retried.state, RunState::Succeeded);
    QVERIFY(retried.rowsWritten > run.rowsWritten);
}

void TestEngine::mappingThatDoesNotFitFailsBeforeSending()
{
    // The exchange consumer declared what it takes: SHA-256-hashed e-mail addresses only.
    auto destination = EndpointRepository(*m_database).find(m_destinationId);
    QVERIFY(destination);
    destination->identifiers = {"email"};
    destination->attributes = {};
    destination->settings = QJsonObject{{"hashing", "sha256"}};
    QVERIFY(EndpointRepository(*m_database).update(*destination));
    const qint64 shareId = addShare("synthetic-3000", "exchange");
    QVERIFY(shareId);
    auto engine = makeEngine();
    m_sandbox->requestLog().clear();
    const Run run = waitForRun(*engine, engine->runShare(shareId).value_or(0));
    QCOMPARE(run.state, RunState::Failed);
    QVERIFY2(run.error.contains("nothing was sent"), qPrintable(run.error));
    // Not even the source was asked: the mapping was checked first.
    QVERIFY(m_sandbox->requestLog().entries().isEmpty());
    QVERIFY(m_sandbox->exchangeConsumer().destinations().isEmpty());
}

QTEST_GUILESS_MAIN(TestEngine)
#include "tst_engine.moc"