// The Google Analytics 4 source connector against the in-process sandbox (real loopback HTTP):
// the three sign-ins, the audience listing, and the audience export cycle (reuse, create, poll,
// query page by page into CSV parts, resume), with the sandbox's faults for the bad days.
#include "connectors/ga4/Ga4Api.h"
#include "connectors/ga4/Ga4Connectors.h"
#include "connectors/ga4/Ga4Fetch.h"
#include "connectors/ga4/Ga4TokenSessions.h"
#include "sandbox/faults/Faults.h"
#include "sandbox/http/RequestLog.h"
#include "sandbox/protocols/ga4/Ga4Catalogue.h"
#include "sandbox/protocols/ga4/Ga4Common.h"
#include "sandbox/SandboxContext.h"
#include "sandbox/SandboxServer.h"
#include "support/ConnectorTestSupport.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkReply>
#include <QtTest>

using namespace courier;
using namespace courier::testing;
using namespace std::chrono_literals;

namespace {

constexpr auto Property = "1234567";

struct Listed
{
    bool finished = false;
    bool ok = false;
    QList<AudienceInfo> audiences;
    QString error;
};

sandbox::FaultRule rule(const QString &pathPrefix, const QByteArray &method = {})
{
    sandbox::FaultRule r;
    r.pathPrefix = pathPrefix;
    r.method = method;
    return r;
}

} // namespace

class TestGa4Connector : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();

    // Sign-in.
    void signsInWithServiceAccount();
    void refreshesTokenBeforeItExpires();
    void renewsTokenAfter401();
    void signsInWithRefreshToken();
    void usesPastedAccessToken();
    void tamperedKeyIsRefusedClearly();
    void invalidKeyFileFailsBeforeAnyRequest_data();
    void invalidKeyFileFailsBeforeAnyRequest();

    // Listing.
    void listsAudiencesPageByPage();
    void unknownPropertyIsRefused();
    void unknownAudienceGivesGooglesReason();
    void errorMessagesSayWhatToDo();

    // The export cycle.
    void exportsAcrossQueryPages();
    void serverMayAnswerFewerRows();
    void largeExportUsesTheLargestPages();
    void reusesActiveExport();
    void failedExportIsRequestedOnceMore();
    void failedExportTwiceFails();
    void emptyAudienceIsEmptySuccess();
    void quotaErrorsBackOff();
    void persistentQuotaErrorSaysWhenToRetry();
    void badDimensionFailsBeforeAnyRequest();
    void damagedPageIsAskedForAgain();
    void resumeSkipsPagesDone();
    void resumeRecreatesGoneExport();
    void cancelledFetchCallsNothing();

private:
    QJsonObject settings(const QString &method, const QJsonObject &extra = {}) const;
    std::unique_ptr<TestContext> context(const QString &method = QStringLiteral("serviceAccount"),
                                         const QJsonObject &extra = {}) const;
    Listed list(TestContext &context);
    std::unique_ptr<SourceFetch> fetch(TestContext &context, const QString &audience, Step *step,
                                       const QStringList &columns = {},
                                       const QJsonObject &options = {});
    // Reads every row and checks it against the sandbox's generator (every `stride`-th row
    // and the last one value by value); returns the row count.
    qint64 verifyRows(SourceFetch &fetch, const QString &audienceId,
                      const QString &property = QString::fromLatin1(Property), int stride = 1);
    QList<sandbox::RequestLog::Entry> requests(const QString &prefix,
                                               const QByteArray &method = {}) const;
    int creates() const;
    int queries() const;

    std::unique_ptr<sandbox::SandboxServer> m_sandbox;
    QByteArray m_keyFile;
};

// --- fixtures ---------------------------------------------------------------------------------

void TestGa4Connector::initTestCase()
{
    QLoggingCategory::setFilterRules("courier.sandbox.debug=false");
    sandbox::SandboxOptions options;
    options.jobReadyAfter = 80ms;
    m_sandbox = std::make_unique<sandbox::SandboxServer>(options);
    QString error;
    QVERIFY2(m_sandbox->listen(0, &error), qPrintable(error));

    QNetworkAccessManager nam;
    QNetworkReply *reply =
        nam.get(QNetworkRequest(m_sandbox->url("/sandbox/ga4/service-account.json")));
    QVERIFY(QTest::qWaitFor([reply] { return reply->isFinished(); }, StepTimeoutMs));
    m_keyFile = reply->readAll();
    delete reply;
    QVERIFY(m_keyFile.contains("PRIVATE KEY"));
}

void TestGa4Connector::init()
{
    m_sandbox->reset();
    m_sandbox->context().options().ga4.maxRowsPerQuery = 0;
}

QJsonObject TestGa4Connector::settings(const QString &method, const QJsonObject &extra) const
{
    QJsonObject json{
        {"propertyId", Property},
        {"authMethod", method},
        {"adminUrl", m_sandbox->url("/ga4/analyticsadmin").toString()},
        {"dataUrl", m_sandbox->url("/ga4/analyticsdata").toString()},
    };
    // A service account takes the key file's token_uri (the sandbox's); the others need it.
    if (method != QLatin1String("serviceAccount"))
        json.insert("tokenUrl", m_sandbox->url("/ga4/token").toString());
    if (method == QLatin1String("oauth"))
        json.insert("oauthClientId", QString::fromUtf8(m_sandbox->options().ga4.oauthClientId));
    for (auto it = extra.begin(); it != extra.end(); ++it)
        json.insert(it.key(), it.value());
    return json;
}

