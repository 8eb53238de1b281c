#pragma once

#include <optional>
#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringView>

namespace courier {

// A run's lifecycle. Requesting/Waiting/Downloading cover systems that prepare an export
// asynchronously; file-based runs may go straight from Queued to Transforming.
enum class RunState {
    Queued,
    Requesting,
    Waiting,
    Downloading,
    Transforming,
    Delivering,
    Succeeded,
    Failed,
    Cancelled,
    Interrupted, // the app stopped while the run was in progress
};

// Every state, in lifecycle order (for filters and tests).
QList<RunState> allRunStates();
// Stable lower-case keys for the cache ("queued", "requesting", ...); never translate them.
QString runStateToString(RunState state);
std::optional<RunState> runStateFromString(QStringView key);
// Terminal states never change again: Succeeded, Failed, Cancelled, Interrupted.
bool isTerminal(RunState state);
// Translated, for the UI.
QString runStateDisplayName(RunState state);

// One execution of a share (or of an ad-hoc job such as a CSV export).
struct Run
{
    qint64 id = 0;                 // 0 = not stored yet
    std::optional<qint64> shareId; // none for ad-hoc runs, or once the share is deleted
    QString kind;                  // e.g. "csv-export"
    RunState state = RunState::Queued;
    int attempt = 1;
    qint64 rowsRead = 0;
    qint64 rowsWritten = 0;
    qint64 rowsRejected = 0;
    qint64 bytesRead = 0;
    QDateTime queuedAt; // UTC
    QDateTime startedAt;
    QDateTime finishedAt;
    QString error;  // user-visible reason when it failed
    QString source; // human descriptions, e.g. file paths
    QString destination;
    QString outputPath;
    QString rejectedPath;              // the rejected-rows file, if any rows were rejected
    std::optional<qint64> resumedFrom; // the interrupted run this one continues
    qint64 batchesDelivered = 0;
    bool dryRun = false; // fetched and mapped, nothing sent: the log says what would change

    bool isFinished() const { return isTerminal(state); }

    friend bool operator==(const Run &, const Run &) = default;
};

// A line in a run's log, shown in the run details.
struct RunEvent
{
    enum class Level { Info, Warning, Error };

    qint64 id = 0;
    qint64 runId = 0;
    QDateTime at; // UTC
    Level level = Level::Info;
    QString message;

    friend bool operator==(const RunEvent &, const RunEvent &) = default;
};

// Stable lower-case keys for the cache: "info", "warning", "error".
QString runEventLevelToString(RunEvent::Level level);
std::optional<RunEvent::Level> runEventLevelFromString(QStringView key);

} // namespace courier
