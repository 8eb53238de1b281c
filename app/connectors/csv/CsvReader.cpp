#include "CsvReader.h"

#include "common/Logging.h"
#include "CsvDialect.h"

#include <algorithm>
#include <cstring>
#include <QDir>
#include <QFile>
#include <QLocale>

namespace courier {

namespace {

constexpr char Quote = '"';

// Copies a quoted field's content, turning each doubled quote into one; returns the size.
qsizetype unescapeQuoted(const char *in, qsizetype size, char *out)
{
    char *const outStart = out;
    const char *const end = in + size;
    while (in < end) {
        const char *quote = static_cast<const char *>(std::memchr(in, Quote, end - in));
        const char *stop = quote ? quote + 1 : end;
        std::memcpy(out, in, static_cast<size_t>(stop - in));
        out += stop - in;
        in = quote ? quote + 2 : end;
    }
    return out - outStart;
}

// Line breaks in [p, end), counting CRLF once: where a line number stands after some bytes.
qint64 countLineBreaks(const char *p, const char *end)
{
    qint64 breaks = 0;
    for (; p < end; ++p) {
        if (*p == '\n') {
            ++breaks;
        } else if (*p == '\r') {
            ++breaks;
            if (p + 1 < end && p[1] == '\n')
                ++p;
        }
    }
    return breaks;
}

} // namespace

CsvReader::CsvReader(CsvReaderOptions options)
    : m_options(options)
{
    m_options.chunkSize = std::max<qsizetype>(1, m_options.chunkSize);
    m_options.maxRecordBytes = std::max<qsizetype>(1, m_options.maxRecordBytes);
}

CsvReader::~CsvReader() = default;

bool CsvReader::open(const QString &path)
{
    Q_ASSERT(m_state == State::Closed);
    m_path = QDir::toNativeSeparators(path);
    auto file = std::make_unique<QFile>(path);
    if (!file->open(QIODevice::ReadOnly))
        return fail(tr("Cannot open “%1”: %2").arg(m_path, file->errorString()));
    m_device = std::move(file);
    return start();
}

bool CsvReader::open(std::unique_ptr<QIODevice> device)
{
    Q_ASSERT(m_state == State::Closed);
    if (!device)
        return fail(tr("Cannot open the input: there is none."));
    if (!device->isOpen() && !device->open(QIODevice::ReadOnly))
        return fail(tr("Cannot open the input: %1").arg(device->errorString()));
    if (!device->isReadable())
        return fail(tr("Cannot read the input: it is not open for reading."));
    m_device = std::move(device);
    return start();
}

bool CsvReader::start()
{
    if (m_options.delimiter == Quote || m_options.delimiter == '\r' ||
        m_options.delimiter == '\n') {
        return fail(tr("The delimiter cannot be a quote or a line break."));
    }
    m_bytesTotal = m_device->isSequential() ? -1 : m_device->size() - m_device->pos();
    if (!readHead())
        return false;
    setUpTables();
    if (!readHeader())
        return false;
    m_state = State::Open;
    qCDebug(lcCsv) << "opened" << m_path << "delimiter" << m_delimiter << "BOM" << m_hadBom
                   << "columns" << m_columns;
    return true;
}

// Peeks at the head to check the encoding and sniff the dialect, so that parsing then reads the
// device in chunks of chunkSize from the very first byte.
bool CsvReader::readHead()
{
    const QByteArray head = m_device->peek(csv::SniffHeadBytes);
    if (!checkEncoding(head))
        return false;
    const qsizetype bomSize = m_hadBom ? csv::byteOrderMarkSize(csv::ByteOrderMark::Utf8) : 0;
    m_delimiter = m_options.delimiter != 0
                      ? m_options.delimiter
                      : csv::sniffDialect(QByteArrayView(head).sliced(bomSize)).delimiter;
    while (m_end < bomSize && !m_eof) {
        if (!fill())
            return false;
    }
    m_pos = bomSize;
    return true;
}

bool CsvReader::checkEncoding(QByteArrayView head)
{
    switch (csv::detectByteOrderMark(head)) {
    case csv::ByteOrderMark::Utf8:
        m_hadBom = true;
        return true;
    case csv::ByteOrderMark::Utf16LE:
    case csv::ByteOrderMark::Utf16BE:
        return fail(tr("The file is UTF-16 encoded; save it as CSV UTF-8 and try again."));
    case csv::ByteOrderMark::Utf32LE:
    case csv::ByteOrderMark::Utf32BE:
        return fail(tr("The file is UTF-32 encoded; save it as CSV UTF-8 and try again."));
    case csv::ByteOrderMark::None:
        break;
    }
    // Text in UTF-16 without a BOM shows as a NUL next to every ASCII character.
    if (head.contains('\0')) {
        return fail(tr("The file contains NUL bytes: it is probably UTF-16 encoded or not a "
                       "text file. Save it as CSV UTF-8 and try again."));
    }
    return true;
}

bool CsvReader::readHeader()
{
    for (;;) {
        switch (parseRecord()) {
        case Parse::Record:
            m_columns.clear();
            m_columns.reserve(m_fieldCount);
            for (const QByteArray &name : fieldsAsRead())
                m_columns.append(QString::fromUtf8(name));
            return true;
        case Parse::BadRecord:
            return fail(tr("The header row on line %1 cannot be read: %2.")
                            .arg(QString::number(m_recordLine), m_badReason));
        case Parse::End:
            return fail(tr("The file is empty: it has no header row."));
        case Parse::TooLarge:
            return failRecordTooLarge();
        case Parse::NeedMore:
            if (!needMore())
                return false;
            break;
        }
    }
}

void CsvReader::setUpTables()
{
    m_stopUnquoted.fill(false);
    m_stopQuoted.fill(false);
    for (const char c : {'\n', '\r', Quote}) {
        m_stopUnquoted[static_cast<uchar>(c)] = true;
        m_stopQuoted[static_cast<uchar>(c)] = true;
    }
    m_stopUnquoted[static_cast<uchar>(m_delimiter)] = true;
}

// Appends up to a chunk of raw bytes to the buffer; 0 at the end of the input, -1 on error.
qint64 CsvReader::readChunk()
{
    const auto needed = static_cast<size_t>(m_end + m_options.chunkSize + 1);
    if (m_buffer.size() < needed)
        m_buffer.resize(needed);
    for (;;) {
        const qint64 n = m_device->read(m_buffer.data() + m_end, m_options.chunkSize);
        if (n < 0) {
            fail(m_path.isEmpty()
                     ? tr("Cannot read the input: %1").arg(m_device->errorString())
                     : tr("Cannot read “%1”: %2").arg(m_path, m_device->errorString()));
            return -1;
        }
        // A pipe or socket may have nothing yet without being finished.
        if (n == 0 && m_device->isSequential() && m_device->waitForReadyRead(-1))
            continue;
        if (n == 0)
            m_eof = true;
        m_end += n;
        return n;
    }
}

// Validates the bytes read since `from` and hides everything from the first bad one on, so
// the parser stops there and the error can name the line.
void CsvReader::validate(qsizetype from)
{
    const QByteArrayView fresh(m_buffer.data() + from, m_end - from);
    const bool valid = m_validator.feed(fresh) && (!m_eof || m_validator.finish());
    if (!valid) {
        const qsizetype bad =
            std::max(m_pos, qsizetype(m_validator.errorOffset() - m_bufferOffset));
        m_badByte = static_cast<uchar>(m_buffer[static_cast<size_t>(bad)]);
        m_end = bad;
    }
    m_buffer[static_cast<size_t>(m_end)] = '\n';
}

// Drops the parsed bytes and reads the next chunk after the pending record.
bool CsvReader::fill()
{
    if (m_validator.hasFailed())
        return failNotUtf8();
    const qsizetype pending = m_end - m_pos;
    if (m_pos > 0) {
        std::memmove(m_buffer.data(), m_buffer.data() + m_pos, static_cast<size_t>(pending));
        m_bufferOffset += m_pos;
        m_pos = 0;
        m_end = pending;
    }
    if (readChunk() < 0)
        return false;
    validate(pending);
    return true;
}

bool CsvReader::needMore()
{
    if (!m_validator.hasFailed() && m_end - m_pos > m_options.maxRecordBytes)
        return failRecordTooLarge();
    return fill();
}

// Parses the record at m_pos into m_fields. Commits m_pos and m_line only for a whole record,
// so after NeedMore the same record is parsed again from its start once more data is in.
CsvReader::Parse CsvReader::parseRecord()
{
    const char *const base = m_buffer.data();
    const char *const end = base + m_end;
    // The end of the buffer is the end of the record only at the true end of the input.
    const bool atEof = m_eof && !m_validator.hasFailed();
    const char *p = base + m_pos;
    qint64 line = m_line;

    // Blank lines are no records.
    for (;;) {
        if (p == end) {
            m_pos = p - base;
            m_line = line;
            return atEof ? Parse::End : Parse::NeedMore;
        }
        if (*p == '\n') {
            ++p;
        } else if (*p == '\r') {
            if (p + 1 == end && !atEof) {
                m_pos = p - base;
                m_line = line;
                return Parse::NeedMore;
            }
            ++p;
            if (p < end && *p == '\n')
                ++p;
        } else {
            break;
        }
        ++line;
    }
    m_pos = p - base;
    m_line = line;
    m_recordLine = line;
    m_fieldCount = 0;

    // Kept in locals: stores through Field could alias the members and force reloads.
    Field *out = m_fields.data();
    qsizetype count = 0;
    const auto addField = [&](const char *begin, qsizetype size, bool escaped) {
        if (count == static_cast<qsizetype>(m_fields.size())) [[unlikely]] {
            m_fields.resize(std::max<size_t>(16, 2 * m_fields.size()));
            out = m_fields.data();
        }
        out[count++] = Field{begin, size, escaped};
    };
    const bool *const stopUnquoted = m_stopUnquoted.data();
    const bool *const stopQuoted = m_stopQuoted.data();
    const char delimiter = m_delimiter;
    for (;;) {
        const char *const fieldStart = p;
        if (*p != Quote) {
            while (!stopUnquoted[static_cast<uchar>(*p)])
                ++p;
            if (p == end) {
                if (!atEof)
                    return Parse::NeedMore;
                addField(fieldStart, p - fieldStart, false);
                m_fieldCount = count;
                return endRecord(p, line, atEof);
            }
            if (*p == delimiter) {
                addField(fieldStart, p - fieldStart, false);
                ++p;
                continue;
            }
            if (*p == Quote) {
                m_fieldCount = count;
                return badRecord(fieldStart, p, line, atEof,
                                 tr("a quote inside unquoted field %1; a field with quotes in it "
                                    "must be quoted, with its quotes doubled")
                                     .arg(count + 1));
            }
            addField(fieldStart, p - fieldStart, false);
            m_fieldCount = count;
            return endRecord(p, line, atEof);
        }

        const qint64 quoteLine = line;
        const char *const contentStart = ++p;
        bool escaped = false;
        for (;;) {
            while (!stopQuoted[static_cast<uchar>(*p)])
                ++p;
            if (p == end) {
                if (!atEof)
                    return Parse::NeedMore;
                m_fieldCount = count;
                return badRecord(
                    fieldStart, p, line, atEof,
                    tr("a quoted field opened on line %1 is never closed").arg(quoteLine));
            }
            if (*p == '\n') {
                ++p;
                ++line;
                continue;
            }
            if (*p == '\r') {
                if (p + 1 == end && !atEof)
                    return Parse::NeedMore;
                ++p;
                if (p < end && *p == '\n')
                    ++p;
                ++line;
                continue;
            }
            // A quote: doubled, or closing. Which needs the byte after it.
            if (p + 1 == end && !atEof)
                return Parse::NeedMore;
            if (p + 1 < end && p[1] == Quote) {
                escaped = true;
                p += 2;
                continue;
            }
            break;
        }
        const char *const contentEnd = p++;
        if (p == end || *p == delimiter || *p == '\n' || *p == '\r') {
            addField(contentStart, contentEnd - contentStart, escaped);
            if (p < end && *p == delimiter) {
                ++p;
                continue;
            }
            m_fieldCount = count;
            return endRecord(p, line, atEof);
        }
        m_fieldCount = count;
        return badRecord(fieldStart, p, line, atEof,
                         tr("unexpected text after the closing quote of field %1").arg(count + 1));
    }
}

// p is at the record's line break, or at the end of the input.
CsvReader::Parse CsvReader::endRecord(const char *p, qint64 line, bool atEof)
{
    const char *const base = m_buffer.data();
    const char *const end = base + m_end;
    if (p - (base + m_pos) > m_options.maxRecordBytes)
        return Parse::TooLarge;
    if (p < end) {
        if (*p == '\r') {
            if (p + 1 == end && !atEof)
                return Parse::NeedMore;
            ++p;
            if (p < end && *p == '\n')
                ++p;
        } else {
            ++p;
        }
        ++line;
    }
    m_pos = p - base;
    m_line = line;
    return Parse::Record;
}

// Skips to the end of the physical line, ignoring quotes since they cannot be trusted any more,
// and keeps the rest of the line split at delimiters so the reject shows the fields as written.
CsvReader::Parse CsvReader::badRecord(const char *fieldStart, const char *p, qint64 line,
                                      bool atEof, QString reason)
{
    const char *const end = m_buffer.data() + m_end;
    for (;;) {
        while (!m_stopUnquoted[static_cast<uchar>(*p)] || (p < end && *p == Quote))
            ++p;
        if (p == end && !atEof)
            return Parse::NeedMore;
        addField(Field{fieldStart, p - fieldStart, false});
        if (p < end && *p == m_delimiter) {
            fieldStart = ++p;
            continue;
        }
        break;
    }
    const Parse result = endRecord(p, line, atEof);
    if (result != Parse::Record)
        return result;
    m_badReason = std::move(reason);
    return Parse::BadRecord;
}

void CsvReader::addField(Field field)
{
    if (m_fieldCount == static_cast<qsizetype>(m_fields.size()))
        m_fields.resize(std::max<size_t>(16, 2 * m_fields.size()));
    m_fields[static_cast<size_t>(m_fieldCount++)] = field;
}

bool CsvReader::read(RowBatch &batch, int maxRows)
{
    batch.reset(static_cast<int>(m_columns.size()));
    if (m_state != State::Open)
        return false;
    const qsizetype columnCount = m_columns.size();
    while (batch.rowCount() < maxRows) {
        switch (parseRecord()) {
        case Parse::Record:
            if (m_fieldCount == columnCount) {
                emitRow(batch);
            } else {
                const auto expected = static_cast<int>(columnCount);
                const qsizetype found = m_fieldCount;
                reject(
                    RejectedRow{m_recordLine,
                                tr("expected %n field(s), found %1", nullptr, expected).arg(found),
                                fieldsAsRead()});
            }
            break;
        case Parse::BadRecord:
            reject(RejectedRow{m_recordLine, m_badReason, fieldsAsRead()});
            break;
        case Parse::NeedMore:
            if (!needMore())
                return false;
            break;
        case Parse::TooLarge:
            return failRecordTooLarge();
        case Parse::End:
            m_state = State::Finished;
            return false;
        }
    }
    // Saves the caller a call that would only return an empty batch.
    if (m_eof && !m_validator.hasFailed() && m_pos == m_end) {
        m_state = State::Finished;
        return false;
    }
    return true;
}

void CsvReader::emitRow(RowBatch &batch) const
{
    for (const Field &field : fields()) {
        if (field.escaped) {
            char *out = batch.appendCellSpace(field.size);
            batch.shrinkLastCell(unescapeQuoted(field.begin, field.size, out));
        } else {
            batch.appendCell(QByteArrayView(field.begin, field.size));
        }
    }
    batch.finishRow(m_recordLine);
}

QList<QByteArray> CsvReader::fieldsAsRead() const
{
    QList<QByteArray> fields;
    fields.reserve(m_fieldCount);
    for (const Field &field : this->fields()) {
        QByteArray bytes(field.size, Qt::Uninitialized);
        if (field.escaped)
            bytes.truncate(unescapeQuoted(field.begin, field.size, bytes.data()));
        else if (field.size > 0)
            std::memcpy(bytes.data(), field.begin, static_cast<size_t>(field.size));
        fields.append(std::move(bytes));
    }
    return fields;
}

bool CsvReader::fail(QString message)
{
    m_state = State::Failed;
    m_error = std::move(message);
    qCDebug(lcCsv) << "failed:" << m_error;
    return false;
}

bool CsvReader::failNotUtf8()
{
    const char *const record = m_buffer.data() + m_pos;
    const qint64 line = m_line + countLineBreaks(record, m_buffer.data() + m_end);
    const QString byte =
        QStringLiteral("0x") +
        QString::number(m_badByte, 16).rightJustified(2, QLatin1Char('0')).toUpper();
    if (m_validator.errorLooksLikeSingleByteEncoding()) {
        return fail(tr("Line %1 is not valid UTF-8 (byte %2): the file is probably encoded as "
                       "Windows-1252 or ISO-8859-1 (Latin-1). Save it as CSV UTF-8 and try again.")
                        .arg(QString::number(line), byte));
    }
    return fail(tr("Line %1 is not valid UTF-8 (byte %2): the file is damaged or not UTF-8. "
                   "Save it as CSV UTF-8 and try again.")
                    .arg(QString::number(line), byte));
}

bool CsvReader::failRecordTooLarge()
{
    return fail(
        tr("The record starting on line %1 is larger than %2, most likely because a "
           "quoted field is never closed (an unclosed quote).")
            .arg(QString::number(m_line), QLocale().formattedDataSize(m_options.maxRecordBytes)));
}

} // namespace courier
