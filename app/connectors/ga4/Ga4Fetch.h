#pragma once

#include "connectors/Source.h"
#include "engine/Poller.h"
#include "Ga4Api.h"

#include <memory>
#include <QCoreApplication>
#include <QDateTime>
#include <QList>
#include <QObject>
#include <QPointer>

namespace courier {

class TokenSession;

// One run's fetch of one GA4 audience through the Data API's audience exports:
//  1. find an export to reuse: audienceExports.list (all pages) for an ACTIVE export of the same
//     audience and dimensions, begun at most reuseHours ago (else a CREATING one, to wait for);
//  2. otherwise audienceExports.create → the export's name (response.name, else
//     metadata.audienceExport) → checkpoint;
//  3. poll audienceExports.get until ACTIVE (percentageCompleted reported while CREATING).
//     FAILED → its errorMessage: created once more, then the fetch fails with it; 404 → gone
//     (expired): created anew;
//  4. audienceExports.query page after page with the largest limit allowed, until rowCount
//     rows are in. Each page is spooled to <work>/ga4-page-N.json, streamed into
//     <work>/ga4-part-N.csv (header = the export's dimensions, in its order) and deleted; the
//     server may send fewer rows than asked, so the next offset is the rows received. An
//     empty page before rowCount is an error. An export with zero rows is an empty success.
//
// Checkpoint "source" (saved after the export is named and after every page):
//   {"exportName": "properties/1/audienceExports/2", "audience": "properties/1/audiences/3",
//    "dimensions": ["deviceId", …], "rowCount": 2500 (once ACTIVE),
//    "parts": [{"file": "ga4-part-1.csv", "offset": 0, "rows": 1000}, …]}
// A resumed fetch keeps the parts still on disk (in order from offset 0), asks for the export
// again and queries only the rows after them (resumedSameSnapshot() true); if the export is
// gone or changed, a new one is made and every part fetched again (false).
class Ga4Fetch final : public SourceFetch
{
    Q_DECLARE_TR_FUNCTIONS(Ga4Fetch)

public:
    Ga4Fetch(ConnectorContext &context, const FetchRequest &request);
    ~Ga4Fetch() override;

    void fetch(StepDone done) override;
    void cancel() override;
    std::unique_ptr<RowReader> openRows(QString *error) override;
    bool resumedSameSnapshot() const override { return m_sameSnapshot; }

    // For tests and logs.
    int exportsCreated() const { return m_exportsCreated; }
    int pagesQueried() const { return m_pagesQueried; }
    bool reusedExport() const { return m_reused; }
    QString exportName() const { return m_exportName; }
    QStringList dimensions() const { return m_dimensions; }
    qint64 rowCount() const { return m_rowCount; }

    // The export dimensions a request asks for: options.dimensions (a list, or text separated
    // by commas), then the columns not among them; all four when both are empty. nullopt +
    // *error when one is not an export dimension.
    static std::optional<QStringList> requestedDimensions(const FetchRequest &request,
                                                          QString *error);

private:
    struct Part
    {
        QString file; // relative to the work directory
        qint64 offset = 0;
        qint64 rows = 0;
    };

    bool resume();
    void findReusable(const QString &pageToken);
    void onExportsPage(const Ga4Reply &reply);
    void createExport();
    void onCreated(const Ga4Reply &reply);
    void poll();
    void startPoller();
    PollVerdict classify(int status, const QByteArray &body);
    void onPolled(Poller::Outcome outcome);
    void onExportReady(const QJsonObject &audienceExport);
    void queryNext();
    void onPage(const Ga4Reply &reply, qint64 offset, const QString &jsonFile);
    void exportGone(const QString &why);
    void exportFailed(const QString &why);
    void saveCheckpoint();
    void discardParts();
    qint64 rowsDone() const;
    QString path(const QString &file) const;
    void fail(const QString &error);
    void finish(bool ok, const QString &error = {});
    void finishLater(bool ok, const QString &error = {});

    ConnectorContext &m_context;
    AudienceInfo m_audience;
    QString m_audienceName;   // properties/{p}/audiences/{id}
    QStringList m_dimensions; // as requested, then as the export has them
    QString m_setupError;     // a problem found before any request
    std::unique_ptr<TokenSession> m_session;
    std::optional<Ga4Api> m_api;
    StepDone m_done;

    QObject m_owner; // parent of the jobs and the poller; their callbacks die with it
    QPointer<HttpJob> m_job;
    std::unique_ptr<Poller> m_poller;

    // Candidates found while listing exports.
    QJsonObject m_reusable;      // ACTIVE
    QJsonObject m_reusableStart; // CREATING
    int m_listedPages = 0;

    QString m_exportName;
    qint64 m_rowCount = -1; // -1 until the export is ACTIVE
    QList<Part> m_parts;
    qint64 m_bytesDone = 0;
    bool m_sameSnapshot = false;
    bool m_reused = false;
    int m_exportsCreated = 0;
    int m_failedExports = 0;
    int m_goneExports = 0;
    int m_badPages = 0;
    int m_pagesQueried = 0;
    bool m_running = false;
};

} // namespace courier
