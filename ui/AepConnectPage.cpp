#include "AepConnectPage.h"

#include "connectors/aep/AepSettings.h"
#include "EmptyState.h"

#include <QComboBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QSpinBox>
#include <QToolButton>
#include <QVBoxLayout>

namespace courier::ui {

namespace {

const auto DefaultImsUrl = QStringLiteral("https://ims-na1.adobelogin.com/ims");
const auto DefaultPlatformUrl = QStringLiteral("https://platform.adobe.io");
constexpr int DefaultQueryPort = 80; // Adobe's documented Query Service port

} // namespace

AepConnectPage::AepConnectPage(QWidget *parent)
    : ConnectPage(parent)
{
    setObjectName(QStringLiteral("aepConnectPage"));

    m_name = lineEdit(QStringLiteral("name"), tr("Endpoint name"));
    m_name->setText(tr("Adobe Experience Platform"));
    m_orgId = lineEdit(QStringLiteral("orgId"), tr("IMS organisation id"));
    m_orgId->setPlaceholderText(tr("…@AdobeOrg"));
    m_sandboxName = lineEdit(QStringLiteral("sandboxName"), tr("Sandbox name"));
    m_sandboxName->setText(QStringLiteral("prod"));
    m_clientId = lineEdit(QStringLiteral("clientId"), tr("Client id (API key)"));
    m_clientSecret = lineEdit(QStringLiteral("clientSecret"), tr("Client secret"));
    m_clientSecret->setEchoMode(QLineEdit::Password);
    auto *credentialNote = new QLabel(tr("From an OAuth Server-to-Server credential in the Adobe "
                                         "Developer Console, with access to Experience Platform."),
                                      this);
    credentialNote->setWordWrap(true);
    makeSecondary(credentialNote);

    // Where a share's export lands and how its members are read back.
    auto *exportBox = new QGroupBox(tr("Exports"), this);
    m_datasetId = lineEdit(QStringLiteral("datasetId"), tr("Destination dataset id"));
    m_queryHost = lineEdit(QStringLiteral("queryHost"), tr("Query Service host"));
    m_queryHost->setPlaceholderText(tr("…platform-query.adobe.io"));
    m_queryPort = new QSpinBox(this);
    m_queryPort->setObjectName(QStringLiteral("queryPort"));
    m_queryPort->setAccessibleName(tr("Query Service port"));
    m_queryPort->setRange(1, 65535);
    m_queryPort->setValue(DefaultQueryPort);
    m_queryDatabase = lineEdit(QStringLiteral("queryDatabase"), tr("Query Service database"));
    m_queryDatabase->setPlaceholderText(tr("<sandbox>:all"));
    m_queryTable = lineEdit(QStringLiteral("queryTable"), tr("Dataset table name"));
    m_sslMode = new QComboBox(this);
    m_sslMode->setObjectName(QStringLiteral("querySslMode"));
    m_sslMode->setAccessibleName(tr("TLS mode"));
    // libpq's sslmode keys, stored as they are.
    for (const char *mode : {"require", "verify-ca", "verify-full", "prefer", "allow", "disable"})
        m_sslMode->addItem(QString::fromLatin1(mode), QString::fromLatin1(mode));
    m_dialect = new QComboBox(this);
    m_dialect->setObjectName(QStringLiteral("queryDialect"));
    m_dialect->setAccessibleName(tr("SQL dialect"));
    m_dialect->addItem(tr("Adobe Query Service"), QStringLiteral("queryService"));
    m_dialect->addItem(tr("PostgreSQL copy of the export table"), QStringLiteral("postgres"));
    connect(m_queryPort, &QSpinBox::valueChanged, this, &ConnectPage::changed);
    for (QComboBox *box : {m_sslMode, m_dialect})
        connect(box, &QComboBox::currentIndexChanged, this, &ConnectPage::changed);
    auto *exportForm = new QFormLayout(exportBox);
    exportForm->addRow(tr("&Dataset id:"), m_datasetId);
    exportForm->addRow(tr("Query Service &host:"), m_queryHost);
    exportForm->addRow(tr("&Port:"), m_queryPort);
    exportForm->addRow(tr("Data&base:"), m_queryDatabase);
    exportForm->addRow(tr("&Table:"), m_queryTable);
    exportForm->addRow(tr("T&LS mode:"), m_sslMode);
    exportForm->addRow(tr("SQL dia&lect:"), m_dialect);

    auto *advanced = new QWidget(this);
    advanced->setObjectName(QStringLiteral("advancedSection"));
    m_advancedToggle = advancedToggle(advanced);
    m_advancedToggle->setToolTip(
        tr("Other IMS and Platform addresses, for a proxy or a test server, in place of Adobe's"));
    m_imsUrl = addressEdit(QStringLiteral("imsUrl"), tr("IMS address"), DefaultImsUrl);
    m_imsUrl->setParent(advanced);
    m_platformUrl =
        addressEdit(QStringLiteral("platformUrl"), tr("Platform address"), DefaultPlatformUrl);
    m_platformUrl->setParent(advanced);
    auto *advancedForm = new QFormLayout(advanced);
    advancedForm->setContentsMargins(0, 0, 0, 0);
    advancedForm->addRow(tr("&IMS address:"), m_imsUrl);
    advancedForm->addRow(tr("Platform add&ress:"), m_platformUrl);

    auto *form = new QFormLayout;
    form->addRow(tr("&Name:"), m_name);
    form->addRow(tr("&Organisation id:"), m_orgId);
    form->addRow(tr("&Sandbox:"), m_sandboxName);
    form->addRow(tr("Client &ID:"), m_clientId);
    form->addRow(tr("Client s&ecret:"), m_clientSecret);
    form->addRow(credentialNote);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(form);
    layout->addWidget(exportBox);
    layout->addWidget(m_advancedToggle, 0, Qt::AlignLeft);
    layout->addWidget(advanced);
    layout->addStretch(1);
}

QLineEdit *AepConnectPage::lineEdit(const QString &objectName, const QString &accessibleName)
{
    auto *edit = new QLineEdit(this);
    edit->setObjectName(objectName);
    edit->setAccessibleName(accessibleName);
    connect(edit, &QLineEdit::textChanged, this, &ConnectPage::changed);
    return edit;
}

QString AepConnectPage::title() const
{
    return tr("Connect Adobe Experience Platform");
}

QString AepConnectPage::intro() const
{
    return tr("Reads the audiences of an Experience Platform sandbox and, when a share runs, "
              "exports their members to a dataset and reads them through Query Service. The "
              "client secret is kept in your system's keychain.");
}

QString AepConnectPage::problem() const
{
    if (m_name->text().simplified().isEmpty())
        return tr("Give the endpoint a name.");
    const QString orgId = m_orgId->text().trimmed();
    if (orgId.isEmpty())
        return tr("Enter the IMS organisation id, shown in the Developer Console.");
    if (!orgId.endsWith(QLatin1String("@AdobeOrg")))
        return tr("The organisation id ends with “@AdobeOrg”, such as "
                  "0A1B2C3D4E5F60718293A4B5@AdobeOrg.");
    if (m_sandboxName->text().trimmed().isEmpty())
        return tr("Enter the name of the Platform sandbox, such as “prod”.");
    if (m_clientId->text().trimmed().isEmpty())
        return tr("Enter the client id (API key) of the credential.");
    if (m_clientSecret->text().trimmed().isEmpty())
        return tr("Enter the client secret of the credential.");
    if (m_datasetId->text().trimmed().isEmpty())
        return tr("Enter the id of the dataset the audience exports go to.");
    if (m_queryHost->text().trimmed().isEmpty())
        return tr("Enter your organisation's Query Service host, shown under Queries › "
                  "Credentials in Experience Platform.");
    const QString table = m_queryTable->text().trimmed();
    if (table.isEmpty())
        return tr("Enter the table name of the destination dataset, as Query Service shows it.");
    if (!AepSettings::isIdentifier(table))
        return tr("The table name “%1” may hold only letters, digits and underscores.").arg(table);
    if (!m_imsUrl->text().trimmed().isEmpty() && !isWebAddress(m_imsUrl->text()))
        return tr("The IMS address under Advanced is not a valid http(s) address, such as %1.")
            .arg(DefaultImsUrl);
    if (!m_platformUrl->text().trimmed().isEmpty() && !isWebAddress(m_platformUrl->text()))
        return tr("The Platform address under Advanced is not a valid http(s) address, such as "
                  "%1.")
            .arg(DefaultPlatformUrl);
    return {};
}

EndpointDraft AepConnectPage::draft() const
{
    EndpointDraft draft;
    Endpoint &endpoint = draft.endpoint;
    endpoint.name = m_name->text().simplified();
    endpoint.kind = QStringLiteral("aep");
    endpoint.role = Endpoint::Role::Source;
    endpoint.transfer = Endpoint::Transfer::Pull;
    const QString platform = m_platformUrl->text().trimmed();
    endpoint.contactUrl = QUrl(platform.isEmpty() ? DefaultPlatformUrl : platform);
    QJsonObject settings{
        {QStringLiteral("platformUrl"), endpoint.contactUrl.toString()},
        {QStringLiteral("orgId"), m_orgId->text().trimmed()},
        {QStringLiteral("sandboxName"), m_sandboxName->text().trimmed()},
        {QStringLiteral("clientId"), m_clientId->text().trimmed()},
        {QStringLiteral("datasetId"), m_datasetId->text().trimmed()},
        {QStringLiteral("queryHost"), m_queryHost->text().trimmed()},
        {QStringLiteral("queryPort"), m_queryPort->value()},
        {QStringLiteral("queryTable"), m_queryTable->text().trimmed()},
        {QStringLiteral("querySslMode"), m_sslMode->currentData().toString()},
        {QStringLiteral("queryDialect"), m_dialect->currentData().toString()},
    };
    // Left out, the connector's defaults apply (IMS's address, "<sandbox>:all").
    if (const QString ims = m_imsUrl->text().trimmed(); !ims.isEmpty())
        settings.insert(QStringLiteral("imsUrl"), ims);
    if (const QString database = m_queryDatabase->text().trimmed(); !database.isEmpty())
        settings.insert(QStringLiteral("queryDatabase"), database);
    endpoint.settings = settings;
    endpoint.identifiers = {QStringLiteral("personID")};
    draft.secrets.insert(QStringLiteral("clientSecret"), m_clientSecret->text().trimmed().toUtf8());
    return draft;
}

} // namespace courier::ui
