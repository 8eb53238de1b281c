// The sandbox's Google Analytics 4 and APSIS One emulations, over real loopback HTTP: the GA4
// service-account JWT token flow, the installed-app sign-in (consent screen, authorization_code
// grant with PKCE), Admin audiences paging, the audienceExports lifecycle and
// query paging (streamed), quotas and errors; the APSIS token, definitions, export request
// validation, the poll URL's 404 → 200 (plain and gzip) → 410, failed processing and the rate
// limits.
#include "sandbox/audience/SyntheticAudience.h"
#include "sandbox/faults/Faults.h"
#include "sandbox/protocols/apsis/ApsisCatalogue.h"
#include "sandbox/protocols/ga4/Ga4Catalogue.h"
#include "sandbox/protocols/ga4/Ga4Exports.h"
#include "sandbox/protocols/ga4/Jwt.h"
#include "sandbox/SandboxContext.h"
#include "sandbox/SandboxServer.h"

#include <memory>
#include <QCryptographicHash>
#include <QDateTime>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QRegularExpression>
#include <QTimer>
#include <QtTest>
#include <QUrlQuery>
#include <zlib.h>

using namespace courier::sandbox;

namespace {

struct Reply
{
    int status = 0;
    QByteArray body;
    QHash<QByteArray, QByteArray> headers; // lower-case names
    QNetworkReply::NetworkError error = QNetworkReply::NoError;

    QJsonObject json() const { return QJsonDocument::fromJson(body).object(); }
    QByteArray header(const QByteArray &name) const { return headers.value(name.toLower()); }
};

QByteArray gunzip(const QByteArray &data)
{
    z_stream stream{};
    if (inflateInit2(&stream, 16 + MAX_WBITS) != Z_OK)
        return {};
    QByteArray out;
    char buffer[64 * 1024];
    stream.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(data.constData()));
    stream.avail_in = uInt(data.size());
    int result = Z_OK;
    while (result == Z_OK) {
        stream.next_out = reinterpret_cast<Bytef *>(buffer);
        stream.avail_out = sizeof buffer;
        result = inflate(&stream, Z_NO_FLUSH);
        out.append(buffer, qsizetype(sizeof buffer - stream.avail_out));
    }
    inflateEnd(&stream);
    return result == Z_STREAM_END ? out : QByteArray();
}

void wait(int ms)
{
    QEventLoop loop;
    QTimer::singleShot(ms, &loop, &QEventLoop::quit);
    loop.exec();
}

const QString Readonly = "https://www.googleapis.com/auth/analytics.readonly";

} // namespace