std::unique_ptr<TestContext> TestGa4Connector::context(const QString &method,
                                                       const QJsonObject &extra) const
{
    Endpoint endpoint;
    endpoint.id = 11;
    endpoint.name = "Sandbox GA4";
    endpoint.kind = "ga4";
    endpoint.role = Endpoint::Role::Source;
    endpoint.settings = settings(method, extra);
    endpoint.secretStored = true;
    auto context = std::make_unique<TestContext>(endpoint);
    if (method == QLatin1String("serviceAccount")) {
        context->secrets.insert("serviceAccountKey", m_keyFile);
    } else if (method == QLatin1String("oauth")) {
        context->secrets.insert("refreshToken", m_sandbox->options().ga4.refreshToken);
        context->secrets.insert("oauthClientSecret", m_sandbox->options().ga4.oauthClientSecret);
    }
    return context;
}

Listed TestGa4Connector::list(TestContext &context)
{
    Ga4SourceConnector connector;
    Listed result;
    int calls = 0;
    std::unique_ptr<QObject> listing = connector.listAudiences(
        context, [&](bool ok, const QList<AudienceInfo> &audiences, const QString &error) {
            ++calls;
            result = {true, ok, audiences, error};
        });
    if (!QTest::qWaitFor([&] { return result.finished; }, StepTimeoutMs))
        qWarning() << "the listing did not finish";
    QTest::qWait(1); // a second done() would show here
    if (calls != 1)
        qWarning() << "done called" << calls << "times";
    return result;
}

std::unique_ptr<SourceFetch> TestGa4Connector::fetch(TestContext &context, const QString &audience,
                                                     Step *step, const QStringList &columns,
                                                     const QJsonObject &options)
{
    Ga4SourceConnector connector;
    AudienceInfo info;
    info.externalId = audience;
    info.name = "Audience " + audience;
    std::unique_ptr<SourceFetch> fetch =
        connector.createFetch(context, FetchRequest{info, columns, options});
    fetch->fetch(step->callback());
    if (!step->wait())
        qWarning() << "the fetch did not finish";
    return fetch;
}

qint64 TestGa4Connector::verifyRows(SourceFetch &fetch, const QString &audienceId,
                                    const QString &property, int stride)
{
    QString error;
    std::unique_ptr<RowReader> reader = fetch.openRows(&error);
    if (!reader) {
        qWarning() << "openRows:" << error;
        return -1;
    }
    const auto audience = sandbox::Ga4Catalogue::find(property, audienceId);
    if (!audience) {
        qWarning() << "no such sandbox audience" << audienceId;
        return -1;
    }
    const sandbox::SyntheticAudience members = audience->audience();
    QList<sandbox::Ga4Dimension> dimensions;
    for (const QString &column : reader->columns())
        dimensions << *sandbox::ga4DimensionFromName(column);
    QStringList rejects;
    reader->setRejectSink([&rejects](RejectedRow &&row) { rejects << row.reason; });

    qint64 index = 0;
    qint64 mismatches = 0;
    RowBatch batch;
    const auto check = [&](int row) {
        for (int c = 0; c < dimensions.size(); ++c) {
            const QByteArray expected = sandbox::ga4DimensionValue(members, index, dimensions[c]);
            if (batch.cell(row, c) != expected && mismatches++ < 5)
                qWarning() << "row" << index << reader->columns().at(c) << "is"
                           << batch.cell(row, c) << "expected" << expected;
        }
    };
    for (;;) {
        const bool more = reader->read(batch, 5000);
        for (int row = 0; row < batch.rowCount(); ++row, ++index) {
            if (index % stride == 0 || index == members.size() - 1)
                check(row);
        }
        if (!more)
            break;
    }
    if (!reader->errorString().isEmpty() || !rejects.isEmpty() || mismatches > 0) {
        qWarning() << "reading failed:" << reader->errorString() << rejects << mismatches
                   << "mismatches";
        return -1;
    }
    return index;
}

QList<sandbox::RequestLog::Entry> TestGa4Connector::requests(const QString &prefix,
                                                             const QByteArray &method) const
{
    return m_sandbox->requestLog().matching(prefix, method);
}

int TestGa4Connector::creates() const
{
    int n = 0;
    for (const auto &entry : requests("/ga4/analyticsdata/", "POST"))
        n += entry.path.endsWith("/audienceExports") ? 1 : 0;
    return n;
}

int TestGa4Connector::queries() const
{
    int n = 0;
    for (const auto &entry : requests("/ga4/analyticsdata/", "POST"))
        n += entry.path.endsWith(":query") ? 1 : 0;
    return n;
}

// --- sign-in ----------------------------------------------------------------------------------

