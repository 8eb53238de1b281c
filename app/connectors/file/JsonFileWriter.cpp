#include "JsonFileWriter.h"

#include "common/Logging.h"

#include <cmath>
#include <QDir>
#include <QJsonArray>
#include <QJsonObject>
#include <QSaveFile>

namespace courier {

namespace {

constexpr char Hex[] = "0123456789abcdef";
constexpr char Replacement[] = "\xEF\xBF\xBD"; // U+FFFD

// Bytes that may be copied into a JSON string as they are: printable ASCII but the quote and
// the backslash.
bool plainAscii(uchar c)
{
    return c >= 0x20 && c < 0x80 && c != '"' && c != '\\';
}

// The length of the well-formed UTF-8 sequence starting at p (Unicode table 3-7: no
// overlongs, no surrogates, nothing above U+10FFFF), or 0 when it is ill-formed.
int sequenceLength(const uchar *p, const uchar *end)
{
    const uchar c = p[0];
    int length = 0;
    uchar low = 0x80, high = 0xBF; // bounds of the second byte
    if (c >= 0xC2 && c <= 0xDF) {
        length = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
        length = 3;
        if (c == 0xE0)
            low = 0xA0;
        else if (c == 0xED)
            high = 0x9F;
    } else if (c >= 0xF0 && c <= 0xF4) {
        length = 4;
        if (c == 0xF0)
            low = 0x90;
        else if (c == 0xF4)
            high = 0x8F;
    } else {
        return 0;
    }
    if (end - p < length)
        return 0;
    if (p[1] < low || p[1] > high)
        return 0;
    for (int i = 2; i < length; ++i) {
        if (p[i] < 0x80 || p[i] > 0xBF)
            return 0;
    }
    return length;
}

} // namespace

JsonFileWriter::JsonFileWriter(QString path)
    : m_path(std::move(path))
{}

JsonFileWriter::~JsonFileWriter()
{
    cancel();
}

bool JsonFileWriter::open()
{
    m_error.clear();
    m_buffer.clear();
    m_levels.clear();
    m_rootWritten = false;
    m_bytesFlushed = 0;
    m_file = std::make_unique<QSaveFile>(m_path);
    if (!m_file->open(QIODevice::WriteOnly)) {
        const QString reason = m_file->errorString();
        m_file.reset();
        fail(tr("Cannot write %1: %2").arg(QDir::toNativeSeparators(m_path), reason));
        return false;
    }
    m_buffer.reserve(FlushThreshold + (16 << 10));
    return true;
}

bool JsonFileWriter::beforeValue()
{
    if (hasFailed())
        return false;
    if (!m_file) {
        fail(tr("The file %1 is not open.").arg(QDir::toNativeSeparators(m_path)));
        return false;
    }
    if (m_levels.empty()) {
        if (m_rootWritten) {
            Q_ASSERT_X(false, "JsonFileWriter", "a second top-level value");
            fail(tr("Internal error: a second JSON document in %1.").arg(m_path));
            return false;
        }
        m_rootWritten = true;
        return true;
    }
    Level &level = m_levels.back();
    if (level.object) {
        if (!level.keyPending) {
            Q_ASSERT_X(false, "JsonFileWriter", "a value without a key in an object");
            fail(tr("Internal error: a JSON value without a name in %1.").arg(m_path));
            return false;
        }
        level.keyPending = false;
        ++level.items;
        return true;
    }
    if (level.items > 0)
        m_buffer.push_back(',');
    if (level.layout == Layout::OnePerLine)
        m_buffer.push_back('\n');
    ++level.items;
    return true;
}

void JsonFileWriter::afterScalar()
{
    flushIfFull();
}

void JsonFileWriter::beginObject()
{
    if (!beforeValue())
        return;
    m_buffer.push_back('{');
    m_levels.push_back(Level{true, Layout::Compact, 0, false});
}

void JsonFileWriter::endObject()
{
    if (hasFailed())
        return;
    if (m_levels.empty() || !m_levels.back().object || m_levels.back().keyPending) {
        Q_ASSERT_X(false, "JsonFileWriter", "endObject() outside an object or after a key");
        fail(tr("Internal error: unbalanced JSON object in %1.").arg(m_path));
        return;
    }
    m_levels.pop_back();
    m_buffer.push_back('}');
    flushIfFull();
}

void JsonFileWriter::beginArray(Layout layout)
{
    if (!beforeValue())
        return;
    m_buffer.push_back('[');
    m_levels.push_back(Level{false, layout, 0, false});
}

void JsonFileWriter::endArray()
{
    if (hasFailed())
        return;
    if (m_levels.empty() || m_levels.back().object) {
        Q_ASSERT_X(false, "JsonFileWriter", "endArray() outside an array");
        fail(tr("Internal error: unbalanced JSON array in %1.").arg(m_path));
        return;
    }
    const Level level = m_levels.back();
    m_levels.pop_back();
    if (level.layout == Layout::OnePerLine && level.items > 0)
        m_buffer.push_back('\n');
    m_buffer.push_back(']');
    flushIfFull();
}

void JsonFileWriter::key(QByteArrayView utf8Name)
{
    if (hasFailed())
        return;
    if (m_levels.empty() || !m_levels.back().object || m_levels.back().keyPending) {
        Q_ASSERT_X(false, "JsonFileWriter", "key() outside an object or twice");
        fail(tr("Internal error: a JSON name out of place in %1.").arg(m_path));
        return;
    }
    Level &level = m_levels.back();
    if (level.items > 0)
        m_buffer.push_back(',');
    level.keyPending = true;
    m_buffer.push_back('"');
    appendEscaped(m_buffer, utf8Name);
    m_buffer.append("\":");
}

void JsonFileWriter::string(QByteArrayView utf8)
{
    if (!beforeValue())
        return;
    m_buffer.push_back('"');
    appendEscaped(m_buffer, utf8);
    m_buffer.push_back('"');
    afterScalar();
}

void JsonFileWriter::number(qint64 value)
{
    if (!beforeValue())
        return;
    m_buffer.append(std::to_string(value));
    afterScalar();
}

void JsonFileWriter::boolean(bool value)
{
    if (!beforeValue())
        return;
    m_buffer.append(value ? "true" : "false");
    afterScalar();
}

void JsonFileWriter::null()
{
    if (!beforeValue())
        return;
    m_buffer.append("null");
    afterScalar();
}

void JsonFileWriter::value(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Null:
    case QJsonValue::Undefined:
        null();
        return;
    case QJsonValue::Bool:
        boolean(value.toBool());
        return;
    case QJsonValue::Double: {
        const double d = value.toDouble();
        // Integers as integers ("id": 1, not 1.0); other numbers as Qt would write them
        // (non-finite ones cannot be in a QJsonValue).
        if (std::abs(d) < 9.007199254740992e15 && d == double(qint64(d))) {
            number(qint64(d));
            return;
        }
        if (!beforeValue())
            return;
        m_buffer.append(QByteArray::number(d, 'g', 17).toStdString());
        afterScalar();
        return;
    }
    case QJsonValue::String:
        string(value.toString());
        return;
    case QJsonValue::Array: {
        beginArray();
        const QJsonArray array = value.toArray();
        for (const QJsonValue &item : array)
            this->value(item);
        endArray();
        return;
    }
    case QJsonValue::Object: {
        beginObject();
        const QJsonObject object = value.toObject();
        for (auto it = object.constBegin(); it != object.constEnd(); ++it) {
            key(it.key());
            this->value(it.value());
        }
        endObject();
        return;
    }
    }
}

