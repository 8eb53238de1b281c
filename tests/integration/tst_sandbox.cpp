// The sandbox server over real loopback HTTP: the exchange protocol as documented in
// docs/exchange-protocol.md, the control API, fault injection — and courier::HttpJob coping
// with every fault the way a connector will have to.
#include "engine/GzipDecoder.h"
#include "engine/HttpJob.h"
#include "sandbox/audience/CsvRecords.h"
#include "sandbox/audience/SyntheticAudience.h"
#include "sandbox/auth/TokenIssuer.h"
#include "sandbox/faults/Faults.h"
#include "sandbox/http/RequestLog.h"
#include "sandbox/http/Responder.h"
#include "sandbox/http/Router.h"
#include "sandbox/protocols/exchange/ExchangeConsumerState.h"
#include "sandbox/SandboxContext.h"
#include "sandbox/SandboxServer.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QtTest>

using namespace courier;
using namespace courier::sandbox;
using namespace std::chrono_literals;

namespace {

const QByteArray Key = "sandbox-key";
const QByteArray FullHeader = "device_id,user_id,email,phone,first_name,last_name,country,city,"
                              "postal_code,lifetime_value,last_seen";

struct Reply
{
    int status = 0;
    QNetworkReply::NetworkError error = QNetworkReply::NoError;
    QByteArray body;
    QList<QNetworkReply::RawHeaderPair> headers;

    QByteArray header(const QByteArray &name) const
    {
        for (const auto &[key, value] : headers)
            if (key.compare(name, Qt::CaseInsensitive) == 0)
                return value;
        return {};
    }
    QJsonObject json() const { return QJsonDocument::fromJson(body).object(); }
    QString errorMessage() const
    {
        return json().value("error").toObject().value("message").toString();
    }
};

qsizetype dataRows(const QByteArray &csv)
{
    // The synthetic data has no line breaks inside fields: records are CRLF-terminated lines.
    return csv.count("\r\n") - 1;
}

QByteArray gunzip(const QByteArray &gz, bool *complete = nullptr)
{
    GzipDecoder decoder;
    QByteArray out;
    const bool ok = decoder.feed(gz, out);
    if (complete)
        *complete = ok && decoder.isComplete();
    return out;
}

HttpRequestSpec getSpec(const QUrl &url)
{
    HttpRequestSpec spec;
    spec.url = url;
    return spec;
}

// A policy fast enough for tests; Retry-After is capped by `cap`.
BackoffPolicy quickPolicy()
{
    BackoffPolicy policy;
    policy.initial = 10ms;
    policy.cap = 50ms;
    policy.jitter = 0.0;
    policy.maxAttempts = 4;
    return policy;
}

} // namespace

class TestSandbox : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    // The framework.
    void routerMatchesPatterns();
    void syntheticAudienceIsDeterministicAndUntidy();
    void csvRecordsParse();
    void tokenIssuerExpires();
    void healthAndUnknownRoutes();
    void keepAliveAcrossStreamedBodies();
    void streamingDoesNotBlockOtherRequests();

    // Exchange producer.
    void listsSegmentsWithPaging();
    void segmentLookup();
    void refusesMissingOrWrongKey();
    void jobLifecycle();
    void jobRequestValidation();
    void downloadPlainAndGzipAreIdentical();
    void downloadIsDeterministic();
    void downloadSelectedColumns();
    void bigSegmentsAreSplitIntoParts();
    void jobsExpire();

    // Exchange consumer.
    void consumerAddIsIdempotent();
    void consumerReplaceAppliesAtomically();
    void consumerRemove();
    void consumerRefusesBadBatches();
    void consumerTooManyRows();

    // Control API and faults.
    void faultsApiRoundTrip();
    void errorStatusWithRetryAfterThenSuccess();
    void errorRateIsSeeded();
    void droppedConnectionIsRetried();
    void truncatedGzipIsDetectedAndRetried();
    void malformedJson();
    void stalledBodyIsRetried();
    void slowBody();
    void failJobs();
    void resetClearsEverything();

private:
    void restart(const SandboxOptions &options);
    Reply send(const QByteArray &verb, const QString &path, const QByteArray &body = {},
               QList<std::pair<QByteArray, QByteArray>> headers = {}, bool withKey = true);
    Reply get(const QString &path, QList<std::pair<QByteArray, QByteArray>> headers = {})
    {
        return send("GET", path, {}, std::move(headers));
    }
    QString createJob(const QString &segmentId, const QJsonArray &columns = {});
    QJsonObject waitForJob(const QString &jobId);
    QByteArray download(const QString &jobId, int dataId, bool gzip, Reply *reply = nullptr);
    Reply pushBatch(const QByteArray &verb, const QString &destination, const QByteArray &key,
                    const QByteArray &csv,
                    QList<std::pair<QByteArray, QByteArray>> extraHeaders = {});
    QString createDestination(const QString &name);
    // Runs an HttpJob to its end against the sandbox with the exchange key.
    bool runJob(HttpJob &job, int timeoutMs = 10000);

    std::unique_ptr<SandboxServer> m_server;
    std::unique_ptr<QNetworkAccessManager> m_nam;
};

void TestSandbox::init()
{
    SandboxOptions options;
    options.jobReadyAfter = 300ms;
    restart(options);
}

void TestSandbox::cleanup()
{
    m_nam.reset();
    m_server.reset();
}

void TestSandbox::restart(const SandboxOptions &options)
{
    m_nam.reset();
    m_server = std::make_unique<SandboxServer>(options);
    QString error;
    QVERIFY2(m_server->listen(0, &error), qPrintable(error));
    QVERIFY(m_server->port() != 0);
    m_nam = std::make_unique<QNetworkAccessManager>();
}

Reply TestSandbox::send(const QByteArray &verb, const QString &path, const QByteArray &body,
                        QList<std::pair<QByteArray, QByteArray>> headers, bool withKey)
{
    QNetworkRequest request(m_server->url(path));
    if (withKey)
        request.setRawHeader("Authorization", "Bearer " + Key);
    bool acceptEncoding = false;
    for (const auto &[name, value] : headers) {
        request.setRawHeader(name, value);
        acceptEncoding |= name.compare("Accept-Encoding", Qt::CaseInsensitive) == 0;
    }
    // Without this Qt asks for gzip and decodes it silently; tests want to see the wire.
    if (!acceptEncoding)
        request.setRawHeader("Accept-Encoding", "identity");
    if (!body.isEmpty() && !request.hasRawHeader("Content-Type"))
        request.setRawHeader("Content-Type", "application/json");
    QNetworkReply *reply = m_nam->sendCustomRequest(request, verb, body);
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    QTimer::singleShot(15000, &loop, &QEventLoop::quit);
    loop.exec();
    Reply out;
    if (!reply->isFinished()) {
        reply->abort();
        out.error = QNetworkReply::TimeoutError;
    } else {
        out.error = reply->error();
    }
    out.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    out.body = reply->readAll();
    out.headers = reply->rawHeaderPairs();
    reply->deleteLater();
    return out;
}

QString TestSandbox::createJob(const QString &segmentId, const QJsonArray &columns)
{
    QJsonObject body{{"segmentId", segmentId}};
    if (!columns.isEmpty())
        body.insert("columns", columns);
    const Reply reply = send("POST", "/exchange/v1/jobs", QJsonDocument(body).toJson());
    if (reply.status != 202)
        qWarning() << "job creation failed" << reply.status << reply.body;
    return reply.json().value("jobId").toString();
}

