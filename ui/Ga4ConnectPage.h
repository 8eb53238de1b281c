#pragma once

#include "ConnectPage.h"

#include <functional>
#include <QByteArray>
#include <QPointer>
#include <QUrl>

class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QRadioButton;
class QStackedWidget;
class QToolButton;

namespace courier {

class Ga4BrowserSignIn;
struct Ga4SignInResult;

namespace ui {

// "Connect Google Analytics 4": a property id and one of three ways to sign in — a service
// account's JSON key file (read and checked at once, its e-mail shown so the user can check it
// has access), Google sign-in in the browser (Ga4BrowserSignIn, with the user's own OAuth
// client: this build ships none), or a pasted access token for a quick try. Google's addresses
// may be overridden under Advanced (the tests point them at the sandbox).
class Ga4ConnectPage : public ConnectPage
{
    Q_OBJECT

public:
    // Opens a URL in the user's browser; false when that failed (the address is then shown for
    // copying). The default is QDesktopServices::openUrl.
    using UrlOpener = std::function<bool(const QUrl &url)>;

    explicit Ga4ConnectPage(QWidget *parent = nullptr);
    ~Ga4ConnectPage() override;

    QString title() const override;
    QString intro() const override;
    QString problem() const override;
    EndpointDraft draft() const override;

    // Reads and checks a key file (a few kB; read on the spot), as "Choose…" does.
    void loadKeyFile(const QString &path);
    // Tests open the browser themselves.
    void setUrlOpener(UrlOpener opener) { m_openUrl = std::move(opener); }
    void startSignIn();
    void cancelSignIn();
    bool isSigningIn() const;
    bool isSignedIn() const { return !m_refreshToken.isEmpty(); }

    QLineEdit *nameEdit() const { return m_name; }
    QLineEdit *propertyEdit() const { return m_property; }
    QRadioButton *serviceAccountButton() const { return m_serviceAccount; }
    QRadioButton *browserSignInButton() const { return m_browser; }
    QRadioButton *accessTokenButton() const { return m_token; }
    QLineEdit *keyFileEdit() const { return m_keyPath; }
    QLabel *keyInfoLabel() const { return m_keyInfo; }
    QLineEdit *clientIdEdit() const { return m_clientId; }
    QLineEdit *clientSecretEdit() const { return m_clientSecret; }
    QPushButton *signInButton() const { return m_signInButton; }
    QPushButton *cancelSignInButton() const { return m_cancelSignInButton; }
    QLabel *signInStatusLabel() const { return m_signInStatus; }
    QLineEdit *accessTokenEdit() const { return m_accessToken; }
    QToolButton *advancedButton() const { return m_advancedToggle; }
    QLineEdit *adminUrlEdit() const { return m_adminUrl; }
    QLineEdit *dataUrlEdit() const { return m_dataUrl; }
    QLineEdit *tokenUrlEdit() const { return m_tokenUrl; }
    QLineEdit *authorizationUrlEdit() const { return m_authorizationUrl; }

signals:
    // A browser sign-in ended; error (translated) says why when !ok.
    void signInFinished(bool ok, const QString &error);

private:
    enum Method { ServiceAccount, Browser, AccessToken };

    QWidget *createServiceAccountPane();
    QWidget *createBrowserPane();
    QWidget *createTokenPane();
    void fillAdvancedSection(QWidget *section);
    Method method() const;
    QString propertyId() const; // without "properties/"
    QString propertyProblem() const;
    QString signInProblem() const; // what keeps the browser sign-in from starting
    QUrl effectiveTokenUrl() const;
    void chooseKeyFile();
    void onSignInFinished(bool ok, const QString &error, const Ga4SignInResult &result);
    void forgetSignIn();
    void setSignInStatus(const QString &text);
    void updateSignInState();
    void updateAutomaticName();

    QLineEdit *m_name = nullptr;
    QString m_automaticName; // the name given after the property, until the user names it
    QLineEdit *m_property = nullptr;
    QRadioButton *m_serviceAccount = nullptr;
    QRadioButton *m_browser = nullptr;
    QRadioButton *m_token = nullptr;
    QStackedWidget *m_methodPanes = nullptr;

    QLineEdit *m_keyPath = nullptr;
    QLabel *m_keyInfo = nullptr;
    QString m_loadedKeyPath;
    QByteArray m_keyFile; // the whole key file, once it has passed the checks
    QString m_keyError;

    QLineEdit *m_clientId = nullptr;
    QLineEdit *m_clientSecret = nullptr;
    QPushButton *m_signInButton = nullptr;
    QPushButton *m_cancelSignInButton = nullptr;
    QProgressBar *m_signInProgress = nullptr;
    QLabel *m_signInStatus = nullptr;
    QPointer<Ga4BrowserSignIn> m_signIn;
    QByteArray m_refreshToken; // from the last sign-in, for the keychain
    UrlOpener m_openUrl;

    QLineEdit *m_accessToken = nullptr;

    QToolButton *m_advancedToggle = nullptr;
    QLineEdit *m_adminUrl = nullptr;
    QLineEdit *m_dataUrl = nullptr;
    QLineEdit *m_tokenUrl = nullptr;
    QLineEdit *m_authorizationUrl = nullptr;
};

} // namespace ui
} // namespace courier
