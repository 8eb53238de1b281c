// The exchange inbox: PUSH producers POST CSV to the app over real loopback HTTP; what passes
// becomes an audience version (a file in the profile, rows in SQLite) that the exchange source
// connector then serves to shares.
#include "connectors/exchange/ExchangeConnectors.h"
#include "connectors/exchange/inbox/ExchangeInbox.h"
#include "connectors/exchange/inbox/InboxKeys.h"
#include "connectors/exchange/inbox/InboxStore.h"
#include "connectors/exchange/inbox/PushedSource.h"
#include "store/AudienceRepository.h"
#include "store/AudienceVersionRepository.h"
#include "store/Database.h"
#include "store/EndpointRepository.h"
#include "support/ConnectorTestSupport.h"

#include <QCryptographicHash>
#include <QDir>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QtTest>

using namespace courier;
using namespace courier::testing;
using namespace std::chrono_literals;

namespace {

constexpr qint64 MaxBody = 64 * 1024;
const QByteArray Key = "push-key-5c1e";

// What a raw HTTP exchange got back.
struct RawReply
{
    bool complete = false;
    bool gotContinue = false;
    int status = 0;
    QHash<QByteArray, QByteArray> headers; // lower-case names
    QByteArray body;
    qint64 elapsedMs = 0;

    QJsonObject json() const { return QJsonDocument::fromJson(body).object(); }
    QString errorMessage() const
    {
        return json().value("error").toObject().value("message").toString();
    }
};

// Parses one response (after any "100 Continue") from data once it has all arrived.
bool parseReply(const QByteArray &data, RawReply *reply)
{
    QByteArray rest = data;
    for (;;) {
        const qsizetype end = rest.indexOf("\r\n\r\n");
        if (end < 0)
            return false;
        const QList<QByteArray> lines = rest.left(end).split('\n');
        const int status = lines.first().split(' ').value(1).toInt();
        if (status == 100) {
            reply->gotContinue = true;
            rest = rest.mid(end + 4);
            continue;
        }
        reply->status = status;
        for (qsizetype i = 1; i < lines.size(); ++i) {
            const qsizetype colon = lines.at(i).indexOf(':');
            reply->headers.insert(lines.at(i).left(colon).trimmed().toLower(),
                                  lines.at(i).mid(colon + 1).trimmed());
        }
        const qint64 length = reply->headers.value("content-length").toLongLong();
        if (rest.size() - end - 4 < length)
            return false;
        reply->body = rest.mid(end + 4, length);
        reply->complete = true;
        return true;
    }
}

// Sends bytes as they are and reads the answer, blocking this thread: the inbox has its own.
RawReply rawExchange(const QHostAddress &host, quint16 port, const QByteArray &request,
                     int timeoutMs = 5000)
{
    RawReply reply;
    QElapsedTimer timer;
    timer.start();
    QTcpSocket socket;
    socket.connectToHost(host, port);
    if (!socket.waitForConnected(timeoutMs))
        return reply;
    socket.write(request);
    QByteArray data;
    while (!parseReply(data, &reply) && timer.elapsed() < timeoutMs) {
        if (!socket.waitForReadyRead(100) && socket.state() != QAbstractSocket::ConnectedState) {
            data += socket.readAll();
            parseReply(data, &reply);
            break;
        }
        data += socket.readAll();
    }
    reply.elapsedMs = timer.elapsed();
    return reply;
}

QByteArray pushHead(qint64 endpointId, const QByteArray &audience, qint64 length,
                    const QByteArray &key, const QByteArray &extraHeaders = {},
                    const QByteArray &query = {})
{
    QByteArray head = "POST /exchange/v1/push/" + QByteArray::number(endpointId) + "/audiences/" +
                      audience + (query.isEmpty() ? QByteArray() : "?" + query) +
                      " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: text/csv\r\n";
    if (!key.isNull())
        head += "Authorization: Bearer " + key + "\r\n";
    if (length >= 0)
        head += "Content-Length: " + QByteArray::number(length) + "\r\n";
    return head + extraHeaders + "\r\n";
}

// Three members: a quoted comma, a quote, a line break inside a field, and non-ASCII text.
const QByteArray Members = "email,first_name,city\r\n"
                           "ada@example.com,Ada,\"London, UK\"\r\n"
                           "bo@example.com,\"Bo \"\"B\"\"\",Malmö\r\n"
                           "cy@example.com,Cy,\"Line\r\nbreak\"\r\n";

} // namespace

