// The sandbox's The Fount and Adobe Experience Platform emulations, over real loopback HTTP:
// a QNetworkAccessManager client against an in-process SandboxServer, and a QHttpServer in
// the test as the receiver of The Fount's export webhooks.
#include "sandbox/faults/Faults.h"
#include "sandbox/protocols/fount/FountState.h"
#include "sandbox/SandboxContext.h"
#include "sandbox/SandboxServer.h"

#include <QHttpServer>
#include <QHttpServerRequest>
#include <QHttpServerResponse>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QMessageAuthenticationCode>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QRegularExpression>
#include <QSet>
#include <QSignalSpy>
#include <QTest>
#include <QUrlQuery>

using namespace courier::sandbox;

namespace {

const QByteArray Pat = "1|sandbox-fount-pat";
const QString GoldSegment = "4a1b2c3d-0e1f-4a5b-9c6d-7e8f90a1b2c3";
const QRegularExpression
    UuidV4("^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$");

using Headers = QList<std::pair<QByteArray, QByteArray>>;

struct Reply
{
    int status = 0;
    QByteArray body;
    QNetworkReply::NetworkError error = QNetworkReply::NoError;
    QHash<QByteArray, QByteArray> headers; // lower-case names

    QByteArray header(const QByteArray &name) const { return headers.value(name.toLower()); }
    QJsonObject json() const { return QJsonDocument::fromJson(body).object(); }
    QJsonArray array() const { return QJsonDocument::fromJson(body).array(); }
};

// What the test's webhook receiver saw.
struct Received
{
    QByteArray body;
    QHash<QByteArray, QByteArray> headers;
};

} // namespace

class TestSandboxFountAep : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();

    // The Fount
    void fountRefusesWithoutToken();
    void fountHealth();
    void fountPaging();
    void fountFilters();
    void fountIncludesAndSingles();
    void fountRateLimit();
    void fountSignatureVector();
    void fountWebhookDelivery();
    void fountWebhookProgressiveNumbers();
    void fountWebhookRetriesThenDisables();
    void fountRespondentsPaging();

    // Adobe Experience Platform
    void aepImsToken();
    void aepPlatformHeaders_data();
    void aepPlatformHeaders();
    void aepSegmentDefinitions();
    void aepExportJobSucceeds();
    void aepExportJobValidation();
    void aepExportJobFailsWithFault();
    void aepExportJobCancelAndList();
    void aepBatchFilesAndRanges();
    void aepSyntheticExportRowCount();
    void aepIngestionBatch();
    void aepIngestionInvalidRowsFail();

private:
    Reply send(const QByteArray &verb, const QString &pathAndQuery, const Headers &headers = {},
               const QByteArray &body = {});
    Reply sendUrl(const QByteArray &verb, const QUrl &url, const Headers &headers = {},
                  const QByteArray &body = {});
    Reply fount(const QString &pathAndQuery, const QByteArray &verb = "GET",
                const QByteArray &body = {});
    int registerWebhook(const QString &path, const QByteArray &secret);
    QByteArray aepToken();
    Headers platform(const QByteArray &token) const;
    QJsonObject createExport(const QByteArray &token, const QJsonObject &body);
    QJsonObject waitForJob(const QByteArray &token, qint64 id, QStringList *seen = nullptr);
    QList<QByteArray> downloadBatch(const QByteArray &token, const QString &batchId,
                                    QList<QJsonObject> *listings = nullptr);

    std::unique_ptr<SandboxServer> m_server;
    QNetworkAccessManager m_network;
    QHttpServer m_receiver;
    quint16 m_receiverPort = 0;
    QList<Received> m_received;
    QList<Received> m_failed;
};

void TestSandboxFountAep::initTestCase()
{
    // The sandbox logs every request; a failure is easier to read without them.
    QLoggingCategory::setFilterRules("courier.sandbox.debug=false");
    SandboxOptions options;
    options.jobReadyAfter = std::chrono::milliseconds(400);
    options.fount.webhookRetries = 2;
    options.fount.webhookBackoff = std::chrono::milliseconds(40);
    options.fount.webhookTimeout = std::chrono::milliseconds(3000);
    options.aep.rowsPerFile = 500;
    m_server = std::make_unique<SandboxServer>(options);
    QString error;
    QVERIFY2(m_server->listen(0, &error), qPrintable(error));
    m_network.setProxy(QNetworkProxy::NoProxy);

    auto capture = [](const QHttpServerRequest &request) {
        Received r;
        r.body = request.body();
        for (const auto &[name, value] : request.headers())
            r.headers.insert(name.toLower(), value);
        return r;
    };
    m_receiver.route("/hook", [this, capture](const QHttpServerRequest &request) {
        m_received.append(capture(request));
        return QHttpServerResponse(QHttpServerResponse::StatusCode::Ok);
    });
    m_receiver.route("/broken", [this, capture](const QHttpServerRequest &request) {
        m_failed.append(capture(request));
        return QHttpServerResponse(QHttpServerResponse::StatusCode::InternalServerError);
    });
    m_receiverPort = m_receiver.listen(QHostAddress::LocalHost);
    QVERIFY(m_receiverPort != 0);
}

void TestSandboxFountAep::init()
{
    m_server->reset();
    m_received.clear();
    m_failed.clear();
}

Reply TestSandboxFountAep::sendUrl(const QByteArray &verb, const QUrl &url, const Headers &headers,
                                   const QByteArray &body)
{
    QNetworkRequest request(url);
    for (const auto &[name, value] : headers)
        request.setRawHeader(name, value);
    QNetworkReply *reply = m_network.sendCustomRequest(request, verb, body);
    QSignalSpy finished(reply, &QNetworkReply::finished);
    if (!reply->isFinished())
        finished.wait(10000);
    Reply r;
    r.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    r.body = reply->readAll();
    r.error = reply->error();
    for (const auto &[name, value] : reply->rawHeaderPairs())
        r.headers.insert(name.toLower(), value);
    reply->deleteLater();
    return r;
}

Reply TestSandboxFountAep::send(const QByteArray &verb, const QString &pathAndQuery,
                                const Headers &headers, const QByteArray &body)
{
    return sendUrl(verb, m_server->url(pathAndQuery), headers, body);
}

