#include "TokenSession.h"

#include "common/Logging.h"
#include "connectors/ConnectorContext.h"
#include "engine/HttpJob.h"
#include "engine/Poller.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QPointer>

namespace courier {

bool AccessToken::usableFor(std::chrono::seconds margin) const
{
    if (value.isEmpty())
        return false;
    if (!expiresAt.isValid())
        return true;
    return QDateTime::currentDateTimeUtc().addSecs(margin.count()) < expiresAt;
}

TokenSession::TokenSession(QObject *parent)
    : QObject(parent)
{}

TokenSession::~TokenSession() = default;

void TokenSession::ensureFresh(Done done)
{
    if (!m_fetching && m_token.usableFor(m_margin)) {
        done(true, {});
        return;
    }
    m_waiting << std::move(done);
    if (m_fetching)
        return;
    m_fetching = true;
    m_secretsReloaded = false; // each fetch may re-read the keychain once
    ++m_fetches;
    qCDebug(lcConnectors) << metaObject()->className() << "fetching an access token"
                          << (m_token.isEmpty() ? "(first)" : "(the current one is stale)");
    QPointer<TokenSession> self(this);
    requestToken([self](std::optional<AccessToken> token, const QString &error) {
        if (self)
            self->onToken(std::move(token), error);
    });
}

void TokenSession::renew(Done done)
{
    m_token = {};
    ensureFresh(std::move(done));
}

void TokenSession::onToken(std::optional<AccessToken> token, const QString &error)
{
    m_fetching = false;
    const bool ok = token && !token->isEmpty();
    if (ok)
        m_token = std::move(*token);
    // A caller may start another fetch from its callback: hand over the list first.
    const QList<Done> waiting = std::exchange(m_waiting, {});
    QPointer<TokenSession> self(this);
    for (const Done &done : waiting) {
        done(ok, ok ? QString() : error);
        if (!self)
            return;
    }
}

void TokenSession::reloadSecretsOnce(ConnectorContext &context, std::function<void()> retry,
                                     std::function<void()> refused)
{
    if (m_secretsReloaded)
        return refused();
    m_secretsReloaded = true;
    QPointer<TokenSession> self(this);
    context.reloadSecrets(
        [self, retry = std::move(retry), refused = std::move(refused)](bool changed) {
            if (!self)
                return;
            if (changed)
                retry();
            else
                refused();
        });
}

void TokenSession::attach(HttpJob &job)
{
    QPointer<TokenSession> self(this);
    job.setBearerTokenProvider([self] { return self ? self->current() : QByteArray(); });
    job.setTokenRefresher([self](std::function<void(bool)> done) {
        if (!self)
            return done(false);
        self->renew([done = std::move(done)](bool ok, const QString &) { done(ok); });
    });
}

void TokenSession::attach(Poller &poller)
{
    QPointer<TokenSession> self(this);
    poller.setBearerTokenProvider([self] { return self ? self->current() : QByteArray(); });
    poller.setTokenRefresher([self](std::function<void(bool)> done) {
        if (!self)
            return done(false);
        self->renew([done = std::move(done)](bool ok, const QString &) { done(ok); });
    });
}

FixedTokenSession::FixedTokenSession(QByteArray token, QString expiredMessage, QObject *parent)
    : TokenSession(parent)
    , m_value(std::move(token))
    , m_expiredMessage(std::move(expiredMessage))
{}

void FixedTokenSession::requestToken(TokenDone done)
{
    // The first time it is the pasted token; asked again, it has stopped working.
    if (m_handedOut || m_value.isEmpty())
        return done(std::nullopt, m_expiredMessage);
    m_handedOut = true;
    // No expiry: a pasted token is used for what it is worth, even close to its end.
    done(AccessToken{m_value, {}}, {});
}

std::optional<QDateTime> jwtExpiry(const QByteArray &token)
{
    const QList<QByteArray> parts = token.split('.');
    if (parts.size() != 3)
        return std::nullopt;
    const auto decoded = QByteArray::fromBase64Encoding(
        parts.at(1), QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
    if (!decoded)
        return std::nullopt;
    const QJsonObject claims = QJsonDocument::fromJson(*decoded).object();
    const QJsonValue exp = claims.value(QStringLiteral("exp"));
    if (!exp.isDouble())
        return std::nullopt;
    return QDateTime::fromSecsSinceEpoch(static_cast<qint64>(exp.toDouble()), Qt::UTC);
}

} // namespace courier