class TestExchangeInbox : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();

    void pushStoresAVersion();
    void wrongKeyIsRefused();
    void missingKeyIsRefused();
    void oversizedBodyIsRefusedBeforeItIsRead();
    void oversizedBodyWithExpectContinueGetsNoContinue();
    void malformedCsvIsRefused();
    void repeatedIdempotencyKeyStoresOneVersion();
    void expectContinueThenBody();
    void lineFeedsAndEmptyAudiencesAreAccepted();
    void onlyPushProducersAccept();
    void chunkedBodyIsRefused();
    void abandonedPushLeavesNothing();
    void listensOnLoopbackOnly();
    void shareReadsTheLatestPushedVersion();
    void pushFetchWithoutInboxFails();

private:
    struct Snapshot
    {
        qint64 versions = 0;
        qint64 audiences = 0;
        QStringList files;
        bool operator==(const Snapshot &) const = default;
    };
    Snapshot snapshot() const;
    RawReply push(const QByteArray &audience, const QByteArray &body, const QByteArray &key = Key,
                  const QByteArray &extraHeaders = {}, const QByteArray &query = {});

    QTemporaryDir m_profile;
    std::unique_ptr<Database> m_database;
    std::shared_ptr<InboxStore> m_store;
    InboxKeys m_keys;
    std::unique_ptr<ExchangeInbox> m_inbox;
    Endpoint m_producer;
    qint64 m_pullId = 0;
};

void TestExchangeInbox::initTestCase()
{
    QVERIFY(m_profile.isValid());
    QString error;
    m_database = Database::open(m_profile.filePath("courier.sqlite"), &error);
    QVERIFY2(m_database, qPrintable(error));

    EndpointRepository endpoints(*m_database);
    m_producer.name = "CRM producer";
    m_producer.kind = "exchange";
    m_producer.role = Endpoint::Role::Source;
    m_producer.transfer = Endpoint::Transfer::Push;
    m_producer.secretStored = true;
    m_producer.id = endpoints.add(m_producer, &error).value_or(0);
    QVERIFY2(m_producer.id, qPrintable(error));
    Endpoint pull = m_producer;
    pull.name = "Pulled exchange";
    pull.transfer = Endpoint::Transfer::Pull;
    m_pullId = endpoints.add(pull, &error).value_or(0);
    QVERIFY2(m_pullId, qPrintable(error));
    m_keys.set(m_producer.id, Key);
    m_keys.set(m_pullId, Key); // a key alone does not make an endpoint a producer

    m_store = std::make_shared<InboxStore>(*m_database, m_profile.path());
    ExchangeInboxSettings settings;
    settings.maxBodyBytes = MaxBody;
    settings.idleTimeout = 10s; // longer than any test waits: an answer must never need it
    settings.lingerTimeout = 500ms;
    m_inbox = std::make_unique<ExchangeInbox>(
        m_store, [this](qint64 id) { return m_keys.key(id); }, settings);
    QVERIFY2(m_inbox->start(&error), qPrintable(error));
    QVERIFY(m_inbox->port() != 0);
    QCOMPARE(m_inbox->baseUrl().host(), QStringLiteral("127.0.0.1"));
}

void TestExchangeInbox::cleanupTestCase()
{
    m_inbox.reset(); // its thread, its connection to the cache
    m_database.reset();
}

