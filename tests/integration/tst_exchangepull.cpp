// Exchange PULL consumers: the app prepares the audience as a file in its outbox, tells the
// consumer (the in-process sandbox) where to fetch it, serves it once from its real exchange
// listener over loopback HTTP, and waits for the consumer's report. Also the exchange
// destination's schema from what an endpoint declared.
#include "connectors/exchange/ExchangeConnectors.h"
#include "connectors/exchange/inbox/ExchangeInbox.h"
#include "connectors/exchange/inbox/InboxKeys.h"
#include "connectors/exchange/inbox/InboxStore.h"
#include "connectors/exchange/outbox/Outbox.h"
#include "connectors/exchange/outbox/OutboxDelivery.h"
#include "connectors/exchange/outbox/OutboxRepository.h"
#include "sandbox/faults/Faults.h"
#include "sandbox/protocols/exchange/ExchangePullConsumer.h"
#include "sandbox/SandboxContext.h"
#include "sandbox/SandboxServer.h"
#include "store/Database.h"
#include "store/EndpointRepository.h"
#include "support/ConnectorTestSupport.h"

#include <QCryptographicHash>
#include <QDir>
#include <QDirIterator>
#include <QJsonDocument>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QtTest>

using namespace courier;
using namespace courier::testing;
using namespace std::chrono_literals;

namespace {

const QByteArray Key = "sandbox-key"; // the sandbox's exchange key: the consumer's key
const QStringList Columns = {"email", "first_name"};

using PullState = sandbox::ExchangePullConsumerState;

// What a raw HTTP request to the listener got back.
struct RawReply
{
    int status = 0;
    QHash<QByteArray, QByteArray> headers; // lower-case names
    QByteArray body;

    QString errorMessage() const
    {
        return QJsonDocument::fromJson(body)
            .object()
            .value("error")
            .toObject()
            .value("message")
            .toString();
    }
};

// Parses one response once it has all arrived (by its Content-Length).
bool parseReply(const QByteArray &data, RawReply *reply)
{
    const qsizetype end = data.indexOf("\r\n\r\n");
    if (end < 0)
        return false;
    const QList<QByteArray> lines = data.left(end).split('\n');
    reply->status = lines.first().split(' ').value(1).toInt();
    reply->headers.clear();
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const qsizetype colon = lines.at(i).indexOf(':');
        reply->headers.insert(lines.at(i).left(colon).trimmed().toLower(),
                              lines.at(i).mid(colon + 1).trimmed());
    }
    const qint64 length = reply->headers.value("content-length").toLongLong();
    if (data.size() - end - 4 < length)
        return false;
    reply->body = data.mid(end + 4, length);
    return true;
}

// One request on its own connection, blocking this thread (the listener has its own).
RawReply rawRequest(quint16 port, const QByteArray &method, const QByteArray &target,
                    const QByteArray &key, const QByteArray &body = {},
                    const QByteArray &contentType = "application/json")
{
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, port);
    RawReply reply;
    if (!socket.waitForConnected(5000))
        return reply;
    QByteArray request = method + ' ' + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n";
    if (!key.isNull())
        request += "Authorization: Bearer " + key + "\r\n";
    if (method == "POST")
        request += "Content-Type: " + contentType +
                   "\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n";
    socket.write(request + "\r\n" + body);
    QByteArray data;
    QElapsedTimer timer;
    timer.start();
    while (!parseReply(data, &reply) && timer.elapsed() < 5000) {
        if (!socket.waitForReadyRead(100) && socket.state() != QAbstractSocket::ConnectedState) {
            data += socket.readAll();
            if (!parseReply(data, &reply))
                reply.status = 0; // cut off
            break;
        }
        data += socket.readAll();
    }
    return reply;
}

// Members from..from+count-1; some names need quoting.
RowBatch members(int from, int count)
{
    RowBatch batch(2);
    for (int i = from; i < from + count; ++i) {
        const QByteArray email = "member" + QByteArray::number(i) + "@example.com";
        const QByteArray name =
            i % 5 == 0 ? QByteArray("Quote \"Q\", Comma") : "Name " + QByteArray::number(i);
        batch.appendRow(std::array<QByteArray, 2>{email, name}, i);
    }
    return batch;
}

QSet<QByteArray> emails(int from, int count)
{
    QSet<QByteArray> result;
    for (int i = from; i < from + count; ++i)
        result.insert("member" + QByteArray::number(i) + "@example.com");
    return result;
}