QJsonObject TestSandbox::waitForJob(const QString &jobId)
{
    QElapsedTimer clock;
    clock.start();
    QJsonObject status;
    while (clock.elapsed() < 10000) {
        status = get("/exchange/v1/jobs/" + jobId).json();
        if (status.value("status").toString() != "PROCESSING")
            break;
        QTest::qWait(50);
    }
    return status;
}

QByteArray TestSandbox::download(const QString &jobId, int dataId, bool gzip, Reply *replyOut)
{
    const Reply reply = get(QString("/exchange/v1/jobs/%1/data/%2").arg(jobId).arg(dataId),
                            {{"Accept-Encoding", gzip ? "gzip" : "identity"}});
    if (replyOut)
        *replyOut = reply;
    if (reply.status != 200)
        return {};
    if (!gzip)
        return reply.body;
    bool complete = false;
    QByteArray plain = gunzip(reply.body, &complete);
    return complete ? plain : QByteArray("incomplete gzip");
}

QString TestSandbox::createDestination(const QString &name)
{
    const Reply reply = send("POST", "/exchange/v1/destinations",
                             QJsonDocument(QJsonObject{{"name", name}}).toJson());
    return reply.status == 201 ? reply.json().value("id").toString() : QString();
}

Reply TestSandbox::pushBatch(const QByteArray &verb, const QString &destination,
                             const QByteArray &key, const QByteArray &csv,
                             QList<std::pair<QByteArray, QByteArray>> extraHeaders)
{
    QList<std::pair<QByteArray, QByteArray>> headers{{"Content-Type", "text/csv"}};
    if (!key.isEmpty())
        headers.append({"Idempotency-Key", key});
    headers += extraHeaders;
    return send(verb, "/exchange/v1/destinations/" + destination + "/data", csv, headers);
}

bool TestSandbox::runJob(HttpJob &job, int timeoutMs)
{
    job.setBearerTokenProvider([] { return Key; });
    QSignalSpy finished(&job, &HttpJob::finished);
    job.start();
    if (!finished.wait(timeoutMs) && finished.isEmpty())
        return false;
    return finished.size() == 1 && finished.first().first().toBool();
}

// ---------------------------------------------------------------------------------------------
// The framework

void TestSandbox::routerMatchesPatterns()
{
    Router router;
    QString hit;
    router.get("/a/{id}", [&hit](const Request &, Responder &) { hit = "capture"; });
    router.get("/a/new", [&hit](const Request &, Responder &) { hit = "literal"; });
    router.put("/a/{id}/data/{part}", [](const Request &, Responder &) {});

    Router::Match match = router.match(Request::Method::Get, "/a/new");
    QVERIFY(match.handler);
    Responder unused(nullptr, Request{}, nullptr, {});
    (*match.handler)(Request{}, unused);
    QCOMPARE(hit, "literal");

    match = router.match(Request::Method::Get, "/a/x-1");
    QVERIFY(match.handler);
    QCOMPARE(match.params.value("id"), "x-1");

    match = router.match(Request::Method::Put, "/a/7/data/2");
    QVERIFY(match.handler);
    QCOMPARE(match.params.value("id"), "7");
    QCOMPARE(match.params.value("part"), "2");

    match = router.match(Request::Method::Delete, "/a/7/data/2");
    QVERIFY(!match.handler);
    QCOMPARE(match.allowed, QList<Request::Method>{Request::Method::Put});

    QVERIFY(!router.match(Request::Method::Get, "/a").handler);
    QVERIFY(!router.match(Request::Method::Get, "/a/7/data").handler);
}

void TestSandbox::syntheticAudienceIsDeterministicAndUntidy()
{
    const SyntheticAudience audience(42, 5000);
    const SyntheticAudience again(42, 5000);
    const SyntheticAudience other(43, 5000);
    QCOMPARE(audience.member(123).email, again.member(123).email);
    QCOMPARE(audience.member(4999).deviceId, again.member(4999).deviceId);
    QVERIFY(audience.member(123).deviceId != other.member(123).deviceId);

    QSet<QByteArray> emails;
    int noUserId = 0, spaced = 0, upper = 0, noPhone = 0, nonAscii = 0, quotedCity = 0;
    QSet<QByteArray> countries;
    const QRegularExpression uuid("^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-"
                                  "[0-9a-f]{12}$");
    const QRegularExpression userId("^U[0-9]{8,}$");
    const QRegularExpression money("^[0-9]+\\.[0-9]{2}$");
    const QRegularExpression date("^20(23|24|25)-[01][0-9]-[0-3][0-9]$");
    for (qint64 i = 0; i < audience.size(); ++i) {
        const auto m = audience.member(i);
        QVERIFY2(uuid.match(QString::fromLatin1(m.deviceId)).hasMatch(), m.deviceId);
        if (m.userId.isEmpty())
            ++noUserId;
        else
            QVERIFY2(userId.match(QString::fromLatin1(m.userId)).hasMatch(), m.userId);
        QVERIFY(m.email.contains('@'));
        QVERIFY2(m.email.contains(QByteArray::number(i)), m.email); // the index is embedded
        emails.insert(m.email.trimmed().toLower());
        spaced += m.email != m.email.trimmed();
        upper += m.email != m.email.toLower();
        noPhone += m.phone.isEmpty();
        nonAscii += QString::fromUtf8(m.firstName + m.lastName + m.city).toLatin1() !=
                    m.firstName + m.lastName + m.city;
        quotedCity += m.city.contains(',');
        countries.insert(m.country);
        QVERIFY2(money.match(QString::fromLatin1(m.lifetimeValue)).hasMatch(), m.lifetimeValue);
        QVERIFY2(date.match(QString::fromLatin1(m.lastSeen)).hasMatch(), m.lastSeen);
        QVERIFY(QDate::fromString(QString::fromLatin1(m.lastSeen), Qt::ISODate).isValid());
    }
    QCOMPARE(emails.size(), 5000); // unique even after normalising
    QVERIFY2(noUserId > 800 && noUserId < 1200, QByteArray::number(noUserId)); // ~20 %
    QVERIFY(spaced > 100 && upper > 200 && noPhone > 200 && nonAscii > 1000 && quotedCity > 50);
    QCOMPARE(countries.size(), 6);

    // Phone numbers in several national and international formats.
    const QByteArray phones = audience.member(0).phone + audience.member(1).phone;
    QSet<QByteArray> shapes;
    for (qint64 i = 0; i < 500; ++i) {
        QByteArray shape = audience.member(i).phone;
        for (char &c : shape)
            if (c >= '0' && c <= '9')
                c = '9';
        shapes.insert(shape);
    }
    QVERIFY2(shapes.size() > 20, QByteArray::number(shapes.size()));

    // CSV rows: quoting where needed, CRLF, a row per member.
    QByteArray csv;
    const auto columns = SyntheticAudience::allColumns();
    SyntheticAudience::appendCsvHeader(columns, csv);
    QCOMPARE(csv, FullHeader + "\r\n");
    QByteArray field;
    SyntheticAudience::appendCsvField("Washington, D.C.", field);
    QCOMPARE(field, "\"Washington, D.C.\"");
    field.clear();
    SyntheticAudience::appendCsvField(" a@b.c ", field);
    QCOMPARE(field, "\" a@b.c \"");
    field.clear();
    SyntheticAudience::appendCsvField("Robert \"Bob\"", field);
    QCOMPARE(field, "\"Robert \"\"Bob\"\"\"");
    for (qint64 i = 0; i < 200; ++i)
        audience.appendCsvRow(i, columns, csv);
    CsvRecords records(csv);
    QByteArrayList fields;
    QVERIFY(records.next(fields));
    for (qint64 i = 0; i < 200; ++i) {
        QVERIFY(records.next(fields));
        QVERIFY(records.ok());
        QCOMPARE(fields.size(), columns.size());
        QCOMPARE(fields.at(SyntheticAudience::Email), audience.member(i).email);
        QCOMPARE(fields.at(SyntheticAudience::City), audience.member(i).city);
    }
    QVERIFY(!records.next(fields));
}

