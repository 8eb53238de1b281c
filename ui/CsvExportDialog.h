#pragma once

#include "common/Profile.h"
#include "export/CsvExportJob.h"

#include <memory>
#include <QDialog>
#include <QFutureWatcher>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QTableView;

Q_DECLARE_METATYPE(courier::CsvExportResult)

namespace courier {

class Database;

namespace ui {

class MappingTableModel;

// Exports a CSV audience file to a new CSV file with a chosen mapping. Everything that touches
// files (reading the header, the export itself) runs on worker threads; the dialog only shows
// progress and results, inline rather than in pop-ups, so the user can fix and retry in place.
class CsvExportDialog : public QDialog
{
    Q_OBJECT

public:
    // The database records each run for the Activity page; it must outlive the dialog.
    CsvExportDialog(const Database &database, const Profile &profile, QWidget *parent = nullptr);
    // Cancels a running export and waits for its worker: the job uses this dialog's callbacks.
    ~CsvExportDialog() override;

    // Sets the audience file and reads its header in the background (inputInspected tells
    // when). Unless the user chose an output file, the output follows the input.
    void setInputPath(const QString &path);
    void setOutputPath(const QString &path);
    QString inputPath() const;
    QString outputPath() const;

    // The bundled sample, copied to the profile folder the first time it is used.
    QString samplePath() const;

    bool isRunning() const { return m_job != nullptr; }
    // The banner's current text (plain text), for tests and accessibility.
    QString messageText() const;

    MappingTableModel *mappingModel() const { return m_mapping; }
    QLineEdit *inputPathEdit() const { return m_inputEdit; }
    QLineEdit *outputPathEdit() const { return m_outputEdit; }
    QComboBox *delimiterCombo() const { return m_delimiterCombo; }
    QCheckBox *formulaGuardCheck() const { return m_formulaGuardCheck; }
    QCheckBox *byteOrderMarkCheck() const { return m_bomCheck; }
    QPushButton *exportButton() const { return m_exportButton; }
    QPushButton *cancelButton() const { return m_cancelButton; }

public slots:
    void startExport();
    void cancelExport();
    void reject() override;

signals:
    // ok is false when the file could not be read; messageText() then says why.
    void inputInspected(bool ok);
    void exportStarted(const QString &inputPath);
    void exportProgress(const QString &inputFileName, int percent);
    void exportFinished(const courier::CsvExportResult &result);

private:
    enum class Tone { Info, Success, Error };

    struct Inspection
    {
        bool ok = false;
        QStringList columns;
        char delimiter = ',';
        QString error;
    };

    void buildUi();
    void browseInput();
    void browseOutput();
    void inspectInput(bool force);
    void applyInspection(quint64 generation, const Inspection &inspection);
    void showProgress(const PipelineCounters &counters);
    void finishExport();
    void showMessage(Tone tone, const QString &html);
    void clearMessage();
    void openLink(const QString &link);
    void updateState();
    static QString defaultOutputPath(const QString &inputPath);
    static Inspection inspect(const QString &path, const QString &samplePath);

    const Database &m_database;
    Profile m_profile;

    QLabel *m_banner = nullptr;
    QLineEdit *m_inputEdit = nullptr;
    QLabel *m_inputInfo = nullptr;
    QTableView *m_mappingView = nullptr;
    MappingTableModel *m_mapping = nullptr;
    QLabel *m_mappingProblem = nullptr;
    QLineEdit *m_outputEdit = nullptr;
    QComboBox *m_delimiterCombo = nullptr;
    QCheckBox *m_formulaGuardCheck = nullptr;
    QCheckBox *m_bomCheck = nullptr;
    QWidget *m_progressRow = nullptr;
    QProgressBar *m_progressBar = nullptr;
    QPushButton *m_cancelButton = nullptr;
    QPushButton *m_exportButton = nullptr;
    QPushButton *m_closeButton = nullptr;
    QList<QWidget *> m_lockedWhileRunning;

    QString m_inspectedPath; // the input the mapping was read from
    char m_inspectedDelimiter = 0;
    quint64 m_inspection = 0; // generation: only the newest read may update the mapping
    bool m_inspecting = false;
    bool m_inspectionOk = false;
    bool m_outputChosen = false; // the user set the output: stop deriving it from the input

    std::shared_ptr<CsvExportJob> m_job; // shared with the worker, which may outlive a cancel
    QFutureWatcher<CsvExportResult> m_watcher;
    QString m_runningInput;
    QString m_lastOutput;
    QString m_lastRejected;
};

} // namespace ui
} // namespace courier