QByteArray targetOf(const QUrl &url)
{
    return url.toEncoded(QUrl::RemoveScheme | QUrl::RemoveAuthority);
}

} // namespace

class TestExchangePull : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanupTestCase();

    void addDeliveryIsPulledAndApplied();
    void replaceAndRemoveAreApplied();
    void linkWorksOnce();
    void keyAndTokenAreCheckedBeforeAnythingIsSent();
    void expiredLinkIsGone();
    void consumerFailureFailsTheRun();
    void noPullBeforeTheDeadlineSucceedsWithAWarning();
    void abortRemovesFileAndJob();
    void onlyTheTokensHashIsStored();
    void resumedDeliveryKeepsItsBatchesAndItsJob();
    void statusReportsAreChecked();
    void notificationFaultsAreRetriedOrFail();
    void withoutListenerTheDeliveryFailsClearly();

    void schemaFollowsTheDeclaredFields();

private:
    struct Delivered
    {
        bool ok = false;
        QString error;
        qint64 jobId = 0;
        QStringList log;
    };
    std::unique_ptr<TestContext> context() const;
    std::unique_ptr<OutboxDelivery> createDelivery(TestContext &context, const QString &share,
                                                   const QJsonObject &options = {});
    // open, send the batches, commit; waits for each step.
    Delivered deliver(const QString &share, Share::ShareAction action,
                      const QList<RowBatch> &batches, const QJsonObject &options = {});
    void setBehaviour(const QJsonObject &behaviour);
    PullState &consumer() { return m_sandbox->context().state<PullState>(); }
    const PullState::Job *sandboxJob(qint64 jobId)
    {
        return consumer().job(QString::number(jobId));
    }
    std::optional<OutboxJob> job(qint64 id) const { return OutboxRepository(*m_database).find(id); }
    QStringList outboxFiles() const;

    QTemporaryDir m_profile;
    std::unique_ptr<Database> m_database;
    std::shared_ptr<InboxKeys> m_keys = std::make_shared<InboxKeys>();
    std::shared_ptr<Outbox> m_outbox;
    std::unique_ptr<ExchangeInbox> m_listener;
    std::unique_ptr<sandbox::SandboxServer> m_sandbox;
    Endpoint m_consumer;
};

void TestExchangePull::initTestCase()
{
    QVERIFY(m_profile.isValid());
    m_sandbox = std::make_unique<sandbox::SandboxServer>();
    QString error;
    QVERIFY2(m_sandbox->listen(0, &error), qPrintable(error));

    m_database = Database::open(m_profile.filePath("courier.sqlite"), &error);
    QVERIFY2(m_database, qPrintable(error));
    m_consumer.name = "Pulling CRM";
    m_consumer.kind = "exchange";
    m_consumer.role = Endpoint::Role::Destination;
    m_consumer.transfer = Endpoint::Transfer::Pull;
    m_consumer.contactUrl = m_sandbox->url("/exchange");
    m_consumer.secretStored = true;
    m_consumer.id = EndpointRepository(*m_database).add(m_consumer, &error).value_or(0);
    QVERIFY2(m_consumer.id, qPrintable(error));

    m_outbox = std::make_shared<Outbox>(*m_database, m_profile.path(), m_keys);
    ExchangeInboxSettings settings;
    settings.idleTimeout = 10s;
    settings.lingerTimeout = 200ms;
    m_listener = std::make_unique<ExchangeInbox>(
        std::make_shared<InboxStore>(*m_database, m_profile.path()),
        [keys = m_keys](qint64 id) { return keys->key(id); }, settings);
    m_listener->setOutbox(m_outbox);
    QVERIFY2(m_listener->start(&error), qPrintable(error));
    QCOMPARE(m_outbox->listenerUrl().host(), QStringLiteral("127.0.0.1"));
    QCOMPARE(m_outbox->listenerUrl().port(), int(m_listener->port()));
}

void TestExchangePull::init()
{
    m_sandbox->reset();
}

void TestExchangePull::cleanupTestCase()
{
    m_listener.reset(); // its thread, its connection to the cache
    QVERIFY(m_outbox->listenerUrl().isEmpty());
    m_sandbox.reset();
    m_database.reset();
}

std::unique_ptr<TestContext> TestExchangePull::context() const
{
    auto context = std::make_unique<TestContext>(m_consumer);
    context->secrets.insert("key", Key);
    return context;
}

