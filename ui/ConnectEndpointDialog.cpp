#include "ConnectEndpointDialog.h"

#include "CacheReader.h"
#include "ConnectPage.h"
#include "EmptyState.h"
#include "store/AudienceRepository.h"
#include "store/Database.h"

#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QProgressBar>
#include <QPushButton>
#include <QStyle>
#include <QVBoxLayout>

namespace courier::ui {

ConnectEndpointDialog::ConnectEndpointDialog(ConnectPage *page, const Database &database,
                                             SecretStore *secrets, AudienceRefresh *refresh,
                                             QWidget *parent)
    : QDialog(parent)
    , m_database(database)
    , m_page(page)
    , m_registration(new EndpointRegistration(database, secrets, refresh, this))
{
    setObjectName(QStringLiteral("connectEndpointDialog"));
    setWindowTitle(page->title());
    // The page first: its fields come first when tabbing, before the dialog's buttons.
    page->setParent(this);

    auto *intro = new QLabel(page->intro(), this);
    intro->setWordWrap(true);

    m_problem = new QLabel(this);
    m_problem->setObjectName(QStringLiteral("problem"));
    m_problem->setAccessibleName(tr("What is missing"));
    m_problem->setWordWrap(true);
    m_problem->setTextFormat(Qt::PlainText);
    makeSecondary(m_problem);

    m_progress = new QProgressBar(this);
    m_progress->setRange(0, 0);
    m_progress->setTextVisible(false);
    m_progress->setAccessibleName(tr("Connecting"));
    m_progress->setVisible(false);
    m_statusIcon = new QLabel(this);
    const int iconSize = style()->pixelMetric(QStyle::PM_SmallIconSize, nullptr, this);
    m_statusIcon->setPixmap(
        style()->standardIcon(QStyle::SP_MessageBoxWarning, nullptr, this).pixmap(iconSize));
    m_statusIcon->setVisible(false);
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("status"));
    m_status->setAccessibleName(tr("Connection status"));
    m_status->setWordWrap(true);
    m_status->setTextFormat(Qt::PlainText); // errors may quote what a server said
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_audiences = new QListWidget(this);
    m_audiences->setObjectName(QStringLiteral("audiences"));
    m_audiences->setAccessibleName(tr("Audiences found"));
    m_audiences->setVisible(false);
    m_note = new QLabel(this);
    m_note->setObjectName(QStringLiteral("connectedNote"));
    m_note->setAccessibleName(tr("Next step"));
    m_note->setWordWrap(true);
    m_note->setTextFormat(Qt::PlainText);
    m_note->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_note->setVisible(false);

    m_buttons = new QDialogButtonBox(this);
    m_connect = m_buttons->addButton(tr("&Connect"), QDialogButtonBox::AcceptRole);
    m_connect->setObjectName(QStringLiteral("connect"));
    m_close = m_buttons->addButton(QDialogButtonBox::Cancel);
    m_close->setObjectName(QStringLiteral("close"));
    connect(m_buttons, &QDialogButtonBox::accepted, this, &ConnectEndpointDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &ConnectEndpointDialog::reject);

    auto *statusRow = new QHBoxLayout;
    statusRow->addWidget(m_statusIcon, 0, Qt::AlignTop);
    statusRow->addWidget(m_status, 1);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addWidget(page);
    layout->addWidget(m_problem);
    layout->addWidget(m_progress);
    layout->addLayout(statusRow);
    layout->addWidget(m_audiences, 1);
    layout->addWidget(m_note);
    layout->addWidget(m_buttons);

    connect(page, &ConnectPage::changed, this, &ConnectEndpointDialog::updateState);
    connect(m_registration, &EndpointRegistration::stepStarted, this,
            &ConnectEndpointDialog::onStep);
    connect(m_registration, &EndpointRegistration::saved, this, [this](const Endpoint &endpoint) {
        m_endpointId = endpoint.id;
        emit endpointSaved(endpoint.id);
    });
    connect(m_registration, &EndpointRegistration::finished, this,
            &ConnectEndpointDialog::onFinished);
    updateState();
    // Wide enough that the explanations wrap into a few lines, not a column. (The page's width,
    // not the dialog's: a minimum set on the dialog would stop its layout from setting the
    // minimum height, and a small screen would squeeze the form.)
    page->setMinimumWidth(520);
    adjustSize();
}

ConnectEndpointDialog::~ConnectEndpointDialog() = default;

void ConnectEndpointDialog::accept()
{
    if (m_state == State::Connected)
        QDialog::accept();
    else if (m_state == State::Editing && m_page->problem().isEmpty())
        startConnect();
}

void ConnectEndpointDialog::reject()
{
    if (m_state == State::Working &&
        m_registration->step() != EndpointRegistration::Step::LoadingAudiences)
        return;
    if (m_state == State::Connected)
        QDialog::accept(); // done: Close is the way out
    else
        QDialog::reject();
}

