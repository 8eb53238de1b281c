#pragma once

#include <optional>
#include <QString>

namespace courier::csv {

// The data records of a CSV file (the header and blank lines not counted), with quoted line
// breaks inside fields, streaming. For checking a download against the row count its server
// announced: Qt can take a connection closed mid-body for the end of a chunked body.
// nullopt + *error when the file cannot be read.
std::optional<qint64> countRecords(const QString &path, QString *error = nullptr);

} // namespace courier::csv
