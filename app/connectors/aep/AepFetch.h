#pragma once

#include "AepApi.h"
#include "AepSettings.h"
#include "AepTokenSession.h"
#include "connectors/Source.h"
#include "engine/Poller.h"

#include <atomic>
#include <memory>
#include <QCoreApplication>
#include <QObject>

class QThread;

namespace courier {

class AepMembershipQuery;

// One run's fetch of one Experience Platform audience — what the seed guide does by hand:
//   check the endpoint's settings (no network call when incomplete)
//   → sign in to IMS (AepTokenSession)
//   → POST data/core/ups/export/jobs {fields, filter.segments[{segmentId, segmentNs "ups",
//     status ["realized"]}], destination{datasetId, segmentPerBatch false},
//     schema{"_xdm.context.profile"}} → checkpoint
//   → poll GET data/core/ups/export/jobs/{id}: NEW/PROCESSING wait, SUCCEEDED go on, FAILED
//     → one new job (a failed export is often transient on Adobe's side), then fail with
//     Adobe's reason; CANCELLED fails
//   → read the realized members from the dataset's table through Query Service on a worker
//     thread (AepMembershipQuery) into <work dir>/aep-members.csv
//   → openRows() reads that CSV.
//
// Checkpoint "source":
//   {"segment": "<id>", "request": "<hash of job body and query settings>", "jobId": "…",
//    "succeeded": bool, "read": bool, "members": n}
// A resume with the same segment and request reuses the CSV (read), or queries again
// (succeeded), or polls the same job; anything else starts a new job.
class AepFetch final : public SourceFetch
{
    Q_DECLARE_TR_FUNCTIONS(AepFetch)

public:
    // New jobs after one ended FAILED, before giving up.
    static constexpr int MaxFailedJobs = 1;

    AepFetch(ConnectorContext &context, const FetchRequest &request);
    ~AepFetch() override;

    void fetch(StepDone done) override;
    void cancel() override;
    std::unique_ptr<RowReader> openRows(QString *error) override;
    bool resumedSameSnapshot() const override { return m_sameSnapshot; }

    // For tests and logs.
    int jobsCreated() const { return m_jobsCreated; }
    QString jobId() const { return m_jobId; }
    qint64 members() const { return m_members; }
    QString rowsFilePath() const;
    const AepTokenSession &session() const { return m_session; }
    QJsonObject jobBody() const;

private:
    void begin();
    void createJob();
    void onJobCreated(const AepReply &reply);
    void poll();
    PollVerdict classify(int status, const QByteArray &body) const;
    void onPolled(Poller::Outcome outcome);
    void jobFailed(const QString &why);
    void runQuery();
    void onQueried();
    void saveCheckpoint();
    void dropCalls();
    void finish(bool ok, const QString &error = {});

    ConnectorContext &m_context;
    AudienceInfo m_audience;
    AepSettings m_settings;
    QString m_settingsError;
    bool m_settingsOk = false;
    QString m_fingerprint;
    StepDone m_done;

    AepTokenSession m_session;
    AepApi m_api;
    // Parent of the running jobs and context of their callbacks; replaced by cancel().
    std::unique_ptr<QObject> m_calls;
    std::unique_ptr<Poller> m_poller;
    std::unique_ptr<AepMembershipQuery> m_query;
    std::unique_ptr<QThread> m_worker;
    std::atomic<bool> m_cancelQuery{false};
    bool m_queryOk = false; // written by the worker, read after it finished

    QString m_jobId;
    bool m_succeeded = false;
    bool m_read = false;
    qint64 m_members = 0;
    bool m_sameSnapshot = false;
    int m_jobsCreated = 0;
    int m_failedJobs = 0;
    bool m_running = false;
};

} // namespace courier