Reply TestSandboxFountAep::fount(const QString &pathAndQuery, const QByteArray &verb,
                                 const QByteArray &body)
{
    Headers headers{{"Authorization", "Bearer " + Pat}, {"Accept", "application/json"}};
    if (!body.isEmpty())
        headers.emplace_back("Content-Type", "application/json");
    return send(verb, "/fount/api/v2" + pathAndQuery, headers, body);
}

int TestSandboxFountAep::registerWebhook(const QString &path, const QByteArray &secret)
{
    const QJsonObject body{{"url", QString("http://127.0.0.1:%1%2").arg(m_receiverPort).arg(path)},
                           {"secret", QString::fromLatin1(secret)}};
    const Reply r = send("POST", "/sandbox/fount/webhooks", {{"Content-Type", "application/json"}},
                         QJsonDocument(body).toJson());
    if (r.status != 201)
        qWarning() << r.status << r.body;
    return r.json().value("id").toInt();
}

// ---------------------------------------------------------------------------------------------
// The Fount

void TestSandboxFountAep::fountRefusesWithoutToken()
{
    Reply r = send("GET", "/fount/api/v2/audiences", {{"Accept", "application/json"}});
    QCOMPARE(r.status, 401);
    QCOMPARE(r.json().value("data").toObject().value("message").toString(), "Unauthenticated.");
    QVERIFY(!r.header("X-RateLimit-Limit").isEmpty());

    r = send("GET", "/fount/api/v2/audiences",
             {{"Authorization", "Bearer 1|not-the-token"}, {"Accept", "application/json"}});
    QCOMPARE(r.status, 401);

    // Without Accept: application/json the error is an HTML page.
    r = send("GET", "/fount/api/v2/audiences", {{"Accept", "text/html"}});
    QCOMPARE(r.status, 401);
    QVERIFY(r.header("Content-Type").startsWith("text/html"));
    QVERIFY(r.body.contains("Unauthenticated."));
}

void TestSandboxFountAep::fountHealth()
{
    const Reply r = fount("/health");
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json().value("status").toString(), "ok");
    QVERIFY(QDateTime::fromString(r.json().value("timestamp").toString(), Qt::ISODate).isValid());
}

void TestSandboxFountAep::fountPaging()
{
    // Default page size 25: 42 audiences on two pages.
    Reply r = fount("/audiences");
    QCOMPARE(r.status, 200);
    QJsonObject meta = r.json().value("meta").toObject();
    QCOMPARE(meta.value("per_page").toInt(), 25);
    QCOMPARE(meta.value("total").toInt(), 42);
    QCOMPARE(meta.value("last_page").toInt(), 2);
    const QJsonObject first = r.json().value("data").toArray().at(0).toObject();
    QCOMPARE(first.value("id").toInt(), 1);
    QCOMPARE(first.value("name").toString(), "All Adults");
    for (const char *field :
         {"id", "name", "description", "is_active", "is_public", "available_for_bav",
          "available_for_bc", "bc_filters", "available_for_diversity", "is_ethnic_minority",
          "created_at", "updated_at"})
        QVERIFY2(first.contains(field), field);
    QVERIFY(first.value("bc_filters").isArray());

    // Follow "next" with per_page=10: five pages, links and meta consistent on each.
    QSet<int> ids;
    QString next = m_server->url("/fount/api/v2/audiences?per_page=10").toString();
    int page = 0;
    while (!next.isEmpty()) {
        ++page;
        r = sendUrl("GET", QUrl(next),
                    {{"Authorization", "Bearer " + Pat}, {"Accept", "application/json"}});
        QCOMPARE(r.status, 200);
        const QJsonObject body = r.json();
        const QJsonObject links = body.value("links").toObject();
        meta = body.value("meta").toObject();
        const QJsonArray data = body.value("data").toArray();
        QCOMPARE(meta.value("current_page").toInt(), page);
        QCOMPARE(meta.value("per_page").toInt(), 10);
        QCOMPARE(meta.value("last_page").toInt(), 5);
        QCOMPARE(meta.value("from").toInt(), (page - 1) * 10 + 1);
        QCOMPARE(meta.value("to").toInt(), (page - 1) * 10 + int(data.size()));
        QCOMPARE(data.size(), page < 5 ? 10 : 2);
        QVERIFY(meta.value("path").toString().endsWith("/fount/api/v2/audiences"));
        QVERIFY(links.value("first").toString().endsWith("page=1"));
        QVERIFY(links.value("last").toString().endsWith("page=5"));
        QCOMPARE(links.value("prev").isNull(), page == 1);
        QCOMPARE(links.value("next").isNull(), page == 5);
        const QJsonArray metaLinks = meta.value("links").toArray();
        QCOMPARE(metaLinks.size(), 5 + 2); // « Previous, 1…5, Next »
        QCOMPARE(metaLinks.at(page).toObject().value("active").toBool(), true);
        for (const QJsonValue &a : data)
            ids.insert(a.toObject().value("id").toInt());
        next = links.value("next").toString();
        if (!next.isEmpty())
            QVERIFY(QUrlQuery(QUrl(next)).queryItemValue("per_page") == "10");
        QVERIFY(page <= 5);
    }
    QCOMPARE(page, 5);
    QCOMPARE(ids.size(), 42);

    // per_page is capped at 1000; beyond the last page the data is empty.
    r = fount("/audiences?per_page=5000");
    QCOMPARE(r.json().value("meta").toObject().value("per_page").toInt(), 1000);
    QCOMPARE(r.json().value("data").toArray().size(), 42);
    r = fount("/audiences?page=9");
    QCOMPARE(r.status, 200);
    QVERIFY(r.json().value("data").toArray().isEmpty());
    QVERIFY(r.json().value("meta").toObject().value("from").isNull());
}

void TestSandboxFountAep::fountFilters()
{
    auto all = [this](const QString &query) {
        const Reply r = fount("/audiences?per_page=1000&" + query);
        [&] { QCOMPARE(r.status, 200); }();
        QList<QJsonObject> list;
        for (const QJsonValue &v : r.json().value("data").toArray())
            list.append(v.toObject());
        return list;
    };
    const auto active = all("active=1");
    QCOMPARE(active.size(), 40);
    for (const auto &a : active)
        QVERIFY(a.value("is_active").toBool());
    const auto inactive = all("inactive=1");
    QCOMPARE(inactive.size(), 2);
    for (const auto &a : inactive)
        QVERIFY(!a.value("is_active").toBool());
    const auto priv = all("private=1");
    QCOMPARE(priv.size(), 3);
    for (const auto &a : priv)
        QVERIFY(!a.value("is_public").toBool());
    QCOMPARE(all("public=1").size(), 39);
    QCOMPARE(all("public=1&active=1").size(), 38);

    const auto grouped = all("groups=2,4&include=group");
    QCOMPARE(grouped.size(), 9);
    for (const auto &a : grouped) {
        const int group = a.value("group").toObject().value("id").toInt();
        QVERIFY2(group == 2 || group == 4, qPrintable(a.value("name").toString()));
    }
    QCOMPARE(fount("/audiences?groups=x").status, 422);
}

