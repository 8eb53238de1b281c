// The APSIS One source connector against the in-process sandbox (real loopback HTTP): the
// client-credentials sign-in (JWT expiry, refresh before expiry and after a 401, 429 and wrong
// credentials), the listing of segments with their sections' definitions, the export cycle
// (request, poll 404 → 200 with gzip, 410 and 503 → a new export, 429 too many pending
// exports), the checks made before any request, the streamed conversion of the export file,
// and resuming from a checkpoint.
#include "connectors/apsis/ApsisConnectors.h"
#include "connectors/apsis/ApsisDetails.h"
#include "connectors/apsis/ApsisExportConverter.h"
#include "connectors/apsis/ApsisExportRequest.h"
#include "connectors/apsis/ApsisFetch.h"
#include "connectors/apsis/ApsisTokenSession.h"
#include "sandbox/faults/Faults.h"
#include "sandbox/http/RequestLog.h"
#include "sandbox/SandboxContext.h"
#include "sandbox/SandboxServer.h"
#include "support/ConnectorTestSupport.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSet>
#include <QtTest>

using namespace courier;
using namespace courier::testing;
using namespace std::chrono_literals;

namespace {

const QString TokenPath = QStringLiteral("/apsis/oauth/token");
const QString ExportsPath = QStringLiteral("/apsis/audience/profiles/exports");
const QString VipSegment = QStringLiteral("usercreated.segments.vip-customers-r8t2w6y1zc");
const QString EmptySegment = QStringLiteral("usercreated.segments.empty-test-d3f5g7h9jk");
const QString EuSegment = QStringLiteral("usercreated.segments.eu-openers-q1w2e3r4t5");

struct Rows
{
    QStringList columns;
    QList<QList<QByteArray>> rows;
    QString error;

    int column(const QString &name) const { return static_cast<int>(columns.indexOf(name)); }
    QByteArray cell(int row, const QString &name) const { return rows.at(row).at(column(name)); }
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
        const bool more = reader->read(batch, 500);
        for (int row = 0; row < batch.rowCount(); ++row) {
            QList<QByteArray> cells;
            for (int column = 0; column < batch.columnCount(); ++column)
                cells << batch.cell(row, column).toByteArray();
            out.rows << cells;
        }
        if (!more)
            break;
    }
    if (!reader->errorString().isEmpty())
        out.error = reader->errorString();
    return out;
}

void writeFile(const QString &path, const QByteArray &data)
{
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(data);
}

// Details of a section with many attributes and tags, for APSIS's limits.
AudienceInfo bigSection(int attributes, int tags)
{
    ApsisDetails details;
    details.sectionId = 1;
    details.sectionDiscriminator = "usercreated.sections.big";
    details.sectionName = "Big";
    for (int i = 0; i < attributes; ++i) {
        ApsisDefinition definition;
        definition.discriminator = QString("usercreated.attributes.a%1").arg(i);
        definition.name = QString("Attribute %1").arg(i);
        definition.type = "string";
        definition.versions = {{1000 + i, {}}};
        details.attributes << definition;
    }
    for (int i = 0; i < tags; ++i) {
        ApsisDefinition definition;
        definition.kind = ApsisDefinition::Kind::Tag;
        definition.discriminator = QString("usercreated.tags.t%1").arg(i);
        definition.name = QString("T%1").arg(i);
        definition.type = "tag";
        definition.versions = {{5000 + i, {}}};
        details.tags << definition;
    }
    details.assignColumns();
    AudienceInfo info = details.audienceFor(
        QJsonObject{{"discriminator", "usercreated.segments.big"}, {"name", "Big"}});
    return info;
}

} // namespace

class TestApsisConnector : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();

    // Sign-in.
    void signsInWithClientCredentials();
    void wrongSecretSaysCheckTheCredentials();
    void reloadedSecretIsUsed();
    void missingClientIdFailsWithoutRequest();
    void tokenEndpoint429IsRetried();
    void refreshesTheTokenBeforeItExpires();
    void renewsTheTokenAfter401();

    // Listing.
    void listsSegmentsWithTheirDefinitions();

    // Checks before any request.
    void refusesBeforeAnyRequest_data();
    void refusesBeforeAnyRequest();
    void planDefaultsAndCaps();

    // The export cycle.
    void exportsNamedSegmentWithEvents();
    void exportsSyntheticSegment();
    void pollsUntilReady();
    void goneExportIsRequestedAgain();
    void failedExportIsRequestedAgain();
    void failedExportsPastTheLimitFail();
    void tooManyPendingExportsWaits();
    void pollRenewsTheTokenAfter401();
    void serverRefusalIsExplained();
    void emptySegmentGivesNoRows();
    void damagedDownloadIsFetchedAgain();
    void cancelledFetchCallsNothing();

    // Resuming.
    void resumesWithTheDownloadedFile();
    void resumePollsTheSameUrl();
    void resumeWithGoneExportRequestsNewOne();
    void changedRequestIsNotResumed();

    // The converter on its own.
    void converterResolvesVersionsAndDedupes();
    void converterRefusesDamagedFiles();

private:
    Endpoint apsisEndpoint(const QJsonObject &settings = {}) const;
    std::unique_ptr<TestContext> context(const QString &workDirectory = {}) const;
    AudienceInfo audience(const QString &discriminator) const;
    std::unique_ptr<SourceFetch> runFetch(TestContext &context, const AudienceInfo &audience,
                                          const QStringList &columns, const QJsonObject &options,
                                          Step *step);
    QList<sandbox::RequestLog::Entry> requests(const QString &prefix,
                                               const QByteArray &method = {}) const
    {
        return m_sandbox->requestLog().matching(prefix, method);
    }

    std::unique_ptr<sandbox::SandboxServer> m_sandbox;
    QList<AudienceInfo> m_audiences; // listed once
};

// --- fixtures ---------------------------------------------------------------------------------

