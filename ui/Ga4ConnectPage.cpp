#include "Ga4ConnectPage.h"

#include "connectors/ga4/Ga4BrowserSignIn.h"
#include "connectors/ga4/Ga4ServiceAccountKey.h"
#include "connectors/ga4/Ga4Settings.h"
#include "EmptyState.h"

#include <QDesktopServices>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QRadioButton>
#include <QRegularExpression>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QToolButton>
#include <QVBoxLayout>

namespace courier::ui {

namespace {

// Key files are about 2.3 kB; anything much larger is not one, and is not read whole.
constexpr qint64 MaxKeyFileBytes = 64 * 1024;

QString secretName(const char *name)
{
    return QString::fromLatin1(name);
}

QStringList allSecretNames()
{
    return {secretName(ga4::ServiceAccountKeySecret), secretName(ga4::RefreshTokenSecret),
            secretName(ga4::OAuthClientSecretSecret), secretName(ga4::AccessTokenSecret)};
}

QLabel *noteLabel(const QString &text, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    label->setWordWrap(true);
    makeSecondary(label);
    return label;
}

QLineEdit *lineEdit(const QString &objectName, const QString &accessibleName, QWidget *parent)
{
    auto *edit = new QLineEdit(parent);
    edit->setObjectName(objectName);
    edit->setAccessibleName(accessibleName);
    return edit;
}

} // namespace

Ga4ConnectPage::Ga4ConnectPage(QWidget *parent)
    : ConnectPage(parent)
    , m_openUrl([](const QUrl &url) { return QDesktopServices::openUrl(url); })
{
    setObjectName(QStringLiteral("ga4ConnectPage"));

    m_name = lineEdit(QStringLiteral("name"), tr("Endpoint name"), this);
    m_automaticName = tr("Google Analytics 4");
    m_name->setText(m_automaticName);
    connect(m_name, &QLineEdit::textChanged, this, &ConnectPage::changed);
    m_property = lineEdit(QStringLiteral("propertyId"), tr("GA4 property id"), this);
    m_property->setPlaceholderText(tr("e.g. 1234567"));
    m_property->setToolTip(tr("The number under Admin › Property details in Google Analytics"));
    connect(m_property, &QLineEdit::textChanged, this, [this] {
        updateAutomaticName();
        emit changed();
    });

    auto *signInBox = new QGroupBox(tr("Sign-in"), this);
    m_serviceAccount = new QRadioButton(tr("Service account &key file"), signInBox);
    m_serviceAccount->setObjectName(QStringLiteral("serviceAccountMethod"));
    m_serviceAccount->setChecked(true);
    m_browser = new QRadioButton(tr("Sign in with &Google in the browser"), signInBox);
    m_browser->setObjectName(QStringLiteral("browserMethod"));
    m_token = new QRadioButton(tr("Paste an access &token"), signInBox);
    m_token->setObjectName(QStringLiteral("accessTokenMethod"));
    m_methodPanes = new QStackedWidget(signInBox);
    m_methodPanes->addWidget(createServiceAccountPane());
    m_methodPanes->addWidget(createBrowserPane());
    m_methodPanes->addWidget(createTokenPane());
    const auto showPane = [this] {
        // The stack takes the height of the pane shown, not of its tallest one.
        for (int i = 0; i < m_methodPanes->count(); ++i)
            m_methodPanes->widget(i)->setSizePolicy(
                i == method() ? QSizePolicy::Preferred : QSizePolicy::Ignored,
                i == method() ? QSizePolicy::Preferred : QSizePolicy::Ignored);
        m_methodPanes->setCurrentIndex(method());
        if (QWidget *dialog = window(); dialog != this) // once the layout has the new pane
            QMetaObject::invokeMethod(dialog, &QWidget::adjustSize, Qt::QueuedConnection);
        emit changed();
    };
    for (QRadioButton *button : {m_serviceAccount, m_browser, m_token})
        connect(button, &QRadioButton::toggled, this, showPane);
    showPane();
    auto *signInLayout = new QVBoxLayout(signInBox);
    signInLayout->addWidget(m_serviceAccount);
    signInLayout->addWidget(m_browser);
    signInLayout->addWidget(m_token);
    signInLayout->addWidget(m_methodPanes);

    // The toggle before the section's fields, so Tab reaches it first.
    auto *advanced = new QWidget(this);
    advanced->setObjectName(QStringLiteral("advancedSection"));
    m_advancedToggle = advancedToggle(advanced);
    m_advancedToggle->setToolTip(tr("Other addresses for Google's services, for a proxy or a "
                                    "test server; empty fields use Google's"));
    fillAdvancedSection(advanced);

    auto *form = new QFormLayout;
    form->addRow(tr("&Name:"), m_name);
    form->addRow(tr("&Property id:"), m_property);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(form);
    layout->addWidget(signInBox);
    layout->addWidget(m_advancedToggle, 0, Qt::AlignLeft);
    layout->addWidget(advanced);
    layout->addStretch(1); // a taller window leaves the fields at the top
    updateSignInState();
}

Ga4ConnectPage::~Ga4ConnectPage() = default;

QWidget *Ga4ConnectPage::createServiceAccountPane()
{
    auto *pane = new QWidget(this);
    m_keyPath = lineEdit(QStringLiteral("keyFile"), tr("Service account key file"), pane);
    m_keyPath->setPlaceholderText(tr("The JSON key file from the Google Cloud console"));
    auto *choose = new QPushButton(tr("C&hoose…"), pane);
    choose->setObjectName(QStringLiteral("chooseKeyFile"));
    choose->setAccessibleName(tr("Choose the key file"));
    connect(choose, &QPushButton::clicked, this, &Ga4ConnectPage::chooseKeyFile);
    // A typed or pasted path is read as soon as it names a file.
    connect(m_keyPath, &QLineEdit::textChanged, this, [this](const QString &text) {
        const QString path = QDir::fromNativeSeparators(text.trimmed());
        if (path == m_loadedKeyPath)
            return;
        if (QFileInfo(path).isFile()) {
            loadKeyFile(path);
            return;
        }
        m_loadedKeyPath.clear();
        m_keyFile.clear();
        m_keyError.clear();
        m_keyInfo->clear();
        emit changed();
    });
    m_keyInfo = new QLabel(pane);
    m_keyInfo->setObjectName(QStringLiteral("keyInfo"));
    m_keyInfo->setWordWrap(true);
    m_keyInfo->setTextFormat(Qt::PlainText);
    m_keyInfo->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *row = new QHBoxLayout;
    row->addWidget(m_keyPath, 1);
    row->addWidget(choose);
    auto *form = new QFormLayout(pane);
    form->setContentsMargins(0, 0, 0, 0);
    form->addRow(tr("Key fi&le:"), row);
    form->addRow(m_keyInfo);
    return pane;
}

QWidget *Ga4ConnectPage::createBrowserPane()
{
    auto *pane = new QWidget(this);
    auto *client = new QGroupBox(tr("OAuth client"), pane);
    auto *explanation = noteLabel(tr("Google sign-in needs your organisation's OAuth client of "
                                     "type “Desktop app” (Google Cloud console › APIs & Services "
                                     "› Credentials): this build ships none."),
                                  client);
    m_clientId = lineEdit(QStringLiteral("oauthClientId"), tr("OAuth client id"), client);
    m_clientId->setPlaceholderText(tr("…apps.googleusercontent.com"));
    m_clientSecret =
        lineEdit(QStringLiteral("oauthClientSecret"), tr("OAuth client secret"), client);
    m_clientSecret->setEchoMode(QLineEdit::Password);
    auto *clientForm = new QFormLayout(client);
    clientForm->addRow(explanation);
    clientForm->addRow(tr("Client &ID:"), m_clientId);
    clientForm->addRow(tr("Client s&ecret:"), m_clientSecret);

    m_signInButton = new QPushButton(tr("&Sign in with Google…"), pane);
    m_signInButton->setObjectName(QStringLiteral("signIn"));
    m_cancelSignInButton = new QPushButton(tr("Cancel Sign-in"), pane);
    m_cancelSignInButton->setObjectName(QStringLiteral("cancelSignIn"));
    m_signInProgress = new QProgressBar(pane);
    m_signInProgress->setRange(0, 0); // how long the user takes is unknown
    m_signInProgress->setTextVisible(false);
    m_signInProgress->setAccessibleName(tr("Waiting for the sign-in"));
    m_signInStatus = new QLabel(pane);
    m_signInStatus->setObjectName(QStringLiteral("signInStatus"));
    m_signInStatus->setWordWrap(true);
    m_signInStatus->setTextInteractionFlags(Qt::TextBrowserInteraction);
    m_signInStatus->setOpenExternalLinks(true);
    connect(m_signInButton, &QPushButton::clicked, this, &Ga4ConnectPage::startSignIn);
    connect(m_cancelSignInButton, &QPushButton::clicked, this, &Ga4ConnectPage::cancelSignIn);
    for (QLineEdit *edit : {m_clientId, m_clientSecret}) {
        // A refresh token belongs to the client it was issued to.
        connect(edit, &QLineEdit::textChanged, this, &Ga4ConnectPage::forgetSignIn);
        connect(edit, &QLineEdit::textChanged, this, &Ga4ConnectPage::updateSignInState);
        connect(edit, &QLineEdit::textChanged, this, &ConnectPage::changed);
    }

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_signInButton);
    buttons->addWidget(m_cancelSignInButton);
    buttons->addWidget(m_signInProgress, 1);
    auto *layout = new QVBoxLayout(pane);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(client);
    layout->addLayout(buttons);
    layout->addWidget(m_signInStatus);
    return pane;
}

