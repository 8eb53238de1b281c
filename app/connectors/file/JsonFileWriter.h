#pragma once

#include <memory>
#include <QByteArrayView>
#include <QCoreApplication>
#include <QJsonValue>
#include <QString>
#include <string>
#include <vector>

class QSaveFile;

namespace courier {

// Writes one JSON document to a file as it is produced, token by token, so a document of any
// size never sits whole in memory: output is collected in a small buffer and flushed to a
// QSaveFile, which makes the file appear whole on commit() and leaves nothing behind when
// cancelled or destroyed uncommitted.
//
// Commas and nesting are tracked here; strings are escaped as RFC 8259 requires (quote,
// backslash, control characters), U+2028/U+2029 are escaped too (JavaScript readers choke on
// them), other non-ASCII is written as UTF-8, and ill-formed UTF-8 in byte strings becomes
// U+FFFD, so the file is always valid JSON in valid UTF-8.
//
//     JsonFileWriter json(path);
//     json.open();
//     json.beginObject();
//     json.key("respondents"); json.beginArray();
//     for (…) json.string(id);
//     json.endArray();
//     json.endObject();
//     if (!json.commit()) … json.errorString()
//
// After a failure every call is a no-op and commit() returns false with the first error.
class JsonFileWriter
{
    Q_DECLARE_TR_FUNCTIONS(JsonFileWriter)

public:
    // An array's layout: Compact "[1,2]" or OnePerLine "[\n1,\n2\n]" (readable, diffable).
    enum class Layout { Compact, OnePerLine };

    explicit JsonFileWriter(QString path);
    ~JsonFileWriter();
    JsonFileWriter(const JsonFileWriter &) = delete;
    JsonFileWriter &operator=(const JsonFileWriter &) = delete;

    bool open();

    void beginObject();
    void endObject();
    void beginArray(Layout layout = Layout::Compact);
    void endArray();
    // The next value's name; only inside an object.
    void key(QByteArrayView utf8Name);
    void key(const QString &name) { key(QByteArrayView(name.toUtf8())); }
    template <qsizetype N> void key(const char (&name)[N]) { key(QByteArrayView(name, N - 1)); }

    void string(QByteArrayView utf8); // UTF-8 bytes as a JSON string
    void string(const QString &text) { string(QByteArrayView(text.toUtf8())); }
    void string(const QByteArray &utf8) { string(QByteArrayView(utf8)); }
    template <qsizetype N> void string(const char (&text)[N])
    {
        string(QByteArrayView(text, N - 1));
    }
    void number(qint64 value);
    void boolean(bool value);
    void null();
    // Any QJsonValue (objects and arrays recursively, keys in QJsonObject's order).
    void value(const QJsonValue &value);

    // Flushes what is buffered and renames the file into place. The document must be closed.
    bool commit();
    // Discards the temporary file; the target is never created (or stays as it was).
    void cancel();

    bool hasFailed() const { return !m_error.isEmpty(); }
    QString errorString() const { return m_error; }
    QString path() const { return m_path; }
    // Bytes handed to the file so far / held in memory now (flat: at most FlushThreshold and
    // the last value written).
    qint64 bytesFlushed() const { return m_bytesFlushed; }
    qsizetype bytesBuffered() const { return qsizetype(m_buffer.size()); }

    static constexpr size_t FlushThreshold = 256 << 10;

    // Appends `utf8` to `out` as the inside of a JSON string (no quotes). Public for tests.
    static void appendEscaped(std::string &out, QByteArrayView utf8);

private:
    struct Level
    {
        bool object = false;
        Layout layout = Layout::Compact;
        qint64 items = 0;
        bool keyPending = false; // in an object: a key was written, its value not yet
    };

    bool beforeValue(); // commas, indentation, grammar checks; false when failed
    void afterScalar();
    bool flushIfFull();
    bool flush();
    void fail(const QString &message);

    QString m_path;
    std::unique_ptr<QSaveFile> m_file;
    std::string m_buffer;
    std::vector<Level> m_levels;
    qint64 m_bytesFlushed = 0;
    bool m_rootWritten = false;
    QString m_error;
};

} // namespace courier
