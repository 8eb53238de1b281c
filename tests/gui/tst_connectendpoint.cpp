// "Connect Google Analytics 4", "Connect APSIS One", "Connect The Fount", "Connect Adobe
// Experience Platform" and "Connect an Audience Exchange", offscreen, against the in-process
// sandbox over loopback HTTP and the real keychain (run inside a throwaway gnome-keyring, e.g.
// /work/notes/keyring-run.sh or scripts/test.sh): the dialogs are driven as a marketer drives
// them, and the outcome is checked where it lands — the endpoint in the cache (without
// secrets), the credentials in the keychain, the audiences in the cache and on screen.
#include "AepConnectPage.h"
#include "ApsisConnectPage.h"
#include "CacheTableModels.h"
#include "common/Profile.h"
#include "ConnectEndpointDialog.h"
#include "connectors/ConnectorRegistry.h"
#include "connectors/exchange/inbox/InboxKeys.h"
#include "engine/Engine.h"
#include "ExchangeConnectPage.h"
#include "FountConnectPage.h"
#include "Ga4ConnectPage.h"
#include "MainWindow.h"
#include "sandbox/protocols/ga4/Ga4ServiceAccount.h"
#include "sandbox/SandboxServer.h"
#include "secrets/SecretStore.h"
#include "store/AudienceRepository.h"
#include "store/Database.h"
#include "store/EndpointRepository.h"

#include <QAction>
#include <QComboBox>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QPointer>
#include <QPushButton>
#include <QRadioButton>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QToolButton>
#include <QtTest>
#include <QUrlQuery>

using namespace courier;
using namespace courier::ui;

namespace {

constexpr int ConnectTimeoutMs = 15000;

const QStringList Ga4Secrets = {"serviceAccountKey", "refreshToken", "oauthClientSecret",
                                "accessToken"};

// A fresh profile with its cache, a keychain store of the test's own, an engine (as main()
// sets them up) and the sandbox.
struct Fixture
{
    QTemporaryDir dir;
    Profile profile{dir.path()};
    std::unique_ptr<Database> database;
    std::unique_ptr<SecretStore> secrets;
    std::unique_ptr<Engine> engine;
    sandbox::SandboxServer server;

    Fixture()
    {
        QString error;
        if (!profile.ensureExists(&error))
            qFatal("profile: %s", qPrintable(error));
        database = Database::open(profile.databasePath(), &error);
        if (!database)
            qFatal("database: %s", qPrintable(error));
        secrets =
            std::make_unique<SecretStore>(QStringLiteral("audience-courier-tst-connectendpoint"));
        engine = std::make_unique<Engine>(*database, profile.runsDirectory(), secrets.get(),
                                          ConnectorRegistry::builtin());
        if (!server.listen(0, &error))
            qFatal("sandbox: %s", qPrintable(error));
    }

    ~Fixture()
    {
        // Leave nothing behind in the keychain, even a developer's real one.
        for (const Endpoint &endpoint : EndpointRepository(*database).list()) {
            QEventLoop loop;
            secrets->removeAllFor(endpoint.id,
                                  Ga4Secrets + QStringList{"clientSecret", "token", "key"},
                                  [&loop](bool, const QString &) { loop.quit(); });
            QTimer::singleShot(5000, &loop, &QEventLoop::quit);
            loop.exec();
        }
        engine.reset();
    }

    QList<Endpoint> endpoints() const { return EndpointRepository(*database).list(); }

    // A stored secret; an empty value when none is stored (a keychain failure fails the test).
    QByteArray secret(qint64 endpointId, const QString &name) const
    {
        QString error;
        const auto value = secrets->readBlocking(endpointId, name, &error);
        if (!error.isEmpty())
            qWarning("keychain: %s", qPrintable(error));
        return value.value_or(QByteArray());
    }

    // Every byte of the cache on disk (the database and its write-ahead log), to prove that no
    // secret went there.
    QByteArray cacheBytes() const
    {
        QByteArray bytes;
        for (const char *suffix : {"", "-wal", "-journal"}) {
            QFile file(profile.databasePath() + suffix);
            if (file.open(QIODevice::ReadOnly))
                bytes += file.readAll();
        }
        return bytes;
    }

    QStringList audienceNames(qint64 endpointId) const
    {
        QStringList names;
        for (const AudienceInfo &audience :
             AudienceRepository(*database).listByEndpoint(endpointId))
            names << audience.name;
        names.sort();
        return names;
    }

    QString writeFile(const QString &name, const QByteArray &content) const
    {
        const QString path = dir.filePath(name);
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly) || file.write(content) != content.size())
            qFatal("cannot write %s", qPrintable(path));
        return path;
    }
};

struct Outcome
{
    qint64 endpointId = 0;
    bool ok = false;
    int count = 0;
    QString error;
};