class TestSandboxGa4Apsis : public QObject
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

    static SandboxOptions quickOptions()
    {
        SandboxOptions options;
        options.jobReadyAfter = std::chrono::milliseconds(300);
        options.apsis.exportRequestsPerSecond = 0; // tests that are not about it ask freely
        options.apsis.tokenRequestsPerMinute = 0;
        options.apsis.downloadsPerMinute = 0;
        return options;
    }

    Reply send(const QByteArray &method, const QString &path, const QByteArray &body = {},
               QList<std::pair<QByteArray, QByteArray>> headers = {})
    {
        QNetworkRequest request(m_server->url(path));
        for (const auto &[name, value] : headers)
            request.setRawHeader(name, value);
        if (!body.isEmpty() && !request.hasRawHeader("Content-Type"))
            request.setHeader(QNetworkRequest::ContentTypeHeader, "application/json");
        QNetworkReply *reply = m_nam.sendCustomRequest(request, method, body);
        QEventLoop loop;
        connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
        QTimer::singleShot(10'000, &loop, &QEventLoop::quit);
        loop.exec();
        Reply out;
        out.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        out.body = reply->readAll();
        out.error = reply->error();
        for (const auto &[name, value] : reply->rawHeaderPairs())
            out.headers.insert(name.toLower(), value);
        reply->deleteLater();
        return out;
    }

    Reply get(const QString &path, const QByteArray &token = {},
              QList<std::pair<QByteArray, QByteArray>> headers = {})
    {
        if (!token.isEmpty())
            headers.append({"Authorization", "Bearer " + token});
        return send("GET", path, {}, headers);
    }

    Reply post(const QString &path, const QJsonObject &json, const QByteArray &token = {})
    {
        QList<std::pair<QByteArray, QByteArray>> headers;
        if (!token.isEmpty())
            headers.append({"Authorization", "Bearer " + token});
        return send("POST", path, QJsonDocument(json).toJson(QJsonDocument::Compact), headers);
    }

    // ---- GA4 helpers -----------------------------------------------------------------------

    QJsonObject serviceAccount() { return get("/sandbox/ga4/service-account.json").json(); }

    QJsonObject claims(const QString &scope = Readonly)
    {
        const qint64 now = QDateTime::currentSecsSinceEpoch();
        return {{"iss", serviceAccount().value("client_email")},
                {"scope", scope},
                {"aud", m_server->url("/ga4/token").toString()},
                {"iat", now},
                {"exp", now + 3600}};
    }

    QByteArray assertion(const QJsonObject &claimSet,
                         const QJsonObject &header = {{"alg", "RS256"}, {"typ", "JWT"}})
    {
        const QByteArray key = serviceAccount().value("private_key").toString().toUtf8();
        QString error;
        const QByteArray jwt = signJwtRs256(key, header, claimSet, &error);
        if (jwt.isEmpty())
            qWarning() << error;
        return jwt;
    }

    Reply tokenRequest(const QByteArray &jwt)
    {
        QUrlQuery form;
        form.addQueryItem("grant_type", "urn:ietf:params:oauth:grant-type:jwt-bearer");
        form.addQueryItem("assertion", QString::fromLatin1(jwt));
        return send("POST", "/ga4/token", form.toString(QUrl::FullyEncoded).toLatin1(),
                    {{"Content-Type", "application/x-www-form-urlencoded"}});
    }

    QByteArray ga4Token(const QString &scope = Readonly)
    {
        const Reply reply = tokenRequest(assertion(claims(scope)));
        return reply.json().value("access_token").toString().toLatin1();
    }

    QString dataPath(const QString &rest, const QString &property = "1234567")
    {
        return "/ga4/analyticsdata/v1beta/properties/" + property + rest;
    }

    // Creates an export and returns its resource name.
    QString createExport(const QByteArray &token, const QString &audience,
                         const QStringList &dimensions, const QString &property = "1234567")
    {
        QJsonArray dims;
        for (const QString &d : dimensions)
            dims.append(QJsonObject{{"dimensionName", d}});
        const Reply reply = post(
            dataPath("/audienceExports", property),
            QJsonObject{{"audience", QString("properties/" + property + "/audiences/" + audience)},
                        {"dimensions", dims}},
            token);
        if (reply.status != 200)
            qWarning() << reply.body;
        return reply.json().value("response").toObject().value("name").toString();
    }

    QJsonObject waitForState(const QByteArray &token, const QString &name, const QString &state)
    {
        QElapsedTimer clock;
        clock.start();
        QJsonObject json;
        while (clock.elapsed() < 5000) {
            json = get("/ga4/analyticsdata/v1beta/" + name, token).json();
            if (json.value("state").toString() == state)
                return json;
            wait(40);
        }
        return json;
    }

    Reply query(const QByteArray &token, const QString &name, const QJsonObject &body)
    {
        return post("/ga4/analyticsdata/v1beta/" + name + ":query", body, token);
    }

    // ---- APSIS helpers ---------------------------------------------------------------------

    QByteArray apsisToken()
    {
        const Reply reply = post("/apsis/oauth/token", {{"grant_type", "client_credentials"},
                                                        {"client_id", "sandbox-apsis-client"},
                                                        {"client_secret", "sandbox-apsis-secret"}});
        return reply.json().value("access_token").toString().toLatin1();
    }

    QString pollPath(const Reply &created)
    {
        return QUrl(created.json().value("poll_url").toString()).path();
    }

    Reply waitForExport(const QByteArray &token, const QString &path,
                        QList<std::pair<QByteArray, QByteArray>> headers = {})
    {
        QElapsedTimer clock;
        clock.start();
        Reply reply;
        while (clock.elapsed() < 5000) {
            reply = get(path, token, headers);
            if (reply.status != 404)
                return reply;
            wait(40);
        }
        return reply;
    }

private slots:
    void cleanup() { m_server.reset(); }

    // ---- GA4: tokens -----------------------------------------------------------------------

    void ga4ServiceAccountFile()
    {
        start();
        const QJsonObject file = serviceAccount();
        QCOMPARE(file.value("type").toString(), "service_account");
        QVERIFY(file.value("private_key").toString().startsWith("-----BEGIN PRIVATE KEY-----"));
        QVERIFY(file.value("client_email").toString().endsWith(".iam.gserviceaccount.com"));
        QVERIFY(!file.value("private_key_id").toString().isEmpty());
        QCOMPARE(file.value("token_uri").toString(), m_server->url("/ga4/token").toString());
        QVERIFY(file.value("_comment").toString().contains("THROWAWAY"));
    }

    void ga4JwtBearerToken()
    {
        start();
        const Reply reply = tokenRequest(assertion(claims()));
        QCOMPARE(reply.status, 200);
        const QJsonObject json = reply.json();
        QVERIFY(!json.value("access_token").toString().isEmpty());
        QCOMPARE(json.value("expires_in").toInt(), 3599);
        QCOMPARE(json.value("token_type").toString(), "Bearer");

        // Google's own audience and a kid naming the key are accepted too.
        QJsonObject google = claims();
        google.insert("aud", "https://oauth2.googleapis.com/token");
        const QJsonObject header{
            {"alg", "RS256"}, {"typ", "JWT"}, {"kid", serviceAccount().value("private_key_id")}};
        QCOMPARE(tokenRequest(assertion(google, header)).status, 200);
    }

    void ga4TokenErrors_data()
    {
        QTest::addColumn<QString>("change");
        QTest::addColumn<QString>("error");
        QTest::newRow("bad signature") << "signature"
                                       << "invalid_grant";
        QTest::newRow("expired") << "expired"
                                 << "invalid_grant";
        QTest::newRow("longer than an hour") << "long"
                                             << "invalid_grant";
        QTest::newRow("wrong audience") << "aud"
                                        << "invalid_grant";
        QTest::newRow("unknown issuer") << "iss"
                                        << "invalid_grant";
        QTest::newRow("HS256") << "alg"
                               << "invalid_grant";
        QTest::newRow("unknown kid") << "kid"
                                     << "invalid_grant";
        QTest::newRow("no scope") << "scope"
                                  << "invalid_scope";
        QTest::newRow("not a JWT") << "garbage"
                                   << "invalid_grant";
    }

    void ga4TokenErrors()
    {
        QFETCH(QString, change);
        QFETCH(QString, error);
        start();
        QJsonObject claimSet = claims();
        QJsonObject header{{"alg", "RS256"}, {"typ", "JWT"}};
        const qint64 now = QDateTime::currentSecsSinceEpoch();
        if (change == "expired") {
            claimSet.insert("iat", now - 4000);
            claimSet.insert("exp", now - 400);
        } else if (change == "long") {
            claimSet.insert("exp", now + 7200);
        } else if (change == "aud") {
            claimSet.insert("aud", "https://example.com/token");
        } else if (change == "iss") {
            claimSet.insert("iss", "someone@else.iam.gserviceaccount.com");
        } else if (change == "alg") {
            header.insert("alg", "HS256");
        } else if (change == "kid") {
            header.insert("kid", "0000");
        } else if (change == "scope") {
            claimSet.remove("scope");
        }
        QByteArray jwt = assertion(claimSet, header);
        if (change == "signature") {
            // Another signature of the right length: flip bits in its middle.
            const qsizetype at = jwt.lastIndexOf('.') + 40;
            jwt[at] = jwt[at] == 'A' ? 'B' : 'A';
        } else if (change == "garbage") {
            jwt = "not-a-jwt";
        }
        const Reply reply = tokenRequest(jwt);
        QCOMPARE(reply.status, 400);
        QCOMPARE(reply.json().value("error").toString(), error);
        QVERIFY(!reply.json().value("error_description").toString().isEmpty());
    }

    void ga4RefreshToken()
    {
        start();
        auto refresh = [this](const QString &secret, const QString &refreshToken) {
            QUrlQuery form;
            form.addQueryItem("grant_type", "refresh_token");
            form.addQueryItem("client_id",
                              "100000000000-couriersandbox.apps.googleusercontent.com");
            form.addQueryItem("client_secret", secret);
            form.addQueryItem("refresh_token", refreshToken);
            return send("POST", "/ga4/token", form.toString(QUrl::FullyEncoded).toLatin1(),
                        {{"Content-Type", "application/x-www-form-urlencoded"}});
        };
        const Reply ok =
            refresh("GOCSPX-courier-sandbox-secret", "1//courier-sandbox-refresh-token");
        QCOMPARE(ok.status, 200);
        QCOMPARE(ok.json().value("scope").toString(), Readonly);
        const QByteArray token = ok.json().value("access_token").toString().toLatin1();
        QCOMPARE(get("/ga4/analyticsadmin/v1alpha/properties/1234567/audiences", token).status,
                 200);

        const Reply badClient = refresh("wrong", "1//courier-sandbox-refresh-token");
        QCOMPARE(badClient.status, 401);
        QCOMPARE(badClient.json().value("error").toString(), "invalid_client");
        const Reply badToken = refresh("GOCSPX-courier-sandbox-secret", "1//revoked");
        QCOMPARE(badToken.status, 400);
        QCOMPARE(badToken.json().value("error").toString(), "invalid_grant");

        QCOMPARE(send("POST", "/ga4/token", "grant_type=password",
                      {{"Content-Type", "application/x-www-form-urlencoded"}})
                     .json()
                     .value("error")
                     .toString(),
                 "unsupported_grant_type");
    }

    // ---- GA4: installed-app sign-in (consent screen + authorization_code grant) -------------

    static QString pkceChallenge(const QByteArray &verifier)
    {
        return QString::fromLatin1(
            QCryptographicHash::hash(verifier, QCryptographicHash::Sha256)
                .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
    }

    // GET /ga4/oauth/authorize with the sandbox's client, a loopback redirect and these changes
    // ("name" → "" removes a parameter); not following the redirect.
    Reply authorize(const QList<std::pair<QString, QString>> &changes = {})
    {
        QList<std::pair<QString, QString>> items{
            {"client_id", "100000000000-couriersandbox.apps.googleusercontent.com"},
            {"redirect_uri", "http://127.0.0.1:4711/callback"},
            {"response_type", "code"},
            {"scope", Readonly},
            {"state", "st&te=1 %"},
            {"code_challenge", pkceChallenge(QByteArray(43, 'v'))},
            {"code_challenge_method", "S256"},
            {"access_type", "offline"},
            {"prompt", "consent"}};
        for (const auto &[name, value] : changes) {
            items.removeIf([&name](const auto &item) { return item.first == name; });
            if (!value.isEmpty())
                items.append({name, value});
        }
        QString query;
        for (const auto &[name, value] : items)
            query += (query.isEmpty() ? "" : "&") + name + '=' +
                     QString::fromLatin1(QUrl::toPercentEncoding(value));
        // The browser must not follow: the redirect's Location is what is checked.
        QNetworkRequest request(m_server->url("/ga4/oauth/authorize?" + query));
        request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                             QNetworkRequest::ManualRedirectPolicy);
        QNetworkReply *reply = m_nam.get(request);
        QEventLoop loop;
        connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
        QTimer::singleShot(10'000, &loop, &QEventLoop::quit);
        loop.exec();
        Reply out;
        out.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        out.body = reply->readAll();
        for (const auto &[name, value] : reply->rawHeaderPairs())
            out.headers.insert(name.toLower(), value);
        reply->deleteLater();
        return out;
    }

    static QString codeOf(const Reply &reply)
    {
        return QUrlQuery(QUrl::fromEncoded(reply.header("Location")))
            .queryItemValue("code", QUrl::FullyDecoded);
    }

    Reply redeem(const QString &code, const QList<std::pair<QString, QString>> &changes = {})
    {
        QList<std::pair<QString, QString>> items{
            {"grant_type", "authorization_code"},
            {"code", code},
            {"redirect_uri", "http://127.0.0.1:4711/callback"},
            {"client_id", "100000000000-couriersandbox.apps.googleusercontent.com"},
            {"client_secret", "GOCSPX-courier-sandbox-secret"},
            {"code_verifier", QString(43, 'v')}};
        for (const auto &[name, value] : changes) {
            items.removeIf([&name](const auto &item) { return item.first == name; });
            if (!value.isEmpty())
                items.append({name, value});
        }
        QByteArray form;
        for (const auto &[name, value] : items)
            form +=
                (form.isEmpty() ? "" : "&") + name.toUtf8() + '=' + QUrl::toPercentEncoding(value);
        return send("POST", "/ga4/token", form,
                    {{"Content-Type", "application/x-www-form-urlencoded"}});
    }

    void ga4ConsentRedirectsWithCode()
    {
        start();
        const Reply reply = authorize();
        QCOMPARE(reply.status, 302);
        const QUrl location = QUrl::fromEncoded(reply.header("Location"));
        QCOMPARE(location.host(), "127.0.0.1");
        QCOMPARE(location.port(), 4711);
        QCOMPARE(location.path(), "/callback");
        const QUrlQuery query(location);
        QCOMPARE(query.queryItemValue("state", QUrl::FullyDecoded), "st&te=1 %");
        QCOMPARE(query.queryItemValue("scope", QUrl::FullyDecoded), Readonly);
        QVERIFY(codeOf(reply).startsWith("4/"));
        QVERIFY(!query.hasQueryItem("error"));

        // localhost and [::1] are loopback too; a redirect URI's own query is kept.
        QCOMPARE(authorize({{"redirect_uri", "http://localhost:1234/"}}).status, 302);
        const Reply ipv6 = authorize({{"redirect_uri", "http://[::1]:1234/cb?x=1"}});
        QCOMPARE(ipv6.status, 302);
        QVERIFY(ipv6.header("Location").startsWith("http://[::1]:1234/cb?x=1&"));
        // PKCE is optional, and plain is accepted as Google does.
        QCOMPARE(authorize({{"code_challenge", ""}, {"code_challenge_method", ""}}).status, 302);
        QCOMPARE(
            authorize({{"code_challenge", QString(43, 'p')}, {"code_challenge_method", "plain"}})
                .status,
            302);
    }

    void ga4ConsentDeclined()
    {
        start();
        const Reply hinted = authorize({{"login_hint", "deny@example.com"}});
        QCOMPARE(hinted.status, 302);
        const QUrlQuery query(QUrl::fromEncoded(hinted.header("Location")));
        QCOMPARE(query.queryItemValue("error"), "access_denied");
        QCOMPARE(query.queryItemValue("state", QUrl::FullyDecoded), "st&te=1 %");
        QVERIFY(!query.hasQueryItem("code"));

        SandboxOptions options;
        options.ga4.oauthUserDeclines = true;
        start(options);
        QVERIFY(authorize().header("Location").contains("error=access_denied"));
    }

    void ga4ConsentErrors_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("value");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("error");
        QTest::newRow("no client") << "client_id"
                                   << "" << 400 << "invalid_request";
        QTest::newRow("unknown client")
            << "client_id"
            << "1-other.apps.googleusercontent.com" << 400 << "invalid_client";
        QTest::newRow("no redirect") << "redirect_uri"
                                     << "" << 400 << "invalid_request";
        QTest::newRow("web redirect") << "redirect_uri"
                                      << "https://example.com/cb" << 400 << "redirect_uri_mismatch";
        QTest::newRow("https loopback")
            << "redirect_uri"
            << "https://127.0.0.1:4711/" << 400 << "redirect_uri_mismatch";
        QTest::newRow("oob") << "redirect_uri"
                             << "urn:ietf:wg:oauth:2.0:oob" << 400 << "redirect_uri_mismatch";
        QTest::newRow("token response") << "response_type"
                                        << "token" << 400 << "unsupported_response_type";
        QTest::newRow("no scope") << "scope"
                                  << "" << 400 << "invalid_request";
        QTest::newRow("unknown scope")
            << "scope" << Readonly + " https://example.com/x" << 400 << "invalid_scope";
        QTest::newRow("S512") << "code_challenge_method"
                              << "S512" << 400 << "invalid_request";
        QTest::newRow("short challenge") << "code_challenge"
                                         << "abc" << 400 << "invalid_request";
        QTest::newRow("access_type") << "access_type"
                                     << "forever" << 400 << "invalid_request";
        QTest::newRow("prompt") << "prompt"
                                << "none consent" << 400 << "invalid_request";
    }

    void ga4ConsentErrors()
    {
        QFETCH(QString, name);
        QFETCH(QString, value);
        QFETCH(int, status);
        QFETCH(QString, error);
        start();
        const Reply reply = authorize({{name, value}});
        QCOMPARE(reply.status, status);
        QVERIFY(reply.header("Location").isEmpty()); // Google's own page, never a redirect
        QVERIFY(reply.header("Content-Type").startsWith("text/html"));
        QVERIFY2(reply.body.contains(error.toUtf8()), reply.body.constData());
    }

    void ga4AuthorizationCodeGrant()
    {
        start();
        const Reply tokens = redeem(codeOf(authorize()));
        QCOMPARE(tokens.status, 200);
        const QJsonObject json = tokens.json();
        QCOMPARE(json.value("token_type").toString(), "Bearer");
        QCOMPARE(json.value("expires_in").toInt(), 3599);
        QCOMPARE(json.value("scope").toString(), Readonly);
        QVERIFY(tokens.header("Cache-Control").contains("no-store"));
        const QByteArray access = json.value("access_token").toString().toLatin1();
        QCOMPARE(get("/ga4/analyticsadmin/v1alpha/properties/1234567/audiences", access).status,
                 200);

        // The new refresh token is accepted by the refresh_token grant (client credentials as
        // HTTP Basic this time).
        const QString refreshToken = json.value("refresh_token").toString();
        QVERIFY(refreshToken.startsWith("1//"));
        const QByteArray basic =
            "Basic " + QByteArray("100000000000-couriersandbox.apps.googleusercontent.com:"
                                  "GOCSPX-courier-sandbox-secret")
                           .toBase64();
        const Reply refreshed =
            send("POST", "/ga4/token",
                 "grant_type=refresh_token&refresh_token=" + QUrl::toPercentEncoding(refreshToken),
                 {{"Content-Type", "application/x-www-form-urlencoded"}, {"Authorization", basic}});
        QCOMPARE(refreshed.status, 200);
        QCOMPARE(refreshed.json().value("scope").toString(), Readonly);

        // access_type=online: no refresh token. plain PKCE and no PKCE redeem too.
        const Reply online = redeem(codeOf(authorize({{"access_type", "online"}})));
        QCOMPARE(online.status, 200);
        QVERIFY(!online.json().contains("refresh_token"));
        const Reply plain = redeem(codeOf(authorize({{"code_challenge", QString(43, 'p')},
                                                     {"code_challenge_method", "plain"}})),
                                   {{"code_verifier", QString(43, 'p')}});
        QVERIFY2(plain.status == 200, plain.body.constData());
        QCOMPARE(redeem(codeOf(authorize({{"code_challenge", ""}, {"code_challenge_method", ""}})),
                        {{"code_verifier", ""}})
                     .status,
                 200);

        // After a reset the issued refresh token is gone.
        m_server->reset();
        QCOMPARE(
            send("POST", "/ga4/token",
                 "grant_type=refresh_token&refresh_token=" + QUrl::toPercentEncoding(refreshToken),
                 {{"Content-Type", "application/x-www-form-urlencoded"}, {"Authorization", basic}})
                .status,
            400);
    }

    void ga4AuthorizationCodeErrors_data()
    {
        QTest::addColumn<QString>("change");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("error");
        QTest::addColumn<QString>("description");
        QTest::newRow("wrong verifier") << "verifier" << 400 << "invalid_grant"
                                        << "Invalid code verifier.";
        QTest::newRow("no verifier") << "noverifier" << 400 << "invalid_grant"
                                     << "Missing code verifier.";
        QTest::newRow("reused code") << "reuse" << 400 << "invalid_grant"
                                     << "Bad Request";
        QTest::newRow("expired code") << "expired" << 400 << "invalid_grant"
                                      << "Bad Request";
        QTest::newRow("unknown code") << "unknown" << 400 << "invalid_grant"
                                      << "Bad Request";
        QTest::newRow("malformed code") << "malformed" << 400 << "invalid_grant"
                                        << "Malformed auth code.";
        QTest::newRow("other redirect") << "redirect" << 400 << "redirect_uri_mismatch"
                                        << "Bad Request";
        QTest::newRow("wrong secret") << "secret" << 401 << "invalid_client"
                                      << "The OAuth client was not found.";
        QTest::newRow("no code") << "nocode" << 400 << "invalid_request"
                                 << "Missing required parameter: code";
    }

    void ga4AuthorizationCodeErrors()
    {
        QFETCH(QString, change);
        QFETCH(int, status);
        QFETCH(QString, error);
        QFETCH(QString, description);
        SandboxOptions options;
        if (change == "expired")
            options.ga4.oauthCodeTtl = std::chrono::seconds(0);
        start(options);
        const QString code = codeOf(authorize());
        QVERIFY(code.startsWith("4/"));
        Reply reply;
        if (change == "verifier")
            reply = redeem(code, {{"code_verifier", QString(43, 'w')}});
        else if (change == "noverifier")
            reply = redeem(code, {{"code_verifier", ""}});
        else if (change == "reuse")
            reply = (redeem(code), redeem(code));
        else if (change == "expired")
            reply = (wait(5), redeem(code));
        else if (change == "unknown")
            reply = redeem("4/0SbxUnknown");
        else if (change == "malformed")
            reply = redeem("not-a-code");
        else if (change == "redirect")
            reply = redeem(code, {{"redirect_uri", "http://127.0.0.1:4712/callback"}});
        else if (change == "secret")
            reply = redeem(code, {{"client_secret", "wrong"}});
        else if (change == "nocode")
            reply = redeem("", {{"code", ""}});
        QCOMPARE(reply.status, status);
        QCOMPARE(reply.json().value("error").toString(), error);
        QCOMPARE(reply.json().value("error_description").toString(), description);
        // A code is good for one attempt: after a failed one it is spent.
        if (change == "verifier" || change == "redirect")
            QCOMPARE(redeem(code).json().value("error_description").toString(), "Bad Request");
    }

    void ga4NeedsAToken()
    {
        start();
        const QString path = dataPath("/audienceExports");
        const Reply none = get(path);
        QCOMPARE(none.status, 401);
        QCOMPARE(none.json().value("error").toObject().value("status").toString(),
                 "UNAUTHENTICATED");
        QCOMPARE(none.json().value("error").toObject().value("code").toInt(), 401);
        QCOMPARE(get(path, "sbx.made-up").status, 401);
        QCOMPARE(get("/ga4/analyticsadmin/v1alpha/properties/1234567/audiences").status, 401);
        // An APSIS token is not a Google one.
        QCOMPARE(get(path, apsisToken()).status, 401);

        // A token without an analytics scope: issued, then refused by the API.
        const QByteArray other = ga4Token("https://www.googleapis.com/auth/cloud-platform");
        QVERIFY(!other.isEmpty());
        const Reply denied = get(path, other);
        QCOMPARE(denied.status, 403);
        QCOMPARE(denied.json().value("error").toObject().value("status").toString(),
                 "PERMISSION_DENIED");

        // An expired token (tokenTtlSeconds fault) → 401 again.
        FaultRule rule;
        rule.pathPrefix = "/ga4/token";
        rule.tokenTtlSeconds = 1;
        m_server->faults().addRule(rule);
        const Reply shortLived = tokenRequest(assertion(claims()));
        QCOMPARE(shortLived.json().value("expires_in").toInt(), 1);
        const QByteArray token = shortLived.json().value("access_token").toString().toLatin1();
        QCOMPARE(get(path, token).status, 200);
        wait(1100);
        const Reply expired = get(path, token);
        QCOMPARE(expired.status, 401);
        QVERIFY(expired.header("WWW-Authenticate").contains("invalid_token"));
    }

    // ---- GA4: Admin audiences --------------------------------------------------------------

    void ga4AudiencesPaging()
    {
        start();
        const QByteArray token = ga4Token();
        const QString path = "/ga4/analyticsadmin/v1alpha/properties/1234567/audiences";
        const Reply first = get(path + "?pageSize=3", token);
        QCOMPARE(first.status, 200);
        const QJsonArray page1 = first.json().value("audiences").toArray();
        QCOMPARE(page1.size(), 3);
        const QString next = first.json().value("nextPageToken").toString();
        QVERIFY(!next.isEmpty());
        const Reply second = get(path + "?pageSize=3&pageToken=" + next, token);
        const QJsonArray page2 = second.json().value("audiences").toArray();
        QCOMPARE(page2.size(), 1);
        QVERIFY(!second.json().contains("nextPageToken"));

        QStringList names;
        for (const QJsonArray &page : {page1, page2}) {
            for (const QJsonValue &a : page)
                names.append(a.toObject().value("displayName").toString());
        }
        QCOMPARE(names, QStringList({"All Users", "Purchasers", "Cart abandoners (7 days)",
                                     "Engaged app users"}));
        const QJsonObject purchasers = page1.at(1).toObject();
        QCOMPARE(purchasers.value("name").toString(), "properties/1234567/audiences/12345");
        QCOMPARE(purchasers.value("membershipDurationDays").toInt(), 540);
        QVERIFY(purchasers.contains("adsPersonalizationEnabled"));
        QVERIFY(QDateTime::fromString(purchasers.value("createTime").toString(), Qt::ISODateWithMs)
                    .isValid());

        // Default page size holds them all; a token of another collection is refused.
        QCOMPARE(get(path, token).json().value("audiences").toArray().size(), 4);
        const Reply foreign = get("/ga4/analyticsadmin/v1alpha/properties/7654321/audiences?"
                                  "pageToken=" +
                                      next,
                                  token);
        QCOMPARE(foreign.status, 400);
        QCOMPARE(foreign.json().value("error").toObject().value("status").toString(),
                 "INVALID_ARGUMENT");
        QCOMPARE(get("/ga4/analyticsadmin/v1alpha/properties/999/audiences", token).status, 403);
        QCOMPARE(get("/ga4/analyticsadmin/v1alpha/properties/abc/audiences", token).status, 400);
    }

    // ---- GA4: audience exports -------------------------------------------------------------

    void ga4ExportLifecycle()
    {
        SandboxOptions options = quickOptions();
        options.jobReadyAfter = std::chrono::milliseconds(600);
        start(options);
        const QByteArray token = ga4Token();
        const Reply created =
            post(dataPath("/audienceExports"),
                 {{"audience", "properties/1234567/audiences/12345"},
                  {"dimensions", QJsonArray{QJsonObject{{"dimensionName", "deviceId"}},
                                            QJsonObject{{"dimensionName", "userId"}}}}},
                 token);
        QCOMPARE(created.status, 200);
        const QJsonObject operation = created.json();
        QVERIFY(operation.value("name").toString().startsWith("properties/1234567/operations/"));
        QCOMPARE(operation.value("done").toBool(true), false);
        QVERIFY(operation.value("metadata")
                    .toObject()
                    .value("@type")
                    .toString()
                    .endsWith("AudienceExportMetadata"));
        const QJsonObject response = operation.value("response").toObject();
        const QString name = response.value("name").toString();
        QVERIFY(name.startsWith("properties/1234567/audienceExports/"));
        QCOMPARE(operation.value("metadata").toObject().value("audienceExport").toString(), name);
        QCOMPARE(response.value("state").toString(), "CREATING");
        QCOMPARE(response.value("audienceDisplayName").toString(), "Purchasers");
        // Nanosecond timestamps, as Google writes them.
        QVERIFY(QRegularExpression(R"(^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z$)")
                    .match(response.value("beginCreatingTime").toString())
                    .hasMatch());

        // Not queryable while CREATING.
        const Reply early = query(token, name, {{"offset", "0"}, {"limit", "10"}});
        QCOMPARE(early.status, 400);
        QCOMPARE(early.json().value("error").toObject().value("status").toString(),
                 "FAILED_PRECONDITION");

        // CREATING with a rising percentage, then ACTIVE.
        double last = -1;
        QElapsedTimer clock;
        clock.start();
        QJsonObject state;
        while (clock.elapsed() < 5000) {
            state = get("/ga4/analyticsdata/v1beta/" + name, token).json();
            if (state.value("state").toString() != "CREATING")
                break;
            const double percent = state.value("percentageCompleted").toDouble();
            QVERIFY(percent >= last);
            QVERIFY(percent < 100);
            last = percent;
            wait(60);
        }
        QVERIFY(last > 0);
        QCOMPARE(state.value("state").toString(), "ACTIVE");
        QCOMPARE(state.value("rowCount").toInt(), 3517);
        QCOMPARE(state.value("percentageCompleted").toDouble(), 100.0);
        QVERIFY(state.value("creationQuotaTokensCharged").toInt() > 0);
        QCOMPARE(state.value("beginCreatingTime"), response.value("beginCreatingTime"));

        const Reply list = get(dataPath("/audienceExports"), token);
        QCOMPARE(list.status, 200);
        const QJsonArray exports = list.json().value("audienceExports").toArray();
        QCOMPARE(exports.size(), 1);
        QCOMPARE(exports.at(0).toObject().value("name").toString(), name);

        // Another property's exports are its own.
        QCOMPARE(get("/ga4/analyticsdata/v1beta/properties/7654321/audienceExports/" +
                         name.section('/', -1),
                     token)
                     .status,
                 404);
        QVERIFY(get(dataPath("/audienceExports", "7654321"), token).json().isEmpty());
    }

    void ga4ExportListPaging()
    {
        start(quickOptions());
        const QByteArray token = ga4Token();
        QStringList names;
        for (int i = 0; i < 5; ++i)
            names.append(createExport(token, "synthetic-10", {"deviceId"}));
        const Reply first = get(dataPath("/audienceExports?pageSize=2"), token);
        QCOMPARE(first.json().value("audienceExports").toArray().size(), 2);
        QStringList seen;
        QString pageToken = first.json().value("nextPageToken").toString();
        for (const QJsonValue &e : first.json().value("audienceExports").toArray())
            seen.append(e.toObject().value("name").toString());
        while (!pageToken.isEmpty()) {
            const Reply page =
                get(dataPath("/audienceExports?pageSize=2&pageToken=" + pageToken), token);
            QCOMPARE(page.status, 200);
            for (const QJsonValue &e : page.json().value("audienceExports").toArray())
                seen.append(e.toObject().value("name").toString());
            pageToken = page.json().value("nextPageToken").toString();
        }
        QCOMPARE(seen, names);
    }

    void ga4QueryPaging()
    {
        start(quickOptions());
        const QByteArray token = ga4Token();
        const QString name = createExport(
            token, "synthetic-25000", {"deviceId", "isAdsPersonalizationAllowed", "userId"}, "555");
        QVERIFY(name.startsWith("properties/555/audienceExports/"));
        QCOMPARE(waitForState(token, name, "ACTIVE").value("rowCount").toInt(), 25000);

        const SyntheticAudience audience(Ga4Catalogue::SyntheticSeed, 25000);
        const QList<Ga4Dimension> dims{Ga4Dimension::DeviceId,
                                       Ga4Dimension::IsAdsPersonalizationAllowed,
                                       Ga4Dimension::UserId};
        qint64 offset = 0;
        int pages = 0;
        QSet<QString> adsValues;
        QByteArray firstPage;
        while (true) {
            const Reply page =
                query(token, name, {{"offset", QString::number(offset)}, {"limit", "10000"}});
            QCOMPARE(page.status, 200);
            if (pages == 0)
                firstPage = page.body;
            const QJsonObject json = page.json();
            QCOMPARE(json.value("rowCount").toInt(), 25000);
            QCOMPARE(json.value("audienceExport").toObject().value("name").toString(), name);
            const QJsonArray rows = json.value("audienceRows").toArray();
            if (rows.isEmpty())
                break;
            QCOMPARE(rows.size(), std::min<qint64>(10000, 25000 - offset));
            for (qsizetype r = 0; r < rows.size(); ++r) {
                const QJsonArray values = rows.at(r).toObject().value("dimensionValues").toArray();
                QCOMPARE(values.size(), 3);
                for (int d = 0; d < 3; ++d) {
                    const QString expected =
                        QString::fromUtf8(ga4DimensionValue(audience, offset + r, dims.at(d)));
                    if (values.at(d).toObject().value("value").toString() != expected)
                        QFAIL(qPrintable(
                            QString("row %1 dimension %2: %3 != %4")
                                .arg(offset + r)
                                .arg(d)
                                .arg(values.at(d).toObject().value("value").toString(), expected)));
                }
                adsValues.insert(values.at(1).toObject().value("value").toString());
            }
            offset += rows.size();
            ++pages;
        }
        QCOMPARE(offset, 25000);
        QCOMPARE(pages, 3);
        QCOMPARE(adsValues, QSet<QString>({"true", "false", "(not set)"}));
        // Both kinds of device id: web client ids and app-instance ids.
        QVERIFY(ga4DimensionValue(audience, 0, Ga4Dimension::DeviceId).size() > 0);
        bool web = false, app = false;
        for (qint64 i = 0; i < 50; ++i) {
            const QByteArray id = ga4DimensionValue(audience, i, Ga4Dimension::DeviceId);
            web = web || id.contains('.');
            app = app || id.size() == 32;
        }
        QVERIFY(web && app);

        // Deterministic: the same page again is the same bytes (bar the export's own fields).
        const Reply again = query(token, name, {{"offset", "0"}, {"limit", "10000"}});
        QCOMPARE(again.json().value("audienceRows"),
                 QJsonDocument::fromJson(firstPage).object().value("audienceRows"));

        // Defaults and limits: limit unset → 10,000; numbers are accepted for int64.
        QCOMPARE(query(token, name, {}).json().value("audienceRows").toArray().size(), 10000);
        QCOMPARE(query(token, name, {{"offset", 24990}, {"limit", 100}})
                     .json()
                     .value("audienceRows")
                     .toArray()
                     .size(),
                 10);
        QCOMPARE(query(token, name, {{"offset", "0"}, {"limit", "250000"}})
                     .json()
                     .value("audienceRows")
                     .toArray()
                     .size(),
                 25000);
        for (const QJsonObject &bad :
             {QJsonObject{{"limit", "250001"}}, QJsonObject{{"limit", "-5"}},
              QJsonObject{{"offset", "-1"}}, QJsonObject{{"offset", "ten"}},
              QJsonObject{{"offset", "0"}, {"limt", "10"}}}) {
            const Reply reply = query(token, name, bad);
            QVERIFY2(reply.status == 400, reply.body.constData());
            QCOMPARE(reply.json().value("error").toObject().value("status").toString(),
                     "INVALID_ARGUMENT");
        }
        // Unknown export → 404 NOT_FOUND.
        const Reply missing = query(token, "properties/555/audienceExports/1", {});
        QCOMPARE(missing.status, 404);
        QCOMPARE(missing.json().value("error").toObject().value("status").toString(), "NOT_FOUND");
    }

    void ga4QueryPageCap()
    {
        SandboxOptions options = quickOptions();
        options.ga4.maxRowsPerQuery = 700; // "fewer rows may be returned"
        start(options);
        const QByteArray token = ga4Token();
        const QString name = createExport(token, "synthetic-2000", {"userId"});
        waitForState(token, name, "ACTIVE");
        const QJsonObject page = query(token, name, {{"offset", "0"}, {"limit", "2000"}}).json();
        QCOMPARE(page.value("audienceRows").toArray().size(), 700);
        QCOMPARE(page.value("rowCount").toInt(), 2000);
    }

    void ga4CreateValidation_data()
    {
        QTest::addColumn<QString>("property");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("googleStatus");
        QTest::newRow("no audience")
            << "1234567" << QByteArray(R"({"dimensions":[{"dimensionName":"deviceId"}]})") << 400
            << "INVALID_ARGUMENT";
        QTest::newRow("another property's audience")
            << "1234567"
            << QByteArray(
                   R"({"audience":"properties/7654321/audiences/76001","dimensions":[{"dimensionName":"deviceId"}]})")
            << 400 << "INVALID_ARGUMENT";
        QTest::newRow("unknown audience")
            << "1234567"
            << QByteArray(
                   R"({"audience":"properties/1234567/audiences/999","dimensions":[{"dimensionName":"deviceId"}]})")
            << 400 << "INVALID_ARGUMENT";
        QTest::newRow("no dimensions")
            << "1234567"
            << QByteArray(R"({"audience":"properties/1234567/audiences/12345","dimensions":[]})")
            << 400 << "INVALID_ARGUMENT";
        QTest::newRow("unknown dimension")
            << "1234567"
            << QByteArray(
                   R"({"audience":"properties/1234567/audiences/12345","dimensions":[{"dimensionName":"email"}]})")
            << 400 << "INVALID_ARGUMENT";
        QTest::newRow("dimension twice")
            << "1234567"
            << QByteArray(
                   R"({"audience":"properties/1234567/audiences/12345","dimensions":[{"dimensionName":"userId"},{"dimensionName":"userId"}]})")
            << 400 << "INVALID_ARGUMENT";
        QTest::newRow("unknown field")
            << "1234567"
            << QByteArray(
                   R"({"audience":"properties/1234567/audiences/12345","dimension":[{"dimensionName":"userId"}]})")
            << 400 << "INVALID_ARGUMENT";
        QTest::newRow("not JSON") << "1234567" << QByteArray("{audience") << 400
                                  << "INVALID_ARGUMENT";
        QTest::newRow("unknown property")
            << "42"
            << QByteArray(
                   R"({"audience":"properties/42/audiences/1","dimensions":[{"dimensionName":"deviceId"}]})")
            << 403 << "PERMISSION_DENIED";
    }

    void ga4CreateValidation()
    {
        QFETCH(QString, property);
        QFETCH(QByteArray, body);
        QFETCH(int, status);
        QFETCH(QString, googleStatus);
        start();
        const Reply reply = send("POST", dataPath("/audienceExports", property), body,
                                 {{"Authorization", "Bearer " + ga4Token()}});
        QCOMPARE(reply.status, status);
        const QJsonObject error = reply.json().value("error").toObject();
        QCOMPARE(error.value("status").toString(), googleStatus);
        QCOMPARE(error.value("code").toInt(), status);
        QVERIFY(!error.value("message").toString().isEmpty());
    }

    void ga4FailJobs()
    {
        start(quickOptions());
        const QByteArray token = ga4Token();
        FaultRule rule;
        rule.pathPrefix = "/ga4/analyticsdata/";
        rule.method = "POST";
        rule.failJobs = true;
        rule.times = 1;
        m_server->faults().addRule(rule);
        const QString failing = createExport(token, "12346", {"deviceId"});
        const QString fine = createExport(token, "12346", {"deviceId"});
        const QJsonObject failed = waitForState(token, failing, "FAILED");
        QCOMPARE(failed.value("state").toString(), "FAILED");
        QVERIFY(!failed.value("errorMessage").toString().isEmpty());
        QVERIFY(!failed.contains("rowCount"));
        const Reply refused = query(token, failing, {});
        QCOMPARE(refused.status, 400);
        QCOMPARE(refused.json().value("error").toObject().value("status").toString(),
                 "FAILED_PRECONDITION");
        QCOMPARE(waitForState(token, fine, "ACTIVE").value("rowCount").toInt(), 1260);
    }

    void ga4ExportsExpire()
    {
        SandboxOptions options = quickOptions();
        options.jobReadyAfter = std::chrono::milliseconds(50);
        options.ga4.exportTtl = std::chrono::milliseconds(900);
        start(options);
        const QByteArray token = ga4Token();
        const QString name = createExport(token, "synthetic-5", {"deviceId"});
        QCOMPARE(waitForState(token, name, "ACTIVE").value("state").toString(), "ACTIVE");
        wait(950);
        const Reply gone = get("/ga4/analyticsdata/v1beta/" + name, token);
        QCOMPARE(gone.status, 404);
        QCOMPARE(gone.json().value("error").toObject().value("status").toString(), "NOT_FOUND");
        QCOMPARE(query(token, name, {}).status, 404);
        QVERIFY(!get(dataPath("/audienceExports"), token).json().contains("audienceExports"));
    }

    void ga4ConcurrentRequestsQuota()
    {
        SandboxOptions options = quickOptions();
        options.ga4.maxConcurrentRequests = 1;
        start(options);
        const QByteArray token = ga4Token();
        const QString name = createExport(token, "synthetic-100000", {"deviceId", "userId"});
        waitForState(token, name, "ACTIVE");

        // A slow, big query stays in flight…
        FaultRule slow;
        slow.pathPrefix = "/ga4/analyticsdata/";
        slow.method = "POST";
        slow.slowBytesPerSecond = 20'000;
        slow.times = 1;
        m_server->faults().addRule(slow);
        QNetworkRequest request(m_server->url("/ga4/analyticsdata/v1beta/" + name + ":query"));
        request.setRawHeader("Authorization", "Bearer " + token);
        request.setHeader(QNetworkRequest::ContentTypeHeader, "application/json");
        QNetworkReply *big = m_nam.post(request, QByteArray(R"({"limit":"100000"})"));
        auto &exports = m_server->context().state<Ga4Exports>();
        QTRY_COMPARE(exports.inFlight("1234567"), 1);

        // …so the property's next request is over quota; another property is not.
        const Reply over = get(dataPath("/audienceExports"), token);
        QCOMPARE(over.status, 429);
        QCOMPARE(over.json().value("error").toObject().value("status").toString(),
                 "RESOURCE_EXHAUSTED");
        QCOMPARE(get(dataPath("/audienceExports", "7654321"), token).status, 200);

        // Once the client gives up, the slot is free again.
        big->abort();
        big->deleteLater();
        QTRY_COMPARE(exports.inFlight("1234567"), 0);
        QCOMPARE(get(dataPath("/audienceExports"), token).status, 200);
    }

    // ---- APSIS -----------------------------------------------------------------------------

    void apsisTokenEndpoint()
    {
        start(quickOptions());
        const Reply reply = post("/apsis/oauth/token", {{"grant_type", "client_credentials"},
                                                        {"client_id", "sandbox-apsis-client"},
                                                        {"client_secret", "sandbox-apsis-secret"}});
        QCOMPARE(reply.status, 200);
        const QJsonObject json = reply.json();
        QCOMPARE(json.value("expires_in").toInt(), 86400);
        QCOMPARE(json.value("token_type").toString(), "Bearer");
        const QList<QByteArray> parts = json.value("access_token").toString().toLatin1().split('.');
        QCOMPARE(parts.size(), 3);
        const QJsonObject payload = QJsonDocument::fromJson(*base64UrlDecode(parts.at(1))).object();
        const qint64 exp = payload.value("exp").toInteger();
        QVERIFY(qAbs(exp - (QDateTime::currentSecsSinceEpoch() + 86400)) < 10);

        const Reply bad = post("/apsis/oauth/token", {{"grant_type", "client_credentials"},
                                                      {"client_id", "sandbox-apsis-client"},
                                                      {"client_secret", "nope"}});
        QCOMPARE(bad.status, 401);
        QCOMPARE(bad.json().value("status").toInt(), 401);
        QVERIFY(!bad.json().value("title").toString().isEmpty());
        QCOMPARE(post("/apsis/oauth/token", {{"grant_type", "password"}}).status, 400);
    }

    void apsisNeedsAToken()
    {
        start(quickOptions());
        QCOMPARE(get("/apsis/audience/sections").status, 401);
        QCOMPARE(get("/apsis/audience/sections", "a.b.c").status, 401);
        QCOMPARE(get("/apsis/audience/sections", ga4Token()).status, 401);
        // A token with a tampered payload is refused even though its jti is real.
        const QList<QByteArray> parts = apsisToken().split('.');
        QJsonObject payload = QJsonDocument::fromJson(*base64UrlDecode(parts.at(1))).object();
        payload.insert("exp", payload.value("exp").toInteger() + 1000);
        const QByteArray forged =
            parts.at(0) + '.' +
            base64UrlEncode(QJsonDocument(payload).toJson(QJsonDocument::Compact)) + '.' +
            parts.at(2);
        QCOMPARE(get("/apsis/audience/sections", forged).status, 401);
        QCOMPARE(get("/apsis/audience/sections", apsisToken()).status, 200);
    }

    void apsisDefinitions()
    {
        start(quickOptions());
        const QByteArray token = apsisToken();
        const QJsonArray keyspaces =
            get("/apsis/audience/keyspaces", token).json().value("items").toArray();
        QVERIFY(keyspaces.size() >= 2);
        const QJsonArray sections =
            get("/apsis/audience/sections", token).json().value("items").toArray();
        QCOMPARE(sections.size(), 2);
        const QString section = sections.at(0).toObject().value("discriminator").toString();
        QVERIFY(section.startsWith("usercreated.sections."));

        const QJsonArray attributes =
            get("/apsis/audience/sections/" + section + "/attributes", token)
                .json()
                .value("items")
                .toArray();
        QStringList names;
        for (const QJsonValue &a : attributes) {
            names.append(a.toObject().value("name").toString());
            QVERIFY(
                a.toObject().value("versions").toArray().at(0).toObject().value("id").isDouble());
        }
        for (const char *expected :
             {"Email", "Phone", "First name", "Last name", "Country", "City", "Lifetime value"})
            QVERIFY2(names.contains(expected), expected);

        const QJsonArray segments = get("/apsis/audience/sections/" + section + "/segments", token)
                                        .json()
                                        .value("items")
                                        .toArray();
        bool newsletter = false, synthetic = false;
        for (const QJsonValue &s : segments) {
            const QString d = s.toObject().value("discriminator").toString();
            newsletter = newsletter || d.startsWith("usercreated.segments.newsletter-");
            synthetic = synthetic || d.startsWith("synthetic-");
            QVERIFY(s.toObject().value("profile_count").isDouble());
        }
        QVERIFY(newsletter && synthetic);
        QVERIFY(!get("/apsis/audience/sections/" + section + "/tags", token)
                     .json()
                     .value("items")
                     .toArray()
                     .isEmpty());
        QVERIFY(!get("/apsis/audience/sections/" + section + "/events", token)
                     .json()
                     .value("items")
                     .toArray()
                     .isEmpty());
        QCOMPARE(get("/apsis/audience/sections/nope/attributes", token).status, 404);
    }

    void apsisExportValidation_data()
    {
        QTest::addColumn<QJsonObject>("body");
        QTest::newRow("nothing requested") << QJsonObject{{"segment_filter", "synthetic-10"}};
        QJsonArray many;
        for (int i = 0; i < 76; ++i)
            many.append(9820534);
        QTest::newRow("76 attributes") << QJsonObject{{"attributes", many}};
        QJsonArray tags;
        for (int i = 0; i < 26; ++i)
            tags.append(9830001);
        QTest::newRow("26 tags") << QJsonObject{{"tags", tags}};
        QTest::newRow("events without start_at")
            << QJsonObject{{"attributes", QJsonArray{9820534}}, {"events", QJsonArray{9840001}}};
        QTest::newRow("window over 3 months") << QJsonObject{{"attributes", QJsonArray{9820534}},
                                                             {"events", QJsonArray{9840001}},
                                                             {"start_at", "2025-01-01T00:00:00Z"},
                                                             {"end_at", "2025-04-02T00:00:00Z"}};
        QTest::newRow("end before start") << QJsonObject{{"attributes", QJsonArray{9820534}},
                                                         {"start_at", "2025-01-10T00:00:00Z"},
                                                         {"end_at", "2025-01-01T00:00:00Z"}};
        QTest::newRow("bad time") << QJsonObject{{"attributes", QJsonArray{9820534}},
                                                 {"start_at", "yesterday"}};
        QTest::newRow("unknown attribute") << QJsonObject{{"attributes", QJsonArray{123}}};
        QTest::newRow("unknown segment") << QJsonObject{
            {"attributes", QJsonArray{9820534}}, {"segment_filter", "usercreated.segments.nope"}};
    }

    void apsisExportValidation()
    {
        QFETCH(QJsonObject, body);
        start(quickOptions());
        const Reply reply = post("/apsis/audience/profiles/exports", body, apsisToken());
        QCOMPARE(reply.status, 400);
        QVERIFY(reply.header("Content-Type").startsWith("application/problem+json"));
        const QJsonObject problem = reply.json();
        QCOMPARE(problem.value("status").toInt(), 400);
        QCOMPARE(problem.value("title").toString(), "Bad Request");
        QVERIFY(!problem.value("detail").toString().isEmpty());
    }

    void apsisExportDownload()
    {
        start(quickOptions());
        const QByteArray token = apsisToken();
        const Reply created = post("/apsis/audience/profiles/exports",
                                   {{"segment_filter", "synthetic-1234"},
                                    {"attributes", QJsonArray{9820534, "9820541", 9911203}},
                                    {"tags", QJsonArray{"usercreated.tags.vip-p2k8d5s1xq"}}},
                                   token);
        QCOMPARE(created.status, 202);
        const QString poll = pollPath(created);
        QVERIFY(poll.startsWith("/apsis/"));
        QVERIFY(
            QDateTime::fromString(created.json().value("expires_at").toString(), Qt::ISODateWithMs)
                .isValid());

        QCOMPARE(get(poll, token).status, 404); // not ready yet

        // Plain.
        const Reply plain = waitForExport(token, poll, {{"Accept-Encoding", "identity"}});
        QCOMPARE(plain.status, 200);
        QVERIFY(plain.header("Content-Encoding").isEmpty());
        QJsonParseError error;
        const QJsonObject file = QJsonDocument::fromJson(plain.body, &error).object();
        QCOMPARE(error.error, QJsonParseError::NoError);
        const QJsonObject profiles = file.value("profiles").toObject();
        QCOMPARE(profiles.size(), 1234); // every profile has an e-mail
        const SyntheticAudience audience(ApsisCatalogue::SyntheticSeed, 1234);
        const auto member = audience.member(7);
        const QJsonObject sections = profiles.value(QString::fromLatin1(member.deviceId))
                                         .toObject()
                                         .value("sections")
                                         .toObject();
        QCOMPARE(sections.value("4101")
                     .toObject()
                     .value("attributes")
                     .toObject()
                     .value("9820534")
                     .toObject()
                     .value("value")
                     .toString(),
                 QString::fromUtf8(member.email));
        QCOMPARE(sections.value("4102")
                     .toObject()
                     .value("attributes")
                     .toObject()
                     .value("9911203")
                     .toObject()
                     .value("value")
                     .toString(),
                 QString::fromUtf8(member.country));
        int tagged = 0;
        for (auto it = profiles.begin(); it != profiles.end(); ++it) {
            const QJsonObject attrs = it.value()
                                          .toObject()
                                          .value("sections")
                                          .toObject()
                                          .value("4101")
                                          .toObject()
                                          .value("attributes")
                                          .toObject();
            if (attrs.contains("9830001")) {
                QVERIFY(attrs.value("9830001").toObject().value("value").isNull());
                ++tagged;
            }
        }
        QVERIFY(tagged > 50 && tagged < 250); // about a tenth are VIPs
        QVERIFY(file.value("metadata").toObject().value("sections").toObject().contains("4101"));

        // Gzip, when asked for: the same file.
        const Reply gzipped = get(poll, token, {{"Accept-Encoding", "gzip"}});
        QCOMPARE(gzipped.status, 200);
        QCOMPARE(gzipped.header("Content-Encoding"), "gzip");
        QVERIFY(gzipped.body.startsWith("\x1f\x8b"));
        QCOMPARE(gunzip(gzipped.body), plain.body);

        // And again: a poll URL may be downloaded repeatedly.
        QCOMPARE(get(poll, token, {{"Accept-Encoding", "identity"}}).body, plain.body);
    }

    void apsisExportEvents()
    {
        start(quickOptions());
        const QByteArray token = apsisToken();
        const QDateTime start = QDateTime(QDate(2025, 1, 1), QTime(0, 0), Qt::UTC);
        const Reply created =
            post("/apsis/audience/profiles/exports",
                 {{"segment_filter", "usercreated.segments.vip-customers-r8t2w6y1zc"},
                  {"attributes", QJsonArray{9820534}},
                  {"events", QJsonArray{9840001}},
                  {"start_at", start.toString(Qt::ISODate)}},
                 token);
        QCOMPARE(created.status, 202);
        const Reply file = waitForExport(token, pollPath(created));
        QCOMPARE(file.status, 200);
        const QJsonObject profiles = file.json().value("profiles").toObject();
        QCOMPARE(profiles.size(), 1318);
        int events = 0;
        const qint64 from = start.toMSecsSinceEpoch();
        const qint64 to = start.addDays(7).toMSecsSinceEpoch(); // end_at defaults to a week
        for (auto it = profiles.begin(); it != profiles.end(); ++it) {
            const QJsonArray list = it.value()
                                        .toObject()
                                        .value("sections")
                                        .toObject()
                                        .value("4101")
                                        .toObject()
                                        .value("events")
                                        .toArray();
            for (const QJsonValue &e : list) {
                const QJsonObject event = e.toObject();
                QCOMPARE(event.value("typeId").toInteger(), 9840001);
                const qint64 time = event.value("sourceEventTime").toInteger();
                QVERIFY(time == 0 || (time >= from && time < to));
                QVERIFY(event.value("createdAt").toInteger() >= from);
                QVERIFY(!event.value("correlationId").toString().isEmpty());
                QVERIFY(event.value("data").toObject().contains("order_id"));
                ++events;
            }
        }
        QVERIFY(events > 1000);
    }

    void apsisExportGone()
    {
        SandboxOptions options = quickOptions();
        options.jobReadyAfter = std::chrono::milliseconds(50);
        options.jobTtl = std::chrono::milliseconds(900);
        start(options);
        const QByteArray token = apsisToken();
        const Reply created =
            post("/apsis/audience/profiles/exports",
                 {{"segment_filter", "synthetic-3"}, {"attributes", QJsonArray{9820534}}}, token);
        const QString poll = pollPath(created);
        QCOMPARE(waitForExport(token, poll).status, 200);
        wait(950);
        QCOMPARE(get(poll, token).status, 410);
        const Reply unknown = get("/apsis/audience/profiles/exports/not-an-export", token);
        QCOMPARE(unknown.status, 410);
        QCOMPARE(unknown.json().value("status").toInt(), 410);
    }

    void apsisExportFails()
    {
        start(quickOptions());
        const QByteArray token = apsisToken();
        FaultRule rule;
        rule.pathPrefix = "/apsis/audience/profiles/exports";
        rule.method = "POST";
        rule.failJobs = true;
        rule.times = 1;
        m_server->faults().addRule(rule);
        const Reply created =
            post("/apsis/audience/profiles/exports",
                 {{"segment_filter", "synthetic-10"}, {"attributes", QJsonArray{9820534}}}, token);
        QCOMPARE(created.status, 202);
        QCOMPARE(get(pollPath(created), token).status, 404);
        const Reply failed = waitForExport(token, pollPath(created));
        QCOMPARE(failed.status, 503);
        QCOMPARE(failed.json().value("status").toInt(), 503);
        // A new request works.
        const Reply again =
            post("/apsis/audience/profiles/exports",
                 {{"segment_filter", "synthetic-10"}, {"attributes", QJsonArray{9820534}}}, token);
        QCOMPARE(waitForExport(token, pollPath(again)).status, 200);
    }

    void apsisRateLimits()
    {
        SandboxOptions options; // APSIS's own limits
        options.jobReadyAfter = std::chrono::seconds(30);
        options.apsis.downloadsPerMinute = 3;
        options.apsis.maxPendingExports = 2;
        start(options);

        // Token endpoint: 10 a minute.
        QByteArray token;
        for (int i = 0; i < 10; ++i) {
            const Reply reply =
                post("/apsis/oauth/token", {{"grant_type", "client_credentials"},
                                            {"client_id", "sandbox-apsis-client"},
                                            {"client_secret", "sandbox-apsis-secret"}});
            QCOMPARE(reply.status, 200);
            token = reply.json().value("access_token").toString().toLatin1();
        }
        const Reply limited = post("/apsis/oauth/token", {{"grant_type", "client_credentials"}});
        QCOMPARE(limited.status, 429);
        QVERIFY(limited.header("Retry-After").toInt() >= 1);

        // Export requests: one a second.
        const QJsonObject body{{"segment_filter", "synthetic-10"},
                               {"attributes", QJsonArray{9820534}}};
        const Reply first = post("/apsis/audience/profiles/exports", body, token);
        QCOMPARE(first.status, 202);
        const Reply second = post("/apsis/audience/profiles/exports", body, token);
        QCOMPARE(second.status, 429);
        QCOMPARE(second.json().value("status").toInt(), 429);

        // Pending exports: at most two.
        wait(1050);
        QCOMPARE(post("/apsis/audience/profiles/exports", body, token).status, 202);
        wait(1050);
        const Reply pendingFull = post("/apsis/audience/profiles/exports", body, token);
        QCOMPARE(pendingFull.status, 429);
        QVERIFY(pendingFull.json().value("detail").toString().contains("pending"));

        // Downloads: three a minute here.
        const QString poll = pollPath(first);
        for (int i = 0; i < 3; ++i)
            QCOMPARE(get(poll, token).status, 404);
        QCOMPARE(get(poll, token).status, 429);
    }
};

QTEST_GUILESS_MAIN(TestSandboxGa4Apsis)
#include "tst_sandboxga4apsis.moc"
