// The exchange connectors (source and destination), the CSV file destination, the Poller and
// CsvPartsReader, against an in-process sandbox (real loopback HTTP) and a small QHttpServer
// for the polling styles the exchange does not use.
#include "connectors/csv/CsvPartsReader.h"
#include "connectors/exchange/ExchangeConnectors.h"
#include "connectors/exchange/ExchangeDelivery.h"
#include "connectors/exchange/ExchangeFetch.h"
#include "connectors/file/CsvFileDestination.h"
#include "engine/HttpJob.h"
#include "support/ConnectorTestSupport.h"
#include "engine/Poller.h"
#include "sandbox/faults/Faults.h"
#include "sandbox/http/RequestLog.h"
#include "sandbox/SandboxServer.h"

#include <QHttpServer>
#include <QHttpServerResponse>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkReply>
#include <QTemporaryDir>
#include <QtTest>

using namespace courier;
using namespace courier::testing;
using namespace std::chrono_literals;

namespace {

// Reads every row; returns the first column's values.
QList<QByteArray> readAll(RowReader &reader, QStringList *rejects = nullptr)
{
    reader.setRejectSink([rejects](RejectedRow &&row) {
        if (rejects)
            *rejects << QString::number(row.line) + ": " + row.reason;
    });
    QList<QByteArray> keys;
    RowBatch batch;
    for (;;) {
        const bool more = reader.read(batch, 700);
        for (int row = 0; row < batch.rowCount(); ++row)
            keys << batch.cell(row, 0).toByteArray();
        if (!more)
            break;
    }
    return keys;
}

RowBatch members(int from, int count)
{
    RowBatch batch(2);
    for (int i = from; i < from + count; ++i) {
        const QByteArray email = "member" + QByteArray::number(i) + "@example.com";
        const QByteArray name =
            i % 7 == 0 ? QByteArray("Quote \"Q\", Comma") : "Name " + QByteArray::number(i);
        batch.appendRow(std::array<QByteArray, 2>{email, name}, i);
    }
    return batch;
}

void writeFile(const QString &path, const QByteArray &data)
{
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(data);
}

} // namespace

class TestExchangeConnector : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();

    // Poller and HttpJob's accepted statuses (a QHttpServer of our own).
    void acceptedStatusCompletesTheJob();
    void pollerApsisStyle();
    void pollerGone();
    void pollerRequestAgain();
    void pollerDeadline();
    void pollerCancel();

    // CsvPartsReader.
    void partsReaderReadsAllParts();
    void partsReaderRefusesOtherHeader();

    // The exchange source.
    void listsAudiencesPageByPage();
    void wrongKeyAsksToReconnect();
    void fetchesMultiPartSegment();
    void resumeDownloadsOnlyMissingParts();
    void resumeWithGoneJobRequestsNewOne();
    void failedJobIsRequestedOnceMore();
    void failedJobTwiceFails();
    void cancelledFetchCallsNothing();

    // The exchange destination.
    void deliversAddBatchesIdempotently();
    void replacesInOneSession();
    void removesMembers();
    void reusesGivenDestination();
    void resumedReplaceContinuesItsSession();
    void resumedAddKeepsTheListItCreated();
    void tooLargeBatchSaysSo();

    // The CSV file destination.
    void csvFileDestinationWritesAtomically();
    void csvFileDestinationAbortLeavesNothing();
    void csvFileDestinationNeedsWritableFolder();

private:
    Endpoint exchangeEndpoint(const QJsonObject &settings = {}) const;
    std::unique_ptr<TestContext> context(const QJsonObject &settings = {}) const;
    QJsonObject inspect(const QString &path);
    void runFetch(TestContext &context, const QString &segment,
                  std::unique_ptr<SourceFetch> *fetchOut, Step *step);
    void deliver(TestContext &context, const DeliveryTarget &target, Share::ShareAction action,
                 const QList<RowBatch> &batches, QString *destinationId,
                 std::unique_ptr<DestinationDelivery> *deliveryOut = nullptr);

    std::unique_ptr<sandbox::SandboxServer> m_sandbox;
    QHttpServer m_http;
    quint16 m_httpPort = 0;
    QNetworkAccessManager m_nam;
    int m_apsisHits = 0;
};

// --- fixtures ---------------------------------------------------------------------------------

void TestExchangeConnector::initTestCase()
{
    sandbox::SandboxOptions options;
    options.jobReadyAfter = 150ms;
    options.exchange.partRows = 1000; // synthetic-2500 comes in three parts
    m_sandbox = std::make_unique<sandbox::SandboxServer>(options);
    QString error;
    QVERIFY2(m_sandbox->listen(0, &error), qPrintable(error));

    m_http.route("/apsis", [this] {
        return ++m_apsisHits < 3
                   ? QHttpServerResponse("not yet", QHttpServerResponse::StatusCode::NotFound)
                   : QHttpServerResponse("email\r\na@example.com\r\n");
    });
    m_http.route("/gone", [] {
        return QHttpServerResponse("expired", QHttpServerResponse::StatusCode::Gone);
    });
    m_http.route("/unavailable", [] {
        return QHttpServerResponse("export failed",
                                   QHttpServerResponse::StatusCode::ServiceUnavailable);
    });
    m_http.route("/never", [] {
        return QHttpServerResponse("not yet", QHttpServerResponse::StatusCode::NotFound);
    });
    m_httpPort = m_http.listen(QHostAddress::LocalHost);
    QVERIFY(m_httpPort != 0);
    QLoggingCategory::setFilterRules("courier.sandbox.debug=false");
}

