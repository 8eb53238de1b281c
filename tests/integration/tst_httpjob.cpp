// HttpJob against real loopback servers: QHttpServer for well-formed answers, a raw QTcpServer
// for the faults a well-behaved server cannot produce (dropped, stalled, truncated bodies).
#include "engine/HttpJob.h"

#include <QCryptographicHash>
#include <QHttpServer>
#include <QHttpServerRequest>
#include <QHttpServerResponse>
#include <QTcpServer>
#include <QTcpSocket>
#include <QtTest>

using namespace courier;
using namespace std::chrono_literals;

namespace {

QStringList g_log;

void captureMessage(QtMsgType, const QMessageLogContext &context, const QString &message)
{
    g_log << QString::fromLatin1(context.category ? context.category : "") + ": " + message;
}

// Answers every connection with `head` followed by the first `bodyBytes` of `body`, then
// closes the connection (closeAfter) or leaves it open and silent (a stall).
class RawServer : public QTcpServer
{
public:
    QByteArray head;
    QByteArray body;
    qsizetype bodyBytes = -1; // -1: all of it
    bool closeAfter = true;
    int connections = 0;

    RawServer() { listen(QHostAddress::LocalHost); }
    QUrl url(const QString &path = "/raw") const
    {
        return QUrl(QString("http://127.0.0.1:%1%2").arg(serverPort()).arg(path));
    }

protected:
    void incomingConnection(qintptr handle) override
    {
        auto *socket = new QTcpSocket(this);
        socket->setSocketDescriptor(handle);
        ++connections;
        auto request = std::make_shared<QByteArray>();
        connect(socket, &QTcpSocket::readyRead, socket, [this, socket, request] {
            request->append(socket->readAll());
            if (!request->contains("\r\n\r\n"))
                return;
            socket->write(head);
            socket->write(bodyBytes < 0 ? body : body.left(bodyBytes));
            if (closeAfter)
                socket->disconnectFromHost();
        });
    }
};

QByteArray pattern(qsizetype size)
{
    QByteArray data(size, Qt::Uninitialized);
    for (qsizetype i = 0; i < size; ++i)
        data[i] = char('a' + (i * 7 + i / 1000) % 26);
    return data;
}

quint32 crc32(const QByteArray &data)
{
    quint32 crc = 0xFFFFFFFFu;
    for (char c : data) {
        crc ^= quint8(c);
        for (int k = 0; k < 8; ++k)
            crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1u)));
    }
    return ~crc;
}

// A real gzip member (RFC 1952) using stored deflate blocks: no zlib needed in the test.
QByteArray gzip(const QByteArray &plain)
{
    QByteArray out("\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\xff", 10);
    qsizetype pos = 0;
    do {
        const quint16 len = quint16(std::min<qsizetype>(plain.size() - pos, 65535));
        const bool last = pos + len == plain.size();
        out.append(char(last ? 1 : 0));
        out.append(char(len & 0xff)).append(char(len >> 8));
        out.append(char(~len & 0xff)).append(char((~len >> 8) & 0xff));
        out.append(plain.mid(pos, len));
        pos += len;
    } while (pos < plain.size());
    const quint32 crc = crc32(plain);
    const quint32 size = quint32(plain.size());
    for (quint32 v : {crc, size})
        for (int i = 0; i < 4; ++i)
            out.append(char((v >> (8 * i)) & 0xff));
    return out;
}

QByteArray okHead(qsizetype contentLength, const QByteArray &extra = {})
{
    return "HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\nContent-Length: " +
           QByteArray::number(contentLength) + "\r\n" + extra + "\r\n";
}

} // namespace

class TestHttpJob : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanupTestCase();

    void spoolsLargeBodyToFile();
    void retriesServiceUnavailable();
    void honoursRetryAfter();
    void notFoundFailsAtOnce();
    void refreshesTokenOnce();
    void refusedTwiceAsksToReconnect();
    void failedRefreshAsksToReconnect();
    void droppedConnectionIsRetriedAndLeavesNoFile();
    void connectionRefusedIsRetried();
    void stalledBodyTimesOut();
    void decodesGzip();
    void truncatedGzipTransportIsAnError();
    void truncatedGzipStreamIsAnError();
    void cancelMidTransfer();
    void keepsSecretsOutOfTheLog();
    void overallDeadline();
    void memoryBodyIsCapped();
    void destroyedWhileRunning();

