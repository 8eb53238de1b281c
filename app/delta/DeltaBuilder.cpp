#include "DeltaBuilder.h"

#include "connectors/csv/CsvWriter.h"
#include "pipeline/RowBatch.h"
#include "SnapshotRepository.h"

#include <cstring>
#include <QDir>
#include <QFile>
#include <QStorageInfo>
#include <QtEndian>

namespace courier {

namespace {

// Rows with the identifier cells, in the audience's order: each is its size (uint32 LE) then its
// cells, encoded as MemberFingerprint::rowCells().
const auto RowsFileName = QStringLiteral("delta-rows.tmp");
const auto SortPrefix = QStringLiteral("delta-members");
const auto AddsFileName = QStringLiteral("adds.csv");
const auto RemovesFileName = QStringLiteral("removes.csv");
constexpr qsizetype RowHeader = 4;
constexpr int BatchRows = 4096;

// A sort record's payload: rowFp (uint64 LE), the row's number in the spool (varint), then the
// identifier cells.
struct Member
{
    quint64 rowFp = 0;
    quint64 row = 0;
    QByteArrayView keyCells;
};

bool decodeMember(QByteArrayView payload, Member &member)
{
    if (payload.size() < 9)
        return false;
    member.rowFp = qFromLittleEndian<quint64>(payload.data());
    const char *end = payload.data() + payload.size();
    const char *cells = delta::cells::readVarint(payload.data() + 8, end, &member.row);
    if (!cells)
        return false;
    member.keyCells = QByteArrayView(cells, end - cells);
    return true;
}

} // namespace

DeltaBuilder::DeltaBuilder(QString workDirectory, QStringList columns,
                           QList<int> identifierColumnIndexes, qsizetype memoryBudgetBytes)
    : m_workDirectory(std::move(workDirectory))
    , m_columns(std::move(columns))
    , m_identifierColumns(std::move(identifierColumnIndexes))
    , m_fingerprint(m_identifierColumns)
    , m_sorter(m_workDirectory, SortPrefix, memoryBudgetBytes)
{
    if (m_identifierColumns.isEmpty())
        m_error = tr("The mapping has no identifier column, so the members sent last time "
                     "cannot be told apart: mark at least one column as an identifier.");
    for (const int column : std::as_const(m_identifierColumns)) {
        if (column < 0 || column >= m_columns.size())
            m_error = tr("The mapping's identifier columns do not match its columns.");
    }
}

DeltaBuilder::~DeltaBuilder()
{
    m_rows.close();
    QFile::remove(QDir(m_workDirectory).filePath(RowsFileName));
}

QString DeltaBuilder::addsPath() const
{
    return QDir(m_workDirectory).filePath(AddsFileName);
}

QString DeltaBuilder::removesPath() const
{
    return QDir(m_workDirectory).filePath(RemovesFileName);
}

QStringList DeltaBuilder::identifierColumns() const
{
    QStringList names;
    for (const int column : m_identifierColumns)
        names.append(m_columns.value(column));
    return names;
}

bool DeltaBuilder::canCompareWith(const SnapshotInfo &previous) const
{
    // The key cells are fingerprinted in this order, so another order is another key.
    return previous.identifierColumns == identifierColumns();
}

bool DeltaBuilder::fail(const QString &message)
{
    if (m_error.isEmpty())
        m_error = message;
    return false;
}

bool DeltaBuilder::add(const RowBatch &mapped)
{
    Q_ASSERT(!m_finished);
    if (!m_error.isEmpty())
        return false;
    if (mapped.columnCount() != m_columns.size())
        return fail(tr("The mapped rows have %1 columns instead of the mapping's %2.")
                        .arg(mapped.columnCount())
                        .arg(m_columns.size()));
    if (!m_open) {
        if (!m_rows.open(QDir(m_workDirectory).filePath(RowsFileName)))
            return fail(m_rows.errorString());
        m_open = true;
    }
    const int rows = mapped.rowCount();
    for (int row = 0; row < rows; ++row) {
        m_fingerprint.compute(mapped, row);
        if (!m_fingerprint.hasKey()) {
            ++m_counts.withoutIdentifier;
            continue;
        }
        const QByteArrayView cells = m_fingerprint.rowCells();
        const qsizetype size = RowHeader + cells.size();
        if (size <= m_rows.bufferSize()) {
            char *p = m_rows.reserve(size);
            if (!p)
                return fail(m_rows.errorString());
            qToLittleEndian<quint32>(static_cast<quint32>(cells.size()), p);
            std::memcpy(p + RowHeader, cells.data(), static_cast<size_t>(cells.size()));
            m_rows.commit(size);
        } else {
            char header[RowHeader];
            qToLittleEndian<quint32>(static_cast<quint32>(cells.size()), header);
            if (!m_rows.write(QByteArrayView(header, RowHeader)) || !m_rows.write(cells))
                return fail(m_rows.errorString());
        }

        m_payload.resize(8);
        qToLittleEndian<quint64>(m_fingerprint.rowFp(), m_payload.data());
        delta::cells::appendVarint(m_payload, static_cast<quint64>(m_rowCount));
        const QByteArrayView key = m_fingerprint.keyCells();
        m_payload.append(key.data(), static_cast<size_t>(key.size()));
        if (!m_sorter.add(m_fingerprint.keyFp(), m_payload))
            return fail(m_sorter.errorString());
        ++m_rowCount;
    }
    return true;
}

namespace {

// CsvWriter reports the system's reason; when the disk is (nearly) full that reason is the one
// the user must act on, so it is said plainly.
QString csvError(const CsvWriter &writer, const QString &directory)
{
    const QStorageInfo storage(directory);
    if (storage.isValid() && storage.bytesAvailable() >= 0 &&
        storage.bytesAvailable() < (qint64(4) << 20))
        return SpoolWriter::writeError(writer.path(), writer.errorString(), true);
    return writer.errorString();
}

} // namespace

DeltaResult DeltaBuilder::finish(SnapshotReader *previous, SnapshotWriter *next)
{
    DeltaResult result;
    result.addsPath = addsPath();
    result.removesPath = removesPath();
    const auto failed = [&](const QString &message) {
        fail(message);
        result.error = m_error;
        return result;
    };
    if (m_finished)
        return failed(tr("The changes since the last delivery were already worked out."));
    m_finished = true;
    if (!m_error.isEmpty())
        return failed(m_error);
    if (previous && !canCompareWith(previous->snapshot()))
        return failed(tr("The identifier columns changed since the last delivery (%1, now %2), "
                         "so the changes cannot be worked out; the whole audience has to be "
                         "sent once.")
                          .arg(previous->snapshot().identifierColumns.join(QStringLiteral(", ")),
                               identifierColumns().join(QStringLiteral(", "))));
    if (m_open && !m_rows.close())
        return failed(m_rows.errorString());
    if (!m_sorter.finish())
        return failed(m_sorter.errorString());

    CsvWriterOptions options;
    options.formulaGuard = false; // read back by the engine: the values must stay exact
    CsvWriter adds(result.addsPath, options);
    CsvWriter removes(result.removesPath, options);
    if (!adds.open(m_columns))
        return failed(csvError(adds, m_workDirectory));
    if (!removes.open(m_columns))
        return failed(csvError(removes, m_workDirectory));

    // Which spooled rows to send, by row number: filled in keyFp order, read in row order.
    std::vector<quint64> send(static_cast<size_t>((m_rowCount + 63) / 64), 0);
    const auto mark = [&send](quint64 row) { send[row >> 6] |= quint64(1) << (row & 63); };

    // Where each identifier cell goes in a removes.csv row.
    std::vector<int> keyIndexOf(static_cast<size_t>(m_columns.size()), -1);
    for (int i = 0; i < m_identifierColumns.size(); ++i)
        keyIndexOf[static_cast<size_t>(m_identifierColumns[i])] = i;
    std::vector<QByteArrayView> keyCells;
    RowBatch removed(static_cast<int>(m_columns.size()));

    DeltaCounts counts = m_counts;
    ExternalSorter::Record current;
    bool anyCurrent = false;
    quint64 lastKey = 0;
    // The sorter is stable, so of the rows sharing a key the audience's first comes first.
    const auto nextCurrent = [&]() {
        while (m_sorter.next(current)) {
            if (anyCurrent && current.key == lastKey) {
                ++counts.duplicates;
                continue;
            }
            anyCurrent = true;
            lastKey = current.key;
            return true;
        }
        return false;
    };
    bool haveCurrent = nextCurrent();
    SnapshotRecord before;
    bool haveBefore = previous && previous->next(before);
    Member member;

    while (haveCurrent || haveBefore) {
        if (haveCurrent && (!haveBefore || current.key <= before.keyFp)) {
            if (!decodeMember(current.payload, member) ||
                member.row >= static_cast<quint64>(m_rowCount))
                return failed(tr("A scratch file of the delta is damaged."));
            if (haveBefore && current.key == before.keyFp) {
                if (member.rowFp == before.rowFp) {
                    ++counts.unchanged;
                } else {
                    ++counts.changed;
                    mark(member.row);
                }
                haveBefore = previous->next(before);
            } else {
                ++counts.added;
                mark(member.row);
            }
            if (next && !next->append(current.key, member.rowFp, member.keyCells))
                return failed(next->errorString());
            haveCurrent = nextCurrent();
            continue;
        }
        // In the previous snapshot only: the member left the audience.
        ++counts.removed;
        keyCells.clear();
        if (!delta::cells::forEach(
                before.keyCells, [&keyCells](QByteArrayView cell) { keyCells.push_back(cell); }) ||
            keyCells.size() != static_cast<size_t>(m_identifierColumns.size()))
            return failed(tr("The record of the members delivered last time is damaged."));
        for (int column = 0; column < m_columns.size(); ++column) {
            const int key = keyIndexOf[static_cast<size_t>(column)];
            removed.appendCell(key >= 0 ? keyCells[static_cast<size_t>(key)] : QByteArrayView());
        }
        removed.finishRow(0);
        if (removed.rowCount() >= BatchRows) {
            if (!removes.write(removed))
                return failed(csvError(removes, m_workDirectory));
            removed.clear();
        }
        haveBefore = previous->next(before);
    }
    if (!m_sorter.errorString().isEmpty())
        return failed(m_sorter.errorString());
    if (previous && !previous->errorString().isEmpty())
        return failed(previous->errorString());
    if (!removed.isEmpty() && !removes.write(removed))
        return failed(csvError(removes, m_workDirectory));
    if (next && !next->close())
        return failed(next->errorString());

    // The sort's memory and files are not needed any more (the engine keeps the builder while
    // it delivers).
    m_sorter.release();
    counts.current = counts.added + counts.changed + counts.unchanged;
    counts.previous = counts.changed + counts.unchanged + counts.removed;
    QString error;
    if (!writeAdds(adds, send, counts.added + counts.changed, &error))
        return failed(error);
    if (!adds.commit())
        return failed(csvError(adds, m_workDirectory));
    if (!removes.commit())
        return failed(csvError(removes, m_workDirectory));
    QFile::remove(QDir(m_workDirectory).filePath(RowsFileName));
    result.ok = true;
    result.counts = counts;
    return result;
}

bool DeltaBuilder::writeAdds(CsvWriter &adds, const std::vector<quint64> &send, qint64 toSend,
                             QString *error)
{
    if (toSend == 0)
        return true;
    // One pass over the spool in the audience's order, stopping after the last row to send.
    SpoolReader reader;
    if (!reader.open(QDir(m_workDirectory).filePath(RowsFileName))) {
        *error = reader.errorString();
        return false;
    }
    RowBatch batch(static_cast<int>(m_columns.size()));
    const auto damaged = [&] {
        *error = reader.errorString().isEmpty() ? tr("A scratch file of the delta is damaged.")
                                                : reader.errorString();
        return false;
    };
    qint64 sent = 0;
    for (quint64 row = 0; sent < toSend; ++row) {
        if (row >= static_cast<quint64>(m_rowCount) || !reader.ensure(RowHeader))
            return damaged();
        const auto size = static_cast<qsizetype>(qFromLittleEndian<quint32>(reader.data()));
        if (!reader.ensure(RowHeader + size))
            return damaged();
        if (!(send[row >> 6] & (quint64(1) << (row & 63)))) {
            reader.consume(RowHeader + size);
            continue;
        }
        int cellCount = 0;
        const bool wellFormed = delta::cells::forEach(
            QByteArrayView(reader.data() + RowHeader, size), [&](QByteArrayView cell) {
                if (++cellCount <= batch.columnCount())
                    batch.appendCell(cell);
            });
        if (!wellFormed || cellCount != batch.columnCount())
            return damaged();
        batch.finishRow(0);
        reader.consume(RowHeader + size);
        ++sent;
        if (batch.rowCount() >= BatchRows) {
            if (!adds.write(batch)) {
                *error = csvError(adds, m_workDirectory);
                return false;
            }
            batch.clear();
        }
    }
    if (!batch.isEmpty() && !adds.write(batch)) {
        *error = csvError(adds, m_workDirectory);
        return false;
    }
    return true;
}

} // namespace courier