void TestGa4Connector::signsInWithServiceAccount()
{
    auto ctx = context();
    const Listed listed = list(*ctx);
    QVERIFY2(listed.ok, qPrintable(listed.error));
    QCOMPARE(listed.audiences.size(), 4);
    QStringList ids;
    for (const AudienceInfo &audience : listed.audiences)
        ids << audience.externalId;
    QCOMPARE(ids, QStringList({"12300", "12345", "12346", "12347"}));

    const AudienceInfo &purchasers = listed.audiences.at(1);
    QCOMPARE(purchasers.name, QString("Purchasers"));
    QCOMPARE(purchasers.endpointId, 11);
    QCOMPARE(purchasers.size, -1);
    QCOMPARE(purchasers.identifiers, QStringList({"deviceId", "userId"}));
    QCOMPARE(purchasers.attributes,
             QStringList({"isAdsPersonalizationAllowed", "isLimitedAdTracking"}));
    QCOMPARE(purchasers.details.value("resourceName").toString(),
             QString("properties/1234567/audiences/12345"));
    QVERIFY(purchasers.details.value("membershipDurationDays").toInt() > 0);
    QVERIFY(purchasers.details.contains("adsPersonalizationEnabled"));
    QVERIFY(!purchasers.details.value("createTime").toString().isEmpty());
    QVERIFY(purchasers.refreshedAt.isValid());

    // One token (a signed assertion the sandbox verified), one page.
    QCOMPARE(requests("/ga4/token", "POST").size(), 1);
    QCOMPARE(requests("/ga4/token", "POST").first().completion.status, 200);
    QCOMPARE(requests("/ga4/analyticsadmin/").size(), 1);
}

void TestGa4Connector::refreshesTokenBeforeItExpires()
{
    // Tokens live 2 s: TokenSession renews them half-way (a 5 min margin would make every
    // token stale from the start).
    sandbox::FaultRule shortTokens = rule("/ga4/token");
    shortTokens.tokenTtlSeconds = 2;
    m_sandbox->faults().addRule(shortTokens);

    auto ctx = context();
    std::unique_ptr<TokenSession> session;
    QString error;
    const std::optional<Ga4Api> api = Ga4Api::prepare(*ctx, &session, &error);
    QVERIFY2(api, qPrintable(error));
    QVERIFY(qobject_cast<Ga4ServiceAccountSession *>(session.get()));

    QObject owner;
    const auto call = [&] {
        Ga4Call get;
        get.spec = Ga4Api::get(api->adminUrl("properties/1234567/audiences"));
        std::optional<Ga4Reply> answer;
        api->send(&owner, nullptr, get, [&](const Ga4Reply &reply) { answer = reply; });
        if (!QTest::qWaitFor([&] { return answer.has_value(); }, StepTimeoutMs))
            return Ga4Reply{};
        return *answer;
    };

    Ga4Reply reply = call();
    QVERIFY2(reply.ok, qPrintable(reply.error));
    QCOMPARE(session->fetches(), 1);
    QCOMPARE(session->refreshMargin(), 1s);
    const QByteArray first = session->current();
    QVERIFY(session->token().expiresAt <= QDateTime::currentDateTimeUtc().addSecs(2));

    reply = call(); // still fresh: no new token
    QVERIFY2(reply.ok, qPrintable(reply.error));
    QCOMPARE(session->fetches(), 1);

    QTest::qWait(1100); // within the margin now, though not expired
    reply = call();
    QVERIFY2(reply.ok, qPrintable(reply.error));
    QCOMPARE(session->fetches(), 2);
    QVERIFY(session->current() != first);

    // Token, call, call, token, call: the renewal came before the token lapsed, so the API
    // never had to refuse one.
    const QList<sandbox::RequestLog::Entry> log = m_sandbox->requestLog().entries();
    QStringList sequence;
    for (const auto &entry : log) {
        sequence << (entry.path == "/ga4/token" ? "token" : "call");
        QCOMPARE(entry.completion.status, 200);
    }
    QCOMPARE(sequence, QStringList({"token", "call", "call", "token", "call"}));
}

void TestGa4Connector::renewsTokenAfter401()
{
    auto ctx = context();
    Listed listed = list(*ctx);
    QVERIFY2(listed.ok, qPrintable(listed.error));

    // The token is revoked behind the session's back (still "fresh" by its clock): the API
    // answers 401, the session gets a new token once, and the call goes through.
    std::unique_ptr<TokenSession> session;
    QString error;
    const std::optional<Ga4Api> api = Ga4Api::prepare(*ctx, &session, &error);
    QVERIFY2(api, qPrintable(error));
    QObject owner;
    std::optional<Ga4Reply> answer;
    Ga4Call call;
    call.spec = Ga4Api::get(api->adminUrl("properties/1234567/audiences"));
    api->send(&owner, nullptr, call, [&](const Ga4Reply &reply) { answer = reply; });
    QVERIFY(QTest::qWaitFor([&] { return answer.has_value(); }, StepTimeoutMs));
    QVERIFY2(answer->ok, qPrintable(answer->error));
    m_sandbox->context().tokens().revoke(session->current());
    m_sandbox->requestLog().clear();

    answer.reset();
    api->send(&owner, nullptr, call, [&](const Ga4Reply &reply) { answer = reply; });
    QVERIFY(QTest::qWaitFor([&] { return answer.has_value(); }, StepTimeoutMs));
    QVERIFY2(answer->ok, qPrintable(answer->error));
    QCOMPARE(session->fetches(), 2);
    QStringList sequence;
    for (const auto &entry : m_sandbox->requestLog().entries())
        sequence << QString::number(entry.completion.status) + " " +
                        (entry.path == "/ga4/token" ? "token" : "call");
    QCOMPARE(sequence, QStringList({"401 call", "200 token", "200 call"}));
}

