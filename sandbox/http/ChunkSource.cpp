#include "sandbox/http/ChunkSource.h"

namespace courier::sandbox {

void BufferSource::produce(QByteArray &out, qsizetype budget)
{
    const qsizetype n = std::min(budget, m_data.size() - m_offset);
    out.append(m_data.constData() + m_offset, n);
    m_offset += n;
}

double BufferSource::progress() const
{
    return m_data.isEmpty() ? 1.0 : double(m_offset) / double(m_data.size());
}

} // namespace courier::sandbox
