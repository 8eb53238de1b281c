// The Fount source connector against the in-process sandbox (real loopback HTTP): the
// bearer-key sign-in and its 401s (JSON and HTML), the paged audience listing with groups,
// flags and formats, the format availability rule (study type, approvals) and its refusals
// before any request, respondents read page by page into CSV, saved export webhook payloads
// streamed from a file (and refused for another audience), 429 waited out, unreadable pages
// asked for again, and resuming from the pages already read.
#include "connectors/fount/FountApi.h"
#include "connectors/fount/FountConnectors.h"
#include "connectors/fount/FountFetch.h"
#include "connectors/fount/FountFormats.h"
#include "connectors/fount/FountIdStream.h"
#include "connectors/fount/FountTokenSession.h"
#include "sandbox/faults/Faults.h"
#include "sandbox/http/RequestLog.h"
#include "sandbox/protocols/fount/FountCatalogue.h"
#include "sandbox/protocols/fount/FountState.h"
#include "sandbox/SandboxContext.h"
#include "sandbox/SandboxServer.h"
#include "support/ConnectorTestSupport.h"

#include <QFile>
#include <QHttpServer>
#include <QHttpServerResponse>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QSet>
#include <QtTest>

using namespace courier;
using namespace courier::testing;
using namespace std::chrono_literals;
using sandbox::FountCatalogue;
using sandbox::FountState;
using sandbox::SandboxServer;

namespace {

const QByteArray Pat = "1|sandbox-fount-pat";
const QString Api = QStringLiteral("/fount/api/v2");
const QString AudiencesPath = Api + "/audiences";

struct Rows
{
    QStringList columns;
    QList<QList<QByteArray>> rows;
    QString error;

    QStringList column(int index) const
    {
        QStringList out;
        for (const auto &row : rows)
            out << QString::fromUtf8(row.value(index));
        return out;
    }
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
        const bool more = reader->read(batch, 2000);
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

QJsonObject facts(bool bav, bool bc)
{
    return {{"available_for_bav", bav}, {"available_for_bc", bc}};
}

} // namespace

class TestFountConnector : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();

    // Sign-in and errors.
    void signsInWithTheAccessToken();
    void wrongTokenSaysCheckTheAccessToken();
    void reloadedTokenIsUsed();
    void errorBodiesJsonAndHtmlAreUnderstood();

    // Listing.
    void listsAllPagesWithGroupsAndFlags();
    void listsInactiveWhenAsked();

    // Formats.
    void formatAvailabilityRule();
    void unavailableFormatRefusedBeforeAnyRequest_data();
    void unavailableFormatRefusedBeforeAnyRequest();
    void audienceWithoutCachedFlagsIsLookedUpFirst();

    // Fetch from the API.
    void fetchesLargeAudienceAcrossPages();
    void formatChosenByTheMappedColumn();
    void fetchesTheDefinition();
    void unknownAudienceIs404();
    void rateLimitIsWaitedOut();
    void injected429IsRetried();
    void unreadablePageIsAskedForAgain();
    void pagesThatStayUnreadableFail();
    void resumeSkipsPagesAlreadyRead();

    // Fetch from a saved export webhook payload.
    void fetchesFromSavedWebhookPayload();
    void payloadOfAnotherAudienceIsRefused();
    void payloadInTheOtherIdShapeIsRefused();

private:
    Endpoint endpoint(const QJsonObject &settings = {}) const;
    std::unique_ptr<TestContext> context(const QJsonObject &settings = {},
                                         const QByteArray &token = Pat) const;
    QList<AudienceInfo> list(TestContext &context, bool *ok = nullptr, QString *error = nullptr);
    AudienceInfo listed(int id, const QJsonObject &settings = {});
    QStringList expectedIds(int audience, FountCatalogue::IdFormat format);
    QList<sandbox::RequestLog::Entry> requests(const QString &prefix = Api) const;
    QByteArray exportPayload(int audience, const QString &format);
    QString savePayload(const QByteArray &body, const QString &name);

    std::unique_ptr<SandboxServer> m_server;
    QNetworkAccessManager m_network;
    QHttpServer m_receiver;
    quint16 m_receiverPort = 0;
    QList<QByteArray> m_received;
    QTemporaryDir m_files;
    FountSourceConnector m_connector;
};

void TestFountConnector::initTestCase()
{
    QLoggingCategory::setFilterRules("courier.sandbox.debug=false");
    m_server = std::make_unique<SandboxServer>();
    QString error;
    QVERIFY2(m_server->listen(0, &error), qPrintable(error));
    m_network.setProxy(QNetworkProxy::NoProxy);
    // The destination application's webhook: what The Fount pushes an export to.
    m_receiver.route("/hook", [this](const QHttpServerRequest &request) {
        m_received.append(request.body());
        return QHttpServerResponse(QHttpServerResponse::StatusCode::Ok);
    });
    m_receiverPort = m_receiver.listen(QHostAddress::LocalHost);
    QVERIFY(m_receiverPort != 0);
    QVERIFY(m_files.isValid());
}

