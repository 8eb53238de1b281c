#pragma once

#include "connectors/Source.h"
#include "FountApi.h"
#include "FountTokenSession.h"

#include <QCoreApplication>
#include <QList>
#include <QObject>
#include <QPointer>

namespace courier {

// Lists a Fount user's audiences for the cache: GET audiences?include=group&per_page=N&page=P
// (active ones only unless the endpoint setting "includeInactive" is true: The Fount asks
// applications not to show inactive audiences), page after page. The next page is asked for
// while meta.current_page < meta.last_page — or, when a server leaves meta out, while
// links.next is set — with the page numbers built here (links may or may not keep the query).
// Each audience becomes an AudienceInfo (see audienceFor()). Destroying the listing cancels it.
class FountListing final : public QObject
{
    Q_OBJECT

public:
    // A server that keeps saying "next page" is broken, not big.
    static constexpr int MaxPages = 1000;

    FountListing(ConnectorContext &context, SourceConnector::ListDone done,
                 QObject *parent = nullptr);
    ~FountListing() override;

    void start();

    // One audience of the Audiences API as the cache keeps it:
    //   externalId = id; name; description; size unknown (-1);
    //   identifiers = the columns of the respondent formats it allows (FountFormats);
    //   details = the API's fields (is_active, is_public, available_for_bav, available_for_bc,
    //     bc_filters, available_for_diversity, is_ethnic_minority, created_at, updated_at,
    //     group {id, name}) plus "studyType" (FountFormats::studyTypeKey) and "formats":
    //     [{"format", "column", "available", "reason"}] — the reasons as of the listing; a
    //     fetch decides again from the flags and the endpoint's current approvals.
    static AudienceInfo audienceFor(const QJsonObject &audience, const QJsonObject &settings);

private:
    void requestPage(int page);
    void onPage(int page, const FountReply &reply);
    void finish(bool ok, const QString &error = {});

    ConnectorContext &m_context;
    FountTokenSession m_session;
    FountApi m_api;
    SourceConnector::ListDone m_done;
    QPointer<HttpJob> m_job;
    QList<AudienceInfo> m_audiences;
};

} // namespace courier