void TestGa4Connector::signsInWithRefreshToken()
{
    auto ctx = context("oauth");
    Listed listed = list(*ctx);
    QVERIFY2(listed.ok, qPrintable(listed.error));
    QCOMPARE(listed.audiences.size(), 4);
    QCOMPARE(requests("/ga4/token", "POST").size(), 1);

    // A revoked sign-in says what to do.
    m_sandbox->requestLog().clear();
    ctx->secrets.insert("refreshToken", "1//revoked");
    listed = list(*ctx);
    QVERIFY(!listed.ok);
    QVERIFY2(listed.error.contains("Token has been expired or revoked."), qPrintable(listed.error));
    QVERIFY2(listed.error.contains("Sign in with Google again"), qPrintable(listed.error));
    QVERIFY(!listed.error.contains("1//"));
    QCOMPARE(requests("/ga4/analyticsadmin/").size(), 0);

    // A wrong client secret too.
    ctx->secrets.insert("refreshToken", m_sandbox->options().ga4.refreshToken);
    ctx->secrets.insert("oauthClientSecret", "wrong");
    listed = list(*ctx);
    QVERIFY(!listed.ok);
    QVERIFY2(listed.error.contains("client id and client secret"), qPrintable(listed.error));
}

void TestGa4Connector::usesPastedAccessToken()
{
    const auto issued = m_sandbox->context().tokens().issue(
        3600s, sandbox::ga4TokenSubject(sandbox::ga4scope::AnalyticsReadonly.toString(),
                                        "someone@example.com"));
    auto ctx = context("accessToken");
    ctx->secrets.insert("accessToken", issued.token);
    Listed listed = list(*ctx);
    QVERIFY2(listed.ok, qPrintable(listed.error));
    QCOMPARE(listed.audiences.size(), 4);
    QCOMPARE(requests("/ga4/token").size(), 0);

    // A token that no longer works: no renewal is possible, so the message says to paste one.
    ctx->secrets.insert("accessToken", "sbx.expired-or-unknown");
    listed = list(*ctx);
    QVERIFY(!listed.ok);
    QVERIFY2(listed.error.contains("Paste a new one"), qPrintable(listed.error));
    QCOMPARE(requests("/ga4/token").size(), 0);
    QCOMPARE(requests("/ga4/analyticsadmin/").last().completion.status, 401);
}

void TestGa4Connector::tamperedKeyIsRefusedClearly()
{
    // Another key id: Google cannot verify the signature with the key it names.
    QJsonObject key = QJsonDocument::fromJson(m_keyFile).object();
    key.insert("private_key_id", "0123456789abcdef0123456789abcdef01234567");
    auto ctx = context();
    ctx->secrets.insert("serviceAccountKey", QJsonDocument(key).toJson());
    Listed listed = list(*ctx);
    QVERIFY(!listed.ok);
    QVERIFY2(listed.error.contains("Google refused the service-account key"),
             qPrintable(listed.error));
    QVERIFY2(listed.error.contains("(Invalid JWT Signature.)"), qPrintable(listed.error));
    QVERIFY2(listed.error.contains("Check the key file"), qPrintable(listed.error));
    QVERIFY(!listed.error.contains("PRIVATE KEY"));
    QCOMPARE(requests("/ga4/token").size(), 1);
    QCOMPARE(requests("/ga4/token").first().completion.status, 400);
    QCOMPARE(requests("/ga4/analyticsadmin/").size(), 0);

    // A service account Google does not know.
    key = QJsonDocument::fromJson(m_keyFile).object();
    key.insert("client_email", "someone-else@courier-sandbox-test.iam.gserviceaccount.com");
    ctx->secrets.insert("serviceAccountKey", QJsonDocument(key).toJson());
    listed = list(*ctx);
    QVERIFY(!listed.ok);
    QVERIFY2(listed.error.contains("account not found"), qPrintable(listed.error));
}

void TestGa4Connector::invalidKeyFileFailsBeforeAnyRequest_data()
{
    QTest::addColumn<QByteArray>("keyFile");
    QTest::addColumn<QString>("reason");
    QJsonObject key = QJsonDocument::fromJson(m_keyFile).object();
    QTest::newRow("not JSON") << QByteArray("MIIEvQIBADANBgkqhkiG9w0BAQEFAASC") << "not a JSON key";
    QJsonObject other = key;
    other.insert("type", "authorized_user");
    QTest::newRow("not a service account") << QJsonDocument(other).toJson() << "authorized_user";
    QJsonObject noEmail = key;
    noEmail.remove("client_email");
    QTest::newRow("no client_email") << QJsonDocument(noEmail).toJson() << "client_email";
    QJsonObject badPem = key;
    badPem.insert("private_key",
                  "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkq\n-----END PRIVATE KEY-----\n");
    QTest::newRow("cut key") << QJsonDocument(badPem).toJson() << "cannot be read";
}

void TestGa4Connector::invalidKeyFileFailsBeforeAnyRequest()
{
    QFETCH(QByteArray, keyFile);
    QFETCH(QString, reason);
    auto ctx = context();
    ctx->secrets.insert("serviceAccountKey", keyFile);

    const Listed listed = list(*ctx);
    QVERIFY(!listed.ok);
    QVERIFY2(listed.error.contains("service-account key stored for “Sandbox GA4” cannot be used"),
             qPrintable(listed.error));
    QVERIFY2(listed.error.contains(reason), qPrintable(listed.error));

    Step step;
    auto fetch = this->fetch(*ctx, "synthetic-10", &step);
    QVERIFY(!step.ok);
    QCOMPARE(step.error, listed.error);
    QCOMPARE(m_sandbox->requestLog().entries().size(), 0);
}

// --- listing ----------------------------------------------------------------------------------