void TestFountConnector::init()
{
    m_server->reset();
    auto &options = m_server->context().options().fount;
    options.rateLimit = 500;
    options.rateWindow = 60'000ms;
    m_received.clear();
}

Endpoint TestFountConnector::endpoint(const QJsonObject &settings) const
{
    Endpoint endpoint;
    endpoint.id = 7;
    endpoint.name = "Fount (test)";
    endpoint.kind = "fount";
    endpoint.contactUrl = m_server->url(Api);
    endpoint.settings = settings;
    return endpoint;
}

std::unique_ptr<TestContext> TestFountConnector::context(const QJsonObject &settings,
                                                         const QByteArray &token) const
{
    auto context = std::make_unique<TestContext>(endpoint(settings));
    context->network().setProxy(QNetworkProxy::NoProxy);
    if (!token.isEmpty())
        context->secrets.insert("token", token);
    return context;
}

QList<AudienceInfo> TestFountConnector::list(TestContext &context, bool *ok, QString *error)
{
    bool finished = false;
    QList<AudienceInfo> result;
    auto listing = m_connector.listAudiences(
        context, [&](bool success, const QList<AudienceInfo> &audiences, const QString &message) {
            finished = true;
            if (ok)
                *ok = success;
            if (error)
                *error = message;
            result = audiences;
        });
    if (!QTest::qWaitFor([&] { return finished; }, StepTimeoutMs))
        qWarning("listing did not finish");
    return result;
}

AudienceInfo TestFountConnector::listed(int id, const QJsonObject &settings)
{
    auto ctx = context(settings);
    bool ok = false;
    const QList<AudienceInfo> all = list(*ctx, &ok);
    for (const AudienceInfo &info : all) {
        if (info.externalId == QString::number(id))
            return info;
    }
    return {};
}

QStringList TestFountConnector::expectedIds(int audience, FountCatalogue::IdFormat format)
{
    QStringList ids;
    const auto *a = FountCatalogue::audience(audience);
    for (const qint32 index : m_server->context().state<FountState>().members(*a))
        ids << FountCatalogue::respondentId(format, index);
    return ids;
}

QList<sandbox::RequestLog::Entry> TestFountConnector::requests(const QString &prefix) const
{
    return m_server->requestLog().matching(prefix);
}

// An export as The Fount pushes it: a webhook receiver registered with the sandbox, an export
// triggered, the body the receiver got.
QByteArray TestFountConnector::exportPayload(int audience, const QString &format)
{
    QNetworkRequest hook(m_server->url("/sandbox/fount/webhooks"));
    hook.setHeader(QNetworkRequest::ContentTypeHeader, "application/json");
    const QByteArray hookBody =
        QJsonDocument(QJsonObject{{"url", QString("http://127.0.0.1:%1/hook").arg(m_receiverPort)},
                                  {"secret", "whsec-fount-test"}})
            .toJson(QJsonDocument::Compact);
    std::unique_ptr<QNetworkReply> registered(m_network.post(hook, hookBody));
    if (!QTest::qWaitFor([&] { return registered->isFinished(); }, 5000))
        return {};
    QNetworkRequest trigger(m_server->url(AudiencesPath + QString("/%1/exports").arg(audience)));
    trigger.setHeader(QNetworkRequest::ContentTypeHeader, "application/json");
    trigger.setRawHeader("Accept", "application/json");
    trigger.setRawHeader("Authorization", "Bearer " + Pat);
    std::unique_ptr<QNetworkReply> started(m_network.post(
        trigger, QJsonDocument(QJsonObject{{"format", format}}).toJson(QJsonDocument::Compact)));
    if (!QTest::qWaitFor([&] { return !m_received.isEmpty(); }, 5000))
        return {};
    return m_received.takeFirst();
}

QString TestFountConnector::savePayload(const QByteArray &body, const QString &name)
{
    const QString path = m_files.filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(body) != body.size())
        return {};
    return path;
}

// --- Sign-in and errors

void TestFountConnector::signsInWithTheAccessToken()
{
    auto ctx = context({{"perPage", 100}});
    bool ok = false;
    QString error;
    const QList<AudienceInfo> audiences = list(*ctx, &ok, &error);
    QVERIFY2(ok, qPrintable(error));
    QCOMPARE(audiences.size(), 40);
    const auto log = requests(AudiencesPath);
    QCOMPARE(log.size(), 1);
    QCOMPARE(log.first().completion.status, 200);
}

void TestFountConnector::wrongTokenSaysCheckTheAccessToken()
{
    auto ctx = context({}, "1|not-the-token");
    bool ok = true;
    QString error;
    list(*ctx, &ok, &error);
    QVERIFY(!ok);
    QVERIFY2(error.contains("check the access token"), qPrintable(error));
    QVERIFY2(error.contains("Fount (test)"), qPrintable(error));
    QVERIFY(!error.contains("not-the-token")); // never the secret
    QCOMPARE(ctx->reloads, 1);                 // the keychain was asked once more
    const auto log = requests(AudiencesPath);
    QCOMPARE(log.size(), 1); // nothing new in the keychain: not sent again
    QCOMPARE(log.first().completion.status, 401);

    // No token at all: refused before any request.
    m_server->requestLog().clear();
    auto none = context({}, {});
    list(*none, &ok, &error);
    QVERIFY(!ok);
    QVERIFY2(error.contains("no access token"), qPrintable(error));
    QVERIFY(requests().isEmpty());
}