private:
    // Runs the job to its end; returns whether finished(true) came, exactly once.
    bool run(HttpJob &job, int timeoutMs = 10000);
    HttpJob *makeJob(const QString &path);
    BackoffPolicy fastPolicy(int maxAttempts = 6) const;
    QStringList leftovers() const;

    QHttpServer m_server;
    quint16 m_port = 0;
    QNetworkAccessManager m_nam;
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<HttpJob> m_job;
    QByteArray m_bigBody = pattern(5 << 20);
    int m_flakyHits = 0;
    int m_limitedHits = 0;
    QList<QByteArray> m_authSeen;
};

void TestHttpJob::initTestCase()
{
    m_server.route("/big", [this] { return QHttpServerResponse(m_bigBody); });
    m_server.route("/flaky", [this] {
        return ++m_flakyHits <= 2
                   ? QHttpServerResponse(QHttpServerResponse::StatusCode::ServiceUnavailable)
                   : QHttpServerResponse("recovered");
    });
    m_server.route("/limited", [this] {
        if (++m_limitedHits > 1)
            return QHttpServerResponse("thanks for waiting");
        QHttpServerResponse response("slow down", QHttpServerResponse::StatusCode::TooManyRequests);
        response.addHeader("Retry-After", "1");
        return response;
    });
    m_server.route("/missing",
                   [] { return QHttpServerResponse(QHttpServerResponse::StatusCode::NotFound); });
    m_server.route("/auth", [this](const QHttpServerRequest &request) {
        m_authSeen << request.value("Authorization");
        return request.value("Authorization") == "Bearer fresh"
                   ? QHttpServerResponse("welcome")
                   : QHttpServerResponse(QHttpServerResponse::StatusCode::Unauthorized);
    });
    m_server.route("/echo", [](const QHttpServerRequest &request) {
        // A careless server that repeats the credentials back in its error page.
        return QHttpServerResponse("you sent Authorization: " + request.value("Authorization") +
                                       " and " + request.url().query().toUtf8(),
                                   QHttpServerResponse::StatusCode::InternalServerError);
    });
    m_port = m_server.listen(QHostAddress::LocalHost);
    QVERIFY(m_port != 0);
    QLoggingCategory::setFilterRules("courier.http.debug=true");
    qInstallMessageHandler(captureMessage);
}

void TestHttpJob::cleanupTestCase()
{
    qInstallMessageHandler(nullptr);
}

void TestHttpJob::init()
{
    m_job.reset();
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    g_log.clear();
}

bool TestHttpJob::run(HttpJob &job, int timeoutMs)
{
    QSignalSpy spy(&job, &HttpJob::finished);
    job.start();
    if (spy.isEmpty() && !spy.wait(timeoutMs))
        return false;
    QTest::qWait(30); // anything emitted twice would show up now
    return spy.size() == 1 && spy.first().first().toBool();
}

HttpJob *TestHttpJob::makeJob(const QString &path)
{
    HttpRequestSpec spec;
    spec.url = QUrl(QString("http://127.0.0.1:%1%2").arg(m_port).arg(path));
    m_job = std::make_unique<HttpJob>(m_nam, spec);
    m_job->setPolicy(fastPolicy());
    return m_job.get();
}

BackoffPolicy TestHttpJob::fastPolicy(int maxAttempts) const
{
    BackoffPolicy policy;
    policy.initial = 20ms;
    policy.cap = 100ms;
    policy.maxAttempts = maxAttempts;
    return policy;
}

QStringList TestHttpJob::leftovers() const
{
    return QDir(m_dir->path()).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot);
}

