#include "CsvPartsReader.h"

#include "common/Logging.h"
#include "CsvWriter.h"

#include <QDir>
#include <QFileInfo>

namespace courier {

CsvPartsReader::CsvPartsReader(CsvReaderOptions options)
    : m_options(options)
{}

CsvPartsReader::~CsvPartsReader() = default;

bool CsvPartsReader::open(const QStringList &paths)
{
    Q_ASSERT(m_index < 0);
    m_paths = paths;
    if (m_paths.isEmpty())
        return fail(tr("There is no downloaded file to read."));
    m_bytesTotal = 0;
    for (const QString &path : std::as_const(m_paths)) {
        const QFileInfo info(path);
        if (!info.isFile()) {
            return fail(
                tr("The downloaded file %1 is missing.").arg(QDir::toNativeSeparators(path)));
        }
        m_bytesTotal += info.size();
    }
    if (!openPart(0))
        return false;
    m_columns = m_reader->columns();
    if (m_options.delimiter == 0)
        m_options.delimiter = m_reader->delimiter();
    return true;
}

QString CsvPartsReader::partName(int index) const
{
    return QFileInfo(m_paths.value(index)).fileName();
}

bool CsvPartsReader::openPart(int index)
{
    m_reader.reset();
    m_index = index;
    auto reader = std::make_unique<CsvReader>(m_options);
    const int number = index + 1;
    const QString name = partName(index);
    reader->setRejectSink([this, number, name](RejectedRow &&row) {
        row.reason = tr("part %1 (%2): %3").arg(number).arg(name, row.reason);
        reject(std::move(row));
    });
    if (!reader->open(m_paths.at(index))) {
        return fail(tr("Part %1 of %2 (%3) cannot be read: %4")
                        .arg(number)
                        .arg(m_paths.size())
                        .arg(name, reader->errorString()));
    }
    if (index > 0 && reader->columns() != m_columns) {
        return fail(tr("Part %1 of %2 (%3) has other columns than the first part: “%4” instead "
                       "of “%5”.")
                        .arg(number)
                        .arg(m_paths.size())
                        .arg(name, reader->columns().join(QStringLiteral(", ")),
                             m_columns.join(QStringLiteral(", "))));
    }
    m_reader = std::move(reader);
    return true;
}

bool CsvPartsReader::read(RowBatch &batch, int maxRows)
{
    batch.reset(static_cast<int>(m_columns.size()));
    while (m_reader && !m_failed) {
        if (m_reader->read(batch, maxRows))
            return true;
        if (!m_reader->errorString().isEmpty()) {
            return fail(tr("Part %1 of %2 (%3): %4")
                            .arg(m_index + 1)
                            .arg(m_paths.size())
                            .arg(partName(m_index), m_reader->errorString()));
        }
        // This part is read through; the rows of its last call are in the batch.
        m_bytesDone += QFileInfo(m_paths.at(m_index)).size();
        m_reader.reset();
        if (m_index + 1 >= m_paths.size()) {
            m_index = static_cast<int>(m_paths.size());
            return false;
        }
        if (!openPart(m_index + 1))
            return false;
        if (!batch.isEmpty())
            return true;
        batch.reset(static_cast<int>(m_columns.size()));
    }
    return false;
}

qint64 CsvPartsReader::bytesRead() const
{
    return m_bytesDone + (m_reader ? m_reader->bytesRead() : 0);
}

bool CsvPartsReader::fail(QString message)
{
    m_failed = true;
    m_reader.reset();
    m_error = std::move(message);
    qCWarning(lcCsv).noquote() << m_error;
    return false;
}

std::unique_ptr<RowReader> CsvPartsReader::openOwnParts(const QStringList &paths, QString *error)
{
    CsvReaderOptions options;
    options.delimiter = ',';
    auto reader = std::make_unique<CsvPartsReader>(options);
    if (!reader->open(paths)) {
        if (error)
            *error = reader->errorString();
        return nullptr;
    }
    return reader;
}

std::unique_ptr<RowReader> CsvPartsReader::openOwnParts(QStringList paths, const QString &emptyPath,
                                                        const QStringList &columns, QString *error)
{
    if (paths.isEmpty()) {
        CsvWriter writer(emptyPath, CsvWriterOptions{',', false, false});
        if (!writer.open(columns) || !writer.commit()) {
            if (error)
                *error = writer.errorString();
            return nullptr;
        }
        paths << emptyPath;
    }
    return openOwnParts(paths, error);
}

} // namespace courier
