#pragma once

#include "connectors/csv/CsvWriter.h"
#include "mapping/Mapping.h"
#include "model/Run.h"
#include "pipeline/RowPipeline.h"

#include <atomic>
#include <functional>
#include <QCoreApplication>
#include <QString>

namespace courier {

class Database;

struct CsvExportRequest
{
    QString inputPath;
    char inputDelimiter = 0; // 0: sniff
    Mapping mapping;         // empty: every column, unchanged
    QString outputPath;
    QString rejectedPath; // empty: beside the output, "<name>.rejected.csv"
    CsvWriterOptions output;
};

struct CsvExportResult
{
    RunState state = RunState::Failed; // Succeeded, Failed or Cancelled
    PipelineCounters counters;
    double seconds = 0;
    QString error;
    QString rejectedPath; // set when rejected rows were written
    qint64 runId = 0;     // the run recorded in the cache, if one was given
};

// One manual CSV export: reads a CSV audience, maps it and writes the mapped CSV and the
// rejected rows beside it, all or nothing. Synchronous; run() belongs on a worker thread, and
// cancel() may be called from any thread. With a database, the run and its log are recorded
// in the cache for the Activity view.
class CsvExportJob
{
    Q_DECLARE_TR_FUNCTIONS(CsvExportJob)

public:
    explicit CsvExportJob(CsvExportRequest request, const Database *database = nullptr);

    // Called on the thread that runs the job, at most every intervalMs and once at the end.
    void setProgressCallback(std::function<void(const PipelineCounters &)> callback,
                             int intervalMs = 100)
    {
        m_progress = std::move(callback);
        m_progressIntervalMs = intervalMs;
    }
    void setBatchRows(int rows) { m_batchRows = rows; }

    CsvExportResult run();
    void cancel() { m_stop.store(true); }

    static QString defaultRejectedPath(const QString &outputPath);

private:
    CsvExportRequest m_request;
    const Database *m_database;
    std::function<void(const PipelineCounters &)> m_progress;
    int m_progressIntervalMs = 100;
    int m_batchRows = 4096;
    std::atomic<bool> m_stop = false;
};

} // namespace courier