// Clicks Connect and waits for the attempt's outcome.
Outcome clickConnect(ConnectEndpointDialog *dialog)
{
    QSignalSpy finished(dialog, &ConnectEndpointDialog::connectFinished);
    QTest::mouseClick(dialog->connectButton(), Qt::LeftButton);
    // While it works, the form and the buttons wait (the endpoint is being saved first).
    if (!finished.isEmpty() || dialog->page()->isEnabled() ||
        dialog->connectButton()->isEnabled() || dialog->closeButton()->isEnabled() ||
        dialog->statusLabel()->text().isEmpty())
        return {0, false, 0, "(the dialog did not show that it is connecting)"};
    if (!finished.wait(ConnectTimeoutMs))
        return {0, false, 0, "(no connectFinished)"};
    const QList<QVariant> args = finished.constFirst();
    return {args.at(0).toLongLong(), args.at(1).toBool(), args.at(2).toInt(),
            args.at(3).toString()};
}

// Google's addresses pointed at the sandbox, as a user would under Advanced.
void pointAtSandbox(Ga4ConnectPage *page, const sandbox::SandboxServer &server)
{
    page->advancedButton()->click();
    page->adminUrlEdit()->setText(server.url("/ga4/analyticsadmin").toString());
    page->dataUrlEdit()->setText(server.url("/ga4/analyticsdata").toString());
    page->tokenUrlEdit()->setText(server.url("/ga4/token").toString());
    page->authorizationUrlEdit()->setText(server.url("/ga4/oauth/authorize").toString());
}

// An access token from the sandbox's token endpoint (the refresh-token grant), as a user would
// get one from Google's OAuth playground.
QByteArray fetchAccessToken(const sandbox::SandboxServer &server)
{
    const sandbox::Ga4Options &google = server.options().ga4;
    QUrlQuery form;
    form.addQueryItem("grant_type", "refresh_token");
    form.addQueryItem("client_id", google.oauthClientId);
    form.addQueryItem("client_secret", google.oauthClientSecret);
    form.addQueryItem("refresh_token", google.refreshToken);
    QNetworkAccessManager network;
    QNetworkRequest request(server.url("/ga4/token"));
    request.setHeader(QNetworkRequest::ContentTypeHeader, "application/x-www-form-urlencoded");
    std::unique_ptr<QNetworkReply> reply(
        network.post(request, form.toString(QUrl::FullyEncoded).toUtf8()));
    QSignalSpy done(reply.get(), &QNetworkReply::finished);
    if (!done.wait(5000))
        return {};
    return QJsonDocument::fromJson(reply->readAll())
        .object()
        .value("access_token")
        .toString()
        .toUtf8();
}

const QStringList Ga4Audiences = {"All Users", "Cart abandoners (7 days)", "Engaged app users",
                                  "Purchasers"};

} // namespace

class TestConnectEndpoint : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();

    void ga4WithServiceAccountKey();
    void ga4WithBrowserSignIn();
    void ga4SignInCanBeCancelled();
    void ga4WithPastedAccessToken();
    void ga4RejectsBadInputInline_data();
    void ga4RejectsBadInputInline();
    void apsisWithClientCredentials();
    void apsisWrongSecretIsSavedThenCorrected();
    void connectNeedsEngineAndKeychain();
    void fountWithAccessToken();
    void aepWithServerToServerCredential();
    void exchangePullProducer();
    void exchangePushProducer();

private:
    QTemporaryDir m_settingsDir;
};

void TestConnectEndpoint::initTestCase()
{
    // Never read or write the developer's own settings, and format numbers predictably.
    QCoreApplication::setOrganizationName(QStringLiteral("AudienceCourierTest"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_connectendpoint"));
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_settingsDir.path());
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_settingsDir.path());
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
}