QWidget *Ga4ConnectPage::createTokenPane()
{
    auto *pane = new QWidget(this);
    m_accessToken = lineEdit(QStringLiteral("accessToken"), tr("Access token"), pane);
    m_accessToken->setEchoMode(QLineEdit::Password);
    connect(m_accessToken, &QLineEdit::textChanged, this, &ConnectPage::changed);
    auto *form = new QFormLayout(pane);
    form->setContentsMargins(0, 0, 0, 0);
    form->addRow(tr("Access tok&en:"), m_accessToken);
    form->addRow(noteLabel(tr("For a quick try: an access token expires within an hour and is "
                              "not renewed. Use a key file or a Google sign-in to keep the "
                              "endpoint working."),
                           pane));
    return pane;
}

void Ga4ConnectPage::fillAdvancedSection(QWidget *section)
{
    m_adminUrl = addressEdit(QStringLiteral("adminUrl"), tr("Admin API address"),
                             QString::fromLatin1(ga4::DefaultAdminUrl));
    m_dataUrl = addressEdit(QStringLiteral("dataUrl"), tr("Data API address"),
                            QString::fromLatin1(ga4::DefaultDataUrl));
    m_tokenUrl = addressEdit(QStringLiteral("tokenUrl"), tr("Token endpoint address"),
                             QString::fromLatin1(ga4::DefaultTokenUrl));
    m_tokenUrl->setToolTip(tr("When empty, a key file's own token address is used, else "
                              "Google's."));
    m_authorizationUrl = addressEdit(QStringLiteral("authorizationUrl"), tr("Sign-in page address"),
                                     Ga4BrowserSignIn::Config().authorizationUrl.toString());
    for (QLineEdit *edit : {m_tokenUrl, m_authorizationUrl}) {
        connect(edit, &QLineEdit::textChanged, this, &Ga4ConnectPage::forgetSignIn);
        connect(edit, &QLineEdit::textChanged, this, &Ga4ConnectPage::updateSignInState);
    }
    for (QLineEdit *edit : {m_adminUrl, m_dataUrl, m_tokenUrl, m_authorizationUrl})
        edit->setParent(section);
    auto *form = new QFormLayout(section);
    form->setContentsMargins(0, 0, 0, 0);
    form->addRow(tr("&Admin API:"), m_adminUrl);
    form->addRow(tr("&Data API:"), m_dataUrl);
    form->addRow(tr("T&oken endpoint:"), m_tokenUrl);
    form->addRow(tr("Sign-in page &URL:"), m_authorizationUrl);
}

