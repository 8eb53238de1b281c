#pragma once

#include "connectors/Source.h"
#include "engine/Poller.h"
#include "ExchangeApi.h"

#include <memory>
#include <QCoreApplication>
#include <QDateTime>
#include <QList>
#include <QObject>
#include <QPointer>

namespace courier {

// One run's fetch of one exchange segment:
//   POST v1/jobs → checkpoint {jobId} → poll v1/jobs/{id} until COMPLETED → download each part
//   (v1/jobs/{id}/data/{dataId}) to <work dir>/part-<dataId>.csv, checkpointing each one.
// A FAILED job is requested once more, then the fetch fails with the server's message; a job
// that is gone (410, or 404 while polling) is requested anew. A resume re-polls the checkpointed
// job and downloads only the parts not yet on disk; if that job is gone, a new one is requested
// and resumedSameSnapshot() is false.
//
// Checkpoint "source":
//   {"jobId": "...", "segmentId": "...", "requestedAt": "<ISO 8601 UTC>",
//    "parts": [{"dataId": "1", "file": "part-1.csv", "rows": 1000, "done": true}, ...]}
// "parts" is written once the job is COMPLETED; "file" is relative to the work directory.
class ExchangeFetch final : public SourceFetch
{
    Q_DECLARE_TR_FUNCTIONS(ExchangeFetch)

public:
    ExchangeFetch(ConnectorContext &context, AudienceInfo audience, QStringList columns);
    ~ExchangeFetch() override;

    void fetch(StepDone done) override;
    void cancel() override;
    std::unique_ptr<RowReader> openRows(QString *error) override;
    bool resumedSameSnapshot() const override { return m_sameSnapshot; }

    // For tests and logs: jobs requested by this fetch, parts downloaded (not skipped).
    int jobsRequested() const { return m_jobsRequested; }
    int partsDownloaded() const { return m_partsDownloaded; }
    QString jobId() const { return m_jobId; }

private:
    struct Part
    {
        QString dataId;
        QString file; // relative to the work directory
        qint64 rows = -1;
        bool done = false;
    };

    void requestJob();
    void onJobCreated(const ExchangeReply &reply);
    void poll();
    PollVerdict classify(int status, const QByteArray &body);
    void onPolled(Poller::Outcome outcome);
    bool takeParts(const QJsonObject &job, QString *error);
    void downloadNext();
    void onPartDownloaded(int index, const ExchangeReply &reply);
    void jobGone(const QString &why);
    void saveCheckpoint();
    void discardParts();
    QString partPath(const Part &part) const;
    static QString fileNameFor(const QString &dataId);
    void finish(bool ok, const QString &error = {});

    ExchangeApi m_api;
    ConnectorContext &m_context;
    AudienceInfo m_audience;
    QStringList m_columns;
    StepDone m_done;

    QObject m_owner; // parent of the jobs and the poller; their callbacks die with it
    QPointer<HttpJob> m_job;
    std::unique_ptr<Poller> m_poller;

    QString m_jobId;
    QDateTime m_requestedAt;
    QList<Part> m_parts;
    bool m_partsKnown = false;
    int m_current = -1;     // the part being downloaded
    qint64 m_bytesDone = 0; // bytes of the parts downloaded by this fetch, for progress
    bool m_sameSnapshot = false;
    int m_jobsRequested = 0;
    int m_failedJobs = 0;
    int m_goneJobs = 0;
    int m_notReadyParts = 0;
    int m_incompleteParts = 0; // downloads that fell short of their announced rows
    int m_partsDownloaded = 0;
    bool m_running = false;
};

} // namespace courier
