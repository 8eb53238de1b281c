#pragma once

#include "connectors/auth/TokenSession.h"

namespace courier {

class ConnectorContext;

// The Fount's bearer-key sign-in: the personal access token (Laravel Sanctum, "<id>|<secret>",
// created in the user's Fount profile) is the keychain secret "token", read when first needed.
// It does not expire on its own; after a 401 the keychain is read once more (the user may have
// reconnected the endpoint with a new token meanwhile), and if it holds nothing new the session
// fails with "check the access token".
class FountTokenSession final : public TokenSession
{
    Q_OBJECT

public:
    explicit FountTokenSession(ConnectorContext &context, QObject *parent = nullptr);

    // The message for a token The Fount refused (user-visible, names the endpoint).
    static QString refusedMessage(const ConnectorContext &context);

protected:
    void requestToken(TokenDone done) override;

private:
    ConnectorContext &m_context;
    QByteArray m_handedOut; // the token given last, to tell whether a reload found a new one
};

} // namespace courier
