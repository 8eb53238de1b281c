#pragma once

#include "connectors/Destination.h"
#include "MetaApi.h"

#include <QCoreApplication>
#include <QObject>
#include <QPointer>

namespace courier {

class MetaCall;
struct MetaReply;

// One run's delivery to a Meta custom audience (Marketing API, docs/connectors.md "Meta"):
//  - open: the audience in target.options "customAudienceId", else the one an interrupted
//    run created, else a new one (POST act_{ad account}/customaudiences, subtype CUSTOM,
//    customer_file_source USER_PROVIDED_ONLY) that resolvedOptions() hands to the share;
//  - every batch goes out as {payload: {schema, data}, session: {session_id, batch_seq,
//    last_batch_flag, estimated_num_total}}: Add = POST {id}/users, Remove = DELETE
//    {id}/users, Replace = POST {id}/usersreplace.
//
// The last batch of a session must say last_batch_flag: true, and only commit() tells that a
// batch was the last. So the delivery holds the latest batch back: send(n) sends batch n-1
// (not last) and keeps batch n; commit() sends the batch held with last_batch_flag: true.
// (An empty closing batch is not an option: Meta's payload needs data.) The engine counts a
// batch as delivered once send() completes, so the batch held is written to the run's work
// folder and named in the checkpoint before send() completes: a resumed run finds it there.
//
// Checkpoint "destination": {"customAudienceId", "created", "session" (session_id, decimal),
// "nextSeq" (batch_seq of the next request), "held": {"number", "file", "rows"} (the batch
// held back), "closed" (the last batch was acknowledged), "received", "invalid"}.
//
// A resumed delivery continues the same session with the same batch_seq numbering. When it
// was interrupted after Meta acknowledged the held batch but before the checkpoint said so,
// that batch is sent again under the same batch_seq; Meta's users endpoints are idempotent
// (adding or removing someone twice changes nothing) and a replace session keeps one copy
// per batch_seq.
class MetaDelivery final : public DestinationDelivery
{
    Q_DECLARE_TR_FUNCTIONS(MetaDelivery)

public:
    static constexpr int MaxRowsPerRequest = 10000; // Meta's limit per users request

    MetaDelivery(ConnectorContext &context, DeliveryTarget target);
    ~MetaDelivery() override;

    void open(const QStringList &columns, Share::ShareAction action, bool resuming,
              StepDone done) override;
    void send(const RowBatch &batch, const DeliveryBatch &info, StepDone done) override;
    void commit(StepDone done) override;
    void abort() override;
    QString outputDescription() const override;
    QJsonObject resolvedOptions() const override;

    QString audienceId() const { return m_audienceId; }
    qint64 sessionId() const { return m_sessionId; }
    // Meta's counts, summed over the answers of this delivery (and the run it resumes).
    qint64 receivedRows() const { return m_received; }
    qint64 invalidRows() const { return m_invalid; }

    // {"schema":[columns],"data":[[row], …]}, compact JSON (invalid UTF-8 replaced).
    static QByteArray payloadJson(const QStringList &columns, const RowBatch &batch);

private:
    struct Held
    {
        qint64 number = 0; // the engine's batch number; 0 = nothing held
        QString file;      // in the work folder
        int rows = 0;
    };

    void createAudience();
    void opened(const QString &id);
    bool hold(const QByteArray &payload, qint64 number, int rows, QString *error);
    void transfer(bool last, std::function<void()> then);
    void onTransferred(const MetaReply &reply, const Held &sent, bool last,
                       const std::function<void()> &then);
    QString audienceName() const;
    QString audienceObject() const;
    void saveCheckpoint();
    void complete(bool ok, const QString &error = {});
    void completeLater(bool ok, const QString &error = {});

    MetaApi m_api;
    ConnectorContext &m_context;
    DeliveryTarget m_target;
    QStringList m_columns;
    Share::ShareAction m_action = Share::ShareAction::Add;

    QObject m_owner; // parent of the calls; their callbacks die with it
    QPointer<MetaCall> m_call;
    StepDone m_done; // of the step in progress

    QString m_audienceId;
    bool m_created = false; // this delivery (or the one it resumes) created the audience
    qint64 m_sessionId = 0;
    int m_nextSeq = 1;
    Held m_held;
    bool m_closed = false;
    qint64 m_received = 0;
    qint64 m_invalid = 0;
};

} // namespace courier