void TestExchangeConnector::init()
{
    m_sandbox->reset();
    m_apsisHits = 0;
}

Endpoint TestExchangeConnector::exchangeEndpoint(const QJsonObject &settings) const
{
    Endpoint endpoint;
    endpoint.id = 7;
    endpoint.name = "Sandbox exchange";
    endpoint.kind = "exchange";
    endpoint.contactUrl = m_sandbox->url("/exchange");
    endpoint.role = Endpoint::Role::Both;
    endpoint.settings = settings;
    endpoint.secretStored = true;
    return endpoint;
}

std::unique_ptr<TestContext> TestExchangeConnector::context(const QJsonObject &settings) const
{
    auto context = std::make_unique<TestContext>(exchangeEndpoint(settings));
    context->secrets.insert("key", m_sandbox->options().exchange.key);
    return context;
}

QJsonObject TestExchangeConnector::inspect(const QString &path)
{
    QNetworkReply *reply = m_nam.get(QNetworkRequest(m_sandbox->url(path)));
    if (!QTest::qWaitFor([reply] { return reply->isFinished(); }, StepTimeoutMs))
        qWarning() << "no answer from" << path;
    reply->deleteLater();
    return QJsonDocument::fromJson(reply->readAll()).object();
}

void TestExchangeConnector::runFetch(TestContext &context, const QString &segment,
                                     std::unique_ptr<SourceFetch> *fetchOut, Step *step)
{
    ExchangeSourceConnector connector;
    AudienceInfo audience;
    audience.externalId = segment;
    audience.name = segment;
    *fetchOut = connector.createFetch(context, FetchRequest{audience, {}, {}});
    (*fetchOut)->fetch(step->callback());
    QVERIFY(step->wait());
    QCOMPARE(step->calls, 1);
}

void TestExchangeConnector::deliver(TestContext &context, const DeliveryTarget &target,
                                    Share::ShareAction action, const QList<RowBatch> &batches,
                                    QString *destinationId,
                                    std::unique_ptr<DestinationDelivery> *deliveryOut)
{
    ExchangeDestinationConnector connector;
    std::unique_ptr<DestinationDelivery> delivery = connector.createDelivery(context, target);
    Step open;
    delivery->open({"email", "firstName"}, action, false, open.callback());
    QVERIFY(open.wait());
    QVERIFY2(open.ok, qPrintable(open.error));
    for (int i = 0; i < batches.size(); ++i) {
        Step sent;
        delivery->send(batches.at(i),
                       DeliveryBatch{i + 1, "delivery-" + QByteArray::number(int(action)) + ":" +
                                                QByteArray::number(i + 1)},
                       sent.callback());
        QVERIFY(sent.wait());
        QVERIFY2(sent.ok, qPrintable(sent.error));
    }
    Step committed;
    delivery->commit(committed.callback());
    QVERIFY(committed.wait());
    QVERIFY2(committed.ok, qPrintable(committed.error));
    *destinationId = static_cast<ExchangeDelivery *>(delivery.get())->destinationId();
    if (deliveryOut)
        *deliveryOut = std::move(delivery);
}

// --- Poller and HttpJob -----------------------------------------------------------------------

void TestExchangeConnector::acceptedStatusCompletesTheJob()
{
    QTemporaryDir dir;
    const QString file = dir.filePath("answer.csv");
    HttpRequestSpec spec;
    spec.url = QUrl(QString("http://127.0.0.1:%1/never").arg(m_httpPort));
    HttpJob job(m_nam, spec);
    job.setResponseFile(file);
    job.setAcceptedStatuses({404});
    QSignalSpy finished(&job, &HttpJob::finished);
    job.start();
    QVERIFY(finished.wait(StepTimeoutMs));
    QCOMPARE(finished.first().first().toBool(), true);
    QCOMPARE(job.httpStatus(), 404);
    QCOMPARE(job.attempts(), 1); // not retried
    QCOMPARE(job.body(), QByteArray("not yet"));
    QVERIFY(!QFile::exists(file)); // the file is for a 2xx answer only
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden).size(), 0);

    // Not accepted: a 404 fails at once, its body kept for the message.
    HttpJob failing(m_nam, spec);
    QSignalSpy failed(&failing, &HttpJob::finished);
    failing.start();
    QVERIFY(failed.wait(StepTimeoutMs));
    QCOMPARE(failed.first().first().toBool(), false);
    QCOMPARE(failing.errorBody(), QByteArray("not yet"));
}

void TestExchangeConnector::pollerApsisStyle()
{
    HttpRequestSpec spec;
    spec.url = QUrl(QString("http://127.0.0.1:%1/apsis").arg(m_httpPort));
    Poller poller(m_nam, spec, [](int status, const QByteArray &) {
        switch (status) {
        case 404:
            return PollVerdict::notReady();
        case 410:
            return PollVerdict::gone();
        case 503:
            return PollVerdict::requestAgain();
        default:
            return PollVerdict::ready();
        }
    });
    BackoffPolicy policy;
    policy.initial = 20ms;
    policy.cap = 40ms;
    poller.setPollPolicy(policy);
    poller.setAcceptedStatuses({404, 410, 503});
    poller.setRandom([] { return 0.5; });
    std::optional<Poller::Outcome> outcome;
    int calls = 0;
    QElapsedTimer clock;
    clock.start();
    poller.start([&](Poller::Outcome o) {
        ++calls;
        outcome = o;
    });
    QVERIFY(QTest::qWaitFor([&] { return outcome.has_value(); }, StepTimeoutMs));
    QCOMPARE(*outcome, Poller::Outcome::Ready);
    QCOMPARE(calls, 1);
    QCOMPARE(poller.polls(), 3); // 404, 404, 200
    QCOMPARE(poller.httpStatus(), 200);
    QCOMPARE(poller.body(), QByteArray("email\r\na@example.com\r\n"));
    QVERIFY(clock.elapsed() >= 20 + 40 - 5); // waited between polls, backing off

    // The delays: none before the first poll, then initial · factor^n up to the cap.
    QCOMPARE(Poller::delayBefore(policy, 1, 0.5), 0ms);
    QCOMPARE(Poller::delayBefore(policy, 2, 0.5), 20ms);
    QCOMPARE(Poller::delayBefore(policy, 3, 0.5), 40ms);
    QCOMPARE(Poller::delayBefore(policy, 9, 0.5), 40ms);
}

