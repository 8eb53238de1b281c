#pragma once

#include "ApsisExportRequest.h"

#include <atomic>
#include <QCoreApplication>
#include <QString>

namespace courier {

// Turns an APSIS One profile export file into CSV rows, reading it as a stream (RapidJSON's
// SAX reader): memory stays flat however many profiles the file holds. The file:
//   {"profiles": {"<export key>": {"sections": {"<section id>": {
//        "attributes": {"<version id>": {"value": …}, "<tag version id>": {"value": null}},
//        "events": [{"correlationId", "sourceEventTime", "typeId", "createdAt", "data"}]}}}, …},
//    "metadata": {…}}
// One row per profile, keyed by its export key (profileKey, the first column), then the plan's
// columns. Version ids are resolved with the plan's definitions (deprecated versions included;
// a current version's value wins over a deprecated one's) — not with the file's metadata, which
// comes after the profiles. Attribute values are written as the file has them (numbers keep
// their digits); a tag is "true" when the profile has an entry for it, else "false". Events are
// counted per type, a correlationId repeated within a profile (a retried delivery) once; the
// last is the latest non-zero sourceEventTime as ISO 8601 UTC with milliseconds.
//
// Synchronous: the fetch runs it on a worker thread. Nothing here touches the run's context.
class ApsisExportConverter
{
    Q_DECLARE_TR_FUNCTIONS(ApsisExportConverter)

public:
    explicit ApsisExportConverter(ApsisExportPlan plan);
    ~ApsisExportConverter();

    // Reads jsonPath and writes csvPath (atomically: a failed or cancelled conversion leaves no
    // file). False + errorString() when the file cannot be read, is not an export, or
    // *cancelled became true.
    bool convert(const QString &jsonPath, const QString &csvPath,
                 const std::atomic<bool> *cancelled = nullptr);

    QString errorString() const { return m_error; }
    // True when the failure was the file's content (damaged, not an export), so a new
    // download may help; false for I/O trouble on this side or a cancel.
    bool fileWasBad() const { return m_fileWasBad; }

    qint64 profiles() const { return m_profiles; }
    qint64 repeatedEvents() const { return m_repeatedEvents; } // dropped as duplicates
    qint64 unknownIds() const { return m_unknownIds; } // version ids not in the plan, skipped
    qint64 deprecatedValues() const { return m_deprecatedValues; } // read from old versions
    // Bytes of the file read so far; may be read from another thread while converting.
    qint64 bytesRead() const { return m_bytesRead.load(std::memory_order_relaxed); }

private:
    class Handler;
    friend class Handler;

    ApsisExportPlan m_plan;
    QString m_error;
    bool m_fileWasBad = false;
    qint64 m_profiles = 0;
    qint64 m_repeatedEvents = 0;
    qint64 m_unknownIds = 0;
    qint64 m_deprecatedValues = 0;
    std::atomic<qint64> m_bytesRead{0};
};

} // namespace courier
