#pragma once

#include "sandbox/http/ChunkSource.h"
#include "sandbox/protocols/ga4/Ga4Exports.h"

namespace courier::sandbox {

// The body of one audienceExports.query answer, generated as the socket drains:
//   {"audienceExport":{…},"audienceRows":[{"dimensionValues":[{"value":"…"}]},…],"rowCount":N}
// Rows [begin, end) of the export's audience; "audienceRows" is left out when the page is
// empty (proto3 JSON). Holds the request's place in the property's concurrency quota until
// the body is sent or the client goes away.
class Ga4QuerySource final : public ChunkSource
{
public:
    Ga4QuerySource(SyntheticAudience audience, QList<Ga4Dimension> dimensions,
                   QByteArray exportJson, qint64 begin, qint64 end, qint64 rowCount,
                   Ga4Exports::InFlight inFlight);

    void produce(QByteArray &out, qsizetype budget) override;
    bool atEnd() const override { return m_done; }
    double progress() const override;

private:
    SyntheticAudience m_audience;
    QList<Ga4Dimension> m_dimensions;
    QByteArray m_exportJson;
    qint64 m_begin;
    qint64 m_next;
    qint64 m_end;
    qint64 m_rowCount;
    Ga4Exports::InFlight m_inFlight;
    bool m_started = false;
    bool m_done = false;
};

} // namespace courier::sandbox
