#pragma once

#include <optional>
#include <QCoreApplication>
#include <QString>
#include <QStringList>

namespace courier {

// One page of audienceExports.query, as spooled to a file:
//   {"audienceExport": {…}, "audienceRows": [{"dimensionValues": [{"value": "…"}, …]}, …],
//    "rowCount": 1234}
// read with a streaming (SAX) parser and written row by row as CSV, so memory stays flat
// however large the page (250,000 rows are some 20 MB of JSON). proto3 JSON leaves zero
// values out: no "audienceRows" on an empty page, no "rowCount" for an empty export, no
// "value" for an empty one.
class Ga4QueryPage
{
    Q_DECLARE_TR_FUNCTIONS(Ga4QueryPage)

public:
    struct Result
    {
        qint64 rows = 0;     // rows written
        qint64 rowCount = 0; // the export's total, as the page says (0 when left out)
    };

    // Converts jsonPath into a CSV file at csvPath (header = columns, the export's dimensions
    // in its order; every row must have that many values). The CSV appears whole or not at
    // all. nullopt + *error (translated) when the page cannot be read — cut short, not JSON,
    // rows of the wrong width — or the CSV cannot be written.
    static std::optional<Result> toCsv(const QString &jsonPath, const QString &csvPath,
                                       const QStringList &columns, QString *error);
};

} // namespace courier