void TestSandboxFountAep::fountIncludesAndSingles()
{
    Reply r = fount("/audiences/1");
    QCOMPARE(r.status, 200);
    QJsonObject a = r.json().value("data").toObject();
    QCOMPARE(a.value("name").toString(), "All Adults");
    QVERIFY(!a.contains("group"));
    r = fount("/audiences/13?include=group");
    a = r.json().value("data").toObject();
    QCOMPARE(a.value("name").toString(), "Gen Z Gamers");
    QCOMPARE(a.value("group").toObject().value("name").toString(), "Media & Gaming");
    r = fount("/audiences/999");
    QCOMPARE(r.status, 404);
    QVERIFY(!r.json().value("data").toObject().value("message").toString().isEmpty());

    r = fount("/audience-groups");
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json().value("meta").toObject().value("total").toInt(), 5);
    r = fount("/audience-groups/3?include=audiences");
    QCOMPARE(r.status, 200);
    const QJsonObject group = r.json().value("data").toObject();
    QCOMPARE(group.value("name").toString(), "Lifestyle & Interests");
    QVERIFY(group.contains("description"));
    QVERIFY(!group.value("audiences").toArray().isEmpty());
    QCOMPARE(fount("/audience-groups/77").status, 404);
}

void TestSandboxFountAep::fountRateLimit()
{
    auto &options = m_server->context().options().fount;
    const int saved = options.rateLimit;
    options.rateLimit = 3;
    for (int i = 1; i <= 3; ++i) {
        const Reply r = fount("/health");
        QCOMPARE(r.status, 200);
        QCOMPARE(r.header("X-RateLimit-Limit"), "3");
        QCOMPARE(r.header("X-RateLimit-Remaining"), QByteArray::number(3 - i));
        QVERIFY(r.header("Retry-After").isEmpty());
    }
    const Reply limited = fount("/audiences");
    options.rateLimit = saved;
    QCOMPARE(limited.status, 429);
    QCOMPARE(limited.header("X-RateLimit-Remaining"), "0");
    const int retryAfter = limited.header("Retry-After").toInt();
    QVERIFY(retryAfter >= 1 && retryAfter <= 60);
    const qint64 reset = limited.header("X-RateLimit-Reset").toLongLong();
    QVERIFY(qAbs(reset - (QDateTime::currentSecsSinceEpoch() + retryAfter)) <= 2);
    QCOMPARE(limited.json().value("data").toObject().value("message").toString(),
             "Too Many Attempts.");
}

void TestSandboxFountAep::fountSignatureVector()
{
    QCOMPARE(FountState::sign("secret", R"({"a":1})"),
             "aa9e2e3575f5d7098b6caccd790888c36d5fdb63342a73bada2d6a51747a8494");
}

void TestSandboxFountAep::fountWebhookDelivery()
{
    // No destination registered yet: the export has nowhere to go.
    QCOMPARE(fount("/audiences/4/exports", "POST", R"({"format":"bav_respondent_ids"})").status,
             422);

    const QByteArray secret = "whsec-test-42";
    QVERIFY(registerWebhook("/hook", secret) > 0);
    const Reply started =
        fount("/audiences/4/exports", "POST", R"({"format":"bav_respondent_ids"})");
    QCOMPARE(started.status, 202);
    QCOMPARE(started.json().value("data").toObject().value("deliveries").toArray().size(), 1);
    QTRY_COMPARE_WITH_TIMEOUT(m_received.size(), 1, 5000);

    const Received hook = m_received.first();
    QCOMPARE(hook.headers.value("content-type"), "application/json");
    QCOMPARE(hook.headers.value("accept-charset"), "utf-8");
    QCOMPARE(hook.headers.value("user-agent"), "BAV-Webhook");
    QCOMPARE(hook.headers.value("bav-event"), "AudienceExport");
    QVERIFY(UuidV4.match(QString::fromLatin1(hook.headers.value("bav-delivery"))).hasMatch());
    const QByteArray expected =
        QMessageAuthenticationCode::hash(hook.body, secret, QCryptographicHash::Sha256).toHex();
    QCOMPARE(hook.headers.value("bav-signature"), expected);

    const QJsonObject body = QJsonDocument::fromJson(hook.body).object();
    QCOMPARE(body.value("id").toInt(), 4);
    QCOMPARE(body.value("name").toString(), "Female 18-25");
    for (const char *field : {"description", "is_active", "is_public", "is_standard", "deployed_at",
                              "segments_updated_at", "created_at", "updated_at"})
        QVERIFY2(body.contains(field), field);
    QCOMPARE(body.value("group").toObject().value("id").toInt(), 1);
    const QJsonObject user = body.value("user").toObject();
    QVERIFY(user.value("email").toString().contains('@'));
    QCOMPARE(user.value("operating_company").toObject().value("name").toString(), "WPP");
    QVERIFY(qAbs(body.value("webhookTimestamp").toInteger() - QDateTime::currentSecsSinceEpoch()) <
            60);
    QVERIFY(UuidV4.match(body.value("webhookId").toString()).hasMatch());
    QVERIFY(QDateTime::fromString(body.value("webhookDate").toString(), Qt::ISODate).isValid());

    const QJsonArray respondents = body.value("respondents").toArray();
    QVERIFY(respondents.size() > 1000 && respondents.size() < 2500); // ~7 % of 24,000
    for (const QJsonValue &id : respondents)
        QVERIFY(UuidV4.match(id.toString()).hasMatch());
    const Reply listed = fount("/audiences/4/respondents?per_page=1");
    QCOMPARE(listed.json().value("meta").toObject().value("total").toInt(), respondents.size());
    QCOMPARE(listed.json().value("data").toArray().at(0).toString(), respondents.at(0).toString());

    // The sandbox recorded the delivery.
    const QJsonArray hooks =
        send("GET", "/sandbox/fount/webhooks").json().value("webhooks").toArray();
    QCOMPARE(hooks.size(), 1);
    const QJsonObject delivery =
        hooks.at(0).toObject().value("deliveries").toArray().at(0).toObject();
    QCOMPARE(delivery.value("status").toString(), "delivered");
    QCOMPARE(delivery.value("attempts").toInt(), 1);
    QCOMPARE(delivery.value("delivery_id").toString(),
             QString::fromLatin1(hook.headers.value("bav-delivery")));
}