QString Ga4ConnectPage::title() const
{
    return tr("Connect Google Analytics 4");
}

QString Ga4ConnectPage::intro() const
{
    return tr("Reads the audiences of a Google Analytics 4 property and their members. The "
              "account you sign in with needs Viewer access to the property; its credentials "
              "are kept in your system's keychain.");
}

Ga4ConnectPage::Method Ga4ConnectPage::method() const
{
    if (m_browser->isChecked())
        return Browser;
    if (m_token->isChecked())
        return AccessToken;
    return ServiceAccount;
}

QString Ga4ConnectPage::propertyId() const
{
    QString id = m_property->text().trimmed();
    // People paste the resource name as often as the number.
    if (id.startsWith(QLatin1String("properties/")))
        id = id.mid(11);
    return id;
}

QString Ga4ConnectPage::propertyProblem() const
{
    const QString id = propertyId();
    if (id.isEmpty())
        return tr("Enter the GA4 property id: the number under Admin › Property details in "
                  "Google Analytics.");
    if (id.startsWith(QLatin1String("G-"), Qt::CaseInsensitive))
        return tr("“%1” is a measurement id. Enter the property id instead: the number under "
                  "Admin › Property details.")
            .arg(id);
    static const QRegularExpression digits(QStringLiteral("^[0-9]{1,20}$"));
    if (!digits.match(id).hasMatch())
        return tr("The property id is a number such as 1234567 (Admin › Property details), not "
                  "“%1”.")
            .arg(id);
    return {};
}

