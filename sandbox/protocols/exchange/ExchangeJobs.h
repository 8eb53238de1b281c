#pragma once

#include "sandbox/protocols/exchange/ExchangeCatalogue.h"
#include "sandbox/SandboxContext.h"

#include <chrono>
#include <QHash>
#include <QJsonObject>

namespace courier::sandbox {

// Export jobs of the exchange producer. A job's state is a function of the time since it was
// created — PROCESSING for jobReadyAfter with a rising percentage, then COMPLETED (or FAILED
// when a failJobs fault hit its creation), gone after jobTtl — so no timers run.
class ExchangeJobs : public ProtocolState
{
public:
    using Clock = std::chrono::steady_clock;
    enum class Phase { Processing, Completed, Failed, Expired };

    struct Job
    {
        QString id;
        ExchangeCatalogue::Segment segment;
        QList<SyntheticAudience::Column> columns;
        QDateTime createdAt;
        Clock::time_point started;
        bool fails = false;
    };

    explicit ExchangeJobs(SandboxContext &context);

    const Job &create(const ExchangeCatalogue::Segment &segment,
                      QList<SyntheticAudience::Column> columns, bool fails);
    const Job *find(const QString &id) const;

    Phase phase(const Job &job) const;
    int percentComplete(const Job &job) const;
    static constexpr qint64 MaxParts = 10'000;
    qint64 partRows(const Job &job) const;
    qint64 partCount(const Job &job) const;
    // Rows [first, second) of the segment that data part `dataId` (1-based) holds.
    std::pair<qint64, qint64> partRange(const Job &job, qint64 dataId) const;
    QJsonObject toJson(const Job &job) const;

    void reset() override;

private:
    SandboxContext &m_context;
    QHash<QString, Job> m_jobs;
    quint64 m_created = 0;
};

} // namespace courier::sandbox
