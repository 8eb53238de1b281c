#pragma once

#include "connectors/Destination.h"
#include "connectors/exchange/ExchangeApi.h"

#include <chrono>
#include <memory>
#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QObject>
#include <QPointer>
#include <QTimer>

namespace courier {

class Outbox;

// One run's delivery to an exchange PULL consumer (docs/exchange-protocol.md, "PULL consumer"):
// instead of sending batches, the app prepares the whole audience as one CSV file and the
// consumer fetches it from the app's exchange listener when it is ready.
//  - open / send: every batch becomes a CSV part in the run's work directory
//    (exchange-outbox/batch-<number>-<rows>.csv, written atomically), so an interrupted run
//    that resumes skips the batches it already wrote and still ends with the whole file;
//  - commit: the parts become one file in <profile>/outbox/<endpoint id>/ (QSaveFile), recorded
//    in the outbox with a one-time token (only its SHA-256 is kept) and an expiry
//    (destination option "pullExpirySeconds", default 24 h); then the consumer is told:
//      POST {contact URL}/v1/pull-jobs   Authorization: Bearer <key>
//      {"jobId", "list", "dataUrl", "statusUrl", "action", "rows", "bytes", "sha256",
//       "columns", "expiresAt"}
//    and the delivery waits for its report (destination option "pullWaitSeconds", default
//    600): COMPLETED → done, with its counts in the run log; FAILED → the run fails with the
//    consumer's message; no report in time → done, with a warning that the file stays
//    available until it expires.
//  - abort: the file and the job are removed (the link stops working).
//
// exchange-outbox/job.json in the work directory remembers the job ({"jobId", "notified",
// "sha256"}), so
// a run interrupted while waiting resumes waiting for the same job (a job whose notification
// may not have gone out gets a new token and is announced again), and a run that starts its
// delivery over removes the job of its earlier attempt.
class OutboxDelivery final : public DestinationDelivery
{
    Q_DECLARE_TR_FUNCTIONS(OutboxDelivery)

public:
    static constexpr std::chrono::seconds DefaultWait{600};

    OutboxDelivery(ConnectorContext &context, DeliveryTarget target,
                   std::shared_ptr<Outbox> outbox);
    ~OutboxDelivery() override;

    void open(const QStringList &columns, Share::ShareAction action, bool resuming,
              StepDone done) override;
    void send(const RowBatch &batch, const DeliveryBatch &info, StepDone done) override;
    void commit(StepDone done) override;
    void abort() override;
    QString outputDescription() const override;

    qint64 jobId() const { return m_jobId; }
    // The prepared file, absolute; empty before commit.
    QString filePath() const { return m_filePath; }

private:
    struct Marker
    {
        qint64 jobId = 0;
        bool notified = false;
        QString sha256; // of the job's file: a job of that id holding another file is not ours
    };

    QString partsDirectory() const;
    Marker readMarker() const;
    bool writeMarker(const Marker &marker, QString *error) const;
    void discardEarlierJob();

    void prepareAndNotify();
    bool buildFile(QString *error);
    bool recordJob(QString *error);
    bool renewJob(QString *error);
    void notify();
    void onNotified(const ExchangeReply &reply);
    qint64 configuredWait() const;
    void startWaiting();
    void poll();
    QString waitText(qint64 seconds) const;
    QDateTime expiryFromNow() const;

    void fail(const QString &error, bool discardJob);
    void complete(bool ok, const QString &error = {});
    void completeLater(StepDone done, bool ok, const QString &error = {});

    ExchangeApi m_api;
    ConnectorContext &m_context;
    DeliveryTarget m_target;
    std::shared_ptr<Outbox> m_outbox;
    QStringList m_columns;
    Share::ShareAction m_action = Share::ShareAction::Add;
    bool m_resuming = false;
    bool m_aborted = false;

    QObject m_owner; // parent of the HTTP job and timers; their callbacks die with it
    QPointer<HttpJob> m_job;
    QTimer m_pollTimer;
    StepDone m_done;

    QString m_filePath;
    qint64 m_rows = 0;
    qint64 m_bytes = 0;
    QString m_sha256;
    QDateTime m_expiresAt;
    qint64 m_jobId = 0;
    QByteArray m_token; // only until the consumer was told
    QDeadlineTimer m_deadline;
    std::chrono::milliseconds m_pollDelay{0};
    qint64 m_waitSeconds = 0;
    bool m_pullSeen = false;
};

} // namespace courier
