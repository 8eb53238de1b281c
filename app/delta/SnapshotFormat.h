#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QtGlobal>

namespace courier {

// One member of a snapshot: who (keyFp and the identifier cells, encoded as in
// MemberFingerprint.h's cells::) and what was delivered for them (rowFp).
struct SnapshotRecord
{
    quint64 keyFp = 0;
    quint64 rowFp = 0;
    QByteArrayView keyCells; // points into the chunk being read; valid until the next record
};

// The layout of a member_snapshot_chunks.data blob:
//   header  "ACS1" (format version 1), then the record count (uint32 little-endian)
//   records keyFp (uint64 LE), rowFp (uint64 LE), the size of the identifier cells (varint),
//           the identifier cells
// Records are in ascending keyFp order within a chunk and across a snapshot's chunks (by seq).
// The fingerprints are fixed-size at the front so the merge reads them without decoding
// anything; only the identifier cells of a removed member are ever decoded.
namespace snapshotformat {

inline constexpr char Magic[4] = {'A', 'C', 'S', '1'};
inline constexpr qsizetype HeaderSize = 8;
// A chunk is written once it reaches this size: big enough that a 10-million-member snapshot
// is a few hundred rows, small enough that reading one costs a blip of memory.
inline constexpr qsizetype ChunkTargetBytes = 1 << 20;

// Fills one chunk. Reused from chunk to chunk, so a writer allocates once.
class ChunkBuilder
{
public:
    ChunkBuilder();

    void append(quint64 keyFp, quint64 rowFp, QByteArrayView keyCells);
    bool isFull() const { return m_data.size() >= ChunkTargetBytes; }
    bool isEmpty() const { return m_count == 0; }
    quint32 count() const { return m_count; }
    // The finished blob (header count filled in). Valid until the next append() or clear().
    QByteArrayView data();
    void clear();
    // Hands the finished blob over in exchange for spare, an empty buffer to fill next (its
    // capacity is kept, so buffers can go round without being reallocated).
    QByteArray take(QByteArray spare);

private:
    QByteArray m_data;
    quint32 m_count = 0;
};

// Walks the records of one chunk without copying them.
class ChunkParser
{
public:
    ChunkParser() = default;
    // False when the blob is not a chunk of a known format.
    bool reset(QByteArrayView chunk);

    // False at the end of the chunk, or when it is malformed (then failed() is true).
    bool next(SnapshotRecord &record);
    bool failed() const { return m_failed; }
    quint32 count() const { return m_count; }

private:
    const char *m_pos = nullptr;
    const char *m_end = nullptr;
    quint32 m_count = 0;
    quint32 m_read = 0;
    bool m_failed = false;
};

} // namespace snapshotformat

} // namespace courier