std::unique_ptr<OutboxDelivery> TestExchangePull::createDelivery(TestContext &context,
                                                                 const QString &share,
                                                                 const QJsonObject &options)
{
    // Through the connector: a Pull destination gets the outbox delivery.
    ExchangeDestinationConnector connector(m_outbox);
    auto delivery = connector.createDelivery(context, DeliveryTarget{share, options, {}});
    auto *outbox = dynamic_cast<OutboxDelivery *>(delivery.get());
    if (!outbox)
        return nullptr;
    delivery.release();
    return std::unique_ptr<OutboxDelivery>(outbox);
}

TestExchangePull::Delivered TestExchangePull::deliver(const QString &share,
                                                      Share::ShareAction action,
                                                      const QList<RowBatch> &batches,
                                                      const QJsonObject &options)
{
    Delivered result;
    auto ctx = context();
    auto delivery = createDelivery(*ctx, share, options);
    if (!delivery) {
        result.error = "not an outbox delivery";
        return result;
    }
    Step open;
    delivery->open(Columns, action, false, open.callback());
    if (!open.wait() || !open.ok) {
        result.error = "open: " + open.error;
        return result;
    }
    qint64 number = 0;
    for (const RowBatch &batch : batches) {
        Step sent;
        delivery->send(batch, DeliveryBatch{++number, "k"}, sent.callback());
        if (!sent.wait() || !sent.ok) {
            result.error = "send: " + sent.error;
            return result;
        }
    }
    Step committed;
    delivery->commit(committed.callback());
    if (!committed.wait()) {
        result.error = "commit did not finish";
        return result;
    }
    result.ok = committed.ok;
    result.error = committed.error;
    result.jobId = delivery->jobId();
    result.log = ctx->logLines;
    return result;
}

void TestExchangePull::setBehaviour(const QJsonObject &behaviour)
{
    QString error;
    QVERIFY2(PullState::Behaviour::fromJson(behaviour, &consumer().behaviour(), &error),
             qPrintable(error));
}

QStringList TestExchangePull::outboxFiles() const
{
    QStringList files;
    const QDir outbox(m_profile.filePath("outbox"));
    QDirIterator it(outbox.path(), QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext())
        files << outbox.relativeFilePath(it.next());
    return files;
}

// --- deliveries --------------------------------------------------------------------------------

void TestExchangePull::addDeliveryIsPulledAndApplied()
{
    const auto result =
        deliver("Newsletter", Share::ShareAction::Add, {members(0, 20), members(20, 15)});
    QVERIFY2(result.ok, qPrintable(result.error));
    QVERIFY(result.jobId > 0);

    // The consumer was told, pulled over loopback, checked bytes, SHA-256 and rows, applied.
    const PullState::Job *told = sandboxJob(result.jobId);
    QVERIFY(told);
    QCOMPARE(told->state, QStringLiteral("applied"));
    QCOMPARE(told->action, QStringLiteral("add"));
    QCOMPARE(told->list, QStringLiteral("Newsletter"));
    QCOMPARE(told->columns, Columns);
    QCOMPARE(told->rows, 35);
    QCOMPARE(told->pullStatuses, QList<int>{200});
    QCOMPARE(told->rowsPulled, 35);
    QCOMPARE(told->dataUrl.host(), QStringLiteral("127.0.0.1"));
    QCOMPARE(told->dataUrl.port(), int(m_listener->port()));
    QCOMPARE(told->reportStatus, 200);
    const PullState::List *list = consumer().list("Newsletter");
    QVERIFY(list);
    QCOMPARE(list->members, emails(0, 35));
    QCOMPARE(list->keyColumn, QByteArray("email"));

    // The app recorded the consumer's report and its counts, and the run log says so.
    const auto stored = job(result.jobId);
    QVERIFY(stored);
    QCOMPARE(stored->status, OutboxJob::Status::Completed);
    QCOMPARE(stored->rowsAccepted, 35);
    QCOMPARE(stored->rowsRejected, 0);
    QCOMPARE(stored->sha256, QString::fromLatin1(told->sha256));
    QVERIFY(stored->pulledAt.isValid());
    QVERIFY2(result.log.join('\n').contains("35 row(s) accepted, 0 rejected"),
             qPrintable(result.log.join('\n')));
    // A link used up leaves no file behind.
    QVERIFY(!QFile::exists(m_outbox->absolutePath(stored->filePath)));
}

