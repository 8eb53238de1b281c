#include "ApsisTokenSession.h"

#include "ApsisApi.h"
#include "common/Logging.h"
#include "connectors/ConnectorContext.h"
#include "engine/HttpJob.h"

#include <QJsonObject>

namespace courier {

namespace {

constexpr std::chrono::seconds DefaultMargin{5 * 60};

} // namespace

ApsisTokenSession::ApsisTokenSession(ConnectorContext &context, QObject *parent)
    : TokenSession(parent)
    , m_context(context)
{}

ApsisTokenSession::~ApsisTokenSession()
{
    if (HttpJob *job = m_job.data()) {
        m_job = nullptr;
        QObject::disconnect(job, nullptr, this, nullptr);
        job->cancel();
    }
}

std::chrono::seconds ApsisTokenSession::marginFor(std::chrono::milliseconds lifetime)
{
    const auto half = std::chrono::ceil<std::chrono::seconds>(lifetime / 2);
    return std::clamp(half, std::chrono::seconds(0), DefaultMargin);
}

QByteArray ApsisTokenSession::tokenForRequest()
{
    // Not for an empty token: that one is being fetched by whoever asked first.
    if (!token().isEmpty() && !token().usableFor(refreshMargin()))
        ensureFresh([](bool, const QString &) {});
    return current();
}

void ApsisTokenSession::requestToken(TokenDone done)
{
    post(std::move(done));
}

void ApsisTokenSession::post(TokenDone done)
{
    const QString endpoint = ApsisApi::endpointName(m_context);
    const QString clientId =
        m_context.endpoint().settings.value(QStringLiteral("clientId")).toString().trimmed();
    const QByteArray secret = m_context.secret(QStringLiteral("clientSecret"));
    if (clientId.isEmpty() || secret.isEmpty()) {
        done(std::nullopt,
             tr("The APSIS One endpoint “%1” has no client id or no client secret; enter the "
                "API key's client id and secret and connect again.")
                 .arg(endpoint));
        return;
    }
    const QJsonObject body{
        {QStringLiteral("grant_type"), QStringLiteral("client_credentials")},
        {QStringLiteral("client_id"), clientId},
        {QStringLiteral("client_secret"), QString::fromUtf8(secret)},
    };
    auto *job = new HttpJob(
        m_context.network(),
        ApsisApi::jsonRequest(QNetworkAccessManager::PostOperation,
                              ApsisApi::url(m_context, QStringLiteral("oauth/token")), body),
        this);
    // The token endpoint allows 10 requests a minute: a 429 waits for its Retry-After (at
    // most a minute, within the run's retry policy's cap).
    job->setPolicy(m_context.retryPolicy());
    // Refused credentials are an answer here, not a reason to refresh a token.
    job->setAcceptedStatuses({400, 401, 403});
    m_job = job;
    connect(job, &HttpJob::finished, this, [this, job, endpoint, done](bool ok) {
        m_job = nullptr;
        job->deleteLater();
        const int status = job->httpStatus();
        if (!ok) {
            done(std::nullopt,
                 tr("Signing in to APSIS One (“%1”) failed: %2").arg(endpoint, job->errorString()));
            return;
        }
        if (job->isAcceptedStatus()) {
            const QString problem = ApsisApi::problemText(job->body());
            qCWarning(lcConnectors).noquote()
                << QStringLiteral("apsis token request refused: HTTP %1 %2")
                       .arg(status)
                       .arg(problem);
            // The user may have entered new credentials since the run started.
            reloadSecretsOnce(
                m_context, [this, done] { post(done); },
                [this, done, status, problem] { refused(done, status, problem); });
            return;
        }
        QJsonObject answer;
        QString error;
        if (!ApsisApi::parseObject(job->body(), &answer, &error))
            return done(std::nullopt, error);
        AccessToken token;
        token.value = answer.value(QStringLiteral("access_token")).toString().toUtf8();
        if (token.value.isEmpty()) {
            return done(
                std::nullopt,
                tr("APSIS One (“%1”) answered the sign-in without an access token.").arg(endpoint));
        }
        // APSIS: read the expiry from the token itself; expires_in only when it has none.
        const QDateTime now = QDateTime::currentDateTimeUtc();
        if (const auto expiry = jwtExpiry(token.value)) {
            token.expiresAt = *expiry;
        } else {
            const QJsonValue expiresIn = answer.value(QStringLiteral("expires_in"));
            const qint64 seconds =
                expiresIn.isString() ? expiresIn.toString().toLongLong() : expiresIn.toInteger();
            if (seconds > 0)
                token.expiresAt = now.addSecs(seconds);
        }
        if (token.expiresAt.isValid())
            setRefreshMargin(marginFor(std::chrono::milliseconds(now.msecsTo(token.expiresAt))));
        qCDebug(lcConnectors) << "apsis: signed in; token valid until" << token.expiresAt
                              << "refreshed" << refreshMargin().count() << "s before";
        done(std::move(token), {});
    });
    job->start();
}

void ApsisTokenSession::refused(const TokenDone &done, int status, const QString &problem)
{
    const QString endpoint = ApsisApi::endpointName(m_context);
    if (status == 400 && !problem.contains(QStringLiteral("client"), Qt::CaseInsensitive)) {
        done(std::nullopt, tr("APSIS One (“%1”) refused the sign-in (HTTP 400: %2).")
                               .arg(endpoint, problem.isEmpty() ? tr("bad request") : problem));
        return;
    }
    done(std::nullopt, tr("APSIS One did not accept the client id and secret of “%1” (HTTP %2); "
                          "check the client id and secret of the API key and connect again.")
                           .arg(endpoint)
                           .arg(status));
}

} // namespace courier
