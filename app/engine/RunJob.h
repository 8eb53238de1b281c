#pragma once

#include "connectors/ConnectorRegistry.h"
#include "engine/DeltaStage.h"
#include "mapping/Mapper.h"
#include "model/Audience.h"
#include "model/Endpoint.h"
#include "model/Share.h"
#include "pipeline/RejectedRowsFile.h"
#include "store/RunRepository.h"

#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <QElapsedTimer>
#include <QHash>
#include <QJsonObject>
#include <QObject>
#include <vector>

class QNetworkAccessManager;

namespace courier {

class Database;

// How runs behave; the defaults suit real systems, tests shorten the waits.
struct RunSettings
{
    int batchRows = 5000; // at most; the destination's own limit wins
    BackoffPolicy retry;  // HTTP retries inside each request
    BackoffPolicy poll{std::chrono::milliseconds(1000), 1.5, std::chrono::milliseconds(30000), 0.2,
                       0}; // polling: no attempt limit, the deadline ends it
    std::chrono::milliseconds progressInterval{250};
};

// Everything one run needs, resolved from the cache by the Engine before the run starts.
struct RunPlan
{
    qint64 runId = 0;
    Share share;
    AudienceInfo audience;
    Endpoint source;
    Endpoint destination;
    QHash<QString, QByteArray> sourceSecrets; // from the keychain, held only while running
    QHash<QString, QByteArray> destinationSecrets;
    QJsonObject checkpoint; // the run's own, or the interrupted run's it resumes
    QString workDirectory;  // downloads and other spool files
    QString rejectedPath;   // where rejected rows go, if any
    RunSettings settings;
    bool dryRun = false; // fetch, map and work out the changes; send nothing
};

// One run of a share, as a persisted state machine:
//   queued → requesting → waiting → downloading → transforming ⇄ delivering → succeeded
//                                                                    | failed | cancelled
// It lives on a thread of its own (the Engine's), so reading, mapping and the network never
// touch the UI thread. After every batch the destination acknowledges, the counters and the
// checkpoint are written in one transaction; after a kill, the next start resumes from there,
// and batches carry idempotency keys ("<delivery id>:<batch number>") so a batch sent again
// is not applied twice.
class RunJob : public QObject
{
    Q_OBJECT

public:
    // Re-reads one endpoint's secrets from the keychain (on the Engine's thread) and hands
    // them back; called after a 401 in case the user reconnected the endpoint meanwhile.
    using SecretReloader =
        std::function<void(qint64 endpointId, std::function<void(QHash<QString, QByteArray>)>)>;

    RunJob(const Database &database, const ConnectorRegistry &registry, RunPlan plan,
           QObject *parent = nullptr);
    ~RunJob() override;

    void setSecretReloader(SecretReloader reloader) { m_secretReloader = std::move(reloader); }

    qint64 runId() const { return m_plan.runId; }

    // Call on the job's thread (queued from elsewhere).
    void start();
    // Thread-safe. Cancel: the run ends as cancelled and the destination delivery is aborted.
    void cancel();
    // Thread-safe. Interrupt: stops without finishing the run, which keeps its checkpoint and
    // is resumed at the next start (used when the app quits with runs in progress).
    void interrupt();

signals:
    void progressed(qint64 runId, const courier::RunProgress &progress);
    void finished(qint64 runId, courier::RunState state, const QString &error);

private:
    class EndpointContext;
    friend class EndpointContext;

    // One delivery to the destination: the live stream of mapped rows (file empty), or a file
    // of rows mapped earlier (a delta's removals, then its additions).
    struct DeliveryPart
    {
        Share::ShareAction action = Share::ShareAction::Add;
        QString file;
        qint64 rows = -1; // known for files
    };

    bool checkMapping(const Mapping &mapping, const QStringList &sourceColumns, bool logWarnings);
    bool wantsDelta() const;
    bool rejectLimitExceeded(bool final);
    void onFetched(bool ok, const QString &error);
    void transformNext();
    void onTransformed();
    void startPart();
    void onOpened(bool ok, const QString &error);
    void deliverNext();
    bool readNextBatch(bool &more);
    bool readAndMap(bool &more);
    void startNewDelivery();
    void onSent(bool ok, const QString &error);
    void onCommitted(bool ok, const QString &error);
    void succeed(const QString &output);
    void stop(bool interrupted);

    void setPhase(RunState phase);
    void log(RunEvent::Level level, const QString &message);
    void saveCheckpoint(bool force);
    void fail(const QString &error);
    void finishRun(RunState state, const QString &error);
    void removeWorkDirectory();
    QByteArray idempotencyKey(qint64 batchNumber) const;

    const Database &m_database;
    const ConnectorRegistry &m_registry;
    RunPlan m_plan;
    RunRepository m_runs;
    SecretReloader m_secretReloader;

    std::unique_ptr<QNetworkAccessManager> m_network;
    std::unique_ptr<EndpointContext> m_sourceContext;
    std::unique_ptr<EndpointContext> m_destinationContext;
    std::unique_ptr<SourceFetch> m_fetch;
    std::unique_ptr<RowReader> m_reader;
    Mapping m_mapping; // the share's, read once at start; empty = every column as it is
    std::optional<Mapper> m_mapper;
    std::unique_ptr<DestinationDelivery> m_delivery;
    std::unique_ptr<RejectedRowsFile> m_rejected;
    DestinationConnector *m_destinationConnector = nullptr;
    DestinationSchema m_schema;
    std::unique_ptr<DeltaStage> m_delta;
    std::vector<DeliveryPart> m_parts;
    size_t m_partIndex = 0;
    std::unique_ptr<RowReader> m_partReader; // the current part's file
    QStringList m_outputs;                   // each part's outputDescription()
    bool m_keepRejected = false;             // a failed run keeps its rejected rows
    QString m_keptRejectedPath;

    QJsonObject m_checkpoint;
    RunProgress m_progress;
    RowBatch m_readBatch;
    RowBatch m_mappedBatch;
    qint64 m_batchNumber = 0;      // the last batch read
    qint64 m_alreadyDelivered = 0; // batches a resumed run skips
    int m_batchRows = 5000;
    bool m_readerDone = false;
    bool m_resumingDelivery = false; // the first part continues an interrupted delivery
    QElapsedTimer m_clock;
    QElapsedTimer m_sinceSaved;
    std::atomic<bool> m_stopRequested{false};
    bool m_finished = false;
};

} // namespace courier

Q_DECLARE_METATYPE(courier::RunProgress)