void TestFountConnector::reloadedTokenIsUsed()
{
    auto ctx = context({{"perPage", 1000}}, "1|expired");
    ctx->reloadedSecrets.insert("token", Pat); // the user reconnected meanwhile
    bool ok = false;
    QString error;
    const auto audiences = list(*ctx, &ok, &error);
    QVERIFY2(ok, qPrintable(error));
    QCOMPARE(audiences.size(), 40);
    const auto log = requests(AudiencesPath);
    QCOMPARE(log.size(), 2);
    QCOMPARE(log.at(0).completion.status, 401);
    QCOMPARE(log.at(1).completion.status, 200);
}

void TestFountConnector::errorBodiesJsonAndHtmlAreUnderstood()
{
    const auto get = [this](const QString &path, bool json, const QByteArray &token) {
        QNetworkRequest request(m_server->url(path));
        if (json)
            request.setRawHeader("Accept", "application/json");
        if (!token.isEmpty())
            request.setRawHeader("Authorization", "Bearer " + token);
        std::unique_ptr<QNetworkReply> reply(m_network.get(request));
        if (!QTest::qWaitFor([&] { return reply->isFinished(); }, 5000))
            qWarning("no answer");
        return std::pair{reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(),
                         reply->readAll()};
    };
    auto ctx = context();
    FountTokenSession session(*ctx);
    const FountApi api(*ctx, session);

    // 401 as a JSON client sees it, and as the HTML page a Laravel app renders otherwise.
    const auto [jsonStatus, jsonBody] = get(AudiencesPath, true, "wrong");
    QCOMPARE(jsonStatus, 401);
    QCOMPARE(FountApi::serverMessage(jsonBody), "Unauthenticated.");
    const auto [htmlStatus, htmlBody] = get(AudiencesPath, false, "wrong");
    QCOMPARE(htmlStatus, 401);
    QVERIFY(htmlBody.contains("<html"));
    QCOMPARE(FountApi::serverMessage(htmlBody), "Unauthenticated.");
    for (const QByteArray &body : {jsonBody, htmlBody}) {
        const QString message = api.errorMessage(401, body, "fallback");
        QVERIFY2(message.contains("check the access token"), qPrintable(message));
    }

    // 404 and 422, with Laravel's validation errors.
    const auto [notFound, notFoundBody] = get(AudiencesPath + "/999", false, Pat);
    QCOMPARE(notFound, 404);
    QString message = api.errorMessage(404, notFoundBody, "fallback");
    QVERIFY2(message.contains("HTTP 404") && message.contains("Audience 999 not found."),
             qPrintable(message));
    const auto [invalid, invalidBody] =
        get(AudiencesPath + "/4/respondents?format=bogus", true, Pat);
    QCOMPARE(invalid, 422);
    message = api.errorMessage(422, invalidBody, "fallback");
    QVERIFY2(message.contains("HTTP 422") && message.contains("The selected format is invalid.") &&
                 message.contains("bav_respondent_ids"),
             qPrintable(message));
    // Not an error body at all: the transport's message.
    QCOMPARE(api.errorMessage(502, "", "connection refused"), "connection refused");
}

// --- Listing