void TestExchangeConnector::pollerGone()
{
    HttpRequestSpec spec;
    spec.url = QUrl(QString("http://127.0.0.1:%1/gone").arg(m_httpPort));
    Poller poller(m_nam, spec, [](int status, const QByteArray &) {
        return status == 410 ? PollVerdict::gone("expired") : PollVerdict::ready();
    });
    poller.setAcceptedStatuses({404, 410, 503});
    std::optional<Poller::Outcome> outcome;
    poller.start([&](Poller::Outcome o) { outcome = o; });
    QVERIFY(QTest::qWaitFor([&] { return outcome.has_value(); }, StepTimeoutMs));
    QCOMPARE(*outcome, Poller::Outcome::Gone);
    QCOMPARE(poller.message(), QString("expired"));
    QCOMPARE(poller.polls(), 1);

    // Without 410 among the accepted statuses it is a failed request, not an answer.
    Poller strict(m_nam, spec, [](int, const QByteArray &) { return PollVerdict::ready(); });
    outcome.reset();
    strict.start([&](Poller::Outcome o) { outcome = o; });
    QVERIFY(QTest::qWaitFor([&] { return outcome.has_value(); }, StepTimeoutMs));
    QCOMPARE(*outcome, Poller::Outcome::RequestFailed);
    QCOMPARE(strict.httpStatus(), 410);
    QCOMPARE(strict.errorBody(), QByteArray("expired"));
}

void TestExchangeConnector::pollerRequestAgain()
{
    HttpRequestSpec spec;
    spec.url = QUrl(QString("http://127.0.0.1:%1/unavailable").arg(m_httpPort));
    Poller poller(m_nam, spec, [](int status, const QByteArray &) {
        return status == 503 ? PollVerdict::requestAgain("failed") : PollVerdict::ready();
    });
    poller.setAcceptedStatuses({404, 410, 503});
    std::optional<Poller::Outcome> outcome;
    poller.start([&](Poller::Outcome o) { outcome = o; });
    QVERIFY(QTest::qWaitFor([&] { return outcome.has_value(); }, StepTimeoutMs));
    QCOMPARE(*outcome, Poller::Outcome::RequestAgain); // at once: the 503 was not retried
    QCOMPARE(poller.polls(), 1);
}

void TestExchangeConnector::pollerDeadline()
{
    HttpRequestSpec spec;
    spec.url = QUrl(QString("http://127.0.0.1:%1/never").arg(m_httpPort));
    Poller poller(m_nam, spec, [](int, const QByteArray &) { return PollVerdict::notReady(); });
    BackoffPolicy policy;
    policy.initial = 20ms;
    policy.cap = 50ms;
    poller.setPollPolicy(policy);
    poller.setAcceptedStatuses({404});
    poller.setDeadline(300ms);
    std::optional<Poller::Outcome> outcome;
    QElapsedTimer clock;
    clock.start();
    poller.start([&](Poller::Outcome o) { outcome = o; });
    QVERIFY(QTest::qWaitFor([&] { return outcome.has_value(); }, StepTimeoutMs));
    QCOMPARE(*outcome, Poller::Outcome::TimedOut);
    QVERIFY(clock.elapsed() >= 270); // coarse timers may fire 5 % early
    QVERIFY(clock.elapsed() < 2000);
    QVERIFY(poller.polls() >= 3);
    QVERIFY(!poller.message().isEmpty());
}

void TestExchangeConnector::pollerCancel()
{
    HttpRequestSpec spec;
    spec.url = QUrl(QString("http://127.0.0.1:%1/never").arg(m_httpPort));
    Poller poller(m_nam, spec, [](int, const QByteArray &) { return PollVerdict::notReady(); });
    poller.setAcceptedStatuses({404});
    bool called = false;
    poller.start([&](Poller::Outcome) { called = true; });
    QTest::qWait(60);
    poller.cancel();
    QVERIFY(!poller.isRunning());
    const int polls = poller.polls();
    QTest::qWait(150);
    QVERIFY(!called);
    QCOMPARE(poller.polls(), polls);
}

// --- CsvPartsReader ---------------------------------------------------------------------------