void TestSandbox::csvRecordsParse()
{
    CsvRecords records(
        "\xEF\xBB\xBFkey,name\r\n\"a,1\",\"say \"\"hi\"\"\"\n\r\nb,\"two\r\nlines\"\nc,x");
    QByteArrayList fields;
    QVERIFY(records.next(fields));
    QCOMPARE(fields, QByteArrayList({"key", "name"}));
    QVERIFY(records.next(fields));
    QCOMPARE(fields, QByteArrayList({"a,1", "say \"hi\""}));
    QCOMPARE(records.line(), 2);
    QVERIFY(records.next(fields));
    QCOMPARE(fields, QByteArrayList({"b", "two\r\nlines"}));
    QCOMPARE(records.line(), 4);
    QVERIFY(records.next(fields));
    QCOMPARE(fields, QByteArrayList({"c", "x"}));
    QVERIFY(!records.next(fields));
    QVERIFY(records.ok());

    CsvRecords broken("k\n\"open");
    QVERIFY(broken.next(fields));
    QVERIFY(broken.next(fields));
    QVERIFY(!broken.ok());
}

void TestSandbox::tokenIssuerExpires()
{
    TokenIssuer issuer;
    const auto lasting = issuer.issue(60s, "client-a");
    const auto expired = issuer.issue(0s);
    QVERIFY(lasting.token.startsWith("sbx."));
    QVERIFY(lasting.token != expired.token);
    QString subject;
    QCOMPARE(issuer.check(lasting.token, &subject), TokenIssuer::Validity::Valid);
    QCOMPARE(subject, "client-a");
    QCOMPARE(issuer.check(expired.token), TokenIssuer::Validity::Expired);
    QCOMPARE(issuer.check("sbx.nope"), TokenIssuer::Validity::Unknown);

    // The tokenTtlSeconds fault shortens the lifetime token endpoints hand out.
    SandboxContext &context = m_server->context();
    FaultPlan none;
    QCOMPARE(context.tokenTtlFor(none), 3600s);
    FaultRule rule;
    rule.tokenTtlSeconds = 2;
    rule.times = 1;
    context.faults().addRule(rule);
    FaultPlan plan = context.faults().planFor("POST", "/oauth/token");
    QCOMPARE(context.tokenTtlFor(plan), 2s);
    FaultPlan after = context.faults().planFor("POST", "/oauth/token");
    QCOMPARE(context.tokenTtlFor(after), 3600s);
}

void TestSandbox::healthAndUnknownRoutes()
{
    Reply reply = get("/sandbox/health");
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.json().value("status").toString(), "ok");
    QCOMPARE(reply.header("Content-Type"), "application/json");
    QCOMPARE(reply.header("Content-Length"), QByteArray::number(reply.body.size()));

    reply = get("/nowhere");
    QCOMPARE(reply.status, 404);
    QCOMPARE(reply.json().value("error").toObject().value("code").toInt(), 404);

    reply = send("DELETE", "/exchange/v1/segments");
    QCOMPARE(reply.status, 405);
    QCOMPARE(reply.header("Allow"), "GET");
    QVERIFY(m_server->baseUrl().toString().startsWith("http://127.0.0.1:"));
    QVERIFY(m_server->routes().contains("GET /exchange/v1/jobs/{jobId}/data/{dataId}"));
}

void TestSandbox::keepAliveAcrossStreamedBodies()
{
    const QString job = createJob("synthetic-2500");
    QCOMPARE(waitForJob(job).value("status").toString(), "COMPLETED");
    QVERIFY(!download(job, 1, true).isEmpty());
    QVERIFY(!download(job, 1, false).isEmpty());
    QCOMPARE(get("/sandbox/health").status, 200);
    // Sequential requests from one QNetworkAccessManager: all on one connection, so both
    // chunked bodies (gzip and plain) ended cleanly and left the connection usable.
    const auto entries = m_server->requestLog().entries();
    QVERIFY(entries.size() >= 5);
    for (const auto &entry : entries)
        QCOMPARE(entry.connection, entries.first().connection);
}

void TestSandbox::streamingDoesNotBlockOtherRequests()
{
    // A 200,000-row download read slowly by its client: the server writes only as the socket
    // drains, and meanwhile answers other requests.
    const QString job = createJob("synthetic-200000");
    QCOMPARE(waitForJob(job).value("status").toString(), "COMPLETED");
    QNetworkAccessManager slowNam;
    QNetworkRequest request(m_server->url("/exchange/v1/jobs/" + job + "/data/1"));
    request.setRawHeader("Authorization", "Bearer " + Key);
    request.setRawHeader("Accept-Encoding", "identity");
    QNetworkReply *reply = slowNam.get(request);
    reply->setReadBufferSize(64 << 10);
    QTRY_VERIFY_WITH_TIMEOUT(reply->bytesAvailable() > 0, 5000);
    for (int i = 0; i < 3; ++i)
        QCOMPARE(get("/sandbox/health").status, 200);
    QVERIFY(!reply->isFinished());
    qint64 total = 0;
    QByteArray tail;
    QElapsedTimer clock;
    clock.start();
    while (!reply->isFinished() || reply->bytesAvailable() > 0) {
        const QByteArray chunk = reply->read(1 << 20);
        total += chunk.size();
        if (!chunk.isEmpty())
            tail = QByteArray(tail + chunk).right(200);
        QCoreApplication::processEvents(QEventLoop::AllEvents, 10);
        QVERIFY(clock.elapsed() < 15000);
    }
    QCOMPARE(reply->error(), QNetworkReply::NoError);
    QVERIFY(total > 20'000'000);
    QVERIFY(tail.endsWith("\r\n"));
    delete reply;
}

// ---------------------------------------------------------------------------------------------
// Exchange producer

