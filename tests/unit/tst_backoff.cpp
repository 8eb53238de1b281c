// Pure engine helpers: backoff arithmetic, Retry-After parsing, failure classification and
// the redaction every HTTP log line goes through.
#include "common/Redaction.h"
#include "engine/Backoff.h"
#include "engine/GzipDecoder.h"

#include <QtTest>
#include <zlib.h>

using namespace courier;
using namespace std::chrono_literals;
using std::chrono::milliseconds;

Q_DECLARE_METATYPE(courier::RetryDecision)

class TestEngineBasics : public QObject
{
    Q_OBJECT

private slots:
    void gzipWholeAndByteByByte();
    void gzipConcatenatedMembers();
    void gzipTruncatedIsIncomplete();
    void gzipCorruptCrcFails();
    void backoffDelay_data();
    void backoffDelay();
    void backoffDelayNeverExceedsCap();
    void parseRetryAfter_data();
    void parseRetryAfter();
    void classify_data();
    void classify();
    void redactSecrets_data();
    void redactSecrets();
    void redactSecretsBytes();
    void redactedUrl_data();
    void redactedUrl();
};

void TestEngineBasics::backoffDelay_data()
{
    QTest::addColumn<int>("attempt");
    QTest::addColumn<double>("random");
    QTest::addColumn<qint64>("expected");

    // Default policy: 500 ms · 2^(n-1), cap 60 s, ±20 %. random 0.5 is "no jitter".
    QTest::newRow("first, no jitter") << 1 << 0.5 << qint64(500);
    QTest::newRow("second") << 2 << 0.5 << qint64(1000);
    QTest::newRow("fifth") << 5 << 0.5 << qint64(8000);
    QTest::newRow("low jitter") << 1 << 0.0 << qint64(400);
    QTest::newRow("high jitter") << 3 << 1.0 << qint64(2400);
    QTest::newRow("capped") << 10 << 0.5 << qint64(60000);
    QTest::newRow("capped, low jitter") << 10 << 0.0 << qint64(48000);
    QTest::newRow("capped, high jitter stays at cap") << 10 << 1.0 << qint64(60000);
    QTest::newRow("huge attempt saturates") << 5000 << 0.5 << qint64(60000);
    QTest::newRow("attempt 0 treated as 1") << 0 << 0.5 << qint64(500);
    QTest::newRow("random out of range clamped") << 1 << 7.0 << qint64(600);
}

void TestEngineBasics::backoffDelay()
{
    QFETCH(int, attempt);
    QFETCH(double, random);
    QFETCH(qint64, expected);
    QCOMPARE(courier::backoffDelay(BackoffPolicy{}, attempt, random).count(), expected);
}

void TestEngineBasics::backoffDelayNeverExceedsCap()
{
    BackoffPolicy policy;
    policy.initial = 20ms;
    policy.factor = 3.0;
    policy.cap = 1000ms;
    policy.jitter = 0.5;
    for (int attempt = 1; attempt < 40; ++attempt) {
        for (double r : {0.0, 0.25, 0.5, 0.75, 0.999}) {
            const milliseconds d = courier::backoffDelay(policy, attempt, r);
            QVERIFY2(d >= 0ms && d <= policy.cap, qPrintable(QString::number(d.count())));
        }
    }
}

void TestEngineBasics::parseRetryAfter_data()
{
    QTest::addColumn<QByteArray>("value");
    QTest::addColumn<qint64>("expected"); // -1: nullopt

    // "now" is Sun, 06 Nov 1994 08:49:37 GMT, the RFC's own example date.
    QTest::newRow("delta") << QByteArray("120") << qint64(120000);
    QTest::newRow("delta zero") << QByteArray("0") << qint64(0);
    QTest::newRow("delta with spaces") << QByteArray("  5 ") << qint64(5000);
    QTest::newRow("imf-fixdate +60 s")
        << QByteArray("Sun, 06 Nov 1994 08:50:37 GMT") << qint64(60000);
    QTest::newRow("rfc850 +1 h") << QByteArray("Sunday, 06-Nov-94 09:49:37 GMT") << qint64(3600000);
    QTest::newRow("asctime +1 day") << QByteArray("Mon Nov  7 08:49:37 1994") << qint64(86400000);
    QTest::newRow("date in the past") << QByteArray("Sat, 05 Nov 1994 08:49:37 GMT") << qint64(0);
    QTest::newRow("empty") << QByteArray("") << qint64(-1);
    QTest::newRow("negative") << QByteArray("-5") << qint64(-1);
    QTest::newRow("fraction") << QByteArray("1.5") << qint64(-1);
    QTest::newRow("garbage") << QByteArray("soon") << qint64(-1);
    QTest::newRow("bad month") << QByteArray("Sun, 06 Foo 1994 08:49:37 GMT") << qint64(-1);
    QTest::newRow("bad day") << QByteArray("Sun, 31 Nov 1994 08:49:37 GMT") << qint64(-1);
    QTest::newRow("not GMT") << QByteArray("Sun, 06 Nov 1994 08:49:37 CET") << qint64(-1);
}

