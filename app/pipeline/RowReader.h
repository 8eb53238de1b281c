#pragma once

#include "RejectedRow.h"
#include "RowBatch.h"

#include <QString>
#include <QStringList>

namespace courier {

// A stream of rows with named columns: a source's output once its data is on disk.
// Readers are synchronous and pull-based; the pipeline runs them on a worker thread.
class RowReader
{
public:
    virtual ~RowReader() = default;

    // The column names, known once the reader is open.
    virtual QStringList columns() const = 0;
    // Resets batch to columns().size() and fills it with up to maxRows rows. Rows that cannot be
    // read go to the reject sink instead. Returns false when the stream is exhausted or failed
    // (see errorString()); a batch filled by a call that returns false is still valid.
    virtual bool read(RowBatch &batch, int maxRows) = 0;
    // Empty unless the stream failed as a whole (I/O error, not UTF-8, ...).
    virtual QString errorString() const = 0;
    // Progress: bytes consumed so far, and the total if known (else -1).
    virtual qint64 bytesRead() const = 0;
    virtual qint64 bytesTotal() const = 0;

    void setRejectSink(RejectSink sink) { m_rejectSink = std::move(sink); }

protected:
    void reject(RejectedRow &&row)
    {
        if (m_rejectSink)
            m_rejectSink(std::move(row));
    }

private:
    RejectSink m_rejectSink;
};

} // namespace courier