void ConnectEndpointDialog::startConnect()
{
    EndpointDraft draft = m_page->draft();
    draft.endpoint.id = m_endpointId; // a retry updates the endpoint saved before
    m_endpointName = draft.endpoint.name;
    m_listsAudiences = draft.listAudiences;
    m_state = State::Working;
    m_audiences->clear();
    m_audiences->setVisible(false);
    updateState();
    m_registration->start(std::move(draft));
}

void ConnectEndpointDialog::onStep(EndpointRegistration::Step step)
{
    switch (step) {
    case EndpointRegistration::Step::Saving:
        showStatus(tr("Saving “%1”…").arg(m_endpointName), false);
        break;
    case EndpointRegistration::Step::StoringSecrets:
        showStatus(tr("Storing the credentials in the keychain…"), false);
        break;
    case EndpointRegistration::Step::LoadingAudiences:
        showStatus(tr("Signing in and loading the audiences of “%1”… You may close this window: "
                      "they will appear on the Audiences page.")
                       .arg(m_endpointName),
                   false);
        break;
    }
    updateState();
}

void ConnectEndpointDialog::onFinished(qint64 endpointId, bool secretsStored, bool ok, int count,
                                       const QString &error)
{
    m_endpointId = endpointId;
    if (ok) {
        m_state = State::Connected;
        const QString note = m_noteFor ? m_noteFor(endpointId) : QString();
        m_note->setText(note);
        m_note->setVisible(!note.isEmpty());
        if (!m_listsAudiences) {
            // Nothing to list (yet): its audiences arrive by themselves, or it only receives.
            showStatus(tr("“%1” is connected.").arg(m_endpointName), false);
            QMetaObject::invokeMethod(this, &QWidget::adjustSize, Qt::QueuedConnection);
        } else if (count > 0) {
            showStatus(tr("“%1” is connected. %n audience(s) found, now also on the Audiences "
                          "page:",
                          nullptr, count)
                           .arg(m_endpointName),
                       false);
            showAudiences(endpointId);
        } else {
            showStatus(tr("“%1” is connected, but has no audiences yet. Audiences created there "
                          "later appear after a refresh.")
                           .arg(m_endpointName),
                       false);
            QMetaObject::invokeMethod(this, &QWidget::adjustSize, Qt::QueuedConnection);
        }
    } else {
        m_state = State::Editing;
        showStatus(secretsStored ? tr("“%1” is saved, but its audiences could not be loaded. %2")
                                       .arg(m_endpointName, error)
                                 : error,
                   true);
    }
    updateState();
    emit connectFinished(endpointId, ok, count, error);
}

void ConnectEndpointDialog::showAudiences(qint64 endpointId)
{
    const Database *database = &m_database;
    whenFinished(QtConcurrent::run([database, endpointId] {
                     QStringList names;
                     for (const AudienceInfo &audience :
                          AudienceRepository(*database).listByEndpoint(endpointId))
                         names << audience.name;
                     database->releaseThreadConnection(); // a pool thread may retire
                     return names;
                 }),
                 this, [this](const QStringList &names) {
                     m_audiences->clear();
                     m_audiences->addItems(names);
                     m_audiences->setVisible(!names.isEmpty());
                     // The form is gone: fit the outcome.
                     QMetaObject::invokeMethod(this, &QWidget::adjustSize, Qt::QueuedConnection);
                 });
}

void ConnectEndpointDialog::showStatus(const QString &text, bool warning)
{
    m_status->setText(text);
    m_statusIcon->setVisible(warning);
    fitContentsLater();
}

void ConnectEndpointDialog::fitContentsLater()
{
    // Word-wrapped labels give the layout a height-for-width, and for such layouts Qt sets no
    // minimum height on the window: when a message grows by a line, the window must grow
    // itself, or the form gets squeezed. Later, once the layout has taken in the change.
    QMetaObject::invokeMethod(
        this,
        [this] {
            QLayout *box = layout();
            box->activate();
            const int needed = box->hasHeightForWidth() ? box->totalHeightForWidth(width())
                                                        : box->totalSizeHint().height();
            if (needed > height())
                resize(width(), needed);
        },
        Qt::QueuedConnection);
}

void ConnectEndpointDialog::updateState()
{
    const bool editing = m_state == State::Editing;
    const bool working = m_state == State::Working;
    const QString problem = editing ? m_page->problem() : QString();
    m_page->setEnabled(editing);
    // Once connected, the outcome replaces the form (which can no longer change).
    m_page->setVisible(m_state != State::Connected);
    m_problem->setText(problem);
    m_problem->setVisible(!problem.isEmpty());
    m_progress->setVisible(working);
    m_connect->setVisible(m_state != State::Connected);
    m_connect->setEnabled(editing && problem.isEmpty());
    m_connect->setText(m_endpointId ? tr("Connect &Again") : tr("&Connect"));
    m_connect->setDefault(true);
    m_close->setEnabled(!working ||
                        m_registration->step() == EndpointRegistration::Step::LoadingAudiences);
    // Once saved, leaving keeps the endpoint: "Close", not "Cancel".
    m_close->setText(m_endpointId ? tr("Close") : tr("Cancel"));
    if (m_state == State::Connected)
        m_close->setDefault(true);
    fitContentsLater();
}

} // namespace courier::ui
