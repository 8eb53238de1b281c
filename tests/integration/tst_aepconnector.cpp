// The Adobe Experience Platform source connector against the in-process sandbox (IMS and
// Platform over real loopback HTTP) and a real, throwaway PostgreSQL server standing in for
// Query Service (tests/support/PostgresTestServer.h): the IMS sign-in and the headers on every
// Platform call, the listing, the export job cycle to SUCCEEDED and the read of the realized
// members from the export table, a FAILED job (once: a new job; always: its reason), wrong
// credentials, PostgreSQL down, a missing table, unsafe names and values, and cancelling.
#include "connectors/aep/AepConnectors.h"
#include "connectors/aep/AepFetch.h"
#include "connectors/aep/AepMembershipQuery.h"
#include "sandbox/faults/Faults.h"
#include "sandbox/http/RequestLog.h"
#include "sandbox/SandboxContext.h"
#include "sandbox/SandboxServer.h"
#include "support/ConnectorTestSupport.h"
#include "support/PostgresTestServer.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QtTest>

using namespace courier;
using namespace courier::testing;
using namespace std::chrono_literals;

namespace {

const QString Gold = QStringLiteral("4a1b2c3d-0e1f-4a5b-9c6d-7e8f90a1b2c3");
const QString Newsletter = QStringLiteral("5b2c3d4e-1f20-4b6c-8d7e-8f90a1b2c3d4");
const QString Database = QStringLiteral("courier_aep");
const QString Table = QStringLiteral("segment_export_job_dataset_for_cja");
const QString Dataset = QStringLiteral("5f0c0ffee0ddba11c0ffee01");
const QString JobsPath = QStringLiteral("/aep/platform/data/core/ups/export/jobs");
const QString TokenPath = QStringLiteral("/aep/ims/token/v3");

struct Member
{
    const char *id;
    const char *person;
    const char *membership; // segmentMembership as JSON
};

// Some members realized, some exited or existing, in two audiences.
const Member Members[] = {
    {"p1", "ann@example.com",
     R"({"ups":{"4a1b2c3d-0e1f-4a5b-9c6d-7e8f90a1b2c3":{"status":"realized","lastQualificationTime":"2024-03-01T10:00:00Z"}}})"},
    {"p2", "bob@example.com",
     R"({"ups":{"4a1b2c3d-0e1f-4a5b-9c6d-7e8f90a1b2c3":{"status":"exited","lastQualificationTime":"2024-03-02T10:00:00Z"}}})"},
    {"p3", "cleo@example.com",
     R"({"ups":{"4a1b2c3d-0e1f-4a5b-9c6d-7e8f90a1b2c3":{"status":"realized","lastQualificationTime":"2024-03-03T10:00:00Z"},"5b2c3d4e-1f20-4b6c-8d7e-8f90a1b2c3d4":{"status":"realized","lastQualificationTime":"2024-04-03T10:00:00Z"}}})"},
    {"p4", "dan@example.com",
     R"({"ups":{"4a1b2c3d-0e1f-4a5b-9c6d-7e8f90a1b2c3":{"status":"existing"},"5b2c3d4e-1f20-4b6c-8d7e-8f90a1b2c3d4":{"status":"realized","lastQualificationTime":"2024-04-04T10:00:00Z"}}})"},
    {"p5", "eve@example.com",
     R"({"ups":{"5b2c3d4e-1f20-4b6c-8d7e-8f90a1b2c3d4":{"status":"exited"}}})"},
    {"p6", "o'hara@example.com",
     R"({"ups":{"4a1b2c3d-0e1f-4a5b-9c6d-7e8f90a1b2c3":{"status":"realized","lastQualificationTime":"2024-03-06T10:00:00Z"}}})"},
};

QString literal(const QString &text)
{
    return QLatin1Char('\'') + QString(text).replace(QLatin1Char('\''), QStringLiteral("''")) +
           QLatin1Char('\'');
}

struct Rows
{
    QStringList columns;
    QList<QStringList> rows; // sorted by profileId
    QString error;
};

Rows readRows(SourceFetch &fetch)
{
    Rows out;
    std::unique_ptr<RowReader> reader = fetch.openRows(&out.error);
    if (!reader)
        return out;
    out.columns = reader->columns();
    RowBatch batch;
    for (;;) {
        const bool more = reader->read(batch, 100);
        for (int row = 0; row < batch.rowCount(); ++row) {
            QStringList cells;
            for (int column = 0; column < batch.columnCount(); ++column)
                cells << QString::fromUtf8(batch.cell(row, column).toByteArray());
            out.rows << cells;
        }
        if (!more)
            break;
    }
    std::sort(out.rows.begin(), out.rows.end(),
              [](const QStringList &a, const QStringList &b) { return a.first() < b.first(); });
    return out;
}

} // namespace