void TestExchangeConnector::partsReaderReadsAllParts()
{
    QTemporaryDir dir;
    writeFile(dir.filePath("part-1.csv"), "email,name\r\na@x,A\r\nb@x,B\r\n");
    writeFile(dir.filePath("part-2.csv"), "email,name\r\n"); // empty part
    writeFile(dir.filePath("part-3.csv"), "email,name\r\nc@x,C\r\nbroken\r\nd@x,\"D, d\"\r\n");
    CsvPartsReader reader;
    QVERIFY2(reader.open({dir.filePath("part-1.csv"), dir.filePath("part-2.csv"),
                          dir.filePath("part-3.csv")}),
             qPrintable(reader.errorString()));
    QCOMPARE(reader.columns(), QStringList({"email", "name"}));
    QVERIFY(reader.bytesTotal() > 0);
    QStringList rejects;
    const QList<QByteArray> keys = readAll(reader, &rejects);
    QVERIFY2(reader.errorString().isEmpty(), qPrintable(reader.errorString()));
    QCOMPARE(keys, QList<QByteArray>({"a@x", "b@x", "c@x", "d@x"}));
    QCOMPARE(rejects.size(), 1);
    QVERIFY2(rejects.first().startsWith("3: ") && rejects.first().contains("part 3") &&
                 rejects.first().contains("part-3.csv"),
             qPrintable(rejects.first()));
    QCOMPARE(reader.bytesRead(), reader.bytesTotal());
}

void TestExchangeConnector::partsReaderRefusesOtherHeader()
{
    QTemporaryDir dir;
    writeFile(dir.filePath("part-1.csv"), "email,name\r\na@x,A\r\n");
    writeFile(dir.filePath("part-2.csv"), "email,surname\r\nb@x,B\r\n");
    CsvPartsReader reader;
    QVERIFY(reader.open({dir.filePath("part-1.csv"), dir.filePath("part-2.csv")}));
    const QList<QByteArray> keys = readAll(reader);
    QCOMPARE(keys, QList<QByteArray>({"a@x"}));
    QVERIFY(reader.errorString().contains("part-2.csv"));
    QVERIFY(reader.errorString().contains("surname"));

    CsvPartsReader missing;
    QVERIFY(!missing.open({dir.filePath("part-9.csv")}));
    QVERIFY(missing.errorString().contains("part-9.csv"));
}

// --- the exchange source ----------------------------------------------------------------------

void TestExchangeConnector::listsAudiencesPageByPage()
{
    auto ctx = context({{"pageSize", 2}});
    ExchangeSourceConnector connector;
    bool finished = false;
    bool ok = false;
    QList<AudienceInfo> audiences;
    QString error;
    auto listing = connector.listAudiences(
        *ctx, [&](bool success, const QList<AudienceInfo> &list, const QString &message) {
            finished = true;
            ok = success;
            audiences = list;
            error = message;
        });
    QVERIFY(QTest::qWaitFor([&] { return finished; }, StepTimeoutMs));
    QVERIFY2(ok, qPrintable(error));
    QVERIFY2(audiences.size() > 2, "the sandbox catalogue should span several pages");
    const auto pages = m_sandbox->requestLog().matching("/exchange/v1/segments", "GET");
    QCOMPARE(pages.size(), (audiences.size() + 1) / 2);
    QSet<QString> ids;
    for (const AudienceInfo &audience : std::as_const(audiences)) {
        QVERIFY(!audience.externalId.isEmpty());
        QVERIFY(!audience.name.isEmpty());
        QCOMPARE(audience.endpointId, 7);
        QVERIFY(audience.refreshedAt.isValid());
        ids.insert(audience.externalId);
    }
    QCOMPARE(ids.size(), audiences.size()); // no page read twice
    QVERIFY(std::any_of(audiences.cbegin(), audiences.cend(), [](const AudienceInfo &a) {
        return a.sizeKnown() && !a.identifiers.isEmpty();
    }));
}

void TestExchangeConnector::wrongKeyAsksToReconnect()
{
    auto ctx = context();
    ctx->secrets.insert("key", "not-the-key");
    ExchangeSourceConnector connector;
    bool finished = false;
    bool ok = true;
    QString error;
    auto listing = connector.listAudiences(
        *ctx, [&](bool success, const QList<AudienceInfo> &, const QString &message) {
            finished = true;
            ok = success;
            error = message;
        });
    QVERIFY(QTest::qWaitFor([&] { return finished; }, StepTimeoutMs));
    QVERIFY(!ok);
    QVERIFY2(error.contains("refused the key") && error.contains("reconnect"), qPrintable(error));
    QCOMPARE(ctx->reloads, 1); // the keychain was read again once
    QVERIFY(!error.contains("not-the-key"));

    // A key put right meanwhile (the user reconnected) is picked up by the reload.
    ctx->reloadedSecrets.insert("key", m_sandbox->options().exchange.key);
    finished = false;
    listing = connector.listAudiences(
        *ctx, [&](bool success, const QList<AudienceInfo> &, const QString &message) {
            finished = true;
            ok = success;
            error = message;
        });
    QVERIFY(QTest::qWaitFor([&] { return finished; }, StepTimeoutMs));
    QVERIFY2(ok, qPrintable(error));
}

