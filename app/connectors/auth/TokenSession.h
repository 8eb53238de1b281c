#pragma once

#include <chrono>
#include <functional>
#include <optional>
#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QObject>
#include <QString>

namespace courier {

class ConnectorContext;
class HttpJob;
class Poller;

// A bearer token and the moment it stops working.
struct AccessToken
{
    QByteArray value;
    QDateTime expiresAt; // UTC; invalid = unknown (treated as valid until a 401 says otherwise)

    bool isEmpty() const { return value.isEmpty(); }
    // True when it is still good `margin` from now.
    bool usableFor(std::chrono::seconds margin) const;
};

// The access token of one endpoint for one run or listing: fetched on first use, fetched again
// shortly before it expires (so a long download never starts with a token about to lapse) and
// after a 401. Callers that ask while a fetch is under way wait for that same fetch. Lives on the
// thread of the connector; subclasses say how a token is obtained (service-account assertion,
// refresh token, client credentials, a pasted token).
class TokenSession : public QObject
{
    Q_OBJECT

public:
    // error is user-visible (translated) when !ok.
    using Done = std::function<void(bool ok, const QString &error)>;

    explicit TokenSession(QObject *parent = nullptr);
    ~TokenSession() override;

    // The token to send now (empty before the first fetch).
    QByteArray current() const { return m_token.value; }
    const AccessToken &token() const { return m_token; }

    // done(true) once a token good for at least refreshMargin() exists: at once (synchronously)
    // when the current one is, else after a fetch.
    void ensureFresh(Done done);
    // Forgets the current token and fetches a new one (a 401 said it no longer works).
    void renew(Done done);

    // How long before expiry a token counts as stale. Default: 5 minutes.
    std::chrono::seconds refreshMargin() const { return m_margin; }
    void setRefreshMargin(std::chrono::seconds margin) { m_margin = margin; }

    // Tokens fetched so far (tests and logs).
    int fetches() const { return m_fetches; }

    // Makes job (or every poll of poller) send the current token and renew it on a 401.
    void attach(HttpJob &job);
    void attach(Poller &poller);

protected:
    using TokenDone = std::function<void(std::optional<AccessToken> token, const QString &error)>;
    // Obtains a new token; calls done exactly once (unless this object is destroyed first).
    virtual void requestToken(TokenDone done) = 0;

    // For a sign-in the server refused: the first time, reads the endpoint's secrets from the
    // keychain again (the user may have reconnected it meanwhile) and calls retry() when they
    // changed, refused() when not; after that, refused() at once. Neither is called once this
    // session is gone.
    void reloadSecretsOnce(ConnectorContext &context, std::function<void()> retry,
                           std::function<void()> refused);

private:
    void onToken(std::optional<AccessToken> token, const QString &error);

    AccessToken m_token;
    std::chrono::seconds m_margin{5 * 60};
    QList<Done> m_waiting;
    bool m_fetching = false;
    bool m_secretsReloaded = false;
    int m_fetches = 0;
};

// A token the user pasted (GA4's quick try): never renewed; a 401 ends in "reconnect".
class FixedTokenSession final : public TokenSession
{
public:
    explicit FixedTokenSession(QByteArray token, QString expiredMessage, QObject *parent = nullptr);

protected:
    void requestToken(TokenDone done) override;

private:
    QByteArray m_value;
    QString m_expiredMessage;
    bool m_handedOut = false;
};

// The expiry (`exp`, seconds since the epoch) of a JWT, without checking its signature: APSIS
// says to read it from there. nullopt when token is not a JWT or has no numeric exp.
std::optional<QDateTime> jwtExpiry(const QByteArray &token);

} // namespace courier