class TestAepConnector : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void init();

    void signsInAndSendsThePlatformHeaders();
    void listsAudiences();
    void wrongSecretSaysCheckTheCredentials();
    void wrongOrganisationIsNamed();
    void incompleteSettingsFailWithoutRequest();
    void unsafeTableNameIsRefused();

    void exportsAndReadsRealizedMembers();
    void otherAudienceGetsItsOwnMembers();
    void failedJobIsCreatedOnceMore();
    void failedJobsFailWithTheReason();
    void postgresDownFailsClearly();
    void missingTableFailsClearly();
    void valuesAreParameters();
    void resumesWithReadMembers();
    void cancelledFetchCallsNothing();

private:
    Endpoint endpoint(const QJsonObject &overrides = {}) const;
    std::unique_ptr<TestContext> context(const QJsonObject &overrides = {}) const;
    AudienceInfo audience(const QString &id) const;
    std::unique_ptr<AepFetch> runFetch(TestContext &context, const QString &audienceId,
                                       Step *step) const;
    QList<sandbox::RequestLog::Entry> requests(const QString &prefix,
                                               const QByteArray &method = {}) const
    {
        return m_sandbox->requestLog().matching(prefix, method);
    }

    std::unique_ptr<sandbox::SandboxServer> m_sandbox;
    PostgresTestServer m_postgres;
    QList<AudienceInfo> m_audiences;
};

// --- fixtures ---------------------------------------------------------------------------------

void TestAepConnector::initTestCase()
{
    QLoggingCategory::setFilterRules("courier.sandbox.debug=false");
    m_sandbox = std::make_unique<sandbox::SandboxServer>();
    QString error;
    QVERIFY2(m_sandbox->listen(0, &error), qPrintable(error));

    // A required component: no PostgreSQL is a failure, not a skip.
    QVERIFY2(m_postgres.start(&error),
             qPrintable(QStringLiteral("PostgreSQL could not be started: ") + error));
    const QString org = m_sandbox->options().aep.imsOrgId;
    QVERIFY2(m_postgres.execute(QStringLiteral("postgres"),
                                {QStringLiteral("CREATE ROLE \"%1\" LOGIN").arg(org),
                                 QStringLiteral("CREATE DATABASE %1").arg(Database)},
                                &error),
             qPrintable(error));
    QStringList seed{QStringLiteral("CREATE TABLE %1 (\"_id\" text PRIMARY KEY, \"personID\" text, "
                                    "\"segmentMembership\" jsonb)")
                         .arg(Table),
                     QStringLiteral("GRANT SELECT ON %1 TO \"%2\"").arg(Table, org)};
    for (const Member &member : Members) {
        seed << QStringLiteral("INSERT INTO %1 VALUES (%2, %3, %4::jsonb)")
                    .arg(Table, literal(member.id), literal(QString::fromUtf8(member.person)),
                         literal(member.membership));
    }
    QVERIFY2(m_postgres.execute(Database, seed, &error), qPrintable(error));

    init();
    auto ctx = context();
    AepSourceConnector connector;
    bool finished = false;
    bool ok = false;
    auto listing = connector.listAudiences(
        *ctx, [&](bool success, const QList<AudienceInfo> &audiences, const QString &message) {
            finished = true;
            ok = success;
            m_audiences = audiences;
            error = message;
        });
    QVERIFY(QTest::qWaitFor([&] { return finished; }, StepTimeoutMs));
    QVERIFY2(ok, qPrintable(error));
}