QString Ga4ConnectPage::signInProblem() const
{
    if (m_clientId->text().trimmed().isEmpty())
        return tr("Enter the client id of your OAuth client.");
    if (m_clientSecret->text().trimmed().isEmpty())
        return tr("Enter the client secret of your OAuth client.");
    if (!m_authorizationUrl->text().trimmed().isEmpty() &&
        !isWebAddress(m_authorizationUrl->text()))
        return tr("The sign-in page address under Advanced is not a valid http(s) address.");
    if (!m_tokenUrl->text().trimmed().isEmpty() && !isWebAddress(m_tokenUrl->text()))
        return tr("The token endpoint address under Advanced is not a valid http(s) address.");
    return {};
}

QString Ga4ConnectPage::problem() const
{
    if (m_name->text().simplified().isEmpty())
        return tr("Give the endpoint a name.");
    if (const QString property = propertyProblem(); !property.isEmpty())
        return property;

    switch (method()) {
    case ServiceAccount:
        if (!m_keyError.isEmpty())
            return tr("Choose a service account's JSON key file; this file cannot be used.");
        if (m_keyFile.isEmpty())
            return tr("Choose the JSON key file of a service account.");
        break;
    case Browser:
        if (const QString signIn = signInProblem(); !signIn.isEmpty())
            return signIn;
        if (isSigningIn())
            return tr("Finish signing in in your browser, or cancel the sign-in.");
        if (!isSignedIn())
            return tr("Sign in with Google to continue.");
        break;
    case AccessToken: {
        const QString token = m_accessToken->text().trimmed();
        if (token.isEmpty())
            return tr("Paste an access token.");
        if (token.contains(QRegularExpression(QStringLiteral("\\s"))))
            return tr("An access token is one word, without spaces or line breaks.");
        break;
    }
    }

    const std::pair<QLineEdit *, QString> addresses[] = {
        {m_adminUrl, tr("The Admin API address under Advanced is not a valid http(s) address.")},
        {m_dataUrl, tr("The Data API address under Advanced is not a valid http(s) address.")},
        {m_tokenUrl,
         tr("The token endpoint address under Advanced is not a valid http(s) address.")},
    };
    for (const auto &[edit, message] : addresses) {
        if (!edit->text().trimmed().isEmpty() && !isWebAddress(edit->text()))
            return message;
    }

    // The connector's own reading of the settings has the last word.
    const EndpointDraft filled = draft();
    QString error;
    const auto hasSecret = [&filled](const char *name) {
        return filled.secrets.contains(QString::fromLatin1(name));
    };
    if (!Ga4Settings::fromEndpoint(filled.endpoint, hasSecret, &error))
        return error;
    return {};
}

QUrl Ga4ConnectPage::effectiveTokenUrl() const
{
    const QString text = m_tokenUrl->text().trimmed();
    return QUrl(text.isEmpty() ? QString::fromLatin1(ga4::DefaultTokenUrl) : text);
}