void TestGa4Connector::listsAudiencesPageByPage()
{
    auto ctx = context("serviceAccount", {{"pageSize", 2}});
    Listed listed = list(*ctx);
    QVERIFY2(listed.ok, qPrintable(listed.error));
    QCOMPARE(listed.audiences.size(), 4);
    QCOMPARE(listed.audiences.last().externalId, QString("12347"));
    QCOMPARE(requests("/ga4/analyticsadmin/").size(), 2);

    m_sandbox->requestLog().clear();
    ctx = context("serviceAccount", {{"pageSize", 2}, {"propertyId", "properties/7654321"}});
    listed = list(*ctx);
    QVERIFY2(listed.ok, qPrintable(listed.error));
    QStringList names;
    for (const AudienceInfo &audience : listed.audiences)
        names << audience.externalId;
    QCOMPARE(names, QStringList({"76001", "76002", "76003"}));
    const auto pages = requests("/ga4/analyticsadmin/v1alpha/properties/7654321/audiences");
    QCOMPARE(pages.size(), 2);
    QVERIFY(pages.at(1).target.contains("pageToken="));
}

void TestGa4Connector::unknownPropertyIsRefused()
{
    auto ctx = context("serviceAccount", {{"propertyId", "999"}});
    const Listed listed = list(*ctx);
    QVERIFY(!listed.ok);
    QVERIFY2(listed.error.contains("has no access to GA4 property 999"), qPrintable(listed.error));
    QVERIFY2(listed.error.contains("Viewer"), qPrintable(listed.error));

    // A listed audience under a property the account cannot see: the create is refused.
    Step step;
    auto fetch = this->fetch(*ctx, "12345", &step);
    QVERIFY(!step.ok);
    QVERIFY2(step.error.contains("has no access to GA4 property 999"), qPrintable(step.error));
    QCOMPARE(creates(), 1);

    // Not a property id at all: said before anything is sent.
    m_sandbox->requestLog().clear();
    ctx = context("serviceAccount", {{"propertyId", "my-shop"}});
    const Listed invalid = list(*ctx);
    QVERIFY(!invalid.ok);
    QVERIFY2(invalid.error.contains("is not a GA4 property id"), qPrintable(invalid.error));
    QCOMPARE(m_sandbox->requestLog().entries().size(), 0);
}

void TestGa4Connector::unknownAudienceGivesGooglesReason()
{
    auto ctx = context();
    Step step;
    auto fetch = this->fetch(*ctx, "99999", &step);
    QVERIFY(!step.ok);
    // 400 INVALID_ARGUMENT: Google's own words.
    QVERIFY2(step.error.contains("refused the request of “Sandbox GA4”"), qPrintable(step.error));
    QVERIFY2(step.error.contains("properties/1234567/audiences/99999 was not found"),
             qPrintable(step.error));
}

void TestGa4Connector::errorMessagesSayWhatToDo()
{
    auto ctx = context();
    std::unique_ptr<TokenSession> session;
    QString error;
    const std::optional<Ga4Api> api = Ga4Api::prepare(*ctx, &session, &error);
    QVERIFY2(api, qPrintable(error));
    const auto message = [&](int code, const char *status, const char *text) {
        const QJsonObject body{
            {"error", QJsonObject{{"code", code}, {"status", status}, {"message", text}}}};
        return api->errorMessage(code, QJsonDocument(body).toJson(), "fallback");
    };
    QString m = message(429, "RESOURCE_EXHAUSTED", "Exhausted concurrent requests quota.");
    QVERIFY2(m.contains("quota of property 1234567 is exhausted") && m.contains("few minutes"),
             qPrintable(m));
    m = message(429, "RESOURCE_EXHAUSTED", "Exhausted property tokens per day quota.");
    QVERIFY2(m.contains("midnight Pacific time"), qPrintable(m));
    m = message(429, "RESOURCE_EXHAUSTED", "Exhausted property tokens per hour quota.");
    QVERIFY2(m.contains("try again after"), qPrintable(m));
    m = message(403, "PERMISSION_DENIED", "Request had insufficient authentication scopes.");
    QVERIFY2(m.contains("does not allow reading Google Analytics"), qPrintable(m));
    m = message(401, "UNAUTHENTICATED", "Request had invalid authentication credentials.");
    QVERIFY2(m.contains("Reconnect this endpoint"), qPrintable(m));
    m = message(503, "UNAVAILABLE", "The service is currently unavailable.");
    QVERIFY2(m.contains("HTTP 503") && m.contains("try again later"), qPrintable(m));
    QCOMPARE(api->errorMessage(0, {}, "no connection"), QString("no connection"));
}

// --- the export cycle -------------------------------------------------------------------------

