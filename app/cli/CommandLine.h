#pragma once

#include <QStringList>

namespace courier::cli {

// Exit codes scripts can rely on; documented in the README and the man page.
enum ExitCode : int {
    ExitSuccess = 0,
    ExitFailure = 1, // the command ran and failed: bad input file, I/O error, ...
    ExitUsage = 2,   // the command line itself is wrong
    ExitBusy = 75,   // another process is running shares for the profile (EX_TEMPFAIL)
    ExitInterrupted = 130,
};

// True when the arguments name a headless command (or ask for --help / --version), so main()
// can run without a display. Arguments are as in QCoreApplication::arguments().
bool isHeadlessInvocation(const QStringList &arguments);

// Runs the headless command the arguments name and returns the process exit code.
// Needs a QCoreApplication (or QApplication).
int run(const QStringList &arguments);

// Options shared by the GUI and the headless commands.
QString profileOptionName();

} // namespace courier::cli