void TestExchangePull::replaceAndRemoveAreApplied()
{
    auto result = deliver("Members", Share::ShareAction::Add, {members(0, 10)});
    QVERIFY2(result.ok, qPrintable(result.error));
    result = deliver("Members", Share::ShareAction::Replace, {members(5, 10)});
    QVERIFY2(result.ok, qPrintable(result.error));
    QCOMPARE(sandboxJob(result.jobId)->action, QStringLiteral("replace"));
    QCOMPARE(consumer().list("Members")->members, emails(5, 10));

    result = deliver("Members", Share::ShareAction::Remove, {members(5, 3)});
    QVERIFY2(result.ok, qPrintable(result.error));
    QCOMPARE(sandboxJob(result.jobId)->action, QStringLiteral("remove"));
    QCOMPARE(consumer().list("Members")->members, emails(8, 7));
    QCOMPARE(job(result.jobId)->action, QStringLiteral("remove"));

    // An empty replace empties the list (the file is its header alone).
    result = deliver("Members", Share::ShareAction::Replace, {});
    QVERIFY2(result.ok, qPrintable(result.error));
    QCOMPARE(sandboxJob(result.jobId)->rows, 0);
    QVERIFY(consumer().list("Members")->members.isEmpty());
}

void TestExchangePull::linkWorksOnce()
{
    setBehaviour({{"pulls", 2}});
    const auto result = deliver("Twice", Share::ShareAction::Add, {members(0, 5)});
    QVERIFY2(result.ok, qPrintable(result.error));
    QVERIFY(QTest::qWaitFor([&] { return sandboxJob(result.jobId)->pullStatuses.size() == 2; }));
    QCOMPARE(sandboxJob(result.jobId)->pullStatuses, (QList<int>{200, 410}));

    // The same link by hand, with the right key: still gone.
    const RawReply again =
        rawRequest(m_listener->port(), "GET", targetOf(sandboxJob(result.jobId)->dataUrl), Key);
    QCOMPARE(again.status, 410);
    QVERIFY2(again.errorMessage().contains("once"), qPrintable(again.errorMessage()));
}

void TestExchangePull::keyAndTokenAreCheckedBeforeAnythingIsSent()
{
    setBehaviour({{"pull", false}});
    const auto result =
        deliver("Locked", Share::ShareAction::Add, {members(0, 7)}, {{"pullWaitSeconds", 0}});
    QVERIFY2(result.ok, qPrintable(result.error));
    const QUrl dataUrl = sandboxJob(result.jobId)->dataUrl;
    const QByteArray target = targetOf(dataUrl);
    const quint16 port = m_listener->port();

    const RawReply wrongKey = rawRequest(port, "GET", target, "not-the-key");
    QCOMPARE(wrongKey.status, 401);
    QVERIFY(wrongKey.headers.value("www-authenticate").contains("invalid_token"));
    QVERIFY(!wrongKey.body.contains("member0@example.com"));
    const RawReply noKey = rawRequest(port, "GET", target, QByteArray());
    QCOMPARE(noKey.status, 401);
    QVERIFY(noKey.headers.value("www-authenticate").startsWith("Bearer"));

    QUrl wrongToken = dataUrl;
    wrongToken.setQuery(QString::fromLatin1("token=" + Outbox::newToken()));
    QCOMPARE(rawRequest(port, "GET", targetOf(wrongToken), Key).status, 403);
    QUrl noToken = dataUrl;
    noToken.setQuery(QString());
    QCOMPARE(rawRequest(port, "GET", targetOf(noToken), Key).status, 403);
    QCOMPARE(rawRequest(port, "POST", target, Key).status, 405);

    // None of that used the link up.
    auto stored = job(result.jobId);
    QCOMPARE(stored->status, OutboxJob::Status::Ready);
    QVERIFY(!stored->pulledAt.isValid());

    // The right key and token: the file, whole, as announced.
    const RawReply pulled = rawRequest(port, "GET", target, Key);
    QCOMPARE(pulled.status, 200);
    QCOMPARE(pulled.headers.value("content-type"), QByteArray("text/csv; charset=utf-8"));
    QCOMPARE(pulled.headers.value("content-length").toLongLong(), stored->bytes);
    QCOMPARE(pulled.headers.value("x-row-count"), QByteArray("7"));
    QCOMPARE(pulled.body.size(), stored->bytes);
    QCOMPARE(QString::fromLatin1(
                 QCryptographicHash::hash(pulled.body, QCryptographicHash::Sha256).toHex()),
             stored->sha256);
    QVERIFY(pulled.body.startsWith("email,first_name\r\nmember0@example.com,\"Quote \"\"Q\"\", "
                                   "Comma\"\r\n"));
    stored = job(result.jobId);
    QCOMPARE(stored->status, OutboxJob::Status::Pulled);
    QVERIFY(stored->pulledAt.isValid());
    QCOMPARE(rawRequest(port, "GET", target, Key).status, 410);

    // Unknown jobs and paths.
    QCOMPARE(rawRequest(port, "GET", "/exchange/v1/outbox/999999/data?token=x", Key).status, 404);
    QCOMPARE(rawRequest(port, "GET", "/exchange/v1/outbox/1/other", Key).status, 404);
}