void TestExchangeConnector::fetchesMultiPartSegment()
{
    auto ctx = context();
    std::unique_ptr<SourceFetch> fetch;
    Step step;
    runFetch(*ctx, "synthetic-2500", &fetch, &step);
    QVERIFY2(step.ok, qPrintable(step.error));
    auto *exchange = static_cast<ExchangeFetch *>(fetch.get());
    QCOMPARE(exchange->jobsRequested(), 1);
    QCOMPARE(exchange->partsDownloaded(), 3);
    QVERIFY(!fetch->resumedSameSnapshot());
    QVERIFY(ctx->phases.contains(RunState::Requesting));
    QVERIFY(ctx->phases.contains(RunState::Waiting));
    QVERIFY(ctx->phases.contains(RunState::Downloading));
    QVERIFY(ctx->downloaded > 0);
    // The job's own progress is passed on while it is prepared, never going backwards.
    QVERIFY(!ctx->waiting.isEmpty());
    for (qsizetype i = 0; i < ctx->waiting.size(); ++i) {
        QVERIFY(ctx->waiting.at(i) >= 0 && ctx->waiting.at(i) <= 100);
        QVERIFY(i == 0 || ctx->waiting.at(i) >= ctx->waiting.at(i - 1));
    }

    const QJsonObject checkpoint = ctx->checkpoints.value("source");
    QCOMPARE(checkpoint.value("jobId").toString(), exchange->jobId());
    const QJsonArray parts = checkpoint.value("parts").toArray();
    QCOMPARE(parts.size(), 3);
    for (const QJsonValue &part : parts) {
        QVERIFY(part.toObject().value("done").toBool());
        QVERIFY(QFile::exists(
            QDir(ctx->workDirectory()).filePath(part.toObject().value("file").toString())));
    }

    QString error;
    std::unique_ptr<RowReader> rows = fetch->openRows(&error);
    QVERIFY2(rows, qPrintable(error));
    QVERIFY(!rows->columns().isEmpty());
    QStringList rejects;
    const QList<QByteArray> keys = readAll(*rows, &rejects);
    QVERIFY2(rows->errorString().isEmpty(), qPrintable(rows->errorString()));
    QCOMPARE(rejects, QStringList());
    QCOMPARE(keys.size(), 2500);
    QCOMPARE(QSet<QByteArray>(keys.cbegin(), keys.cend()).size(), 2500);
}

void TestExchangeConnector::resumeDownloadsOnlyMissingParts()
{
    QTemporaryDir work;
    QJsonObject checkpoint;
    {
        TestContext first(exchangeEndpoint(), work.path());
        first.secrets.insert("key", m_sandbox->options().exchange.key);
        std::unique_ptr<SourceFetch> fetch;
        Step step;
        runFetch(first, "synthetic-2500", &fetch, &step);
        QVERIFY2(step.ok, qPrintable(step.error));
        checkpoint = first.checkpoints.value("source");
    }
    // As if interrupted after part 1: parts 2 and 3 not yet on disk.
    QJsonArray parts = checkpoint.value("parts").toArray();
    QCOMPARE(parts.size(), 3);
    for (int i = 1; i < parts.size(); ++i) {
        QJsonObject part = parts.at(i).toObject();
        part.insert("done", false);
        QVERIFY(QFile::remove(QDir(work.path()).filePath(part.value("file").toString())));
        parts.replace(i, part);
    }
    checkpoint.insert("parts", parts);
    const QString part1 =
        QDir(work.path()).filePath(parts.at(0).toObject().value("file").toString());
    const QDateTime part1Time = QFileInfo(part1).lastModified();
    m_sandbox->requestLog().clear();

    TestContext second(exchangeEndpoint(), work.path());
    second.secrets.insert("key", m_sandbox->options().exchange.key);
    second.checkpoints.insert("source", checkpoint);
    std::unique_ptr<SourceFetch> fetch;
    Step step;
    runFetch(second, "synthetic-2500", &fetch, &step);
    QVERIFY2(step.ok, qPrintable(step.error));
    auto *exchange = static_cast<ExchangeFetch *>(fetch.get());
    QCOMPARE(exchange->jobsRequested(), 0); // the same job, polled again
    QCOMPARE(exchange->partsDownloaded(), 2);
    QVERIFY(fetch->resumedSameSnapshot());
    QCOMPARE(QFileInfo(part1).lastModified(), part1Time);
    const QString jobPath = "/exchange/v1/jobs/" + checkpoint.value("jobId").toString();
    QCOMPARE(m_sandbox->requestLog().matching("/exchange/v1/jobs", "POST").size(), 0);
    QCOMPARE(m_sandbox->requestLog().matching(jobPath + "/data/", "GET").size(), 2);
    QString error;
    std::unique_ptr<RowReader> rows = fetch->openRows(&error);
    QVERIFY2(rows, qPrintable(error));
    QCOMPARE(readAll(*rows).size(), 2500);

    // Everything on disk: no request at all.
    m_sandbox->requestLog().clear();
    TestContext third(exchangeEndpoint(), work.path());
    third.secrets.insert("key", m_sandbox->options().exchange.key);
    third.checkpoints.insert("source", second.checkpoints.value("source"));
    Step again;
    runFetch(third, "synthetic-2500", &fetch, &again);
    QVERIFY2(again.ok, qPrintable(again.error));
    QVERIFY(fetch->resumedSameSnapshot());
    QCOMPARE(m_sandbox->requestLog().matching("/exchange/").size(), 0);
}

void TestExchangeConnector::resumeWithGoneJobRequestsNewOne()
{
    auto ctx = context();
    ctx->checkpoints.insert("source",
                            QJsonObject{{"jobId", "job-that-never-was"},
                                        {"segmentId", "synthetic-1200"},
                                        {"requestedAt", "2024-01-01T00:00:00.000Z"},
                                        {"parts", QJsonArray{QJsonObject{{"dataId", "1"},
                                                                         {"file", "part-1.csv"},
                                                                         {"rows", 1000},
                                                                         {"done", false}}}}});
    std::unique_ptr<SourceFetch> fetch;
    Step step;
    runFetch(*ctx, "synthetic-1200", &fetch, &step);
    QVERIFY2(step.ok, qPrintable(step.error));
    auto *exchange = static_cast<ExchangeFetch *>(fetch.get());
    QCOMPARE(exchange->jobsRequested(), 1);
    QVERIFY(exchange->jobId() != "job-that-never-was");
    QVERIFY(!fetch->resumedSameSnapshot());
    QVERIFY(ctx->logLines.join('\n').contains("no longer available"));
    QString error;
    std::unique_ptr<RowReader> rows = fetch->openRows(&error);
    QVERIFY2(rows, qPrintable(error));
    QCOMPARE(readAll(*rows).size(), 1200);
}