void TestFountConnector::listsAllPagesWithGroupsAndFlags()
{
    auto ctx = context({{"perPage", 10}});
    bool ok = false;
    QString error;
    const QList<AudienceInfo> audiences = list(*ctx, &ok, &error);
    QVERIFY2(ok, qPrintable(error));
    // 40 active audiences (40 and 41 are inactive), ten a page.
    QCOMPARE(audiences.size(), 40);
    QSet<QString> ids;
    for (const AudienceInfo &info : audiences) {
        ids.insert(info.externalId);
        QCOMPARE(info.endpointId, 7);
        QVERIFY(!info.details.value("group").toObject().value("name").toString().isEmpty());
        QVERIFY(info.details.value("is_active").toBool());
    }
    QCOMPARE(ids.size(), 40);
    QVERIFY(!ids.contains("40") && !ids.contains("41"));
    const auto log = requests(AudiencesPath);
    QCOMPARE(log.size(), 4);
    for (int i = 0; i < log.size(); ++i) {
        const QUrlQuery query(QUrl(log.at(i).target).query());
        QCOMPARE(query.queryItemValue("page"), QString::number(i + 1));
        QCOMPARE(query.queryItemValue("include"), "group");
        QCOMPARE(query.queryItemValue("active"), "1");
        QCOMPARE(query.queryItemValue("per_page"), "10");
    }

    const AudienceInfo &all = audiences.first();
    QCOMPARE(all.externalId, "1");
    QCOMPARE(all.name, "All Adults");
    QVERIFY(!all.description.isEmpty());
    QCOMPARE(all.size, -1);
    QCOMPARE(all.details.value("group").toObject().value("name").toString(), "Demographics");
    QCOMPARE(all.details.value("studyType").toString(), "honeycomb");
    QCOMPARE(all.identifiers,
             QStringList({"bavRespondentId", "aoRespondentId", "aoProgressiveNumber"}));
    QVERIFY(all.details.value("created_at").toString().endsWith('Z'));
    QVERIFY(all.details.value("updated_at").toString().endsWith('Z'));

    // Gen Z Gamers: BAV only; the Audience Origin formats carry their reason.
    const auto gamers = std::find_if(audiences.begin(), audiences.end(),
                                     [](const AudienceInfo &a) { return a.externalId == "13"; });
    QVERIFY(gamers != audiences.end());
    QCOMPARE(gamers->identifiers, QStringList({"bavRespondentId"}));
    QCOMPARE(gamers->details.value("group").toObject().value("name").toString(), "Media & Gaming");
    QCOMPARE(gamers->details.value("studyType").toString(), "bav");
    const QJsonArray formats = gamers->details.value("formats").toArray();
    QCOMPARE(formats.size(), 4);
    QCOMPARE(formats.at(0).toObject().value("format").toString(), "definition");
    QVERIFY(formats.at(0).toObject().value("available").toBool());
    QVERIFY(formats.at(1).toObject().value("available").toBool());
    for (int i : {2, 3}) {
        const QJsonObject format = formats.at(i).toObject();
        QVERIFY(!format.value("available").toBool());
        QVERIFY2(format.value("reason").toString().contains("Audience Origin or Honeycomb"),
                 qPrintable(format.value("reason").toString()));
    }

    // Flags: 39 and 42 are private; 35 is a diversity audience.
    for (const AudienceInfo &info : audiences) {
        const bool isPrivate = info.externalId == "39" || info.externalId == "42";
        QCOMPARE(info.details.value("is_public").toBool(), !isPrivate);
        if (info.externalId == "35") {
            QVERIFY(info.details.value("available_for_diversity").toBool());
            QVERIFY(info.details.value("is_ethnic_minority").toBool());
        }
    }
}

void TestFountConnector::listsInactiveWhenAsked()
{
    auto ctx = context({{"perPage", 25}, {"includeInactive", true}});
    bool ok = false;
    QString error;
    const QList<AudienceInfo> audiences = list(*ctx, &ok, &error);
    QVERIFY2(ok, qPrintable(error));
    QCOMPARE(audiences.size(), 42);
    QCOMPARE(requests(AudiencesPath).size(), 2);
    // 41 is in no respondent-level study: the definition only.
    const AudienceInfo &test = audiences.at(40);
    QCOMPARE(test.externalId, "41");
    QVERIFY(!test.details.value("is_active").toBool());
    QVERIFY(test.identifiers.isEmpty());
    QCOMPARE(test.details.value("studyType").toString(), "none");
}

// --- Formats

void TestFountConnector::formatAvailabilityRule()
{
    using F = FountFormat;
    const FountFormats::Approvals both;
    int unexplained = 0;
    const auto allowed = [&unexplained](const QJsonObject &audience,
                                        const FountFormats::Approvals &a) {
        QList<F> out;
        for (const auto &format : FountFormats::availability(audience, a)) {
            if (format.available)
                out << format.format;
            else if (format.reason.isEmpty())
                ++unexplained; // an unavailable format must say why
        }
        return out;
    };
    // Honeycomb (BAV and respondent-level data) → all four.
    QCOMPARE(FountFormats::studyType(facts(true, true)), FountStudyType::Honeycomb);
    QCOMPARE(allowed(facts(true, true), both),
             QList<F>({F::Definition, F::BavRespondentIds, F::AoRespondentIds,
                       F::AoProgressiveNumbers}));
    // BAV → definition and BAV respondent ids.
    QCOMPARE(FountFormats::studyType(facts(true, false)), FountStudyType::Bav);
    QCOMPARE(allowed(facts(true, false), both), QList<F>({F::Definition, F::BavRespondentIds}));
    // Audience Origin → definition and both AO formats.
    QCOMPARE(FountFormats::studyType(facts(false, true)), FountStudyType::AudienceOrigin);
    QCOMPARE(allowed(facts(false, true), both),
             QList<F>({F::Definition, F::AoRespondentIds, F::AoProgressiveNumbers}));
    const QString bavReason =
        FountFormats::check(F::BavRespondentIds, facts(false, true), both).reason;
    QVERIFY2(bavReason.contains("BAV or Honeycomb") && bavReason.contains("Audience Origin study"),
             qPrintable(bavReason));
    // Neither → the definition only.
    QCOMPARE(allowed(facts(false, false), both), QList<F>({F::Definition}));

    // Approvals, from the endpoint's settings: absent = both; listed = only those.
    const auto onlyBav = FountFormats::approvals({{"approvals", QJsonArray{"bav"}}});
    QVERIFY(onlyBav.bav && !onlyBav.choreograph);
    QCOMPARE(allowed(facts(true, true), onlyBav), QList<F>({F::Definition, F::BavRespondentIds}));
    const QString choreograph =
        FountFormats::check(F::AoProgressiveNumbers, facts(true, true), onlyBav).reason;
    QVERIFY2(choreograph.contains("Choreograph"), qPrintable(choreograph));
    const auto none = FountFormats::approvals({{"approvals", QJsonArray{}}});
    QCOMPARE(allowed(facts(true, true), none), QList<F>({F::Definition}));
    QVERIFY(FountFormats::check(F::BavRespondentIds, facts(true, true), none)
                .reason.contains("BAV's approval"));

    // Names and columns.
    QCOMPARE(FountFormats::fromName("ao_progressive_numbers"), F::AoProgressiveNumbers);
    QCOMPARE(FountFormats::fromName("BavRespondentId"), F::BavRespondentIds);
    QVERIFY(!FountFormats::fromName("emails"));
    QVERIFY(!FountFormats::hasStudyFacts({{"available_for_bav", true}}));
    QCOMPARE(unexplained, 0);
}