void TestSandboxFountAep::fountWebhookProgressiveNumbers()
{
    QVERIFY(registerWebhook("/hook", "k") > 0);
    QCOMPARE(
        fount("/audiences/17/exports", "POST", R"({"format":"ao_progressive_numbers"})").status,
        202);
    QCOMPARE(fount("/audiences/17/exports", "POST", R"({"format":"definition"})").status, 202);
    QTRY_COMPARE_WITH_TIMEOUT(m_received.size(), 2, 5000);
    QJsonObject numbers, definition;
    for (const Received &r : std::as_const(m_received)) {
        const QJsonObject body = QJsonDocument::fromJson(r.body).object();
        (body.contains("respondents") ? numbers : definition) = body;
    }
    const QJsonArray respondents = numbers.value("respondents").toArray();
    QVERIFY(!respondents.isEmpty());
    const QRegularExpression progressive("^\\d+_2x_4$");
    for (const QJsonValue &id : respondents)
        QVERIFY2(progressive.match(id.toString()).hasMatch(), qPrintable(id.toString()));
    // The definition format is the Audiences API object, without respondents.
    QCOMPARE(definition.value("id").toInt(), 17);
    QVERIFY(definition.contains("available_for_bav"));
    QVERIFY(definition.contains("bc_filters"));
    QCOMPARE(fount("/audiences/17/exports", "POST", R"({"format":"csv"})").status, 422);
}

void TestSandboxFountAep::fountWebhookRetriesThenDisables()
{
    const int id = registerWebhook("/broken", "k");
    QVERIFY(id > 0);
    QCOMPARE(fount("/audiences/2/exports", "POST", R"({"format":"definition"})").status, 202);
    // One attempt and webhookRetries (2) more, 40 ms then 80 ms apart; then disabled.
    QTRY_COMPARE_WITH_TIMEOUT(m_failed.size(), 3, 5000);
    QJsonObject hook;
    QTRY_VERIFY_WITH_TIMEOUT((hook = send("GET", "/sandbox/fount/webhooks")
                                         .json()
                                         .value("webhooks")
                                         .toArray()
                                         .at(0)
                                         .toObject(),
                              !hook.value("enabled").toBool()),
                             5000);
    QVERIFY(!hook.value("disabled_at").isNull());
    const QJsonObject delivery = hook.value("deliveries").toArray().at(0).toObject();
    QCOMPARE(delivery.value("status").toString(), "failed");
    QCOMPARE(delivery.value("attempts").toInt(), 3);
    QCOMPARE(delivery.value("last_status").toInt(), 500);
    // Every attempt carried the same delivery id and signature.
    QCOMPARE(m_failed.at(0).headers.value("bav-delivery"),
             m_failed.at(2).headers.value("bav-delivery"));
    QCOMPARE(m_failed.at(0).headers.value("bav-signature"),
             m_failed.at(2).headers.value("bav-signature"));
    QTest::qWait(200);
    QCOMPARE(m_failed.size(), 3);

    // Disabled: a new export has no destination until the webhook is enabled again.
    QCOMPARE(fount("/audiences/2/exports", "POST", R"({"format":"definition"})").status, 422);
    QCOMPARE(send("POST", QString("/sandbox/fount/webhooks/%1/enable").arg(id)).status, 200);
    QCOMPARE(fount("/audiences/2/exports", "POST", R"({"format":"definition"})").status, 202);
    QTRY_COMPARE_WITH_TIMEOUT(m_failed.size(), 4, 5000);
}

void TestSandboxFountAep::fountRespondentsPaging()
{
    Reply r = fount("/audiences/1/respondents?per_page=1000");
    QCOMPARE(r.status, 200);
    QVERIFY(!r.header("X-Sandbox-Extension").isEmpty());
    QJsonObject meta = r.json().value("meta").toObject();
    QCOMPARE(meta.value("total").toInt(), 24000); // All Adults: the whole panel
    QCOMPARE(meta.value("last_page").toInt(), 24);

    // Page through an audience and get every respondent exactly once.
    QSet<QString> seen;
    QString next =
        m_server
            ->url("/fount/api/v2/audiences/13/respondents?per_page=400&format=ao_respondent_ids")
            .toString();
    int total = -1, pages = 0;
    while (!next.isEmpty() && pages < 50) {
        ++pages;
        r = sendUrl("GET", QUrl(next),
                    {{"Authorization", "Bearer " + Pat}, {"Accept", "application/json"}});
        QCOMPARE(r.status, 200);
        total = r.json().value("meta").toObject().value("total").toInt();
        QCOMPARE(r.json().value("meta").toObject().value("format").toString(), "ao_respondent_ids");
        for (const QJsonValue &id : r.json().value("data").toArray()) {
            QVERIFY(UuidV4.match(id.toString()).hasMatch());
            seen.insert(id.toString());
        }
        next = r.json().value("links").toObject().value("next").toString();
    }
    QVERIFY(total > 800 && total < 2000); // ~6 % of 24,000
    QCOMPARE(seen.size(), total);
    QCOMPARE(pages, (total + 399) / 400);

    // Deterministic: the same page twice is the same ids.
    QCOMPARE(fount("/audiences/13/respondents?page=2&per_page=5").body,
             fount("/audiences/13/respondents?page=2&per_page=5").body);
    QCOMPARE(fount("/audiences/13/respondents?format=definition").status, 422);
}

// ---------------------------------------------------------------------------------------------
// Adobe Experience Platform

QByteArray TestSandboxFountAep::aepToken()
{
    const Reply r =
        send("POST", "/aep/ims/token/v3", {{"Content-Type", "application/x-www-form-urlencoded"}},
             "grant_type=client_credentials&client_id=sandbox-aep-client&"
             "client_secret=sandbox-aep-secret&scope=openid,AdobeID,read_organizations");
    if (r.status != 200)
        qWarning() << r.status << r.body;
    return r.json().value("access_token").toString().toLatin1();
}