void TestExchangeConnector::failedJobIsRequestedOnceMore()
{
    sandbox::FaultRule rule;
    rule.pathPrefix = "/exchange/v1/jobs";
    rule.method = "POST";
    rule.times = 1;
    rule.failJobs = true;
    m_sandbox->faults().addRule(rule);
    auto ctx = context();
    std::unique_ptr<SourceFetch> fetch;
    Step step;
    runFetch(*ctx, "synthetic-30", &fetch, &step);
    QVERIFY2(step.ok, qPrintable(step.error));
    QCOMPARE(static_cast<ExchangeFetch *>(fetch.get())->jobsRequested(), 2);
    QVERIFY(ctx->logLines.join('\n').contains("asking once more"));
    QString error;
    std::unique_ptr<RowReader> rows = fetch->openRows(&error);
    QVERIFY2(rows, qPrintable(error));
    QCOMPARE(readAll(*rows).size(), 30);
}

void TestExchangeConnector::failedJobTwiceFails()
{
    sandbox::FaultRule rule;
    rule.pathPrefix = "/exchange/v1/jobs";
    rule.method = "POST";
    rule.failJobs = true;
    m_sandbox->faults().addRule(rule);
    auto ctx = context();
    std::unique_ptr<SourceFetch> fetch;
    Step step;
    runFetch(*ctx, "synthetic-30", &fetch, &step);
    QVERIFY(!step.ok);
    QCOMPARE(static_cast<ExchangeFetch *>(fetch.get())->jobsRequested(), 2);
    QVERIFY2(step.error.contains("could not prepare the export"), qPrintable(step.error));
}

void TestExchangeConnector::cancelledFetchCallsNothing()
{
    auto ctx = context();
    ExchangeSourceConnector connector;
    AudienceInfo audience;
    audience.externalId = "synthetic-100";
    auto fetch = connector.createFetch(*ctx, FetchRequest{audience, {"email"}, {}});
    Step step;
    fetch->fetch(step.callback());
    QVERIFY(
        QTest::qWaitFor([&] { return ctx->phases.contains(RunState::Waiting); }, StepTimeoutMs));
    fetch->cancel();
    QTest::qWait(300); // past the job's readiness
    QCOMPARE(step.calls, 0);
    fetch.reset(); // destroying a cancelled fetch is fine too
}

// --- the exchange destination -----------------------------------------------------------------

void TestExchangeConnector::deliversAddBatchesIdempotently()
{
    auto ctx = context();
    QString id;
    std::unique_ptr<DestinationDelivery> delivery;
    deliver(*ctx, {"Spring campaign", {}}, Share::ShareAction::Add,
            {members(0, 100), members(100, 100), members(200, 50)}, &id, &delivery);
    QVERIFY(!id.isEmpty());
    QCOMPARE(delivery->resolvedOptions().value("destinationId").toString(), id);
    QCOMPARE(ctx->checkpoints.value("destination").value("destinationId").toString(), id);
    QVERIFY(delivery->outputDescription().contains("Spring campaign"));
    auto *exchange = static_cast<ExchangeDelivery *>(delivery.get());
    QCOMPARE(exchange->acceptedRows(), 250);
    QCOMPARE(exchange->rejectedRows(), 0);

    QJsonObject state = inspect("/sandbox/destinations/" + id);
    QCOMPARE(state.value("members").toInteger(), 250);
    QCOMPARE(state.value("batchesApplied").toInteger(), 3);

    // Batch 2 again, same key (a resumed run resending it): acknowledged, not applied again.
    Step resent;
    exchange->send(members(100, 100), DeliveryBatch{2, "delivery-0:2"}, resent.callback());
    QVERIFY(resent.wait());
    QVERIFY2(resent.ok, qPrintable(resent.error));
    QCOMPARE(exchange->duplicateBatches(), 1);
    QCOMPARE(exchange->acceptedRows(), 250);
    state = inspect("/sandbox/destinations/" + id);
    QCOMPARE(state.value("members").toInteger(), 250);
    QCOMPARE(state.value("batchesApplied").toInteger(), 3);
    QCOMPARE(state.value("duplicateBatches").toInteger(), 1);
}

