#include "MemberFingerprint.h"

#include <QtEndian>

namespace courier {

namespace delta {

namespace {

// The first 64 bits of the fractional parts of the square roots of 2, 3, 5, 7 and 11: constants
// with no structure of their own (the same ones SHA-512 starts from), so no input pattern
// cancels them.
constexpr quint64 K0 = 0x6a09e667f3bcc908ULL;
constexpr quint64 K1 = 0xbb67ae8584caa73bULL;
constexpr quint64 K2 = 0x3c6ef372fe94f82bULL;
constexpr quint64 K3 = 0xa54ff53a5f1d36f1ULL;
constexpr quint64 K4 = 0x510e527fade682d1ULL;

// The full 128-bit product folded to 64 bits: the high half carries the top input bits down,
// the low half the bottom ones up, so one fold spreads every bit of both words.
inline quint64 fold(quint64 a, quint64 b)
{
#ifdef __SIZEOF_INT128__
    __extension__ using Wide = unsigned __int128; // GCC and Clang: one MUL instruction on x86-64
    const Wide product = static_cast<Wide>(a) * b;
    return static_cast<quint64>(product) ^ static_cast<quint64>(product >> 64);
#else
    const quint64 aLo = a & 0xffffffffULL, aHi = a >> 32;
    const quint64 bLo = b & 0xffffffffULL, bHi = b >> 32;
    const quint64 ll = aLo * bLo, lh = aLo * bHi, hl = aHi * bLo, hh = aHi * bHi;
    const quint64 middle = (ll >> 32) + (lh & 0xffffffffULL) + (hl & 0xffffffffULL);
    const quint64 low = (middle << 32) | (ll & 0xffffffffULL);
    const quint64 high = hh + (lh >> 32) + (hl >> 32) + (middle >> 32);
    return low ^ high;
#endif
}

// Little-endian whatever the machine, so a snapshot's fingerprints mean the same everywhere.
inline quint64 load64(const uchar *p)
{
    return qFromLittleEndian<quint64>(p);
}

inline quint64 load32(const uchar *p)
{
    return qFromLittleEndian<quint32>(p);
}

} // namespace

quint64 hash64(const void *data, size_t size, quint64 seed)
{
    const auto *p = static_cast<const uchar *>(data);
    quint64 state = fold(seed ^ K0, K1);
    size_t left = size;
    while (left > 16) {
        state = fold(load64(p) ^ K1, load64(p + 8) ^ state);
        p += 16;
        left -= 16;
    }
    // 0 to 16 bytes remain. The two words overlap when fewer than 16 remain, which still covers
    // every byte: for a given length the words determine the bytes, and the length is mixed in
    // at the end.
    quint64 a = 0;
    quint64 b = 0;
    if (left >= 8) {
        a = load64(p);
        b = load64(p + left - 8);
    } else if (left >= 4) {
        a = load32(p);
        b = load32(p + left - 4);
    } else if (left > 0) {
        a = (quint64(p[0]) << 16) | (quint64(p[left >> 1]) << 8) | quint64(p[left - 1]);
    }
    state = fold(a ^ K2, b ^ state ^ K3);
    return fold(state ^ K4, static_cast<quint64>(size) ^ K0);
}

namespace cells {

void appendVarint(std::string &out, quint64 value)
{
    while (value >= 0x80) {
        out.push_back(static_cast<char>((value & 0x7f) | 0x80));
        value >>= 7;
    }
    out.push_back(static_cast<char>(value));
}

const char *readVarint(const char *p, const char *end, quint64 *value)
{
    quint64 result = 0;
    for (int shift = 0; shift < 64 && p < end; shift += 7) {
        const auto byte = static_cast<uchar>(*p++);
        result |= quint64(byte & 0x7f) << shift;
        if (!(byte & 0x80)) {
            *value = result;
            return p;
        }
    }
    return nullptr;
}

} // namespace cells

} // namespace delta

MemberFingerprint::MemberFingerprint(QList<int> identifierColumns)
    : m_identifierColumns(std::move(identifierColumns))
{}

void MemberFingerprint::compute(const RowBatch &batch, int row)
{
    // Different seeds keep a one-identifier row whose only cell is its identifier from having
    // keyFp == rowFp (harmless, but it would make the two easy to confuse in a bug).
    constexpr quint64 KeySeed = 0x6b6579; // "key"
    constexpr quint64 RowSeed = 0x726f77; // "row"
    m_key.clear();
    m_row.clear();
    m_hasKey = false;
    for (const int column : std::as_const(m_identifierColumns)) {
        const QByteArrayView cell = batch.cell(row, column);
        m_hasKey = m_hasKey || !cell.isEmpty();
        delta::cells::append(m_key, cell);
    }
    const int columns = batch.columnCount();
    for (int column = 0; column < columns; ++column)
        delta::cells::append(m_row, batch.cell(row, column));
    m_keyFp = delta::hash64(m_key.data(), m_key.size(), KeySeed);
    m_rowFp = delta::hash64(m_row.data(), m_row.size(), RowSeed);
}

} // namespace courier