Headers TestSandboxFountAep::platform(const QByteArray &token) const
{
    return {{"Authorization", "Bearer " + token},
            {"x-api-key", "sandbox-aep-client"},
            {"x-gw-ims-org-id", "0A1B2C3D4E5F60718293A4B5@AdobeOrg"},
            {"x-sandbox-name", "prod"}};
}

QJsonObject TestSandboxFountAep::createExport(const QByteArray &token, const QJsonObject &body)
{
    Headers headers = platform(token);
    headers.emplace_back("Content-Type", "application/json");
    const Reply r = send("POST", "/aep/platform/data/core/ups/export/jobs", headers,
                         QJsonDocument(body).toJson());
    if (r.status != 200)
        qWarning() << r.status << r.body;
    return r.json();
}

QJsonObject exportBody(const QJsonArray &segments, bool perBatch = false)
{
    QJsonArray list;
    for (const QJsonValue &s : segments)
        list.append(s.isObject() ? s
                                 : QJsonValue(QJsonObject{{"segmentId", s.toString()},
                                                          {"segmentNs", "ups"}}));
    return {{"fields", "identityMap,person.name,personID"},
            {"mergePolicy", QJsonObject{{"id", "timestampOrdered-none-mp"}, {"version", 1}}},
            {"filter", QJsonObject{{"segments", list}}},
            {"destination",
             QJsonObject{{"datasetId", "5b7c86968f7b6501e21ba9df"}, {"segmentPerBatch", perBatch}}},
            {"schema", QJsonObject{{"name", "_xdm.context.profile"}}}};
}

QJsonObject TestSandboxFountAep::waitForJob(const QByteArray &token, qint64 id, QStringList *seen)
{
    QJsonObject job;
    QElapsedTimer clock;
    clock.start();
    while (clock.elapsed() < 5000) {
        job = send("GET", QString("/aep/platform/data/core/ups/export/jobs/%1").arg(id),
                   platform(token))
                  .json();
        const QString status = job.value("status").toString();
        if (seen && (seen->isEmpty() || seen->last() != status))
            seen->append(status);
        if (status == "SUCCEEDED" || status == "FAILED")
            break;
        QTest::qWait(40);
    }
    return job;
}

QList<QByteArray> TestSandboxFountAep::downloadBatch(const QByteArray &token,
                                                     const QString &batchId,
                                                     QList<QJsonObject> *listings)
{
    QList<QByteArray> files;
    const Reply listing =
        send("GET", "/aep/platform/data/foundation/export/batches/" + batchId + "/files",
             platform(token));
    [&] { QCOMPARE(listing.status, 200); }();
    for (const QJsonValue &entry : listing.json().value("data").toArray()) {
        const QString href = entry.toObject()
                                 .value("_links")
                                 .toObject()
                                 .value("self")
                                 .toObject()
                                 .value("href")
                                 .toString();
        const Reply file = sendUrl("GET", QUrl(href), platform(token));
        const QJsonObject detail = file.json().value("data").toArray().at(0).toObject();
        if (listings)
            listings->append(detail);
        const QString download =
            detail.value("_links").toObject().value("self").toObject().value("href").toString();
        const Reply bytes = sendUrl("GET", QUrl(download), platform(token));
        [&] { QCOMPARE(bytes.status, 200); }();
        files.append(bytes.body);
    }
    return files;
}

void TestSandboxFountAep::aepImsToken()
{
    const Headers form{{"Content-Type", "application/x-www-form-urlencoded"}};
    Reply r = send("POST", "/aep/ims/token/v3", form,
                   "grant_type=client_credentials&client_id=sandbox-aep-client&"
                   "client_secret=sandbox-aep-secret&scope=openid%2CAdobeID");
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json().value("token_type").toString(), "bearer");
    QCOMPARE(r.json().value("expires_in").toInt(), 86399);
    QVERIFY(!r.json().value("access_token").toString().isEmpty());

    r = send("POST", "/aep/ims/token/v3", form,
             "grant_type=client_credentials&client_id=sandbox-aep-client&client_secret=wrong");
    QCOMPARE(r.status, 401);
    QCOMPARE(r.json().value("error").toString(), "invalid_client");
    r = send("POST", "/aep/ims/token/v3", form,
             "grant_type=client_credentials&client_id=someone-else&client_secret=x");
    QCOMPARE(r.status, 400);
    QCOMPARE(r.json().value("error").toString(), "invalid_client");
    r = send("POST", "/aep/ims/token/v3", form, "client_id=sandbox-aep-client");
    QCOMPARE(r.status, 400);
    QCOMPARE(r.json().value("error").toString(), "unsupported_grant_type");

    // A tokenTtlSeconds fault shortens the lifetime.
    FaultRule rule;
    rule.pathPrefix = "/aep/ims/";
    rule.tokenTtlSeconds = 5;
    rule.times = 1;
    m_server->faults().addRule(rule);
    QCOMPARE(
        QJsonDocument::fromJson(send("POST", "/aep/ims/token/v3", form,
                                     "grant_type=client_credentials&client_id=sandbox-aep-client&"
                                     "client_secret=sandbox-aep-secret")
                                    .body)
            .object()
            .value("expires_in")
            .toInt(),
        5);
}

void TestSandboxFountAep::aepPlatformHeaders_data()
{
    QTest::addColumn<QByteArray>("drop");
    QTest::addColumn<QByteArray>("replace");
    QTest::addColumn<QByteArray>("value");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("code");

    QTest::newRow("all present") << QByteArray() << QByteArray() << QByteArray() << 200
                                 << QString();
    QTest::newRow("no token") << QByteArray("Authorization") << QByteArray() << QByteArray() << 403
                              << "403010";
    QTest::newRow("no api key") << QByteArray("x-api-key") << QByteArray() << QByteArray() << 403
                                << "403000";
    QTest::newRow("wrong api key")
        << QByteArray() << QByteArray("x-api-key") << QByteArray("other") << 403 << "403003";
    QTest::newRow("unknown token") << QByteArray() << QByteArray("Authorization")
                                   << QByteArray("Bearer sbx.nope") << 401 << "401013";
    QTest::newRow("no org") << QByteArray("x-gw-ims-org-id") << QByteArray() << QByteArray() << 400
                            << "400003";
    QTest::newRow("wrong org") << QByteArray() << QByteArray("x-gw-ims-org-id")
                               << QByteArray("X@AdobeOrg") << 403 << "403025";
    QTest::newRow("no sandbox") << QByteArray("x-sandbox-name") << QByteArray() << QByteArray()
                                << 400 << "400003";
}

