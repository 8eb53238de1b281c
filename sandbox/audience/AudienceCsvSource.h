#pragma once

#include "sandbox/audience/SyntheticAudience.h"
#include "sandbox/http/ChunkSource.h"

namespace courier::sandbox {

// Members [begin, end) of a synthetic audience as CSV: the header row, then one record per
// member, generated a chunk at a time as the socket asks for more.
class AudienceCsvSource final : public ChunkSource
{
public:
    AudienceCsvSource(SyntheticAudience audience, QList<SyntheticAudience::Column> columns,
                      qint64 begin, qint64 end);

    void produce(QByteArray &out, qsizetype budget) override;
    bool atEnd() const override { return m_headerDone && m_next >= m_end; }
    double progress() const override;

private:
    SyntheticAudience m_audience;
    QList<SyntheticAudience::Column> m_columns;
    qint64 m_begin;
    qint64 m_next;
    qint64 m_end;
    bool m_headerDone = false;
};

} // namespace courier::sandbox
