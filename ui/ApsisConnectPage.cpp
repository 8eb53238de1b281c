#include "ApsisConnectPage.h"

#include "EmptyState.h"

#include <QComboBox>
#include <QFormLayout>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QToolButton>
#include <QVBoxLayout>

namespace courier::ui {

namespace {

const auto EuropeUrl = QStringLiteral("https://api.apsis.one");
const auto AsiaPacificUrl = QStringLiteral("https://api-apac.apsis.one");
const auto ClientSecretName = QStringLiteral("clientSecret");

} // namespace

ApsisConnectPage::ApsisConnectPage(QWidget *parent)
    : ConnectPage(parent)
{
    setObjectName(QStringLiteral("apsisConnectPage"));

    m_name = new QLineEdit(tr("APSIS One"), this);
    m_name->setObjectName(QStringLiteral("name"));
    m_name->setAccessibleName(tr("Endpoint name"));
    m_region = new QComboBox(this);
    m_region->setObjectName(QStringLiteral("region"));
    m_region->setAccessibleName(tr("Account region"));
    m_region->addItem(tr("Europe (api.apsis.one)"), EuropeUrl);
    m_region->addItem(tr("Asia-Pacific (api-apac.apsis.one)"), AsiaPacificUrl);
    m_clientId = new QLineEdit(this);
    m_clientId->setObjectName(QStringLiteral("clientId"));
    m_clientId->setAccessibleName(tr("API key client id"));
    m_clientSecret = new QLineEdit(this);
    m_clientSecret->setObjectName(QStringLiteral("clientSecret"));
    m_clientSecret->setAccessibleName(tr("API key client secret"));
    m_clientSecret->setEchoMode(QLineEdit::Password);
    for (QLineEdit *edit : {m_name, m_clientId, m_clientSecret})
        connect(edit, &QLineEdit::textChanged, this, &ConnectPage::changed);
    auto *keyNote =
        new QLabel(tr("The client id and secret of an APSIS One API key with access to your "
                      "profiles and segments."),
                   this);
    keyNote->setWordWrap(true);
    makeSecondary(keyNote);

    // The toggle before the section's field, so Tab reaches it first.
    auto *advanced = new QWidget(this);
    advanced->setObjectName(QStringLiteral("advancedSection"));
    m_advancedToggle = advancedToggle(advanced);
    m_apiUrl = addressEdit(QStringLiteral("apiUrl"), tr("API address"), EuropeUrl);
    m_apiUrl->setParent(advanced);
    // Another address replaces the region's; the region choice would only mislead then.
    connect(m_apiUrl, &QLineEdit::textChanged, this,
            [this](const QString &text) { m_region->setEnabled(text.trimmed().isEmpty()); });
    m_advancedToggle->setToolTip(
        tr("Another API address, for a proxy or a test server, in place of the region's"));
    auto *advancedForm = new QFormLayout(advanced);
    advancedForm->setContentsMargins(0, 0, 0, 0);
    advancedForm->addRow(tr("API &address:"), m_apiUrl);

    auto *form = new QFormLayout;
    form->addRow(tr("&Name:"), m_name);
    form->addRow(tr("&Region:"), m_region);
    form->addRow(tr("Client &ID:"), m_clientId);
    form->addRow(tr("Client &secret:"), m_clientSecret);
    form->addRow(keyNote);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(form);
    layout->addWidget(m_advancedToggle, 0, Qt::AlignLeft);
    layout->addWidget(advanced);
    layout->addStretch(1); // a taller window leaves the fields at the top
}

QString ApsisConnectPage::title() const
{
    return tr("Connect APSIS One");
}

QString ApsisConnectPage::intro() const
{
    return tr("Reads the segments of an APSIS One account as audiences and, when a share runs, "
              "their profiles. The client secret is kept in your system's keychain.");
}

QUrl ApsisConnectPage::baseUrl() const
{
    const QString custom = m_apiUrl->text().trimmed();
    return QUrl(custom.isEmpty() ? m_region->currentData().toString() : custom);
}

QString ApsisConnectPage::problem() const
{
    if (m_name->text().simplified().isEmpty())
        return tr("Give the endpoint a name.");
    if (!m_apiUrl->text().trimmed().isEmpty() && !isWebAddress(m_apiUrl->text()))
        return tr("The API address under Advanced is not a valid http(s) address, such as %1.")
            .arg(EuropeUrl);
    if (m_clientId->text().trimmed().isEmpty())
        return tr("Enter the client id of your APSIS One API key.");
    if (m_clientSecret->text().trimmed().isEmpty())
        return tr("Enter the client secret of the API key.");
    return {};
}

EndpointDraft ApsisConnectPage::draft() const
{
    EndpointDraft draft;
    Endpoint &endpoint = draft.endpoint;
    endpoint.name = m_name->text().simplified();
    endpoint.kind = QStringLiteral("apsis");
    endpoint.role = Endpoint::Role::Source;
    endpoint.transfer = Endpoint::Transfer::Pull;
    endpoint.contactUrl = baseUrl();
    endpoint.identifiers = {QStringLiteral("profileKey"), QStringLiteral("Email"),
                            QStringLiteral("Phone")};
    endpoint.settings = QJsonObject{{QStringLiteral("clientId"), m_clientId->text().trimmed()}};
    draft.secrets.insert(ClientSecretName, m_clientSecret->text().trimmed().toUtf8());
    return draft;
}

} // namespace courier::ui