void TestExchangePull::expiredLinkIsGone()
{
    setBehaviour({{"pull", false}});
    const auto result = deliver("Expiring", Share::ShareAction::Add, {members(0, 3)},
                                {{"pullWaitSeconds", 0}, {"pullExpirySeconds", 3600}});
    QVERIFY2(result.ok, qPrintable(result.error));
    auto stored = job(result.jobId);
    QVERIFY(stored->expiresAt > QDateTime::currentDateTimeUtc().addSecs(3500));
    QVERIFY(stored->expiresAt < QDateTime::currentDateTimeUtc().addSecs(3700));
    const QString file = m_outbox->absolutePath(stored->filePath);
    QVERIFY(QFile::exists(file));

    // An hour passes.
    QSqlQuery age(m_database->connection());
    QVERIFY(
        age.exec(QStringLiteral("UPDATE outbox SET expires_at = '%1' WHERE id = %2")
                     .arg(QDateTime::currentDateTimeUtc().addSecs(-60).toString(Qt::ISODateWithMs))
                     .arg(result.jobId)));
    const QByteArray target = targetOf(sandboxJob(result.jobId)->dataUrl);
    const RawReply gone = rawRequest(m_listener->port(), "GET", target, Key);
    QCOMPARE(gone.status, 410);
    QVERIFY2(gone.errorMessage().contains("expired"), qPrintable(gone.errorMessage()));

    // The sweep takes the file away and marks the job.
    m_outbox->sweep();
    QVERIFY(!QFile::exists(file));
    QVERIFY(job(result.jobId));
    QCOMPARE(job(result.jobId)->status, OutboxJob::Status::Expired);
    QCOMPARE(rawRequest(m_listener->port(), "GET", target, Key).status, 410);
}

void TestExchangePull::consumerFailureFailsTheRun()
{
    setBehaviour({{"failWith", "The list is locked for maintenance."}});
    const auto result = deliver("Locked list", Share::ShareAction::Add, {members(0, 4)});
    QVERIFY(!result.ok);
    QVERIFY2(result.error.contains("Pulling CRM") &&
                 result.error.contains("The list is locked for maintenance."),
             qPrintable(result.error));
    QCOMPARE(job(result.jobId)->status, OutboxJob::Status::Failed);
    QCOMPARE(job(result.jobId)->message, QStringLiteral("The list is locked for maintenance."));
    QVERIFY(!consumer().list("Locked list"));
}

void TestExchangePull::noPullBeforeTheDeadlineSucceedsWithAWarning()
{
    setBehaviour({{"pull", false}});
    QElapsedTimer timer;
    timer.start();
    const auto result =
        deliver("Slow", Share::ShareAction::Add, {members(0, 6)}, {{"pullWaitSeconds", 1}});
    QVERIFY2(result.ok, qPrintable(result.error));
    QVERIFY(timer.elapsed() >= 1000);
    QVERIFY2(result.log.join('\n').contains("stays available"), qPrintable(result.log.join('\n')));
    QCOMPARE(sandboxJob(result.jobId)->state, QStringLiteral("held"));
    const auto stored = job(result.jobId);
    QCOMPARE(stored->status, OutboxJob::Status::Ready);
    QVERIFY(QFile::exists(m_outbox->absolutePath(stored->filePath)));
}

void TestExchangePull::abortRemovesFileAndJob()
{
    setBehaviour({{"pull", false}});
    auto ctx = context();
    auto delivery = createDelivery(*ctx, "Aborted", {{"pullWaitSeconds", 60}});
    QVERIFY(delivery);
    Step open;
    delivery->open(Columns, Share::ShareAction::Add, false, open.callback());
    QVERIFY(open.wait() && open.ok);
    Step sent;
    delivery->send(members(0, 8), DeliveryBatch{1, "k"}, sent.callback());
    QVERIFY(sent.wait() && sent.ok);
    Step committed;
    delivery->commit(committed.callback());
    // Waiting for the consumer, which was told but does not pull.
    QVERIFY(
        QTest::qWaitFor([&] { return delivery->jobId() > 0 && sandboxJob(delivery->jobId()); }));
    const qint64 id = delivery->jobId();
    const auto stored = job(id);
    QVERIFY(stored);
    const QString file = m_outbox->absolutePath(stored->filePath);
    QVERIFY(QFile::exists(file));

    delivery->abort();
    QVERIFY(!job(id));
    QVERIFY(!QFile::exists(file));
    QTest::qWait(100);
    QCOMPARE(committed.calls, 0); // no callback after an abort
    QCOMPARE(rawRequest(m_listener->port(), "GET", targetOf(sandboxJob(id)->dataUrl), Key).status,
             404);
}

