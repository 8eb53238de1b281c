#pragma once

#include <QByteArrayView>
#include <QtGlobal>

namespace courier::csv {

// Validates UTF-8 fed in arbitrary pieces, so a multibyte sequence may straddle two reads.
// Follows the Unicode well-formedness table: overlongs, surrogates and code points above
// U+10FFFF are errors. Once an error is found the validator stays failed.
class Utf8Validator
{
public:
    // Returns false at the first ill-formed sequence (then see errorOffset()).
    bool feed(QByteArrayView bytes);
    // Call at end of input: a sequence cut short by the end is an error too.
    bool finish();
    void reset() { *this = Utf8Validator(); }

    bool hasFailed() const { return m_errorOffset >= 0; }
    // Offset, counted from the first byte ever fed, of the first byte of the bad sequence.
    qint64 errorOffset() const { return m_errorOffset; }
    // Whether the error looks like text in a single-byte legacy encoding (Windows-1252,
    // ISO-8859-1...): a high byte standing alone, rather than a damaged or forbidden sequence.
    bool errorLooksLikeSingleByteEncoding() const { return m_looksSingleByte; }

private:
    void fail(qint64 offset, bool looksSingleByte);

    qint64 m_fed = 0;
    qint64 m_sequenceStart = 0;
    qint64 m_errorOffset = -1;
    int m_pending = 0;  // continuation bytes still expected
    uchar m_low = 0x80; // bounds of the next continuation byte
    uchar m_high = 0xBF;
    bool m_looksSingleByte = false;
};

bool isValidUtf8(QByteArrayView bytes);

// What a byte order mark at the start of a file says about its encoding.
enum class ByteOrderMark { None, Utf8, Utf16LE, Utf16BE, Utf32LE, Utf32BE };
ByteOrderMark detectByteOrderMark(QByteArrayView head);
qsizetype byteOrderMarkSize(ByteOrderMark bom);

} // namespace courier::csv