void TestConnectEndpoint::ga4WithServiceAccountKey()
{
    Fixture fixture;
    MainWindow window(*fixture.database, fixture.profile, fixture.engine.get(),
                      fixture.secrets.get());
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(window.connectGa4Action()->isEnabled());

    ConnectEndpointDialog *dialog = window.openConnectEndpointDialog("ga4");
    QVERIFY(dialog);
    QVERIFY(dialog->isVisible());
    auto *page = dialog->pageAs<Ga4ConnectPage>();
    QVERIFY(page);
    QVERIFY(page->serviceAccountButton()->isChecked());
    QVERIFY(!dialog->connectButton()->isEnabled());
    QVERIFY(dialog->problemLabel()->text().contains("property id"));

    // The resource name is taken too, and names the endpoint until the user does.
    page->propertyEdit()->setText("properties/1234567");
    QCOMPARE(page->nameEdit()->text(), "GA4 property 1234567");
    QVERIFY(dialog->problemLabel()->text().contains("key file"));
    const QByteArray key =
        sandbox::Ga4ServiceAccount::keyFileJson(fixture.server.url("/ga4/token"));
    const QString keyPath = fixture.writeFile("courier-sandbox-key.json", key);
    page->keyFileEdit()->setText(keyPath); // a typed path is read at once
    QVERIFY2(page->keyInfoLabel()->text().contains(sandbox::Ga4ServiceAccount::clientEmail()),
             qPrintable(page->keyInfoLabel()->text()));
    pointAtSandbox(page, fixture.server);
    QVERIFY2(dialog->connectButton()->isEnabled(), qPrintable(dialog->problemLabel()->text()));

    const Outcome outcome = clickConnect(dialog);
    QVERIFY2(outcome.ok, qPrintable(outcome.error));
    QCOMPARE(outcome.count, 4);
    QVERIFY(dialog->isConnected());
    QVERIFY(!dialog->connectButton()->isVisible());
    QCOMPARE(dialog->closeButton()->text(), "Close");
    QVERIFY(!page->isVisible()); // the outcome replaces the form
    QVERIFY2(
        dialog->statusLabel()->text().startsWith("“GA4 property 1234567” is connected. 4 audience"),
        qPrintable(dialog->statusLabel()->text()));
    QTRY_COMPARE(dialog->audienceList()->count(), 4);

    // The endpoint, without its key.
    const QList<Endpoint> endpoints = fixture.endpoints();
    QCOMPARE(endpoints.size(), 1);
    const Endpoint endpoint = endpoints.constFirst();
    QCOMPARE(endpoint.id, outcome.endpointId);
    QCOMPARE(endpoint.id, dialog->endpointId());
    QCOMPARE(endpoint.name, "GA4 property 1234567");
    QCOMPARE(endpoint.kind, "ga4");
    QCOMPARE(endpoint.role, Endpoint::Role::Source);
    QCOMPARE(endpoint.transfer, Endpoint::Transfer::Pull);
    QVERIFY(endpoint.secretStored);
    QCOMPARE(endpoint.settings.value("propertyId").toString(), "1234567");
    QCOMPARE(endpoint.settings.value("authMethod").toString(), "serviceAccount");
    QCOMPARE(endpoint.settings.value("adminUrl").toString(),
             fixture.server.url("/ga4/analyticsadmin").toString());
    QCOMPARE(endpoint.contactUrl, fixture.server.url("/ga4/analyticsdata"));
    const QByteArray settings = QJsonDocument(endpoint.settings).toJson();
    QVERIFY(!settings.contains("PRIVATE KEY"));
    QVERIFY(!settings.contains("private_key"));
    const QByteArray cache = fixture.cacheBytes();
    QVERIFY(cache.contains("/ga4/analyticsadmin")); // the scan does see the settings…
    QVERIFY(!cache.contains("PRIVATE KEY"));        // …and no key

    // The key, in the keychain alone.
    QCOMPARE(fixture.secret(endpoint.id, "serviceAccountKey"), key);
    QVERIFY(fixture.secret(endpoint.id, "refreshToken").isEmpty());

    // The audiences, in the cache and on the window's pages.
    QCOMPARE(fixture.audienceNames(endpoint.id), Ga4Audiences);
    QTRY_COMPARE(window.endpointModel()->rowCount(), 1);
    QTRY_COMPARE(window.audienceModel()->rowCount(), 4);

    const QPointer<ConnectEndpointDialog> guard(dialog);
    QTest::mouseClick(dialog->closeButton(), Qt::LeftButton);
    QTRY_VERIFY(!guard); // closed and gone
}

void TestConnectEndpoint::ga4WithBrowserSignIn()
{
    Fixture fixture;
    const sandbox::Ga4Options &google = fixture.server.options().ga4;
    MainWindow window(*fixture.database, fixture.profile, fixture.engine.get(),
                      fixture.secrets.get());
    ConnectEndpointDialog *dialog = window.openConnectEndpointDialog("ga4");
    QVERIFY(dialog);
    auto *page = dialog->pageAs<Ga4ConnectPage>();
    QVERIFY(page);

    page->nameEdit()->setText("Web analytics");
    page->propertyEdit()->setText("1234567");
    QCOMPARE(page->nameEdit()->text(), "Web analytics"); // the user's own name stays
    page->browserSignInButton()->click();
    QVERIFY(page->browserSignInButton()->isChecked());
    QVERIFY(!page->signInButton()->isEnabled()); // no OAuth client yet
    QVERIFY(dialog->problemLabel()->text().contains("client id"));
    page->clientIdEdit()->setText(google.oauthClientId);
    page->clientSecretEdit()->setText(google.oauthClientSecret);
    pointAtSandbox(page, fixture.server);
    QVERIFY(page->signInButton()->isEnabled());
    QVERIFY(!dialog->connectButton()->isEnabled());
    QVERIFY2(dialog->problemLabel()->text().contains("Sign in with Google"),
             qPrintable(dialog->problemLabel()->text()));

    // The test is the browser: it opens the consent page and follows Google's redirect to the
    // app's loopback listener.
    QUrl consentPage;
    page->setUrlOpener([&consentPage](const QUrl &url) {
        consentPage = url;
        return true;
    });
    QSignalSpy signedIn(page, &Ga4ConnectPage::signInFinished);
    QTest::mouseClick(page->signInButton(), Qt::LeftButton);
    QTRY_VERIFY(!consentPage.isEmpty());
    QCOMPARE(consentPage.path(), "/ga4/oauth/authorize");
    QVERIFY(page->isSigningIn());
    QVERIFY(page->cancelSignInButton()->isVisible());
    QVERIFY(dialog->problemLabel()->text().contains("browser"));
    QNetworkAccessManager browser;
    QNetworkRequest request(consentPage);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         QNetworkRequest::NoLessSafeRedirectPolicy);
    std::unique_ptr<QNetworkReply> reply(browser.get(request));
    QVERIFY(signedIn.wait(ConnectTimeoutMs));
    QVERIFY2(signedIn.constFirst().at(0).toBool(),
             qPrintable(signedIn.constFirst().at(1).toString()));
    QVERIFY(page->isSignedIn());
    QVERIFY(!page->cancelSignInButton()->isVisible());
    QTRY_VERIFY(reply->isFinished());
    QCOMPARE(reply->error(), QNetworkReply::NoError); // the browser got the "go back" page
    QVERIFY2(dialog->connectButton()->isEnabled(), qPrintable(dialog->problemLabel()->text()));

    const Outcome outcome = clickConnect(dialog);
    QVERIFY2(outcome.ok, qPrintable(outcome.error));
    QCOMPARE(outcome.count, 4);
    QTRY_COMPARE(dialog->audienceList()->count(), 4);

    const QList<Endpoint> endpoints = fixture.endpoints();
    QCOMPARE(endpoints.size(), 1);
    const Endpoint endpoint = endpoints.constFirst();
    QCOMPARE(endpoint.name, "Web analytics");
    QCOMPARE(endpoint.settings.value("authMethod").toString(), "oauth");
    QCOMPARE(endpoint.settings.value("oauthClientId").toString(), google.oauthClientId);
    QCOMPARE(endpoint.settings.value("tokenUrl").toString(),
             fixture.server.url("/ga4/token").toString());
    // A refresh token the sign-in obtained (not the sandbox's ready-made one), in the keychain.
    const QByteArray refreshToken = fixture.secret(endpoint.id, "refreshToken");
    QVERIFY(refreshToken.startsWith("1//"));
    QVERIFY(refreshToken != google.refreshToken);
    QCOMPARE(fixture.secret(endpoint.id, "oauthClientSecret"), google.oauthClientSecret);
    QVERIFY(fixture.secret(endpoint.id, "serviceAccountKey").isEmpty());
    const QByteArray cache = fixture.cacheBytes();
    QVERIFY(cache.contains(google.oauthClientId));
    QVERIFY(!cache.contains(refreshToken));
    QVERIFY(!cache.contains(google.oauthClientSecret));
    QCOMPARE(fixture.audienceNames(endpoint.id), Ga4Audiences);
}

