#pragma once

#include <algorithm>
#include <QIODevice>
#include <QtGlobal>
#include <vector>

namespace courier {

// A rapidjson input stream over a QIODevice, read in slices (rapidjson's FileReadStream wants
// a FILE *, which cannot open every path QFile can, e.g. non-ASCII ones on Windows).
class JsonDeviceStream
{
public:
    using Ch = char;
    static constexpr qint64 SliceBytes = 64 << 10;

    explicit JsonDeviceStream(QIODevice &device)
        : m_device(device)
        , m_buffer(SliceBytes)
    {
        refill();
    }

    // '\0' at the end: rapidjson then reports the document as cut short.
    Ch Peek() const { return m_pos < m_size ? m_buffer[size_t(m_pos)] : '\0'; }
    Ch Take()
    {
        if (m_pos >= m_size)
            return '\0';
        const Ch c = m_buffer[size_t(m_pos++)];
        if (m_pos == m_size)
            refill();
        return c;
    }
    size_t Tell() const { return size_t(m_consumed + m_pos); }

    // Output is not supported (only used by in-situ parsing, which this is not).
    Ch *PutBegin()
    {
        Q_ASSERT(false);
        return nullptr;
    }
    void Put(Ch) { Q_ASSERT(false); }
    void Flush() { Q_ASSERT(false); }
    size_t PutEnd(Ch *)
    {
        Q_ASSERT(false);
        return 0;
    }

    bool readFailed() const { return m_failed; }

private:
    void refill()
    {
        m_consumed += m_size;
        m_pos = 0;
        const qint64 n = m_device.read(m_buffer.data(), SliceBytes);
        if (n < 0)
            m_failed = true;
        m_size = std::max<qint64>(n, 0);
    }

    QIODevice &m_device;
    std::vector<char> m_buffer;
    qint64 m_pos = 0;
    qint64 m_size = 0;
    qint64 m_consumed = 0;
    bool m_failed = false;
};

} // namespace courier