void TestGa4Connector::exportsAcrossQueryPages()
{
    auto ctx = context("serviceAccount", {{"queryLimit", 1000}});
    Step step;
    auto fetch = this->fetch(*ctx, "synthetic-2500", &step);
    QVERIFY2(step.ok, qPrintable(step.error));
    QCOMPARE(step.calls, 1);
    auto *ga4 = static_cast<Ga4Fetch *>(fetch.get());
    QCOMPARE(ga4->exportsCreated(), 1);
    QCOMPARE(ga4->pagesQueried(), 3);
    QCOMPARE(ga4->rowCount(), 2500);
    QVERIFY(!fetch->resumedSameSnapshot());
    QCOMPARE(creates(), 1);
    QCOMPARE(queries(), 3);
    QVERIFY(requests("/ga4/analyticsdata/", "GET").size() >= 2); // list + polls

    // Requested, waited for (with progress), then downloaded.
    QCOMPARE(ctx->phases.first(), RunState::Requesting);
    QVERIFY(ctx->phases.contains(RunState::Waiting));
    QCOMPARE(ctx->phases.last(), RunState::Downloading);
    QVERIFY(!ctx->waiting.isEmpty());
    QVERIFY(ctx->downloaded > 0);

    // Every value as the sandbox generates it, in the export's dimension order.
    QCOMPARE(verifyRows(*fetch, "synthetic-2500"), 2500);
    QString error;
    QCOMPARE(
        fetch->openRows(&error)->columns(),
        QStringList({"deviceId", "userId", "isAdsPersonalizationAllowed", "isLimitedAdTracking"}));

    // The JSON pages are gone once converted; the checkpoint names the parts.
    const QStringList files = QDir(ctx->workDirectory()).entryList(QDir::Files);
    QCOMPARE(files.filter(".json").size(), 0);
    QCOMPARE(files.filter("ga4-part-").size(), 3);
    const QJsonObject checkpoint = ctx->checkpoints.value("source");
    QVERIFY(checkpoint.value("exportName")
                .toString()
                .startsWith("properties/1234567/audienceExports/"));
    QCOMPARE(checkpoint.value("audience").toString(),
             QString("properties/1234567/audiences/synthetic-2500"));
    QCOMPARE(checkpoint.value("rowCount").toInteger(), 2500);
    QCOMPARE(checkpoint.value("dimensions").toArray().size(), 4);
    const QJsonArray parts = checkpoint.value("parts").toArray();
    QCOMPARE(parts.size(), 3);
    QCOMPARE(parts.at(2).toObject().value("offset").toInteger(), 2000);
    QCOMPARE(parts.at(2).toObject().value("rows").toInteger(), 500);
}

void TestGa4Connector::serverMayAnswerFewerRows()
{
    // The server caps pages at 700 rows whatever the limit: offsets follow the rows received.
    m_sandbox->context().options().ga4.maxRowsPerQuery = 700;
    auto ctx = context();
    Step step;
    auto fetch = this->fetch(*ctx, "synthetic-2000", &step, {"userId", "deviceId"});
    QVERIFY2(step.ok, qPrintable(step.error));
    QCOMPARE(queries(), 3); // 700 + 700 + 600
    QCOMPARE(static_cast<Ga4Fetch *>(fetch.get())->dimensions(),
             QStringList({"userId", "deviceId"}));
    QCOMPARE(verifyRows(*fetch, "synthetic-2000"), 2000);
}

void TestGa4Connector::largeExportUsesTheLargestPages()
{
    // 250,001 rows: two queries, so the first asked for the most a page may hold (250,000;
    // the sandbox refuses more), some 29 MB spooled to a file and streamed into CSV (a body
    // kept in memory could not exceed HttpJob's 8 MiB cap).
    auto ctx = context();
    Step step;
    auto fetch = this->fetch(*ctx, "synthetic-250001", &step);
    QVERIFY2(step.ok, qPrintable(step.error));
    QCOMPARE(queries(), 2);
    QCOMPARE(verifyRows(*fetch, "synthetic-250001", Property, 97), 250001);
    QCOMPARE(QDir(ctx->workDirectory()).entryList({"*.json"}, QDir::Files).size(), 0);
}

void TestGa4Connector::reusesActiveExport()
{
    auto first = context();
    Step step1;
    auto fetch1 = fetch(*first, "synthetic-1200", &step1);
    QVERIFY2(step1.ok, qPrintable(step1.error));
    QCOMPARE(creates(), 1);

    // Another run of the same audience and dimensions: the ACTIVE export is queried as it is.
    auto second = context();
    Step step2;
    auto fetch2 = fetch(*second, "synthetic-1200", &step2);
    QVERIFY2(step2.ok, qPrintable(step2.error));
    auto *ga4 = static_cast<Ga4Fetch *>(fetch2.get());
    QVERIFY(ga4->reusedExport());
    QCOMPARE(ga4->exportsCreated(), 0);
    QCOMPARE(ga4->exportName(), static_cast<Ga4Fetch *>(fetch1.get())->exportName());
    QCOMPARE(creates(), 1);
    QVERIFY(second->logLines.filter("Reusing the audience export").size() == 1);
    QCOMPARE(verifyRows(*fetch2, "synthetic-1200"), 1200);

    // Other dimensions, or reuse turned off: a new export.
    auto third = context();
    Step step3;
    auto fetch3 = fetch(*third, "synthetic-1200", &step3, {"deviceId"});
    QVERIFY2(step3.ok, qPrintable(step3.error));
    QCOMPARE(creates(), 2);
    QCOMPARE(verifyRows(*fetch3, "synthetic-1200"), 1200);

    // Found on any page of the exports listing.
    m_sandbox->requestLog().clear();
    auto paged = context("serviceAccount", {{"pageSize", 1}});
    Step stepPaged;
    auto fetchPaged = fetch(*paged, "synthetic-1200", &stepPaged, {"deviceId"});
    QVERIFY2(stepPaged.ok, qPrintable(stepPaged.error));
    QVERIFY(static_cast<Ga4Fetch *>(fetchPaged.get())->reusedExport());
    QCOMPARE(static_cast<Ga4Fetch *>(fetchPaged.get())->exportName(),
             static_cast<Ga4Fetch *>(fetch3.get())->exportName());
    const auto listed = requests("/ga4/analyticsdata/", "GET");
    QCOMPARE(std::count_if(listed.begin(), listed.end(),
                           [](const auto &e) { return e.path.endsWith("/audienceExports"); }),
             2);
    QCOMPARE(creates(), 0);

    auto fourth = context("serviceAccount", {{"reuseHours", 0}});
    Step step4;
    auto fetch4 = fetch(*fourth, "synthetic-1200", &step4);
    QVERIFY2(step4.ok, qPrintable(step4.error));
    QCOMPARE(creates(), 1);
}

