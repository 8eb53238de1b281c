#include "ShareToCsvDialog.h"

#include "mapping/Mapping.h"
#include "model/Share.h"
#include "store/EndpointRepository.h"
#include "store/ShareRepository.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QVBoxLayout>

namespace courier::ui {

namespace {

// Event columns ("Event: Order placed (count)", as APSIS One names them) need a time window.
bool isEventColumn(const QString &column)
{
    return column.startsWith(QLatin1String("Event: "));
}

QStringList audienceColumns(const AudienceInfo &audience)
{
    QStringList columns = audience.identifiers;
    for (const QString &attribute : audience.attributes) {
        if (!columns.contains(attribute))
            columns << attribute;
    }
    return columns;
}

} // namespace

ShareToCsvDialog::ShareToCsvDialog(const AudienceInfo &audience, const QString &defaultDirectory,
                                   QWidget *parent)
    : QDialog(parent)
    , m_audience(audience)
{
    setObjectName(QStringLiteral("shareToCsvDialog"));
    setWindowTitle(tr("Share to a CSV File"));

    auto *intro = new QLabel(
        tr("Writes the members of “%1” to a CSV file. The share is kept on the Shares page, so "
           "you can run it again later.")
            .arg(audience.name),
        this);
    intro->setWordWrap(true);

    m_name = new QLineEdit(tr("%1 → CSV file").arg(audience.name), this);
    m_name->setObjectName(QStringLiteral("shareName"));
    m_directory = new QLineEdit(QDir::toNativeSeparators(defaultDirectory), this);
    m_directory->setObjectName(QStringLiteral("directory"));
    auto *browseButton = new QPushButton(tr("Browse…"), this);
    connect(browseButton, &QPushButton::clicked, this, &ShareToCsvDialog::browse);
    auto *directoryRow = new QHBoxLayout;
    directoryRow->addWidget(m_directory, 1);
    directoryRow->addWidget(browseButton);
    m_fileName = new QLineEdit(this);
    m_fileName->setObjectName(QStringLiteral("fileName"));
    m_fileName->setPlaceholderText(tr("A new file for each run, named after the share"));

    m_columns = new QListWidget(this);
    m_columns->setObjectName(QStringLiteral("columns"));
    m_columns->setAccessibleName(tr("Columns to write"));
    // Some sources offer columns as alternatives (The Fount: one respondent-id format per
    // export): the first is chosen, and choosing another unchooses it.
    const bool alternatives = audience.details.value(QStringLiteral("alternativeColumns")).toBool();
    for (const QString &column : audienceColumns(audience)) {
        auto *item = new QListWidgetItem(column, m_columns);
        item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
        item->setCheckState(!alternatives || m_columns->count() == 1 ? Qt::Checked : Qt::Unchecked);
    }
    if (alternatives) {
        connect(m_columns, &QListWidget::itemChanged, this, [this](QListWidgetItem *changed) {
            if (changed->checkState() != Qt::Checked)
                return;
            const QSignalBlocker blocker(m_columns);
            for (int i = 0; i < m_columns->count(); ++i) {
                if (m_columns->item(i) != changed)
                    m_columns->item(i)->setCheckState(Qt::Unchecked);
            }
        });
    }
    if (m_columns->count() == 0) {
        auto *item = new QListWidgetItem(tr("Every column the source sends"), m_columns);
        item->setFlags(Qt::ItemIsEnabled);
    }
    m_eventDays = new QSpinBox(this);
    m_eventDays->setObjectName(QStringLiteral("eventDays"));
    m_eventDays->setRange(1, 90);
    m_eventDays->setValue(30);
    m_eventDays->setSuffix(tr(" days"));
    m_eventDays->setToolTip(tr("Events count from this many days before each run up to the run."));
    m_runNow = new QCheckBox(tr("&Run the share now"), this);
    m_runNow->setChecked(true);

    auto *form = new QFormLayout;
    form->addRow(tr("Share &name:"), m_name);
    // A row holding a layout gets no buddy: give its label one, or "&" shows literally.
    auto *folderLabel = new QLabel(tr("&Folder:"), this);
    folderLabel->setBuddy(m_directory);
    form->addRow(folderLabel, directoryRow);
    form->addRow(tr("File na&me:"), m_fileName);
    form->addRow(tr("&Columns:"), m_columns);
    form->addRow(tr("&Events of the last:"), m_eventDays);
    m_eventDaysLabel = qobject_cast<QLabel *>(form->labelForField(m_eventDays));
    form->addRow(QString(), m_runNow);

    m_problem = new QLabel(this);
    m_problem->setObjectName(QStringLiteral("problem"));
    m_problem->setWordWrap(true);
    m_problem->setForegroundRole(QPalette::PlaceholderText);

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Create Share"));
    connect(m_buttons, &QDialogButtonBox::accepted, this, &ShareToCsvDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &ShareToCsvDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(form, 1);
    layout->addWidget(m_problem);
    layout->addWidget(m_buttons);

    for (QLineEdit *edit : {m_name, m_directory, m_fileName})
        connect(edit, &QLineEdit::textChanged, this, &ShareToCsvDialog::updateState);
    connect(m_columns, &QListWidget::itemChanged, this, &ShareToCsvDialog::updateState);
    updateState();
    resize(520, 480);
}

CsvShareRequest ShareToCsvDialog::request() const
{
    CsvShareRequest request;
    request.audience = m_audience;
    request.shareName = m_name->text().simplified();
    request.directory = QDir::cleanPath(QDir::fromNativeSeparators(m_directory->text().trimmed()));
    request.fileName = m_fileName->text().trimmed();
    for (int i = 0; i < m_columns->count(); ++i) {
        const QListWidgetItem *item = m_columns->item(i);
        if ((item->flags() & Qt::ItemIsUserCheckable) && item->checkState() == Qt::Checked)
            request.columns << item->text();
    }
    if (std::any_of(request.columns.cbegin(), request.columns.cend(), isEventColumn))
        request.sourceOptions.insert(QStringLiteral("eventDays"), m_eventDays->value());
    request.runNow = m_runNow->isChecked();
    return request;
}

QString ShareToCsvDialog::problem() const
{
    const CsvShareRequest wanted = request();
    if (wanted.shareName.isEmpty())
        return tr("Give the share a name.");
    if (m_directory->text().trimmed().isEmpty())
        return tr("Choose the folder the file goes to.");
    if (!QDir::isAbsolutePath(wanted.directory))
        return tr("The folder must be a full path, such as %1.")
            .arg(QDir::toNativeSeparators(QDir::homePath()));
    if (wanted.fileName.contains(QLatin1Char('/')) || wanted.fileName.contains(QLatin1Char('\\')))
        return tr("The file name must not contain a folder; choose the folder above.");
    // An audience that does not list its columns is shared with whatever the source sends.
    if (wanted.columns.isEmpty() && !audienceColumns(m_audience).isEmpty())
        return tr("Choose at least one column.");
    return {};
}

void ShareToCsvDialog::updateState()
{
    const QStringList columns = request().columns;
    const bool events = std::any_of(columns.cbegin(), columns.cend(), isEventColumn);
    m_eventDays->setVisible(events);
    if (m_eventDaysLabel)
        m_eventDaysLabel->setVisible(events);
    const QString text = problem();
    m_problem->setText(text);
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(text.isEmpty());
}

void ShareToCsvDialog::accept()
{
    if (!problem().isEmpty())
        return;
    // One stat of a folder the user typed: instant, and worth catching before the first run.
    if (!QFileInfo(request().directory).isDir()) {
        m_problem->setText(
            tr("The folder %1 does not exist.").arg(QDir::toNativeSeparators(request().directory)));
        return;
    }
    QDialog::accept();
}

void ShareToCsvDialog::browse()
{
    const QString chosen = QFileDialog::getExistingDirectory(
        this, tr("Folder for the CSV File"), QDir::fromNativeSeparators(m_directory->text()));
    if (!chosen.isEmpty())
        m_directory->setText(QDir::toNativeSeparators(chosen));
}

qint64 createCsvShare(const Database &database, const CsvShareRequest &request, QString *error)
{
    const QString directoryKey = QStringLiteral("directory");
    EndpointRepository endpoints(database);
    qint64 destinationId = 0;
    for (const Endpoint &endpoint : endpoints.list(error)) {
        if (endpoint.kind == QLatin1String("csv") && endpoint.role != Endpoint::Role::Source &&
            QDir::cleanPath(endpoint.settings.value(directoryKey).toString()) ==
                request.directory) {
            destinationId = endpoint.id;
            break;
        }
    }
    if (!destinationId) {
        Endpoint folder;
        folder.name = ShareToCsvDialog::tr("CSV files in %1")
                          .arg(QDir::toNativeSeparators(request.directory));
        folder.kind = QStringLiteral("csv");
        folder.role = Endpoint::Role::Destination;
        folder.settings = QJsonObject{{directoryKey, request.directory}};
        const auto id = endpoints.add(folder, error);
        if (!id)
            return 0;
        destinationId = *id;
    }

    Share share;
    share.name = request.shareName;
    share.audienceId = request.audience.id;
    share.destinationId = destinationId;
    share.action = Share::ShareAction::Add;
    share.sourceOptions = request.sourceOptions;
    if (!request.columns.isEmpty())
        share.mapping = Mapping::passThrough(request.columns).toJson();
    if (!request.fileName.isEmpty())
        share.destinationOptions = QJsonObject{{QStringLiteral("fileName"), request.fileName}};
    return ShareRepository(database).add(share, error).value_or(0);
}

} // namespace courier::ui
