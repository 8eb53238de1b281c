#include "sandbox/audience/AudienceCsvSource.h"

namespace courier::sandbox {

AudienceCsvSource::AudienceCsvSource(SyntheticAudience audience,
                                     QList<SyntheticAudience::Column> columns, qint64 begin,
                                     qint64 end)
    : m_audience(audience)
    , m_columns(std::move(columns))
    , m_begin(begin)
    , m_next(begin)
    , m_end(std::max(begin, end))
{}

void AudienceCsvSource::produce(QByteArray &out, qsizetype budget)
{
    const qsizetype limit = out.size() + budget;
    if (!m_headerDone) {
        SyntheticAudience::appendCsvHeader(m_columns, out);
        m_headerDone = true;
    }
    while (m_next < m_end && out.size() < limit)
        m_audience.appendCsvRow(m_next++, m_columns, out);
}

double AudienceCsvSource::progress() const
{
    const qint64 total = m_end - m_begin;
    return total == 0 ? 1.0 : double(m_next - m_begin) / double(total);
}

} // namespace courier::sandbox
