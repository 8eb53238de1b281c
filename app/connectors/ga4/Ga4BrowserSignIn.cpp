#include "connectors/ga4/Ga4BrowserSignIn.h"

#include "common/Logging.h"

#include <QCryptographicHash>
#include <QHostAddress>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QOAuth2AuthorizationCodeFlow>
#include <QOAuthHttpServerReplyHandler>
#include <QRandomGenerator>
#include <QTimer>

namespace courier {

namespace {

// How long a finished attempt's objects stay: the listener is closed at once, but the browser's
// connection that brought the answer still gets its "you can close this tab" page.
constexpr auto LingerAfterFinish = std::chrono::seconds(5);

QByteArray randomBase64Url(int bytes)
{
    QByteArray data(bytes, Qt::Uninitialized);
    for (char &c : data)
        c = char(QRandomGenerator::system()->bounded(256));
    return data.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

} // namespace

// Qt's loopback listener, with the token endpoint's answer looked at first: Qt 6.4 only prints a
// warning for a refused token request and the flow then waits forever, so a failed reply (and
// a reply Qt could not use) is reported to the sign-in instead.
class Ga4LoopbackReplyHandler : public QOAuthHttpServerReplyHandler
{
public:
    using QOAuthHttpServerReplyHandler::QOAuthHttpServerReplyHandler;

    std::function<void(int httpStatus, const QByteArray &body, const QString &networkError)>
        tokenReplyFailed;
    std::function<void()> tokenReplyHandled;