void TestSandbox::listsSegmentsWithPaging()
{
    Reply reply = get("/exchange/v1/segments");
    QCOMPARE(reply.status, 200);
    const QJsonArray all = reply.json().value("segments").toArray();
    QCOMPARE(all.size(), 5);
    QVERIFY(reply.json().value("nextPage").isNull());
    const QJsonObject newsletter = all.first().toObject();
    QCOMPARE(newsletter.value("id").toString(), "newsletter-subscribers");
    QCOMPARE(newsletter.value("name").toString(), "Newsletter subscribers");
    QCOMPARE(newsletter.value("size").toInt(), 502);
    QCOMPARE(newsletter.value("identifiers").toArray(),
             QJsonArray({"email", "phone", "device_id", "user_id"}));
    QVERIFY(newsletter.value("attributes").toArray().contains("first_name"));
    QVERIFY(QDateTime::fromString(newsletter.value("updatedAt").toString(), Qt::ISODateWithMs)
                .isValid());
    QStringList ids;
    for (const QJsonValue &segment : all)
        ids << segment.toObject().value("id").toString();
    QVERIFY(ids.contains("lapsed-buyers") && ids.contains("vip-customers") &&
            ids.contains("app-users"));

    QStringList paged;
    int page = 1;
    while (true) {
        reply = get(QString("/exchange/v1/segments?page=%1&pageSize=2").arg(page));
        QCOMPARE(reply.status, 200);
        const QJsonArray segments = reply.json().value("segments").toArray();
        QVERIFY(segments.size() <= 2);
        for (const QJsonValue &segment : segments)
            paged << segment.toObject().value("id").toString();
        const QJsonValue next = reply.json().value("nextPage");
        if (next.isNull())
            break;
        QCOMPARE(next.toInt(), page + 1);
        page = next.toInt();
    }
    QCOMPARE(page, 3);
    QCOMPARE(paged, ids);

    QCOMPARE(get("/exchange/v1/segments?pageSize=0").status, 400);
    QCOMPARE(get("/exchange/v1/segments?page=x").status, 400);
    QCOMPARE(get("/exchange/v1/segments?page=9").json().value("segments").toArray().size(), 0);
}

void TestSandbox::segmentLookup()
{
    Reply reply = get("/exchange/v1/segments/lapsed-buyers");
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.json().value("size").toInt(), 10000);

    reply = get("/exchange/v1/segments/synthetic-2500");
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.json().value("size").toInt(), 2500);
    QCOMPARE(get("/exchange/v1/segments/synthetic-100000000").json().value("size").toInteger(),
             100'000'000);

    for (const char *unknown : {"nope", "synthetic-0100", "synthetic-100000001", "synthetic-"}) {
        reply = get(QString("/exchange/v1/segments/") + unknown);
        QCOMPARE(reply.status, 404);
        QVERIFY(!reply.errorMessage().isEmpty());
    }
}

void TestSandbox::refusesMissingOrWrongKey()
{
    for (const char *path : {"/exchange/v1/segments", "/exchange/v1/destinations"}) {
        Reply reply = send("GET", path, {}, {}, false);
        QCOMPARE(reply.status, 401);
        QCOMPARE(reply.json().value("error").toObject().value("code").toInt(), 401);
        QVERIFY(reply.header("WWW-Authenticate").startsWith("Bearer"));

        reply = send("GET", path, {}, {{"Authorization", "Bearer wrong"}}, false);
        QCOMPARE(reply.status, 401);
        reply = send("GET", path, {}, {{"Authorization", "Basic " + Key}}, false);
        QCOMPARE(reply.status, 401);
    }
    QCOMPARE(send("GET", "/exchange/v1/segments", {}, {{"Authorization", "bearer " + Key}}, false)
                 .status,
             200);
}

void TestSandbox::jobLifecycle()
{
    Reply reply = send("POST", "/exchange/v1/jobs", R"({"segmentId":"synthetic-2500"})");
    QCOMPARE(reply.status, 202);
    const QJsonObject created = reply.json();
    const QString jobId = created.value("jobId").toString();
    QVERIFY(!jobId.isEmpty());
    QCOMPARE(created.value("segmentId").toString(), "synthetic-2500");
    QCOMPARE(created.value("status").toString(), "PROCESSING");
    QCOMPARE(created.value("percentComplete").toInt(), 0);
    QVERIFY(created.contains("createdAt"));
    QCOMPARE(reply.header("Location"), "/exchange/v1/jobs/" + jobId.toUtf8());

    // Not ready: the data is refused.
    reply = get("/exchange/v1/jobs/" + jobId + "/data/1");
    QCOMPARE(reply.status, 409);

    int last = -1;
    QJsonObject status;
    QElapsedTimer clock;
    clock.start();
    while (clock.elapsed() < 5000) {
        status = get("/exchange/v1/jobs/" + jobId).json();
        if (status.value("status").toString() != "PROCESSING")
            break;
        const int percent = status.value("percentComplete").toInt();
        QVERIFY(percent >= last && percent < 100);
        last = percent;
        QTest::qWait(40);
    }
    QVERIFY(last > 0); // it rose while processing
    QCOMPARE(status.value("status").toString(), "COMPLETED");
    QCOMPARE(status.value("percentComplete").toInt(), 100);
    QCOMPARE(status.value("rowCount").toInt(), 2500);
    const QJsonArray data = status.value("data").toArray();
    QCOMPARE(data.size(), 1);
    QCOMPARE(data.first().toObject().value("dataId").toString(), "1");
    QCOMPARE(data.first().toObject().value("rows").toInt(), 2500);

    QCOMPARE(get("/exchange/v1/jobs/nope").status, 404);
    QCOMPARE(get("/exchange/v1/jobs/" + jobId + "/data/2").status, 404);
    QCOMPARE(get("/exchange/v1/jobs/" + jobId + "/data/x").status, 404);
}

void TestSandbox::jobRequestValidation()
{
    QCOMPARE(send("POST", "/exchange/v1/jobs", "{not json").status, 400);
    QCOMPARE(send("POST", "/exchange/v1/jobs", "[]").status, 400);
    QCOMPARE(send("POST", "/exchange/v1/jobs", "{}").status, 400);
    QCOMPARE(send("POST", "/exchange/v1/jobs", R"({"segmentId":"nope"})").status, 404);
    Reply reply = send("POST", "/exchange/v1/jobs",
                       R"({"segmentId":"vip-customers","columns":["email","shoe_size"]})");
    QCOMPARE(reply.status, 400);
    QVERIFY(reply.errorMessage().contains("shoe_size"));
    QCOMPARE(send("POST", "/exchange/v1/jobs",
                  R"({"segmentId":"vip-customers","columns":["email","email"]})")
                 .status,
             400);
    QCOMPARE(
        send("POST", "/exchange/v1/jobs", R"({"segmentId":"vip-customers","columns":[]})").status,
        400);
}