void TestAepConnector::cleanupTestCase()
{
    m_postgres.stop();
}

void TestAepConnector::init()
{
    m_sandbox->reset();
    m_sandbox->context().options().jobReadyAfter = 150ms;
}

Endpoint TestAepConnector::endpoint(const QJsonObject &overrides) const
{
    const sandbox::AepOptions &aep = m_sandbox->options().aep;
    Endpoint endpoint;
    endpoint.id = 31;
    endpoint.name = "Sandbox AEP";
    endpoint.kind = "aep";
    QJsonObject settings{
        {"imsUrl", m_sandbox->url("/aep/ims").toString()},
        {"platformUrl", m_sandbox->url("/aep/platform").toString()},
        {"orgId", aep.imsOrgId},
        {"sandboxName", "prod"},
        {"clientId", aep.clientId},
        {"datasetId", Dataset},
        {"queryHost", m_postgres.host()},
        {"queryPort", m_postgres.port()},
        {"queryDatabase", Database},
        {"querySslMode", "disable"},
        {"queryTable", Table},
        {"queryDialect", "postgres"},
    };
    for (auto it = overrides.begin(); it != overrides.end(); ++it) {
        if (it.value().isNull())
            settings.remove(it.key());
        else
            settings.insert(it.key(), it.value());
    }
    endpoint.settings = settings;
    endpoint.secretStored = true;
    return endpoint;
}

std::unique_ptr<TestContext> TestAepConnector::context(const QJsonObject &overrides) const
{
    auto context = std::make_unique<TestContext>(endpoint(overrides));
    context->secrets.insert("clientSecret", m_sandbox->options().aep.clientSecret);
    return context;
}

AudienceInfo TestAepConnector::audience(const QString &id) const
{
    for (const AudienceInfo &info : m_audiences) {
        if (info.externalId == id)
            return info;
    }
    return {};
}

std::unique_ptr<AepFetch> TestAepConnector::runFetch(TestContext &context,
                                                     const QString &audienceId, Step *step) const
{
    auto fetch = std::make_unique<AepFetch>(context, FetchRequest{audience(audienceId), {}, {}});
    fetch->fetch(step->callback());
    return fetch;
}

// --- sign-in and listing ----------------------------------------------------------------------

void TestAepConnector::signsInAndSendsThePlatformHeaders()
{
    auto ctx = context();
    Step step;
    auto fetch = runFetch(*ctx, Gold, &step);
    QVERIFY(step.wait());
    QVERIFY2(step.ok, qPrintable(step.error));

    QCOMPARE(requests(TokenPath, "POST").size(), 1);
    QCOMPARE(fetch->session().fetches(), 1);
    // The sandbox answers 403/400 to a Platform call without the token, x-api-key,
    // x-gw-ims-org-id or x-sandbox-name: every one got 200.
    const auto platform = requests("/aep/platform");
    QVERIFY(platform.size() >= 2); // the job, and at least one poll
    for (const auto &entry : platform)
        QVERIFY2(
            entry.completion.status == 200,
            qPrintable(QStringLiteral("%1 → %2").arg(entry.target).arg(entry.completion.status)));
}

