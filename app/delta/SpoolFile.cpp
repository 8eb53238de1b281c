#include "SpoolFile.h"

#include <cerrno>
#include <cstring>
#include <QDir>
#include <QFileInfo>

namespace courier {

SpoolWriter::SpoolWriter(qsizetype bufferSize)
    : m_buffer(static_cast<size_t>(bufferSize))
{}

SpoolWriter::~SpoolWriter() = default;

bool SpoolWriter::open(const QString &path)
{
    m_file.close();
    m_file.setFileName(path);
    m_used = 0;
    m_flushed = 0;
    m_error.clear();
    if (!m_file.open(QIODevice::WriteOnly | QIODevice::Truncate | QIODevice::Unbuffered)) {
        m_error = tr("Cannot create the scratch file %1: %2")
                      .arg(QDir::toNativeSeparators(path), m_file.errorString());
        return false;
    }
    return true;
}

QString SpoolWriter::writeError(const QString &path, const QString &reason, bool diskFull)
{
    const QString folder = QDir::toNativeSeparators(QFileInfo(path).absolutePath());
    if (diskFull)
        return tr("The disk holding %1 is full. Free some space on it and run the share again.")
            .arg(folder);
    return tr("Cannot write the scratch file %1: %2").arg(QDir::toNativeSeparators(path), reason);
}

bool SpoolWriter::fail()
{
    // Qt reports ENOSPC (and the quota's EDQUOT) as a resource error; errno is checked too in
    // case a platform plugin reports it as a plain write error.
    const int code = errno;
    const bool diskFull = m_file.error() == QFileDevice::ResourceError || code == ENOSPC
#ifdef EDQUOT
                          || code == EDQUOT
#endif
        ;
    m_error = writeError(m_file.fileName(), m_file.errorString(), diskFull);
    m_used = 0;
    return false;
}

bool SpoolWriter::flush()
{
    if (!m_error.isEmpty())
        return false;
    const char *data = m_buffer.data();
    qsizetype left = m_used;
    while (left > 0) {
        errno = 0;
        const qint64 written = m_file.write(data, left);
        // A short write is not yet an error (the disk filled part-way): writing the rest makes
        // the system say why.
        if (written <= 0)
            return fail();
        data += written;
        left -= written;
        m_flushed += written;
    }
    m_used = 0;
    return true;
}

bool SpoolWriter::writeSlow(QByteArrayView bytes)
{
    if (!flush())
        return false;
    if (bytes.size() <= static_cast<qsizetype>(m_buffer.size())) {
        std::memcpy(m_buffer.data(), bytes.data(), static_cast<size_t>(bytes.size()));
        m_used = bytes.size();
        return true;
    }
    // Bigger than the whole buffer: straight to the file.
    const char *data = bytes.data();
    qsizetype left = bytes.size();
    while (left > 0) {
        errno = 0;
        const qint64 written = m_file.write(data, left);
        if (written <= 0)
            return fail();
        data += written;
        left -= written;
        m_flushed += written;
    }
    return true;
}

bool SpoolWriter::close()
{
    const bool flushed = flush();
    if (m_file.isOpen())
        m_file.close();
    return flushed;
}

SpoolReader::SpoolReader(qsizetype bufferSize)
    : m_buffer(static_cast<size_t>(bufferSize))
{}

bool SpoolReader::open(const QString &path)
{
    m_file.close();
    m_file.setFileName(path);
    m_pos = m_end = 0;
    m_eof = false;
    m_error.clear();
    if (!m_file.open(QIODevice::ReadOnly | QIODevice::Unbuffered)) {
        m_error = tr("Cannot read the scratch file %1: %2")
                      .arg(QDir::toNativeSeparators(path), m_file.errorString());
        return false;
    }
    return true;
}

bool SpoolReader::refill(qsizetype n)
{
    if (!m_error.isEmpty())
        return false;
    // Keep the unread tail (the start of a record) at the front, then fill up behind it.
    const qsizetype tail = m_end - m_pos;
    if (tail > 0 && m_pos > 0)
        std::memmove(m_buffer.data(), m_buffer.data() + m_pos, static_cast<size_t>(tail));
    m_pos = 0;
    m_end = tail;
    if (n > static_cast<qsizetype>(m_buffer.size()))
        m_buffer.resize(static_cast<size_t>(n));
    while (m_end < n && !m_eof) {
        const qint64 got =
            m_file.read(m_buffer.data() + m_end, static_cast<qint64>(m_buffer.size()) - m_end);
        if (got < 0) {
            m_error = tr("Cannot read the scratch file %1: %2")
                          .arg(QDir::toNativeSeparators(m_file.fileName()), m_file.errorString());
            return false;
        }
        if (got == 0)
            m_eof = true;
        m_end += got;
    }
    return m_end >= n;
}

} // namespace courier
