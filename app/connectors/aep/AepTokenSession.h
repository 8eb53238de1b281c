#pragma once

#include "AepSettings.h"
#include "connectors/auth/TokenSession.h"

#include <QPointer>

namespace courier {

class ConnectorContext;
class HttpJob;

// Adobe IMS server-to-server (OAuth client credentials) sign-in: POST {imsUrl}/token/v3,
// form-encoded grant_type=client_credentials, client_id, client_secret, scope. The client id is
// the endpoint's "clientId" (also the x-api-key), the secret the keychain's "clientSecret"
// (read at each request, never kept here). IMS issues no refresh token: a new token is asked
// for shortly before the old one expires (expires_in, ~24 h) and after a 401. Refused
// credentials (400 invalid_client, 401) are re-read from the keychain once, then end in "check
// the client id and secret".
class AepTokenSession final : public TokenSession
{
    Q_OBJECT

public:
    AepTokenSession(ConnectorContext &context, const AepSettings &settings,
                    QObject *parent = nullptr);
    ~AepTokenSession() override;

protected:
    void requestToken(TokenDone done) override;

private:
    void post(TokenDone done);
    void refused(const TokenDone &done, int status, const QString &problem);

    ConnectorContext &m_context;
    const AepSettings &m_settings;
    QPointer<HttpJob> m_job;
};

} // namespace courier