TestExchangeInbox::Snapshot TestExchangeInbox::snapshot() const
{
    Snapshot result;
    result.versions = AudienceVersionRepository(*m_database).count();
    result.audiences = AudienceRepository(*m_database).count();
    const QDir inbox(m_profile.filePath("inbox"));
    QDirIterator it(inbox.path(), QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext())
        result.files << inbox.relativeFilePath(it.next());
    result.files.sort();
    return result;
}

RawReply TestExchangeInbox::push(const QByteArray &audience, const QByteArray &body,
                                 const QByteArray &key, const QByteArray &extraHeaders,
                                 const QByteArray &query)
{
    return rawExchange(QHostAddress::LocalHost, m_inbox->port(),
                       pushHead(m_producer.id, audience, body.size(), key, extraHeaders, query) +
                           body);
}

void TestExchangeInbox::pushStoresAVersion()
{
    // A real HTTP client, with a name and description in the query (UTF-8, percent-encoded).
    QSignalSpy stored(m_inbox.get(), &ExchangeInbox::versionStored);
    QUrl url = m_inbox->baseUrl();
    // The audience id "crm/vip", its slash percent-encoded (TolerantMode keeps the escape).
    url.setPath(url.path() + "/" + QString::number(m_producer.id) + "/audiences/crm%2Fvip",
                QUrl::TolerantMode);
    url.setQuery("name=VIP%20k%C3%B6pare&description=From%20the%20CRM");
    QNetworkRequest request(url);
    request.setHeader(QNetworkRequest::ContentTypeHeader, "text/csv; charset=utf-8");
    request.setRawHeader("Authorization", "Bearer " + Key);
    QNetworkAccessManager nam;
    QNetworkReply *reply = nam.post(request, Members);
    QVERIFY(QTest::qWaitFor([reply] { return reply->isFinished(); }, StepTimeoutMs));
    reply->deleteLater();
    QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 201);
    const QJsonObject answer = QJsonDocument::fromJson(reply->readAll()).object();
    QCOMPARE(answer.value("rows").toInt(), 3);
    QCOMPARE(answer.value("bytes").toInt(), Members.size());
    QCOMPARE(answer.value("externalId").toString(), QStringLiteral("crm/vip"));
    QCOMPARE(answer.value("duplicate").toBool(true), false);
    const QString sha = QCryptographicHash::hash(Members, QCryptographicHash::Sha256).toHex();
    QCOMPARE(answer.value("sha256").toString(), sha);

    // Recorded: the version, its audience, and a file with exactly the bytes sent.
    const qint64 versionId = answer.value("versionId").toInteger();
    const auto version = AudienceVersionRepository(*m_database).find(versionId);
    QVERIFY(version);
    QCOMPARE(version->endpointId, m_producer.id);
    QCOMPARE(version->rows, 3);
    QCOMPARE(version->bytes, Members.size());
    QCOMPARE(version->sha256, sha);
    QCOMPARE(version->columns, (QStringList{"email", "first_name", "city"}));
    QVERIFY(version->filePath.startsWith("inbox/" + QString::number(m_producer.id) + "/"));
    QFile file(m_store->filePath(*version));
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll(), Members);

    const auto audience = AudienceRepository(*m_database).find(version->audienceId);
    QVERIFY(audience);
    QCOMPARE(audience->endpointId, m_producer.id);
    QCOMPARE(audience->externalId, QStringLiteral("crm/vip"));
    QCOMPARE(audience->name, QStringLiteral("VIP köpare"));
    QCOMPARE(audience->description, QStringLiteral("From the CRM"));
    QCOMPARE(audience->size, 3);
    QCOMPARE(audience->identifiers, QStringList{"email"});
    QCOMPARE(audience->attributes, (QStringList{"first_name", "city"}));

    QTRY_COMPARE_WITH_TIMEOUT(stored.size(), 1, StepTimeoutMs);
    QCOMPARE(stored.first().at(0).toLongLong(), version->audienceId);
    QCOMPARE(stored.first().at(1).toLongLong(), versionId);

    // No spool file is left beside the version.
    QCOMPARE(snapshot().files.size(), 1);
}