void TestAepConnector::listsAudiences()
{
    QCOMPARE(m_audiences.size(), 5);
    const AudienceInfo gold = audience(Gold);
    QCOMPARE(gold.name, QStringLiteral("Luma - Gold loyalty members"));
    QCOMPARE(gold.endpointId, 31);
    QVERIFY(gold.description.contains("Gold tier"));
    QVERIFY(gold.identifiers.contains("personID"));
    QVERIFY(gold.attributes.contains("audienceMembershipId"));
    QCOMPARE(gold.details.value("segmentNs").toString(), QStringLiteral("ups"));
    QVERIFY(!gold.details.value("pql").toString().isEmpty());
    QVERIFY(!audience(Newsletter).name.isEmpty());
}

void TestAepConnector::wrongSecretSaysCheckTheCredentials()
{
    auto ctx = context();
    ctx->secrets.insert("clientSecret", "not-the-secret");
    Step step;
    auto fetch = runFetch(*ctx, Gold, &step);
    QVERIFY(step.wait());
    QVERIFY(!step.ok);
    QVERIFY2(step.error.contains("client id and client secret"), qPrintable(step.error));
    QVERIFY(step.error.contains("401"));
    QVERIFY(!step.error.contains("not-the-secret"));
    QCOMPARE(ctx->reloads, 1); // the keychain was asked once more
    QVERIFY(requests("/aep/platform").isEmpty());
}

void TestAepConnector::wrongOrganisationIsNamed()
{
    auto ctx = context({{"orgId", "FFFF@AdobeOrg"}});
    Step step;
    auto fetch = runFetch(*ctx, Gold, &step);
    QVERIFY(step.wait());
    QVERIFY(!step.ok);
    QVERIFY2(step.error.contains("organisation id") && step.error.contains("FFFF@AdobeOrg"),
             qPrintable(step.error));
    QVERIFY(step.error.contains("403025"));
}

void TestAepConnector::incompleteSettingsFailWithoutRequest()
{
    auto ctx = context({{"queryHost", QJsonValue::Null}, {"datasetId", QJsonValue::Null}});
    Step step;
    auto fetch = runFetch(*ctx, Gold, &step);
    QVERIFY(step.wait());
    QVERIFY(!step.ok);
    QVERIFY2(step.error.contains("destination dataset id"), qPrintable(step.error));
    QVERIFY(m_sandbox->requestLog().entries().isEmpty());
}

void TestAepConnector::unsafeTableNameIsRefused()
{
    auto ctx = context({{"queryTable", "t; DROP TABLE x"}});
    Step step;
    auto fetch = runFetch(*ctx, Gold, &step);
    QVERIFY(step.wait());
    QVERIFY(!step.ok);
    QVERIFY2(step.error.contains("not a plain table name"), qPrintable(step.error));
    QVERIFY(m_sandbox->requestLog().entries().isEmpty());
}

// --- the export and the read ------------------------------------------------------------------

void TestAepConnector::exportsAndReadsRealizedMembers()
{
    auto ctx = context();
    Step step;
    auto fetch = runFetch(*ctx, Gold, &step);
    QVERIFY(step.wait());
    QVERIFY2(step.ok, qPrintable(step.error));
    QCOMPARE(step.calls, 1);
    QCOMPARE(fetch->jobsCreated(), 1);
    QCOMPARE(requests(JobsPath, "POST").size(), 1);
    QVERIFY(requests(JobsPath + "/" + fetch->jobId(), "GET").size() >= 1);

    // The job asked for, as the seed does.
    const QJsonObject body = fetch->jobBody();
    const QJsonObject segment = body["filter"].toObject()["segments"].toArray().first().toObject();
    QCOMPARE(segment["segmentId"].toString(), Gold);
    QCOMPARE(segment["status"].toArray(), QJsonArray{"realized"});
    QCOMPARE(body["destination"].toObject()["datasetId"].toString(), Dataset);

    const Rows rows = readRows(*fetch);
    QVERIFY2(rows.error.isEmpty(), qPrintable(rows.error));
    QCOMPARE(rows.columns, AepMembershipQuery::columns());
    QCOMPARE(rows.rows.size(), 3); // p2 exited, p4 existing, p5 another audience
    const QString name = audience(Gold).name;
    QCOMPARE(rows.rows.at(0),
             (QStringList{"p1", "ann@example.com", Gold, name, "2024-03-01T10:00:00Z"}));
    QCOMPARE(rows.rows.at(1),
             (QStringList{"p3", "cleo@example.com", Gold, name, "2024-03-03T10:00:00Z"}));
    QCOMPARE(rows.rows.at(2),
             (QStringList{"p6", "o'hara@example.com", Gold, name, "2024-03-06T10:00:00Z"}));
    QCOMPARE(fetch->members(), 3);
    QVERIFY(ctx->phases.contains(RunState::Waiting));
    QVERIFY(ctx->logLines.join('\n').contains("Read 3 realized member(s)"));
    QVERIFY(ctx->checkpoints["source"]["read"].toBool());
}