void TestApsisConnector::initTestCase()
{
    QLoggingCategory::setFilterRules("courier.sandbox.debug=false");
    m_sandbox = std::make_unique<sandbox::SandboxServer>();
    QString error;
    QVERIFY2(m_sandbox->listen(0, &error), qPrintable(error));
    init();

    auto ctx = context();
    ApsisSourceConnector connector;
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

void TestApsisConnector::init()
{
    m_sandbox->reset();
    sandbox::SandboxOptions &options = m_sandbox->context().options();
    options.jobReadyAfter = 150ms;
    options.apsis.maxPendingExports = 10;
    options.apsis.exportRequestsPerSecond = 0; // tests that are not about it ask freely
    options.apsis.tokenTtl = std::chrono::hours(24);
    m_sandbox->reset(); // the rate windows take the options
}

Endpoint TestApsisConnector::apsisEndpoint(const QJsonObject &settings) const
{
    Endpoint endpoint;
    endpoint.id = 11;
    endpoint.name = "Sandbox APSIS";
    endpoint.kind = "apsis";
    endpoint.contactUrl = m_sandbox->url("/apsis");
    endpoint.settings =
        settings.isEmpty() ? QJsonObject{{"clientId", QString(m_sandbox->options().apsis.clientId)}}
                           : settings;
    endpoint.secretStored = true;
    return endpoint;
}

std::unique_ptr<TestContext> TestApsisConnector::context(const QString &workDirectory) const
{
    auto context = std::make_unique<TestContext>(apsisEndpoint(), workDirectory);
    context->secrets.insert("clientSecret", m_sandbox->options().apsis.clientSecret);
    return context;
}

AudienceInfo TestApsisConnector::audience(const QString &discriminator) const
{
    for (const AudienceInfo &info : m_audiences) {
        if (info.externalId == discriminator)
            return info;
    }
    // synthetic-<N>: a segment of the Webshop section, like the listed synthetic-1000.
    for (AudienceInfo info : m_audiences) {
        if (info.externalId == "synthetic-1000") {
            info.externalId = discriminator;
            info.name = discriminator;
            return info;
        }
    }
    return {};
}

std::unique_ptr<SourceFetch> TestApsisConnector::runFetch(TestContext &context,
                                                          const AudienceInfo &audience,
                                                          const QStringList &columns,
                                                          const QJsonObject &options, Step *step)
{
    ApsisSourceConnector connector;
    auto fetch = connector.createFetch(context, FetchRequest{audience, columns, options});
    fetch->fetch(step->callback());
    if (!step->wait())
        qWarning() << "the fetch did not finish";
    return fetch;
}

// --- sign-in ----------------------------------------------------------------------------------

void TestApsisConnector::signsInWithClientCredentials()
{
    auto ctx = context();
    ApsisTokenSession session(*ctx);
    Step step;
    session.ensureFresh(step.callback());
    QVERIFY(step.wait());
    QVERIFY2(step.ok, qPrintable(step.error));
    QCOMPARE(session.current().count('.'), 2); // a JWT
    // The expiry is the JWT's exp: 24 h from now.
    const qint64 lifetime = QDateTime::currentDateTimeUtc().secsTo(session.token().expiresAt);
    QVERIFY2(lifetime > 86400 - 60 && lifetime <= 86400, qPrintable(QString::number(lifetime)));
    QCOMPARE(session.refreshMargin(), std::chrono::seconds(300));
    QCOMPARE(requests(TokenPath, "POST").size(), 1);
    QCOMPARE(requests(TokenPath).first().completion.status, 200);

    // Still fresh: no second request.
    Step again;
    session.ensureFresh(again.callback());
    QCOMPARE(again.calls, 1); // at once
    QCOMPARE(session.fetches(), 1);
}

void TestApsisConnector::wrongSecretSaysCheckTheCredentials()
{
    auto ctx = context();
    ctx->secrets.insert("clientSecret", "not-the-secret");
    ApsisSourceConnector connector;
    bool finished = false;
    bool ok = true;
    QString error;
    auto listing = connector.listAudiences(
        *ctx, [&](bool success, const QList<AudienceInfo> &, const QString &m) {
            finished = true;
            ok = success;
            error = m;
        });
    QVERIFY(QTest::qWaitFor([&] { return finished; }, StepTimeoutMs));
    QVERIFY(!ok);
    QVERIFY2(error.contains("check the client id and secret"), qPrintable(error));
    QVERIFY2(!error.contains("not-the-secret"), qPrintable(error));
    QCOMPARE(ctx->reloads, 1); // the keychain was asked again once
    const auto posts = requests(TokenPath, "POST");
    QCOMPARE(posts.size(), 1);
    QCOMPARE(posts.first().completion.status, 401);
    QCOMPARE(requests("/apsis/audience/").size(), 0);
}

void TestApsisConnector::reloadedSecretIsUsed()
{
    auto ctx = context();
    ctx->secrets.insert("clientSecret", "an-old-secret");
    ctx->reloadedSecrets.insert("clientSecret", m_sandbox->options().apsis.clientSecret);
    ApsisTokenSession session(*ctx);
    Step step;
    session.ensureFresh(step.callback());
    QVERIFY(step.wait());
    QVERIFY2(step.ok, qPrintable(step.error));
    QCOMPARE(ctx->reloads, 1);
    QCOMPARE(requests(TokenPath, "POST").size(), 2);
}

void TestApsisConnector::missingClientIdFailsWithoutRequest()
{
    TestContext ctx(apsisEndpoint(QJsonObject{{"other", 1}}));
    ctx.secrets.insert("clientSecret", m_sandbox->options().apsis.clientSecret);
    ApsisTokenSession session(ctx);
    Step step;
    session.ensureFresh(step.callback());
    QVERIFY(step.wait());
    QVERIFY(!step.ok);
    QVERIFY2(step.error.contains("no client id"), qPrintable(step.error));
    QCOMPARE(m_sandbox->requestLog().entries().size(), 0);
}

void TestApsisConnector::tokenEndpoint429IsRetried()
{
    sandbox::FaultRule rule;
    rule.pathPrefix = TokenPath;
    rule.times = 2;
    rule.errorStatus = 429;
    m_sandbox->faults().addRule(rule);
    auto ctx = context();
    ApsisTokenSession session(*ctx);
    Step step;
    session.ensureFresh(step.callback());
    QVERIFY(step.wait());
    QVERIFY2(step.ok, qPrintable(step.error));
    const auto posts = requests(TokenPath, "POST");
    QCOMPARE(posts.size(), 3);
    QCOMPARE(posts.at(0).completion.status, 429);
    QCOMPARE(posts.at(1).completion.status, 429);
    QCOMPARE(posts.at(2).completion.status, 200);
}

void TestApsisConnector::refreshesTheTokenBeforeItExpires()
{
    // Tokens that live 4 s (3 to 4: exp counts whole seconds): stale after about 2 s.
    sandbox::FaultRule rule;
    rule.pathPrefix = TokenPath;
    rule.tokenTtlSeconds = 4;
    m_sandbox->faults().addRule(rule);
    auto ctx = context();
    ApsisTokenSession session(*ctx);
    Step first;
    session.ensureFresh(first.callback());
    QVERIFY(first.wait());
    QVERIFY2(first.ok, qPrintable(first.error));
    const QByteArray firstToken = session.current();
    QCOMPARE(session.refreshMargin(), 2s);

    Step soon;
    session.ensureFresh(soon.callback());
    QCOMPARE(soon.calls, 1); // still good for now
    QCOMPARE(requests(TokenPath, "POST").size(), 1);

    // Before it expires, it is replaced: a request meanwhile still gets the old one (good for
    // a while yet) and starts the refresh, as a poll loop does.
    QVERIFY(
        QTest::qWaitFor([&] { return !session.token().usableFor(session.refreshMargin()); }, 4000));
    QVERIFY(session.token().usableFor(0s)); // not expired yet
    QCOMPARE(session.tokenForRequest(), firstToken);
    QVERIFY(QTest::qWaitFor([&] { return session.current() != firstToken; }, StepTimeoutMs));
    QCOMPARE(requests(TokenPath, "POST").size(), 2);
    QCOMPARE(session.fetches(), 2);
    Step refreshed;
    session.ensureFresh(refreshed.callback());
    QCOMPARE(refreshed.calls, 1); // the new one is fresh
    QVERIFY(refreshed.ok);
    QCOMPARE(requests(TokenPath, "POST").size(), 2);
}

void TestApsisConnector::renewsTheTokenAfter401()
{
    // The token stops working (APSIS revoked it): the first definitions call gets a 401.
    sandbox::FaultRule rule;
    rule.pathPrefix = "/apsis/audience/sections";
    rule.times = 1;
    rule.errorStatus = 401;
    m_sandbox->faults().addRule(rule);
    auto ctx = context();
    ApsisSourceConnector connector;
    bool finished = false;
    bool ok = false;
    QString error;
    QList<AudienceInfo> listed;
    auto listing = connector.listAudiences(
        *ctx, [&](bool success, const QList<AudienceInfo> &audiences, const QString &message) {
            finished = true;
            ok = success;
            listed = audiences;
            error = message;
        });
    QVERIFY(QTest::qWaitFor([&] { return finished; }, StepTimeoutMs));
    QVERIFY2(ok, qPrintable(error));
    QCOMPARE(listed.size(), m_audiences.size());
    QCOMPARE(requests(TokenPath, "POST").size(), 2);
    QCOMPARE(requests("/apsis/audience/sections", "GET").first().completion.status, 401);
}

// --- listing ----------------------------------------------------------------------------------

void TestApsisConnector::listsSegmentsWithTheirDefinitions()
{
    QCOMPARE(m_audiences.size(), 7); // 4 + 2 synthetic examples in Webshop, 1 in Newsletter EU
    const AudienceInfo vip = audience(VipSegment);
    QCOMPARE(vip.name, QString("VIP customers"));
    QCOMPARE(vip.size, 1318);
    QCOMPARE(vip.endpointId, 11);
    QVERIFY2(vip.description.contains("Webshop"), qPrintable(vip.description));
    QCOMPARE(vip.identifiers, QStringList({"profileKey", "Email", "Phone"}));
    QCOMPARE(
        vip.attributes,
        QStringList({"Email", "Phone", "First name", "Last name", "Country", "City", "Postal code",
                     "Lifetime value", "Last seen", "Tag: VIP", "Tag: Newsletter",
                     "Tag: Churn risk", "Event: Order placed (count)", "Event: Order placed (last)",
                     "Event: Product viewed (count)", "Event: Product viewed (last)"}));

    QString error;
    const auto details = ApsisDetails::fromJson(vip.details, &error);
    QVERIFY2(details, qPrintable(error));
    QCOMPARE(details->sectionId, 4101);
    QCOMPARE(details->sectionDiscriminator, QString("usercreated.sections.webshop-rppfuhvt6a"));
    QCOMPARE(details->sectionName, QString("Webshop"));
    const ApsisDefinition &firstName = details->attributes.at(2);
    QCOMPARE(firstName.name, QString("First name"));
    QCOMPARE(firstName.discriminator, QString("com.apsis1.attributes.firstname"));
    QCOMPARE(firstName.type, QString("string"));
    QCOMPARE(firstName.versions.size(), 2);
    QCOMPARE(firstName.exportVersion(), 9820547);
    QCOMPARE(firstName.versions.at(1).id, 8700047);
    QVERIFY(firstName.versions.at(1).deprecated());
    QCOMPARE(details->attributes.at(7).type, QString("double"));
    QCOMPARE(details->tags.at(0).exportVersion(), 9830001);
    QCOMPARE(details->tags.at(0).type, QString("tag"));
    QCOMPARE(details->events.at(1).exportVersion(), 9840002);
    QCOMPARE(details->events.at(1).type, QString("event"));

    const AudienceInfo eu = audience(EuSegment);
    QCOMPARE(eu.size, 4480);
    QCOMPARE(eu.identifiers, QStringList({"profileKey", "Email"}));
    QCOMPARE(eu.details.value("section").toObject().value("id").toInteger(), 4102);
    QVERIFY(eu.attributes.contains("Tag: Double opt-in"));
    QVERIFY(eu.attributes.contains("Event: Email opened (last)"));
}

// --- checks before any request ----------------------------------------------------------------

void TestApsisConnector::refusesBeforeAnyRequest_data()
{
    QTest::addColumn<QString>("segment"); // "big": 80 attributes, 30 tags
    QTest::addColumn<QStringList>("columns");
    QTest::addColumn<QJsonObject>("options");
    QTest::addColumn<QString>("expected");

    QStringList attributes76;
    for (int i = 0; i < 76; ++i)
        attributes76 << QString("Attribute %1").arg(i);
    QStringList tags26;
    for (int i = 0; i < 26; ++i)
        tags26 << QString("Tag: T%1").arg(i);
    const QJsonObject january{{"startAt", "2025-01-01T00:00:00Z"}};

    QTest::newRow("unknown column") << VipSegment << QStringList({"Email", "Shoe size"})
                                    << QJsonObject() << "no column “Shoe size”";
    QTest::newRow("no attribute or tag")
        << VipSegment << QStringList({"profileKey", "Event: Order placed (count)"}) << january
        << "at least one attribute or tag";
    QTest::newRow("76 attributes")
        << "big" << attributes76 << QJsonObject() << "at most 75 attributes";
    QTest::newRow("26 tags") << "big" << tags26 << QJsonObject() << "at most 25 tags";
    QTest::newRow("events without start")
        << VipSegment << QStringList({"Email"})
        << QJsonObject{{"events", QJsonArray{"Order placed"}}} << "Events need a time window";
    QTest::newRow("event column without start")
        << VipSegment << QStringList({"Email", "Event: Order placed (last)"}) << QJsonObject()
        << "Events need a time window";
    QTest::newRow("window over three months") << VipSegment << QStringList({"Email"})
                                              << QJsonObject{{"events", QJsonArray{"Order placed"}},
                                                             {"startAt", "2025-01-01T00:00:00Z"},
                                                             {"endAt", "2025-04-01T00:00:01Z"}}
                                              << "at most 3 months";
    QTest::newRow("end before start")
        << VipSegment << QStringList({"Email"})
        << QJsonObject{{"startAt", "2025-02-01T00:00:00Z"}, {"endAt", "2025-01-01T00:00:00Z"}}
        << "before it starts";
    QTest::newRow("eventDays out of range")
        << VipSegment << QStringList({"Email"}) << QJsonObject{{"eventDays", 91}} << "from 1 to 90";
    QTest::newRow("eventDays with startAt")
        << VipSegment << QStringList({"Email"})
        << QJsonObject{{"eventDays", 7}, {"startAt", "2025-01-01"}} << "not both";
    QTest::newRow("end without start")
        << VipSegment << QStringList({"Email"}) << QJsonObject{{"endAt", "2025-02-01T00:00:00Z"}}
        << "needs a “startAt”";
    QTest::newRow("not a date") << VipSegment << QStringList({"Email"})
                                << QJsonObject{{"startAt", "last Tuesday"}} << "ISO 8601";
    QTest::newRow("unknown event")
        << VipSegment << QStringList({"Email"})
        << QJsonObject{{"events", QJsonArray{"Email opened"}}, {"startAt", "2025-01-01"}}
        << "no event “Email opened”";
    QTest::newRow("no details") << "no details" << QStringList({"Email"}) << QJsonObject()
                                << "refresh the endpoint's audiences";
}

void TestApsisConnector::refusesBeforeAnyRequest()
{
    QFETCH(QString, segment);
    QFETCH(QStringList, columns);
    QFETCH(QJsonObject, options);
    QFETCH(QString, expected);
    AudienceInfo info;
    if (segment == "big") {
        info = bigSection(80, 30);
    } else if (segment == "no details") {
        info = audience(VipSegment);
        info.details = {};
    } else {
        info = audience(segment);
    }
    auto ctx = context();
    Step step;
    auto fetch = runFetch(*ctx, info, columns, options, &step);
    QVERIFY(step.finished);
    QVERIFY(!step.ok);
    QVERIFY2(step.error.contains(expected), qPrintable(step.error));
    QCOMPARE(m_sandbox->requestLog().entries().size(), 0); // no token, no export
    QCOMPARE(static_cast<ApsisFetch *>(fetch.get())->exportsRequested(), 0);
}

void TestApsisConnector::planDefaultsAndCaps()
{
    // No columns: every current attribute and tag, capped at APSIS's limits with a note.
    QString error;
    auto plan = ApsisExportRequest::plan(bigSection(80, 30), {}, {}, &error);
    QVERIFY2(plan, qPrintable(error));
    QCOMPARE(plan->attributes.size(), 75);
    QCOMPARE(plan->tags.size(), 25);
    QCOMPARE(plan->notes.size(), 1);
    QVERIFY2(plan->notes.first().contains("5 attribute(s) and 5 tag(s)"),
             qPrintable(plan->notes.first()));

    // A segment's defaults leave deprecated versions alone; end_at defaults to a week.
    plan = ApsisExportRequest::plan(
        audience(VipSegment), {},
        QJsonObject{{"events", QJsonArray{"product viewed"}}, {"startAt", "2025-01-01T00:00:00"}},
        &error);
    QVERIFY2(plan, qPrintable(error));
    const QJsonObject body = plan->body();
    QCOMPARE(body.value("segment_filter").toString(), VipSegment);
    QCOMPARE(body.value("attributes").toArray().size(), 9);
    QVERIFY(!body.value("attributes").toArray().contains(8700047));
    QVERIFY(body.value("attributes").toArray().contains(9820547));
    QCOMPARE(body.value("tags").toArray(), QJsonArray({9830001, 9830002, 9830003}));
    QCOMPARE(body.value("events").toArray(), QJsonArray({9840002}));
    QCOMPARE(body.value("start_at").toString(), QString("2025-01-01T00:00:00Z"));
    QCOMPARE(body.value("end_at").toString(), QString("2025-01-08T00:00:00Z"));
    QCOMPARE(plan->columns().first(), QString("profileKey"));
    QCOMPARE(plan->columns().last(), QString("Event: Product viewed (last)"));

    // Exactly three months is allowed.
    plan = ApsisExportRequest::plan(
        audience(VipSegment), {"Email"},
        QJsonObject{{"startAt", "2025-01-01T00:00:00Z"}, {"endAt", "2025-04-01T00:00:00Z"}},
        &error);
    QVERIFY2(plan, qPrintable(error));

    // A rolling window: the last N days up to now, for recurring shares.
    const QDateTime before = QDateTime::currentDateTimeUtc();
    plan =
        ApsisExportRequest::plan(audience(VipSegment), {"Email", "Event: Product viewed (count)"},
                                 QJsonObject{{"eventDays", 30}}, &error);
    QVERIFY2(plan, qPrintable(error));
    QCOMPARE(plan->startAt.daysTo(plan->endAt), 30);
    QVERIFY(plan->endAt >= before.addSecs(-1) && plan->endAt <= QDateTime::currentDateTimeUtc());
    QCOMPARE(plan->body().value("events").toArray(), QJsonArray({9840002}));
}

// --- the export cycle -------------------------------------------------------------------------

void TestApsisConnector::exportsNamedSegmentWithEvents()
{
    auto ctx = context();
    Step step;
    const QJsonObject options{{"events", QJsonArray{"Order placed", "Product viewed"}},
                              {"startAt", "2025-01-01T00:00:00Z"},
                              {"endAt", "2025-03-01T00:00:00Z"}};
    auto fetch = runFetch(*ctx, audience(VipSegment), {}, options, &step);
    QVERIFY2(step.ok, qPrintable(step.error));
    auto *apsis = static_cast<ApsisFetch *>(fetch.get());
    QCOMPARE(apsis->exportsRequested(), 1);
    QVERIFY(!fetch->resumedSameSnapshot());

    const Rows rows = readRows(*fetch);
    QVERIFY2(rows.error.isEmpty(), qPrintable(rows.error));
    QCOMPARE(rows.columns.first(), QString("profileKey"));
    QCOMPARE(rows.columns, QStringList{"profileKey"} + audience(VipSegment).attributes);
    QCOMPARE(rows.rows.size(), 1318); // Email asked for: every profile of the segment
    QCOMPARE(apsis->profiles(), 1318);

    // Compare with the downloaded file, read whole here (it is small).
    QFile file(apsis->exportFilePath());
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QJsonObject document = QJsonDocument::fromJson(file.readAll()).object();
    const QJsonObject profiles = document.value("profiles").toObject();
    QCOMPARE(profiles.size(), 1318);

    // gzip was asked for and came: fewer bytes on the wire than in the file.
    const auto polls = requests(ExportsPath + "/", "GET");
    QVERIFY(!polls.isEmpty());
    QCOMPARE(polls.last().completion.status, 200);
    QVERIFY2(polls.last().completion.bodyBytes * 3 < file.size(),
             qPrintable(QString("%1 on the wire, %2 in the file")
                            .arg(polls.last().completion.bodyBytes)
                            .arg(file.size())));

    QSet<QByteArray> keys;
    int vip = 0;
    int repeated = 0;
    int withLast = 0;
    for (int row = 0; row < rows.rows.size(); ++row) {
        const QByteArray key = rows.cell(row, "profileKey");
        QVERIFY(!keys.contains(key));
        keys.insert(key);
        const QJsonObject section = profiles.value(QString::fromUtf8(key))
                                        .toObject()
                                        .value("sections")
                                        .toObject()
                                        .value("4101")
                                        .toObject();
        QVERIFY2(!section.isEmpty(), key.constData());
        const QJsonObject attributes = section.value("attributes").toObject();
        QCOMPARE(rows.cell(row, "Email"),
                 attributes.value("9820534").toObject().value("value").toString().toUtf8());
        QVERIFY(rows.cell(row, "Email").contains('@'));
        const QByteArray value = rows.cell(row, "Lifetime value");
        QCOMPARE(value.toDouble(),
                 attributes.value("9820588").toObject().value("value").toDouble());
        QVERIFY2(value.size() < 12 && !value.contains('e'), value.constData()); // digits kept
        using Tag = std::pair<const char *, const char *>;
        for (const auto &[tag, id] :
             {Tag{"Tag: VIP", "9830001"}, Tag{"Tag: Churn risk", "9830003"}}) {
            const QByteArray expected = attributes.contains(id) ? "true" : "false";
            QCOMPARE(rows.cell(row, tag), expected);
        }
        vip += rows.cell(row, "Tag: VIP") == "true" ? 1 : 0;

        // Events: repeated correlationIds counted once, the latest non-zero time.
        QHash<qint64, QSet<QString>> seen;
        QHash<qint64, qint64> last;
        const QJsonArray events = section.value("events").toArray();
        for (const QJsonValue &value : events) {
            const QJsonObject event = value.toObject();
            const qint64 type = event.value("typeId").toInteger();
            const QString correlation = event.value("correlationId").toString();
            if (seen[type].contains(correlation)) {
                ++repeated;
                continue;
            }
            seen[type].insert(correlation);
            last[type] = std::max(last.value(type), event.value("sourceEventTime").toInteger());
        }
        using Event = std::pair<const char *, qint64>;
        for (const auto &[name, type] :
             {Event{"Event: Order placed", 9840001}, Event{"Event: Product viewed", 9840002}}) {
            QCOMPARE(rows.cell(row, QString(name) + " (count)"),
                     QByteArray::number(seen.value(type).size()));
            const QByteArray lastTime = rows.cell(row, QString(name) + " (last)");
            if (last.value(type) > 0) {
                ++withLast;
                QCOMPARE(lastTime, QDateTime::fromMSecsSinceEpoch(last.value(type), Qt::UTC)
                                       .toString(Qt::ISODateWithMs)
                                       .toLatin1());
                QVERIFY(lastTime.endsWith('Z'));
            } else {
                QVERIFY(lastTime.isEmpty());
            }
        }
    }
    QVERIFY2(vip > 40 && vip < 300, qPrintable(QString::number(vip))); // about 10 %
    QVERIFY2(repeated > 0, "the file should hold retried deliveries");
    QCOMPARE(apsis->repeatedEvents(), qint64(repeated));
    QVERIFY(withLast > 500);

    const QJsonObject checkpoint = ctx->checkpoints.value("source");
    QCOMPARE(checkpoint.value("exportId").toString(), apsis->exportId());
    QVERIFY(checkpoint.value("pollUrl").toString().contains(apsis->exportId()));
    QVERIFY(checkpoint.value("downloaded").toBool());
    QVERIFY(checkpoint.value("converted").toBool());
    QVERIFY(QDateTime::fromString(checkpoint.value("expiresAt").toString(), Qt::ISODate) >
            QDateTime::currentDateTimeUtc().addSecs(3600));
    QVERIFY(ctx->phases.contains(RunState::Requesting));
    QVERIFY(ctx->phases.contains(RunState::Waiting));
    QVERIFY(ctx->phases.contains(RunState::Downloading));
    QVERIFY(ctx->downloaded >= file.size());
}

void TestApsisConnector::exportsSyntheticSegment()
{
    auto ctx = context();
    Step step;
    auto fetch =
        runFetch(*ctx, audience("synthetic-3000"), {"Email", "Tag: VIP", "First name"}, {}, &step);
    QVERIFY2(step.ok, qPrintable(step.error));
    const Rows rows = readRows(*fetch);
    QVERIFY2(rows.error.isEmpty(), qPrintable(rows.error));
    QCOMPARE(rows.columns, QStringList({"profileKey", "Email", "First name", "Tag: VIP"}));
    QCOMPARE(rows.rows.size(), 3000);
    QSet<QByteArray> keys;
    static const QRegularExpression uuid("^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-"
                                         "[0-9a-f]{12}$");
    int vip = 0;
    for (const QList<QByteArray> &row : rows.rows) {
        keys.insert(row.at(0));
        QVERIFY2(uuid.match(QString::fromLatin1(row.at(0))).hasMatch(), row.at(0).constData());
        QVERIFY(row.at(1).contains('@'));
        QVERIFY(row.at(3) == "true" || row.at(3) == "false");
        vip += row.at(3) == "true" ? 1 : 0;
    }
    QCOMPARE(keys.size(), 3000);
    QVERIFY2(vip > 150 && vip < 450, qPrintable(QString::number(vip)));
    // What was asked: the current versions, no events.
    QCOMPARE(requests(ExportsPath, "POST").size(), 1);
}

void TestApsisConnector::pollsUntilReady()
{
    m_sandbox->context().options().jobReadyAfter = 400ms;
    auto ctx = context();
    Step step;
    auto fetch = runFetch(*ctx, audience("synthetic-50"), {"Email"}, {}, &step);
    QVERIFY2(step.ok, qPrintable(step.error));
    const auto polls = requests(ExportsPath + "/", "GET");
    QVERIFY2(polls.size() >= 3, qPrintable(QString::number(polls.size())));
    for (int i = 0; i < polls.size() - 1; ++i)
        QCOMPARE(polls.at(i).completion.status, 404);
    QCOMPARE(polls.last().completion.status, 200);
    // Backing off: the polls spread over the 400 ms, not a busy loop.
    QVERIFY(polls.size() < 20);
    QCOMPARE(readRows(*fetch).rows.size(), 50);
}

void TestApsisConnector::goneExportIsRequestedAgain()
{
    sandbox::FaultRule rule;
    rule.pathPrefix = ExportsPath + "/";
    rule.method = "GET";
    rule.times = 1;
    rule.errorStatus = 410;
    m_sandbox->faults().addRule(rule);
    auto ctx = context();
    Step step;
    auto fetch = runFetch(*ctx, audience("synthetic-40"), {"Email"}, {}, &step);
    QVERIFY2(step.ok, qPrintable(step.error));
    auto *apsis = static_cast<ApsisFetch *>(fetch.get());
    QCOMPARE(apsis->exportsRequested(), 2);
    QCOMPARE(requests(ExportsPath, "POST").size(), 2);
    QVERIFY(!fetch->resumedSameSnapshot());
    QVERIFY2(ctx->logLines.join('\n').contains("no longer available"),
             qPrintable(ctx->logLines.join('\n')));
    QCOMPARE(readRows(*fetch).rows.size(), 40);
}

void TestApsisConnector::failedExportIsRequestedAgain()
{
    // APSIS's 1 export request a second as well: the new request waits for its turn.
    m_sandbox->context().options().apsis.exportRequestsPerSecond = 1;
    m_sandbox->reset();
    sandbox::FaultRule rule;
    rule.pathPrefix = ExportsPath;
    rule.method = "POST";
    rule.times = 1;
    rule.failJobs = true;
    m_sandbox->faults().addRule(rule);
    auto ctx = context();
    Step step;
    auto fetch = runFetch(*ctx, audience("synthetic-30"), {"Email"}, {}, &step);
    QVERIFY2(step.ok, qPrintable(step.error));
    QCOMPARE(static_cast<ApsisFetch *>(fetch.get())->exportsRequested(), 2);
    QList<int> pollStatuses;
    for (const auto &entry : requests(ExportsPath + "/", "GET"))
        pollStatuses << entry.completion.status;
    QVERIFY(pollStatuses.contains(503));
    QCOMPARE(pollStatuses.last(), 200);
    QVERIFY2(ctx->logLines.join('\n').contains("could not prepare"),
             qPrintable(ctx->logLines.join('\n')));
    QCOMPARE(readRows(*fetch).rows.size(), 30);
}

void TestApsisConnector::failedExportsPastTheLimitFail()
{
    sandbox::FaultRule rule;
    rule.pathPrefix = ExportsPath;
    rule.method = "POST";
    rule.failJobs = true;
    m_sandbox->faults().addRule(rule);
    auto ctx = context();
    Step step;
    auto fetch = runFetch(*ctx, audience("synthetic-30"), {"Email"}, {}, &step);
    QVERIFY(!step.ok);
    QVERIFY2(step.error.contains("could not prepare the export") &&
                 step.error.contains("synthetic-30") &&
                 step.error.contains("Processing the export failed"), // the problem's detail
             qPrintable(step.error));
    QCOMPARE(static_cast<ApsisFetch *>(fetch.get())->exportsRequested(),
             1 + ApsisFetch::MaxFailedExports);
    QCOMPARE(requests(ExportsPath, "POST").size(), 1 + ApsisFetch::MaxFailedExports);
}

void TestApsisConnector::tooManyPendingExportsWaits()
{
    sandbox::SandboxOptions &options = m_sandbox->context().options();
    options.apsis.maxPendingExports = 1;
    options.jobReadyAfter = 500ms;
    m_sandbox->reset();

    // A first export keeps the account busy…
    auto first = context();
    ApsisSourceConnector connector;
    auto pending =
        connector.createFetch(*first, FetchRequest{audience("synthetic-20"), {"Email"}, {}});
    Step firstStep;
    pending->fetch(firstStep.callback());
    QVERIFY(QTest::qWaitFor([&] { return !first->checkpoints.value("source").isEmpty(); },
                            StepTimeoutMs));

    // … so the second waits until it is ready, then gets its own.
    auto second = context();
    Step step;
    auto fetch = runFetch(*second, audience("synthetic-25"), {"Email"}, {}, &step);
    QVERIFY2(step.ok, qPrintable(step.error));
    QVERIFY(firstStep.wait());
    QVERIFY2(firstStep.ok, qPrintable(firstStep.error));
    const auto posts = requests(ExportsPath, "POST");
    QVERIFY2(posts.size() >= 3, qPrintable(QString::number(posts.size())));
    QCOMPARE(posts.first().completion.status, 202);
    QCOMPARE(posts.at(1).completion.status, 429);
    QCOMPARE(posts.last().completion.status, 202);
    QCOMPARE(readRows(*fetch).rows.size(), 25);
}

void TestApsisConnector::pollRenewsTheTokenAfter401()
{
    sandbox::FaultRule rule;
    rule.pathPrefix = ExportsPath + "/";
    rule.method = "GET";
    rule.times = 1;
    rule.errorStatus = 401;
    m_sandbox->faults().addRule(rule);
    auto ctx = context();
    Step step;
    auto fetch = runFetch(*ctx, audience("synthetic-35"), {"Email"}, {}, &step);
    QVERIFY2(step.ok, qPrintable(step.error));
    QCOMPARE(requests(TokenPath, "POST").size(), 2);
    QCOMPARE(requests(ExportsPath + "/", "GET").first().completion.status, 401);
    QCOMPARE(static_cast<ApsisFetch *>(fetch.get())->exportsRequested(), 1);
    QCOMPARE(readRows(*fetch).rows.size(), 35);
}

void TestApsisConnector::serverRefusalIsExplained()
{
    // A segment deleted in APSIS since the listing: the problem document's detail says so.
    AudienceInfo gone = audience(VipSegment);
    gone.externalId = "usercreated.segments.deleted-a1b2c3d4e5";
    gone.name = "Deleted segment";
    auto ctx = context();
    Step step;
    runFetch(*ctx, gone, {"Email"}, {}, &step);
    QVERIFY(!step.ok);
    QVERIFY2(step.error.contains("Deleted segment") && step.error.contains("HTTP 400") &&
                 step.error.contains("names no segment"),
             qPrintable(step.error));
    QCOMPARE(requests(ExportsPath, "POST").size(), 1); // not retried: it would not help
}

void TestApsisConnector::emptySegmentGivesNoRows()
{
    auto ctx = context();
    Step step;
    auto fetch = runFetch(*ctx, audience(EmptySegment), {"Email", "Tag: VIP"}, {}, &step);
    QVERIFY2(step.ok, qPrintable(step.error));
    const Rows rows = readRows(*fetch);
    QVERIFY2(rows.error.isEmpty(), qPrintable(rows.error));
    QCOMPARE(rows.columns, QStringList({"profileKey", "Email", "Tag: VIP"}));
    QCOMPARE(rows.rows.size(), 0);
    QCOMPARE(static_cast<ApsisFetch *>(fetch.get())->profiles(), 0);
}

void TestApsisConnector::damagedDownloadIsFetchedAgain()
{
    // A downloaded file that does not parse (damaged on disk after an interruption; the
    // sandbox's malformedJson fault does not reach streamed files) is fetched again from the
    // same poll URL.
    auto first = context();
    Step step;
    auto fetch = runFetch(*first, audience("synthetic-200"), {"Email"}, {}, &step);
    QVERIFY2(step.ok, qPrintable(step.error));
    auto *apsis = static_cast<ApsisFetch *>(fetch.get());
    const QString exportId = apsis->exportId();
    QFile json(apsis->exportFilePath());
    QVERIFY(json.open(QIODevice::ReadWrite));
    QVERIFY(json.resize(json.size() / 2));
    json.close();
    QVERIFY(QFile::remove(apsis->rowsFilePath()));
    fetch.reset();

    m_sandbox->requestLog().clear();
    QJsonObject checkpoint = first->checkpoints.value("source");
    checkpoint.insert("converted", false);
    auto second = context(first->workDirectory());
    second->checkpoints.insert("source", checkpoint);
    Step resumed;
    fetch = runFetch(*second, audience("synthetic-200"), {"Email"}, {}, &resumed);
    QVERIFY2(resumed.ok, qPrintable(resumed.error));
    QVERIFY2(second->logLines.join('\n').contains("downloading it again"),
             qPrintable(second->logLines.join('\n')));
    QVERIFY(fetch->resumedSameSnapshot());
    QCOMPARE(requests(ExportsPath, "POST").size(), 0);
    const auto polls = requests(ExportsPath + "/" + exportId, "GET");
    QCOMPARE(polls.size(), 1);
    QCOMPARE(polls.first().completion.status, 200);
    QCOMPARE(readRows(*fetch).rows.size(), 200);
}

void TestApsisConnector::cancelledFetchCallsNothing()
{
    m_sandbox->context().options().jobReadyAfter = 300ms;
    auto ctx = context();
    ApsisSourceConnector connector;
    auto fetch = connector.createFetch(*ctx, FetchRequest{audience("synthetic-10"), {"Email"}, {}});
    Step step;
    fetch->fetch(step.callback());
    QVERIFY(QTest::qWaitFor([&] { return !ctx->checkpoints.value("source").isEmpty(); },
                            StepTimeoutMs));
    fetch->cancel();
    const qsizetype seen = m_sandbox->requestLog().entries().size();
    QTest::qWait(400);
    QCOMPARE(step.calls, 0);
    // At most the poll that was in flight; no polling after the cancel.
    QVERIFY(m_sandbox->requestLog().entries().size() <= seen + 1);
}

// --- resuming ---------------------------------------------------------------------------------

void TestApsisConnector::resumesWithTheDownloadedFile()
{
    auto first = context();
    Step step;
    const QStringList columns{"Email", "Country", "Tag: Newsletter"};
    auto fetch = runFetch(*first, audience("synthetic-500"), columns, {}, &step);
    QVERIFY2(step.ok, qPrintable(step.error));
    const Rows expected = readRows(*fetch);
    QCOMPARE(expected.rows.size(), 500);
    const QString rowsPath = static_cast<ApsisFetch *>(fetch.get())->rowsFilePath();
    fetch.reset();

    // Interrupted after the download, before the file was read.
    m_sandbox->requestLog().clear();
    QJsonObject checkpoint = first->checkpoints.value("source");
    checkpoint.insert("converted", false);
    QVERIFY(QFile::remove(rowsPath));
    auto second = context(first->workDirectory());
    second->checkpoints.insert("source", checkpoint);
    Step resumed;
    fetch = runFetch(*second, audience("synthetic-500"), columns, {}, &resumed);
    QVERIFY2(resumed.ok, qPrintable(resumed.error));
    QVERIFY(fetch->resumedSameSnapshot());
    QCOMPARE(m_sandbox->requestLog().entries().size(), 0); // no POST, not even a token
    QCOMPARE(readRows(*fetch).rows, expected.rows);
    QVERIFY(second->checkpoints.value("source").value("converted").toBool());
    fetch.reset();

    // Interrupted after reading it: the rows are reused as they are.
    auto third = context(first->workDirectory());
    third->checkpoints.insert("source", second->checkpoints.value("source"));
    Step again;
    fetch = runFetch(*third, audience("synthetic-500"), columns, {}, &again);
    QVERIFY2(again.ok, qPrintable(again.error));
    QVERIFY(fetch->resumedSameSnapshot());
    QCOMPARE(m_sandbox->requestLog().entries().size(), 0);
    QCOMPARE(readRows(*fetch).rows, expected.rows);
}

void TestApsisConnector::resumePollsTheSameUrl()
{
    auto first = context();
    Step step;
    auto fetch = runFetch(*first, audience("synthetic-120"), {"Email"}, {}, &step);
    QVERIFY2(step.ok, qPrintable(step.error));
    const QString exportId = static_cast<ApsisFetch *>(fetch.get())->exportId();
    fetch.reset();

    // Interrupted while waiting: nothing on disk, the export still there.
    QJsonObject checkpoint = first->checkpoints.value("source");
    checkpoint.insert("downloaded", false);
    checkpoint.insert("converted", false);
    m_sandbox->requestLog().clear();
    auto second = context(); // a fresh work directory
    second->checkpoints.insert("source", checkpoint);
    Step resumed;
    fetch = runFetch(*second, audience("synthetic-120"), {"Email"}, {}, &resumed);
    QVERIFY2(resumed.ok, qPrintable(resumed.error));
    QVERIFY(fetch->resumedSameSnapshot());
    QCOMPARE(static_cast<ApsisFetch *>(fetch.get())->exportId(), exportId);
    QCOMPARE(requests(ExportsPath, "POST").size(), 0);
    QCOMPARE(requests(ExportsPath + "/" + exportId, "GET").size(), 1);
    QCOMPARE(readRows(*fetch).rows.size(), 120);
}

void TestApsisConnector::resumeWithGoneExportRequestsNewOne()
{
    // Plan the checkpoint of an export the sandbox does not know (gone: 410).
    auto first = context();
    Step step;
    auto fetch = runFetch(*first, audience("synthetic-60"), {"Email"}, {}, &step);
    QVERIFY2(step.ok, qPrintable(step.error));
    fetch.reset();
    QJsonObject checkpoint = first->checkpoints.value("source");
    checkpoint.insert("exportId", "export-that-never-was");
    checkpoint.insert("pollUrl", m_sandbox->url(ExportsPath + "/export-that-never-was").toString());
    checkpoint.insert("downloaded", false);
    checkpoint.insert("converted", false);

    m_sandbox->requestLog().clear();
    auto second = context();
    second->checkpoints.insert("source", checkpoint);
    Step resumed;
    fetch = runFetch(*second, audience("synthetic-60"), {"Email"}, {}, &resumed);
    QVERIFY2(resumed.ok, qPrintable(resumed.error));
    QVERIFY(!fetch->resumedSameSnapshot());
    QCOMPARE(requests(ExportsPath + "/export-that-never-was", "GET").first().completion.status,
             410);
    QCOMPARE(requests(ExportsPath, "POST").size(), 1);
    QVERIFY(static_cast<ApsisFetch *>(fetch.get())->exportId() != "export-that-never-was");
    QCOMPARE(readRows(*fetch).rows.size(), 60);
}

void TestApsisConnector::changedRequestIsNotResumed()
{
    auto first = context();
    Step step;
    auto fetch = runFetch(*first, audience("synthetic-70"), {"Email"}, {}, &step);
    QVERIFY2(step.ok, qPrintable(step.error));
    fetch.reset();

    // The mapping now reads another column: the old export does not have it.
    m_sandbox->requestLog().clear();
    auto second = context(first->workDirectory());
    second->checkpoints = first->checkpoints;
    Step resumed;
    fetch = runFetch(*second, audience("synthetic-70"), {"Email", "City"}, {}, &resumed);
    QVERIFY2(resumed.ok, qPrintable(resumed.error));
    QVERIFY(!fetch->resumedSameSnapshot());
    QCOMPARE(requests(ExportsPath, "POST").size(), 1);
    const Rows rows = readRows(*fetch);
    QCOMPARE(rows.columns, QStringList({"profileKey", "Email", "City"}));
    QCOMPARE(rows.rows.size(), 70);
}

// --- the converter on its own -----------------------------------------------------------------

void TestApsisConnector::converterResolvesVersionsAndDedupes()
{
    QString error;
    const auto plan = ApsisExportRequest::plan(
        audience(VipSegment),
        {"First name", "Email", "Lifetime value", "Tag: VIP", "Event: Order placed (count)"},
        QJsonObject{{"startAt", "2025-01-01T00:00:00Z"}}, &error);
    QVERIFY2(plan, qPrintable(error));

    // Sections keyed by id or discriminator; a deprecated First name version (8700047) alone,
    // and both versions in either order (the current one wins); an id nobody asked for; the
    // metadata after the profiles (and unused); escapes and UTF-8.
    QTemporaryDir dir;
    const QString json = dir.filePath("export.json");
    writeFile(json, R"({"profiles":{
      "p-1":{"sections":{"4101":{"attributes":{"8700047":{"value":"Old \"Åsa\""},
             "9820534":{"value":"a@example.com"},"9830001":{"value":null},"12345":{"value":"x"}},
             "events":[{"correlationId":"c1","sourceEventTime":1736162140437,"typeId":9840001,
                        "createdAt":1736162141298,"data":{"order_id":"SO-1","nested":[1,{"a":2}]}},
                       {"correlationId":"c1","sourceEventTime":1736162140437,"typeId":9840001,
                        "createdAt":1736162141999,"data":{}},
                       {"correlationId":"c2","sourceEventTime":0,"typeId":9840001,"createdAt":1}]}}},
      "p-2":{"sections":{"usercreated.sections.webshop-rppfuhvt6a":{"attributes":{
             "9820547":{"value":"New"},"8700047":{"value":"Old"},"9820588":{"value":4461.45}}}}},
      "p-3":{"sections":{"4101":{"attributes":{"8700047":{"value":"Old"},
             "9820547":{"value":"Nouveau"},"9820588":{"value":1e3}},"events":[]}}}},
     "metadata":{"export_id":"x","sections":{"4101":{"attributes":{"9820534":{"name":"Email"}}}}}})");

    const QString csv = dir.filePath("rows.csv");
    ApsisExportConverter converter(*plan);
    QVERIFY2(converter.convert(json, csv), qPrintable(converter.errorString()));
    QCOMPARE(converter.profiles(), 3);
    QCOMPARE(converter.repeatedEvents(), 1);
    QCOMPARE(converter.unknownIds(), 1);
    QCOMPARE(converter.deprecatedValues(), 2); // p-1, and p-3 before its current version came

    QFile file(csv);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray expected =
        "profileKey,First name,Email,Lifetime value,Tag: VIP,Event: Order placed (count),"
        "Event: Order placed (last)\r\n"
        "p-1,\"Old \"\"Åsa\"\"\",a@example.com,,true,2,2025-01-06T11:15:40.437Z\r\n"
        "p-2,New,,4461.45,false,0,\r\n"
        "p-3,Nouveau,,1e3,false,0,\r\n";
    QCOMPARE(QString::fromUtf8(file.readAll()), QString::fromUtf8(expected));
}

