#pragma once

#include <cstring>
#include <QByteArrayView>
#include <QCoreApplication>
#include <QFile>
#include <QString>
#include <vector>

namespace courier {

// Buffered sequential writing and reading of the delta's scratch files in the run's work
// directory. QFile is opened unbuffered and fed large blocks, so a record costs a memcpy, not a
// system call. Errors are user-visible sentences; a full disk says so, since it is the one
// failure the user can fix right away.
class SpoolWriter
{
    Q_DECLARE_TR_FUNCTIONS(courier::SpoolWriter)

public:
    explicit SpoolWriter(qsizetype bufferSize = 1 << 20);
    ~SpoolWriter();
    Q_DISABLE_COPY_MOVE(SpoolWriter)

    // Creates or truncates the file.
    bool open(const QString &path);
    bool write(QByteArrayView bytes)
    {
        if (m_used + bytes.size() > static_cast<qsizetype>(m_buffer.size()))
            return writeSlow(bytes);
        std::memcpy(m_buffer.data() + m_used, bytes.data(), static_cast<size_t>(bytes.size()));
        m_used += bytes.size();
        return true;
    }
    // Space for n bytes in the buffer (n <= the buffer size), to encode into directly; nullptr
    // on a write error. Call commit(n) once they are written.
    char *reserve(qsizetype n)
    {
        if (m_used + n > static_cast<qsizetype>(m_buffer.size()) && !flush())
            return nullptr;
        return m_buffer.data() + m_used;
    }
    void commit(qsizetype n) { m_used += n; }
    qsizetype bufferSize() const { return static_cast<qsizetype>(m_buffer.size()); }

    // Bytes written so far, buffered ones included: the offset of the next byte.
    qint64 position() const { return m_flushed + m_used; }
    bool flush();
    // Flushes and closes; false if the last bytes could not be written.
    bool close();
    QString errorString() const { return m_error; }
    QString path() const { return m_file.fileName(); }

    // The message for a failed write to path; reason is the system's.
    static QString writeError(const QString &path, const QString &reason, bool diskFull);

private:
    bool writeSlow(QByteArrayView bytes);
    bool fail();

    QFile m_file;
    std::vector<char> m_buffer;
    qsizetype m_used = 0;
    qint64 m_flushed = 0;
    QString m_error;
};

// Reads a file front to back through a window that the caller advances; a record that crosses
// the end of the window is carried over to the next one, so records are always contiguous.
class SpoolReader
{
    Q_DECLARE_TR_FUNCTIONS(courier::SpoolReader)

public:
    explicit SpoolReader(qsizetype bufferSize = 1 << 20);
    Q_DISABLE_COPY_MOVE(SpoolReader)

    bool open(const QString &path);
    void close() { m_file.close(); }

    // The unread bytes in the window. At least n of them after ensure(n) returned true.
    const char *data() const { return m_buffer.data() + m_pos; }
    qsizetype available() const { return m_end - m_pos; }
    // Makes n bytes available (growing the window if n is larger than it); false at the end of
    // the file (fewer than n remain, check atEnd()/errorString()) or on a read error.
    bool ensure(qsizetype n) { return m_end - m_pos >= n || refill(n); }
    void consume(qsizetype n) { m_pos += n; }
    // True when everything was read.
    bool atEnd() const { return m_pos == m_end && m_eof; }
    QString errorString() const { return m_error; }

private:
    bool refill(qsizetype n);

    QFile m_file;
    std::vector<char> m_buffer;
    qsizetype m_pos = 0;
    qsizetype m_end = 0;
    bool m_eof = false;
    QString m_error;
};

} // namespace courier