void TestEngineBasics::parseRetryAfter()
{
    QFETCH(QByteArray, value);
    QFETCH(qint64, expected);
    const QDateTime now(QDate(1994, 11, 6), QTime(8, 49, 37), Qt::UTC);
    const auto parsed = courier::parseRetryAfter(value, now);
    if (expected < 0) {
        QVERIFY2(!parsed, qPrintable(QString::number(parsed ? parsed->count() : 0)));
    } else {
        QVERIFY(parsed);
        QCOMPARE(parsed->count(), expected);
    }
}

void TestEngineBasics::classify_data()
{
    using E = QNetworkReply::NetworkError;
    QTest::addColumn<int>("status");
    QTest::addColumn<QNetworkReply::NetworkError>("error");
    QTest::addColumn<RetryDecision>("expected");

    const auto retry = RetryDecision::Retry;
    const auto fail = RetryDecision::Fail;
    QTest::newRow("refused") << 0 << E::ConnectionRefusedError << retry;
    QTest::newRow("remote closed") << 0 << E::RemoteHostClosedError << retry;
    QTest::newRow("closed mid-body after 200") << 200 << E::RemoteHostClosedError << retry;
    QTest::newRow("timeout") << 0 << E::TimeoutError << retry;
    QTest::newRow("temporary failure") << 0 << E::TemporaryNetworkFailureError << retry;
    QTest::newRow("host not found") << 0 << E::HostNotFoundError << fail;
    QTest::newRow("ssl") << 0 << E::SslHandshakeFailedError << fail;
    QTest::newRow("insecure redirect") << 301 << E::InsecureRedirectError << fail;
    QTest::newRow("cancelled") << 0 << E::OperationCanceledError << fail;
    QTest::newRow("cancelled after 503") << 503 << E::OperationCanceledError << fail;
    for (int status : {408, 429, 500, 502, 503, 504}) {
        QTest::addRow("HTTP %d", status) << status << E::UnknownContentError << retry;
    }
    QTest::newRow("HTTP 401") << 401 << E::AuthenticationRequiredError
                              << RetryDecision::RefreshToken;
    for (int status : {400, 403, 404, 405, 409, 410, 413, 422}) {
        QTest::addRow("HTTP %d", status) << status << E::ContentNotFoundError << fail;
    }
    QTest::newRow("HTTP 501") << 501 << E::OperationNotImplementedError << fail;
}

void TestEngineBasics::classify()
{
    QFETCH(int, status);
    QFETCH(QNetworkReply::NetworkError, error);
    QFETCH(RetryDecision, expected);
    QCOMPARE(courier::classify(status, error), expected);
}

void TestEngineBasics::redactSecrets_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("expected");

    const QString jwt = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.SflKxwRJSMeKKF2QT4fwpMeJf36P";
    QTest::newRow("authorization header") << "Authorization: Bearer abc.DEF-123_x~+/="
                                          << "Authorization: Bearer ***";
    QTest::newRow("bearer in a sentence") << "sent bearer s3cr3t to host"
                                          << "sent bearer *** to host";
    QTest::newRow("query") << "GET /x?access_token=abc123&page=2"
                           << "GET /x?access_token=***&page=2";
    QTest::newRow("form body") << "grant_type=refresh_token&refresh_token=r-1&client_secret=cs"
                               << "grant_type=refresh_token&refresh_token=***&client_secret=***";
    QTest::newRow("api keys") << "api_key=k1&apikey=k2&API_KEY=k3"
                              << "api_key=***&apikey=***&API_KEY=***";
    QTest::newRow("x-api-key header") << "x-api-key: k-42, other"
                                      << "x-api-key: ***, other";
    QTest::newRow("json") << R"({"access_token":"a1","expires_in":3600,"refresh_token" : "r\"2"})"
                          << R"({"access_token":"***","expires_in":3600,"refresh_token" : "***"})";
    QTest::newRow("json client secret") << R"({"client_id":"id","client_secret":"shh"})"
                                        << R"({"client_id":"id","client_secret":"***"})";
    QTest::newRow("jwt alone") << "token " + jwt + " expired"
                               << "token *** expired";
    QTest::newRow("nothing secret") << "HTTP 503 from api.example.com, page=2"
                                    << "HTTP 503 from api.example.com, page=2";
    QTest::newRow("token_type kept") << "token_type=bearer"
                                     << "token_type=bearer";
    QTest::newRow("already redacted") << "access_token=***"
                                      << "access_token=***";
}