void TestSandbox::downloadPlainAndGzipAreIdentical()
{
    const QString job = createJob("synthetic-2500");
    QCOMPARE(waitForJob(job).value("status").toString(), "COMPLETED");

    Reply plainReply, gzipReply;
    const QByteArray plain = download(job, 1, false, &plainReply);
    const QByteArray fromGzip = download(job, 1, true, &gzipReply);
    QCOMPARE(plainReply.status, 200);
    QCOMPARE(plainReply.header("Content-Type"), "text/csv; charset=utf-8");
    QCOMPARE(plainReply.header("X-Row-Count"), "2500");
    QVERIFY(plainReply.header("Content-Encoding").isEmpty());
    QCOMPARE(gzipReply.header("Content-Encoding"), "gzip");
    QCOMPARE(gzipReply.header("X-Row-Count"), "2500");
    QVERIFY(gzipReply.body.size() < plain.size() / 2); // it is really compressed
    QCOMPARE(fromGzip, plain);

    QVERIFY(plain.startsWith(QByteArray(FullHeader + "\r\n")));
    QCOMPARE(dataRows(plain), 2500);
    QVERIFY(plain.endsWith("\r\n"));
    // The rows are the synthetic audience's members, in order.
    CsvRecords records(plain);
    QByteArrayList fields;
    QVERIFY(records.next(fields));
    const SyntheticAudience audience(0x5EED'0001, 2500);
    for (qint64 i = 0; records.next(fields); ++i) {
        QCOMPARE(fields.size(), 11);
        if (i % 250 == 0) {
            QCOMPARE(fields.at(SyntheticAudience::Email), audience.member(i).email);
            QCOMPARE(fields.at(SyntheticAudience::DeviceId), audience.member(i).deviceId);
        }
    }
    QVERIFY(records.ok());
}

void TestSandbox::downloadIsDeterministic()
{
    const QString first = createJob("synthetic-2500");
    const QString second = createJob("synthetic-2500");
    QCOMPARE(waitForJob(second).value("status").toString(), "COMPLETED");
    const QByteArray a = download(first, 1, false);
    QVERIFY(!a.isEmpty());
    QCOMPARE(download(first, 1, false), a);
    QCOMPARE(download(second, 1, false), a);
    // synthetic-N share their members: a smaller one is a prefix of a bigger one.
    const QString smaller = createJob("synthetic-100");
    QCOMPARE(waitForJob(smaller).value("status").toString(), "COMPLETED");
    const QByteArray prefix = download(smaller, 1, false);
    QCOMPARE(dataRows(prefix), 100);
    QVERIFY(a.startsWith(prefix));
    // A named segment is its own audience.
    const QString named = createJob("vip-customers");
    QCOMPARE(waitForJob(named).value("status").toString(), "COMPLETED");
    const QByteArray vip = download(named, 1, true);
    QCOMPARE(dataRows(vip), 1200);
    QVERIFY(!a.startsWith(vip.left(300)));
}

void TestSandbox::downloadSelectedColumns()
{
    const QString job = createJob("newsletter-subscribers", QJsonArray{"phone", "email"});
    const QJsonObject status = waitForJob(job);
    QCOMPARE(status.value("columns").toArray(), QJsonArray({"phone", "email"}));
    const QByteArray csv = download(job, 1, true);
    QVERIFY(csv.startsWith("phone,email\r\n"));
    QCOMPARE(dataRows(csv), 502);
    CsvRecords records(csv);
    QByteArrayList fields;
    while (records.next(fields))
        QCOMPARE(fields.size(), 2);
}

void TestSandbox::bigSegmentsAreSplitIntoParts()
{
    SandboxOptions options;
    options.jobReadyAfter = 0ms;
    options.exchange.partRows = 1000;
    restart(options);
    const QString job = createJob("synthetic-2500");
    const QJsonObject status = waitForJob(job);
    const QJsonArray data = status.value("data").toArray();
    QCOMPARE(data.size(), 3);
    QList<int> rows;
    for (const QJsonValue &part : data)
        rows << part.toObject().value("rows").toInt();
    QCOMPARE(rows, QList<int>({1000, 1000, 500}));

    QByteArray joined;
    for (int part = 1; part <= 3; ++part) {
        Reply reply;
        const QByteArray csv = download(job, part, part % 2 == 1, &reply);
        QCOMPARE(reply.header("X-Row-Count"), QByteArray::number(rows.at(part - 1)));
        QVERIFY(csv.startsWith(QByteArray(FullHeader + "\r\n"))); // every part has the header
        QCOMPARE(dataRows(csv), rows.at(part - 1));
        joined += csv.mid(FullHeader.size() + 2);
    }
    // The parts are the whole segment, in order.
    options.exchange.partRows = 1'000'000;
    restart(options);
    const QString whole = createJob("synthetic-2500");
    waitForJob(whole);
    QCOMPARE(FullHeader + "\r\n" + joined, download(whole, 1, false));
}

void TestSandbox::jobsExpire()
{
    SandboxOptions options;
    options.jobReadyAfter = 0ms;
    options.jobTtl = 300ms;
    restart(options);
    const QString job = createJob("synthetic-10");
    QCOMPARE(get("/exchange/v1/jobs/" + job).status, 200);
    QCOMPARE(get("/exchange/v1/jobs/" + job + "/data/1").status, 200);
    QTest::qWait(350);
    QCOMPARE(get("/exchange/v1/jobs/" + job).status, 410);
    const Reply reply = get("/exchange/v1/jobs/" + job + "/data/1");
    QCOMPARE(reply.status, 410);
    QCOMPARE(reply.json().value("error").toObject().value("code").toInt(), 410);
}

// ---------------------------------------------------------------------------------------------
// Exchange consumer

void TestSandbox::consumerAddIsIdempotent()
{
    Reply reply = send("POST", "/exchange/v1/destinations",
                       R"({"name":"CRM newsletter","description":"from Courier"})");
    QCOMPARE(reply.status, 201);
    const QString id = reply.json().value("id").toString();
    QVERIFY(!id.isEmpty());
    QCOMPARE(get("/exchange/v1/destinations/" + id).json().value("name").toString(),
             "CRM newsletter");
    QCOMPARE(get("/exchange/v1/destinations").json().value("segments").toArray().size(), 1);
    QCOMPARE(get("/exchange/v1/destinations/dest-99").status, 404);

    const QByteArray batch = "email,first_name\r\na@x.com,Åsa\r\nb@x.com,Björn\r\n,Nobody\r\n"
                             "c@x.com,Karl\r\n";
    reply = pushBatch("POST", id, "batch-1", batch);
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.json().value("accepted").toInt(), 3);
    QCOMPARE(reply.json().value("rejected").toInt(), 1);
    QCOMPARE(reply.json().value("duplicate").toBool(), false);
    QCOMPARE(reply.json().value("errors").toArray().first().toObject().value("line").toInt(), 4);

    // The same Idempotency-Key again (a retry): not applied again, the original counts.
    reply = pushBatch("POST", id, "batch-1", batch);
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.json().value("duplicate").toBool(), true);
    QCOMPARE(reply.json().value("accepted").toInt(), 3);
    QCOMPARE(reply.json().value("rejected").toInt(), 1);

    // A new batch re-adding a member counts as a duplicate row.
    reply = pushBatch("POST", id, "batch-2", "email\r\nc@x.com\r\nd@x.com\r\n");
    QCOMPARE(reply.json().value("accepted").toInt(), 2);

    const ExchangeConsumerState::Destination *d = m_server->exchangeConsumer().destination(id);
    QVERIFY(d);
    QCOMPARE(d->members.size(), 4);
    QCOMPARE(d->batchesReceived, 3);
    QCOMPARE(d->batchesApplied, 2);
    QCOMPARE(d->duplicateBatches, 1);
    QCOMPARE(d->rowsReceived, 6);
    QCOMPARE(d->rowsRejected, 1);
    QCOMPARE(d->duplicateRows, 1);
    QVERIFY(ExchangeConsumerState::hasSeen(*d, "d@x.com"));
    QVERIFY(!ExchangeConsumerState::hasSeen(*d, "e@x.com"));

    const QJsonObject counters = get("/sandbox/destinations/" + id).json();
    QCOMPARE(counters.value("members").toInt(), 4);
    QCOMPARE(counters.value("batchesReceived").toInt(), 3);
    QCOMPARE(counters.value("batchesApplied").toInt(), 2);
    QCOMPARE(counters.value("duplicateBatches").toInt(), 1);
    QCOMPARE(counters.value("duplicateRows").toInt(), 1);
    QCOMPARE(counters.value("keysSeen").toInt(), 4);
    QCOMPARE(get("/sandbox/destinations/" + id + "/members.csv").body,
             "email\r\na@x.com\r\nb@x.com\r\nc@x.com\r\nd@x.com\r\n");
    QCOMPARE(get("/sandbox/destinations").json().value("destinations").toArray().size(), 1);
}