void TestFountConnector::unavailableFormatRefusedBeforeAnyRequest_data()
{
    QTest::addColumn<int>("audience");
    QTest::addColumn<QJsonObject>("settings");
    QTest::addColumn<QJsonObject>("options");
    QTest::addColumn<QStringList>("columns");
    QTest::addColumn<QString>("expected");

    const QString studyType = "Audience Origin or Honeycomb";
    QTest::newRow("AO ids of a BAV-only audience")
        << 13 << QJsonObject() << QJsonObject{{"format", "ao_respondent_ids"}} << QStringList()
        << studyType;
    QTest::newRow("AO column of a BAV-only audience")
        << 13 << QJsonObject() << QJsonObject() << QStringList{"aoProgressiveNumber"} << studyType;
    QTest::newRow("no Choreograph approval") << 4 << QJsonObject{{"approvals", QJsonArray{"bav"}}}
                                             << QJsonObject{{"format", "ao_progressive_numbers"}}
                                             << QStringList() << "Choreograph's approval";
    QTest::newRow("unknown format") << 4 << QJsonObject() << QJsonObject{{"format", "emails"}}
                                    << QStringList() << "not a Fount export format";
    QTest::newRow("unknown column") << 4 << QJsonObject() << QJsonObject() << QStringList{"email"}
                                    << "not a column of Fount exports";
    QTest::newRow("columns of two formats")
        << 4 << QJsonObject() << QJsonObject{{"format", "bav_respondent_ids"}}
        << QStringList{"aoRespondentId"} << "one format";
    QTest::newRow("payload file missing")
        << 4 << QJsonObject() << QJsonObject{{"payloadFile", "/nonexistent/export.json"}}
        << QStringList() << "does not exist";
}

void TestFountConnector::unavailableFormatRefusedBeforeAnyRequest()
{
    QFETCH(int, audience);
    QFETCH(QJsonObject, settings);
    QFETCH(QJsonObject, options);
    QFETCH(QStringList, columns);
    QFETCH(QString, expected);

    const AudienceInfo info = listed(audience, settings);
    QCOMPARE(info.externalId, QString::number(audience));
    m_server->requestLog().clear();

    auto ctx = context(settings);
    FetchRequest request{info, columns, options};
    auto fetch = m_connector.createFetch(*ctx, request);
    Step step;
    fetch->fetch(step.callback());
    QVERIFY(step.wait());
    QVERIFY(!step.ok);
    QVERIFY2(step.error.contains(expected), qPrintable(step.error));
    QVERIFY(requests("/").isEmpty()); // nothing was sent
}

void TestFountConnector::audienceWithoutCachedFlagsIsLookedUpFirst()
{
    auto ctx = context();
    AudienceInfo bare;
    bare.externalId = "13";
    bare.name = "Gen Z Gamers";
    FountFetch fetch(*ctx, FetchRequest{bare, {}, {{"format", "ao_respondent_ids"}}});
    Step step;
    fetch.fetch(step.callback());
    QVERIFY(step.wait());
    QVERIFY(!step.ok);
    QVERIFY2(step.error.contains("Audience Origin or Honeycomb"), qPrintable(step.error));
    const auto log = requests();
    QCOMPARE(log.size(), 1); // the lookup, no respondents
    QCOMPARE(log.first().path, AudiencesPath + "/13");

    // Allowed: looked up, then read.
    m_server->requestLog().clear();
    auto again = context();
    FountFetch allowed(*again, FetchRequest{bare, {}, {}});
    Step ok;
    allowed.fetch(ok.callback());
    QVERIFY(ok.wait());
    QVERIFY2(ok.ok, qPrintable(ok.error));
    QCOMPARE(allowed.format(), FountFormat::BavRespondentIds);
    QCOMPARE(readRows(allowed).column(0),
             expectedIds(13, FountCatalogue::IdFormat::BavRespondentIds));
}

// --- Fetch from the API

