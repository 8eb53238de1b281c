#pragma once

#include "model/Endpoint.h"

#include <functional>
#include <optional>
#include <QCoreApplication>
#include <QString>
#include <QStringList>
#include <QUrl>

namespace courier {

// Google's fixed names, shared by the GA4 connector and the browser sign-in.
namespace ga4 {
inline constexpr auto DefaultAdminUrl = "https://analyticsadmin.googleapis.com";
inline constexpr auto DefaultDataUrl = "https://analyticsdata.googleapis.com";
inline constexpr auto DefaultTokenUrl = "https://oauth2.googleapis.com/token";
// Read access is all the connector needs; both APIs accept it.
inline constexpr auto ReadonlyScope = "https://www.googleapis.com/auth/analytics.readonly";

// The four dimensions of the audience export schema, in the order "all of them" uses.
QStringList exportDimensions();

// Secret names (ConnectorContext::secret).
inline constexpr auto ServiceAccountKeySecret = "serviceAccountKey";
inline constexpr auto RefreshTokenSecret = "refreshToken";
inline constexpr auto OAuthClientSecretSecret = "oauthClientSecret";
inline constexpr auto AccessTokenSecret = "accessToken";
} // namespace ga4

// The endpoint settings of a GA4 source (see the contract in Ga4Connectors.h), read and checked
// once per run or listing so that a mistake is reported before anything is sent.
struct Ga4Settings
{
    Q_DECLARE_TR_FUNCTIONS(Ga4Settings)

public:
    enum class AuthMethod { ServiceAccount, OAuth, AccessToken };

    // Query pages may not ask for more rows than this (audienceExports.query's maximum).
    static constexpr qint64 MaxQueryLimit = 250'000;
    // Google deletes an audience export 72 h after its creation; one reused must still have
    // this many hours left, for the queries to finish.
    static constexpr int ExportLifetimeHours = 72;
    static constexpr int ReuseMarginHours = 2;
    static constexpr int DefaultReuseHours = 24;

    QString propertyId; // digits only
    AuthMethod authMethod = AuthMethod::ServiceAccount;
    QUrl adminUrl;
    QUrl dataUrl;
    QUrl tokenUrl; // empty: the key file's token_uri (service account) or Google's
    bool tokenUrlSet = false;
    QString oauthClientId;
    int pageSize = 0; // 0: the connector's default
    qint64 queryLimit = MaxQueryLimit;
    int reuseHours = DefaultReuseHours; // 0: never reuse
    int exportTimeoutMinutes = 6 * 60;

    // Reads endpoint.settings; nullopt + *error (translated, actionable) when they cannot work.
    // `hasSecret` says which secrets are stored (to pick a method when none is set).
    static std::optional<Ga4Settings>
    fromEndpoint(const Endpoint &endpoint, const std::function<bool(const char *)> &hasSecret,
                 QString *error);

    // The endpoint's name for messages: its own name, else "GA4 property 1234567".
    static QString endpointName(const Endpoint &endpoint);

    // "properties/1234567".
    QString propertyName() const { return QStringLiteral("properties/") + propertyId; }
    // The token URL of the refresh-token grant.
    QUrl oauthTokenUrl() const
    {
        return tokenUrlSet ? tokenUrl : QUrl(QLatin1String(ga4::DefaultTokenUrl));
    }
};

} // namespace courier
