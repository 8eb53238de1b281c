#pragma once

#include "RejectedRow.h"
#include "RowReader.h"
#include "RowWriter.h"

#include <atomic>
#include <functional>
#include <QCoreApplication>
#include <QString>

namespace courier {

class Mapper;

struct PipelineCounters
{
    qint64 rowsRead = 0; // every data row met in the source, good or not
    qint64 rowsWritten = 0;
    qint64 rowsRejected = 0; // by the reader (malformed) or the mapper (no identifier)
    qint64 bytesRead = 0;
    qint64 bytesTotal = -1;
};

// Moves rows from a reader through a mapper to a writer, batch by batch, so memory holds a
// couple of batches whatever the audience's size. Synchronous: run it on a worker thread.
class RowPipeline
{
    Q_DECLARE_TR_FUNCTIONS(RowPipeline)

public:
    enum class Outcome { Succeeded, Failed, Cancelled };

    RowPipeline(RowReader &reader, Mapper &mapper, RowWriter &writer);

    void setBatchRows(int rows) { m_batchRows = rows; }
    // Every rejected row, from the reader or the mapper, is counted and passed here.
    void setRejectSink(RejectSink sink) { m_rejectSink = std::move(sink); }
    // Checked between batches; when set, the writer is cancelled and nothing is committed.
    void setCancelFlag(const std::atomic<bool> *cancel) { m_cancel = cancel; }
    // Called at most every progressInterval milliseconds, and once at the end.
    void setProgressCallback(std::function<void(const PipelineCounters &)> callback,
                             int progressIntervalMs = 100)
    {
        m_progress = std::move(callback);
        m_progressIntervalMs = progressIntervalMs;
    }

    // Opens the writer with the mapper's columns, moves every row, and commits the writer.
    Outcome run();

    const PipelineCounters &counters() const { return m_counters; }
    QString errorString() const { return m_error; }

private:
    bool cancelled() const { return m_cancel && m_cancel->load(std::memory_order_relaxed); }
    void countReject(RejectedRow &&row);
    Outcome fail(const QString &message);

    RowReader &m_reader;
    Mapper &m_mapper;
    RowWriter &m_writer;
    int m_batchRows = 4096;
    RejectSink m_rejectSink;
    const std::atomic<bool> *m_cancel = nullptr;
    std::function<void(const PipelineCounters &)> m_progress;
    int m_progressIntervalMs = 100;
    PipelineCounters m_counters;
    QString m_error;
};

} // namespace courier