void TestFountConnector::fetchesLargeAudienceAcrossPages()
{
    const AudienceInfo all = listed(1);
    m_server->requestLog().clear();
    auto ctx = context();
    auto fetch = m_connector.createFetch(*ctx, FetchRequest{all, {}, {}});
    Step step;
    fetch->fetch(step.callback());
    QVERIFY(step.wait());
    QVERIFY2(step.ok, qPrintable(step.error));
    QVERIFY(!fetch->resumedSameSnapshot());

    const Rows rows = readRows(*fetch);
    QVERIFY2(rows.error.isEmpty(), qPrintable(rows.error));
    QCOMPARE(rows.columns, QStringList{"bavRespondentId"}); // the default: BAV respondent ids
    const QStringList ids = rows.column(0);
    QCOMPARE(ids.size(), 24000);
    QCOMPARE(QSet<QString>(ids.begin(), ids.end()).size(), 24000);
    QCOMPARE(ids, expectedIds(1, FountCatalogue::IdFormat::BavRespondentIds));

    const auto log = requests(AudiencesPath + "/1/respondents");
    QCOMPARE(log.size(), 24); // 1000 a page
    for (int i = 0; i < log.size(); ++i) {
        const QUrlQuery query(QUrl(log.at(i).target).query());
        QCOMPARE(query.queryItemValue("page"), QString::number(i + 1));
        QCOMPARE(query.queryItemValue("per_page"), "1000");
        QCOMPARE(query.queryItemValue("format"), "bav_respondent_ids");
    }
    // No spooled JSON pages are left behind.
    QVERIFY(QDir(ctx->workDirectory()).entryList({"*.json"}, QDir::Files).isEmpty());
    const QJsonObject checkpoint = ctx->checkpoints.value("source");
    QCOMPARE(checkpoint.value("parts").toArray().size(), 24);
    QCOMPARE(checkpoint.value("total").toInt(), 24000);
    QVERIFY(checkpoint.value("done").toBool());
    QVERIFY(ctx->phases.contains(RunState::Downloading));
}

void TestFountConnector::formatChosenByTheMappedColumn()
{
    const AudienceInfo info = listed(4);
    auto ctx = context({{"perPage", 500}});
    FountFetch fetch(*ctx, FetchRequest{info, {"aoProgressiveNumber"}, {}});
    Step step;
    fetch.fetch(step.callback());
    QVERIFY(step.wait());
    QVERIFY2(step.ok, qPrintable(step.error));
    QCOMPARE(fetch.format(), FountFormat::AoProgressiveNumbers);
    const Rows rows = readRows(fetch);
    QCOMPARE(rows.columns, QStringList{"aoProgressiveNumber"});
    const QStringList expected = expectedIds(4, FountCatalogue::IdFormat::AoProgressiveNumbers);
    QVERIFY(expected.size() > 1000);
    QCOMPARE(rows.column(0), expected);
    QVERIFY(rows.column(0).first().endsWith("_2x_4"));
}

void TestFountConnector::fetchesTheDefinition()
{
    const AudienceInfo info = listed(4);
    m_server->requestLog().clear();
    auto ctx = context();
    FountFetch fetch(*ctx, FetchRequest{info, {}, {{"format", "definition"}}});
    Step step;
    fetch.fetch(step.callback());
    QVERIFY(step.wait());
    QVERIFY2(step.ok, qPrintable(step.error));
    const Rows rows = readRows(fetch);
    QCOMPARE(rows.columns, FountFormats::definitionColumns());
    QCOMPARE(rows.rows.size(), 1);
    const auto cell = [&](const QString &column) {
        return QString::fromUtf8(rows.rows.first().at(rows.columns.indexOf(column)));
    };
    QCOMPARE(cell("id"), "4");
    QCOMPARE(cell("name"), "Female 18-25");
    QCOMPARE(cell("group"), "Demographics");
    QCOMPARE(cell("availableForBav"), "true");
    QCOMPARE(cell("bcFilters"), "gender=female; age=18-25");
    QCOMPARE(requests().size(), 1);
    QCOMPARE(requests().first().path, AudiencesPath + "/4");
}

void TestFountConnector::unknownAudienceIs404()
{
    AudienceInfo gone;
    gone.externalId = "999";
    gone.name = "Deleted cut";
    gone.details = facts(true, true);
    auto ctx = context();
    FountFetch fetch(*ctx, FetchRequest{gone, {}, {}});
    Step step;
    fetch.fetch(step.callback());
    QVERIFY(step.wait());
    QVERIFY(!step.ok);
    QVERIFY2(step.error.contains("HTTP 404") && step.error.contains("Deleted cut") &&
                 step.error.contains("refresh"),
             qPrintable(step.error));
    QCOMPARE(requests().size(), 1); // a 404 is an answer, not retried
}

void TestFountConnector::rateLimitIsWaitedOut()
{
    const AudienceInfo info = listed(4);
    auto &options = m_server->context().options().fount;
    options.rateLimit = 2;
    options.rateWindow = 300ms;
    m_server->reset();                      // a fresh window
    auto ctx = context({{"perPage", 500}}); // 4 pages
    FountFetch fetch(*ctx, FetchRequest{info, {}, {}});
    Step step;
    fetch.fetch(step.callback());
    QVERIFY(step.wait());
    QVERIFY2(step.ok, qPrintable(step.error));
    QCOMPARE(readRows(fetch).column(0), expectedIds(4, FountCatalogue::IdFormat::BavRespondentIds));
    int limited = 0;
    for (const auto &entry : requests())
        limited += entry.completion.status == 429;
    QVERIFY2(limited > 0, "the rate limit was met");
}

