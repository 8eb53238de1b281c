#pragma once

#include "sandbox/SandboxContext.h"

#include <chrono>
#include <optional>
#include <QByteArray>
#include <QHash>
#include <QString>

namespace courier::sandbox {

class Router;

// What the emulated consent screen granted: an authorization code stands for one of these until
// it is redeemed at /ga4/token (once) or expires.
struct Ga4Consent
{
    QString clientId;
    QString redirectUri;   // as the authorization request gave it; the token request must repeat it
    QString scope;         // space-delimited, as requested (and granted)
    QString codeChallenge; // empty: the client did not use PKCE
    QString challengeMethod; // "S256" or "plain"
    bool offline = false;    // access_type=offline: a refresh token comes with the access token
    std::chrono::steady_clock::time_point expires;

    // RFC 7636 §4.6: the code_verifier of the token request against the stored challenge.
    bool verifierMatches(const QString &verifier) const;
};

// Authorization codes handed out by GET /ga4/oauth/authorize and the refresh tokens issued for
// them by the authorization_code grant.
class Ga4ConsentState : public ProtocolState
{
public:
    struct RefreshGrant
    {
        QString clientId;
        QString scope;
    };

    // A new code ("4/0…", shaped like Google's) for this consent.
    QString issueCode(const Ga4Consent &consent);
    // Google's codes start "4/"; anything else is "Malformed auth code." rather than unknown.
    static bool looksLikeCode(const QString &code);
    // The consent a code stands for, forgotten at once: a code is good for one attempt, whether
    // that attempt succeeds or not. nullopt when unknown, already used or expired.
    std::optional<Ga4Consent> redeem(const QString &code);

    // A new refresh token ("1//…") the refresh_token grant accepts from now on.
    QByteArray issueRefreshToken(const QString &clientId, const QString &scope);
    std::optional<RefreshGrant> refreshGrant(const QByteArray &token) const;

    void reset() override;

private:
    QHash<QString, Ga4Consent> m_codes;
    QHash<QByteArray, RefreshGrant> m_refreshTokens;
};

// GET /ga4/oauth/authorize, standing in for https://accounts.google.com/o/oauth2/v2/auth.
void registerGa4ConsentRoutes(Router &router, SandboxContext &context);

} // namespace courier::sandbox