void TestGa4Connector::failedExportIsRequestedOnceMore()
{
    sandbox::FaultRule failing = rule("/ga4/analyticsdata/", "POST");
    failing.failJobs = true;
    failing.times = 1;
    m_sandbox->faults().addRule(failing);

    auto ctx = context();
    Step step;
    auto fetch = this->fetch(*ctx, "synthetic-300", &step);
    QVERIFY2(step.ok, qPrintable(step.error));
    QCOMPARE(creates(), 2);
    QCOMPARE(ctx->logLines.filter("requesting it once more").size(), 1);
    QVERIFY(ctx->logLines.filter("requesting it once more").first().contains("quota"));
    QCOMPARE(verifyRows(*fetch, "synthetic-300"), 300);
}

void TestGa4Connector::failedExportTwiceFails()
{
    sandbox::FaultRule failing = rule("/ga4/analyticsdata/", "POST");
    failing.failJobs = true;
    m_sandbox->faults().addRule(failing);

    auto ctx = context();
    Step step;
    auto fetch = this->fetch(*ctx, "synthetic-300", &step);
    QVERIFY(!step.ok);
    QVERIFY2(step.error.contains("could not create the audience export of “Audience "
                                 "synthetic-300”"),
             qPrintable(step.error));
    QVERIFY2(step.error.contains("Core tokens per hour quota was exhausted"),
             qPrintable(step.error));
    QCOMPARE(creates(), 2);
    QCOMPARE(queries(), 0);
}

void TestGa4Connector::emptyAudienceIsEmptySuccess()
{
    auto ctx = context("serviceAccount", {{"propertyId", "7654321"}});
    Step step;
    auto fetch = this->fetch(*ctx, "76002", &step);
    QVERIFY2(step.ok, qPrintable(step.error));
    QCOMPARE(static_cast<Ga4Fetch *>(fetch.get())->rowCount(), 0);
    QCOMPARE(queries(), 0);
    QString error;
    std::unique_ptr<RowReader> reader = fetch->openRows(&error);
    QVERIFY2(reader, qPrintable(error));
    QCOMPARE(reader->columns(), QStringList({"deviceId", "userId", "isAdsPersonalizationAllowed",
                                             "isLimitedAdTracking"}));
    RowBatch batch;
    QVERIFY(!reader->read(batch, 100));
    QCOMPARE(batch.rowCount(), 0);
    QVERIFY(reader->errorString().isEmpty());
}

void TestGa4Connector::quotaErrorsBackOff()
{
    // Two answers of 429 RESOURCE_EXHAUSTED (with Retry-After): waited out, then it works.
    sandbox::FaultRule quota = rule("/ga4/analyticsdata/");
    quota.errorStatus = 429;
    quota.times = 2;
    m_sandbox->faults().addRule(quota);

    auto ctx = context();
    Step step;
    auto fetch = this->fetch(*ctx, "synthetic-500", &step);
    QVERIFY2(step.ok, qPrintable(step.error));
    int refused = 0;
    for (const auto &entry : requests("/ga4/analyticsdata/"))
        refused += entry.completion.status == 429 ? 1 : 0;
    QCOMPARE(refused, 2);
    QCOMPARE(verifyRows(*fetch, "synthetic-500"), 500);
}

void TestGa4Connector::persistentQuotaErrorSaysWhenToRetry()
{
    sandbox::FaultRule quota = rule("/ga4/analyticsadmin/");
    quota.errorStatus = 429;
    m_sandbox->faults().addRule(quota);

    auto ctx = context();
    const Listed listed = list(*ctx);
    QVERIFY(!listed.ok);
    QVERIFY2(listed.error.contains("GA4 quota of property 1234567 is exhausted"),
             qPrintable(listed.error));
    QVERIFY2(listed.error.contains("try again after"), qPrintable(listed.error));
    // Backed off and retried as the retry policy allows (3 attempts in tests).
    QCOMPARE(requests("/ga4/analyticsadmin/").size(), ctx->retryPolicy().maxAttempts);
}

void TestGa4Connector::badDimensionFailsBeforeAnyRequest()
{
    auto ctx = context();
    Step step;
    auto fetch = this->fetch(*ctx, "synthetic-100", &step, {"deviceId", "email"});
    QVERIFY(!step.ok);
    QVERIFY2(step.error.contains("“email” is not a dimension of GA4 audience exports"),
             qPrintable(step.error));
    QVERIFY2(step.error.contains("isLimitedAdTracking"), qPrintable(step.error));

    Step viaOptions;
    auto other = this->fetch(*ctx, "synthetic-100", &viaOptions, {},
                             {{"dimensions", QJsonArray{"userId", "country"}}});
    QVERIFY(!viaOptions.ok);
    QVERIFY2(viaOptions.error.contains("“country”"), qPrintable(viaOptions.error));
    QCOMPARE(m_sandbox->requestLog().entries().size(), 0);

    // Options name the export's dimensions; names are matched without regard to case.
    Step good;
    auto fine = this->fetch(*ctx, "synthetic-100", &good, {"userid"},
                            {{"dimensions", "isLimitedAdTracking, deviceId"}});
    QVERIFY2(good.ok, qPrintable(good.error));
    QCOMPARE(static_cast<Ga4Fetch *>(fine.get())->dimensions(),
             QStringList({"isLimitedAdTracking", "deviceId", "userId"}));
    QCOMPARE(verifyRows(*fine, "synthetic-100"), 100);
}