void TestConnectEndpoint::ga4SignInCanBeCancelled()
{
    Fixture fixture;
    MainWindow window(*fixture.database, fixture.profile, fixture.engine.get(),
                      fixture.secrets.get());
    ConnectEndpointDialog *dialog = window.openConnectEndpointDialog("ga4");
    auto *page = dialog->pageAs<Ga4ConnectPage>();
    page->propertyEdit()->setText("1234567");
    page->browserSignInButton()->click();
    page->clientIdEdit()->setText(fixture.server.options().ga4.oauthClientId);
    page->clientSecretEdit()->setText(fixture.server.options().ga4.oauthClientSecret);
    pointAtSandbox(page, fixture.server);
    bool opened = false;
    page->setUrlOpener([&opened](const QUrl &) { return opened = true; });
    QSignalSpy finished(page, &Ga4ConnectPage::signInFinished);
    page->signInButton()->click();
    QTRY_VERIFY(opened);
    QVERIFY(page->cancelSignInButton()->isVisible());

    // The user gives up in the browser and cancels here.
    QTest::mouseClick(page->cancelSignInButton(), Qt::LeftButton);
    QVERIFY(finished.wait(5000));
    QVERIFY(!finished.constFirst().at(0).toBool());
    QVERIFY(!page->isSigningIn());
    QVERIFY(!page->isSignedIn());
    QVERIFY(!page->signInStatusLabel()->text().isEmpty());
    QVERIFY(page->signInButton()->isEnabled()); // may try again
    QVERIFY(!dialog->connectButton()->isEnabled());
    QVERIFY(fixture.endpoints().isEmpty());
}

void TestConnectEndpoint::ga4WithPastedAccessToken()
{
    Fixture fixture;
    const QByteArray token = fetchAccessToken(fixture.server);
    QVERIFY(!token.isEmpty());
    MainWindow window(*fixture.database, fixture.profile, fixture.engine.get(),
                      fixture.secrets.get());
    ConnectEndpointDialog *dialog = window.openConnectEndpointDialog("ga4");
    auto *page = dialog->pageAs<Ga4ConnectPage>();
    page->propertyEdit()->setText("1234567");
    page->accessTokenButton()->click();
    pointAtSandbox(page, fixture.server);
    QVERIFY(dialog->problemLabel()->text().contains("access token"));
    page->accessTokenEdit()->setText("ya29.two words");
    QVERIFY(!dialog->connectButton()->isEnabled());
    page->accessTokenEdit()->setText(" " + QString(token) + " "); // as pasted
    QVERIFY2(dialog->connectButton()->isEnabled(), qPrintable(dialog->problemLabel()->text()));

    const Outcome outcome = clickConnect(dialog);
    QVERIFY2(outcome.ok, qPrintable(outcome.error));
    QCOMPARE(outcome.count, 4);
    const Endpoint endpoint = fixture.endpoints().constFirst();
    QCOMPARE(endpoint.settings.value("authMethod").toString(), "accessToken");
    QCOMPARE(fixture.secret(endpoint.id, "accessToken"), token);
    QVERIFY(!fixture.cacheBytes().contains(token));
    QCOMPARE(fixture.audienceNames(endpoint.id), Ga4Audiences);
}

