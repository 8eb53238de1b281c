#pragma once

#include "connectors/auth/TokenSession.h"

#include <QPointer>

namespace courier {

class ConnectorContext;

// APSIS One's client-credentials sign-in: POST {contact URL}/oauth/token with
// {"grant_type":"client_credentials","client_id","client_secret"} as JSON. The client id is the
// endpoint setting "clientId", the secret the keychain's "clientSecret" (read at each request,
// never kept here). The expiry comes from the JWT's `exp` claim, as APSIS advises, with
// `expires_in` as the fallback. A 429 from the token endpoint (10 requests a minute) is retried
// after its Retry-After; refused credentials are re-read from the keychain once (the user may
// have reconnected the endpoint meanwhile), then end in "check the client id and secret".
class ApsisTokenSession final : public TokenSession
{
    Q_OBJECT

public:
    explicit ApsisTokenSession(ConnectorContext &context, QObject *parent = nullptr);
    ~ApsisTokenSession() override;

    // The token to send now. When it is within refreshMargin() of its expiry, a new one is
    // fetched in the background for the requests after this one: a poll loop that never calls
    // ensureFresh() still switches tokens before the old one lapses.
    QByteArray tokenForRequest();

    // How long before expiry a token counts as stale: 5 minutes, or half the token's lifetime
    // (rounded up to a second) when that is shorter: a token living 4 s is refreshed after
    // 2 s, not on every request.
    static std::chrono::seconds marginFor(std::chrono::milliseconds lifetime);

protected:
    void requestToken(TokenDone done) override;

private:
    void post(TokenDone done);
    void refused(const TokenDone &done, int status, const QString &problem);

    ConnectorContext &m_context;
    QPointer<HttpJob> m_job;
};

} // namespace courier
