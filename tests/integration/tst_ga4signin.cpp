// Google sign-in through the browser (Ga4BrowserSignIn) against the sandbox's emulated consent
// screen and token endpoint, over real loopback HTTP: the test plays the browser — it GETs the
// URL the sign-in wants opened and follows Google's redirect to the loopback listener.
#include "connectors/ga4/Ga4BrowserSignIn.h"
#include "sandbox/faults/Faults.h"
#include "sandbox/http/RequestLog.h"
#include "sandbox/SandboxServer.h"

#include <memory>
#include <QEventLoop>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QtTest>
#include <QUrlQuery>

using namespace courier;
using namespace courier::sandbox;

namespace {

const QString Readonly = QStringLiteral("https://www.googleapis.com/auth/analytics.readonly");

struct Reply
{
    int status = 0;
    QByteArray body;
    QUrl location; // the Location header of a redirect
    QUrl finalUrl; // where a followed redirect ended
    QNetworkReply::NetworkError error = QNetworkReply::NoError;

    QJsonObject json() const { return QJsonDocument::fromJson(body).object(); }
};

// The browser: a GET that follows redirects (or not).
Reply browse(QNetworkAccessManager &nam, const QUrl &url, bool follow)
{
    QNetworkRequest request(url);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         follow ? QNetworkRequest::NoLessSafeRedirectPolicy
                                : QNetworkRequest::ManualRedirectPolicy);
    QNetworkReply *reply = nam.get(request);
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    QTimer::singleShot(5000, &loop, &QEventLoop::quit);
    loop.exec();
    Reply out;
    out.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    out.body = reply->readAll();
    out.location = QUrl::fromEncoded(reply->rawHeader("Location"));
    out.finalUrl = reply->url();
    out.error = reply->error();
    reply->deleteLater();
    return out;
}

Reply postForm(QNetworkAccessManager &nam, const QUrl &url,
               const QList<QPair<QString, QString>> &items)
{
    QByteArray form;
    for (const auto &[name, value] : items) {
        if (!form.isEmpty())
            form += '&';
        form += name.toUtf8() + '=' + QUrl::toPercentEncoding(value);
    }
    QNetworkRequest request(url);
    request.setHeader(QNetworkRequest::ContentTypeHeader, "application/x-www-form-urlencoded");
    QNetworkReply *reply = nam.post(request, form);
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    QTimer::singleShot(5000, &loop, &QEventLoop::quit);
    loop.exec();
    Reply out;
    out.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    out.body = reply->readAll();
    out.error = reply->error();
    reply->deleteLater();
    return out;
}

// Whether a TCP connection to address:port is accepted.
bool accepts(const QHostAddress &address, quint16 port)
{
    QTcpSocket socket;
    socket.connectToHost(address, port);
    const bool connected = socket.waitForConnected(1000);
    socket.abort();
    return connected;
}

} // namespace

class TestGa4SignIn : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<SandboxServer> m_server;
    QNetworkAccessManager m_nam;

    void start(SandboxOptions options = {})
    {
        m_server = std::make_unique<SandboxServer>(options);
        QString error;
        QVERIFY2(m_server->listen(0, &error), qPrintable(error));
    }

    Ga4BrowserSignIn::Config config() const
    {
        Ga4BrowserSignIn::Config config;
        config.authorizationUrl = m_server->url(QStringLiteral("/ga4/oauth/authorize"));
        config.tokenUrl = m_server->url(QStringLiteral("/ga4/token"));
        config.clientId = QString::fromUtf8(m_server->options().ga4.oauthClientId);
        config.clientSecret = QString::fromUtf8(m_server->options().ga4.oauthClientSecret);
        config.timeout = std::chrono::seconds(10);
        return config;
    }

    // Starts the sign-in and returns the URL it asks the browser to open.
    static QUrl begin(Ga4BrowserSignIn &signIn)
    {
        QSignalSpy open(&signIn, &Ga4BrowserSignIn::openBrowser);
        signIn.start();
        if (open.isEmpty() && !open.wait(2000))
            return {};
        return open.first().first().toUrl();
    }

    // Waits for the one `finished`; returns its arguments (ok, error, result).
    static std::tuple<bool, QString, Ga4SignInResult> outcome(QSignalSpy &finished)
    {
        if (finished.isEmpty() && !finished.wait(5000))
            return {false, QStringLiteral("(no finished signal)"), {}};
        const QList<QVariant> args = finished.first();
        return {args.at(0).toBool(), args.at(1).toString(), args.at(2).value<Ga4SignInResult>()};
    }

    Reply refresh(const QByteArray &refreshToken)
    {
        return postForm(m_nam, m_server->url(QStringLiteral("/ga4/token")),
                        {{QStringLiteral("grant_type"), QStringLiteral("refresh_token")},
                         {QStringLiteral("client_id"), config().clientId},
                         {QStringLiteral("client_secret"), config().clientSecret},
                         {QStringLiteral("refresh_token"), QString::fromUtf8(refreshToken)}});
    }

    int tokenRequests() const
    {
        return int(m_server->requestLog().matching(QStringLiteral("/ga4/token"), "POST").size());
    }