void TestConnectEndpoint::ga4RejectsBadInputInline_data()
{
    QTest::addColumn<QByteArray>("keyFile");
    QTest::addColumn<QString>("reason");

    QJsonObject untyped = sandbox::Ga4ServiceAccount::keyFile();
    untyped.remove("type");
    QJsonObject keyless = sandbox::Ga4ServiceAccount::keyFile();
    keyless.remove("private_key");
    QTest::newRow("not JSON") << QByteArray("-----BEGIN PRIVATE KEY-----\nnot a key file")
                              << "not a JSON key file";
    QTest::newRow("user credentials")
        << QByteArray(R"({"type":"authorized_user","client_id":"x","refresh_token":"y"})")
        << "“authorized_user”";
    QTest::newRow("no type") << QJsonDocument(untyped).toJson() << "“type” is missing";
    QTest::newRow("no private key") << QJsonDocument(keyless).toJson() << "private_key";
}

void TestConnectEndpoint::ga4RejectsBadInputInline()
{
    QFETCH(QByteArray, keyFile);
    QFETCH(QString, reason);

    Fixture fixture;
    MainWindow window(*fixture.database, fixture.profile, fixture.engine.get(),
                      fixture.secrets.get());
    ConnectEndpointDialog *dialog = window.openConnectEndpointDialog("ga4");
    QVERIFY(dialog);
    auto *page = dialog->pageAs<Ga4ConnectPage>();

    // A measurement id is not a property id, and says so.
    page->propertyEdit()->setText("G-ABC123XYZ");
    QVERIFY2(dialog->problemLabel()->text().contains("measurement id"),
             qPrintable(dialog->problemLabel()->text()));
    QCOMPARE(page->nameEdit()->text(), "Google Analytics 4");
    page->propertyEdit()->setText("1234567");

    page->loadKeyFile(fixture.writeFile("key.json", keyFile));
    QVERIFY2(page->keyInfoLabel()->text().contains(reason),
             qPrintable(page->keyInfoLabel()->text()));
    QVERIFY(!dialog->connectButton()->isEnabled());
    QVERIFY2(dialog->problemLabel()->text().contains("cannot be used"),
             qPrintable(dialog->problemLabel()->text()));
    dialog->accept(); // Enter in a field: nothing happens
    QTest::qWait(50);
    QVERIFY(fixture.endpoints().isEmpty());

    // A good key file after the bad one makes the form ready.
    page->loadKeyFile(fixture.writeFile(
        "good.json", sandbox::Ga4ServiceAccount::keyFileJson(fixture.server.url("/ga4/token"))));
    QVERIFY(page->keyInfoLabel()->text().contains(sandbox::Ga4ServiceAccount::clientEmail()));
    QVERIFY2(dialog->connectButton()->isEnabled(), qPrintable(dialog->problemLabel()->text()));
}

void TestConnectEndpoint::apsisWithClientCredentials()
{
    Fixture fixture;
    const sandbox::ApsisOptions &apsis = fixture.server.options().apsis;
    MainWindow window(*fixture.database, fixture.profile, fixture.engine.get(),
                      fixture.secrets.get());
    QVERIFY(window.connectApsisAction()->isEnabled());
    ConnectEndpointDialog *dialog = window.openConnectEndpointDialog("apsis");
    QVERIFY(dialog);
    auto *page = dialog->pageAs<ApsisConnectPage>();
    QVERIFY(page);
    QCOMPARE(page->regionBox()->currentData().toString(), "https://api.apsis.one");
    QVERIFY(dialog->problemLabel()->text().contains("client id"));

    page->advancedButton()->click();
    QVERIFY(page->apiUrlEdit()->isVisible());
    page->apiUrlEdit()->setText("not an address");
    page->clientIdEdit()->setText(apsis.clientId);
    page->clientSecretEdit()->setText(apsis.clientSecret);
    QVERIFY(!dialog->connectButton()->isEnabled());
    QVERIFY(dialog->problemLabel()->text().contains("API address"));
    page->apiUrlEdit()->setText(fixture.server.url("/apsis").toString());
    QVERIFY(!page->regionBox()->isEnabled()); // the address replaces the region
    QVERIFY2(dialog->connectButton()->isEnabled(), qPrintable(dialog->problemLabel()->text()));

    const Outcome outcome = clickConnect(dialog);
    QVERIFY2(outcome.ok, qPrintable(outcome.error));
    QVERIFY(outcome.count > 0);

    const QList<Endpoint> endpoints = fixture.endpoints();
    QCOMPARE(endpoints.size(), 1);
    const Endpoint endpoint = endpoints.constFirst();
    QCOMPARE(endpoint.name, "APSIS One");
    QCOMPARE(endpoint.kind, "apsis");
    QCOMPARE(endpoint.role, Endpoint::Role::Source);
    QCOMPARE(endpoint.contactUrl, fixture.server.url("/apsis"));
    QCOMPARE(endpoint.settings, QJsonObject({{"clientId", QString(apsis.clientId)}}));
    QVERIFY(endpoint.secretStored);
    QCOMPARE(fixture.secret(endpoint.id, "clientSecret"), apsis.clientSecret);
    const QByteArray cache = fixture.cacheBytes();
    QVERIFY(cache.contains(apsis.clientId));
    QVERIFY(!cache.contains(apsis.clientSecret));

    const QStringList segments = fixture.audienceNames(endpoint.id);
    QCOMPARE(segments.size(), outcome.count);
    QVERIFY2(segments.contains("VIP customers"), qPrintable(segments.join(", ")));
    QTRY_COMPARE(dialog->audienceList()->count(), outcome.count);
    QTRY_COMPARE(window.audienceModel()->rowCount(), outcome.count);
}

