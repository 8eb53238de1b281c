#include "Utf8.h"

#include <cstdint>
#include <cstring>
#include <initializer_list>

namespace courier::csv {

namespace {

constexpr std::uint64_t HighBits = 0x8080808080808080ULL;

bool isContinuation(uchar c)
{
    return (c & 0xC0) == 0x80;
}

} // namespace

void Utf8Validator::fail(qint64 offset, bool looksSingleByte)
{
    m_errorOffset = offset;
    m_looksSingleByte = looksSingleByte;
}

bool Utf8Validator::feed(QByteArrayView bytes)
{
    if (hasFailed())
        return false;
    const auto *const begin = reinterpret_cast<const uchar *>(bytes.data());
    const auto *const end = begin + bytes.size();
    const auto *p = begin;
    while (p < end) {
        if (m_pending == 0) {
            // Most CSV data is ASCII: skip it a word at a time.
            std::uint64_t word;
            while (end - p >= 8) {
                std::memcpy(&word, p, sizeof word);
                if (word & HighBits)
                    break;
                p += 8;
            }
            while (p < end && *p < 0x80)
                ++p;
            if (p == end)
                break;
            const uchar c = *p;
            m_sequenceStart = m_fed + (p - begin);
            m_low = 0x80;
            m_high = 0xBF;
            if (c >= 0xC2 && c <= 0xDF) {
                m_pending = 1;
            } else if (c >= 0xE0 && c <= 0xEF) {
                m_pending = 2;
                if (c == 0xE0)
                    m_low = 0xA0; // overlong
                else if (c == 0xED)
                    m_high = 0x9F; // surrogates
            } else if (c >= 0xF0 && c <= 0xF4) {
                m_pending = 3;
                if (c == 0xF0)
                    m_low = 0x90; // overlong
                else if (c == 0xF4)
                    m_high = 0x8F; // above U+10FFFF
            } else {
                // A stray continuation byte or a byte UTF-8 never uses.
                fail(m_sequenceStart, true);
                return false;
            }
            ++p;
        } else {
            const uchar c = *p;
            if (c < m_low || c > m_high) {
                // A lead byte followed by something other than a continuation byte is how
                // single-byte text ("Ås" is C5 73 in Windows-1252) usually fails.
                fail(m_sequenceStart, !isContinuation(c));
                return false;
            }
            m_low = 0x80;
            m_high = 0xBF;
            --m_pending;
            ++p;
        }
    }
    m_fed += bytes.size();
    return true;
}

bool Utf8Validator::finish()
{
    if (!hasFailed() && m_pending > 0)
        fail(m_sequenceStart, true);
    return !hasFailed();
}

bool isValidUtf8(QByteArrayView bytes)
{
    Utf8Validator validator;
    return validator.feed(bytes) && validator.finish();
}

ByteOrderMark detectByteOrderMark(QByteArrayView head)
{
    const auto startsWith = [head](std::initializer_list<uchar> mark) {
        if (head.size() < static_cast<qsizetype>(mark.size()))
            return false;
        qsizetype i = 0;
        for (uchar c : mark) {
            if (static_cast<uchar>(head[i++]) != c)
                return false;
        }
        return true;
    };
    // UTF-32LE starts like UTF-16LE, so test the longer marks first.
    if (startsWith({0xFF, 0xFE, 0x00, 0x00}))
        return ByteOrderMark::Utf32LE;
    if (startsWith({0x00, 0x00, 0xFE, 0xFF}))
        return ByteOrderMark::Utf32BE;
    if (startsWith({0xEF, 0xBB, 0xBF}))
        return ByteOrderMark::Utf8;
    if (startsWith({0xFF, 0xFE}))
        return ByteOrderMark::Utf16LE;
    if (startsWith({0xFE, 0xFF}))
        return ByteOrderMark::Utf16BE;
    return ByteOrderMark::None;
}

qsizetype byteOrderMarkSize(ByteOrderMark bom)
{
    switch (bom) {
    case ByteOrderMark::None:
        return 0;
    case ByteOrderMark::Utf8:
        return 3;
    case ByteOrderMark::Utf16LE:
    case ByteOrderMark::Utf16BE:
        return 2;
    case ByteOrderMark::Utf32LE:
    case ByteOrderMark::Utf32BE:
        return 4;
    }
    return 0;
}

} // namespace courier::csv