void TestFountConnector::injected429IsRetried()
{
    const AudienceInfo info = listed(5);
    m_server->requestLog().clear();
    sandbox::FaultRule rule;
    rule.pathPrefix = AudiencesPath + "/5/respondents";
    rule.errorStatus = 429;
    rule.retryAfterSeconds = 1;
    rule.times = 2;
    m_server->faults().addRule(rule);
    auto ctx = context();
    FountFetch fetch(*ctx, FetchRequest{info, {}, {}});
    Step step;
    fetch.fetch(step.callback());
    QVERIFY(step.wait());
    QVERIFY2(step.ok, qPrintable(step.error));
    const auto log = requests();
    QCOMPARE(log.size(), 4); // 2 × 429, then pages 1 and 2 (1,600-odd respondents)
    QCOMPARE(log.at(0).completion.status, 429);
    QCOMPARE(log.at(1).completion.status, 429);
    QCOMPARE(log.at(2).completion.status, 200);
    QCOMPARE(readRows(fetch).column(0), expectedIds(5, FountCatalogue::IdFormat::BavRespondentIds));
}

void TestFountConnector::unreadablePageIsAskedForAgain()
{
    const AudienceInfo info = listed(4);
    m_server->requestLog().clear();
    sandbox::FaultRule rule;
    rule.pathPrefix = AudiencesPath + "/4/respondents";
    rule.malformedJson = true;
    rule.times = 1;
    m_server->faults().addRule(rule);
    auto ctx = context();
    FountFetch fetch(*ctx, FetchRequest{info, {}, {}});
    Step step;
    fetch.fetch(step.callback());
    QVERIFY(step.wait());
    QVERIFY2(step.ok, qPrintable(step.error));
    QCOMPARE(requests().size(), 3); // pages 1 and 2, page 1 twice
    QVERIFY2(ctx->logLines.join('\n').contains("could not be read"),
             qPrintable(ctx->logLines.join('\n')));
    QCOMPARE(readRows(fetch).column(0), expectedIds(4, FountCatalogue::IdFormat::BavRespondentIds));
}

void TestFountConnector::pagesThatStayUnreadableFail()
{
    const AudienceInfo info = listed(4);
    m_server->requestLog().clear();
    sandbox::FaultRule rule;
    rule.pathPrefix = AudiencesPath + "/4/respondents";
    rule.malformedJson = true;
    m_server->faults().addRule(rule);
    auto ctx = context();
    FountFetch fetch(*ctx, FetchRequest{info, {}, {}});
    Step step;
    fetch.fetch(step.callback());
    QVERIFY(step.wait());
    QVERIFY(!step.ok);
    QVERIFY2(step.error.contains("cannot be read"), qPrintable(step.error));
    QCOMPARE(requests().size(), 1 + FountFetch::MaxBadPages);
}

void TestFountConnector::resumeSkipsPagesAlreadyRead()
{
    const AudienceInfo female = listed(2); // some 12,000 respondents: 13 pages of 1000
    const QStringList expected = expectedIds(2, FountCatalogue::IdFormat::BavRespondentIds);
    const int pages = int((expected.size() + 999) / 1000);
    QVERIFY(pages >= 10);
    auto ctx = context();
    int done = 0;
    {
        FountFetch first(*ctx, FetchRequest{female, {}, {}});
        Step step;
        first.fetch(step.callback());
        // Interrupted after a few pages.
        QVERIFY(QTest::qWaitFor(
            [&] { return ctx->checkpoints.value("source").value("parts").toArray().size() >= 4; },
            StepTimeoutMs));
        first.cancel();
        done = int(ctx->checkpoints.value("source").value("parts").toArray().size());
        QVERIFY(!step.finished);
    }
    QVERIFY(done >= 4 && done < pages);
    QTest::qWait(20); // let a cancelled request's answer arrive, if one was under way
    m_server->requestLog().clear();

    FountFetch second(*ctx, FetchRequest{female, {}, {}});
    Step step;
    second.fetch(step.callback());
    QVERIFY(step.wait());
    QVERIFY2(step.ok, qPrintable(step.error));
    QVERIFY(second.resumedSameSnapshot());
    const auto log = requests(AudiencesPath + "/2/respondents");
    QCOMPARE(log.size(), pages - done);
    QCOMPARE(QUrlQuery(QUrl(log.first().target).query()).queryItemValue("page"),
             QString::number(done + 1));
    QCOMPARE(second.pagesRequested(), pages - done);
    QCOMPARE(readRows(second).column(0), expected);

    // Once everything is read, a resume asks for nothing.
    m_server->requestLog().clear();
    FountFetch third(*ctx, FetchRequest{female, {}, {}});
    Step again;
    third.fetch(again.callback());
    QVERIFY(again.wait());
    QVERIFY2(again.ok, qPrintable(again.error));
    QVERIFY(requests().isEmpty());
    QCOMPARE(third.respondents(), expected.size());
}

