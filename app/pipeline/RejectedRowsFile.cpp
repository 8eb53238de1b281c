#include "pipeline/RejectedRowsFile.h"

#include <QFile>

namespace courier {

RejectedRowsFile::RejectedRowsFile(QString path, QStringList sourceColumns,
                                   CsvWriterOptions options)
    : m_path(std::move(path))
    , m_columns(QStringList{QStringLiteral("line"), QStringLiteral("reason")} + sourceColumns)
    , m_options(options)
{
    // Whatever their source, rejected cells are untrusted: the formula guard stays on.
    m_options.formulaGuard = true;
}

bool RejectedRowsFile::add(RejectedRow &&row)
{
    if (!m_error.isEmpty())
        return false;
    if (!m_writer) {
        m_writer = std::make_unique<CsvWriter>(m_path, m_options);
        if (!m_writer->open(m_columns)) {
            m_error = m_writer->errorString();
            return false;
        }
    }
    QList<QByteArray> cells;
    cells.reserve(row.fields.size() + 2);
    cells.append(QByteArray::number(row.line));
    cells.append(row.reason.toUtf8());
    cells.append(row.fields);
    if (!m_writer->writeRow(cells)) {
        m_error = m_writer->errorString();
        return false;
    }
    return true;
}

bool RejectedRowsFile::commit()
{
    if (!m_error.isEmpty())
        return false;
    if (!m_writer) {
        // A rejected-rows file from an earlier run of the same name would now mislead.
        if (QFile::exists(m_path))
            QFile::remove(m_path);
        return true;
    }
    if (!m_writer->commit()) {
        m_error = m_writer->errorString();
        return false;
    }
    return true;
}

void RejectedRowsFile::cancel()
{
    if (m_writer)
        m_writer->cancel();
}

} // namespace courier