void TestExchangeInbox::wrongKeyIsRefused()
{
    const Snapshot before = snapshot();
    QSignalSpy refused(m_inbox.get(), &ExchangeInbox::pushRefused);
    const RawReply reply = push("wrong-key", Members, "push-key-5c1f");
    QVERIFY(reply.complete);
    QCOMPARE(reply.status, 401);
    QVERIFY(reply.headers.value("www-authenticate").contains("invalid_token"));
    QCOMPARE(reply.headers.value("connection"), QByteArray("close"));
    QVERIFY(!reply.errorMessage().isEmpty());
    QVERIFY(!reply.body.contains(Key)); // the right key is never echoed
    QCOMPARE(snapshot(), before);

    QTRY_COMPARE_WITH_TIMEOUT(refused.size(), 1, StepTimeoutMs);
    QCOMPARE(refused.first().at(0).toLongLong(), m_producer.id);
    QCOMPARE(refused.first().at(1).toInt(), 401);

    // A key that is a prefix of the right one, and one the right one is a prefix of.
    QCOMPARE(push("wrong-key", Members, Key.left(Key.size() - 1)).status, 401);
    QCOMPARE(push("wrong-key", Members, Key + "0").status, 401);
    QCOMPARE(snapshot(), before);
}

void TestExchangeInbox::missingKeyIsRefused()
{
    const Snapshot before = snapshot();
    RawReply reply = push("no-key", Members, QByteArray());
    QCOMPARE(reply.status, 401);
    QVERIFY(reply.headers.contains("www-authenticate"));
    reply = push("no-key", Members, QByteArray(), "Authorization: Basic dXNlcjpwdw==\r\n");
    QCOMPARE(reply.status, 401);
    QCOMPARE(snapshot(), before);
}

void TestExchangeInbox::oversizedBodyIsRefusedBeforeItIsRead()
{
    const Snapshot before = snapshot();
    // A terabyte announced, a few bytes sent: answering at all proves the body was not awaited
    // (the idle timeout is 10 s).
    const RawReply reply = rawExchange(QHostAddress::LocalHost, m_inbox->port(),
                                       pushHead(m_producer.id, "huge", qint64(1) << 40, Key) +
                                           "email\r\na@example.com\r\n");
    QVERIFY(reply.complete);
    QCOMPARE(reply.status, 413);
    QVERIFY2(reply.elapsedMs < 2000, qPrintable(QString::number(reply.elapsedMs)));
    QVERIFY2(reply.errorMessage().contains(QString::number(MaxBody)),
             qPrintable(reply.errorMessage()));
    QCOMPARE(snapshot(), before);

    // Just over the cap, sent in full.
    QByteArray body = "email\r\n";
    while (body.size() <= MaxBody)
        body += "member" + QByteArray::number(body.size()) + "@example.com\r\n";
    QCOMPARE(push("just-over", body).status, 413);
    QCOMPARE(snapshot(), before);
}

void TestExchangeInbox::oversizedBodyWithExpectContinueGetsNoContinue()
{
    const Snapshot before = snapshot();
    const RawReply reply =
        rawExchange(QHostAddress::LocalHost, m_inbox->port(),
                    pushHead(m_producer.id, "huge", MaxBody + 1, Key, "Expect: 100-continue\r\n"));
    QCOMPARE(reply.status, 413);
    QVERIFY(!reply.gotContinue);
    QCOMPARE(snapshot(), before);
}