// --- Fetch from a saved export webhook payload

void TestFountConnector::fetchesFromSavedWebhookPayload()
{
    const AudienceInfo info = listed(4);
    const QByteArray body = exportPayload(4, "ao_respondent_ids");
    QVERIFY(!body.isEmpty());
    const QString file = savePayload(body, "export-4.json");
    m_server->requestLog().clear();

    auto ctx = context();
    FountFetch fetch(
        *ctx, FetchRequest{info, {}, {{"format", "ao_respondent_ids"}, {"payloadFile", file}}});
    Step step;
    fetch.fetch(step.callback());
    QVERIFY(step.wait());
    QVERIFY2(step.ok, qPrintable(step.error));
    QVERIFY(requests().isEmpty()); // read from the file, not the API
    const Rows rows = readRows(fetch);
    QCOMPARE(rows.columns, QStringList{"aoRespondentId"});
    QCOMPARE(rows.column(0), expectedIds(4, FountCatalogue::IdFormat::AoRespondentIds));
    const QString logged = ctx->logLines.join('\n');
    QVERIFY2(logged.contains("Sandbox User") && logged.contains("WPP"), qPrintable(logged));

    // A resume reuses what was read while the file is unchanged.
    FountFetch resumed(
        *ctx, FetchRequest{info, {}, {{"format", "ao_respondent_ids"}, {"payloadFile", file}}});
    Step again;
    resumed.fetch(again.callback());
    QVERIFY(again.wait());
    QVERIFY2(again.ok, qPrintable(again.error));
    QVERIFY(resumed.resumedSameSnapshot());
    QCOMPARE(readRows(resumed).rows.size(), rows.rows.size());
}

void TestFountConnector::payloadOfAnotherAudienceIsRefused()
{
    const AudienceInfo other = listed(5);
    const QString file = savePayload(exportPayload(4, "bav_respondent_ids"), "export-4-bav.json");
    QVERIFY(!file.isEmpty());
    auto ctx = context();
    FountFetch fetch(*ctx, FetchRequest{other, {}, {{"payloadFile", file}}});
    Step step;
    fetch.fetch(step.callback());
    QVERIFY(step.wait());
    QVERIFY(!step.ok);
    QVERIFY2(step.error.contains("audience 4") && step.error.contains("Female 18-25") &&
                 step.error.contains("Male 18-25"),
             qPrintable(step.error));
    QString error;
    QVERIFY(!fetch.openRows(&error)); // nothing was kept
    QVERIFY(QDir(ctx->workDirectory()).entryList({"*.csv"}, QDir::Files).isEmpty());

    // A file that is not an export at all.
    const QString junk = savePayload("{\"respondents\": [\"a\", ", "junk.json");
    FountFetch broken(*ctx, FetchRequest{other, {}, {{"payloadFile", junk}}});
    Step bad;
    broken.fetch(bad.callback());
    QVERIFY(bad.wait());
    QVERIFY(!bad.ok);
    QVERIFY2(bad.error.contains("could not be read"), qPrintable(bad.error));
}

void TestFountConnector::payloadInTheOtherIdShapeIsRefused()
{
    const AudienceInfo info = listed(4);
    const QString file =
        savePayload(exportPayload(4, "ao_progressive_numbers"), "export-4-progressive.json");
    QVERIFY(!file.isEmpty());
    auto ctx = context();
    FountFetch fetch(*ctx, FetchRequest{info, {}, {{"payloadFile", file}}}); // BAV by default
    Step step;
    fetch.fetch(step.callback());
    QVERIFY(step.wait());
    QVERIFY(!step.ok);
    QVERIFY2(step.error.contains("does not hold BAV respondent IDs") &&
                 step.error.contains("_2x_4"),
             qPrintable(step.error));

    // A definition export holds no respondents.
    const QString definition = savePayload(exportPayload(4, "definition"), "export-4-def.json");
    FountFetch noIds(*ctx, FetchRequest{info, {}, {{"payloadFile", definition}}});
    Step none;
    noIds.fetch(none.callback());
    QVERIFY(none.wait());
    QVERIFY(!none.ok);
    QVERIFY2(none.error.contains("holds no respondents"), qPrintable(none.error));
    // Read as what it is, it gives the definition row.
    FountFetch asDefinition(
        *ctx, FetchRequest{info, {}, {{"payloadFile", definition}, {"format", "definition"}}});
    Step def;
    asDefinition.fetch(def.callback());
    QVERIFY(def.wait());
    QVERIFY2(def.ok, qPrintable(def.error));
    const Rows rows = readRows(asDefinition);
    QCOMPARE(rows.rows.size(), 1);
    QCOMPARE(rows.rows.first().at(rows.columns.indexOf("isStandard")), "true");
}

QTEST_GUILESS_MAIN(TestFountConnector)
#include "tst_fountconnector.moc"
