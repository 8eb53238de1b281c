#include "connectors/csv/CsvRecordCount.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>

namespace courier::csv {

std::optional<qint64> countRecords(const QString &path, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        if (error)
            *error = QCoreApplication::translate("courier::csv", "Cannot read %1: %2")
                         .arg(QDir::toNativeSeparators(path), file.errorString());
        return std::nullopt;
    }
    qint64 records = 0;
    bool inQuotes = false;
    bool recordHasContent = false;
    QByteArray chunk;
    while (!(chunk = file.read(1 << 20)).isEmpty()) {
        for (const char c : std::as_const(chunk)) {
            if (c == '"') {
                inQuotes = !inQuotes; // "" inside quotes toggles twice: no change
                recordHasContent = true;
            } else if (c == '\n' && !inQuotes) {
                records += recordHasContent ? 1 : 0;
                recordHasContent = false;
            } else if (c != '\r') {
                recordHasContent = true;
            }
        }
    }
    if (file.error() != QFileDevice::NoError) {
        if (error)
            *error = QCoreApplication::translate("courier::csv", "Cannot read %1: %2")
                         .arg(QDir::toNativeSeparators(path), file.errorString());
        return std::nullopt;
    }
    records += recordHasContent ? 1 : 0;
    return std::max<qint64>(records - 1, 0); // the header
}

} // namespace courier::csv
