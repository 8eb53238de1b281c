#pragma once

#include "model/Run.h"

#include <optional>
#include <QCoreApplication>
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
class RunRepository
{
    Q_DECLARE_TR_FUNCTIONS(courier::RunRepository)

public:
    explicit RunRepository(const Database &database);

    // Stores a new run (its id is ignored) as given; queuedAt is now when unset.
    std::optional<qint64> create(const Run &run, QString *error = nullptr);
    // Sets startedAt to now and the state the run starts in.
    bool start(qint64 id, RunState state = RunState::Requesting, QString *error = nullptr);
    bool updateProgress(qint64 id, RunState state, qint64 rowsRead, qint64 rowsWritten,
                        qint64 rowsRejected, qint64 bytesRead, QString *error = nullptr);
    // Sets the final state, finishedAt (now), the error and the output files.
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
