#pragma once

#include "connectors/ConnectorRegistry.h"
#include "engine/RunJob.h"

#include <chrono>
#include <optional>
#include <QDateTime>
#include <QHash>
#include <QList>
#include <QObject>
#include <QPointer>

class QThread;

namespace courier {

class Database;
class SecretStore;

struct EngineLimits
{
    int maxConcurrentRuns = 4;  // over all endpoints
    int maxRunsPerEndpoint = 2; // per source or destination endpoint
};

// Queues and runs shares. Each run gets a thread of its own (a RunJob with its own network
// access) so the caller's thread — the UI thread in the app — only queues, reads secrets from
// the keychain (asynchronously) and relays signals. A share never runs twice at once; limits
// hold per endpoint and overall. Destroying the Engine interrupts the runs in progress: they
// keep their checkpoints and resumeInterrupted() picks them up at the next start.
class Engine : public QObject
{
    Q_OBJECT

public:
    // secrets may be null (then connectors get no secrets: for endpoints that need none).
    Engine(const Database &database, QString runsDirectory, SecretStore *secrets,
           ConnectorRegistry registry, QObject *parent = nullptr);
    ~Engine() override;

    void setLimits(EngineLimits limits) { m_limits = limits; }
    void setRunSettings(RunSettings settings) { m_settings = settings; }
    const ConnectorRegistry &registry() const { return m_registry; }

    // Queues a run of the share and returns its id. When the share already has a run queued
    // or in progress, that run's id is returned instead; when its newest run was interrupted
    // recently, that run is resumed. nullopt + *error when the share cannot run.
    std::optional<qint64> runShare(qint64 shareId, QString *error = nullptr);
    // A dry run: fetches and maps the audience and reports what would change at the
    // destination (the delta, for a share that keeps snapshots) without sending anything or
    // touching the share's snapshot. Never resumes or joins another run of the share.
    std::optional<qint64> dryRunShare(qint64 shareId, QString *error = nullptr);

    // Queues a resumption of every run interrupted within `window` that is still its share's
    // newest run. Returns the new runs' ids.
    static constexpr std::chrono::hours ResumeWindow{24};
    QList<qint64> resumeInterrupted(std::chrono::hours window = ResumeWindow);

    void cancel(qint64 runId);
    void cancelAll();

    bool isIdle() const { return m_pending.isEmpty() && m_active.isEmpty(); }
    QList<qint64> activeRunIds() const { return m_active.keys(); }

signals:
    void runQueued(qint64 runId, qint64 shareId);
    void runStarted(qint64 runId);
    void runProgressed(qint64 runId, const courier::RunProgress &progress);
    void runFinished(qint64 runId, courier::RunState state, const QString &error);
    void idle();

private:
    struct Pending
    {
        qint64 runId = 0;
        RunPlan plan;
    };
    struct Active
    {
        qint64 shareId = 0;
        qint64 sourceEndpointId = 0;
        qint64 destinationEndpointId = 0;
        QPointer<QThread> thread;
        RunJob *job = nullptr; // lives on thread; deleted there when it finishes
        bool cancelled = false;
    };

    static QDateTime resumableSince(std::chrono::hours window);
    // Queues a run of the share; with `resuming`, one that continues that interrupted run.
    std::optional<qint64> queueShare(qint64 shareId, const Run *resuming, QString *error,
                                     bool dryRun = false);
    std::optional<qint64> queue(const Run &run, RunPlan plan, QString *error);
    std::optional<RunPlan> resolve(qint64 shareId, QString *error) const;
    void schedule();
    bool fitsLimits(const RunPlan &plan) const;
    void prepare(RunPlan plan);
    void launch(RunPlan plan);
    void readSecrets(const Endpoint &endpoint, const QStringList &names,
                     std::function<void(QHash<QString, QByteArray>, QString error)> done);
    void onRunFinished(qint64 runId, RunState state, const QString &error);
    void failBeforeStart(qint64 runId, const QString &error);

    const Database &m_database;
    QString m_runsDirectory;
    QPointer<SecretStore> m_secrets;
    ConnectorRegistry m_registry;
    EngineLimits m_limits;
    RunSettings m_settings;
    QList<Pending> m_pending;
    QHash<qint64, Active> m_active;
    // Every run thread still alive, finished runs' included: they wind down after the run
    // has reported its end, and the destructor must wait for them.
    QList<QPointer<QThread>> m_threads;
};

} // namespace courier
