#pragma once

#include <QStringList>

namespace courier::cli {

// audience-courier run SHARE... | --all-due [--profile DIR]
// Runs shares without a window and waits for them; see runShares' help text for the exit codes.
int runShares(const QStringList &arguments);

} // namespace courier::cli