    void networkReplyFinished(QNetworkReply *reply) override
    {
        if (reply->error() != QNetworkReply::NoError) {
            if (tokenReplyFailed) {
                tokenReplyFailed(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(),
                                 reply->readAll(), reply->errorString());
            }
            return;
        }
        QOAuthHttpServerReplyHandler::networkReplyFinished(reply);
        if (tokenReplyHandled)
            tokenReplyHandled();
    }
};

Ga4BrowserSignIn::Ga4BrowserSignIn(Config config, QObject *parent)
    : QObject(parent)
    , m_config(std::move(config))
{}

Ga4BrowserSignIn::~Ga4BrowserSignIn()
{
    // No `finished` from a destructor; the attempt's objects go with this one (children).
    if (m_running)
        tearDown();
}

QUrl Ga4BrowserSignIn::redirectUri() const
{
    return m_running && m_handler ? QUrl(m_handler->callback()) : QUrl();
}

void Ga4BrowserSignIn::start()
{
    if (m_running) {
        qCWarning(lcConnectors, "Google sign-in: already running");
        return;
    }
    m_running = true;
    m_lastCallbackStateMatched = false;

    if (m_config.clientId.isEmpty() || !m_config.authorizationUrl.isValid() ||
        !m_config.tokenUrl.isValid()) {
        finish(false, tr("Google sign-in is not set up in this build of Audience Courier (no "
                         "OAuth client). Use a service-account key file instead."));
        return;
    }

    auto *attempt = new QObject(this);
    m_attempt = attempt;
    // 127.0.0.1 only: the answer carries an authorization code, nothing outside this machine
    // may connect. Port 0: any free port, as Google allows for loopback redirects.
    m_handler = new Ga4LoopbackReplyHandler(QHostAddress(QHostAddress::LocalHost), 0, attempt);
    if (!m_handler->isListening()) {
        finish(false, tr("Google sign-in could not open a local port on 127.0.0.1 to receive "
                         "the browser's answer. Check that no security software blocks local "
                         "connections, then try again."));
        return;
    }
    m_handler->setCallbackText(
        QStringLiteral("<h1>%1</h1><p>%2</p>")
            .arg(QStringLiteral("Audience Courier"),
                 tr("Google's answer has reached Audience Courier. You can close this tab "
                    "and return to Audience Courier.")
                     .toHtmlEscaped()));
    // A finished attempt's handler may still be around (it lingers): its calls are ignored.
    Ga4LoopbackReplyHandler *handler = m_handler;
    m_handler->tokenReplyFailed = [this, handler](int status, const QByteArray &body,
                                                  const QString &networkError) {
        if (handler == m_handler)
            onTokenReplyFailed(status, body, networkError);
    };
    m_handler->tokenReplyHandled = [this, handler] {
        if (handler == m_handler)
            onTokenReplyHandled();
    };

    auto *network = new QNetworkAccessManager(attempt);
    auto *flow = new QOAuth2AuthorizationCodeFlow(network, attempt);
    m_flow = flow;
    flow->setReplyHandler(m_handler);
    flow->setAuthorizationUrl(m_config.authorizationUrl);
    flow->setAccessTokenUrl(m_config.tokenUrl);
    flow->setClientIdentifier(m_config.clientId);
    flow->setClientIdentifierSharedKey(m_config.clientSecret);
    flow->setScope(m_config.scope);
    // Our own state: 128 random bits in URL-safe characters, so no encoding can alter it.
    m_state = QString::fromLatin1(randomBase64Url(16));
    flow->setState(m_state);

    // PKCE (RFC 7636) with S256: the verifier stays here, only its hash goes to the browser.
    const QByteArray verifier = randomBase64Url(32); // 43 characters
    const QByteArray challenge =
        QCryptographicHash::hash(verifier, QCryptographicHash::Sha256)
            .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
    const QString loginHint = m_config.loginHint;
    const QString secret = m_config.clientSecret;
    // Qt builds both requests with QUrlQuery, which keeps %XX sequences as given: values that
    // may hold reserved characters go in percent-encoded.
    flow->setModifyParametersFunction([this, verifier, challenge, loginHint,
                                       secret](QAbstractOAuth::Stage stage,
                                               QMultiMap<QString, QVariant> *parameters) {
        switch (stage) {
        case QAbstractOAuth::Stage::RequestingAuthorization:
            parameters->insert(QStringLiteral("code_challenge"), QString::fromLatin1(challenge));
            parameters->insert(QStringLiteral("code_challenge_method"), QStringLiteral("S256"));
            // A refresh token, every time (Google leaves it out on a repeated consent unless
            // the consent screen is shown again).
            parameters->insert(QStringLiteral("access_type"), QStringLiteral("offline"));
            parameters->insert(QStringLiteral("prompt"), QStringLiteral("consent"));
            if (!loginHint.isEmpty()) {
                parameters->insert(QStringLiteral("login_hint"),
                                   QString::fromLatin1(QUrl::toPercentEncoding(loginHint)));
            }
            break;
        case QAbstractOAuth::Stage::RequestingAccessToken:
            // Qt 6.4 encodes the code as the browser sent it, still percent-encoded: Google's
            // "4/0A…" would arrive as "4%2F0A…" ("Malformed auth code."). The decoded one:
            parameters->replace(QStringLiteral("code"),
                                QString::fromLatin1(QUrl::toPercentEncoding(m_code)));
            parameters->insert(QStringLiteral("code_verifier"), QString::fromLatin1(verifier));
            // Qt puts the secret in the form as it is: a '+' would arrive as a space.
            if (!secret.isEmpty()) {
                parameters->replace(QStringLiteral("client_secret"),
                                    QString::fromLatin1(QUrl::toPercentEncoding(secret)));
            }
            break;
        default:
            break;
        }
    });

    // Connected before grant(): this slot sees each browser answer before the flow does.
    connect(m_handler, &QAbstractOAuthReplyHandler::callbackReceived, this,
            &Ga4BrowserSignIn::onCallback);
    connect(flow, &QAbstractOAuth::authorizeWithBrowser, this, &Ga4BrowserSignIn::openBrowser);
    connect(flow, &QAbstractOAuth2::error, this,
            [this](const QString &error, const QString &description, const QUrl &) {
                onAuthorizationError(error, description);
            });
    connect(flow, &QAbstractOAuth::granted, this, &Ga4BrowserSignIn::onGranted);

    m_timer = new QTimer(attempt);
    m_timer->setSingleShot(true);
    connect(m_timer, &QTimer::timeout, this, [this] { finish(false, timeoutMessage()); });
    m_timer->start(m_config.timeout);

    qCInfo(lcConnectors, "Google sign-in: waiting for the browser's answer on 127.0.0.1:%u",
           unsigned(m_handler->port()));
    flow->grant();
}

void Ga4BrowserSignIn::cancel()
{
    if (m_running)
        finish(false, tr("The Google sign-in was cancelled."));
}

void Ga4BrowserSignIn::onCallback(const QVariantMap &data)
{
    // Qt reports an error answer before it compares the state; remember whether this answer is
    // ours, so a forged "access denied" from another local program cannot end the sign-in.
    const QString state =
        QUrl::fromPercentEncoding(data.value(QStringLiteral("state")).toByteArray());
    m_lastCallbackStateMatched = !m_state.isEmpty() && state == m_state;
    if (m_lastCallbackStateMatched) {
        m_code = QUrl::fromPercentEncoding(data.value(QStringLiteral("code")).toByteArray());
    } else {
        qCWarning(lcConnectors,
                  "Google sign-in: ignored a request to the loopback listener that does not "
                  "carry this sign-in's state");
    }
}

void Ga4BrowserSignIn::onAuthorizationError(const QString &error, const QString &description)
{
    if (!m_running || !m_lastCallbackStateMatched)
        return;
    if (error == QLatin1String("access_denied")) {
        finish(false, tr("Access to Google Analytics was declined in the browser. Sign in again "
                         "and choose Allow to let Audience Courier read your audiences."));
        return;
    }
    finish(false, description.isEmpty()
                      ? tr("Google did not sign you in (%1).").arg(error)
                      : tr("Google did not sign you in (%1: %2).").arg(error, description));
}

void Ga4BrowserSignIn::onTokenReplyFailed(int httpStatus, const QByteArray &body,
                                          const QString &networkError)
{
    if (!m_running)
        return;
    const QJsonObject json = QJsonDocument::fromJson(body).object();
    const QString error = json.value(QLatin1String("error")).toString();
    const QString description = json.value(QLatin1String("error_description")).toString();
    if (httpStatus > 0 && !error.isEmpty()) {
        // Google's OAuth error ("invalid_grant", "Bad Request"…): its words, which name no
        // token or code.
        finish(false,
               description.isEmpty()
                   ? tr("Google refused the sign-in (%1). Start the sign-in again.").arg(error)
                   : tr("Google refused the sign-in (%1: %2). Start the sign-in again.")
                         .arg(error, description));
        return;
    }
    if (httpStatus > 0) {
        finish(false, tr("Google's token endpoint answered HTTP %1. Try the sign-in again later.")
                          .arg(httpStatus));
        return;
    }
    finish(false, tr("Could not reach Google's token endpoint: %1. Check the network "
                     "connection and try again.")
                      .arg(networkError));
}

void Ga4BrowserSignIn::onTokenReplyHandled()
{
    // Qt granted (finish() already ran) or quietly dropped an answer it could not use.
    if (m_running) {
        finish(false, tr("Google's token endpoint gave an answer without an access token. Try "
                         "the sign-in again later."));
    }
}

void Ga4BrowserSignIn::onGranted()
{
    if (!m_running || !m_flow)
        return;
    Ga4SignInResult result;
    result.refreshToken = m_flow->refreshToken().toUtf8();
    result.accessToken = m_flow->token().toUtf8();
    result.expiresAt = m_flow->expirationAt().toUTC();
    // The scope of the token answer; the requested one when Google names none.
    result.grantedScope = m_flow->scope().isEmpty() ? m_config.scope : m_flow->scope();
    if (result.refreshToken.isEmpty()) {
        finish(false, tr("Google signed you in but sent no refresh token, so Audience Courier "
                         "could not stay connected. Start the sign-in again."));
        return;
    }
    finish(true, QString(), result);
}

QString Ga4BrowserSignIn::timeoutMessage() const
{
    const auto seconds = std::chrono::ceil<std::chrono::seconds>(m_config.timeout).count();
    if (seconds >= 60 && seconds % 60 == 0) {
        return tr("The Google sign-in timed out: the browser did not come back within %n "
                  "minute(s). Start the sign-in again when you are ready.",
                  nullptr, int(seconds / 60));
    }
    return tr("The Google sign-in timed out: the browser did not come back within %n "
              "second(s). Start the sign-in again when you are ready.",
              nullptr, int(seconds));
}

void Ga4BrowserSignIn::tearDown()
{
    m_running = false;
    m_state.clear();
    m_code.clear();
    if (m_timer)
        m_timer->stop();
    if (m_handler) {
        m_handler->close();
        m_handler->disconnect(this);
    }
    if (m_flow) {
        m_flow->disconnect(this);
        // A token request still under way: nobody may hear of it any more.
        for (QNetworkReply *reply :
             m_flow->networkAccessManager()->findChildren<QNetworkReply *>()) {
            reply->disconnect();
            reply->abort();
        }
    }
    if (m_attempt)
        QTimer::singleShot(LingerAfterFinish, m_attempt.data(), &QObject::deleteLater);
    m_handler.clear();
    m_flow.clear();
    m_timer.clear();
    m_attempt.clear();
}

void Ga4BrowserSignIn::finish(bool ok, const QString &error, const Ga4SignInResult &result)
{
    if (!m_running)
        return;
    tearDown();
    if (ok)
        qCInfo(lcConnectors, "Google sign-in: signed in");
    else
        qCInfo(lcConnectors, "Google sign-in ended: %s", qUtf8Printable(error));
    QMetaObject::invokeMethod(
        this, [this, ok, error, result] { emit finished(ok, error, result); },
        Qt::QueuedConnection);
}

} // namespace courier