void TestHttpJob::spoolsLargeBodyToFile()
{
    HttpJob *job = makeJob("/big");
    const QString path = m_dir->filePath("big.bin");
    job->setResponseFile(path);
    qint64 lastProgress = 0;
    connect(job, &HttpJob::progress, this,
            [&](qint64 received, qint64) { lastProgress = received; });
    QVERIFY2(run(*job), qPrintable(job->errorString()));
    QCOMPARE(job->httpStatus(), 200);
    QCOMPARE(job->attempts(), 1);
    QCOMPARE(job->bytesReceived(), m_bigBody.size());
    QCOMPARE(lastProgress, m_bigBody.size());
    QVERIFY(job->body().isEmpty()); // went to the file, not to memory
    QCOMPARE(leftovers(), QStringList{"big.bin"});
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(QCryptographicHash::hash(file.readAll(), QCryptographicHash::Sha256),
             QCryptographicHash::hash(m_bigBody, QCryptographicHash::Sha256));
}

void TestHttpJob::retriesServiceUnavailable()
{
    m_flakyHits = 0;
    HttpJob *job = makeJob("/flaky");
    QVERIFY2(run(*job), qPrintable(job->errorString()));
    QCOMPARE(job->attempts(), 3);
    QCOMPARE(job->body(), QByteArray("recovered"));
}

void TestHttpJob::honoursRetryAfter()
{
    m_limitedHits = 0;
    HttpJob *job = makeJob("/limited");
    BackoffPolicy policy = fastPolicy();
    policy.cap = 5s; // Retry-After is capped by the policy; leave room for its 1 s
    job->setPolicy(policy);
    QElapsedTimer clock;
    clock.start();
    QVERIFY2(run(*job), qPrintable(job->errorString()));
    QVERIFY2(clock.elapsed() >= 950, qPrintable(QString::number(clock.elapsed())));
    QCOMPARE(job->attempts(), 2);
    QCOMPARE(job->body(), QByteArray("thanks for waiting"));
}

void TestHttpJob::notFoundFailsAtOnce()
{
    HttpJob *job = makeJob("/missing");
    job->setResponseFile(m_dir->filePath("missing.json"));
    QVERIFY(!run(*job));
    QCOMPARE(job->attempts(), 1);
    QCOMPARE(job->httpStatus(), 404);
    QCOMPARE(job->errorString(), QString("The server at 127.0.0.1 answered HTTP 404."));
    QVERIFY2(leftovers().isEmpty(), qPrintable(leftovers().join(", ")));
}

void TestHttpJob::refreshesTokenOnce()
{
    m_authSeen.clear();
    HttpJob *job = makeJob("/auth");
    QByteArray token = "stale";
    int refreshes = 0;
    job->setBearerTokenProvider([&] { return token; });
    job->setTokenRefresher([&](std::function<void(bool)> done) {
        ++refreshes;
        token = "fresh";
        done(true);
    });
    QVERIFY2(run(*job), qPrintable(job->errorString()));
    QCOMPARE(refreshes, 1);
    QCOMPARE(job->attempts(), 2);
    QCOMPARE(m_authSeen, (QList<QByteArray>{"Bearer stale", "Bearer fresh"}));
    QCOMPARE(job->body(), QByteArray("welcome"));
}

void TestHttpJob::refusedTwiceAsksToReconnect()
{
    HttpJob *job = makeJob("/auth");
    int refreshes = 0;
    job->setBearerTokenProvider([] { return QByteArray("still-wrong"); });
    job->setTokenRefresher([&](std::function<void(bool)> done) {
        ++refreshes;
        // Asynchronous, like a real token endpoint.
        QTimer::singleShot(10, [done] { done(true); });
    });
    QVERIFY(!run(*job));
    QCOMPARE(refreshes, 1);
    QCOMPARE(job->attempts(), 2);
    QCOMPARE(job->errorString(),
             QString("The endpoint refused the credentials (HTTP 401). Reconnect this endpoint."));
}

void TestHttpJob::failedRefreshAsksToReconnect()
{
    HttpJob *job = makeJob("/auth");
    job->setTokenRefresher([](std::function<void(bool)> done) { done(false); });
    QVERIFY(!run(*job));
    QCOMPARE(job->attempts(), 1);
    QVERIFY(job->errorString().contains("Reconnect this endpoint."));
}