void TestSandboxFountAep::aepPlatformHeaders()
{
    QFETCH(QByteArray, drop);
    QFETCH(QByteArray, replace);
    QFETCH(QByteArray, value);
    QFETCH(int, status);
    QFETCH(QString, code);
    const QByteArray token = aepToken();
    QVERIFY(!token.isEmpty());
    Headers headers;
    for (const auto &[name, v] : platform(token)) {
        if (name == drop)
            continue;
        headers.append({name, name == replace ? value : v});
    }
    const Reply r = send("GET", "/aep/platform/data/core/ups/segment/definitions", headers);
    QCOMPARE(r.status, status);
    if (!code.isEmpty())
        QCOMPARE(r.json().value("error_code").toString(), code);
}

void TestSandboxFountAep::aepSegmentDefinitions()
{
    const QByteArray token = aepToken();
    Reply r = send("GET", "/aep/platform/data/core/ups/segment/definitions", platform(token));
    QCOMPARE(r.status, 200);
    const QJsonArray segments = r.json().value("segments").toArray();
    QCOMPARE(segments.size(), 5);
    QCOMPARE(segments.at(0).toObject().value("id").toString(), GoldSegment);
    QCOMPARE(segments.at(0).toObject().value("schema").toObject().value("name").toString(),
             "_xdm.context.profile");
    r = send("GET", "/aep/platform/data/core/ups/segment/definitions?limit=2", platform(token));
    QCOMPARE(r.json().value("segments").toArray().size(), 2);
    QVERIFY(!r.json().value("link").toObject().value("next").toString().isEmpty());
    r = send("GET", "/aep/platform/data/core/ups/segment/definitions/synthetic-1234",
             platform(token));
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json().value("id").toString(), "synthetic-1234");
    QCOMPARE(
        send("GET", "/aep/platform/data/core/ups/segment/definitions/nope", platform(token)).status,
        404);
}

void TestSandboxFountAep::aepExportJobSucceeds()
{
    const QByteArray token = aepToken();
    const QJsonObject job = createExport(token, exportBody({GoldSegment}));
    QCOMPARE(job.value("status").toString(), "NEW");
    QVERIFY(job.value("id").isDouble());
    QCOMPARE(job.value("jobType").toString(), "BATCH");
    QCOMPARE(job.value("schema").toObject().value("name").toString(), "_xdm.context.profile");

    QStringList seen;
    const QJsonObject done = waitForJob(token, job.value("id").toInteger(), &seen);
    QCOMPARE(done.value("status").toString(), "SUCCEEDED");
    QCOMPARE(seen.first(), "NEW");
    QVERIFY2(seen.contains("PROCESSING"), qPrintable(seen.join(',')));
    QCOMPARE(seen.last(), "SUCCEEDED");
    QVERIFY(!done.value("destination").toObject().value("batchId").toString().isEmpty());
    QCOMPARE(done.value("destination").toObject().value("datasetId").toString(),
             "5b7c86968f7b6501e21ba9df");
    const QJsonObject total = done.value("metrics").toObject().value("totalTime").toObject();
    QVERIFY(total.value("totalTimeInMs").toInteger() >= 0);
    QVERIFY(done.value("errors").toArray().isEmpty());
}

void TestSandboxFountAep::aepExportJobValidation()
{
    const QByteArray token = aepToken();
    Headers headers = platform(token);
    headers.emplace_back("Content-Type", "application/json");
    auto post = [&](QJsonObject body) {
        return send("POST", "/aep/platform/data/core/ups/export/jobs", headers,
                    QJsonDocument(body).toJson())
            .status;
    };
    QJsonObject body = exportBody({GoldSegment});
    QCOMPARE(post(body), 200);
    body.insert("destination", QJsonObject{});
    QCOMPARE(post(body), 400);
    body = exportBody({GoldSegment});
    body.insert("schema", QJsonObject{{"name", "_xdm.context.experienceevent"}});
    QCOMPARE(post(body), 400);
    QCOMPARE(post(exportBody({"no-such-segment"})), 400);
    QCOMPARE(post(exportBody({QJsonObject{{"segmentNs", "ups"}}})), 400);
    QCOMPARE(
        post(exportBody({QJsonObject{{"segmentId", GoldSegment}, {"status", QJsonArray{"gone"}}}})),
        400);
    // Content-Type is required on Platform POSTs.
    const Reply r = send("POST", "/aep/platform/data/core/ups/export/jobs", platform(token),
                         QJsonDocument(exportBody({GoldSegment})).toJson());
    QCOMPARE(r.status, 400);
    QCOMPARE(r.json().value("detail").toString(), "A valid content-type must be specified");
}

void TestSandboxFountAep::aepExportJobFailsWithFault()
{
    FaultRule rule;
    rule.pathPrefix = "/aep/platform/data/core/ups/export/jobs";
    rule.method = "POST";
    rule.failJobs = true;
    rule.times = 1;
    m_server->faults().addRule(rule);
    const QByteArray token = aepToken();
    const QJsonObject job = createExport(token, exportBody({GoldSegment}));
    QCOMPARE(job.value("status").toString(), "NEW");
    const QJsonObject done = waitForJob(token, job.value("id").toInteger());
    QCOMPARE(done.value("status").toString(), "FAILED");
    const QJsonObject error = done.value("errors").toArray().at(0).toObject();
    QVERIFY(!error.value("code").toString().isEmpty());
    QVERIFY(!error.value("msg").toString().isEmpty());
    QVERIFY(done.value("destination").toObject().value("batchId").toString().isEmpty());
    // The next job is not hit (times: 1).
    const QJsonObject next = createExport(token, exportBody({GoldSegment}));
    QCOMPARE(waitForJob(token, next.value("id").toInteger()).value("status").toString(),
             "SUCCEEDED");
}

