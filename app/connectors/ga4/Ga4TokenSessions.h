#pragma once

#include "connectors/auth/TokenSession.h"
#include "engine/Backoff.h"
#include "Ga4ServiceAccountKey.h"

#include <QNetworkAccessManager>
#include <QPointer>
#include <QUrl>

namespace courier {

class HttpJob;

// An access token from Google's OAuth 2.0 token endpoint: a form-encoded POST, the answer's
// access_token and expires_in (counted from when the request left, so the token is never
// believed to live longer than it does), and Google's OAuth errors
// ({"error":"invalid_grant","error_description":…}) turned into messages that say what to do.
// Subclasses say which grant is sent. Tokens that live less than twice the refresh margin are
// renewed half-way through their life instead (TokenSession would otherwise find them stale
// from the start).
class Ga4OAuthSession : public TokenSession
{
    Q_OBJECT

public:
    Ga4OAuthSession(QNetworkAccessManager &nam, BackoffPolicy policy, QString endpointName,
                    QObject *parent = nullptr);
    ~Ga4OAuthSession() override;

    // The reason the last token request failed (translated), empty after a success.
    QString lastError() const { return m_lastError; }

    static constexpr std::chrono::seconds DefaultMargin{5 * 60};

protected:
    void requestToken(TokenDone done) override;

    virtual QUrl tokenUrl() const = 0;
    // The form body of the grant; empty + *error when it cannot be made (nothing is sent then).
    virtual QByteArray grantBody(QString *error) const = 0;
    // The message for an OAuth error answer (error code and Google's description).
    virtual QString refusal(const QString &error, const QString &description) const = 0;

    // application/x-www-form-urlencoded, every value percent-encoded (a '+' in a secret must
    // not turn into a space).
    static QByteArray formEncode(const QList<std::pair<QByteArray, QByteArray>> &fields);

    QString endpointName() const { return m_endpointName; }

private:
    void onAnswer(HttpJob *job, bool ok, const QDateTime &sentAt, const TokenDone &done);

    QNetworkAccessManager &m_nam;
    BackoffPolicy m_policy;
    QString m_endpointName;
    QString m_lastError;
    QPointer<HttpJob> m_job;
};

// The service account's jwt-bearer grant: a fresh RS256 assertion (aud = the token URL posted to)
// for every token.
class Ga4ServiceAccountSession final : public Ga4OAuthSession
{
    Q_OBJECT

public:
    // tokenUrl: where to post; its text is the assertion's aud.
    Ga4ServiceAccountSession(QNetworkAccessManager &nam, BackoffPolicy policy, QString endpointName,
                             Ga4ServiceAccountKey key, QUrl tokenUrl, QObject *parent = nullptr);

    const Ga4ServiceAccountKey &key() const { return m_key; }

protected:
    QUrl tokenUrl() const override { return m_tokenUrl; }
    QByteArray grantBody(QString *error) const override;
    QString refusal(const QString &error, const QString &description) const override;

private:
    Ga4ServiceAccountKey m_key;
    QUrl m_tokenUrl;
};

// The installed app's refresh_token grant (a Google sign-in made in the browser).
class Ga4RefreshTokenSession final : public Ga4OAuthSession
{
    Q_OBJECT

public:
    Ga4RefreshTokenSession(QNetworkAccessManager &nam, BackoffPolicy policy, QString endpointName,
                           QUrl tokenUrl, QByteArray clientId, QByteArray clientSecret,
                           QByteArray refreshToken, QObject *parent = nullptr);

protected:
    QUrl tokenUrl() const override { return m_tokenUrl; }
    QByteArray grantBody(QString *error) const override;
    QString refusal(const QString &error, const QString &description) const override;

private:
    QUrl m_tokenUrl;
    QByteArray m_clientId;
    QByteArray m_clientSecret;
    QByteArray m_refreshToken;
};

} // namespace courier
