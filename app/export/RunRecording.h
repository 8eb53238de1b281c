#pragma once

#include "model/Run.h"
#include "pipeline/RowPipeline.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QString>

namespace courier {

class Database;
struct CsvExportResult;

// Records one export run and its log in the cache, from the thread that runs the export.
// Without a database it records nothing, so jobs work the same in tests and scripts.
// Store failures are logged, never fatal: losing a log line must not lose the export.
class RunRecording
{
    Q_DECLARE_TR_FUNCTIONS(RunRecording)

public:
    explicit RunRecording(const Database *database);
    ~RunRecording();
    Q_DISABLE_COPY_MOVE(RunRecording)

    // The destination is the file the export writes; on success it becomes the run's output.
    void begin(const QString &source, const QString &destination);
    qint64 runId() const { return m_runId; }

    void event(RunEvent::Level level, const QString &message);
    // Throttled: the cache hears about progress a few times a second at most.
    void progress(const PipelineCounters &counters);
    void finish(const CsvExportResult &result, const QString &rejectedPath);

private:
    const Database *m_database;
    qint64 m_runId = 0;
    QString m_outputPath;
    QElapsedTimer m_sinceProgress;
};

} // namespace courier