void TestSandboxFountAep::aepExportJobCancelAndList()
{
    const QByteArray token = aepToken();
    QList<qint64> ids;
    for (int i = 0; i < 3; ++i)
        ids.append(createExport(token, exportBody({GoldSegment})).value("id").toInteger());
    Reply r = send("DELETE", QString("/aep/platform/data/core/ups/export/jobs/%1").arg(ids.at(1)),
                   platform(token));
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json().value("status").toBool(), true);
    QCOMPARE(send("GET", QString("/aep/platform/data/core/ups/export/jobs/%1").arg(ids.at(1)),
                  platform(token))
                 .json()
                 .value("status")
                 .toString(),
             "CANCELLED");

    // Newest first, two per page, then the offset token of the last record.
    r = send("GET", "/aep/platform/data/core/ups/export/jobs?limit=2", platform(token));
    QCOMPARE(r.status, 200);
    QJsonArray records = r.json().value("records").toArray();
    QCOMPARE(records.size(), 2);
    QCOMPARE(records.at(0).toObject().value("id").toInteger(), ids.at(2));
    QCOMPARE(records.at(1).toObject().value("id").toInteger(), ids.at(1));
    const QString next = r.json().value("link").toObject().value("next").toString();
    QVERIFY(next.startsWith("/export/jobs/?limit=2&offset="));
    const QString offset = r.json().value("page").toObject().value("pageOffset").toString();
    QVERIFY(next.endsWith(offset));
    r = send("GET", "/aep/platform/data/core/ups/export/jobs?limit=2&offset=" + offset,
             platform(token));
    records = r.json().value("records").toArray();
    QCOMPARE(records.size(), 1);
    QCOMPARE(records.at(0).toObject().value("id").toInteger(), ids.at(0));
    QVERIFY(r.json().value("link").toObject().value("next").toString().isEmpty());

    r = send("GET", "/aep/platform/data/core/ups/export/jobs?status=CANCELLED", platform(token));
    QCOMPARE(r.json().value("records").toArray().size(), 1);
    QCOMPARE(send("DELETE", "/aep/platform/data/core/ups/export/jobs/1", platform(token)).status,
             404);
}

void TestSandboxFountAep::aepBatchFilesAndRanges()
{
    const QByteArray token = aepToken();
    const QJsonObject job = createExport(token, exportBody({GoldSegment}));
    const QJsonObject done = waitForJob(token, job.value("id").toInteger());
    QCOMPARE(done.value("status").toString(), "SUCCEEDED");
    const QString batchId = done.value("destination").toObject().value("batchId").toString();

    // 1,200 candidate profiles at 500 per file: three files.
    const Reply listing =
        send("GET", "/aep/platform/data/foundation/export/batches/" + batchId + "/files",
             platform(token));
    QCOMPARE(listing.status, 200);
    const QJsonArray entries = listing.json().value("data").toArray();
    QCOMPARE(entries.size(), 3);
    QCOMPARE(listing.json().value("_page").toObject().value("count").toInt(), 3);
    for (const QJsonValue &e : entries) {
        QVERIFY(!e.toObject().value("dataSetFileId").toString().isEmpty());
        QVERIFY(e.toObject()
                    .value("_links")
                    .toObject()
                    .value("self")
                    .toObject()
                    .value("href")
                    .toString()
                    .contains("/aep/platform/data/foundation/export/files/"));
    }

    QList<QJsonObject> details;
    const QList<QByteArray> files = downloadBatch(token, batchId, &details);
    QCOMPARE(files.size(), 3);
    qint64 rows = 0;
    QSet<QString> ids;
    for (int i = 0; i < files.size(); ++i) {
        QCOMPARE(QByteArray::number(files.at(i).size()),
                 details.at(i).value("length").toString().toLatin1());
        QVERIFY(details.at(i).value("name").toString().endsWith(".jsonl"));
        const QList<QByteArray> lines = files.at(i).split('\n');
        QVERIFY(lines.last().isEmpty()); // every line ends with \n
        for (qsizetype n = 0; n + 1 < lines.size(); ++n) {
            QJsonParseError error;
            const QJsonObject profile = QJsonDocument::fromJson(lines.at(n), &error).object();
            QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(error.errorString()));
            ids.insert(profile.value("_id").toString());
            QVERIFY(profile.contains("personID"));
            QVERIFY(profile.contains("person"));
            QVERIFY(!profile.contains("homeAddress")); // not among the requested fields
            const QJsonObject identities = profile.value("identityMap").toObject();
            QCOMPARE(
                identities.value("ECID").toArray().at(0).toObject().value("id").toString().size(),
                38);
            QVERIFY(!identities.value("Email").toArray().isEmpty());
            const QJsonObject membership = profile.value("segmentMembership")
                                               .toObject()
                                               .value("ups")
                                               .toObject()
                                               .value(GoldSegment)
                                               .toObject();
            const QString status = membership.value("status").toString();
            QVERIFY2(status == "realized" || status == "existing", qPrintable(status));
            QVERIFY(QDateTime::fromString(membership.value("lastQualificationTime").toString(),
                                          Qt::ISODate)
                        .isValid());
            ++rows;
        }
    }
    QVERIFY(rows > 900 && rows < 1200); // exited members are left out
    QCOMPARE(ids.size(), rows);

    // Ranges: a slice in the middle, a suffix, an open end; and one past the end.
    const QString fileId = entries.at(1).toObject().value("dataSetFileId").toString();
    const QString path = "/aep/platform/data/foundation/export/files/" + fileId +
                         "?path=" + details.at(1).value("name").toString();
    const QByteArray whole = files.at(1);
    Headers ranged = platform(token);
    ranged.emplace_back("Range", "bytes=100-199");
    Reply r = send("GET", path, ranged);
    QCOMPARE(r.status, 206);
    QCOMPARE(r.header("Content-Range"), "bytes 100-199/" + QByteArray::number(whole.size()));
    QCOMPARE(r.body, whole.mid(100, 100));
    ranged.last().second = "bytes=-50";
    r = send("GET", path, ranged);
    QCOMPARE(r.status, 206);
    QCOMPARE(r.body, whole.right(50));
    const qint64 deep = whole.size() - 20000; // past several checkpoints
    ranged.last().second = "bytes=" + QByteArray::number(deep) + "-";
    r = send("GET", path, ranged);
    QCOMPARE(r.status, 206);
    QCOMPARE(r.body, whole.mid(deep));
    ranged.last().second = "bytes=" + QByteArray::number(whole.size()) + "-";
    r = send("GET", path, ranged);
    QCOMPARE(r.status, 416);
    QCOMPARE(r.header("Content-Range"), "bytes */" + QByteArray::number(whole.size()));

    QCOMPARE(send("GET",
                  "/aep/platform/data/foundation/export/files/" + fileId + "?path=other.parquet",
                  platform(token))
                 .status,
             404);
    QCOMPARE(send("GET", "/aep/platform/data/foundation/export/batches/nope/files", platform(token))
                 .status,
             404);
}

