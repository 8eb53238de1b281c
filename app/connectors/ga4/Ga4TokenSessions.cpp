#include "Ga4TokenSessions.h"

#include "common/Logging.h"
#include "engine/HttpJob.h"
#include "Ga4Settings.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QUrl>

namespace courier {

Ga4OAuthSession::Ga4OAuthSession(QNetworkAccessManager &nam, BackoffPolicy policy,
                                 QString endpointName, QObject *parent)
    : TokenSession(parent)
    , m_nam(nam)
    , m_policy(policy)
    , m_endpointName(std::move(endpointName))
{}

// The token job is a child: it goes with the session and never reports to a dead one.
Ga4OAuthSession::~Ga4OAuthSession() = default;

QByteArray Ga4OAuthSession::formEncode(const QList<std::pair<QByteArray, QByteArray>> &fields)
{
    QByteArray body;
    for (const auto &[name, value] : fields) {
        if (!body.isEmpty())
            body += '&';
        body += QUrl::toPercentEncoding(QString::fromUtf8(name)) + '=' +
                QUrl::toPercentEncoding(QString::fromUtf8(value));
    }
    return body;
}

void Ga4OAuthSession::requestToken(TokenDone done)
{
    QString error;
    const QByteArray body = grantBody(&error);
    if (body.isEmpty()) {
        m_lastError = error;
        done(std::nullopt, error);
        return;
    }
    HttpRequestSpec spec;
    spec.verb = QNetworkAccessManager::PostOperation;
    spec.url = tokenUrl();
    spec.headers.append({QByteArrayLiteral("Accept"), QByteArrayLiteral("application/json")});
    spec.body = body;
    spec.contentType = QByteArrayLiteral("application/x-www-form-urlencoded");
    auto *job = new HttpJob(m_nam, std::move(spec), this);
    job->setPolicy(m_policy);
    // The token lives expires_in from when Google issued it: count from before the request.
    const QDateTime sentAt = QDateTime::currentDateTimeUtc();
    connect(job, &HttpJob::finished, this, [this, job, sentAt, done = std::move(done)](bool ok) {
        onAnswer(job, ok, sentAt, done);
    });
    m_job = job;
    job->start();
}

void Ga4OAuthSession::onAnswer(HttpJob *job, bool ok, const QDateTime &sentAt,
                               const TokenDone &done)
{
    m_job = nullptr;
    // Not deleted with this session now: we are inside its finished() signal, and done() may
    // destroy the session.
    job->setParent(nullptr);
    job->deleteLater();

    if (!ok) {
        const QJsonObject answer = QJsonDocument::fromJson(job->errorBody()).object();
        const QJsonValue code = answer.value(QStringLiteral("error"));
        if (code.isString()) {
            m_lastError = refusal(code.toString(), answer.value(QStringLiteral("error_description"))
                                                       .toString()
                                                       .simplified()
                                                       .left(300));
        } else {
            m_lastError = tr("Could not get an access token from Google for “%1”: %2")
                              .arg(m_endpointName, job->errorString());
        }
        qCWarning(lcConnectors).noquote()
            << QStringLiteral("GA4 token request failed (HTTP %1, %2)")
                   .arg(job->httpStatus())
                   .arg(code.isString() ? code.toString() : QStringLiteral("no OAuth error"));
        const QString error = m_lastError; // done() may destroy this session
        done(std::nullopt, error);
        return;
    }

    const QJsonObject answer = QJsonDocument::fromJson(job->body()).object();
    const QByteArray token = answer.value(QStringLiteral("access_token")).toString().toUtf8();
    if (token.isEmpty()) {
        m_lastError =
            tr("Google's sign-in service sent no access token for “%1”.").arg(m_endpointName);
        done(std::nullopt, m_lastError);
        return;
    }
    const QJsonValue expiresIn = answer.value(QStringLiteral("expires_in"));
    const qint64 lifetime =
        expiresIn.isDouble() ? expiresIn.toInteger() : expiresIn.toString().toLongLong();
    AccessToken access{token, {}};
    if (lifetime > 0) {
        access.expiresAt = sentAt.addSecs(lifetime);
        const std::chrono::seconds life(lifetime);
        setRefreshMargin(life < 2 * DefaultMargin ? life / 2 : DefaultMargin);
    }
    qCDebug(lcConnectors) << metaObject()->className() << "got an access token for" << lifetime
                          << "s";
    m_lastError.clear();
    done(std::move(access), {});
}

Ga4ServiceAccountSession::Ga4ServiceAccountSession(QNetworkAccessManager &nam, BackoffPolicy policy,
                                                   QString endpointName, Ga4ServiceAccountKey key,
                                                   QUrl tokenUrl, QObject *parent)
    : Ga4OAuthSession(nam, policy, std::move(endpointName), parent)
    , m_key(std::move(key))
    , m_tokenUrl(std::move(tokenUrl))
{}

QByteArray Ga4ServiceAccountSession::grantBody(QString *error) const
{
    QString why;
    // aud is the URL the assertion is posted to, as Google checks it.
    const QByteArray assertion =
        m_key.assertion(m_tokenUrl.toString(QUrl::FullyEncoded), QLatin1String(ga4::ReadonlyScope),
                        QDateTime::currentDateTimeUtc(), &why);
    if (assertion.isEmpty()) {
        *error = tr("The service-account key of “%1” cannot be used: %2.").arg(endpointName(), why);
        return {};
    }
    return formEncode(
        {{"grant_type", "urn:ietf:params:oauth:grant-type:jwt-bearer"}, {"assertion", assertion}});
}

QString Ga4ServiceAccountSession::refusal(const QString &error, const QString &description) const
{
    if (error == QLatin1String("invalid_grant")) {
        return tr("Google refused the service-account key of “%1” (%2). Check the key file: the "
                  "key may have been deleted or replaced in the Google Cloud console, or the "
                  "service account disabled; this computer's clock must also be right. Paste a "
                  "current JSON key of %3.")
            .arg(endpointName(), description, m_key.clientEmail());
    }
    if (error == QLatin1String("invalid_scope")) {
        return tr("Google refused the Analytics read-only scope for the service account of "
                  "“%1” (%2).")
            .arg(endpointName(), description);
    }
    if (error == QLatin1String("invalid_client") || error == QLatin1String("unauthorized_client")) {
        return tr("Google refused the service account %1 of “%2” (%3). Check in the Google Cloud "
                  "console that it still exists and is enabled.")
            .arg(m_key.clientEmail(), endpointName(), description);
    }
    return tr("Google's sign-in service refused the service account of “%1”: %2 (%3).")
        .arg(endpointName(), error, description);
}

Ga4RefreshTokenSession::Ga4RefreshTokenSession(QNetworkAccessManager &nam, BackoffPolicy policy,
                                               QString endpointName, QUrl tokenUrl,
                                               QByteArray clientId, QByteArray clientSecret,
                                               QByteArray refreshToken, QObject *parent)
    : Ga4OAuthSession(nam, policy, std::move(endpointName), parent)
    , m_tokenUrl(std::move(tokenUrl))
    , m_clientId(std::move(clientId))
    , m_clientSecret(std::move(clientSecret))
    , m_refreshToken(std::move(refreshToken))
{}

QByteArray Ga4RefreshTokenSession::grantBody(QString *error) const
{
    if (m_refreshToken.isEmpty() || m_clientId.isEmpty()) {
        *error =
            tr("“%1” is not signed in to Google. Sign in again to connect it.").arg(endpointName());
        return {};
    }
    QList<std::pair<QByteArray, QByteArray>> fields{{"grant_type", "refresh_token"},
                                                    {"client_id", m_clientId}};
    // An installed app's "secret" is not secret, and some clients have none.
    if (!m_clientSecret.isEmpty())
        fields.append({"client_secret", m_clientSecret});
    fields.append({"refresh_token", m_refreshToken});
    return formEncode(fields);
}

QString Ga4RefreshTokenSession::refusal(const QString &error, const QString &description) const
{
    if (error == QLatin1String("invalid_grant")) {
        return tr("Google no longer accepts the sign-in of “%1” (%2). Sign in with Google again: "
                  "the access was revoked, or it expired unused.")
            .arg(endpointName(), description);
    }
    if (error == QLatin1String("invalid_client") || error == QLatin1String("unauthorized_client")) {
        return tr("Google does not accept the OAuth client of “%1” (%2). Check its client id and "
                  "client secret.")
            .arg(endpointName(), description);
    }
    return tr("Google's sign-in service refused the sign-in of “%1”: %2 (%3).")
        .arg(endpointName(), error, description);
}

} // namespace courier