void TestExchangeInbox::malformedCsvIsRefused()
{
    const Snapshot before = snapshot();
    RawReply reply = push("bad", "email,name\r\na@example.com,Ann\r\nb@example.com\r\n");
    QCOMPARE(reply.status, 422);
    QVERIFY2(reply.errorMessage().contains("Line 3"), qPrintable(reply.errorMessage()));

    reply = push("bad", "email,name\r\n\"a@example.com,Ann\r\n"); // a quote never closed
    QCOMPARE(reply.status, 422);
    reply = push("bad", "email,email\r\na@example.com,b@example.com\r\n");
    QCOMPARE(reply.status, 422);
    QVERIFY2(reply.errorMessage().contains("twice"), qPrintable(reply.errorMessage()));
    reply = push("bad", "email,name\r\na@example.com,J\xe9r\xf4me\r\n"); // Latin-1, not UTF-8
    QCOMPARE(reply.status, 422);
    reply = push("bad", QByteArray()); // no header row
    QCOMPARE(reply.status, 422);

    // Neither the rows nor any file stays; and nothing was named "bad".
    QCOMPARE(snapshot(), before);
}

void TestExchangeInbox::repeatedIdempotencyKeyStoresOneVersion()
{
    const Snapshot before = snapshot();
    const QByteArray idempotency = "Idempotency-Key: push-2025-03-01-1\r\n";
    const RawReply first = push("daily", Members, Key, idempotency);
    QCOMPARE(first.status, 201);
    const RawReply second = push("daily", Members, Key, idempotency);
    QCOMPARE(second.status, 200);
    QCOMPARE(second.json().value("duplicate").toBool(), true);
    QCOMPARE(second.json().value("versionId"), first.json().value("versionId"));

    const Snapshot after = snapshot();
    QCOMPARE(after.versions, before.versions + 1);
    QCOMPARE(after.files.size(), before.files.size() + 1);

    // Another key is another version.
    QCOMPARE(push("daily", Members, Key, "Idempotency-Key: push-2025-03-01-2\r\n").status, 201);
    QCOMPARE(snapshot().versions, before.versions + 2);
}

void TestExchangeInbox::expectContinueThenBody()
{
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, m_inbox->port());
    QVERIFY(socket.waitForConnected(StepTimeoutMs));
    socket.write(
        pushHead(m_producer.id, "continued", Members.size(), Key, "Expect: 100-continue\r\n"));
    QByteArray data;
    while (!data.contains("\r\n\r\n") && socket.waitForReadyRead(StepTimeoutMs))
        data += socket.readAll();
    QVERIFY2(data.startsWith("HTTP/1.1 100 Continue\r\n\r\n"), data.constData());
    socket.write(Members);
    RawReply reply;
    while (!parseReply(data, &reply) && socket.waitForReadyRead(StepTimeoutMs))
        data += socket.readAll();
    QCOMPARE(reply.status, 201);
    QCOMPARE(reply.json().value("rows").toInt(), 3);
}

void TestExchangeInbox::lineFeedsAndEmptyAudiencesAreAccepted()
{
    RawReply reply = push("lf", "email,name\na@example.com,Ann\nb@example.com,Bo\n");
    QCOMPARE(reply.status, 201);
    QCOMPARE(reply.json().value("rows").toInt(), 2);
    reply = push("empty", "email,name\r\n");
    QCOMPARE(reply.status, 201);
    QCOMPARE(reply.json().value("rows").toInt(), 0);
    QCOMPARE(reply.json().value("columns").toArray().size(), 2);
}

void TestExchangeInbox::onlyPushProducersAccept()
{
    const Snapshot before = snapshot();
    RawReply reply =
        rawExchange(QHostAddress::LocalHost, m_inbox->port(),
                    pushHead(m_pullId, "x", Members.size(), Key) + Members); // PULL, not PUSH
    QCOMPARE(reply.status, 404);
    reply = rawExchange(QHostAddress::LocalHost, m_inbox->port(),
                        pushHead(99999, "x", Members.size(), Key) + Members);
    QCOMPARE(reply.status, 404);
    reply = rawExchange(QHostAddress::LocalHost, m_inbox->port(),
                        "GET /exchange/v1/push/" + QByteArray::number(m_producer.id) +
                            "/audiences/x HTTP/1.1\r\nAuthorization: Bearer " + Key + "\r\n\r\n");
    QCOMPARE(reply.status, 405);
    reply = push("typed", Members, Key, "Content-Type: application/json\r\n");
    QCOMPARE(reply.status, 415); // the second Content-Type makes it "text/csv, application/json"
    QCOMPARE(snapshot(), before);
}

