#pragma once

#include "model/Run.h"

#include <optional>
#include <QCoreApplication>
#include <QJsonObject>
#include <QList>
#include <QString>

namespace courier {

class Database;

// How a run ended, for RunRepository::finish(), e.g.
// runs.finish(id, RunOutcome::failed(reason)). (The factories rather than designated
// initializers: g++ 12 warns about every member such an initializer leaves out.)
struct RunOutcome
{
    RunState state = RunState::Succeeded; // must be terminal
    QString error;                        // user-visible reason; empty on success
    QString outputPath;                   // empty = keep what the run already has
    QString rejectedPath;                 // empty = keep what the run already has

    static RunOutcome succeeded(QString outputPath = {}, QString rejectedPath = {})
    {
        return {RunState::Succeeded, {}, std::move(outputPath), std::move(rejectedPath)};
    }
    static RunOutcome failed(QString error, QString outputPath = {}, QString rejectedPath = {})
    {
        return {RunState::Failed, std::move(error), std::move(outputPath), std::move(rejectedPath)};
    }
    static RunOutcome cancelled(QString reason = {})
    {
        return {RunState::Cancelled, std::move(reason), {}, {}};
    }
};

// Runs and their event logs. Usable from any thread (each call uses that thread's
// connection), so a worker reports progress directly.
//
// start(), updateProgress() and finish() only change runs that have not finished yet: a run
// that was interrupted or cancelled keeps its final state even if a late worker reports in.
// A run's counters and state at a checkpoint.
struct RunProgress
{
    RunState state = RunState::Transforming;
    qint64 rowsRead = 0;
    qint64 rowsWritten = 0;
    qint64 rowsRejected = 0;
    qint64 bytesRead = 0;
    qint64 batchesDelivered = 0;
    int percentComplete = -1; // while waiting, as the source reports it; not stored
};

class RunRepository
{
    Q_DECLARE_TR_FUNCTIONS(courier::RunRepository)

public:
    explicit RunRepository(const Database &database);

    // Stores a new run (its id is ignored) as given; queuedAt is now when unset.
    std::optional<qint64> create(const Run &run, QString *error = nullptr);
    // The same, with the checkpoint it starts from (a resumed run inherits its predecessor's).
    std::optional<qint64> create(const Run &run, const QJsonObject &checkpoint,
                                 QString *error = nullptr);
    // Sets startedAt to now and the state the run starts in.
    bool start(qint64 id, RunState state = RunState::Requesting, QString *error = nullptr);
    bool updateProgress(qint64 id, RunState state, qint64 rowsRead, qint64 rowsWritten,
                        qint64 rowsRejected, qint64 bytesRead, QString *error = nullptr);
    // Sets the final state, finishedAt (now), the error and the output files.
    // Progress and resume data in one write, so a kill never separates them.
    bool saveCheckpoint(qint64 id, const RunProgress &progress, const QJsonObject &checkpoint,
                        QString *error = nullptr);
    QJsonObject checkpoint(qint64 id, QString *error = nullptr) const;
    // The share's run that is queued or in progress, if any (a share never runs twice at once).
    std::optional<qint64> unfinishedRunOf(qint64 shareId, QString *error = nullptr) const;
    // Interrupted share runs with a checkpoint, interrupted since the given time, that are still
    // their share's newest run: the runs to resume.
    QList<Run> resumable(const QDateTime &interruptedSince, QString *error = nullptr) const;
    // Makes the share's interrupted runs not resumable (their checkpoints are dropped), saying
    // why in their logs. For sources that cannot continue an export, such as a fresh sandbox.
    bool forgetResumption(qint64 shareId, const QString &reason, QString *error = nullptr);

    bool finish(qint64 id, const RunOutcome &outcome, QString *error = nullptr);

    std::optional<qint64> appendEvent(qint64 runId, RunEvent::Level level, const QString &message,
                                      QString *error = nullptr);
    // Oldest first.
    QList<RunEvent> events(qint64 runId, QString *error = nullptr) const;

    // nullopt when there is none (*error untouched) or on failure (*error set).
    std::optional<Run> find(qint64 id, QString *error = nullptr) const;
    // Newest first (by queuedAt). limit <= 0: no limit.
    QList<Run> recent(int limit = 100, QString *error = nullptr) const;

    // At app start: every run still in a non-terminal state was cut off by the app stopping.
    // Marks them Interrupted (finishedAt now, with an event saying so) and returns how many,
    // or -1 + *error.
    int markInterrupted(QString *error = nullptr);

    static QString interruptedMessage();

private:
    const Database &m_database;
};

} // namespace courier