void TestExchangeConnector::replacesInOneSession()
{
    auto ctx = context();
    QString id;
    deliver(*ctx, {"Replace me", {}}, Share::ShareAction::Add, {members(0, 300)}, &id);
    QCOMPARE(inspect("/sandbox/destinations/" + id).value("members").toInteger(), 300);

    // Replace with 150 others, in two batches; nothing changes before the commit.
    auto replaceCtx = context();
    ExchangeDestinationConnector connector;
    auto delivery = connector.createDelivery(*replaceCtx, {"Replace me", {{"destinationId", id}}});
    Step open;
    delivery->open({"email", "firstName"}, Share::ShareAction::Replace, false, open.callback());
    QVERIFY(open.wait());
    QVERIFY2(open.ok, qPrintable(open.error));
    QVERIFY(delivery->resolvedOptions().isEmpty()); // the share already names the list
    const QString session = static_cast<ExchangeDelivery *>(delivery.get())->sessionId();
    QVERIFY(!session.isEmpty());
    QCOMPARE(replaceCtx->checkpoints.value("destination").value("session").toString(), session);
    for (int i = 0; i < 2; ++i) {
        Step sent;
        delivery->send(members(1000 + 75 * i, 75),
                       DeliveryBatch{i + 1, "replace-1:" + QByteArray::number(i + 1)},
                       sent.callback());
        QVERIFY(sent.wait());
        QVERIFY2(sent.ok, qPrintable(sent.error));
    }
    QCOMPARE(inspect("/sandbox/destinations/" + id).value("members").toInteger(), 300);
    Step committed;
    delivery->commit(committed.callback());
    QVERIFY(committed.wait());
    QVERIFY2(committed.ok, qPrintable(committed.error));
    QCOMPARE(inspect("/sandbox/destinations/" + id).value("members").toInteger(), 150);
}

void TestExchangeConnector::removesMembers()
{
    auto ctx = context();
    QString id;
    deliver(*ctx, {"Remove from me", {}}, Share::ShareAction::Add, {members(0, 100)}, &id);
    auto removeCtx = context();
    QString sameId;
    deliver(*removeCtx, {"Remove from me", {{"destinationId", id}}}, Share::ShareAction::Remove,
            {members(0, 40)}, &sameId);
    QCOMPARE(sameId, id);
    QCOMPARE(inspect("/sandbox/destinations/" + id).value("members").toInteger(), 60);
}

void TestExchangeConnector::reusesGivenDestination()
{
    auto ctx = context();
    ExchangeDestinationConnector connector;
    auto delivery =
        connector.createDelivery(*ctx, {"Gone list", {{"destinationId", "no-such-list"}}});
    Step open;
    delivery->open({"email"}, Share::ShareAction::Add, false, open.callback());
    QVERIFY(open.wait());
    QVERIFY(!open.ok);
    QVERIFY2(open.error.contains("no-such-list"), qPrintable(open.error));
}

void TestExchangeConnector::resumedReplaceContinuesItsSession()
{
    auto ctx = context();
    QString id;
    deliver(*ctx, {"Resumed replace", {}}, Share::ShareAction::Add, {members(0, 300)}, &id);

    // The first run sends batch 1 of the replace, then is interrupted.
    auto runCtx = context();
    ExchangeDestinationConnector connector;
    const DeliveryTarget target{"Resumed replace", {{"destinationId", id}}};
    QString session;
    {
        auto delivery = connector.createDelivery(*runCtx, target);
        Step open;
        delivery->open({"email", "firstName"}, Share::ShareAction::Replace, false, open.callback());
        QVERIFY(open.wait());
        QVERIFY2(open.ok, qPrintable(open.error));
        Step sent;
        delivery->send(members(1000, 50), DeliveryBatch{1, "run-9:1"}, sent.callback());
        QVERIFY(sent.wait());
        QVERIFY2(sent.ok, qPrintable(sent.error));
        session = static_cast<ExchangeDelivery *>(delivery.get())->sessionId();
    }
    const QJsonObject checkpoint = runCtx->checkpoints.value("destination");
    QCOMPARE(checkpoint.value("session").toString(), session);
    QCOMPARE(checkpoint.value("lastBatch").toInteger(), 1);
    QCOMPARE(inspect("/sandbox/destinations/" + id).value("members").toInteger(), 300);

    // The resumed run: same checkpoint, batch 1 skipped, batch 2 sent, then the commit.
    auto resumedCtx = context();
    resumedCtx->checkpoints.insert("destination", checkpoint);
    auto delivery = connector.createDelivery(*resumedCtx, target);
    Step open;
    delivery->open({"email", "firstName"}, Share::ShareAction::Replace, true, open.callback());
    QVERIFY(open.wait());
    QVERIFY2(open.ok, qPrintable(open.error));
    QCOMPARE(static_cast<ExchangeDelivery *>(delivery.get())->sessionId(), session);
    Step sent;
    delivery->send(members(1050, 50), DeliveryBatch{2, "run-9:2"}, sent.callback());
    QVERIFY(sent.wait());
    QVERIFY2(sent.ok, qPrintable(sent.error));
    Step committed;
    delivery->commit(committed.callback());
    QVERIFY(committed.wait());
    QVERIFY2(committed.ok, qPrintable(committed.error));
    const QJsonObject state = inspect("/sandbox/destinations/" + id);
    QCOMPARE(state.value("members").toInteger(), 100);
    QCOMPARE(state.value("appliedSessions").toInteger(), 1);
}

void TestExchangeConnector::resumedAddKeepsTheListItCreated()
{
    auto first = context();
    ExchangeDestinationConnector connector;
    const DeliveryTarget target{"Created once", {}};
    QString id;
    {
        auto delivery = connector.createDelivery(*first, target);
        Step open;
        delivery->open({"email", "firstName"}, Share::ShareAction::Add, false, open.callback());
        QVERIFY(open.wait());
        QVERIFY2(open.ok, qPrintable(open.error));
        id = static_cast<ExchangeDelivery *>(delivery.get())->destinationId();
        Step sent;
        delivery->send(members(0, 20), DeliveryBatch{1, "run-3:1"}, sent.callback());
        QVERIFY(sent.wait());
    }
    auto resumed = context();
    resumed->checkpoints.insert("destination", first->checkpoints.value("destination"));
    auto delivery = connector.createDelivery(*resumed, target);
    Step open;
    delivery->open({"email", "firstName"}, Share::ShareAction::Add, true, open.callback());
    QVERIFY(open.wait());
    QVERIFY2(open.ok, qPrintable(open.error));
    QCOMPARE(static_cast<ExchangeDelivery *>(delivery.get())->destinationId(), id);
    QCOMPARE(delivery->resolvedOptions().value("destinationId").toString(), id);
    QCOMPARE(inspect("/sandbox/destinations").value("destinations").toArray().size(), 1);
}