void TestExchangePull::onlyTheTokensHashIsStored()
{
    setBehaviour({{"pull", false}});
    const auto result =
        deliver("Secretive", Share::ShareAction::Add, {members(0, 2)}, {{"pullWaitSeconds", 0}});
    QVERIFY2(result.ok, qPrintable(result.error));
    const QByteArray token =
        QUrlQuery(sandboxJob(result.jobId)->dataUrl).queryItemValue("token").toLatin1();
    QCOMPARE(token.size(), 43); // 32 bytes, base64url without padding
    QCOMPARE(QByteArray::fromBase64(token, QByteArray::Base64UrlEncoding).size(), 32);

    QSqlQuery query(m_database->connection());
    QVERIFY(query.exec(QStringLiteral("SELECT * FROM outbox WHERE id = %1").arg(result.jobId)));
    QVERIFY(query.next());
    for (int i = 0; i < query.record().count(); ++i)
        QVERIFY2(!query.value(i).toString().contains(QString::fromLatin1(token)),
                 qPrintable(query.record().fieldName(i)));
    QCOMPARE(
        query.value("token_sha256").toString(),
        QString::fromLatin1(QCryptographicHash::hash(token, QCryptographicHash::Sha256).toHex()));
    query.finish();
    // Nor anywhere else in the cache's files (the database and its write-ahead log).
    for (const QString &name : QDir(m_profile.path()).entryList({"courier.sqlite*"}, QDir::Files)) {
        QFile file(m_profile.filePath(name));
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY2(!file.readAll().contains(token), qPrintable(name));
    }
    // And not in the run log.
    QVERIFY(!result.log.join('\n').contains(QString::fromLatin1(token)));
}

void TestExchangePull::resumedDeliveryKeepsItsBatchesAndItsJob()
{
    setBehaviour({{"pull", false}});
    auto ctx = context();
    qint64 id = 0;
    {
        // First attempt: two batches written, then the app closes (no abort).
        auto delivery = createDelivery(*ctx, "Resumed", {{"pullWaitSeconds", 30}});
        Step open;
        delivery->open(Columns, Share::ShareAction::Add, false, open.callback());
        QVERIFY(open.wait() && open.ok);
        for (int n = 1; n <= 2; ++n) {
            Step sent;
            delivery->send(members((n - 1) * 10, 10), DeliveryBatch{n, "k"}, sent.callback());
            QVERIFY(sent.wait() && sent.ok);
        }
    }
    {
        // Resumed: batch 2 again (not acknowledged before), then 3, then waiting; closed again.
        auto delivery = createDelivery(*ctx, "Resumed", {{"pullWaitSeconds", 30}});
        Step open;
        delivery->open(Columns, Share::ShareAction::Add, true, open.callback());
        QVERIFY(open.wait() && open.ok);
        for (int n = 2; n <= 3; ++n) {
            Step sent;
            delivery->send(members((n - 1) * 10, 10), DeliveryBatch{n, "k"}, sent.callback());
            QVERIFY(sent.wait() && sent.ok);
        }
        Step committed;
        delivery->commit(committed.callback());
        // Waiting for the consumer, which was told (and the app saw its answer).
        QVERIFY(QTest::qWaitFor([&] { return ctx->logLines.join('\n').contains("Told the"); }));
        id = delivery->jobId();
        QCOMPARE(sandboxJob(id)->rows, 30);
    }
    // Resumed once more, with nothing left to send: it waits for the same job, which the
    // consumer now pulls.
    const int jobsBefore = consumer().jobs().size();
    auto delivery = createDelivery(*ctx, "Resumed", {{"pullWaitSeconds", 30}});
    Step open;
    delivery->open(Columns, Share::ShareAction::Add, true, open.callback());
    QVERIFY(open.wait() && open.ok);
    Step committed;
    delivery->commit(committed.callback());
    QTest::qWait(50);
    QCOMPARE(delivery->jobId(), id);
    QCOMPARE(consumer().jobs().size(), jobsBefore); // not announced again

    // The consumer gets round to it (as it would with the link it was sent).
    const RawReply pulled =
        rawRequest(m_listener->port(), "GET", targetOf(sandboxJob(id)->dataUrl), Key);
    QCOMPARE(pulled.status, 200);
    QCOMPARE(pulled.body.count("@example.com"), 30);
    const QByteArray report = R"({"status":"COMPLETED","rowsAccepted":30,"rowsRejected":0})";
    QCOMPARE(
        rawRequest(m_listener->port(), "POST", targetOf(sandboxJob(id)->statusUrl), Key, report)
            .status,
        200);
    QVERIFY(committed.wait());
    QVERIFY2(committed.ok, qPrintable(committed.error));
    QVERIFY(ctx->logLines.join('\n').contains("30 row(s) accepted"));

    // A delivery that starts over instead removes the earlier attempt's job.
    auto fresh = createDelivery(*ctx, "Resumed", {{"pullWaitSeconds", 0}});
    Step reopened;
    fresh->open(Columns, Share::ShareAction::Add, false, reopened.callback());
    QVERIFY(reopened.wait() && reopened.ok);
    QVERIFY(!job(id));
}