void TestSandboxFountAep::aepSyntheticExportRowCount()
{
    const QByteArray token = aepToken();
    // Two segments, one batch each; a synthetic segment exports exactly its size.
    const QJsonObject job = createExport(token, exportBody({"synthetic-1000", GoldSegment}, true));
    const QJsonObject done = waitForJob(token, job.value("id").toInteger());
    QCOMPARE(done.value("status").toString(), "SUCCEEDED");
    const QJsonArray batches = done.value("destination").toObject().value("batches").toArray();
    QCOMPARE(batches.size(), 2);
    QCOMPARE(batches.at(0).toObject().value("segmentId").toString(), "synthetic-1000");
    const QList<QByteArray> files =
        downloadBatch(token, batches.at(0).toObject().value("batchId").toString());
    QCOMPARE(files.size(), 2);
    qint64 lines = 0;
    bool sawGold = false;
    for (const QByteArray &file : files) {
        lines += file.count('\n');
        sawGold = sawGold || file.contains(GoldSegment.toLatin1());
    }
    QCOMPARE(lines, 1000);
    QVERIFY(sawGold); // memberships of other segments are exported with the profile
}

void TestSandboxFountAep::aepIngestionBatch()
{
    const QByteArray token = aepToken();
    Headers json = platform(token);
    json.emplace_back("Content-Type", "application/json");
    Reply r = send("POST", "/aep/platform/data/foundation/import/batches", json,
                   R"({"datasetId":"ds-audiences","inputFormat":{"format":"json"}})");
    QCOMPARE(r.status, 201);
    QCOMPARE(r.json().value("status").toString(), "loading");
    const QString batch = r.json().value("id").toString();
    QCOMPARE(r.json().value("relatedObjects").toArray().at(0).toObject().value("id").toString(),
             "ds-audiences");

    Headers octets = platform(token);
    octets.emplace_back("Content-Type", "application/octet-stream");
    const QString files =
        "/aep/platform/data/foundation/import/batches/" + batch + "/datasets/ds-audiences/files/";
    QCOMPARE(send("PUT", files + "part-1.json", octets,
                  "{\"personID\":\"a@example.com\"}\n{\"personID\":\"b@example.com\"}\n{"
                  "\"personID\":\"c\"}\n")
                 .status,
             200);
    QCOMPARE(send("PUT",
                  "/aep/platform/data/foundation/import/batches/" + batch +
                      "/datasets/other/files/x.json",
                  octets, "{}\n")
                 .status,
             400);

    // A large file in chunks; a line split across two chunks counts once.
    QCOMPARE(send("POST", files + "part-2.json?action=INITIALIZE", platform(token)).status, 201);
    QCOMPARE(send("PATCH", files + "part-2.json", octets, "{\"personID\":\"d@exa").status, 200);
    QCOMPARE(
        send("PATCH", files + "part-2.json", octets, "mple.com\"}\n{\"personID\":\"e\"}").status,
        200);
    QCOMPARE(send("POST", files + "part-2.json?action=COMPLETE", platform(token)).status, 200);

    QCOMPARE(send("POST",
                  "/aep/platform/data/foundation/import/batches/" + batch + "?action=COMPLETE",
                  platform(token))
                 .status,
             200);
    QCOMPARE(send("PUT", files + "late.json", octets, "{}\n").status, 400);

    r = send("GET", "/sandbox/aep/batches/" + batch);
    QCOMPARE(r.status, 200);
    QJsonObject recorded = r.json();
    QCOMPARE(recorded.value("fileCount").toInt(), 2);
    QCOMPARE(recorded.value("rows").toInt(), 5);
    QCOMPARE(recorded.value("invalidRows").toInt(), 0);
    QCOMPARE(recorded.value("status").toString(), "processing");
    const QJsonArray recordedFiles = recorded.value("files").toArray();
    QCOMPARE(recordedFiles.at(1).toObject().value("uploads").toInt(), 2);
    QCOMPARE(recordedFiles.at(1).toObject().value("chunked").toBool(), true);

    const QString catalog = "/aep/platform/data/foundation/catalog/batches/" + batch;
    QJsonObject entry;
    QTRY_VERIFY_WITH_TIMEOUT(
        (entry = send("GET", catalog, platform(token)).json().value(batch).toObject(),
         entry.value("status").toString() == "success"),
        3000);
    QCOMPARE(entry.value("metrics").toObject().value("recordsWritten").toInt(), 5);
    QCOMPARE(entry.value("metrics").toObject().value("inputFileCount").toInt(), 2);
}

void TestSandboxFountAep::aepIngestionInvalidRowsFail()
{
    const QByteArray token = aepToken();
    Headers json = platform(token);
    json.emplace_back("Content-Type", "application/json");
    const QString batch = send("POST", "/aep/platform/data/foundation/import/batches", json,
                               R"({"datasetId":"ds","inputFormat":{"format":"json"}})")
                              .json()
                              .value("id")
                              .toString();
    QVERIFY(!batch.isEmpty());
    QCOMPARE(send("PUT",
                  "/aep/platform/data/foundation/import/batches/" + batch +
                      "/datasets/ds/files/bad.json",
                  platform(token), "{\"ok\":1}\nnot json\n[1]\n")
                 .status,
             200);
    const Reply r = send("GET", "/sandbox/aep/batches/" + batch);
    QCOMPARE(r.json().value("rows").toInt(), 1);
    QCOMPARE(r.json().value("invalidRows").toInt(), 2);
    QCOMPARE(send("POST",
                  "/aep/platform/data/foundation/import/batches/" + batch + "?action=COMPLETE",
                  platform(token))
                 .status,
             200);
    QJsonObject entry;
    QTRY_VERIFY_WITH_TIMEOUT(
        (entry =
             send("GET", "/aep/platform/data/foundation/catalog/batches/" + batch, platform(token))
                 .json()
                 .value(batch)
                 .toObject(),
         entry.value("status").toString() == "failed"),
        3000);
    QVERIFY(!entry.value("errors").toArray().isEmpty());
}

QTEST_GUILESS_MAIN(TestSandboxFountAep)
#include "tst_sandboxfountaep.moc"
