#include "SnapshotFormat.h"

#include "MemberFingerprint.h"

#include <cstring>
#include <QtEndian>

namespace courier::snapshotformat {

ChunkBuilder::ChunkBuilder()
{
    // clear() makes room for the record that crosses the target size, so the buffer rarely
    // grows.
    clear();
}

QByteArray ChunkBuilder::take(QByteArray spare)
{
    data();
    std::swap(m_data, spare);
    clear();
    return spare;
}

void ChunkBuilder::clear()
{
    if (m_data.capacity() < ChunkTargetBytes)
        m_data.reserve(ChunkTargetBytes + (64 << 10));
    m_data.resize(HeaderSize);
    std::memcpy(m_data.data(), Magic, sizeof Magic);
    qToLittleEndian<quint32>(0, m_data.data() + 4);
    m_count = 0;
}

void ChunkBuilder::append(quint64 keyFp, quint64 rowFp, QByteArrayView keyCells)
{
    // Written in place: at tens of millions of records an intermediate buffer shows.
    char varint[10];
    qsizetype varintSize = 0;
    for (quint64 size = static_cast<quint64>(keyCells.size());; size >>= 7) {
        if (size < 0x80) {
            varint[varintSize++] = static_cast<char>(size);
            break;
        }
        varint[varintSize++] = static_cast<char>((size & 0x7f) | 0x80);
    }
    const qsizetype at = m_data.size();
    m_data.resize(at + 16 + varintSize + keyCells.size());
    char *p = m_data.data() + at;
    qToLittleEndian<quint64>(keyFp, p);
    qToLittleEndian<quint64>(rowFp, p + 8);
    std::memcpy(p + 16, varint, static_cast<size_t>(varintSize));
    if (!keyCells.isEmpty())
        std::memcpy(p + 16 + varintSize, keyCells.data(), static_cast<size_t>(keyCells.size()));
    ++m_count;
}

QByteArrayView ChunkBuilder::data()
{
    qToLittleEndian<quint32>(m_count, m_data.data() + 4);
    return m_data;
}

bool ChunkParser::reset(QByteArrayView chunk)
{
    m_failed = false;
    m_read = 0;
    m_count = 0;
    m_pos = m_end = nullptr;
    if (chunk.size() < HeaderSize || std::memcmp(chunk.data(), Magic, sizeof Magic) != 0) {
        m_failed = true;
        return false;
    }
    m_count = qFromLittleEndian<quint32>(chunk.data() + 4);
    m_pos = chunk.data() + HeaderSize;
    m_end = chunk.data() + chunk.size();
    return true;
}

bool ChunkParser::next(SnapshotRecord &record)
{
    if (m_read == m_count) {
        // Trailing bytes after the last record mean the blob is not what its header says.
        m_failed = m_failed || m_pos != m_end;
        return false;
    }
    if (m_end - m_pos < 17) {
        m_failed = true;
        return false;
    }
    record.keyFp = qFromLittleEndian<quint64>(m_pos);
    record.rowFp = qFromLittleEndian<quint64>(m_pos + 8);
    quint64 size = 0;
    const char *cellsStart = delta::cells::readVarint(m_pos + 16, m_end, &size);
    if (!cellsStart || size > static_cast<quint64>(m_end - cellsStart)) {
        m_failed = true;
        return false;
    }
    record.keyCells = QByteArrayView(cellsStart, static_cast<qsizetype>(size));
    m_pos = cellsStart + size;
    ++m_read;
    return true;
}

} // namespace courier::snapshotformat