void TestExchangePull::statusReportsAreChecked()
{
    setBehaviour({{"pull", false}, {"report", false}});
    const auto result =
        deliver("Reports", Share::ShareAction::Add, {members(0, 2)}, {{"pullWaitSeconds", 0}});
    QVERIFY2(result.ok, qPrintable(result.error));
    const quint16 port = m_listener->port();
    const QUrl statusUrl = sandboxJob(result.jobId)->statusUrl;
    QCOMPARE(QUrlQuery(statusUrl).queryItemValue("token"),
             QUrlQuery(sandboxJob(result.jobId)->dataUrl).queryItemValue("token"));
    const QByteArray path = targetOf(statusUrl);
    const QByteArray completed = R"({"status":"COMPLETED"})";

    // The token ties a report to its job.
    QUrl untied = statusUrl;
    untied.setQuery(QString());
    QCOMPARE(rawRequest(port, "POST", targetOf(untied), Key, completed).status, 403);
    untied.setQuery(QString::fromLatin1("token=" + Outbox::newToken()));
    QCOMPARE(rawRequest(port, "POST", targetOf(untied), Key, completed).status, 403);

    QCOMPARE(rawRequest(port, "POST", path, "wrong", R"({"status":"COMPLETED"})").status, 401);
    QCOMPARE(rawRequest(port, "POST", path, Key, "not json").status, 400);
    QCOMPARE(rawRequest(port, "POST", path, Key, R"({"status":"DONE"})").status, 400);
    QCOMPARE(rawRequest(port, "POST", path, Key, R"({"status":"FAILED","rowsAccepted":-1})").status,
             400);
    QCOMPARE(rawRequest(port, "POST", path, Key, R"({"status":"FAILED"})", "text/plain").status,
             415);
    QCOMPARE(rawRequest(port, "GET", path, Key).status, 405);
    QCOMPARE(job(result.jobId)->status, OutboxJob::Status::Ready);

    const RawReply failed =
        rawRequest(port, "POST", path, Key, R"({"status":"FAILED","message":"No such list."})");
    QCOMPARE(failed.status, 200);
    QCOMPARE(QJsonDocument::fromJson(failed.body).object().value("status").toString(),
             QStringLiteral("FAILED"));
    // The same again changes nothing; another verdict is a conflict.
    const RawReply repeated = rawRequest(port, "POST", path, Key, R"({"status":"FAILED"})");
    QCOMPARE(repeated.status, 200);
    QVERIFY(QJsonDocument::fromJson(repeated.body).object().value("duplicate").toBool());
    QCOMPARE(rawRequest(port, "POST", path, Key, R"({"status":"COMPLETED"})").status, 409);
    QCOMPARE(job(result.jobId)->message, QStringLiteral("No such list."));
    // The job is over: its file is gone.
    QVERIFY(!QFile::exists(m_outbox->absolutePath(job(result.jobId)->filePath)));
}

