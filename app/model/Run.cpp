#include "Run.h"

#include <QCoreApplication>

namespace courier {

namespace {

// Gives the display names a translation context of their own (lupdate reads the macro).
class RunStateText
{
    Q_DECLARE_TR_FUNCTIONS(courier::RunState)

public:
    static QString displayName(RunState state);
};

QString RunStateText::displayName(RunState state)
{
    switch (state) {
    case RunState::Queued:
        return tr("Queued");
    case RunState::Requesting:
        return tr("Requesting");
    case RunState::Waiting:
        return tr("Waiting");
    case RunState::Downloading:
        return tr("Downloading");
    case RunState::Transforming:
        return tr("Transforming");
    case RunState::Delivering:
        return tr("Delivering");
    case RunState::Succeeded:
        return tr("Succeeded");
    case RunState::Failed:
        return tr("Failed");
    case RunState::Cancelled:
        return tr("Cancelled");
    case RunState::Interrupted:
        return tr("Interrupted");
    }
    return {};
}

} // namespace

QList<RunState> allRunStates()
{
    return {RunState::Queued,      RunState::Requesting,   RunState::Waiting,
            RunState::Downloading, RunState::Transforming, RunState::Delivering,
            RunState::Succeeded,   RunState::Failed,       RunState::Cancelled,
            RunState::Interrupted};
}

QString runStateToString(RunState state)
{
    switch (state) {
    case RunState::Queued:
        return QStringLiteral("queued");
    case RunState::Requesting:
        return QStringLiteral("requesting");
    case RunState::Waiting:
        return QStringLiteral("waiting");
    case RunState::Downloading:
        return QStringLiteral("downloading");
    case RunState::Transforming:
        return QStringLiteral("transforming");
    case RunState::Delivering:
        return QStringLiteral("delivering");
    case RunState::Succeeded:
        return QStringLiteral("succeeded");
    case RunState::Failed:
        return QStringLiteral("failed");
    case RunState::Cancelled:
        return QStringLiteral("cancelled");
    case RunState::Interrupted:
        return QStringLiteral("interrupted");
    }
    return QStringLiteral("failed");
}

std::optional<RunState> runStateFromString(QStringView key)
{
    const QList<RunState> states = allRunStates();
    for (RunState state : states) {
        if (key == runStateToString(state))
            return state;
    }
    return std::nullopt;
}

bool isTerminal(RunState state)
{
    switch (state) {
    case RunState::Succeeded:
    case RunState::Failed:
    case RunState::Cancelled:
    case RunState::Interrupted:
        return true;
    case RunState::Queued:
    case RunState::Requesting:
    case RunState::Waiting:
    case RunState::Downloading:
    case RunState::Transforming:
    case RunState::Delivering:
        return false;
    }
    return true;
}

QString runStateDisplayName(RunState state)
{
    return RunStateText::displayName(state);
}

QString runEventLevelToString(RunEvent::Level level)
{
    switch (level) {
    case RunEvent::Level::Info:
        return QStringLiteral("info");
    case RunEvent::Level::Warning:
        return QStringLiteral("warning");
    case RunEvent::Level::Error:
        return QStringLiteral("error");
    }
    return QStringLiteral("info");
}

std::optional<RunEvent::Level> runEventLevelFromString(QStringView key)
{
    for (auto level : {RunEvent::Level::Info, RunEvent::Level::Warning, RunEvent::Level::Error}) {
        if (key == runEventLevelToString(level))
            return level;
    }
    return std::nullopt;
}

} // namespace courier