// Design choice under test: the endpoint is saved before its sign-in is tried, so a refused
// secret leaves it registered with the connector's explanation; correcting the form and
// connecting again updates that endpoint instead of adding a second one.
void TestConnectEndpoint::apsisWrongSecretIsSavedThenCorrected()
{
    Fixture fixture;
    const sandbox::ApsisOptions &apsis = fixture.server.options().apsis;
    MainWindow window(*fixture.database, fixture.profile, fixture.engine.get(),
                      fixture.secrets.get());
    ConnectEndpointDialog *dialog = window.openConnectEndpointDialog("apsis");
    auto *page = dialog->pageAs<ApsisConnectPage>();
    page->nameEdit()->setText("APSIS (EU account)");
    page->advancedButton()->click();
    page->apiUrlEdit()->setText(fixture.server.url("/apsis").toString());
    page->clientIdEdit()->setText(apsis.clientId);
    page->clientSecretEdit()->setText("not-the-secret");

    const Outcome refused = clickConnect(dialog);
    QVERIFY(!refused.ok);
    QVERIFY(refused.endpointId > 0);
    QVERIFY2(refused.error.contains("check the client id and secret"), qPrintable(refused.error));
    const QString status = dialog->statusLabel()->text();
    QVERIFY2(status.startsWith("“APSIS (EU account)” is saved, but its audiences could not be "
                               "loaded."),
             qPrintable(status));
    QVERIFY(status.contains(refused.error));
    QVERIFY(!status.contains("not-the-secret"));
    QVERIFY(page->isEnabled()); // to correct it
    QVERIFY(dialog->connectButton()->isEnabled());
    QCOMPARE(dialog->connectButton()->text(), "Connect &Again");
    QCOMPARE(dialog->closeButton()->text(), "Close"); // leaving keeps the endpoint
    QList<Endpoint> endpoints = fixture.endpoints();
    QCOMPARE(endpoints.size(), 1);
    QCOMPARE(endpoints.constFirst().id, refused.endpointId);
    QVERIFY(endpoints.constFirst().secretStored);
    QVERIFY(fixture.audienceNames(refused.endpointId).isEmpty());

    page->clientSecretEdit()->setText(apsis.clientSecret);
    const Outcome connected = clickConnect(dialog);
    QVERIFY2(connected.ok, qPrintable(connected.error));
    QCOMPARE(connected.endpointId, refused.endpointId);
    endpoints = fixture.endpoints();
    QCOMPARE(endpoints.size(), 1); // updated, not added again
    QCOMPARE(endpoints.constFirst().name, "APSIS (EU account)");
    QCOMPARE(fixture.secret(refused.endpointId, "clientSecret"), apsis.clientSecret);
    QCOMPARE(fixture.audienceNames(refused.endpointId).size(), connected.count);
    QVERIFY(!dialog->statusLabel()->text().contains("could not"));
}

void TestConnectEndpoint::connectNeedsEngineAndKeychain()
{
    Fixture fixture;
    {
        // Another process holds the profile: browse only.
        MainWindow window(*fixture.database, fixture.profile);
        QVERIFY(!window.connectGa4Action()->isEnabled());
        QVERIFY(!window.connectApsisAction()->isEnabled());
        QVERIFY(window.connectGa4Action()->toolTip().contains("Another Audience Courier window"));
        QVERIFY(!window.openConnectEndpointDialog("ga4"));
    }
    {
        MainWindow window(*fixture.database, fixture.profile, fixture.engine.get());
        QVERIFY(!window.connectApsisAction()->isEnabled());
        QVERIFY(window.connectApsisAction()->toolTip().contains("keychain"));
        QVERIFY(!window.openConnectEndpointDialog("apsis"));
    }
    MainWindow window(*fixture.database, fixture.profile, fixture.engine.get(),
                      fixture.secrets.get());
    QVERIFY(!window.openConnectEndpointDialog("meta")); // no such dialog
}

