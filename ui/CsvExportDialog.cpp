#include "CsvExportDialog.h"

#include "CacheReader.h"
#include "connectors/csv/CsvDialect.h"
#include "connectors/csv/CsvReader.h"
#include "Formatting.h"
#include "MappingTableModel.h"
#include "pipeline/RowBatch.h"
#include "store/Database.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDesktopServices>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSettings>
#include <QTableView>
#include <QtConcurrent>
#include <QTextDocumentFragment>
#include <QUrl>

namespace courier::ui {

namespace {

const QString SampleResource = QStringLiteral(":/samples/demo-audience.csv");
constexpr int FirstRowsChecked = 1000;

QString settingsKey(const char *name)
{
    return QStringLiteral("exportDialog/") + QLatin1String(name);
}

} // namespace

CsvExportDialog::CsvExportDialog(const Database &database, const Profile &profile, QWidget *parent)
    : QDialog(parent)
    , m_database(database)
    , m_profile(profile)
{
    qRegisterMetaType<CsvExportResult>();
    buildUi();
    connect(&m_watcher, &QFutureWatcher<CsvExportResult>::finished, this,
            &CsvExportDialog::finishExport);

    const QSettings settings;
    restoreGeometry(settings.value(settingsKey("geometry")).toByteArray());
    // A newcomer can export straight away: the bundled sample is pre-filled.
    setInputPath(samplePath());
}

CsvExportDialog::~CsvExportDialog()
{
    // Destroying the children moves focus, and a focused path field would report
    // editingFinished to this half-destroyed dialog.
    disconnect(m_inputEdit, nullptr, this, nullptr);
    QSettings().setValue(settingsKey("geometry"), saveGeometry());
    if (m_job) {
        // The worker calls back into this dialog (queued, but captured by pointer) and uses
        // the database: neither may go away before it has stopped.
        m_job->cancel();
        m_watcher.waitForFinished();
    }
}

QString CsvExportDialog::samplePath() const
{
    return QDir(m_profile.directory()).filePath(QFileInfo(SampleResource).fileName());
}

QString CsvExportDialog::inputPath() const
{
    return m_inputEdit->text().trimmed();
}

QString CsvExportDialog::outputPath() const
{
    return m_outputEdit->text().trimmed();
}

QString CsvExportDialog::defaultOutputPath(const QString &inputPath)
{
    if (inputPath.isEmpty())
        return {};
    const QFileInfo info(inputPath);
    return info.dir().filePath(info.completeBaseName() + QStringLiteral("-export.csv"));
}

void CsvExportDialog::setInputPath(const QString &path)
{
    m_inputEdit->setText(QDir::toNativeSeparators(path));
    inspectInput(true); // chosen again on purpose: the file may have been fixed since
}

void CsvExportDialog::setOutputPath(const QString &path)
{
    m_outputEdit->setText(QDir::toNativeSeparators(path));
    m_outputChosen = !path.isEmpty();
    updateState();
}

void CsvExportDialog::browseInput()
{
    const QString start = inputPath().isEmpty() ? m_profile.directory() : inputPath();
    const QString path =
        QFileDialog::getOpenFileName(this, tr("Choose an Audience File"), start,
                                     tr("CSV files (*.csv *.txt *.tsv);;All files (*)"));
    if (!path.isEmpty())
        setInputPath(path);
}

void CsvExportDialog::browseOutput()
{
    const QString start = outputPath().isEmpty() ? defaultOutputPath(inputPath()) : outputPath();
    const QString path =
        QFileDialog::getSaveFileName(this, tr("Export To"), start, tr("CSV files (*.csv)"));
    if (!path.isEmpty())
        setOutputPath(path);
}

CsvExportDialog::Inspection CsvExportDialog::inspect(const QString &path, const QString &samplePath)
{
    // Runs on a worker thread: this touches the disk, which may be slow or a network share.
    Inspection inspection;
    if (path == samplePath && !QFileInfo::exists(path)) {
        QDir().mkpath(QFileInfo(path).absolutePath());
        if (QFile::copy(SampleResource, path)) {
            // Files copied out of resources are read-only; the user owns this copy.
            QFile::setPermissions(path, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
        }
    }
    CsvReader reader;
    if (!reader.open(path)) {
        inspection.error = reader.errorString();
        return inspection;
    }
    // Opening checks the head only; reading the first rows also catches the commonest
    // problem, a file saved in a legacy encoding, before the user presses Export.
    RowBatch rows;
    if (!reader.read(rows, FirstRowsChecked) && !reader.errorString().isEmpty()) {
        inspection.error = reader.errorString();
        return inspection;
    }
    inspection.ok = true;
    inspection.columns = reader.columns();
    inspection.delimiter = reader.delimiter();
    return inspection;
}

void CsvExportDialog::inspectInput(bool force)
{
    const QString path = QDir::fromNativeSeparators(inputPath());
    if (!m_outputChosen)
        m_outputEdit->setText(QDir::toNativeSeparators(defaultOutputPath(path)));
    // Leaving the field unchanged re-reads nothing, unless the last read failed.
    if (!force && path == m_inspectedPath && !m_inspecting && m_inspectionOk)
        return;

    const quint64 generation = ++m_inspection;
    m_inspectedPath = path;
    m_inspecting = true;
    clearMessage();
    m_inputInfo->setText(path.isEmpty() ? tr("Choose the CSV file to export.")
                                        : tr("Reading the file…"));
    updateState();
    if (path.isEmpty()) {
        applyInspection(generation, {});
        return;
    }
    whenFinished(QtConcurrent::run(&CsvExportDialog::inspect, path, samplePath()), this,
                 [this, generation](const Inspection &inspection) {
                     applyInspection(generation, inspection);
                 });
}

void CsvExportDialog::applyInspection(quint64 generation, const Inspection &inspection)
{
    if (generation != m_inspection)
        return; // the user has picked another file since
    m_inspecting = false;
    m_inspectionOk = inspection.ok;
    m_inspectedDelimiter = inspection.delimiter;
    m_mapping->setSourceColumns(inspection.columns);
    // Long source names get room; short ones keep the comfortable default width.
    m_mappingView->resizeColumnToContents(MappingTableModel::ExportColumn);
    m_mappingView->setColumnWidth(
        MappingTableModel::ExportColumn,
        std::max(m_mappingView->columnWidth(MappingTableModel::ExportColumn), 200));
    if (inspection.ok) {
        m_inputInfo->setText(tr("%n column(s), separated by %1.", nullptr,
                                static_cast<int>(inspection.columns.size()))
                                 .arg(csv::delimiterDisplayName(inspection.delimiter)));
    } else {
        m_inputInfo->clear();
        if (!m_inspectedPath.isEmpty())
            showMessage(Tone::Error, inspection.error.toHtmlEscaped());
    }
    updateState();
    emit inputInspected(inspection.ok);
}

void CsvExportDialog::startExport()
{
    if (m_job || !m_exportButton->isEnabled())
        return;

    CsvExportRequest request;
    request.inputPath = QDir::fromNativeSeparators(inputPath());
    request.inputDelimiter = m_inspectedDelimiter;
    request.mapping = m_mapping->mapping();
    request.outputPath = QDir::fromNativeSeparators(outputPath());
    request.output.delimiter = static_cast<char>(m_delimiterCombo->currentData().toInt());
    request.output.formulaGuard = m_formulaGuardCheck->isChecked();
    request.output.writeBom = m_bomCheck->isChecked();

    // The worker owns a share of the job, so a cancelled job outlives this dialog's handle
    // until run() has returned.
    auto job = std::make_shared<CsvExportJob>(request, &m_database);
    job->setProgressCallback([this](const PipelineCounters &counters) {
        // Worker thread. Safe to name `this`: the destructor waits for the worker, and a
        // queued call to a destroyed receiver is dropped.
        QMetaObject::invokeMethod(
            this, [this, counters] { showProgress(counters); }, Qt::QueuedConnection);
    });
    m_job = job;
    m_runningInput = request.inputPath;
    m_lastOutput = request.outputPath;
    m_lastRejected.clear();

    clearMessage();
    m_progressBar->setRange(0, 0); // busy until the first report says how far
    m_progressRow->show();
    updateState();
    m_cancelButton->setFocus();
    m_watcher.setFuture(QtConcurrent::run([job] { return job->run(); }));
    emit exportStarted(request.inputPath);
}

void CsvExportDialog::cancelExport()
{
    if (!m_job)
        return;
    m_job->cancel();
    m_cancelButton->setEnabled(false);
    m_progressBar->setFormat(tr("Cancelling…"));
}

void CsvExportDialog::reject()
{
    // Closing is never blocked; it cancels a running export (which leaves no file behind).
    cancelExport();
    QDialog::reject();
}

void CsvExportDialog::showProgress(const PipelineCounters &counters)
{
    if (!m_job)
        return; // a late report for an export that has already finished
    int percent = -1;
    if (counters.bytesTotal > 0) {
        const double share = static_cast<double>(counters.bytesRead) / counters.bytesTotal;
        percent = std::clamp(static_cast<int>(share * 100.0), 0, 100);
        m_progressBar->setRange(0, 100);
        m_progressBar->setValue(percent);
    }
    if (m_cancelButton->isEnabled()) {
        m_progressBar->setFormat(tr("%1 · %Ln row(s) read", nullptr,
                                    static_cast<int>(std::min<qint64>(counters.rowsRead, INT_MAX)))
                                     .arg(format::percent(std::max(percent, 0))));
    }
    emit exportProgress(format::fileName(m_runningInput), percent);
}

void CsvExportDialog::finishExport()
{
    const CsvExportResult result = m_watcher.result();
    m_job.reset();
    m_progressRow->hide();
    m_progressBar->resetFormat();
    updateState();

    const PipelineCounters &c = result.counters;
    const auto asInt = [](qint64 value) {
        return static_cast<int>(std::min<qint64>(value, INT_MAX));
    };
    switch (result.state) {
    case RunState::Succeeded: {
        m_lastRejected = result.rejectedPath;
        QString html = tr("Wrote %Ln row(s) to <b>%1</b>.", nullptr, asInt(c.rowsWritten))
                           .arg(format::fileName(m_lastOutput).toHtmlEscaped());
        html +=
            QLatin1Char(' ') + QStringLiteral("<a href=\"folder\">%1</a>").arg(tr("Show folder"));
        if (c.rowsRejected > 0 && !result.rejectedPath.isEmpty()) {
            html += QStringLiteral("<br>") +
                    tr("Rejected %Ln row(s) — <a href=\"rejected\">Open rejected rows</a>", nullptr,
                       asInt(c.rowsRejected));
        }
        showMessage(Tone::Success, html);
        break;
    }
    case RunState::Cancelled:
        showMessage(Tone::Info, tr("Export cancelled; no file was written.").toHtmlEscaped());
        break;
    default:
        showMessage(Tone::Error, result.error.toHtmlEscaped());
        break;
    }
    if (isVisible())
        m_exportButton->setFocus();
    emit exportFinished(result);
}

void CsvExportDialog::openLink(const QString &link)
{
    if (link == QLatin1String("rejected") && !m_lastRejected.isEmpty())
        QDesktopServices::openUrl(QUrl::fromLocalFile(m_lastRejected));
    else if (link == QLatin1String("folder") && !m_lastOutput.isEmpty())
        QDesktopServices::openUrl(QUrl::fromLocalFile(QFileInfo(m_lastOutput).absolutePath()));
}

QString CsvExportDialog::messageText() const
{
    return m_banner->isHidden() ? QString()
                                : QTextDocumentFragment::fromHtml(m_banner->text()).toPlainText();
}

void CsvExportDialog::showMessage(Tone tone, const QString &html)
{
    // Fixed light tints with their own text colour stay readable under any palette.
    static const char *const styles[] = {
        "background:#e8f0fd; border:1px solid #b9cdf3; color:#17325f;",
        "background:#e7f4ea; border:1px solid #add7b6; color:#174d25;",
        "background:#fdecec; border:1px solid #f0b9b9; color:#6e1616;",
    };
    m_banner->setStyleSheet(QLatin1String("QLabel { border-radius:4px; padding:8px 10px; ") +
                            QLatin1String(styles[static_cast<int>(tone)]) + QLatin1String(" }"));
    m_banner->setText(html);
    m_banner->setAccessibleDescription(messageText());
    m_banner->show();
}

void CsvExportDialog::clearMessage()
{
    m_banner->hide();
    m_banner->clear();
}

void CsvExportDialog::updateState()
{
    const bool running = m_job != nullptr;
    for (QWidget *widget : std::as_const(m_lockedWhileRunning))
        widget->setEnabled(!running);
    m_cancelButton->setEnabled(running);

    const bool haveColumns = !m_inspecting && m_mapping->rowCount() > 0;
    const QString problem = haveColumns ? m_mapping->validate() : QString();
    m_mappingProblem->setText(problem);
    m_mappingProblem->setVisible(!problem.isEmpty());

    const bool ready = haveColumns && problem.isEmpty() && !outputPath().isEmpty();
    m_exportButton->setEnabled(!running && ready);
    m_exportButton->setToolTip(ready                    ? QString()
                               : outputPath().isEmpty() ? tr("Choose where to save the export.")
                                                        : problem);
    m_closeButton->setText(running ? tr("Cancel and C&lose") : tr("&Close"));
}

} // namespace courier::ui
