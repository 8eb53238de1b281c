#pragma once

#include <QStringList>

namespace courier::cli {

// audience-courier export-csv --in FILE --out FILE [--map TARGET=SOURCE[:transforms]]...
int runExportCsv(const QStringList &arguments);

} // namespace courier::cli
