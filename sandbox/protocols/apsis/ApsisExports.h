#pragma once

#include "sandbox/protocols/apsis/ApsisCatalogue.h"
#include "sandbox/SandboxContext.h"

#include <chrono>
#include <deque>
#include <QHash>

namespace courier::sandbox {

// A sliding-window rate limit: at most `limit` events in any `window`.
class RateWindow
{
public:
    using Clock = std::chrono::steady_clock;
    RateWindow(int limit, std::chrono::milliseconds window)
        : m_limit(limit)
        , m_window(window)
    {}

    // Counts the event and returns true when it fits; false (not counted) with the seconds
    // until it would, rounded up, when it does not. A limit of 0 or less admits everything.
    bool admit(int *retryAfterSeconds = nullptr);
    void setLimit(int limit) { m_limit = limit; }
    void clear() { m_events.clear(); }

private:
    int m_limit;
    std::chrono::milliseconds m_window;
    std::deque<Clock::time_point> m_events;
};

// The APSIS One account's export requests and its rate limits. An export's state is a function
// of the time since it was requested — pending (poll → 404) for jobReadyAfter, then ready
// (200 with the file) or failed (503, when a failJobs fault hit the request), gone (410) after
// jobTtl — so no timers run.
class ApsisExports : public ProtocolState
{
public:
    using Clock = std::chrono::steady_clock;
    enum class Phase { Pending, Ready, Failed, Expired };

    struct Export
    {
        QString id;
        ApsisCatalogue::Segment segment; // the whole account when no segment_filter was given
        bool segmentFiltered = false;
        QList<ApsisCatalogue::Attribute> attributes;
        QList<ApsisCatalogue::Tag> tags;
        QList<ApsisCatalogue::EventType> events;
        qint64 startAtMs = 0; // event window, ms since the epoch; 0 when no events
        qint64 endAtMs = 0;
        QDateTime createdAt;
        Clock::time_point started;
        bool fails = false;
    };

    explicit ApsisExports(SandboxContext &context);

    const Export &create(Export e);
    const Export *find(const QString &id) const;
    Phase phase(const Export &e) const;
    QDateTime expiresAt(const Export &e) const;
    int pending() const;

    RateWindow &tokenRequests() { return m_tokenRequests; }
    RateWindow &exportRequests() { return m_exportRequests; }
    RateWindow &downloads() { return m_downloads; }

    void reset() override;

private:
    SandboxContext &m_context;
    QHash<QString, Export> m_exports;
    quint64 m_created = 0;
    RateWindow m_tokenRequests;
    RateWindow m_exportRequests;
    RateWindow m_downloads;
};

} // namespace courier::sandbox