void TestSandbox::consumerReplaceAppliesAtomically()
{
    const QString id = createDestination("Replace me");
    QCOMPARE(pushBatch("POST", id, "seed", "email\r\nold-1@x.com\r\nold-2@x.com\r\n").status, 200);

    auto replace = [&](const QByteArray &key, const QByteArray &session, int batch, bool last,
                       const QByteArray &csv) {
        return pushBatch("PUT", id, key, csv,
                         {{"Exchange-Session", session},
                          {"Exchange-Batch", QByteArray::number(batch)},
                          {"Exchange-Last-Batch", last ? "true" : "false"}});
    };
    Reply reply = replace("r1", "s-1", 1, false, "email\r\nnew-1@x.com\r\nnew-2@x.com\r\n");
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.json().value("applied").toBool(), false);
    // Staged, not applied: the old members are still there.
    QCOMPARE(m_server->exchangeConsumer().destination(id)->members,
             QSet<QByteArray>({"old-1@x.com", "old-2@x.com"}));
    QCOMPARE(get("/sandbox/destinations/" + id)
                 .json()
                 .value("stagedSessions")
                 .toArray()
                 .first()
                 .toObject()
                 .value("batchesStaged")
                 .toInt(),
             1);

    // Out of order → 409; a retry of batch 1 with its key → duplicate.
    QCOMPARE(replace("r3", "s-1", 3, true, "email\r\nx@x.com\r\n").status, 409);
    reply = replace("r1", "s-1", 1, false, "email\r\nnew-1@x.com\r\nnew-2@x.com\r\n");
    QCOMPARE(reply.json().value("duplicate").toBool(), true);
    QCOMPARE(replace("r1-again", "s-1", 1, false, "email\r\nnew-1@x.com\r\n").status, 409);

    reply = replace("r2", "s-1", 2, true, "email\r\nnew-2@x.com\r\nnew-3@x.com\r\n");
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.json().value("applied").toBool(), true);
    QCOMPARE(reply.json().value("members").toInt(), 3);
    const auto *d = m_server->exchangeConsumer().destination(id);
    QCOMPARE(d->members, QSet<QByteArray>({"new-1@x.com", "new-2@x.com", "new-3@x.com"}));
    QCOMPARE(d->duplicateRows, 1);  // new-2 twice within the session
    QCOMPARE(d->batchesApplied, 3); // the seed batch and both replace batches
    QVERIFY(d->sessions.isEmpty());

    // The session is over: a new batch in it is refused, its retried last batch is a duplicate.
    QCOMPARE(replace("r4", "s-1", 3, true, "email\r\nlate@x.com\r\n").status, 409);
    QCOMPARE(replace("r2", "s-1", 2, true, "email\r\nnew-2@x.com\r\nnew-3@x.com\r\n")
                 .json()
                 .value("duplicate")
                 .toBool(),
             true);
    QCOMPARE(d->members.size(), 3);

    // Headers are required.
    QCOMPARE(pushBatch("PUT", id, "r5", "email\r\na@x.com\r\n").status, 400);
    QCOMPARE(
        pushBatch("PUT", id, "r6", "email\r\na@x.com\r\n", {{"Exchange-Session", "s-2"}}).status,
        400);
}

void TestSandbox::consumerRemove()
{
    const QString id = createDestination("Remove from me");
    QCOMPARE(pushBatch("POST", id, "add", "email\r\na@x.com\r\nb@x.com\r\nc@x.com\r\n").status,
             200);
    Reply reply = pushBatch("DELETE", id, "remove-1", "email\r\nb@x.com\r\nzzz@x.com\r\n");
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.json().value("accepted").toInt(), 2);
    QCOMPARE(reply.json().value("removed").toInt(), 1);
    QCOMPARE(reply.json().value("notFound").toInt(), 1);
    QCOMPARE(reply.json().value("members").toInt(), 2);
    reply = pushBatch("DELETE", id, "remove-1", "email\r\nb@x.com\r\nzzz@x.com\r\n");
    QCOMPARE(reply.json().value("duplicate").toBool(), true);
    QCOMPARE(m_server->exchangeConsumer().destination(id)->members,
             QSet<QByteArray>({"a@x.com", "c@x.com"}));
    QCOMPARE(get("/sandbox/destinations/" + id).json().value("rowsRemoved").toInt(), 1);
}

void TestSandbox::consumerRefusesBadBatches()
{
    SandboxOptions options;
    options.exchange.maxBatchBytes = 1000;
    restart(options);
    const QString id = createDestination("Strict");
    Reply reply = pushBatch("POST", id, {}, "email\r\na@x.com\r\n");
    QCOMPARE(reply.status, 400);
    QVERIFY(reply.errorMessage().contains("Idempotency-Key"));
    reply = send("POST", "/exchange/v1/destinations/" + id + "/data", "email\r\na@x.com\r\n",
                 {{"Idempotency-Key", "k"}, {"Content-Type", "application/json"}});
    QCOMPARE(reply.status, 415);
    QCOMPARE(pushBatch("POST", id, "k", "").status, 400);
    QCOMPARE(pushBatch("POST", "dest-404", "k", "email\r\na@x.com\r\n").status, 404);
    reply = pushBatch("POST", id, "big", "email\r\n" + QByteArray(1000, 'a') + "\r\n");
    QCOMPARE(reply.status, 413);
    // A refused batch is not remembered: the same key may carry a good batch afterwards.
    QCOMPARE(pushBatch("POST", id, "big", "email\r\na@x.com\r\n").json().value("duplicate"), false);
    QCOMPARE(get("/sandbox/destinations/" + id).json().value("batchesRefused").toInt(), 4);
    QCOMPARE(pushBatch("POST", id, "k2", "email\r\na@x.com\r\n", {}).status, 200);
    QCOMPARE(send("POST", "/exchange/v1/destinations", "{}").status, 400);
}

