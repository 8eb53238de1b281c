#pragma once

#include "connectors/Source.h"

namespace courier {

// Adobe Experience Platform audiences (segment definitions) as a source: each share runs
// what the seed guide (shared/seeds/003) does by hand — an export job of the audience into a
// dataset, then the realized members read from that dataset through Query Service (the
// PostgreSQL protocol) — and hands them on as rows. PROTOCOLS.md §3, docs/sandbox.md "Adobe
// Experience Platform".
//
// Endpoint contract:
//   kind        "aep"
//   contactUrl  the Platform address when "platformUrl" is not set
//   settings    "imsUrl": IMS, default https://ims-na1.adobelogin.com/ims (token/v3 below it);
//               "platformUrl": default https://platform.adobe.io (or the contact URL);
//               "orgId": the IMS organisation (…@AdobeOrg), x-gw-ims-org-id and the Query
//               Service user; "sandboxName": x-sandbox-name (e.g. "prod");
//               "clientId": the OAuth server-to-server client id, also the x-api-key;
//               "scope" (optional): the credential's scopes, comma-separated;
//               "datasetId": destination dataset of the export jobs (a profile-union dataset);
//               "fields" (optional): the export's fields, default the person-id field;
//               "exportTimeoutMinutes" (optional, default 360);
//               "queryHost": the organisation's Query Service host (…platform-query.adobe.io);
//               "queryPort" (default 80, Adobe's documented port);
//               "queryDatabase" (default "<sandboxName>:all");
//               "querySslMode" (libpq sslmode, default "require");
//               "queryTable": the dataset's table name (letters, digits, underscores);
//               "personIdField" (default "personID"): the field read as the person id;
//               "queryDialect" (optional): "queryService" (default) or "postgres" (the export
//               table copied into PostgreSQL with segmentMembership as jsonb).
//   secret      "clientSecret" (OS keychain): the OAuth server-to-server client secret.
// The Query Service password is the IMS access token (Adobe's expiring credentials).
// Rows: profileId, personID, audienceMembershipId, audienceMembershipName,
// lastQualificationTime (AepMembershipQuery).
class AepSourceConnector final : public SourceConnector
{
public:
    QString kind() const override { return QStringLiteral("aep"); }
    QStringList secretNames() const override;
    std::unique_ptr<QObject> listAudiences(ConnectorContext &context, ListDone done) override;
    std::unique_ptr<SourceFetch> createFetch(ConnectorContext &context,
                                             const FetchRequest &request) override;
};

} // namespace courier