void TestConnectEndpoint::fountWithAccessToken()
{
    Fixture fixture;
    const QByteArray token = fixture.server.options().fount.token;
    MainWindow window(*fixture.database, fixture.profile, fixture.engine.get(),
                      fixture.secrets.get());
    QVERIFY(window.connectFountAction()->isEnabled());
    ConnectEndpointDialog *dialog = window.openConnectEndpointDialog("fount");
    QVERIFY(dialog);
    auto *page = dialog->pageAs<FountConnectPage>();
    QVERIFY(page);
    QCOMPARE(dialog->windowTitle(), "Connect The Fount");
    QVERIFY(dialog->problemLabel()->text().contains("access token"));
    page->tokenEdit()->setText("1|two words");
    QVERIFY(!dialog->connectButton()->isEnabled());
    QVERIFY(dialog->problemLabel()->text().contains("space"));
    page->tokenEdit()->setText(" " + QString(token) + " "); // as pasted
    page->advancedButton()->click();
    page->apiUrlEdit()->setText(fixture.server.url("/fount/api/v2").toString());
    QVERIFY2(dialog->connectButton()->isEnabled(), qPrintable(dialog->problemLabel()->text()));

    const Outcome outcome = clickConnect(dialog);
    QVERIFY2(outcome.ok, qPrintable(outcome.error));
    QVERIFY(outcome.count > 0);
    const Endpoint endpoint = fixture.endpoints().constFirst();
    QCOMPARE(endpoint.kind, "fount");
    QCOMPARE(endpoint.name, "The Fount");
    QCOMPARE(endpoint.role, Endpoint::Role::Source);
    QCOMPARE(endpoint.transfer, Endpoint::Transfer::Pull);
    QCOMPARE(endpoint.contactUrl, fixture.server.url("/fount/api/v2"));
    QVERIFY(endpoint.secretStored);
    QCOMPARE(fixture.secret(endpoint.id, "token"), token);
    QVERIFY(!fixture.cacheBytes().contains(token));
    const QStringList audiences = fixture.audienceNames(endpoint.id);
    QCOMPARE(audiences.size(), outcome.count);
    QVERIFY2(audiences.contains("All Adults"), qPrintable(audiences.join(", ")));
    QTRY_COMPARE(dialog->audienceList()->count(), outcome.count);
    QVERIFY(!dialog->connectedNoteLabel()->isVisible());
}

void TestConnectEndpoint::aepWithServerToServerCredential()
{
    Fixture fixture;
    const sandbox::AepOptions &aep = fixture.server.options().aep;
    MainWindow window(*fixture.database, fixture.profile, fixture.engine.get(),
                      fixture.secrets.get());
    QVERIFY(window.connectAepAction()->isEnabled());
    ConnectEndpointDialog *dialog = window.openConnectEndpointDialog("aep");
    QVERIFY(dialog);
    auto *page = dialog->pageAs<AepConnectPage>();
    QVERIFY(page);
    QCOMPARE(page->sandboxNameEdit()->text(), "prod");

    page->orgIdEdit()->setText("0A1B2C3D4E5F60718293A4B5"); // without its suffix
    QVERIFY2(dialog->problemLabel()->text().contains("@AdobeOrg"),
             qPrintable(dialog->problemLabel()->text()));
    page->orgIdEdit()->setText(aep.imsOrgId);
    page->clientIdEdit()->setText(aep.clientId);
    page->clientSecretEdit()->setText(aep.clientSecret);
    page->datasetIdEdit()->setText("5f0c1d2e3a4b5c6d7e8f9a0b");
    page->queryHostEdit()->setText("127.0.0.1"); // listing does not use Query Service
    page->queryTableEdit()->setText("audience-export");
    QVERIFY(!dialog->connectButton()->isEnabled());
    QVERIFY2(dialog->problemLabel()->text().contains("letters, digits and underscores"),
             qPrintable(dialog->problemLabel()->text()));
    page->queryTableEdit()->setText("audience_export");
    page->advancedButton()->click();
    page->imsUrlEdit()->setText(fixture.server.url("/aep/ims").toString());
    page->platformUrlEdit()->setText(fixture.server.url("/aep/platform").toString());
    QVERIFY2(dialog->connectButton()->isEnabled(), qPrintable(dialog->problemLabel()->text()));

    const Outcome outcome = clickConnect(dialog);
    QVERIFY2(outcome.ok, qPrintable(outcome.error));
    QVERIFY(outcome.count > 0);
    const Endpoint endpoint = fixture.endpoints().constFirst();
    QCOMPARE(endpoint.kind, "aep");
    QCOMPARE(endpoint.contactUrl, fixture.server.url("/aep/platform"));
    QCOMPARE(endpoint.settings.value("orgId").toString(), aep.imsOrgId);
    QCOMPARE(endpoint.settings.value("sandboxName").toString(), "prod");
    QCOMPARE(endpoint.settings.value("clientId").toString(), aep.clientId);
    QCOMPARE(endpoint.settings.value("queryTable").toString(), "audience_export");
    QCOMPARE(endpoint.settings.value("queryPort").toInt(), 80);
    QCOMPARE(endpoint.settings.value("querySslMode").toString(), "require");
    QCOMPARE(endpoint.settings.value("queryDialect").toString(), "queryService");
    QVERIFY(!endpoint.settings.contains("queryDatabase")); // the connector's default
    QCOMPARE(fixture.secret(endpoint.id, "clientSecret"), aep.clientSecret);
    QVERIFY(!fixture.cacheBytes().contains(aep.clientSecret));
    QCOMPARE(fixture.audienceNames(endpoint.id).size(), outcome.count);
    QTRY_COMPARE(dialog->audienceList()->count(), outcome.count);
}

