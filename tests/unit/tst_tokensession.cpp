// TokenSession: one fetch shared by every caller waiting, refresh before expiry, renewal after a
// 401, failures handed to every waiter; FixedTokenSession; jwtExpiry().
#include "connectors/auth/TokenSession.h"
#include "support/ConnectorTestSupport.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTimer>
#include <QtTest>

using namespace courier;
using namespace std::chrono_literals;

namespace {

// Answers each fetch after an event-loop turn with the token it is told to, counting fetches.
class ScriptedSession final : public TokenSession
{
public:
    std::optional<AccessToken> next;
    QString error = QStringLiteral("refused");

    void signInRefused(ConnectorContext &context, int *retries, int *refusals)
    {
        reloadSecretsOnce(
            context, [retries] { ++*retries; }, [refusals] { ++*refusals; });
    }

protected:
    void requestToken(TokenDone done) override
    {
        QTimer::singleShot(0, this, [this, done = std::move(done)] { done(next, error); });
    }
};

QByteArray jwtWithClaims(const QJsonObject &claims)
{
    const auto part = [](const QByteArray &json) {
        return json.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
    };
    return part(R"({"alg":"HS256","typ":"JWT"})") + '.' +
           part(QJsonDocument(claims).toJson(QJsonDocument::Compact)) + '.' + part("signature");
}

} // namespace

class TestTokenSession : public QObject
{
    Q_OBJECT

private slots:
    void waitersShareOneFetch();
    void refreshesShortlyBeforeExpiry();
    void renewReplacesAWorkingToken();
    void failureReachesEveryWaiter();
    void fixedTokenIsHandedOutOnce();
    void readsTheExpiryOfAJwt();
    void refusedSignInReloadsSecretsOncePerFetch();
};

void TestTokenSession::waitersShareOneFetch()
{
    ScriptedSession session;
    session.next = AccessToken{"t1", QDateTime::currentDateTimeUtc().addSecs(3600)};
    int calls = 0;
    for (int i = 0; i < 3; ++i)
        session.ensureFresh([&](bool ok, const QString &) { calls += ok ? 1 : 100; });
    QCOMPARE(calls, 0); // nothing before the token arrives
    QTRY_COMPARE(calls, 3);
    QCOMPARE(session.fetches(), 1);
    QCOMPARE(session.current(), QByteArray("t1"));

    // A fresh token is handed out at once, without a fetch.
    bool synchronous = false;
    session.ensureFresh([&](bool ok, const QString &) { synchronous = ok; });
    QVERIFY(synchronous);
    QCOMPARE(session.fetches(), 1);
}

void TestTokenSession::refreshesShortlyBeforeExpiry()
{
    ScriptedSession session;
    session.setRefreshMargin(60s);
    // Valid for 30 more seconds: within the margin, so the next request fetches a new one.
    session.next = AccessToken{"short", QDateTime::currentDateTimeUtc().addSecs(30)};
    bool done = false;
    session.ensureFresh([&](bool, const QString &) { done = true; });
    QTRY_VERIFY(done);
    QCOMPARE(session.current(), QByteArray("short"));

    session.next = AccessToken{"long", QDateTime::currentDateTimeUtc().addSecs(3600)};
    done = false;
    session.ensureFresh([&](bool ok, const QString &) { done = ok; });
    QTRY_VERIFY(done);
    QCOMPARE(session.current(), QByteArray("long"));
    QCOMPARE(session.fetches(), 2);

    // Unknown expiry counts as valid until a 401 says otherwise.
    QVERIFY((AccessToken{"x", {}}).usableFor(24h));
    QVERIFY(!(AccessToken{"", {}}).usableFor(0s));
}

void TestTokenSession::renewReplacesAWorkingToken()
{
    ScriptedSession session;
    session.next = AccessToken{"first", {}};
    bool done = false;
    session.ensureFresh([&](bool, const QString &) { done = true; });
    QTRY_VERIFY(done);
    session.next = AccessToken{"second", {}};
    done = false;
    session.renew([&](bool ok, const QString &) { done = ok; });
    QVERIFY(session.current().isEmpty()); // the refused token is not sent again meanwhile
    QTRY_VERIFY(done);
    QCOMPARE(session.current(), QByteArray("second"));
}

void TestTokenSession::failureReachesEveryWaiter()
{
    ScriptedSession session;
    session.error = QStringLiteral("the client secret was refused");
    QStringList errors;
    for (int i = 0; i < 2; ++i)
        session.ensureFresh([&](bool ok, const QString &error) {
            QVERIFY(!ok);
            errors << error;
        });
    QTRY_COMPARE(errors.size(), 2);
    QCOMPARE(errors.first(), session.error);
    QVERIFY(session.current().isEmpty());

    // An empty token is a failure too, and a later call tries again.
    session.next = AccessToken{"", {}};
    bool failed = false;
    session.ensureFresh([&](bool ok, const QString &) { failed = !ok; });
    QTRY_VERIFY(failed);
    QCOMPARE(session.fetches(), 2);
}

void TestTokenSession::fixedTokenIsHandedOutOnce()
{
    FixedTokenSession session("pasted", QStringLiteral("paste a new token"));
    bool ok = false;
    session.ensureFresh([&](bool success, const QString &) { ok = success; });
    QVERIFY(ok);
    QCOMPARE(session.current(), QByteArray("pasted"));
    QString error;
    session.renew([&](bool success, const QString &message) {
        ok = success;
        error = message;
    });
    QVERIFY(!ok);
    QCOMPARE(error, QStringLiteral("paste a new token"));
}

void TestTokenSession::readsTheExpiryOfAJwt()
{
    const auto expiry = jwtExpiry(jwtWithClaims({{"sub", "client"}, {"exp", 1767225600}}));
    QVERIFY(expiry);
    QCOMPARE(*expiry, QDateTime(QDate(2026, 1, 1), QTime(0, 0), Qt::UTC));
    QVERIFY(!jwtExpiry(jwtWithClaims({{"sub", "client"}})));
    QVERIFY(!jwtExpiry(jwtWithClaims({{"exp", "tomorrow"}})));
    QVERIFY(!jwtExpiry("not-a-jwt"));
    QVERIFY(!jwtExpiry("a.%%%.c"));
}

void TestTokenSession::refusedSignInReloadsSecretsOncePerFetch()
{
    testing::TestContext context(Endpoint{});
    ScriptedSession session;
    int retries = 0;
    int refusals = 0;
    // The keychain holds a new secret: one more try.
    context.reloadedSecrets = {{"key", "reconnected"}};
    session.signInRefused(context, &retries, &refusals);
    QCOMPARE(retries, 1);
    QCOMPARE(refusals, 0);
    QCOMPARE(context.reloads, 1);
    // Refused again within the same fetch: no second reload.
    session.signInRefused(context, &retries, &refusals);
    QCOMPARE(refusals, 1);
    QCOMPARE(context.reloads, 1);

    // A new fetch may reload again; nothing new in the keychain → refused.
    session.next = AccessToken{"t", {}};
    bool done = false;
    session.renew([&](bool, const QString &) { done = true; });
    QTRY_VERIFY(done);
    context.reloadedSecrets.clear();
    session.renew([](bool, const QString &) {}); // starts the next fetch
    session.signInRefused(context, &retries, &refusals);
    QCOMPARE(context.reloads, 2);
    QCOMPARE(retries, 1);
    QCOMPARE(refusals, 2);
}

QTEST_GUILESS_MAIN(TestTokenSession)
#include "tst_tokensession.moc"
