#pragma once

#include <QByteArray>

namespace courier::sandbox {

// Where a streamed body comes from. The BodyWriter pulls a piece at a time when the socket
// has room, so a generated body of any size is never whole in memory.
class ChunkSource
{
public:
    virtual ~ChunkSource() = default;
    // Appends roughly `budget` bytes (more or fewer is fine) to out.
    virtual void produce(QByteArray &out, qsizetype budget) = 0;
    virtual bool atEnd() const = 0;
    // How far through the body the source is, 0..1, or -1 when it cannot tell. Used to cut a
    // truncated-gzip fault near the middle of the body.
    virtual double progress() const { return -1.0; }
};

// A body that is already in memory (JSON answers, small files).
class BufferSource final : public ChunkSource
{
public:
    explicit BufferSource(QByteArray data)
        : m_data(std::move(data))
    {}
    void produce(QByteArray &out, qsizetype budget) override;
    bool atEnd() const override { return m_offset >= m_data.size(); }
    double progress() const override;

private:
    QByteArray m_data;
    qsizetype m_offset = 0;
};

} // namespace courier::sandbox
