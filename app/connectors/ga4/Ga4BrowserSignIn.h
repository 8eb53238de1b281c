#pragma once

#include <chrono>
#include <QByteArray>
#include <QDateTime>
#include <QMetaType>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QUrl>

class QOAuth2AuthorizationCodeFlow;
class QTimer;

namespace courier {

class Ga4LoopbackReplyHandler;

// What a completed Google sign-in yields. The refresh token is the credential to keep (in the
// secret store, never in settings or logs); the access token is good until expiresAt.
struct Ga4SignInResult
{
    QByteArray refreshToken;
    QByteArray accessToken;
    QDateTime expiresAt;  // UTC
    QString grantedScope; // space-delimited, as Google granted it
};

// Google sign-in through the user's browser: the installed-app ("Desktop app") OAuth 2.0 flow
// with a loopback redirect (RFC 8252). A listener on 127.0.0.1 (a free port) receives the
// browser's redirect; the code is exchanged at the token endpoint with a PKCE S256 verifier
// (Qt 6.4's QOAuth2AuthorizationCodeFlow has no PKCE of its own), access_type=offline and
// prompt=consent so that Google always returns a refresh token.
//
//     Ga4BrowserSignIn signIn(config);
//     connect(&signIn, &Ga4BrowserSignIn::openBrowser, [](const QUrl &url) {
//         QDesktopServices::openUrl(url); });
//     connect(&signIn, &Ga4BrowserSignIn::finished, …);
//     signIn.start();
//
// `finished` comes exactly once per start(), always from the event loop (never from inside
// start() or cancel()); the listener is closed by then. Tokens and codes are never logged.
class Ga4BrowserSignIn : public QObject
{
    Q_OBJECT

public:
    struct Config
    {
        QUrl authorizationUrl{QStringLiteral("https://accounts.google.com/o/oauth2/v2/auth")};
        QUrl tokenUrl{QStringLiteral("https://oauth2.googleapis.com/token")};
        // The app's OAuth client of type "Desktop app" (Google Cloud console). Google calls its
        // secret a secret, but for installed apps it is not one: it ships with the app.
        QString clientId;
        QString clientSecret;
        QString scope = QStringLiteral("https://www.googleapis.com/auth/analytics.readonly");
        // Optional: the Google account to preselect (login_hint).
        QString loginHint;
        // How long the user has to finish in the browser.
        std::chrono::milliseconds timeout = std::chrono::minutes(5);
    };

    explicit Ga4BrowserSignIn(Config config, QObject *parent = nullptr);
    ~Ga4BrowserSignIn() override;

    const Config &config() const { return m_config; }

    // Opens the loopback listener and emits openBrowser(url). Ignored while running.
    void start();
    // Ends a running sign-in with "cancelled"; no effect otherwise.
    void cancel();
    bool isRunning() const { return m_running; }

    // While running: where Google sends the browser back (http://127.0.0.1:PORT/).
    QUrl redirectUri() const;

signals:
    // The URL to open in the user's browser (Google's consent screen).
    void openBrowser(const QUrl &url);
    // ok: result is filled. !ok: error says what happened, in the user's language (declined,
    // timed out, cancelled, refused by Google with its reason…).
    void finished(bool ok, const QString &error, const courier::Ga4SignInResult &result);

private:
    void onCallback(const QVariantMap &data);
    void onAuthorizationError(const QString &error, const QString &description);
    void onGranted();
    void onTokenReplyFailed(int httpStatus, const QByteArray &body, const QString &networkError);
    void onTokenReplyHandled();
    void finish(bool ok, const QString &error, const Ga4SignInResult &result = {});
    // Stops the timer, closes the listener, abandons a token request; m_running false.
    void tearDown();
    QString timeoutMessage() const;

    Config m_config;
    bool m_running = false;
    bool m_lastCallbackStateMatched = false;
    QString m_state;
    QString m_code; // the authorization code of the answer that carried m_state
    // The objects of the running attempt (flow, listener, network access, timer) live under
    // this one; it outlives the attempt by a few seconds so the browser still gets its page.
    QPointer<QObject> m_attempt;
    QPointer<Ga4LoopbackReplyHandler> m_handler;
    QPointer<QTimer> m_timer;
    QPointer<QOAuth2AuthorizationCodeFlow> m_flow;
};

} // namespace courier

Q_DECLARE_METATYPE(courier::Ga4SignInResult)