void TestSandbox::consumerTooManyRows()
{
    const QString id = createDestination("Limits");
    QByteArray csv = "email\r\n";
    for (int i = 0; i < 10'001; ++i)
        csv += "m" + QByteArray::number(i) + "@x.com\r\n";
    Reply reply = pushBatch("POST", id, "too-many", csv);
    QCOMPARE(reply.status, 413);
    QVERIFY2(reply.errorMessage().contains("10000"), qPrintable(reply.errorMessage()));
    QCOMPARE(m_server->exchangeConsumer().destination(id)->members.size(), 0);

    csv.truncate(csv.lastIndexOf("m10000@"));
    reply = pushBatch("POST", id, "just-right", csv);
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.json().value("accepted").toInt(), 10'000);
}

// ---------------------------------------------------------------------------------------------
// Control API and faults

void TestSandbox::faultsApiRoundTrip()
{
    QCOMPARE(get("/sandbox/faults").json().value("rules").toArray().size(), 0);
    Reply reply = send("PUT", "/sandbox/faults",
                       R"({"seed":5,"rules":[{"pathPrefix":"/exchange/v1/segments","times":1,
                           "errorStatus":500},{"malformedJson":true,"method":"POST"}]})");
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.json().value("seed").toInt(), 5);
    QCOMPARE(m_server->faults().rules().size(), 2);
    QCOMPARE(m_server->faults().rules().first().errorStatus, 500);
    QCOMPARE(m_server->faults().rules().last().method, "POST");

    // Control routes are never faulted; the faulted route fails once, then recovers.
    QCOMPARE(get("/sandbox/health").status, 200);
    QCOMPARE(get("/exchange/v1/segments").status, 500);
    QCOMPARE(get("/exchange/v1/segments").status, 200);
    const QJsonArray rules = get("/sandbox/faults").json().value("rules").toArray();
    QCOMPARE(rules.first().toObject().value("times").toInt(), 0);
    QCOMPARE(rules.first().toObject().value("fired").toInt(), 1);

    for (const char *bad : {R"({"bogus":1})", R"({"errorStatus":200})", R"({"times":3})",
                            R"({"rules":{}})", R"({"errorRate":2,"errorStatus":503})", "[1]"}) {
        reply = send("PUT", "/sandbox/faults", bad);
        QVERIFY2(reply.status == 400, bad);
        QVERIFY(!reply.errorMessage().isEmpty());
    }
    QCOMPARE(m_server->faults().rules().size(), 2); // a refused change changes nothing
    QCOMPARE(send("PUT", "/sandbox/faults", "{}").status, 200);
    QCOMPARE(m_server->faults().rules().size(), 0);
}

void TestSandbox::errorStatusWithRetryAfterThenSuccess()
{
    // The wire: 503 with Retry-After, the route not run.
    QVERIFY(m_server->faults().setFromJson(
        QJsonObject{{"errorStatus", 503}, {"retryAfterSeconds", 7}, {"times", 1}}, nullptr));
    Reply reply = send("POST", "/exchange/v1/destinations", R"({"name":"x"})");
    QCOMPARE(reply.status, 503);
    QCOMPARE(reply.header("Retry-After"), "7");
    QCOMPARE(reply.json().value("error").toObject().value("code").toInt(), 503);
    QCOMPARE(m_server->exchangeConsumer().destinations().size(), 0);

    // 500 carries no Retry-After.
    QVERIFY(
        m_server->faults().setFromJson(QJsonObject{{"errorStatus", 500}, {"times", 1}}, nullptr));
    reply = get("/exchange/v1/segments");
    QCOMPARE(reply.status, 500);
    QVERIFY(reply.header("Retry-After").isEmpty());

    // HttpJob waits as told (capped by its policy here) and gets through on the third try.
    QVERIFY(m_server->faults().setFromJson(
        QJsonObject{{"rules", QJsonArray{QJsonObject{{"pathPrefix", "/exchange/v1/segments"},
                                                     {"errorStatus", 429},
                                                     {"retryAfterSeconds", 1},
                                                     {"times", 1}},
                                         QJsonObject{{"pathPrefix", "/exchange/v1/segments"},
                                                     {"errorStatus", 503},
                                                     {"times", 1}}}}},
        nullptr));
    m_server->requestLog().clear();
    HttpJob job(*m_nam, getSpec(m_server->url("/exchange/v1/segments")));
    job.setPolicy(quickPolicy());
    QVERIFY2(runJob(job), qPrintable(job.errorString()));
    QCOMPARE(job.attempts(), 3);
    QCOMPARE(QJsonDocument::fromJson(job.body()).object().value("segments").toArray().size(), 5);
    const auto log = m_server->requestLog().matching("/exchange/v1/segments");
    QCOMPARE(log.size(), 3);
    QCOMPARE(log.at(0).completion.status, 429);
    QCOMPARE(log.at(0).completion.faults, QStringList{"errorStatus"});
    QCOMPARE(log.at(1).completion.status, 503);
    QCOMPARE(log.at(2).completion.status, 200);
}

void TestSandbox::errorRateIsSeeded()
{
    auto statuses = [this](quint64 seed) {
        m_server->faults().setSeed(seed);
        FaultRule rule;
        rule.errorStatus = 503;
        rule.errorRate = 0.5;
        m_server->faults().setRules({rule});
        QList<int> out;
        for (int i = 0; i < 24; ++i)
            out << get("/exchange/v1/segments/vip-customers").status;
        return out;
    };
    const QList<int> first = statuses(7);
    QCOMPARE(statuses(7), first);
    QVERIFY(first.contains(503) && first.contains(200));
    QVERIFY(statuses(8) != first);
}

void TestSandbox::droppedConnectionIsRetried()
{
    const QString job = createJob("synthetic-2500");
    QCOMPARE(waitForJob(job).value("status").toString(), "COMPLETED");
    const QByteArray reference = download(job, 1, false);
    const QString dataPath = "/exchange/v1/jobs/" + job + "/data/1";

    // A JSON answer (Content-Length) cut after 20 bytes: the client sees the connection close.
    QVERIFY(m_server->faults().setFromJson(
        QJsonObject{{"dropAfterBytes", 20}, {"times", 1}, {"pathPrefix", "/exchange/v1/segments"}},
        nullptr));
    m_server->requestLog().clear();
    Reply reply = get("/exchange/v1/segments");
    // Qt reports the closed connection, or re-sends the GET by itself and gets it all.
    QVERIFY2(reply.error != QNetworkReply::NoError ||
                 QJsonDocument::fromJson(reply.body).object().contains("segments"),
             qPrintable(QString::number(reply.error)));
    QCOMPARE(m_server->requestLog().entries().first().completion.outcome, "dropped");
    QCOMPARE(m_server->requestLog().entries().first().completion.bodyBytes, 20);
    QCOMPARE(get("/exchange/v1/segments").status, 200);

    // A streamed CSV cut after 5000 bytes: HttpJob retries and gets all of it.
    QVERIFY(m_server->faults().setFromJson(
        QJsonObject{{"dropAfterBytes", 5000}, {"times", 1}, {"pathPrefix", dataPath}}, nullptr));
    m_server->requestLog().clear();
    HttpJob http(*m_nam, getSpec(m_server->url(dataPath)));
    http.setPolicy(quickPolicy());
    QVERIFY2(runJob(http), qPrintable(http.errorString()));
    QCOMPARE(http.body(), reference);
    // Usually two attempts; sometimes Qt itself re-sends the GET on a new connection (and
    // the job sees one attempt), or reports the cut body as finished and the job's gzip
    // check sends a second one while Qt's re-send is still under way.
    const auto log = m_server->requestLog().matching(dataPath);
    QVERIFY(log.size() >= 2);
    QCOMPARE(log.first().completion.outcome, "dropped");
    QCOMPARE(log.first().completion.bodyBytes, 5000);
    QCOMPARE(log.first().completion.faults, QStringList{"dropAfterBytes"});
    QCOMPARE(log.at(1).completion.outcome, "complete");
}

