#include "FountConnectPage.h"

#include "EmptyState.h"

#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QToolButton>
#include <QVBoxLayout>

namespace courier::ui {

namespace {

const auto DefaultApiUrl = QStringLiteral("https://fount.wppbav.com/api/v2");

} // namespace

FountConnectPage::FountConnectPage(QWidget *parent)
    : ConnectPage(parent)
{
    setObjectName(QStringLiteral("fountConnectPage"));

    m_name = new QLineEdit(tr("The Fount"), this);
    m_name->setObjectName(QStringLiteral("name"));
    m_name->setAccessibleName(tr("Endpoint name"));
    m_token = new QLineEdit(this);
    m_token->setObjectName(QStringLiteral("token"));
    m_token->setAccessibleName(tr("Personal access token"));
    m_token->setEchoMode(QLineEdit::Password);
    for (QLineEdit *edit : {m_name, m_token})
        connect(edit, &QLineEdit::textChanged, this, &ConnectPage::changed);
    auto *tokenNote = new QLabel(tr("Create a personal access token in your profile on The "
                                    "Fount; it is sent as a bearer token with every request."),
                                 this);
    tokenNote->setWordWrap(true);
    makeSecondary(tokenNote);

    auto *advanced = new QWidget(this);
    advanced->setObjectName(QStringLiteral("advancedSection"));
    m_advancedToggle = advancedToggle(advanced);
    m_advancedToggle->setToolTip(
        tr("Another API address, for a proxy or a test server, in place of The Fount's"));
    m_apiUrl = addressEdit(QStringLiteral("apiUrl"), tr("API address"), DefaultApiUrl);
    m_apiUrl->setParent(advanced);
    auto *advancedForm = new QFormLayout(advanced);
    advancedForm->setContentsMargins(0, 0, 0, 0);
    advancedForm->addRow(tr("API &address:"), m_apiUrl);

    auto *form = new QFormLayout;
    form->addRow(tr("&Name:"), m_name);
    form->addRow(tr("Access &token:"), m_token);
    form->addRow(tokenNote);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(form);
    layout->addWidget(m_advancedToggle, 0, Qt::AlignLeft);
    layout->addWidget(advanced);
    layout->addStretch(1);
}

QString FountConnectPage::title() const
{
    return tr("Connect The Fount");
}

QString FountConnectPage::intro() const
{
    return tr("Reads the audiences of The Fount (WPP BAV) and, when a share runs, their "
              "respondents. The access token is kept in your system's keychain.");
}

QString FountConnectPage::problem() const
{
    if (m_name->text().simplified().isEmpty())
        return tr("Give the endpoint a name.");
    if (!m_apiUrl->text().trimmed().isEmpty() && !isWebAddress(m_apiUrl->text()))
        return tr("The API address under Advanced is not a valid http(s) address, such as %1.")
            .arg(DefaultApiUrl);
    const QString token = m_token->text().trimmed();
    if (token.isEmpty())
        return tr("Enter a personal access token from your profile on The Fount.");
    if (token.contains(QLatin1Char(' ')))
        return tr("The access token contains a space: paste it again, without the text around "
                  "it.");
    return {};
}

EndpointDraft FountConnectPage::draft() const
{
    EndpointDraft draft;
    Endpoint &endpoint = draft.endpoint;
    endpoint.name = m_name->text().simplified();
    endpoint.kind = QStringLiteral("fount");
    endpoint.role = Endpoint::Role::Source;
    endpoint.transfer = Endpoint::Transfer::Pull;
    const QString custom = m_apiUrl->text().trimmed();
    endpoint.contactUrl = QUrl(custom.isEmpty() ? DefaultApiUrl : custom);
    draft.secrets.insert(QStringLiteral("token"), m_token->text().trimmed().toUtf8());
    return draft;
}

} // namespace courier::ui