void TestExchangePull::notificationFaultsAreRetriedOrFail()
{
    // A notification answered 503 twice is retried, and the delivery goes on.
    sandbox::FaultRule busy;
    busy.pathPrefix = "/exchange/v1/pull-jobs";
    busy.times = 2;
    busy.errorStatus = 503;
    m_sandbox->faults().addRule(busy);
    auto result = deliver("Busy", Share::ShareAction::Add, {members(0, 3)});
    QVERIFY2(result.ok, qPrintable(result.error));
    QCOMPARE(consumer().jobs().size(), 1);
    QCOMPARE(consumer().list("Busy")->members, emails(0, 3));

    // Refused for good: the run fails, and nothing is left to pull.
    m_sandbox->reset();
    sandbox::FaultRule refused;
    refused.pathPrefix = "/exchange/v1/pull-jobs";
    refused.errorStatus = 404;
    m_sandbox->faults().addRule(refused);
    const QStringList filesBefore = outboxFiles();
    result = deliver("Refused", Share::ShareAction::Add, {members(0, 3)});
    QVERIFY(!result.ok);
    QVERIFY2(result.error.contains("could not be told"), qPrintable(result.error));
    QVERIFY(result.jobId == 0 || !job(result.jobId));
    QCOMPARE(outboxFiles(), filesBefore);
}

void TestExchangePull::withoutListenerTheDeliveryFailsClearly()
{
    auto stopped = std::make_shared<Outbox>(*m_database, m_profile.path(), m_keys);
    auto ctx = context();
    ExchangeDestinationConnector connector(stopped);
    auto delivery = connector.createDelivery(*ctx, DeliveryTarget{"Nowhere", {}, {}});
    Step open;
    delivery->open(Columns, Share::ShareAction::Add, false, open.callback());
    QVERIFY(open.wait());
    QVERIFY(!open.ok);
    QVERIFY2(open.error.contains("listener is not running"), qPrintable(open.error));

    // Nor without a key.
    ctx->secrets.clear();
    auto keyless = ExchangeDestinationConnector(m_outbox).createDelivery(*ctx, {"Keyless", {}, {}});
    Step keylessOpen;
    keyless->open(Columns, Share::ShareAction::Add, false, keylessOpen.callback());
    QVERIFY(keylessOpen.wait());
    QVERIFY(!keylessOpen.ok);
    QVERIFY2(keylessOpen.error.contains("reconnect"), qPrintable(keylessOpen.error));
}

// --- schema ------------------------------------------------------------------------------------

void TestExchangePull::schemaFollowsTheDeclaredFields()
{
    const ExchangeDestinationConnector connector;
    Endpoint endpoint = m_consumer;

    // Nothing declared: any columns.
    DestinationSchema open = connector.schema(endpoint);
    QVERIFY(open.acceptsOtherFields);
    QVERIFY(open.fields.isEmpty());
    QCOMPARE(open.minIdentifiers, 0);

    endpoint.identifiers = {"email", "phone_number", "maid", "crm_id", "email_sha256"};
    endpoint.attributes = {"first_name", "country", "lifetime_value"};
    DestinationSchema schema = connector.schema(endpoint);
    QVERIFY(!schema.acceptsOtherFields);
    QCOMPARE(schema.minIdentifiers, 1);
    QCOMPARE(schema.fields.size(), 8);
    const auto check = [&schema](const QString &name, bool identifier, bool hashed,
                                 ValueShape shape) {
        const DestinationField *field = schema.field(name);
        QVERIFY2(field, qPrintable(name));
        QCOMPARE(field->identifier, identifier);
        QCOMPARE(field->hashed, hashed);
        QCOMPARE(field->shape, shape);
        QCOMPARE(field->required, false);
    };
    check("email", true, false, ValueShape::Email);
    check("phone_number", true, false, ValueShape::Phone);
    check("maid", true, false, ValueShape::DeviceId);
    check("crm_id", true, false, ValueShape::Any);
    check("email_sha256", true, true, ValueShape::Email);
    check("first_name", false, false, ValueShape::Name);
    check("country", false, false, ValueShape::CountryCode);
    check("lifetime_value", false, false, ValueShape::Any);
    QCOMPARE(schema.fields.first().name, QStringLiteral("email")); // in the declared order

    // Registered with "hashing": "sha256": identifiers arrive hashed, attributes as they are.
    endpoint.settings = {{"hashing", "sha256"}};
    schema = connector.schema(endpoint);
    check("email", true, true, ValueShape::Email);
    check("crm_id", true, true, ValueShape::Any);
    check("first_name", false, false, ValueShape::Name);

    // Attributes alone: a closed schema that needs no identifier.
    endpoint.identifiers.clear();
    schema = connector.schema(endpoint);
    QVERIFY(!schema.acceptsOtherFields);
    QCOMPARE(schema.minIdentifiers, 0);
}

QTEST_GUILESS_MAIN(TestExchangePull)
#include "tst_exchangepull.moc"
