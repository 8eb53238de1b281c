#pragma once

#include "connectors/Source.h"

namespace courier {

// APSIS One as a source: its segments, with their sections' attributes, tags and events, and
// their profile exports (docs/sandbox.md "APSIS One", /work/shared/PROTOCOLS.md §2).
//
// Endpoint contract:
//   kind        "apsis"
//   contactUrl  the API base: https://api.apsis.one (EU), https://api-apac.apsis.one (APAC), or
//               {sandbox}/apsis. Every path hangs below it (oauth/token, audience/…).
//   settings    "clientId": the API key's client id (not secret);
//               "exportTimeoutMinutes" (optional): how long an export may take to be
//               prepared, default 6 hours.
//   secret      "clientSecret" (OS keychain): the API key's client secret.
// Sign-in: client credentials (ApsisTokenSession). Listing: ApsisListing, one AudienceInfo per
// segment with the section's definitions in its details (ApsisDetails, which also documents
// the column names: profileKey, attributes by name, "Tag: <name>",
// "Event: <name> (count)" / "(last)"). Fetch: ApsisFetch; the share's source options may hold
// "events" (event names), "startAt" and "endAt" (ISO 8601) — see ApsisExportRequest.
class ApsisSourceConnector final : public SourceConnector
{
public:
    QString kind() const override { return QStringLiteral("apsis"); }
    QStringList secretNames() const override;
    std::unique_ptr<QObject> listAudiences(ConnectorContext &context, ListDone done) override;
    std::unique_ptr<SourceFetch> createFetch(ConnectorContext &context,
                                             const FetchRequest &request) override;
};

} // namespace courier
