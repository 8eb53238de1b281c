#pragma once

#include "connectors/Source.h"

namespace courier {

// The Fount (WPP BAV) as a source: its audiences — survey-respondent cuts such as "Female
// 18-25" — and their exports in The Fount's four formats (PROTOCOLS.md §4, docs/sandbox.md
// "The Fount", seed "Exporting Audiences").
//
// Endpoint contract:
//   kind        "fount"
//   contactUrl  the API base: https://fount.wppbav.com/api/v2, or {sandbox}/fount/api/v2.
//               Every path hangs below it (audiences, audiences/{id}, …).
//   secret      "token" (OS keychain): a personal access token from the user's Fount profile,
//               sent as "Authorization: Bearer <token>" (FountTokenSession).
//   settings    "perPage" (optional, 1–1000, default 1000): page size of the audience and
//               respondent listings (fewer, larger pages spare the 500 requests a minute);
//               "includeInactive" (optional, default false): list inactive audiences too,
//               which The Fount asks applications not to show;
//               "approvals" (optional): which approvals this integration holds, a list of
//               "bav" (BAV respondent IDs) and "choreograph" (the Audience Origin formats);
//               absent = both (see FountFormats).
// Listing: FountListing (all pages, include=group); the details hold the audience's group,
// flags and timestamps, its study type and every format with why it is (not) available; the
// identifiers are the columns of the allowed respondent formats. Which format allows what:
// FountFormats. Fetch: FountFetch; the share's source options may hold "format"
// ("definition", "bav_respondent_ids", "ao_respondent_ids", "ao_progressive_numbers") and
// "payloadFile" (a saved export webhook payload to read instead of the API).
class FountSourceConnector final : public SourceConnector
{
public:
    QString kind() const override { return QStringLiteral("fount"); }
    QStringList secretNames() const override;
    std::unique_ptr<QObject> listAudiences(ConnectorContext &context, ListDone done) override;
    std::unique_ptr<SourceFetch> createFetch(ConnectorContext &context,
                                             const FetchRequest &request) override;
};

} // namespace courier