void TestConnectEndpoint::exchangePullProducer()
{
    Fixture fixture;
    const QByteArray key = fixture.server.options().exchange.key;
    MainWindow window(*fixture.database, fixture.profile, fixture.engine.get(),
                      fixture.secrets.get());
    QVERIFY(window.connectExchangeAction()->isEnabled());
    ConnectEndpointDialog *dialog = window.openConnectEndpointDialog("exchange");
    QVERIFY(dialog);
    auto *page = dialog->pageAs<ExchangeConnectPage>();
    QVERIFY(page);
    QVERIFY(page->pullButton()->isChecked());
    QVERIFY2(dialog->problemLabel()->text().contains("contact URL"),
             qPrintable(dialog->problemLabel()->text()));

    // A destination is always pushed to.
    page->roleBox()->setCurrentIndex(page->roleBox()->findData(int(Endpoint::Role::Destination)));
    QVERIFY(page->pushButton()->isChecked());
    QVERIFY(!page->pullButton()->isEnabled());
    page->roleBox()->setCurrentIndex(page->roleBox()->findData(int(Endpoint::Role::Source)));
    page->pullButton()->click();
    QVERIFY(page->pullButton()->isChecked());

    page->nameEdit()->setText("Partner exchange");
    page->contactUrlEdit()->setText(fixture.server.url("/exchange").toString());
    page->identifiersEdit()->setText("email, phone,, email");
    page->attributesEdit()->setText("first name");
    page->keyEdit()->setText(QString(key));
    QVERIFY2(dialog->problemLabel()->text().contains("“first name”"),
             qPrintable(dialog->problemLabel()->text()));
    page->attributesEdit()->setText("first_name, country");
    QVERIFY2(dialog->connectButton()->isEnabled(), qPrintable(dialog->problemLabel()->text()));

    const Outcome outcome = clickConnect(dialog);
    QVERIFY2(outcome.ok, qPrintable(outcome.error));
    QVERIFY(outcome.count > 0);
    const Endpoint endpoint = fixture.endpoints().constFirst();
    QCOMPARE(endpoint.kind, "exchange");
    QCOMPARE(endpoint.name, "Partner exchange");
    QCOMPARE(endpoint.role, Endpoint::Role::Source);
    QCOMPARE(endpoint.transfer, Endpoint::Transfer::Pull);
    QCOMPARE(endpoint.contactUrl, fixture.server.url("/exchange"));
    QCOMPARE(endpoint.identifiers, QStringList({"email", "phone"}));
    QCOMPARE(endpoint.attributes, QStringList({"first_name", "country"}));
    QCOMPARE(fixture.secret(endpoint.id, "key"), key);
    QCOMPARE(fixture.audienceNames(endpoint.id).size(), outcome.count);
    QTRY_COMPARE(dialog->audienceList()->count(), outcome.count);
    QVERIFY(!dialog->connectedNoteLabel()->isVisible()); // nothing to push
}

void TestConnectEndpoint::exchangePushProducer()
{
    Fixture fixture;
    MainWindow window(*fixture.database, fixture.profile, fixture.engine.get(),
                      fixture.secrets.get());
    auto keys = std::make_shared<InboxKeys>();
    window.setExchangeInboxKeys(keys);
    window.setExchangeInboxUrl(QUrl("http://127.0.0.1:45678/exchange/v1/push"));
    ConnectEndpointDialog *dialog = window.openConnectEndpointDialog("exchange");
    auto *page = dialog->pageAs<ExchangeConnectPage>();
    QVERIFY(page);
    page->nameEdit()->setText("CRM pushes");
    page->pushButton()->click();
    QVERIFY(page->isPushProducer());
    QVERIFY(page->transferNote()->text().contains("inbox"));
    // It comes to the app: no contact URL needed, only its key.
    QVERIFY2(dialog->problemLabel()->text().contains("bearer key"),
             qPrintable(dialog->problemLabel()->text()));
    page->keyEdit()->setText("push key");
    QVERIFY(dialog->problemLabel()->text().contains("visible ASCII"));
    const QByteArray key = "crm-push-key-7f3a";
    page->keyEdit()->setText(QString(key));
    QVERIFY2(dialog->connectButton()->isEnabled(), qPrintable(dialog->problemLabel()->text()));

    const Outcome outcome = clickConnect(dialog);
    QVERIFY2(outcome.ok, qPrintable(outcome.error));
    QCOMPARE(outcome.count, 0);
    QVERIFY(dialog->isConnected());
    QCOMPARE(dialog->statusLabel()->text(), "“CRM pushes” is connected.");
    QVERIFY(!dialog->audienceList()->isVisible());

    const Endpoint endpoint = fixture.endpoints().constFirst();
    QCOMPARE(endpoint.kind, "exchange");
    QCOMPARE(endpoint.role, Endpoint::Role::Source);
    QCOMPARE(endpoint.transfer, Endpoint::Transfer::Push);
    QVERIFY(endpoint.contactUrl.isEmpty());
    QVERIFY(endpoint.secretStored);
    QCOMPARE(fixture.secret(endpoint.id, "key"), key);
    QVERIFY(!fixture.cacheBytes().contains(key));
    QVERIFY(fixture.audienceNames(endpoint.id).isEmpty()); // no refresh was tried
    QCOMPARE(keys->key(endpoint.id), key);                 // the running inbox accepts it at once

    const QString note = dialog->connectedNoteLabel()->text();
    QVERIFY(dialog->connectedNoteLabel()->isVisible());
    QVERIFY2(note.contains(
                 QString("http://127.0.0.1:45678/exchange/v1/push/%1/audiences/").arg(endpoint.id)),
             qPrintable(note));
    QVERIFY(!note.contains(key));
}

QTEST_MAIN(TestConnectEndpoint)
#include "tst_connectendpoint.moc"
