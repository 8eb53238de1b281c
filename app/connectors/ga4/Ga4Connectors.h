#pragma once

#include "connectors/Source.h"

namespace courier {

// Google Analytics 4 audiences (Admin API v1alpha properties.audiences.list) and their members
// through the Data API v1beta audience exports (create → poll → query; see Ga4Fetch.h).
//
// Endpoint contract, kind "ga4":
//   settings (JSON, never secrets):
//     propertyId    the numeric GA4 property id, "1234567" ("properties/1234567" is taken too)
//     authMethod    "serviceAccount" | "oauth" | "accessToken" (when absent: the stored secret
//                   decides, a service-account key first)
//     adminUrl      default https://analyticsadmin.googleapis.com
//     dataUrl       default https://analyticsdata.googleapis.com
//     tokenUrl      default https://oauth2.googleapis.com/token; for a service account the key
//                   file's token_uri is used unless this is set (it is also the JWT's aud)
//     oauthClientId the installed-app OAuth client of a Google sign-in ("oauth")
//     pageSize      audiences (and audience exports) per listing page; default 200 (1000)
//     queryLimit    rows per audienceExports.query page; default and maximum 250000
//     reuseHours    how old an ACTIVE export of the same audience and dimensions may be to be
//                   reused instead of creating one; default 24, 0 = never, at most 70 (exports
//                   expire after 72 h, and the queries need time)
//     exportTimeoutMinutes  how long to wait for an export to become ACTIVE; default 360
//   secrets (keychain, ConnectorContext::secret):
//     serviceAccountKey  the whole JSON key file of a service account ("serviceAccount")
//     refreshToken, oauthClientSecret  of a Google sign-in ("oauth")
//     accessToken        a pasted access token ("accessToken"; lasts an hour, never renewed)
//   The account needs Viewer access to the property; the scope asked for is
//   https://www.googleapis.com/auth/analytics.readonly.
//
// Audiences: externalId = the numeric audience id, name = displayName, size unknown (-1),
// identifiers {deviceId, userId}, attributes {isAdsPersonalizationAllowed,
// isLimitedAdTracking}; details {resourceName, membershipDurationDays,
// adsPersonalizationEnabled, createTime}. Source columns are export dimensions: a fetch asks
// for the share's columns (or options.dimensions), all four when none are named.
class Ga4SourceConnector final : public SourceConnector
{
public:
    QString kind() const override { return QStringLiteral("ga4"); }
    QStringList secretNames() const override;
    std::unique_ptr<QObject> listAudiences(ConnectorContext &context, ListDone done) override;
    std::unique_ptr<SourceFetch> createFetch(ConnectorContext &context,
                                             const FetchRequest &request) override;
};

} // namespace courier
