#include "sandbox/protocols/aep/AepJobs.h"

#include <QUuid>

using namespace Qt::StringLiterals;

namespace courier::sandbox {

namespace {

QJsonObject timing(qint64 start, qint64 end)
{
    return {
        {u"startTimeInMs"_s, start}, {u"endTimeInMs"_s, end}, {u"totalTimeInMs"_s, end - start}};
}

} // namespace

AepJobs::AepJobs(SandboxContext &context)
    : m_context(context)
{}

AepJobs::Job &AepJobs::create(Job job)
{
    job.id = m_nextId++;
    job.createdAt = QDateTime::currentDateTimeUtc();
    job.started = Clock::now();
    job.requestId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    job.exportJobId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    job.pushJobId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    for (int i = 0; i < job.batches.size(); ++i)
        m_batches.insert(job.batches.at(i).id, {job.id, i});
    return m_jobs.emplace(job.id, std::move(job)).first->second;
}

const AepJobs::Job *AepJobs::find(qint64 id) const
{
    const auto it = m_jobs.find(id);
    return it == m_jobs.end() ? nullptr : &it->second;
}

QList<const AepJobs::Job *> AepJobs::all() const
{
    QList<const Job *> list;
    for (auto it = m_jobs.rbegin(); it != m_jobs.rend(); ++it)
        list.append(&it->second);
    return list;
}

AepJobs::Phase AepJobs::phase(const Job &job) const
{
    if (job.cancelledAt)
        return Phase::Cancelled;
    const auto ready = m_context.options().jobReadyAfter;
    const auto age = Clock::now() - job.started;
    if (age >= ready)
        return job.fails ? Phase::Failed : Phase::Succeeded;
    return age < ready / 4 ? Phase::New : Phase::Processing;
}

QString AepJobs::phaseName(Phase phase)
{
    switch (phase) {
    case Phase::New:
        return u"NEW"_s;
    case Phase::Processing:
        return u"PROCESSING"_s;
    case Phase::Succeeded:
        return u"SUCCEEDED"_s;
    case Phase::Failed:
        return u"FAILED"_s;
    case Phase::Cancelled:
        return u"CANCELLED"_s;
    }
    return {};
}

bool AepJobs::cancel(qint64 id)
{
    const auto it = m_jobs.find(id);
    if (it == m_jobs.end())
        return false;
    const Phase now = phase(it->second);
    if (now == Phase::New || now == Phase::Processing)
        it->second.cancelledAt = QDateTime::currentDateTimeUtc();
    return true;
}

QJsonObject AepJobs::toJson(const Job &job) const
{
    const Phase current = phase(job);
    const qint64 created = job.createdAt.toMSecsSinceEpoch();
    const qint64 ready = m_context.options().jobReadyAfter.count();
    const qint64 done = created + ready;

    QJsonObject destination{{u"datasetId"_s, job.datasetId},
                            {u"segmentPerBatch"_s, job.segmentPerBatch}};
    const bool failed = current == Phase::Failed || current == Phase::Cancelled;
    if (job.segmentPerBatch) {
        QJsonArray batches;
        for (const Batch &batch : job.batches)
            batches.append(QJsonObject{{u"segmentId"_s, batch.segmentId},
                                       {u"segmentNs"_s, batch.segmentNs},
                                       {u"status"_s, batch.status},
                                       {u"batchId"_s, failed ? QString() : batch.id}});
        destination.insert(u"batches"_s, batches);
    } else {
        destination.insert(u"batchId"_s,
                           failed || job.batches.isEmpty() ? QString() : job.batches.first().id);
    }

    QJsonObject json = job.request;
    json.insert(u"id"_s, job.id);
    json.insert(u"jobType"_s, u"BATCH"_s);
    json.insert(u"destination"_s, destination);
    json.insert(u"status"_s, phaseName(current));
    json.insert(u"profileInstanceId"_s, u"ups"_s);
    json.insert(u"imsOrgId"_s, m_context.options().aep.imsOrgId);
    json.insert(u"requestId"_s, job.requestId);
    json.insert(u"computeGatewayJobId"_s,
                QJsonObject{{u"exportJob"_s, job.exportJobId}, {u"pushJob"_s, job.pushJobId}});
    json.insert(u"creationTime"_s, created);
    json.insert(u"errors"_s, QJsonArray());
    switch (current) {
    case Phase::New:
        json.insert(u"updateTime"_s, created);
        break;
    case Phase::Processing:
        json.insert(u"updateTime"_s, created + ready / 4);
        break;
    case Phase::Succeeded:
        json.insert(u"updateTime"_s, done);
        json.insert(
            u"metrics"_s,
            QJsonObject{{u"totalTime"_s, timing(created, done)},
                        {u"profileExportTime"_s, timing(created + ready / 4, done - ready / 10)},
                        {u"aCPDatasetWriteTime"_s, timing(done - ready / 10, done)}});
        break;
    case Phase::Failed:
        json.insert(u"updateTime"_s, done);
        json.insert(
            u"errors"_s,
            QJsonArray{QJsonObject{
                {u"code"_s, u"0100000003"_s},
                {u"msg"_s, u"Error in Export Job: the export failed (injected fault)."_s},
                {u"callStack"_s, u"com.adobe.aep.unifiedprofile.common.logging.Logger"_s}}});
        json.insert(u"metrics"_s, QJsonObject{{u"totalTime"_s, timing(created, done)}});
        break;
    case Phase::Cancelled:
        json.insert(u"updateTime"_s, job.cancelledAt->toMSecsSinceEpoch());
        break;
    }
    return json;
}

std::optional<AepJobs::BatchRef> AepJobs::findBatch(const QString &batchId) const
{
    const auto it = m_batches.constFind(batchId);
    if (it == m_batches.cend())
        return std::nullopt;
    const Job *job = find(it->first);
    if (!job || it->second >= job->batches.size())
        return std::nullopt;
    return BatchRef{job, &job->batches.at(it->second)};
}

const FileIndex &AepJobs::fileIndex(const Batch &batch, qint64 file)
{
    const QString id = fileId(batch.id, file);
    auto it = m_indexes.find(id);
    if (it == m_indexes.end())
        it = m_indexes.insert(id, FileIndex::build(*batch.layout, file));
    return *it;
}

QString AepJobs::newBatchId()
{
    return QUuid::createUuid().toString(QUuid::Id128);
}

QString AepJobs::fileId(const QString &batchId, qint64 file)
{
    return batchId + u'-' + QString::number(file + 1);
}

QString AepJobs::fileName(qint64 file)
{
    return u"part-%1.jsonl"_s.arg(file, 5, 10, QChar(u'0'));
}

std::optional<std::pair<QString, qint64>> AepJobs::parseFileId(const QString &fileId)
{
    const qsizetype dash = fileId.lastIndexOf(u'-');
    if (dash <= 0)
        return std::nullopt;
    bool ok = false;
    const qint64 n = fileId.mid(dash + 1).toLongLong(&ok);
    if (!ok || n < 1)
        return std::nullopt;
    return std::pair{fileId.left(dash), n - 1};
}

void AepJobs::reset()
{
    m_jobs.clear();
    m_batches.clear();
    m_indexes.clear();
}

} // namespace courier::sandbox