EndpointDraft Ga4ConnectPage::draft() const
{
    EndpointDraft draft;
    Endpoint &endpoint = draft.endpoint;
    endpoint.name = m_name->text().simplified();
    endpoint.kind = QStringLiteral("ga4");
    endpoint.role = Endpoint::Role::Source;
    endpoint.transfer = Endpoint::Transfer::Pull;
    endpoint.identifiers = {QStringLiteral("deviceId"), QStringLiteral("userId")};
    endpoint.attributes = {QStringLiteral("isAdsPersonalizationAllowed"),
                           QStringLiteral("isLimitedAdTracking")};

    QJsonObject settings{{QStringLiteral("propertyId"), propertyId()}};
    // Only what the user set: an empty address means Google's (or the key file's token_uri).
    const std::pair<QString, QLineEdit *> addresses[] = {{QStringLiteral("adminUrl"), m_adminUrl},
                                                         {QStringLiteral("dataUrl"), m_dataUrl},
                                                         {QStringLiteral("tokenUrl"), m_tokenUrl}};
    for (const auto &[key, edit] : addresses) {
        if (const QString url = edit->text().trimmed(); !url.isEmpty())
            settings.insert(key, url);
    }
    const QString dataUrl = m_dataUrl->text().trimmed();
    endpoint.contactUrl =
        QUrl(dataUrl.isEmpty() ? QString::fromLatin1(ga4::DefaultDataUrl) : dataUrl);

    switch (method()) {
    case ServiceAccount:
        settings.insert(QStringLiteral("authMethod"), QStringLiteral("serviceAccount"));
        draft.secrets.insert(secretName(ga4::ServiceAccountKeySecret), m_keyFile);
        break;
    case Browser:
        settings.insert(QStringLiteral("authMethod"), QStringLiteral("oauth"));
        // The client id is no secret; it is needed to renew the sign-in.
        settings.insert(QStringLiteral("oauthClientId"), m_clientId->text().trimmed());
        draft.secrets.insert(secretName(ga4::RefreshTokenSecret), m_refreshToken);
        draft.secrets.insert(secretName(ga4::OAuthClientSecretSecret),
                             m_clientSecret->text().trimmed().toUtf8());
        break;
    case AccessToken:
        settings.insert(QStringLiteral("authMethod"), QStringLiteral("accessToken"));
        draft.secrets.insert(secretName(ga4::AccessTokenSecret),
                             m_accessToken->text().trimmed().toUtf8());
        break;
    }
    endpoint.settings = settings;
    for (const QString &name : allSecretNames()) {
        if (!draft.secrets.contains(name))
            draft.unusedSecrets << name;
    }
    return draft;
}

void Ga4ConnectPage::chooseKeyFile()
{
    const QString start = m_loadedKeyPath.isEmpty()
                              ? QStandardPaths::writableLocation(QStandardPaths::DownloadLocation)
                              : QFileInfo(m_loadedKeyPath).path();
    const QString path = QFileDialog::getOpenFileName(this, tr("Service Account Key File"), start,
                                                      tr("JSON key files (*.json);;All files (*)"));
    if (!path.isEmpty())
        loadKeyFile(path);
}

void Ga4ConnectPage::loadKeyFile(const QString &path)
{
    m_loadedKeyPath = QDir::fromNativeSeparators(path.trimmed());
    if (QDir::fromNativeSeparators(m_keyPath->text().trimmed()) != m_loadedKeyPath) {
        const QSignalBlocker blocker(m_keyPath);
        m_keyPath->setText(QDir::toNativeSeparators(m_loadedKeyPath));
    }
    m_keyFile.clear();
    m_keyError.clear();

    QFile file(m_loadedKeyPath);
    QByteArray content;
    if (!file.open(QIODevice::ReadOnly)) {
        m_keyError = tr("The key file cannot be read: %1").arg(file.errorString());
    } else if (file.size() > MaxKeyFileBytes) {
        m_keyError = tr("This file is too large to be a service account's key file (those are a "
                        "few kilobytes).");
    } else {
        content = file.readAll();
        // Google's key files always say what they are; a file that does not is something else.
        const QJsonObject json = QJsonDocument::fromJson(content.trimmed()).object();
        QString error;
        if (!json.isEmpty() && !json.contains(QStringLiteral("type")))
            m_keyError = tr("This file cannot be used: it does not say it is a service account "
                            "key (“type” is missing). Create a JSON key under IAM & Admin › "
                            "Service accounts › Keys in the Google Cloud console.");
        else if (const auto key = Ga4ServiceAccountKey::parse(content, &error))
            m_keyInfo->setText(tr("Service account: %1\nCheck that this address has Viewer "
                                  "access to the property (Admin › Property access management "
                                  "in Google Analytics).")
                                   .arg(key->clientEmail()));
        else
            m_keyError = tr("This file cannot be used: %1.").arg(error);
    }
    if (m_keyError.isEmpty())
        m_keyFile = content;
    else
        m_keyInfo->setText(m_keyError);
    emit changed();
}

