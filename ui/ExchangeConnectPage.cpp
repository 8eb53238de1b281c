#include "ExchangeConnectPage.h"

#include "EmptyState.h"

#include <QButtonGroup>
#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QRadioButton>
#include <QRegularExpression>
#include <QVBoxLayout>

namespace courier::ui {

ExchangeConnectPage::ExchangeConnectPage(QWidget *parent)
    : ConnectPage(parent)
{
    setObjectName(QStringLiteral("exchangeConnectPage"));

    m_name = new QLineEdit(tr("Audience exchange"), this);
    m_name->setObjectName(QStringLiteral("name"));
    m_name->setAccessibleName(tr("Endpoint name"));
    m_role = new QComboBox(this);
    m_role->setObjectName(QStringLiteral("role"));
    m_role->setAccessibleName(tr("Role"));
    m_role->addItem(tr("Source: audiences come from it"), int(Endpoint::Role::Source));
    m_role->addItem(tr("Destination: audiences go to it"), int(Endpoint::Role::Destination));
    m_role->addItem(tr("Both"), int(Endpoint::Role::Both));

    auto *transferRow = new QWidget(this);
    m_pull = new QRadioButton(tr("P&ULL"), transferRow);
    m_pull->setObjectName(QStringLiteral("pull"));
    m_pull->setAccessibleName(tr("Transfer type PULL"));
    m_pull->setChecked(true);
    m_push = new QRadioButton(tr("PU&SH"), transferRow);
    m_push->setObjectName(QStringLiteral("push"));
    m_push->setAccessibleName(tr("Transfer type PUSH"));
    auto *transferGroup = new QButtonGroup(this);
    transferGroup->addButton(m_pull);
    transferGroup->addButton(m_push);
    auto *transferLayout = new QHBoxLayout(transferRow);
    transferLayout->setContentsMargins(0, 0, 0, 0);
    transferLayout->addWidget(m_pull);
    transferLayout->addWidget(m_push);
    transferLayout->addStretch(1);
    m_transferNote = new QLabel(this);
    m_transferNote->setObjectName(QStringLiteral("transferNote"));
    m_transferNote->setWordWrap(true);
    makeSecondary(m_transferNote);

    m_contactUrl = addressEdit(QStringLiteral("contactUrl"), tr("Contact URL"),
                               tr("https://exchange.example.com/exchange"));
    m_identifiers = new QLineEdit(QStringLiteral("email"), this);
    m_identifiers->setObjectName(QStringLiteral("identifiers"));
    m_identifiers->setAccessibleName(tr("Identifiers, comma-separated"));
    m_identifiers->setToolTip(tr("The member identifiers it understands, such as email, phone"));
    m_attributes = new QLineEdit(this);
    m_attributes->setObjectName(QStringLiteral("attributes"));
    m_attributes->setAccessibleName(tr("Attributes, comma-separated"));
    m_attributes->setPlaceholderText(tr("optional, such as first_name, country"));
    m_key = new QLineEdit(this);
    m_key->setObjectName(QStringLiteral("key"));
    m_key->setAccessibleName(tr("Bearer key"));
    m_key->setEchoMode(QLineEdit::Password);
    for (QLineEdit *edit : {m_name, m_identifiers, m_attributes, m_key})
        connect(edit, &QLineEdit::textChanged, this, &ConnectPage::changed);
    connect(m_role, &QComboBox::currentIndexChanged, this, &ExchangeConnectPage::updateTransfer);
    connect(m_pull, &QRadioButton::toggled, this, &ExchangeConnectPage::updateTransfer);

    auto *form = new QFormLayout;
    form->addRow(tr("&Name:"), m_name);
    form->addRow(tr("&Role:"), m_role);
    form->addRow(tr("Transfer:"), transferRow);
    form->addRow(m_transferNote);
    form->addRow(tr("Contact &URL:"), m_contactUrl);
    form->addRow(tr("&Identifiers:"), m_identifiers);
    form->addRow(tr("A&ttributes:"), m_attributes);
    form->addRow(tr("Bearer &key:"), m_key);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(form);
    layout->addStretch(1);
    updateTransfer();
}

QString ExchangeConnectPage::title() const
{
    return tr("Connect an Audience Exchange");
}

QString ExchangeConnectPage::intro() const
{
    return tr("Registers a system that speaks the audience exchange protocol: one the app pulls "
              "segments from, one that pushes its audiences to the app, or one the app delivers "
              "audiences to. The bearer key is kept in your system's keychain.");
}

Endpoint::Role ExchangeConnectPage::role() const
{
    return Endpoint::Role(m_role->currentData().toInt());
}

Endpoint::Transfer ExchangeConnectPage::transfer() const
{
    // A consumer is always pushed to; the app never waits for one to pull.
    if (role() == Endpoint::Role::Destination)
        return Endpoint::Transfer::Push;
    return m_push->isChecked() ? Endpoint::Transfer::Push : Endpoint::Transfer::Pull;
}

bool ExchangeConnectPage::isPushProducer() const
{
    return role() != Endpoint::Role::Destination && transfer() == Endpoint::Transfer::Push;
}

bool ExchangeConnectPage::isPullConsumer() const
{
    return role() != Endpoint::Role::Source && transfer() == Endpoint::Transfer::Pull;
}

QByteArray ExchangeConnectPage::key() const
{
    return m_key->text().trimmed().toUtf8();
}

void ExchangeConnectPage::updateTransfer()
{
    const bool destination = role() == Endpoint::Role::Destination;
    m_pull->setEnabled(!destination);
    if (destination && !m_push->isChecked())
        m_push->setChecked(true); // toggles back here
    QString note;
    switch (role()) {
    case Endpoint::Role::Source:
        note = transfer() == Endpoint::Transfer::Pull
                   ? tr("The app pulls segments from the contact URL.")
                   : tr("It pushes its audiences to the app's inbox; after connecting, this "
                        "window shows the address to push to.");
        break;
    case Endpoint::Role::Destination:
        note = tr("The app pushes audiences to the contact URL in batches.");
        break;
    case Endpoint::Role::Both:
        note = transfer() == Endpoint::Transfer::Pull
                   ? tr("The app pulls segments from the contact URL and pushes audiences to it.")
                   : tr("It pushes its audiences to the app's inbox, and the app pushes "
                        "audiences to the contact URL.");
        break;
    }
    m_transferNote->setText(note);
    emit changed();
}

QStringList ExchangeConnectPage::names(const QLineEdit *edit)
{
    QStringList out;
    for (const QString &part : edit->text().split(QLatin1Char(','))) {
        const QString name = part.trimmed();
        if (!name.isEmpty() && !out.contains(name))
            out << name;
    }
    return out;
}

QString ExchangeConnectPage::problem() const
{
    if (m_name->text().simplified().isEmpty())
        return tr("Give the endpoint a name.");
    // Only a pure PUSH producer has no address of its own: it comes to the app.
    const bool needsUrl = role() != Endpoint::Role::Source || !isPushProducer();
    const QString url = m_contactUrl->text().trimmed();
    if (needsUrl && url.isEmpty())
        return tr("Enter the contact URL, the exchange's base address such as "
                  "https://exchange.example.com/exchange.");
    if (!url.isEmpty() && !isWebAddress(url))
        return tr("The contact URL is not a valid http(s) address.");
    static const QRegularExpression Name(QStringLiteral("^[A-Za-z0-9_.:-]+$"));
    for (const QLineEdit *edit : {m_identifiers, m_attributes}) {
        for (const QString &name : names(edit)) {
            if (!Name.match(name).hasMatch())
                return tr("“%1” is not a valid field name: use letters, digits and _ . : - "
                          "separated by commas.")
                    .arg(name);
        }
    }
    const QString key = m_key->text().trimmed();
    if (key.isEmpty())
        return isPushProducer() ? tr("Enter a bearer key the producer will send with its pushes.")
                                : tr("Enter the bearer key the exchange gave you.");
    // Visible ASCII only: it travels in an Authorization header.
    static const QRegularExpression KeyChars(QStringLiteral("^[\\x21-\\x7e]+$"));
    if (!KeyChars.match(key).hasMatch())
        return tr("The bearer key may hold only visible ASCII characters, without spaces.");
    return {};
}

EndpointDraft ExchangeConnectPage::draft() const
{
    EndpointDraft draft;
    Endpoint &endpoint = draft.endpoint;
    endpoint.name = m_name->text().simplified();
    endpoint.kind = QStringLiteral("exchange");
    endpoint.role = role();
    endpoint.transfer = transfer();
    if (const QString url = m_contactUrl->text().trimmed(); !url.isEmpty())
        endpoint.contactUrl = QUrl(url);
    endpoint.identifiers = names(m_identifiers);
    endpoint.attributes = names(m_attributes);
    draft.secrets.insert(QStringLiteral("key"), key());
    // A PUSH producer's audiences arrive by themselves, a destination has none: only a PULL
    // producer is listed now.
    draft.listAudiences = endpoint.role != Endpoint::Role::Destination &&
                          endpoint.transfer == Endpoint::Transfer::Pull;
    return draft;
}

} // namespace courier::ui
