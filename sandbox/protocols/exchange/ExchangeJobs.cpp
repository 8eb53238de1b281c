#include "sandbox/protocols/exchange/ExchangeJobs.h"

#include "sandbox/http/Json.h"

#include <QJsonArray>
#include <QRandomGenerator>

using namespace Qt::StringLiterals;

namespace courier::sandbox {

ExchangeJobs::ExchangeJobs(SandboxContext &context)
    : m_context(context)
{}

const ExchangeJobs::Job &ExchangeJobs::create(const ExchangeCatalogue::Segment &segment,
                                              QList<SyntheticAudience::Column> columns, bool fails)
{
    Job job;
    // A sequence number people can read in logs, and a random tail so ids from before a
    // reset are never mistaken for new ones.
    job.id = u"job-%1-%2"_s.arg(++m_created, 6, 10, QChar(u'0'))
                 .arg(QRandomGenerator::global()->bounded(0x10000), 4, 16, QChar(u'0'));
    job.segment = segment;
    job.columns = std::move(columns);
    job.createdAt = QDateTime::currentDateTimeUtc();
    job.started = Clock::now();
    job.fails = fails;
    return *m_jobs.insert(job.id, job);
}

const ExchangeJobs::Job *ExchangeJobs::find(const QString &id) const
{
    const auto it = m_jobs.constFind(id);
    return it == m_jobs.cend() ? nullptr : &*it;
}

ExchangeJobs::Phase ExchangeJobs::phase(const Job &job) const
{
    const auto age = Clock::now() - job.started;
    if (age >= m_context.options().jobTtl)
        return Phase::Expired;
    if (age < m_context.options().jobReadyAfter)
        return Phase::Processing;
    return job.fails ? Phase::Failed : Phase::Completed;
}

int ExchangeJobs::percentComplete(const Job &job) const
{
    using namespace std::chrono;
    const auto ready = m_context.options().jobReadyAfter;
    if (ready.count() <= 0)
        return 100;
    const auto age = duration_cast<milliseconds>(Clock::now() - job.started);
    if (age >= ready)
        return 100;
    // Rises with time, never reaches 100 while processing.
    return int(std::min<qint64>(99, age.count() * 100 / ready.count()));
}

qint64 ExchangeJobs::partRows(const Job &job) const
{
    // At most MaxParts parts, however small partRows is set: the status document lists them.
    const qint64 floor = (job.segment.size + MaxParts - 1) / MaxParts;
    return std::max({qint64(1), floor, m_context.options().exchange.partRows});
}

qint64 ExchangeJobs::partCount(const Job &job) const
{
    const qint64 partRows = this->partRows(job);
    // Even an empty segment has one (header-only) part, so a client always has a file.
    return std::max<qint64>(1, (job.segment.size + partRows - 1) / partRows);
}

std::pair<qint64, qint64> ExchangeJobs::partRange(const Job &job, qint64 dataId) const
{
    const qint64 partRows = this->partRows(job);
    const qint64 first = (dataId - 1) * partRows;
    return {std::min(first, job.segment.size), std::min(first + partRows, job.segment.size)};
}

QJsonObject ExchangeJobs::toJson(const Job &job) const
{
    QJsonArray columns;
    for (const auto column : job.columns)
        columns.append(QString::fromLatin1(SyntheticAudience::columnName(column)));
    QJsonObject json{
        {u"jobId"_s, job.id},
        {u"segmentId"_s, job.segment.id},
        {u"columns"_s, columns},
        {u"createdAt"_s, rfc3339(job.createdAt)},
        {u"expiresAt"_s, rfc3339(job.createdAt.addMSecs(m_context.options().jobTtl.count()))}};
    switch (phase(job)) {
    case Phase::Processing:
        json.insert(u"status"_s, u"PROCESSING"_s);
        json.insert(u"percentComplete"_s, percentComplete(job));
        break;
    case Phase::Failed:
        json.insert(u"status"_s, u"FAILED"_s);
        json.insert(u"percentComplete"_s, 100);
        json.insert(u"error"_s, u"The export failed on the producer's side (injected fault)."_s);
        break;
    case Phase::Completed:
    case Phase::Expired: {
        json.insert(u"status"_s, u"COMPLETED"_s);
        json.insert(u"percentComplete"_s, 100);
        json.insert(u"rowCount"_s, job.segment.size);
        json.insert(u"completedAt"_s,
                    rfc3339(job.createdAt.addMSecs(m_context.options().jobReadyAfter.count())));
        QJsonArray data;
        for (qint64 part = 1; part <= partCount(job); ++part) {
            const auto [first, end] = partRange(job, part);
            data.append(
                QJsonObject{{u"dataId"_s, QString::number(part)},
                            {u"rows"_s, end - first},
                            {u"href"_s, u"/exchange/v1/jobs/%1/data/%2"_s.arg(job.id).arg(part)}});
        }
        json.insert(u"data"_s, data);
        break;
    }
    }
    return json;
}

void ExchangeJobs::reset()
{
    m_jobs.clear();
}

} // namespace courier::sandbox