void TestHttpJob::droppedConnectionIsRetriedAndLeavesNoFile()
{
    RawServer raw;
    raw.body = pattern(100000);
    raw.head = okHead(raw.body.size());
    raw.bodyBytes = 1000;
    HttpRequestSpec spec;
    spec.url = raw.url();
    HttpJob job(m_nam, spec);
    job.setPolicy(fastPolicy(3));
    job.setResponseFile(m_dir->filePath("dropped.bin"));
    QVERIFY(!run(job));
    QCOMPARE(job.attempts(), 3);
    QCOMPARE(raw.connections, 3);
    QCOMPARE(job.errorString(),
             QString("The transfer from 127.0.0.1 kept failing after 3 attempt(s): "
                     "Connection closed"));
    QVERIFY2(leftovers().isEmpty(), qPrintable(leftovers().join(", ")));
}

void TestHttpJob::connectionRefusedIsRetried()
{
    QTcpServer probe;
    QVERIFY(probe.listen(QHostAddress::LocalHost));
    const quint16 port = probe.serverPort();
    probe.close(); // nothing listens there now
    HttpRequestSpec spec;
    spec.url = QUrl(QString("http://127.0.0.1:%1/").arg(port));
    HttpJob job(m_nam, spec);
    job.setPolicy(fastPolicy(3));
    QVERIFY(!run(job));
    QCOMPARE(job.attempts(), 3);
    QCOMPARE(job.httpStatus(), 0);
}

void TestHttpJob::stalledBodyTimesOut()
{
    RawServer raw;
    raw.body = pattern(5000);
    raw.head = okHead(raw.body.size());
    raw.bodyBytes = 10;
    raw.closeAfter = false;
    HttpRequestSpec spec;
    spec.url = raw.url();
    HttpJob job(m_nam, spec);
    job.setPolicy(fastPolicy(2));
    job.setInactivityTimeout(200ms);
    job.setResponseFile(m_dir->filePath("stalled.bin"));
    QVERIFY(!run(job));
    QCOMPARE(job.attempts(), 2);
    QCOMPARE(job.errorString(), QString("No data arrived for 0.2 s."));
    QVERIFY2(leftovers().isEmpty(), qPrintable(leftovers().join(", ")));
}

void TestHttpJob::decodesGzip()
{
    QByteArray plain;
    for (int i = 0; i < 20000; ++i)
        plain += "row " + QByteArray::number(i) + ",ünïcode,text\n";
    RawServer raw;
    raw.body = gzip(plain);
    raw.head = okHead(raw.body.size(), "Content-Encoding: gzip\r\n");
    HttpRequestSpec spec;
    spec.url = raw.url();
    HttpJob job(m_nam, spec);
    job.setResponseFile(m_dir->filePath("plain.csv"));
    QVERIFY2(run(job), qPrintable(job.errorString()));
    QFile file(m_dir->filePath("plain.csv"));
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll(), plain);
    QCOMPARE(job.bytesReceived(), plain.size());
}

// Qt 6.4's transparent decompression would take both kinds of truncation below for a short
// "success"; HttpJob decodes gzip itself (GzipDecoder) so they are transient failures.
void TestHttpJob::truncatedGzipTransportIsAnError()
{
    const QByteArray compressed = gzip(pattern(300000));
    // The connection ends before the announced length.
    RawServer raw;
    raw.body = compressed;
    raw.head = okHead(compressed.size(), "Content-Encoding: gzip\r\n");
    raw.bodyBytes = compressed.size() / 2;
    HttpRequestSpec spec;
    spec.url = raw.url();
    HttpJob job(m_nam, spec);
    job.setPolicy(fastPolicy(2));
    job.setResponseFile(m_dir->filePath("cut.bin"));
    QVERIFY(!run(job));
    QCOMPARE(job.attempts(), 2);
    QVERIFY2(leftovers().isEmpty(), qPrintable(leftovers().join(", ")));
}

void TestHttpJob::truncatedGzipStreamIsAnError()
{
    // The server announces and sends a gzip stream that itself stops half-way.
    const QByteArray compressed = gzip(pattern(300000));
    RawServer raw;
    raw.body = compressed.left(compressed.size() / 2);
    raw.head = okHead(raw.body.size(), "Content-Encoding: gzip\r\n");
    HttpRequestSpec spec;
    spec.url = raw.url();
    HttpJob job(m_nam, spec);
    job.setPolicy(fastPolicy(1));
    job.setResponseFile(m_dir->filePath("short.bin"));
    QVERIFY(!run(job));
    QVERIFY2(leftovers().isEmpty(), qPrintable(leftovers().join(", ")));
}

