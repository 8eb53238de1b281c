// The widget tree of CsvExportDialog, apart from its behaviour so both stay readable.
#include "CsvExportDialog.h"
#include "EmptyState.h"
#include "MappingTableModel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

namespace courier::ui {

namespace {

constexpr int ExportColumnWidth = 220;

QLabel *mutedLabel(QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setWordWrap(true);
    makeSecondary(label);
    return label;
}

} // namespace

void CsvExportDialog::buildUi()
{
    setObjectName(QStringLiteral("csvExportDialog"));
    setWindowTitle(tr("Export CSV"));
    setSizeGripEnabled(true);
    resize(760, 660); // restoreGeometry() overrides this once the user has sized it

    // Messages (errors, the summary) appear here, inline, instead of in pop-ups.
    m_banner = new QLabel(this);
    m_banner->setObjectName(QStringLiteral("exportMessage"));
    m_banner->setAccessibleName(tr("Export message"));
    m_banner->setWordWrap(true);
    m_banner->setTextFormat(Qt::RichText);
    m_banner->setTextInteractionFlags(Qt::TextBrowserInteraction);
    m_banner->hide();
    connect(m_banner, &QLabel::linkActivated, this, &CsvExportDialog::openLink);

    // ---- The audience file ----
    auto *inputGroup = new QGroupBox(tr("Audience file"), this);
    m_inputEdit = new QLineEdit(inputGroup);
    m_inputEdit->setObjectName(QStringLiteral("inputPath"));
    m_inputEdit->setAccessibleName(tr("Audience file"));
    m_inputEdit->setPlaceholderText(tr("The CSV file to export"));
    auto *inputBrowse = new QPushButton(tr("&Browse…"), inputGroup);
    inputBrowse->setAccessibleName(tr("Browse for the audience file"));
    m_inputInfo = mutedLabel(inputGroup);
    m_inputInfo->setObjectName(QStringLiteral("inputInfo"));
    auto *inputLayout = new QGridLayout(inputGroup);
    inputLayout->addWidget(m_inputEdit, 0, 0);
    inputLayout->addWidget(inputBrowse, 0, 1);
    inputLayout->addWidget(m_inputInfo, 1, 0, 1, 2);
    connect(m_inputEdit, &QLineEdit::editingFinished, this, [this] { inspectInput(false); });
    connect(inputBrowse, &QPushButton::clicked, this, &CsvExportDialog::browseInput);

    // ---- The mapping ----
    auto *mappingGroup = new QGroupBox(tr("Columns"), this);
    auto *mappingHint = mutedLabel(mappingGroup);
    mappingHint->setText(tr("Untick the columns to leave out. Double-click a name under "
                            "“Export as” to rename the column in the exported file."));
    m_mapping = new MappingTableModel(this);
    m_mappingView = new QTableView(mappingGroup);
    m_mappingView->setObjectName(QStringLiteral("mappingTable"));
    m_mappingView->setAccessibleName(tr("Column mapping"));
    m_mappingView->setModel(m_mapping);
    m_mappingView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_mappingView->setSelectionMode(QAbstractItemView::SingleSelection);
    m_mappingView->setEditTriggers(QAbstractItemView::DoubleClicked |
                                   QAbstractItemView::EditKeyPressed |
                                   QAbstractItemView::SelectedClicked);
    m_mappingView->setAlternatingRowColors(true);
    m_mappingView->setShowGrid(false);
    m_mappingView->setWordWrap(false);
    m_mappingView->verticalHeader()->hide();
    QHeaderView *header = m_mappingView->horizontalHeader();
    header->setHighlightSections(false);
    header->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    header->setMinimumSectionSize(60);
    header->resizeSection(MappingTableModel::ExportColumn, ExportColumnWidth);
    header->setSectionResizeMode(MappingTableModel::TargetColumn, QHeaderView::Stretch);
    for (int column : {MappingTableModel::IdentifierColumn, MappingTableModel::TrimColumn,
                       MappingTableModel::LowercaseColumn})
        header->setSectionResizeMode(column, QHeaderView::ResizeToContents);
    m_mappingProblem = new QLabel(mappingGroup);
    m_mappingProblem->setObjectName(QStringLiteral("mappingProblem"));
    m_mappingProblem->setWordWrap(true);
    m_mappingProblem->setStyleSheet(QStringLiteral("QLabel { color: #b3261e; }"));
    m_mappingProblem->hide();
    auto *mappingLayout = new QVBoxLayout(mappingGroup);
    mappingLayout->addWidget(mappingHint);
    mappingLayout->addWidget(m_mappingView, 1);
    mappingLayout->addWidget(m_mappingProblem);
    connect(m_mapping, &QAbstractItemModel::dataChanged, this, &CsvExportDialog::updateState);
    connect(m_mapping, &QAbstractItemModel::modelReset, this, &CsvExportDialog::updateState);

    // ---- The output ----
    auto *outputGroup = new QGroupBox(tr("Export to"), this);
    m_outputEdit = new QLineEdit(outputGroup);
    m_outputEdit->setObjectName(QStringLiteral("outputPath"));
    m_outputEdit->setAccessibleName(tr("Export file"));
    auto *outputBrowse = new QPushButton(tr("Bro&wse…"), outputGroup);
    outputBrowse->setAccessibleName(tr("Choose where to save the export"));
    auto *outputRow = new QHBoxLayout;
    outputRow->addWidget(m_outputEdit, 1);
    outputRow->addWidget(outputBrowse);
    connect(m_outputEdit, &QLineEdit::textEdited, this, [this] {
        m_outputChosen = !outputPath().isEmpty();
        updateState();
    });
    connect(outputBrowse, &QPushButton::clicked, this, &CsvExportDialog::browseOutput);

    m_delimiterCombo = new QComboBox(outputGroup);
    m_delimiterCombo->setObjectName(QStringLiteral("delimiter"));
    m_delimiterCombo->setAccessibleName(tr("Delimiter"));
    m_delimiterCombo->addItem(tr("Comma"), int(','));
    m_delimiterCombo->addItem(tr("Semicolon"), int(';'));
    m_delimiterCombo->addItem(tr("Tab"), int('\t'));
    m_delimiterCombo->addItem(tr("Vertical bar"), int('|'));
    m_delimiterCombo->setSizeAdjustPolicy(QComboBox::AdjustToContents);

    m_formulaGuardCheck = new QCheckBox(tr("&Protect against spreadsheet formulas"), outputGroup);
    m_formulaGuardCheck->setObjectName(QStringLiteral("formulaGuard"));
    m_formulaGuardCheck->setChecked(true);
    m_formulaGuardCheck->setToolTip(
        tr("<p>A value that starts with = + - or @ can run as a formula when the file is opened "
           "in Excel, LibreOffice or Google Sheets. With this on, such values get a leading "
           "apostrophe (') so spreadsheets show them as plain text.</p><p>Phone numbers and "
           "amounts such as +46 70 123 45 67 or -12.50 are left as they are.</p>"));
    m_bomCheck = new QCheckBox(tr("Add a b&yte order mark for Excel"), outputGroup);
    m_bomCheck->setObjectName(QStringLiteral("byteOrderMark"));
    m_bomCheck->setToolTip(tr("Excel on Windows needs it to show accented letters correctly. "
                              "Leave it off for files that other systems import."));

    auto *outputLayout = new QFormLayout(outputGroup);
    outputLayout->setFieldGrowthPolicy(QFormLayout::ExpandingFieldsGrow);
    auto *fileLabel = new QLabel(tr("&File:"), outputGroup);
    fileLabel->setBuddy(m_outputEdit);
    outputLayout->addRow(fileLabel, outputRow);
    outputLayout->addRow(tr("&Delimiter:"), m_delimiterCombo);
    outputLayout->addRow(QString(), m_formulaGuardCheck);
    outputLayout->addRow(QString(), m_bomCheck);

    // ---- Progress and buttons ----
    m_progressRow = new QWidget(this);
    m_progressBar = new QProgressBar(m_progressRow);
    m_progressBar->setObjectName(QStringLiteral("exportProgress"));
    m_progressBar->setAccessibleName(tr("Export progress"));
    m_cancelButton = new QPushButton(tr("&Cancel"), m_progressRow);
    m_cancelButton->setObjectName(QStringLiteral("cancelExport"));
    m_cancelButton->setAccessibleName(tr("Cancel the export"));
    auto *progressLayout = new QHBoxLayout(m_progressRow);
    progressLayout->setContentsMargins(0, 0, 0, 0);
    progressLayout->addWidget(m_progressBar, 1);
    progressLayout->addWidget(m_cancelButton);
    m_progressRow->hide();
    connect(m_cancelButton, &QPushButton::clicked, this, &CsvExportDialog::cancelExport);

    auto *buttons = new QDialogButtonBox(this);
    m_exportButton = buttons->addButton(tr("&Export"), QDialogButtonBox::AcceptRole);
    m_exportButton->setObjectName(QStringLiteral("exportButton"));
    m_exportButton->setDefault(true);
    m_closeButton = buttons->addButton(QDialogButtonBox::Close);
    m_closeButton->setObjectName(QStringLiteral("closeButton"));
    // Export does not close the dialog: the summary appears here and another export may follow.
    connect(m_exportButton, &QPushButton::clicked, this, &CsvExportDialog::startExport);
    connect(buttons, &QDialogButtonBox::rejected, this, &CsvExportDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->setSpacing(10);
    layout->addWidget(m_banner);
    layout->addWidget(inputGroup);
    layout->addWidget(mappingGroup, 1);
    layout->addWidget(outputGroup);
    layout->addWidget(m_progressRow);
    layout->addWidget(buttons);

    m_lockedWhileRunning = {inputGroup, mappingGroup, outputGroup};

    setTabOrder(m_inputEdit, inputBrowse);
    setTabOrder(inputBrowse, m_mappingView);
    setTabOrder(m_mappingView, m_outputEdit);
    setTabOrder(m_outputEdit, outputBrowse);
    setTabOrder(outputBrowse, m_delimiterCombo);
    setTabOrder(m_delimiterCombo, m_formulaGuardCheck);
    setTabOrder(m_formulaGuardCheck, m_bomCheck);
    setTabOrder(m_bomCheck, m_cancelButton);
    setTabOrder(m_cancelButton, m_exportButton);
    setTabOrder(m_exportButton, m_closeButton);
}

} // namespace courier::ui
