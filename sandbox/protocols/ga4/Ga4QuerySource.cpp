#include "sandbox/protocols/ga4/Ga4QuerySource.h"

#include "sandbox/http/JsonText.h"

namespace courier::sandbox {

Ga4QuerySource::Ga4QuerySource(SyntheticAudience audience, QList<Ga4Dimension> dimensions,
                               QByteArray exportJson, qint64 begin, qint64 end, qint64 rowCount,
                               Ga4Exports::InFlight inFlight)
    : m_audience(audience)
    , m_dimensions(std::move(dimensions))
    , m_exportJson(std::move(exportJson))
    , m_begin(begin)
    , m_next(begin)
    , m_end(end)
    , m_rowCount(rowCount)
    , m_inFlight(std::move(inFlight))
{}

void Ga4QuerySource::produce(QByteArray &out, qsizetype budget)
{
    if (m_done)
        return;
    const qsizetype stop = out.size() + budget;
    if (!m_started) {
        m_started = true;
        out += "{\"audienceExport\":";
        out += m_exportJson;
        if (m_next < m_end)
            out += ",\"audienceRows\":[";
    }
    QByteArray value;
    while (m_next < m_end && out.size() < stop) {
        if (m_next != m_begin)
            out += ',';
        out += "{\"dimensionValues\":[";
        for (qsizetype d = 0; d < m_dimensions.size(); ++d) {
            if (d > 0)
                out += ',';
            value.resize(0);
            appendGa4DimensionValue(m_audience, m_next, m_dimensions.at(d), value);
            out += "{\"value\":";
            appendJsonString(value, out);
            out += '}';
        }
        out += "]}";
        ++m_next;
    }
    if (m_next >= m_end) {
        if (m_end > m_begin)
            out += ']';
        // proto3 JSON leaves a zero rowCount out.
        if (m_rowCount > 0)
            out += ",\"rowCount\":" + QByteArray::number(m_rowCount);
        out += '}';
        m_done = true;
        m_inFlight = {}; // the body is complete: no longer counts against the quota
    }
}

double Ga4QuerySource::progress() const
{
    if (m_end <= m_begin)
        return m_done ? 1.0 : 0.0;
    return double(m_next - m_begin) / double(m_end - m_begin);
}

} // namespace courier::sandbox