void TestSandbox::truncatedGzipIsDetectedAndRetried()
{
    const QString job = createJob("synthetic-2500");
    QCOMPARE(waitForJob(job).value("status").toString(), "COMPLETED");
    const QByteArray reference = download(job, 1, false);
    const QString dataPath = "/exchange/v1/jobs/" + job + "/data/1";

    // On the wire: a complete HTTP response (chunked encoding ended properly) whose gzip member
    // never ends — what Qt's own decoding would take for a whole body.
    QVERIFY(m_server->faults().setFromJson(
        QJsonObject{{"truncateGzip", true}, {"times", 1}, {"pathPrefix", dataPath}}, nullptr));
    // A plain request does not use the fault up: it needs a gzip body.
    QCOMPARE(download(job, 1, false), reference);
    Reply reply = get(dataPath, {{"Accept-Encoding", "gzip"}});
    QCOMPARE(reply.error, QNetworkReply::NoError);
    QCOMPARE(reply.status, 200);
    bool complete = true;
    const QByteArray partial = gunzip(reply.body, &complete);
    QVERIFY(!complete);
    QVERIFY(partial.size() > 1000 && partial.size() < reference.size());
    QVERIFY(reference.startsWith(partial));
    QCOMPARE(m_server->requestLog().entries().last().completion.outcome, "gzip truncated");

    // HttpJob treats it as a transient failure and retries; the fault fired once only.
    QVERIFY(m_server->faults().setFromJson(
        QJsonObject{{"truncateGzip", true}, {"times", 1}, {"pathPrefix", dataPath}}, nullptr));
    HttpJob http(*m_nam, getSpec(m_server->url(dataPath)));
    http.setPolicy(quickPolicy());
    QVERIFY2(runJob(http), qPrintable(http.errorString()));
    QCOMPARE(http.attempts(), 2);
    QCOMPARE(http.body(), reference);

    // Every time: the job fails and says why.
    QVERIFY(m_server->faults().setFromJson(
        QJsonObject{{"truncateGzip", true}, {"pathPrefix", dataPath}}, nullptr));
    HttpJob failing(*m_nam, getSpec(m_server->url(dataPath)));
    failing.setPolicy(quickPolicy());
    QVERIFY(!runJob(failing));
    QCOMPARE(failing.attempts(), 4);
    QVERIFY(!failing.errorString().isEmpty());
}

void TestSandbox::malformedJson()
{
    const QByteArray good = get("/exchange/v1/segments").body;
    QVERIFY(m_server->faults().setFromJson(QJsonObject{{"malformedJson", true}, {"times", 1}},
                                           nullptr));
    // Errors are not cut (the fault waits for a 2xx JSON answer).
    QCOMPARE(get("/exchange/v1/segments/nope").json().value("error").toObject().value("code"), 404);
    const Reply reply = get("/exchange/v1/segments");
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.error, QNetworkReply::NoError);
    QCOMPARE(reply.header("Content-Length"), QByteArray::number(reply.body.size()));
    QJsonParseError error;
    QJsonDocument::fromJson(reply.body, &error);
    QVERIFY(error.error != QJsonParseError::NoError);
    QVERIFY(reply.body.size() < good.size());
    QVERIFY(good.startsWith(reply.body));
    QCOMPARE(get("/exchange/v1/segments").body, good);
}

void TestSandbox::stalledBodyIsRetried()
{
    const QString job = createJob("synthetic-2500");
    QCOMPARE(waitForJob(job).value("status").toString(), "COMPLETED");
    const QByteArray reference = download(job, 1, false);
    const QString dataPath = "/exchange/v1/jobs/" + job + "/data/1";
    QVERIFY(m_server->faults().setFromJson(
        QJsonObject{{"stallAfterBytes", 3000}, {"times", 1}, {"pathPrefix", dataPath}}, nullptr));
    HttpJob http(*m_nam, getSpec(m_server->url(dataPath)));
    http.setPolicy(quickPolicy());
    http.setInactivityTimeout(300ms);
    QElapsedTimer clock;
    clock.start();
    QVERIFY2(runJob(http), qPrintable(http.errorString()));
    QVERIFY(clock.elapsed() >= 300);
    QCOMPARE(http.attempts(), 2);
    QCOMPARE(http.body(), reference);
    QCOMPARE(m_server->requestLog().matching(dataPath).at(1).completion.outcome, "stalled");
}

void TestSandbox::slowBody()
{
    const QString job = createJob("synthetic-2500");
    QCOMPARE(waitForJob(job).value("status").toString(), "COMPLETED");
    const QString dataPath = "/exchange/v1/jobs/" + job + "/data/1";
    QElapsedTimer clock;
    clock.start();
    const QByteArray reference = download(job, 1, false);
    const qint64 fast = clock.elapsed();
    const qint64 rate = reference.size() * 2; // about half a second for the body
    QVERIFY(m_server->faults().setFromJson(
        QJsonObject{{"slowBytesPerSecond", rate}, {"times", 1}, {"pathPrefix", dataPath}},
        nullptr));
    clock.restart();
    QCOMPARE(download(job, 1, false), reference);
    const qint64 slow = clock.elapsed();
    QVERIFY2(slow >= 400 && slow > fast, qPrintable(QString("%1 ms vs %2 ms").arg(slow).arg(fast)));
    QVERIFY(slow < 5000);
}

void TestSandbox::failJobs()
{
    QVERIFY(m_server->faults().setFromJson(
        QJsonObject{{"failJobs", true}, {"times", 1}, {"pathPrefix", "/exchange/v1/jobs"}},
        nullptr));
    // A status poll does not use the fault up; only a job creation does.
    QCOMPARE(get("/exchange/v1/jobs/nope").status, 404);
    const QString failing = createJob("synthetic-10");
    const QString fine = createJob("synthetic-10");
    const QJsonObject status = waitForJob(failing);
    QCOMPARE(status.value("status").toString(), "FAILED");
    QVERIFY(!status.value("error").toString().isEmpty());
    QCOMPARE(get("/exchange/v1/jobs/" + failing + "/data/1").status, 409);
    QCOMPARE(waitForJob(fine).value("status").toString(), "COMPLETED");
}

void TestSandbox::resetClearsEverything()
{
    const QString id = createDestination("Gone soon");
    QCOMPARE(pushBatch("POST", id, "k", "email\r\na@x.com\r\n").status, 200);
    const QString job = createJob("synthetic-10");
    QVERIFY(m_server->faults().setFromJson(QJsonObject{{"errorStatus", 503}}, nullptr));
    QCOMPARE(get("/exchange/v1/segments").status, 503);

    QCOMPARE(send("POST", "/sandbox/reset").status, 200);
    QVERIFY(m_server->faults().rules().isEmpty());
    QCOMPARE(get("/exchange/v1/segments").status, 200);
    QVERIFY(m_server->exchangeConsumer().destinations().isEmpty());
    QCOMPARE(get("/sandbox/destinations/" + id).status, 404);
    QCOMPARE(get("/exchange/v1/jobs/" + job).status, 404);
    QCOMPARE(get("/sandbox/requests").json().value("requests").toArray().size(), 4);
    // Ids start again, so a test after a reset sees the same ones.
    QCOMPARE(createDestination("Again"), "dest-1");
}

QTEST_GUILESS_MAIN(TestSandbox)
#include "tst_sandbox.moc"