void TestExchangeInbox::chunkedBodyIsRefused()
{
    const Snapshot before = snapshot();
    const RawReply reply =
        rawExchange(QHostAddress::LocalHost, m_inbox->port(),
                    pushHead(m_producer.id, "chunked", -1, Key, "Transfer-Encoding: chunked\r\n") +
                        "6\r\nemail\n\r\n0\r\n\r\n");
    QCOMPARE(reply.status, 411);
    QCOMPARE(snapshot(), before);
}

void TestExchangeInbox::abandonedPushLeavesNothing()
{
    const Snapshot before = snapshot();
    {
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, m_inbox->port());
        QVERIFY(socket.waitForConnected(StepTimeoutMs));
        socket.write(pushHead(m_producer.id, "abandoned", Members.size(), Key) + Members.left(20));
        QVERIFY(socket.waitForBytesWritten(StepTimeoutMs));
        QTest::qWait(100); // the inbox is spooling the first bytes
    }
    // The connection is gone before the body was: its spool goes with it, nothing recorded.
    QTest::qWait(100);
    QTRY_COMPARE_WITH_TIMEOUT(snapshot(), before, StepTimeoutMs);
}

void TestExchangeInbox::listensOnLoopbackOnly()
{
    QCOMPARE(m_inbox->settings().address, QHostAddress(QHostAddress::LocalHost));
    // 127.0.0.2 is this machine too, but not the address the inbox is bound to.
    QTcpSocket other;
    other.connectToHost(QHostAddress("127.0.0.2"), m_inbox->port());
    QVERIFY(!other.waitForConnected(2000));
#ifdef Q_OS_LINUX // all of 127/8 is loopback there, so the refusal is the inbox's binding
    QCOMPARE(other.error(), QAbstractSocket::ConnectionRefusedError);
#endif

    QTcpSocket loopback;
    loopback.connectToHost(QHostAddress::LocalHost, m_inbox->port());
    QVERIFY(loopback.waitForConnected(2000));
}