void TestAepConnector::otherAudienceGetsItsOwnMembers()
{
    auto ctx = context();
    Step step;
    auto fetch = runFetch(*ctx, Newsletter, &step);
    QVERIFY(step.wait());
    QVERIFY2(step.ok, qPrintable(step.error));
    const Rows rows = readRows(*fetch);
    QCOMPARE(rows.rows.size(), 2);
    QCOMPARE(rows.rows.at(0).mid(0, 3), (QStringList{"p3", "cleo@example.com", Newsletter}));
    QCOMPARE(rows.rows.at(1).mid(0, 3), (QStringList{"p4", "dan@example.com", Newsletter}));
}

void TestAepConnector::failedJobIsCreatedOnceMore()
{
    QString error;
    QVERIFY2(m_sandbox->faults().setFromJson(QJsonObject{{"pathPrefix", JobsPath},
                                                         {"method", "POST"},
                                                         {"times", 1},
                                                         {"failJobs", true}},
                                             &error),
             qPrintable(error));
    auto ctx = context();
    Step step;
    auto fetch = runFetch(*ctx, Gold, &step);
    QVERIFY(step.wait());
    QVERIFY2(step.ok, qPrintable(step.error));
    QCOMPARE(fetch->jobsCreated(), 2);
    QVERIFY(ctx->logLines.join('\n').contains("FAILED"));
    QCOMPARE(readRows(*fetch).rows.size(), 3);
}

void TestAepConnector::failedJobsFailWithTheReason()
{
    QString error;
    QVERIFY2(
        m_sandbox->faults().setFromJson(
            QJsonObject{{"pathPrefix", JobsPath}, {"method", "POST"}, {"failJobs", true}}, &error),
        qPrintable(error));
    auto ctx = context();
    Step step;
    auto fetch = runFetch(*ctx, Gold, &step);
    QVERIFY(step.wait());
    QVERIFY(!step.ok);
    QVERIFY2(step.error.contains("the export failed (injected fault)"), qPrintable(step.error));
    QVERIFY(step.error.contains(fetch->jobId()));
    QCOMPARE(fetch->jobsCreated(), 1 + AepFetch::MaxFailedJobs);
    QVERIFY(!QFile::exists(fetch->rowsFilePath()));
}

void TestAepConnector::postgresDownFailsClearly()
{
    QTcpServer probe; // a port nothing listens on once closed
    QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
    const quint16 closed = probe.serverPort();
    probe.close();
    auto ctx = context({{"queryPort", closed}});
    Step step;
    auto fetch = runFetch(*ctx, Gold, &step);
    QVERIFY(step.wait());
    QVERIFY(!step.ok);
    const QString where = QStringLiteral("127.0.0.1:%1").arg(closed);
    QVERIFY2(step.error.contains("Could not connect to Query Service at " + where),
             qPrintable(step.error));
    QVERIFY(!fetch->session().current().isEmpty());
    QVERIFY(!step.error.contains(QString::fromUtf8(fetch->session().current())));
}

