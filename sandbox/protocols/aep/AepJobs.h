#pragma once

#include "sandbox/protocols/aep/AepExport.h"
#include "sandbox/SandboxContext.h"

#include <chrono>
#include <map>
#include <optional>
#include <QDateTime>
#include <QHash>
#include <QJsonArray>
#include <QJsonObject>

namespace courier::sandbox {

// Segmentation export jobs (POST /data/core/ups/export/jobs) and the batches they write. A
// job's status is a function of its age — NEW for the first quarter of jobReadyAfter,
// PROCESSING until jobReadyAfter, then SUCCEEDED, or FAILED when a failJobs fault hit its
// creation — so no timers run. A cancelled job stays CANCELLED.
class AepJobs : public ProtocolState
{
public:
    using Clock = std::chrono::steady_clock;
    enum class Phase { New, Processing, Succeeded, Failed, Cancelled };

    struct Batch
    {
        QString id;
        QString segmentId; // with segmentPerBatch: the one segment it holds
        QString segmentNs;
        QJsonArray status;
        std::shared_ptr<const ExportLayout> layout;
    };

    struct Job
    {
        qint64 id = 0;
        QJsonObject request; // fields, mergePolicy, filter, additionalFields, schema as sent
        QString datasetId;
        bool segmentPerBatch = false;
        QList<Batch> batches;
        QDateTime createdAt;
        Clock::time_point started;
        bool fails = false;
        std::optional<QDateTime> cancelledAt;
        QString requestId;
        QString exportJobId;
        QString pushJobId;
    };

    explicit AepJobs(SandboxContext &context);

    Job &create(Job job);
    const Job *find(qint64 id) const;
    // Newest first.
    QList<const Job *> all() const;
    Phase phase(const Job &job) const;
    static QString phaseName(Phase phase);
    bool cancel(qint64 id); // false: no such job
    QJsonObject toJson(const Job &job) const;

    struct BatchRef
    {
        const Job *job = nullptr;
        const Batch *batch = nullptr;
    };
    std::optional<BatchRef> findBatch(const QString &batchId) const;
    // Computed on first use and kept (a few dozen bytes per checkpoint).
    const FileIndex &fileIndex(const Batch &batch, qint64 file);

    static QString newBatchId();
    static QString fileId(const QString &batchId, qint64 file);
    static QString fileName(qint64 file);
    // "<batchId>-<n>" → (batchId, file index); nullopt when malformed.
    static std::optional<std::pair<QString, qint64>> parseFileId(const QString &fileId);

    void reset() override;

private:
    SandboxContext &m_context;
    std::map<qint64, Job> m_jobs;
    QHash<QString, std::pair<qint64, int>> m_batches; // batch id → (job id, batch index)
    QHash<QString, FileIndex> m_indexes;              // file id → index
    qint64 m_nextId = 24'115;                         // survives reset, so old ids never come back
};

} // namespace courier::sandbox
