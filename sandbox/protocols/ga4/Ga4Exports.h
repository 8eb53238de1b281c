#pragma once

#include "sandbox/protocols/ga4/Ga4Catalogue.h"
#include "sandbox/SandboxContext.h"

#include <chrono>
#include <memory>
#include <QHash>
#include <QJsonObject>

namespace courier::sandbox {

// The audience exports of the emulated GA4 Data API, and the per-property count of requests
// in flight (the "concurrent requests" quota). An export's state is a function of the time
// since its creation — CREATING with a rising percentageCompleted for jobReadyAfter, then
// ACTIVE (or FAILED when a failJobs fault hit its creation), gone after ga4.exportTtl — so no
// timers run.
class Ga4Exports : public ProtocolState
{
public:
    using Clock = std::chrono::steady_clock;
    enum class Phase { Creating, Active, Failed, Expired };

    struct Export
    {
        QString id; // numeric
        Ga4Catalogue::Audience audience;
        QList<Ga4Dimension> dimensions;
        QString beginCreatingTime; // RFC 3339 with nanoseconds, as Google writes it
        QDateTime createdAt;
        Clock::time_point started;
        bool fails = false;

        QString property() const { return audience.property; }
        QString name() const; // properties/{property}/audienceExports/{id}
    };

    // A request counted against its property's concurrency quota until this is destroyed.
    class InFlight
    {
    public:
        InFlight() = default;
        explicit InFlight(std::shared_ptr<int> counter)
            : m_counter(std::move(counter))
        {}
        InFlight(InFlight &&other) noexcept
            : m_counter(std::move(other.m_counter))
        {}
        InFlight &operator=(InFlight &&other) noexcept
        {
            release();
            m_counter = std::move(other.m_counter);
            return *this;
        }
        ~InFlight() { release(); }

    private:
        void release()
        {
            if (m_counter)
                --*m_counter;
            m_counter.reset();
        }
        std::shared_ptr<int> m_counter;
    };

    explicit Ga4Exports(SandboxContext &context);

    const Export &create(const Ga4Catalogue::Audience &audience, QList<Ga4Dimension> dimensions,
                         bool fails);
    // The export, expired or not; null when it never existed under this property.
    const Export *find(const QString &property, const QString &id) const;
    // The property's exports that have not expired, oldest first.
    QList<const Export *> list(const QString &property) const;

    Phase phase(const Export &e) const;
    double percentageCompleted(const Export &e) const;
    int quotaTokensCharged(const Export &e) const;
    QJsonObject toJson(const Export &e) const; // the AudienceExport resource
    // The long-running Operation audienceExports.create answers.
    QJsonObject operationJson(const Export &e) const;

    // Counts a request against the property's quota; nullopt when maxConcurrentRequests are
    // already in flight.
    std::optional<InFlight> enter(const QString &property);
    int inFlight(const QString &property) const;

    void reset() override;

private:
    SandboxContext &m_context;
    QHash<QString, Export> m_exports; // by name
    QStringList m_order;              // names, oldest first
    quint64 m_created = 0;
    quint64 m_idBase;
    QHash<QString, std::shared_ptr<int>> m_inFlight;
};

} // namespace courier::sandbox
