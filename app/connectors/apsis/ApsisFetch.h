#pragma once

#include "ApsisApi.h"
#include "ApsisExportRequest.h"
#include "ApsisTokenSession.h"
#include "connectors/Source.h"
#include "engine/Poller.h"

#include <atomic>
#include <memory>
#include <QCoreApplication>
#include <QDateTime>
#include <QObject>
#include <QUrl>

class QThread;

namespace courier {

class ApsisExportConverter;

// One run's fetch of one APSIS One segment:
//   check the request (ApsisExportRequest: no network call when APSIS would refuse it)
//   → POST audience/profiles/exports {segment_filter, attributes, tags, events, start_at, end_at}
//     (429 — rate limit or too many pending exports — waits as Retry-After says, bounded)
//   → checkpoint → poll poll_url (verbatim) with back-off: 404 not ready, 200 the file (asked
//     for gzip, spooled to <work dir>/apsis-export.json), 410 gone → a new export, 503 failed
//     → a new export, at most MaxFailedExports times
//   → convert the file on a worker thread (ApsisExportConverter) to <work dir>/apsis-rows.csv
//   → openRows() reads that CSV.
// A file that cannot be parsed is downloaded once more from the same poll URL.
//
// Checkpoint "source":
//   {"segment": "<discriminator>", "request": "<hash of the POST body>", "exportId": "…",
//    "pollUrl": "…", "expiresAt": "<ISO 8601>", "requestedAt": "<ISO 8601>",
//    "downloaded": bool, "converted": bool, "profiles": n}
// A resume with the same segment and request reuses the CSV (converted), or converts the
// downloaded file, or polls the same URL while the export has not expired; an export that is
// gone is requested anew and resumedSameSnapshot() is false.
class ApsisFetch final : public SourceFetch
{
    Q_DECLARE_TR_FUNCTIONS(ApsisFetch)

public:
    // New exports after one went away (410) or failed (503), before giving up.
    static constexpr int MaxGoneExports = 3;
    static constexpr int MaxFailedExports = 2;

    ApsisFetch(ConnectorContext &context, const FetchRequest &request);
    ~ApsisFetch() override;

    void fetch(StepDone done) override;
    void cancel() override;
    std::unique_ptr<RowReader> openRows(QString *error) override;
    bool resumedSameSnapshot() const override { return m_sameSnapshot; }

    // For tests and logs.
    int exportsRequested() const { return m_exportsRequested; }
    QString exportId() const { return m_exportId; }
    qint64 profiles() const { return m_profiles; }
    qint64 repeatedEvents() const { return m_repeatedEvents; }
    qint64 deprecatedValues() const { return m_deprecatedValues; }
    QString exportFilePath() const; // the downloaded JSON
    QString rowsFilePath() const;   // the CSV openRows() reads
    const ApsisTokenSession &session() const { return m_session; }

private:
    void begin();
    void requestExport();
    void onExportCreated(const ApsisReply &reply);
    void poll();
    PollVerdict classify(int status, const QByteArray &body) const;
    void onPolled(Poller::Outcome outcome);
    void exportLost(const QString &why);
    void exportFailed(const QString &why);
    void convert();
    void onConverted();
    void saveCheckpoint();
    void discardFiles();
    void dropCalls();
    void finish(bool ok, const QString &error = {});

    ConnectorContext &m_context;
    AudienceInfo m_audience;
    std::optional<ApsisExportPlan> m_plan;
    QString m_planError;
    QString m_fingerprint; // of the POST body: a resume must ask for the same export
    StepDone m_done;

    ApsisTokenSession m_session;
    ApsisApi m_api;
    // Parent of the running jobs and context of their callbacks; replaced by cancel().
    std::unique_ptr<QObject> m_calls;
    std::unique_ptr<Poller> m_poller;
    std::unique_ptr<ApsisExportConverter> m_converter;
    std::unique_ptr<QThread> m_worker;
    std::atomic<bool> m_cancelConversion{false};
    bool m_converterOk = false; // written by the worker, read after it finished

    QString m_exportId;
    QUrl m_pollUrl;
    QDateTime m_expiresAt;
    QDateTime m_requestedAt;
    bool m_downloaded = false;
    bool m_converted = false;
    qint64 m_profiles = 0;
    qint64 m_repeatedEvents = 0;
    qint64 m_deprecatedValues = 0;

    bool m_sameSnapshot = false;
    bool m_downloading = false;
    int m_exportsRequested = 0;
    int m_goneExports = 0;
    int m_failedExports = 0;
    int m_badFiles = 0;
    bool m_running = false;
};

} // namespace courier