void TestExchangeInbox::shareReadsTheLatestPushedVersion()
{
    QCOMPARE(push("weekly", Members, Key, {}, "name=Weekly").status, 201);

    // The listing: only audiences something was pushed for, as stored.
    ExchangeSourceConnector connector(m_store);
    TestContext listContext(m_producer);
    bool listed = false;
    QList<AudienceInfo> audiences;
    auto listing = connector.listAudiences(
        listContext, [&](bool ok, const QList<AudienceInfo> &result, const QString &error) {
            QVERIFY2(ok, qPrintable(error));
            listed = true;
            audiences = result;
        });
    QVERIFY(QTest::qWaitFor([&] { return listed; }, StepTimeoutMs));
    QStringList ids;
    for (const AudienceInfo &audience : std::as_const(audiences))
        ids << audience.externalId;
    QVERIFY2(ids.contains("weekly") && ids.contains("crm/vip") && !ids.contains("bad"),
             qPrintable(ids.join(',')));
    const AudienceInfo weekly =
        *std::find_if(audiences.cbegin(), audiences.cend(),
                      [](const auto &a) { return a.externalId == "weekly"; });
    QCOMPARE(weekly.name, QStringLiteral("Weekly"));

    // A share's fetch reads the rows pushed, with no network at all.
    TestContext context(m_producer);
    auto fetch = connector.createFetch(context, FetchRequest{weekly, {}, {}});
    Step step;
    fetch->fetch(step.callback());
    QVERIFY(step.wait());
    QVERIFY2(step.ok, qPrintable(step.error));
    QVERIFY(!fetch->resumedSameSnapshot());
    const qint64 firstVersion = context.checkpoints.value("source").value("versionId").toInteger();
    QVERIFY(firstVersion > 0);
    QString error;
    auto rows = fetch->openRows(&error);
    QVERIFY2(rows, qPrintable(error));
    QCOMPARE(rows->columns(), (QStringList{"email", "first_name", "city"}));
    RowBatch batch;
    QList<QByteArray> cities;
    bool more = true;
    while (more) {
        more = rows->read(batch, 2);
        for (int row = 0; row < batch.rowCount(); ++row)
            cities << batch.cell(row, 2).toByteArray();
    }
    QCOMPARE(cities, (QList<QByteArray>{"London, UK", "Malmö", "Line\r\nbreak"}));

    // A new push: the next run reads it; a resumed run keeps the version it started with.
    const QByteArray newer = "email\r\nnew@example.com\r\n";
    QCOMPARE(push("weekly", newer).status, 201);
    TestContext next(m_producer);
    auto nextFetch = connector.createFetch(next, FetchRequest{weekly, {}, {}});
    Step nextStep;
    nextFetch->fetch(nextStep.callback());
    QVERIFY(nextStep.wait());
    QVERIFY2(nextStep.ok, qPrintable(nextStep.error));
    auto nextRows = nextFetch->openRows(&error);
    QVERIFY(nextRows);
    QCOMPARE(nextRows->columns(), QStringList{"email"});
    QVERIFY(next.checkpoints.value("source").value("versionId").toInteger() > firstVersion);

    TestContext resumed(m_producer);
    resumed.checkpoints.insert("source", context.checkpoints.value("source"));
    auto resumedFetch = connector.createFetch(resumed, FetchRequest{weekly, {}, {}});
    Step resumedStep;
    resumedFetch->fetch(resumedStep.callback());
    QVERIFY(resumedStep.wait());
    QVERIFY(resumedStep.ok);
    QVERIFY(resumedFetch->resumedSameSnapshot());
    QCOMPARE(resumed.checkpoints.value("source").value("versionId").toInteger(), firstVersion);

    // A cancelled fetch never reports.
    TestContext cancelled(m_producer);
    auto cancelledFetch = connector.createFetch(cancelled, FetchRequest{weekly, {}, {}});
    Step cancelledStep;
    cancelledFetch->fetch(cancelledStep.callback());
    cancelledFetch->cancel();
    QTest::qWait(50);
    QCOMPARE(cancelledStep.calls, 0);
}

void TestExchangeInbox::pushFetchWithoutInboxFails()
{
    // An audience that was never pushed, and a connector without an inbox.
    AudienceInfo never;
    never.id = 123456;
    never.endpointId = m_producer.id;
    never.externalId = "never";
    never.name = "Never pushed";
    TestContext context(m_producer);
    ExchangeSourceConnector connector(m_store);
    auto fetch = connector.createFetch(context, FetchRequest{never, {}, {}});
    Step step;
    fetch->fetch(step.callback());
    QVERIFY(step.wait());
    QVERIFY(!step.ok);
    QVERIFY2(step.error.contains("Never pushed"), qPrintable(step.error));

    ExchangeSourceConnector withoutInbox;
    auto orphan = withoutInbox.createFetch(context, FetchRequest{never, {}, {}});
    Step orphanStep;
    orphan->fetch(orphanStep.callback());
    QVERIFY(orphanStep.wait());
    QVERIFY(!orphanStep.ok);
    QVERIFY2(orphanStep.error.contains("inbox"), qPrintable(orphanStep.error));
}

QTEST_GUILESS_MAIN(TestExchangeInbox)
#include "tst_exchangeinbox.moc"
