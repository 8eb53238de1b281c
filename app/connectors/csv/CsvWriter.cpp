#include "CsvWriter.h"

#include "common/Logging.h"
#include "FormulaGuard.h"

#include <cstring>
#include <QDir>
#include <QFileInfo>

namespace courier {

namespace {
// Large enough to make write() calls rare, small enough to keep memory flat.
constexpr size_t FlushThreshold = 1 << 20;
} // namespace

CsvWriter::CsvWriter(QString path, CsvWriterOptions options)
    : m_path(std::move(path))
    , m_options(options)
{}

CsvWriter::~CsvWriter()
{
    // Destroying an uncommitted QSaveFile discards its temporary file; say so explicitly.
    if (m_file)
        m_file->cancelWriting();
}

bool CsvWriter::open(const QStringList &columns)
{
    m_error.clear();
    m_bytesWritten = 0;
    m_file = std::make_unique<QSaveFile>(m_path);
    if (!m_file->open(QIODevice::WriteOnly)) {
        const QString reason = m_file->errorString();
        m_file.reset();
        return fail(tr("Cannot write %1: %2").arg(QDir::toNativeSeparators(m_path), reason));
    }
    m_buffer.clear();
    m_buffer.reserve(FlushThreshold + (64 << 10));
    if (m_options.writeBom)
        m_buffer.append("\xEF\xBB\xBF");
    for (const QString &column : columns)
        appendCell(column.toUtf8());
    endRow();
    return flushIfFull();
}

bool CsvWriter::write(const RowBatch &batch)
{
    if (!m_file)
        return fail(tr("The export file is not open."));
    for (int row = 0; row < batch.rowCount(); ++row) {
        if (batch.columnCount() == 1 && batch.cell(row, 0).isEmpty())
            appendEmptyOnlyCell();
        else
            for (int column = 0; column < batch.columnCount(); ++column)
                appendCell(batch.cell(row, column));
        endRow();
        if (m_buffer.size() >= FlushThreshold && !flush())
            return false;
    }
    return true;
}

bool CsvWriter::writeRow(const QList<QByteArray> &cells)
{
    if (!m_file)
        return fail(tr("The export file is not open."));
    if (cells.size() == 1 && cells.constFirst().isEmpty())
        appendEmptyOnlyCell();
    else
        for (const QByteArray &cell : cells)
            appendCell(cell);
    endRow();
    return flushIfFull();
}

bool CsvWriter::commit()
{
    if (!m_file)
        return fail(tr("The export file is not open."));
    if (!flush())
        return false;
    if (!m_file->commit()) {
        const QString reason = m_file->errorString();
        m_file.reset();
        return fail(
            tr("Cannot finish writing %1: %2").arg(QDir::toNativeSeparators(m_path), reason));
    }
    m_file.reset();
    return true;
}

void CsvWriter::cancel()
{
    if (m_file) {
        m_file->cancelWriting();
        m_file->commit(); // with writing cancelled, this only removes the temporary file
        m_file.reset();
    }
    m_buffer.clear();
}

void CsvWriter::appendCell(QByteArrayView cell)
{
    if (m_rowStarted)
        m_buffer.push_back(m_options.delimiter);
    m_rowStarted = true;

    const bool guard = m_options.formulaGuard && csv::needsFormulaGuard(cell);
    bool quote = false;
    for (char c : cell) {
        if (c == m_options.delimiter || c == '"' || c == '\n' || c == '\r') {
            quote = true;
            break;
        }
    }
    if (!quote) {
        if (guard)
            m_buffer.push_back(csv::FormulaGuardPrefix);
        m_buffer.append(cell.data(), static_cast<size_t>(cell.size()));
        return;
    }
    m_buffer.push_back('"');
    if (guard)
        m_buffer.push_back(csv::FormulaGuardPrefix);
    const char *p = cell.data();
    const char *end = p + cell.size();
    while (p < end) {
        const void *found = std::memchr(p, '"', static_cast<size_t>(end - p));
        const char *q = found ? static_cast<const char *>(found) : end;
        m_buffer.append(p, static_cast<size_t>(q - p));
        if (q == end)
            break;
        m_buffer.append("\"\"");
        p = q + 1;
    }
    m_buffer.push_back('"');
}

// A record whose only field is empty would be a blank line, which readers skip as no record
// at all: quoted, it stays a row.
void CsvWriter::appendEmptyOnlyCell()
{
    m_buffer.append("\"\"");
    m_rowStarted = true;
}

void CsvWriter::endRow()
{
    m_buffer.append("\r\n");
    m_rowStarted = false;
}

bool CsvWriter::flushIfFull()
{
    return m_buffer.size() < FlushThreshold || flush();
}

bool CsvWriter::flush()
{
    // A short write is not an error yet (the disk filled up part-way); writing the rest makes
    // the device report why, so the message names the cause instead of "Unknown error".
    const char *data = m_buffer.data();
    qint64 remaining = static_cast<qint64>(m_buffer.size());
    while (remaining > 0) {
        const qint64 written = m_file->write(data, remaining);
        if (written <= 0) {
            const QString reason = m_file->errorString();
            cancel();
            return fail(tr("Cannot write %1: %2").arg(QDir::toNativeSeparators(m_path), reason));
        }
        data += written;
        remaining -= written;
        m_bytesWritten += written;
    }
    m_buffer.clear();
    return true;
}

bool CsvWriter::fail(const QString &message)
{
    m_error = message;
    qCWarning(lcCsv).noquote() << message;
    return false;
}

} // namespace courier