void TestExchangeConnector::tooLargeBatchSaysSo()
{
    sandbox::FaultRule rule;
    rule.pathPrefix = "/exchange/v1/destinations/";
    rule.method = "POST";
    rule.times = 1;
    rule.errorStatus = 413;
    m_sandbox->faults().addRule(rule);
    auto ctx = context();
    ExchangeDestinationConnector connector;
    auto delivery = connector.createDelivery(*ctx, {"Too large", {}});
    Step open;
    delivery->open({"email", "firstName"}, Share::ShareAction::Add, false, open.callback());
    QVERIFY(open.wait());
    QVERIFY2(open.ok, qPrintable(open.error));
    Step sent;
    delivery->send(members(0, 10), DeliveryBatch{1, "big:1"}, sent.callback());
    QVERIFY(sent.wait());
    QVERIFY(!sent.ok);
    QVERIFY2(sent.error.contains("batch too large"), qPrintable(sent.error));
}

// --- the CSV file destination -----------------------------------------------------------------

void TestExchangeConnector::csvFileDestinationWritesAtomically()
{
    QTemporaryDir folder;
    Endpoint endpoint;
    endpoint.name = "Files";
    endpoint.kind = "csv";
    endpoint.settings = {{"directory", folder.path()}};
    TestContext ctx(endpoint);
    CsvFileDestinationConnector connector;
    auto delivery = connector.createDelivery(ctx, {"Spring: VIPs/2024", {}});
    Step open;
    delivery->open({"email", "firstName"}, Share::ShareAction::Add, false, open.callback());
    QCOMPARE(open.calls, 0); // never from inside the call
    QVERIFY(open.wait());
    QVERIFY2(open.ok, qPrintable(open.error));
    const QString path = delivery->outputDescription();
    QVERIFY2(QFileInfo(path).fileName().startsWith("Spring_ VIPs_2024-"), qPrintable(path));
    QVERIFY(path.endsWith(".csv"));
    Step sent;
    delivery->send(members(0, 10), DeliveryBatch{1, "k:1"}, sent.callback());
    QVERIFY(sent.wait());
    QVERIFY(sent.ok);
    QVERIFY(!QFile::exists(path)); // not before the commit
    Step committed;
    delivery->commit(committed.callback());
    QVERIFY(committed.wait());
    QVERIFY2(committed.ok, qPrintable(committed.error));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray content = file.readAll();
    QVERIFY(content.startsWith("email,firstName\r\nmember0@example.com,"));
    QCOMPARE(content.count("\r\n"), 11);
    QCOMPARE(QDir(folder.path()).entryList(QDir::Files | QDir::Hidden).size(), 1);

    // A fixed file name from the share's options.
    auto named = connector.createDelivery(ctx, {"x", {{"fileName", "fixed.csv"}}});
    Step namedOpen;
    named->open({"email"}, Share::ShareAction::Add, false, namedOpen.callback());
    QVERIFY(namedOpen.wait());
    QCOMPARE(named->outputDescription(), QDir::toNativeSeparators(folder.filePath("fixed.csv")));
}

void TestExchangeConnector::csvFileDestinationAbortLeavesNothing()
{
    QTemporaryDir folder;
    Endpoint endpoint;
    endpoint.settings = {{"directory", folder.path()}};
    TestContext ctx(endpoint);
    CsvFileDestinationConnector connector;
    auto delivery = connector.createDelivery(ctx, {"Aborted", {}});
    Step open;
    delivery->open({"email", "firstName"}, Share::ShareAction::Add, false, open.callback());
    QVERIFY(open.wait());
    Step sent;
    delivery->send(members(0, 10), DeliveryBatch{1, "k:1"}, sent.callback());
    delivery->abort();
    QTest::qWait(20);
    QCOMPARE(sent.calls, 0); // no callback after abort()
    QCOMPARE(QDir(folder.path()).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot),
             QStringList());
}

void TestExchangeConnector::csvFileDestinationNeedsWritableFolder()
{
    QTemporaryDir folder;
    CsvFileDestinationConnector connector;
    for (const QString &directory : {QString(), folder.filePath("missing")}) {
        Endpoint endpoint;
        endpoint.name = "Files";
        endpoint.settings = {{"directory", directory}};
        TestContext ctx(endpoint);
        auto delivery = connector.createDelivery(ctx, {"x", {}});
        Step open;
        delivery->open({"email"}, Share::ShareAction::Add, false, open.callback());
        QVERIFY(open.wait());
        QVERIFY(!open.ok);
        QVERIFY(!open.error.isEmpty());
    }
    Endpoint endpoint;
    endpoint.settings = {{"directory", folder.path()}};
    TestContext ctx(endpoint);
    auto delivery = connector.createDelivery(ctx, {"x", {{"fileName", "../escape.csv"}}});
    Step open;
    delivery->open({"email"}, Share::ShareAction::Add, false, open.callback());
    QVERIFY(open.wait());
    QVERIFY(!open.ok);
}

QTEST_GUILESS_MAIN(TestExchangeConnector)
#include "tst_exchangeconnector.moc"