bool JsonFileWriter::commit()
{
    if (hasFailed())
        return false;
    if (!m_file) {
        fail(tr("The file %1 is not open.").arg(QDir::toNativeSeparators(m_path)));
        return false;
    }
    if (!m_levels.empty() || !m_rootWritten) {
        Q_ASSERT_X(false, "JsonFileWriter", "commit() of an unfinished document");
        fail(tr("Internal error: the JSON document in %1 is unfinished.").arg(m_path));
        cancel();
        return false;
    }
    if (!flush())
        return false;
    if (!m_file->commit()) {
        const QString reason = m_file->errorString();
        m_file.reset();
        fail(tr("Cannot finish writing %1: %2").arg(QDir::toNativeSeparators(m_path), reason));
        return false;
    }
    m_file.reset();
    return true;
}

void JsonFileWriter::cancel()
{
    if (m_file) {
        m_file->cancelWriting();
        m_file->commit(); // with writing cancelled, this only removes the temporary file
        m_file.reset();
    }
    m_buffer.clear();
    m_buffer.shrink_to_fit();
}

bool JsonFileWriter::flushIfFull()
{
    return m_buffer.size() < FlushThreshold || flush();
}

bool JsonFileWriter::flush()
{
    if (!m_file)
        return false;
    // A short write is not an error yet (the disk filled up part-way); writing the rest makes
    // the device say why.
    const char *data = m_buffer.data();
    qint64 remaining = qint64(m_buffer.size());
    while (remaining > 0) {
        const qint64 written = m_file->write(data, remaining);
        if (written <= 0) {
            const QString reason = m_file->errorString();
            cancel();
            fail(tr("Cannot write %1: %2").arg(QDir::toNativeSeparators(m_path), reason));
            return false;
        }
        data += written;
        remaining -= written;
        m_bytesFlushed += written;
    }
    m_buffer.clear();
    return true;
}

void JsonFileWriter::fail(const QString &message)
{
    if (!m_error.isEmpty())
        return; // the first error is the one that says what went wrong
    m_error = message;
    qCWarning(lcConnectors).noquote() << message;
}

void JsonFileWriter::appendEscaped(std::string &out, QByteArrayView utf8)
{
    const auto *p = reinterpret_cast<const uchar *>(utf8.data());
    const auto *end = p + utf8.size();
    while (p < end) {
        // Runs of plain ASCII (nearly every identifier) are copied in one go.
        const uchar *run = p;
        while (p < end && plainAscii(*p))
            ++p;
        if (p > run)
            out.append(reinterpret_cast<const char *>(run), size_t(p - run));
        if (p == end)
            break;
        const uchar c = *p;
        if (c < 0x80) {
            out.push_back('\\');
            switch (c) {
            case '"':
                out.push_back('"');
                break;
            case '\\':
                out.push_back('\\');
                break;
            case '\b':
                out.push_back('b');
                break;
            case '\f':
                out.push_back('f');
                break;
            case '\n':
                out.push_back('n');
                break;
            case '\r':
                out.push_back('r');
                break;
            case '\t':
                out.push_back('t');
                break;
            default: // the other control characters
                out.append("u00");
                out.push_back(Hex[c >> 4]);
                out.push_back(Hex[c & 0xF]);
                break;
            }
            ++p;
            continue;
        }
        const int length = sequenceLength(p, end);
        if (length == 0) {
            out.append(Replacement);
            ++p;
            continue;
        }
        if (length == 3 && p[0] == 0xE2 && p[1] == 0x80 && (p[2] == 0xA8 || p[2] == 0xA9)) {
            out.append(p[2] == 0xA8 ? "\\u2028" : "\\u2029");
        } else {
            out.append(reinterpret_cast<const char *>(p), size_t(length));
        }
        p += length;
    }
}

} // namespace courier
