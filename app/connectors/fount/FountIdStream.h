#pragma once

#include <atomic>
#include <functional>
#include <optional>
#include <QCoreApplication>
#include <QHash>
#include <QJsonValue>
#include <QString>

namespace courier {

// Reads a Fount JSON document as a stream (RapidJSON's SAX reader), so memory stays flat
// however many respondents it holds, and writes the strings of one top-level array as CSV rows
// of one column:
//   a respondents page  {"data": ["…", …], "links": {…}, "meta": {…}}     → arrayKey "data"
//   an export payload   {"id": 4, "name": …, "respondents": ["…", …], …} → arrayKey "respondents"
// Scalars outside the array are collected by their dotted path ("id", "meta.last_page",
// "links.next", "user.operating_company.name"; arrays of them are skipped), so the caller can
// check whose ids these are. Integers in the array are taken as text; anything else there
// (objects, null) makes the document unreadable. Empty strings are skipped and counted.
//
// Synchronous; touches nothing but the two files (it may run on a worker thread).
class FountIdStream
{
    Q_DECLARE_TR_FUNCTIONS(FountIdStream)

public:
    struct Result
    {
        qint64 rows = 0;        // ids written
        qint64 emptyIds = 0;    // "" skipped
        bool arraySeen = false; // the array was there (perhaps empty)
        QString firstId;
        QHash<QString, QJsonValue> fields;

        QJsonValue field(const QString &path) const { return fields.value(path); }
    };

    // Checks a finished read before the CSV is kept: an error message (translated) refuses it.
    using Validator = std::function<QString(const Result &result)>;

    // Converts jsonPath into csvPath (header: column). The CSV appears whole or not at all.
    // nullopt + *error (translated) when the JSON cannot be read (cut short, not an object,
    // not ids), validate refused it, the CSV cannot be written, or *cancelled became true.
    // *badContent says whether the document itself was at fault (so asking again may help).
    static std::optional<Result> toCsv(const QString &jsonPath, const QString &arrayKey,
                                       const QString &csvPath, const QString &column,
                                       QString *error, const Validator &validate = {},
                                       const std::atomic<bool> *cancelled = nullptr,
                                       bool *badContent = nullptr);

    // An integer field, whether sent as a number or a numeric string; -1 when it is neither.
    static qint64 integer(const QJsonValue &value);
};

} // namespace courier
