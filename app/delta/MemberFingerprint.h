#pragma once

#include "pipeline/RowBatch.h"

#include <QByteArrayView>
#include <QList>
#include <QtGlobal>
#include <string>

namespace courier {

namespace delta {

// A fast, non-cryptographic 64-bit hash, stable across builds and platforms (it is stored in
// member snapshots, so changing it makes every stored snapshot useless: bump the chunk format
// version in SnapshotFormat.h if it ever changes).
//
// Why our own: XXH3 would do, but only libxxhash's runtime is on the build machines (no header
// or link library to build against). OpenSSL has only cryptographic digests, whose per-call cost
// (hundreds of ns through EVP for a 30-byte key) would dominate a 10-million-member delta, and
// zlib's CRC-32 and Adler-32 are 32 bits: at 10 M members a 32-bit fingerprint collides
// thousands of times. This is a multiply-fold hash (the 128-bit product of two 64-bit words
// folded to 64 bits), the construction fast modern hashes use: every input bit reaches every
// output bit within two multiplications, and it runs at a few ns for a short key.
// It is not meant to resist someone crafting collisions on purpose; a collision would only make
// two members count as one.
quint64 hash64(const void *data, size_t size, quint64 seed = 0);
inline quint64 hash64(QByteArrayView bytes, quint64 seed = 0)
{
    return hash64(bytes.data(), static_cast<size_t>(bytes.size()), seed);
}

// Cells as one byte string: each cell is its length (LEB128 varint) then its bytes. The form is
// unambiguous (["ab", "c"] and ["a", "bc"] differ), so it is what the fingerprints hash, what a
// snapshot stores as a member's identifier cells and how rows are spooled to disk.
namespace cells {
void appendVarint(std::string &out, quint64 value);
// Reads a varint at p (p < end); nullptr when it runs past end or is longer than 10 bytes.
const char *readVarint(const char *p, const char *end, quint64 *value);
inline void append(std::string &out, QByteArrayView cell)
{
    appendVarint(out, static_cast<quint64>(cell.size()));
    out.append(cell.data(), static_cast<size_t>(cell.size()));
}
// Splits encoded cells; calls visit(QByteArrayView) for each. False when malformed.
template <typename Visit> bool forEach(QByteArrayView encoded, Visit &&visit)
{
    const char *p = encoded.data();
    const char *const end = p + encoded.size();
    while (p < end) {
        quint64 size = 0;
        p = readVarint(p, end, &size);
        if (!p || size > static_cast<quint64>(end - p))
            return false;
        visit(QByteArrayView(p, static_cast<qsizetype>(size)));
        p += size;
    }
    return true;
}
} // namespace cells

} // namespace delta

// Who a member is and what it looks like, for one mapped row.
//   keyFp: fingerprint of the identifier cells. Two members are the same member when their
//          keyFps are equal. With 64 bits the chance that any two of 10 million different
//          members share one is about n²/2⁶⁵ ≈ 3·10⁻⁶, which we accept rather than compare
//          identifiers byte by byte in the merge.
//   rowFp: fingerprint of all the cells: a member whose rowFp changed is sent again.
class MemberFingerprint
{
public:
    explicit MemberFingerprint(QList<int> identifierColumns);

    // Encodes the row's cells and fingerprints them. The views stay valid until the next call.
    void compute(const RowBatch &batch, int row);

    quint64 keyFp() const { return m_keyFp; }
    quint64 rowFp() const { return m_rowFp; }
    // False when every identifier cell is empty: such a row names no one.
    bool hasKey() const { return m_hasKey; }
    QByteArrayView keyCells() const { return {m_key.data(), static_cast<qsizetype>(m_key.size())}; }
    QByteArrayView rowCells() const { return {m_row.data(), static_cast<qsizetype>(m_row.size())}; }

private:
    QList<int> m_identifierColumns;
    std::string m_key;
    std::string m_row;
    quint64 m_keyFp = 0;
    quint64 m_rowFp = 0;
    bool m_hasKey = false;
};

} // namespace courier