void TestGa4Connector::damagedPageIsAskedForAgain()
{
    // The first query's body is cut after 5,000 bytes: Qt either reports it (HttpJob retries)
    // or takes it for a whole body (the page cannot be parsed and is asked for again). Either
    // way the rows arrive complete.
    sandbox::FaultRule drop = rule("/ga4/analyticsdata/", "POST");
    drop.dropAfterBytes = 5000;
    drop.times = 1;
    m_sandbox->faults().addRule(drop);

    auto ctx = context();
    Step step;
    auto fetch = this->fetch(*ctx, "synthetic-3000", &step);
    QVERIFY2(step.ok, qPrintable(step.error));
    QCOMPARE(m_sandbox->faults().rules().first().fired, quint64(1));
    QCOMPARE(verifyRows(*fetch, "synthetic-3000"), 3000);
}

void TestGa4Connector::resumeSkipsPagesDone()
{
    auto ctx = context("serviceAccount", {{"queryLimit", 1000}});
    Step step;
    auto first = this->fetch(*ctx, "synthetic-3500", &step);
    QVERIFY2(step.ok, qPrintable(step.error));
    first.reset();

    // As if the run had stopped after two pages: the checkpoint names two parts, the files of
    // the others are not there.
    QJsonObject checkpoint = ctx->checkpoints.value("source");
    QJsonArray parts = checkpoint.value("parts").toArray();
    QCOMPARE(parts.size(), 4);
    for (int i = 2; i < 4; ++i)
        QVERIFY(QFile::remove(
            QDir(ctx->workDirectory()).filePath(parts.at(i).toObject().value("file").toString())));
    parts = QJsonArray{parts.at(0), parts.at(1)};
    checkpoint.insert("parts", parts);
    ctx->checkpoints.insert("source", checkpoint);
    m_sandbox->requestLog().clear();

    Step resumed;
    auto fetch = this->fetch(*ctx, "synthetic-3500", &resumed);
    QVERIFY2(resumed.ok, qPrintable(resumed.error));
    QVERIFY(fetch->resumedSameSnapshot());
    auto *ga4 = static_cast<Ga4Fetch *>(fetch.get());
    QCOMPARE(ga4->exportsCreated(), 0);
    QCOMPARE(ga4->pagesQueried(), 2);
    QCOMPARE(creates(), 0);
    QCOMPARE(queries(), 2);
    QVERIFY(ctx->logLines.filter("2000 row(s) already downloaded").size() == 1);
    QCOMPARE(verifyRows(*fetch, "synthetic-3500"), 3500);

    // Everything on disk: nothing to ask at all.
    m_sandbox->requestLog().clear();
    Step done;
    auto again = this->fetch(*ctx, "synthetic-3500", &done);
    QVERIFY2(done.ok, qPrintable(done.error));
    QVERIFY(again->resumedSameSnapshot());
    QCOMPARE(m_sandbox->requestLog().entries().size(), 0);
    QCOMPARE(verifyRows(*again, "synthetic-3500"), 3500);
}

void TestGa4Connector::resumeRecreatesGoneExport()
{
    auto ctx = context("serviceAccount", {{"queryLimit", 1000}});
    Step step;
    auto first = this->fetch(*ctx, "synthetic-2500", &step);
    QVERIFY2(step.ok, qPrintable(step.error));
    first.reset();
    QJsonObject checkpoint = ctx->checkpoints.value("source");
    checkpoint.insert("parts", QJsonArray{checkpoint.value("parts").toArray().first()});
    ctx->checkpoints.insert("source", checkpoint);

    // The export is gone (a reset forgets every export: get answers 404, as after 72 h).
    m_sandbox->reset();
    Step resumed;
    auto fetch = this->fetch(*ctx, "synthetic-2500", &resumed);
    QVERIFY2(resumed.ok, qPrintable(resumed.error));
    QVERIFY(!fetch->resumedSameSnapshot());
    QCOMPARE(static_cast<Ga4Fetch *>(fetch.get())->exportsCreated(), 1);
    QCOMPARE(queries(), 3); // every page again, from the new export
    QVERIFY(ctx->logLines.filter("is no longer available").size() == 1);
    QVERIFY(ctx->checkpoints.value("source").value("exportName") != checkpoint.value("exportName"));
    QCOMPARE(verifyRows(*fetch, "synthetic-2500"), 2500);
}

void TestGa4Connector::cancelledFetchCallsNothing()
{
    auto ctx = context();
    Ga4SourceConnector connector;
    AudienceInfo info;
    info.externalId = "synthetic-1000";
    std::unique_ptr<SourceFetch> fetch = connector.createFetch(*ctx, FetchRequest{info, {}, {}});
    Step step;
    fetch->fetch(step.callback());
    QVERIFY(QTest::qWaitFor([this] { return creates() == 1; }, StepTimeoutMs));
    fetch->cancel();
    QTest::qWait(400); // past jobReadyAfter: a live poller would have gone on
    QCOMPARE(step.calls, 0);
    QCOMPARE(queries(), 0);
}

QTEST_GUILESS_MAIN(TestGa4Connector)
#include "tst_ga4connector.moc"