void Ga4ConnectPage::startSignIn()
{
    if (isSigningIn() || !signInProblem().isEmpty())
        return;
    m_refreshToken.clear();
    Ga4BrowserSignIn::Config config;
    if (const QString url = m_authorizationUrl->text().trimmed(); !url.isEmpty())
        config.authorizationUrl = QUrl(url);
    config.tokenUrl = effectiveTokenUrl();
    config.clientId = m_clientId->text().trimmed();
    config.clientSecret = m_clientSecret->text().trimmed();
    config.scope = QString::fromLatin1(ga4::ReadonlyScope);

    // The previous attempt's object lingers a little (the browser's last page); a new one goes.
    if (m_signIn)
        m_signIn->deleteLater();
    m_signIn = new Ga4BrowserSignIn(config, this);
    connect(m_signIn, &Ga4BrowserSignIn::openBrowser, this, [this](const QUrl &url) {
        if (m_openUrl(url)) {
            setSignInStatus(
                tr("Continue in your browser: choose the Google account with access to the "
                   "property and allow Audience Courier to read Google Analytics."));
        } else {
            // A link the user can open or copy.
            m_signInStatus->setTextFormat(Qt::RichText);
            m_signInStatus->setText(
                tr("Your browser could not be opened. Open this address in it: %1")
                    .toHtmlEscaped()
                    .arg(QStringLiteral("<a href=\"%1\">%2</a>")
                             .arg(QString::fromUtf8(url.toEncoded()).toHtmlEscaped(),
                                  tr("Google sign-in").toHtmlEscaped())));
        }
    });
    connect(m_signIn, &Ga4BrowserSignIn::finished, this, &Ga4ConnectPage::onSignInFinished);
    m_signIn->start();
    updateSignInState();
    emit changed();
}

void Ga4ConnectPage::cancelSignIn()
{
    if (m_signIn)
        m_signIn->cancel(); // finished() follows
}

bool Ga4ConnectPage::isSigningIn() const
{
    return m_signIn && m_signIn->isRunning();
}

void Ga4ConnectPage::onSignInFinished(bool ok, const QString &error, const Ga4SignInResult &result)
{
    QString message = error;
    if (ok && result.refreshToken.isEmpty()) {
        ok = false;
        message = tr("Google signed you in without a refresh token, so the sign-in could not be "
                     "kept. Sign in again.");
    }
    if (ok) {
        m_refreshToken = result.refreshToken;
        setSignInStatus(tr("Signed in to Google. Click Connect to finish."));
    } else {
        setSignInStatus(message);
    }
    updateSignInState();
    emit signInFinished(ok, message);
    emit changed();
}

void Ga4ConnectPage::forgetSignIn()
{
    if (isSigningIn()) {
        cancelSignIn();
        return;
    }
    if (m_refreshToken.isEmpty())
        return;
    m_refreshToken.clear();
    setSignInStatus(tr("The OAuth client changed: sign in again."));
}

void Ga4ConnectPage::setSignInStatus(const QString &text)
{
    m_signInStatus->setTextFormat(Qt::PlainText); // messages may quote what a server said
    m_signInStatus->setText(text);
}

void Ga4ConnectPage::updateSignInState()
{
    const bool running = isSigningIn();
    m_signInButton->setEnabled(!running && signInProblem().isEmpty());
    m_signInButton->setText(isSignedIn() ? tr("&Sign in Again…") : tr("&Sign in with Google…"));
    m_cancelSignInButton->setVisible(running);
    m_signInProgress->setVisible(running);
}

void Ga4ConnectPage::updateAutomaticName()
{
    // A name the user chose stays.
    if (m_name->text() != m_automaticName && !m_name->text().trimmed().isEmpty())
        return;
    const bool valid = propertyProblem().isEmpty();
    m_automaticName = valid ? tr("GA4 property %1").arg(propertyId()) : tr("Google Analytics 4");
    m_name->setText(m_automaticName);
}

} // namespace courier::ui
