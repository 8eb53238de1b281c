#include "RowPipeline.h"

#include "common/Logging.h"
#include "mapping/Mapper.h"

#include <QElapsedTimer>

namespace courier {

RowPipeline::RowPipeline(RowReader &reader, Mapper &mapper, RowWriter &writer)
    : m_reader(reader)
    , m_mapper(mapper)
    , m_writer(writer)
{}

RowPipeline::Outcome RowPipeline::run()
{
    m_counters = {};
    m_error.clear();

    if (!m_writer.open(m_mapper.outputColumns()))
        return fail(m_writer.errorString());

    // Rows the reader rejects never reach a batch, so they are counted as read here.
    m_reader.setRejectSink([this](RejectedRow &&row) {
        ++m_counters.rowsRead;
        countReject(std::move(row));
    });
    const RejectSink mapperSink = [this](RejectedRow &&row) { countReject(std::move(row)); };

    RowBatch sourceBatch;
    RowBatch mappedBatch;
    QElapsedTimer sinceProgress;
    sinceProgress.start();
    bool more = true;
    while (more) {
        if (cancelled()) {
            m_writer.cancel();
            m_reader.setRejectSink({});
            return Outcome::Cancelled;
        }
        more = m_reader.read(sourceBatch, m_batchRows);
        if (!more && !m_reader.errorString().isEmpty()) {
            m_writer.cancel();
            m_reader.setRejectSink({});
            return fail(m_reader.errorString());
        }
        m_counters.rowsRead += sourceBatch.rowCount();
        m_mapper.map(sourceBatch, mappedBatch, mapperSink);
        if (!m_writer.write(mappedBatch)) {
            m_writer.cancel();
            m_reader.setRejectSink({});
            return fail(m_writer.errorString());
        }
        m_counters.rowsWritten += mappedBatch.rowCount();
        m_counters.bytesRead = m_reader.bytesRead();
        m_counters.bytesTotal = m_reader.bytesTotal();
        if (m_progress && sinceProgress.elapsed() >= m_progressIntervalMs) {
            m_progress(m_counters);
            sinceProgress.restart();
        }
    }
    m_reader.setRejectSink({});
    if (cancelled()) {
        m_writer.cancel();
        return Outcome::Cancelled;
    }
    if (!m_writer.commit())
        return fail(m_writer.errorString());
    if (m_progress)
        m_progress(m_counters);
    return Outcome::Succeeded;
}

void RowPipeline::countReject(RejectedRow &&row)
{
    ++m_counters.rowsRejected;
    if (m_rejectSink)
        m_rejectSink(std::move(row));
}

RowPipeline::Outcome RowPipeline::fail(const QString &message)
{
    m_error = message;
    qCWarning(lcExport).noquote() << "pipeline failed:" << message;
    return Outcome::Failed;
}

} // namespace courier