void TestApsisConnector::converterRefusesDamagedFiles()
{
    QString error;
    const auto plan = ApsisExportRequest::plan(audience(VipSegment), {"Email"}, {}, &error);
    QVERIFY2(plan, qPrintable(error));
    QTemporaryDir dir;
    const QString csv = dir.filePath("rows.csv");
    const QList<std::pair<QByteArray, QString>> cases{
        {R"({"profiles":{"p-1":{"sections":{"4101":{"attributes":{"9820534":{"val)",
         "damaged or incomplete"},
        {R"([1,2,3])", "not an APSIS One profile export"},
        {R"({"exports":[]})", "has no “profiles”"},
        {R"({"profiles":[]})", "profiles are a list"},
        {"{\"profiles\":{\"p-1\":{\"sections\":{\"4101\":{\"attributes\":{\"9820534\":"
         "{\"value\":\"\xff\"}}}}}}}",
         "damaged or incomplete"},
    };
    for (const auto &[content, message] : cases) {
        const QString json = dir.filePath("export.json");
        writeFile(json, content);
        ApsisExportConverter converter(*plan);
        QVERIFY2(!converter.convert(json, csv), content.constData());
        QVERIFY2(converter.errorString().contains(message), qPrintable(converter.errorString()));
        QVERIFY(converter.fileWasBad());
        QVERIFY(!QFile::exists(csv)); // nothing half-written
    }
    ApsisExportConverter converter(*plan);
    QVERIFY(!converter.convert(dir.filePath("missing.json"), csv));
    QVERIFY(!converter.fileWasBad());
}

QTEST_GUILESS_MAIN(TestApsisConnector)
#include "tst_apsisconnector.moc"