void TestEngineBasics::redactSecrets()
{
    QFETCH(QString, input);
    QFETCH(QString, expected);
    QCOMPARE(courier::redactSecrets(input), expected);
}

void TestEngineBasics::redactSecretsBytes()
{
    QCOMPARE(courier::redactSecrets(QByteArray("Authorization: Bearer xyz\r\nHost: h")),
             QByteArray("Authorization: Bearer ***\r\nHost: h"));
}

void TestEngineBasics::redactedUrl_data()
{
    QTest::addColumn<QUrl>("input");
    QTest::addColumn<QString>("expected");

    QTest::newRow("userinfo") << QUrl("https://user:pw@api.example.com/v1/x")
                              << "https://api.example.com/v1/x";
    QTest::newRow("query items") << QUrl("https://h/x?page=2&access_token=abc&API_KEY=k")
                                 << "https://h/x?page=2&access_token=***&API_KEY=***";
    QTest::newRow("fragment token")
        << QUrl("https://h/cb#access_token=abc&state=s") << "https://h/cb#access_token=***&state=s";
    QTest::newRow("clean") << QUrl("http://127.0.0.1:8080/a?b=c") << "http://127.0.0.1:8080/a?b=c";
}

void TestEngineBasics::redactedUrl()
{
    QFETCH(QUrl, input);
    QFETCH(QString, expected);
    QCOMPARE(courier::redactedUrl(input).toString(), expected);
}

static QByteArray gzipOf(const QByteArray &plain)
{
    z_stream z{};
    if (deflateInit2(&z, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 16 + MAX_WBITS, 8,
                     Z_DEFAULT_STRATEGY) != Z_OK)
        return {};
    QByteArray out(static_cast<qsizetype>(deflateBound(&z, static_cast<uLong>(plain.size()))),
                   '\0');
    z.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(plain.data()));
    z.avail_in = static_cast<uInt>(plain.size());
    z.next_out = reinterpret_cast<Bytef *>(out.data());
    z.avail_out = static_cast<uInt>(out.size());
    const int result = deflate(&z, Z_FINISH);
    out.resize(static_cast<qsizetype>(z.total_out));
    deflateEnd(&z);
    return result == Z_STREAM_END ? out : QByteArray();
}

static QByteArray samplePlain()
{
    QByteArray plain;
    for (int i = 0; i < 50000; ++i)
        plain += "member" + QByteArray::number(i) + "@example.com,Malmö\n";
    return plain;
}

void TestEngineBasics::gzipWholeAndByteByByte()
{
    const QByteArray plain = samplePlain();
    const QByteArray packed = gzipOf(plain);
    QVERIFY(!packed.isEmpty() && packed.size() < plain.size());

    GzipDecoder whole;
    QByteArray out;
    QVERIFY(whole.feed(packed, out));
    QVERIFY(whole.isComplete());
    QCOMPARE(out, plain);

    GzipDecoder bytewise;
    QByteArray out2;
    for (qsizetype i = 0; i < packed.size(); ++i) {
        QVERIFY(bytewise.feed(QByteArrayView(packed).sliced(i, 1), out2));
        QCOMPARE(bytewise.isComplete(), i == packed.size() - 1);
    }
    QCOMPARE(out2, plain);
}

void TestEngineBasics::gzipConcatenatedMembers()
{
    GzipDecoder decoder;
    QByteArray out;
    const QByteArray members = gzipOf("first,") + gzipOf("second");
    QVERIFY(decoder.feed(members, out));
    QVERIFY(decoder.isComplete());
    QCOMPARE(out, QByteArray("first,second"));
}

void TestEngineBasics::gzipTruncatedIsIncomplete()
{
    const QByteArray packed = gzipOf(samplePlain());
    for (const qsizetype cut : {qsizetype(5), packed.size() / 2, packed.size() - 1}) {
        GzipDecoder decoder;
        QByteArray out;
        QVERIFY(decoder.feed(packed.left(cut), out));
        QVERIFY2(!decoder.isComplete(), qPrintable(QString::number(cut)));
    }
}

void TestEngineBasics::gzipCorruptCrcFails()
{
    QByteArray packed = gzipOf(samplePlain());
    packed[packed.size() - 6] =
        static_cast<char>(packed[packed.size() - 6] ^ 0x5A); // CRC32 trailer
    GzipDecoder decoder;
    QByteArray out;
    QVERIFY(!decoder.feed(packed, out));
    QVERIFY(!decoder.isComplete());
    QVERIFY2(decoder.errorString().contains("gzip"), qPrintable(decoder.errorString()));

    GzipDecoder notGzip;
    QVERIFY(!notGzip.feed("plain text, not gzip", out));
}

QTEST_GUILESS_MAIN(TestEngineBasics)
#include "tst_backoff.moc"