void TestAepConnector::missingTableFailsClearly()
{
    auto ctx = context({{"queryTable", "no_such_dataset"}});
    Step step;
    auto fetch = runFetch(*ctx, Gold, &step);
    QVERIFY(step.wait());
    QVERIFY(!step.ok);
    QVERIFY2(step.error.contains("has no table “no_such_dataset”"), qPrintable(step.error));
    QVERIFY(step.error.contains(QStringLiteral("127.0.0.1:%1").arg(m_postgres.port())));
    QVERIFY(!step.error.contains(QString::fromUtf8(fetch->session().current())));
}

void TestAepConnector::valuesAreParameters()
{
    const QString sql = AepMembershipQuery::sql(AepQueryDialect::Postgres, Table, "personID");
    QCOMPARE(sql.count('?'), 2);
    QVERIFY(!sql.contains("realized"));

    // A value that would widen a concatenated WHERE matches nothing as a parameter.
    QTemporaryDir dir;
    AepMembershipQuery::Params params;
    params.host = m_postgres.host();
    params.port = m_postgres.port();
    params.database = Database;
    params.user = m_sandbox->options().aep.imsOrgId;
    params.password = "unused-with-trust";
    params.sslMode = "disable";
    params.table = Table;
    params.personIdField = "personID";
    params.dialect = AepQueryDialect::Postgres;
    params.audienceId = Gold + "') OR ('a'='a";
    params.outputPath = dir.filePath("rows.csv");
    std::atomic<bool> cancel{false};
    AepMembershipQuery query(params);
    QVERIFY2(query.run(cancel), qPrintable(query.errorString()));
    QCOMPARE(query.members(), 0);

    params.audienceId = Gold;
    AepMembershipQuery exact(params);
    QVERIFY2(exact.run(cancel), qPrintable(exact.errorString()));
    QCOMPARE(exact.members(), 3);

    // A cancelled read leaves no file.
    cancel = true;
    params.outputPath = dir.filePath("cancelled.csv");
    AepMembershipQuery cancelled(params);
    QVERIFY(!cancelled.run(cancel));
    QVERIFY(cancelled.wasCancelled());
    QVERIFY(!QFile::exists(params.outputPath));
}

void TestAepConnector::resumesWithReadMembers()
{
    QTemporaryDir work;
    auto first = std::make_unique<TestContext>(endpoint(), work.path());
    first->secrets.insert("clientSecret", m_sandbox->options().aep.clientSecret);
    Step step;
    auto fetch = runFetch(*first, Gold, &step);
    QVERIFY(step.wait());
    QVERIFY2(step.ok, qPrintable(step.error));
    fetch.reset();

    m_sandbox->requestLog().clear();
    auto again = std::make_unique<TestContext>(endpoint(), work.path());
    again->secrets = first->secrets;
    again->checkpoints = first->checkpoints;
    Step resumed;
    auto second = runFetch(*again, Gold, &resumed);
    QVERIFY(resumed.wait());
    QVERIFY2(resumed.ok, qPrintable(resumed.error));
    QVERIFY(second->resumedSameSnapshot());
    QCOMPARE(second->jobsCreated(), 0);
    QVERIFY(m_sandbox->requestLog().entries().isEmpty());
    QCOMPARE(readRows(*second).rows.size(), 3);
}

void TestAepConnector::cancelledFetchCallsNothing()
{
    m_sandbox->context().options().jobReadyAfter = 2s;
    auto ctx = context();
    Step step;
    auto fetch = runFetch(*ctx, Gold, &step);
    QVERIFY(
        QTest::qWaitFor([&] { return !requests(JobsPath + "/", "GET").isEmpty(); }, StepTimeoutMs));
    fetch->cancel();
    const qsizetype polls = requests(JobsPath + "/", "GET").size();
    QTest::qWait(300);
    QCOMPARE(step.calls, 0);
    QVERIFY(requests(JobsPath + "/", "GET").size() <= polls + 1); // at most one in flight
    fetch.reset();
}

QTEST_GUILESS_MAIN(TestAepConnector)
#include "tst_aepconnector.moc"
