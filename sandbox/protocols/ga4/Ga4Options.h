#pragma once

#include <chrono>
#include <QByteArray>

namespace courier::sandbox {

// The Google Analytics 4 emulation (docs/sandbox.md, "Google Analytics 4"). Export jobs become
// ACTIVE after SandboxOptions::jobReadyAfter like every protocol's jobs.
struct Ga4Options
{
    // Lifetime of access tokens (Google's are 3599 s); a tokenTtlSeconds fault overrides it.
    std::chrono::seconds tokenTtl{3599};
    // An audience export is gone (404 NOT_FOUND) this long after its creation.
    std::chrono::milliseconds exportTtl{std::chrono::hours(72)};
    // More requests than this in flight for one property → 429 RESOURCE_EXHAUSTED.
    int maxConcurrentRequests = 10;
    // audienceExports.query answers at most this many rows whatever the limit asked for
    // ("fewer rows may be returned"); 0: as many as the limit.
    qint64 maxRowsPerQuery = 0;

    // The installed-app OAuth client of grant_type=refresh_token.
    QByteArray oauthClientId =
        QByteArrayLiteral("100000000000-couriersandbox.apps.googleusercontent.com");
    QByteArray oauthClientSecret = QByteArrayLiteral("GOCSPX-courier-sandbox-secret");
    QByteArray refreshToken = QByteArrayLiteral("1//courier-sandbox-refresh-token");

    // The installed-app sign-in (GET /ga4/oauth/authorize, grant_type=authorization_code).
    // An authorization code can be redeemed once, within this time.
    std::chrono::seconds oauthCodeTtl{600};
    // The test user declines the consent screen (as with a login_hint of "deny@…").
    bool oauthUserDeclines = false;
};

} // namespace courier::sandbox