void TestHttpJob::cancelMidTransfer()
{
    RawServer raw;
    raw.body = pattern(1000000);
    raw.head = okHead(raw.body.size());
    raw.bodyBytes = 1000;
    raw.closeAfter = false;
    HttpRequestSpec spec;
    spec.url = raw.url();
    HttpJob job(m_nam, spec);
    job.setResponseFile(m_dir->filePath("cancelled.bin"));
    QSignalSpy finished(&job, &HttpJob::finished);
    connect(&job, &HttpJob::progress, &job, &HttpJob::cancel);
    job.start();
    QTRY_COMPARE(finished.size(), 1);
    QTest::qWait(100);
    QCOMPARE(finished.size(), 1);
    QCOMPARE(finished.first().first().toBool(), false);
    QVERIFY(job.errorString().contains("cancelled"));
    QVERIFY2(leftovers().isEmpty(), qPrintable(leftovers().join(", ")));
    job.cancel(); // a second cancel is harmless
    QCOMPARE(finished.size(), 1);
}

void TestHttpJob::keepsSecretsOutOfTheLog()
{
    HttpJob *job = makeJob("/echo?access_token=sekrit-url-456&page=2");
    job->setPolicy(fastPolicy(2));
    job->setBearerTokenProvider([] { return QByteArray("sekrit-token-123"); });
    QVERIFY(!run(*job));
    QCOMPARE(job->attempts(), 2);
    QVERIFY(!g_log.isEmpty());
    const QString all = g_log.join('\n');
    QVERIFY2(!all.contains("sekrit"), qPrintable(all));
    // Redacted, not dropped: the lines still say what was sent.
    QVERIFY2(all.contains("Authorization: Bearer ***"), qPrintable(all));
    QVERIFY2(all.contains("access_token=***"), qPrintable(all));
    QVERIFY2(all.contains("courier.http: "), qPrintable(all));
}

void TestHttpJob::overallDeadline()
{
    RawServer raw;
    raw.body = pattern(5000);
    raw.head = okHead(raw.body.size());
    raw.bodyBytes = 10;
    raw.closeAfter = false;
    HttpRequestSpec spec;
    spec.url = raw.url();
    HttpJob job(m_nam, spec);
    job.setInactivityTimeout(10s);
    job.setOverallDeadline(300ms);
    job.setResponseFile(m_dir->filePath("late.bin"));
    QElapsedTimer clock;
    clock.start();
    QVERIFY(!run(job));
    QVERIFY2(clock.elapsed() < 3000, qPrintable(QString::number(clock.elapsed())));
    QCOMPARE(job.attempts(), 1);
    QCOMPARE(job.errorString(),
             QString("The server at 127.0.0.1 did not complete the request within 0.3 s."));
    QVERIFY2(leftovers().isEmpty(), qPrintable(leftovers().join(", ")));
}

void TestHttpJob::memoryBodyIsCapped()
{
    RawServer raw;
    raw.body = pattern(HttpJob::MemoryBodyCap + 1);
    raw.head = okHead(raw.body.size());
    HttpRequestSpec spec;
    spec.url = raw.url();
    HttpJob job(m_nam, spec);
    QVERIFY(!run(job));
    QCOMPARE(job.attempts(), 1);
    QCOMPARE(job.errorString(), QString("The response from 127.0.0.1 is larger than 8 MiB."));
}

void TestHttpJob::destroyedWhileRunning()
{
    RawServer raw;
    raw.body = pattern(5000);
    raw.head = okHead(raw.body.size());
    raw.bodyBytes = 10;
    raw.closeAfter = false;
    HttpRequestSpec spec;
    spec.url = raw.url();
    auto job = std::make_unique<HttpJob>(m_nam, spec);
    job->setResponseFile(m_dir->filePath("gone.bin"));
    job->start();
    QTRY_COMPARE(raw.connections, 1);
    QTest::qWait(50);
    job.reset(); // aborts its reply and drops the partial file
    QTest::qWait(50);
    QVERIFY2(leftovers().isEmpty(), qPrintable(leftovers().join(", ")));
}

QTEST_GUILESS_MAIN(TestHttpJob)
#include "tst_httpjob.moc"