private slots:
    void init() { qRegisterMetaType<Ga4SignInResult>(); }
    void cleanup() { m_server.reset(); }

    // The whole flow: consent, redirect to the loopback listener, code exchange with PKCE, and a
    // refresh token the refresh_token grant accepts. A secret with '+', '/' and '%' proves the
    // form encoding.
    void signsIn_data()
    {
        QTest::addColumn<QByteArray>("secret");
        QTest::newRow("sandbox secret") << QByteArray("GOCSPX-courier-sandbox-secret");
        QTest::newRow("reserved characters") << QByteArray("GOCSPX-a+b/c=d%41&e f");
    }

    void signsIn()
    {
        QFETCH(QByteArray, secret);
        SandboxOptions options;
        options.ga4.oauthClientSecret = secret;
        start(options);
        Ga4BrowserSignIn signIn(config());
        QSignalSpy finished(&signIn, &Ga4BrowserSignIn::finished);
        const QUrl url = begin(signIn);
        QVERIFY(url.isValid());
        QVERIFY(signIn.isRunning());

        // What goes to the browser: Google's parameters, PKCE S256, offline access.
        const QUrlQuery query(url);
        auto value = [&query](const char *name) {
            return query.queryItemValue(QString::fromLatin1(name), QUrl::FullyDecoded);
        };
        QCOMPARE(value("client_id"), config().clientId);
        QCOMPARE(value("response_type"), QStringLiteral("code"));
        QCOMPARE(value("scope"), Readonly);
        QCOMPARE(value("code_challenge_method"), QStringLiteral("S256"));
        QCOMPARE(value("code_challenge").size(), 43);
        QCOMPARE(value("access_type"), QStringLiteral("offline"));
        QVERIFY(value("state").size() >= 16);
        QVERIFY(!query.hasQueryItem(QStringLiteral("client_secret")));
        QVERIFY(!query.hasQueryItem(QStringLiteral("code_verifier")));
        const QUrl redirect(value("redirect_uri"));
        QCOMPARE(redirect.host(), QStringLiteral("127.0.0.1"));
        QCOMPARE(redirect, signIn.redirectUri());
        const quint16 port = quint16(redirect.port());

        // The browser: consent, then Google's redirect to the loopback listener and its page.
        const Reply page = browse(m_nam, url, true);
        QCOMPARE(page.error, QNetworkReply::NoError);
        QCOMPARE(page.finalUrl.port(), int(port));
        QVERIFY2(page.body.contains("close this tab"), page.body.constData());
        QVERIFY(page.body.contains("Audience Courier"));

        const auto [ok, error, result] = outcome(finished);
        QVERIFY2(ok, qPrintable(error));
        QVERIFY(error.isEmpty());
        QVERIFY(result.refreshToken.startsWith("1//"));
        QVERIFY(!result.accessToken.isEmpty());
        QCOMPARE(result.grantedScope, Readonly);
        const qint64 expiresIn = QDateTime::currentDateTimeUtc().secsTo(result.expiresAt);
        QVERIFY2(expiresIn > 3500 && expiresIn <= 3599, qPrintable(QString::number(expiresIn)));
        QCOMPARE(result.expiresAt.timeSpec(), Qt::UTC);
        QCOMPARE(tokenRequests(), 1);

        // The access token works, and the refresh token is accepted by the refresh_token grant.
        QNetworkRequest api(m_server->url(
            QStringLiteral("/ga4/analyticsadmin/v1alpha/properties/1234567/audiences")));
        api.setRawHeader("Authorization", "Bearer " + result.accessToken);
        QNetworkReply *listed = m_nam.get(api);
        QSignalSpy listedDone(listed, &QNetworkReply::finished);
        QVERIFY(listedDone.wait(5000));
        QCOMPARE(listed->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
        listed->deleteLater();
        const Reply refreshed = refresh(result.refreshToken);
        QCOMPARE(refreshed.status, 200);
        QVERIFY(!refreshed.json().value(QStringLiteral("access_token")).toString().isEmpty());
        QCOMPARE(refreshed.json().value(QStringLiteral("scope")).toString(), Readonly);
        QCOMPARE(refresh("1//made-up").status, 400);

        // Finished: the listener is gone, and only one `finished` came.
        QVERIFY(!signIn.isRunning());
        QVERIFY(!accepts(QHostAddress::LocalHost, port));
        signIn.cancel();
        QTest::qWait(50);
        QCOMPARE(finished.size(), 1);
    }

    // The listener takes connections on 127.0.0.1 only, and only while the sign-in runs.
    void listensOnLoopbackOnly()
    {
        start();
        Ga4BrowserSignIn signIn(config());
        QSignalSpy finished(&signIn, &Ga4BrowserSignIn::finished);
        QVERIFY(begin(signIn).isValid());
        const quint16 port = quint16(signIn.redirectUri().port());
        QVERIFY(port > 0);
        QVERIFY(accepts(QHostAddress::LocalHost, port));
#ifdef Q_OS_LINUX
        // All of 127/8 reaches this host on Linux: a listener on "any address" would take this.
        QVERIFY(!accepts(QHostAddress(QStringLiteral("127.0.0.2")), port));
#endif
        QVERIFY(!accepts(QHostAddress::LocalHostIPv6, port));
        signIn.cancel();
        QVERIFY(!accepts(QHostAddress::LocalHost, port));
        QCOMPARE(std::get<0>(outcome(finished)), false);
    }

    // The user declines on the consent screen (the sandbox's option, or the deny@ account hint).
    void userDeclines_data()
    {
        QTest::addColumn<bool>("byOption");
        QTest::newRow("oauthUserDeclines") << true;
        QTest::newRow("login_hint deny@") << false;
    }

    void userDeclines()
    {
        QFETCH(bool, byOption);
        SandboxOptions options;
        options.ga4.oauthUserDeclines = byOption;
        start(options);
        Ga4BrowserSignIn::Config settings = config();
        if (!byOption)
            settings.loginHint = QStringLiteral("deny@example.com");
        Ga4BrowserSignIn signIn(settings);
        QSignalSpy finished(&signIn, &Ga4BrowserSignIn::finished);
        const QUrl url = begin(signIn);
        const Reply redirect = browse(m_nam, url, false);
        QCOMPARE(redirect.status, 302);
        QCOMPARE(QUrlQuery(redirect.location).queryItemValue(QStringLiteral("error")),
                 QStringLiteral("access_denied"));
        QVERIFY(!QUrlQuery(redirect.location).hasQueryItem(QStringLiteral("code")));
        QVERIFY(browse(m_nam, redirect.location, false).body.contains("close this tab"));

        const auto [ok, error, result] = outcome(finished);
        QVERIFY(!ok);
        QVERIFY2(error.contains(QStringLiteral("declined")), qPrintable(error));
        QVERIFY(result.refreshToken.isEmpty());
        QCOMPARE(tokenRequests(), 0);
        QVERIFY(!signIn.isRunning());
    }

    // Requests to the listener that do not carry the sign-in's state — a code or an error
    // forged by another local program — change nothing; the real answer still completes.
    void ignoresForgedCallbacks()
    {
        start();
        Ga4BrowserSignIn signIn(config());
        QSignalSpy finished(&signIn, &Ga4BrowserSignIn::finished);
        const QUrl url = begin(signIn);
        const QUrl listener = signIn.redirectUri();
        for (const QString &forged : {QStringLiteral("code=4%2F0forged&state=not-the-state"),
                                      QStringLiteral("error=access_denied&state=not-the-state"),
                                      QStringLiteral("code=4%2F0forged")}) {
            QUrl callback = listener;
            callback.setQuery(forged);
            QCOMPARE(browse(m_nam, callback, false).error, QNetworkReply::NoError);
        }
        QTest::qWait(100);
        QVERIFY(finished.isEmpty());
        QVERIFY(signIn.isRunning());
        QCOMPARE(tokenRequests(), 0);

        browse(m_nam, url, true);
        const auto [ok, error, result] = outcome(finished);
        QVERIFY2(ok, qPrintable(error));
        QVERIFY(!result.refreshToken.isEmpty());
    }

    // The token endpoint checks PKCE and single use: a code redeemed first by someone without
    // the verifier is spent, so the sign-in ends with Google's reason; a used code is refused.
    void tokenEndpointRefusesStolenAndReusedCodes()
    {
        start();
        const QUrl tokenUrl = m_server->url(QStringLiteral("/ga4/token"));
        auto redeem = [&](const QString &code, const QString &redirectUri,
                          const QString &verifier) {
            return postForm(m_nam, tokenUrl,
                            {{QStringLiteral("grant_type"), QStringLiteral("authorization_code")},
                             {QStringLiteral("code"), code},
                             {QStringLiteral("redirect_uri"), redirectUri},
                             {QStringLiteral("client_id"), config().clientId},
                             {QStringLiteral("client_secret"), config().clientSecret},
                             {QStringLiteral("code_verifier"), verifier}});
        };
        const QString wrongVerifier(43, QLatin1Char('x'));

        {
            Ga4BrowserSignIn signIn(config());
            QSignalSpy finished(&signIn, &Ga4BrowserSignIn::finished);
            const Reply consent = browse(m_nam, begin(signIn), false);
            QCOMPARE(consent.status, 302);
            const QString code = QUrlQuery(consent.location)
                                     .queryItemValue(QStringLiteral("code"), QUrl::FullyDecoded);
            QVERIFY(code.startsWith(QStringLiteral("4/")));
            const Reply stolen = redeem(code, signIn.redirectUri().toString(), wrongVerifier);
            QCOMPARE(stolen.status, 400);
            QCOMPARE(stolen.json().value(QStringLiteral("error")).toString(),
                     QStringLiteral("invalid_grant"));
            QCOMPARE(stolen.json().value(QStringLiteral("error_description")).toString(),
                     QStringLiteral("Invalid code verifier."));

            // The browser arrives with the spent code: the exchange is refused.
            browse(m_nam, consent.location, false);
            const auto [ok, error, result] = outcome(finished);
            QVERIFY(!ok);
            QVERIFY2(error.contains(QStringLiteral("invalid_grant")) &&
                         error.contains(QStringLiteral("Bad Request")),
                     qPrintable(error));
            QVERIFY(result.refreshToken.isEmpty());
        }
        {
            Ga4BrowserSignIn signIn(config());
            QSignalSpy finished(&signIn, &Ga4BrowserSignIn::finished);
            const Reply consent = browse(m_nam, begin(signIn), false);
            const QString code = QUrlQuery(consent.location)
                                     .queryItemValue(QStringLiteral("code"), QUrl::FullyDecoded);
            const QString redirectUri = signIn.redirectUri().toString();
            browse(m_nam, consent.location, false);
            QVERIFY(std::get<0>(outcome(finished)));
            // Used once by the sign-in: refused now, whatever the verifier.
            const Reply reused = redeem(code, redirectUri, wrongVerifier);
            QCOMPARE(reused.status, 400);
            QCOMPARE(reused.json().value(QStringLiteral("error")).toString(),
                     QStringLiteral("invalid_grant"));
            QCOMPARE(reused.json().value(QStringLiteral("error_description")).toString(),
                     QStringLiteral("Bad Request"));
        }
    }

    // cancel() before the browser answers, and while the code exchange hangs.
    void cancels()
    {
        start();
        {
            Ga4BrowserSignIn signIn(config());
            QSignalSpy finished(&signIn, &Ga4BrowserSignIn::finished);
            QVERIFY(begin(signIn).isValid());
            const quint16 port = quint16(signIn.redirectUri().port());
            signIn.cancel();
            QVERIFY(finished.isEmpty()); // from the event loop, never inside cancel()
            QVERIFY(!accepts(QHostAddress::LocalHost, port));
            const auto [ok, error, result] = outcome(finished);
            QVERIFY(!ok);
            QVERIFY2(error.contains(QStringLiteral("cancelled")), qPrintable(error));
        }
        {
            FaultRule stall;
            stall.pathPrefix = QStringLiteral("/ga4/token");
            stall.stallAfterBytes = 0;
            m_server->faults().addRule(stall);
            Ga4BrowserSignIn signIn(config());
            QSignalSpy finished(&signIn, &Ga4BrowserSignIn::finished);
            browse(m_nam, begin(signIn), true);
            QTRY_COMPARE(tokenRequests(), 1);
            QTest::qWait(50);
            QVERIFY(finished.isEmpty());
            signIn.cancel();
            const auto [ok, error, result] = outcome(finished);
            QVERIFY(!ok);
            QVERIFY2(error.contains(QStringLiteral("cancelled")), qPrintable(error));
            QTest::qWait(50);
            QCOMPARE(finished.size(), 1);
        }
    }

    void timesOut()
    {
        start();
        Ga4BrowserSignIn::Config settings = config();
        settings.timeout = std::chrono::milliseconds(200);
        Ga4BrowserSignIn signIn(settings);
        QSignalSpy finished(&signIn, &Ga4BrowserSignIn::finished);
        QVERIFY(begin(signIn).isValid());
        const quint16 port = quint16(signIn.redirectUri().port());
        const auto [ok, error, result] = outcome(finished);
        QVERIFY(!ok);
        QVERIFY2(error.contains(QStringLiteral("timed out")), qPrintable(error));
        QVERIFY(!accepts(QHostAddress::LocalHost, port));
    }

    // Failures of the exchange itself end the sign-in with a message, not a silent wait.
    void tokenEndpointFailures()
    {
        start();
        FaultRule unavailable;
        unavailable.pathPrefix = QStringLiteral("/ga4/token");
        unavailable.errorStatus = 503;
        m_server->faults().addRule(unavailable);
        {
            Ga4BrowserSignIn signIn(config());
            QSignalSpy finished(&signIn, &Ga4BrowserSignIn::finished);
            browse(m_nam, begin(signIn), true);
            const auto [ok, error, result] = outcome(finished);
            QVERIFY(!ok);
            QVERIFY2(error.contains(QStringLiteral("503")), qPrintable(error));
        }
        m_server->faults().clear();
        {
            Ga4BrowserSignIn::Config settings = config();
            settings.clientSecret = QStringLiteral("wrong");
            Ga4BrowserSignIn signIn(settings);
            QSignalSpy finished(&signIn, &Ga4BrowserSignIn::finished);
            browse(m_nam, begin(signIn), true);
            const auto [ok, error, result] = outcome(finished);
            QVERIFY(!ok);
            QVERIFY2(error.contains(QStringLiteral("invalid_client")), qPrintable(error));
            QVERIFY(!error.contains(QStringLiteral("wrong"))); // the secret is not repeated
        }
        {
            Ga4BrowserSignIn::Config settings = config();
            settings.clientId.clear();
            Ga4BrowserSignIn signIn(settings);
            QSignalSpy open(&signIn, &Ga4BrowserSignIn::openBrowser);
            QSignalSpy finished(&signIn, &Ga4BrowserSignIn::finished);
            signIn.start();
            const auto [ok, error, result] = outcome(finished);
            QVERIFY(!ok);
            QVERIFY(!error.isEmpty());
            QVERIFY(open.isEmpty());
        }
    }
};

QTEST_GUILESS_MAIN(TestGa4SignIn)
#include "tst_ga4signin.moc"
