#include "AepTokenSession.h"

#include "AepApi.h"
#include "common/Logging.h"
#include "connectors/ConnectorContext.h"
#include "engine/HttpJob.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace courier {

namespace {

constexpr std::chrono::seconds DefaultMargin{5 * 60};

// "invalid_client: invalid client_secret parameter" from IMS's {"error","error_description"}.
QString imsProblem(const QByteArray &body)
{
    const QJsonObject object = QJsonDocument::fromJson(body).object();
    const QString error = object.value(QStringLiteral("error")).toString().simplified();
    const QString description =
        object.value(QStringLiteral("error_description")).toString().simplified().left(200);
    if (description.isEmpty())
        return error;
    return error.isEmpty() ? description : error + QStringLiteral(": ") + description;
}

} // namespace

AepTokenSession::AepTokenSession(ConnectorContext &context, const AepSettings &settings,
                                 QObject *parent)
    : TokenSession(parent)
    , m_context(context)
    , m_settings(settings)
{}

AepTokenSession::~AepTokenSession()
{
    if (HttpJob *job = m_job.data()) {
        m_job = nullptr;
        QObject::disconnect(job, nullptr, this, nullptr);
        job->cancel();
    }
}

void AepTokenSession::requestToken(TokenDone done)
{
    post(std::move(done));
}

void AepTokenSession::post(TokenDone done)
{
    const QString endpoint = AepApi::endpointName(m_context);
    const QByteArray secret = m_context.secret(QStringLiteral("clientSecret"));
    if (m_settings.clientId.isEmpty() || secret.isEmpty()) {
        done(std::nullopt,
             tr("The Adobe Experience Platform endpoint “%1” has no client id or no client "
                "secret; enter the Developer Console project's OAuth server-to-server "
                "credentials and connect again.")
                 .arg(endpoint));
        return;
    }
    // Form-encoded by hand: QUrlQuery leaves '+' as it is, which a form reads as a space.
    QByteArray form;
    const auto add = [&form](const QString &key, const QString &value) {
        if (!form.isEmpty())
            form += '&';
        form += key.toLatin1() + '=' + QUrl::toPercentEncoding(value);
    };
    add(QStringLiteral("grant_type"), QStringLiteral("client_credentials"));
    add(QStringLiteral("client_id"), m_settings.clientId);
    add(QStringLiteral("client_secret"), QString::fromUtf8(secret));
    add(QStringLiteral("scope"), m_settings.scope);

    HttpRequestSpec spec;
    spec.verb = QNetworkAccessManager::PostOperation;
    spec.url = m_settings.imsUrl;
    QString path = spec.url.path();
    while (path.endsWith(QLatin1Char('/')))
        path.chop(1);
    spec.url.setPath(path + QStringLiteral("/token/v3"));
    spec.headers.append({QByteArrayLiteral("Accept"), QByteArrayLiteral("application/json")});
    spec.body = form;
    spec.contentType = QByteArrayLiteral("application/x-www-form-urlencoded");

    auto *job = new HttpJob(m_context.network(), std::move(spec), this);
    job->setPolicy(m_context.retryPolicy());
    // Refused credentials are an answer here, not a reason to refresh a token.
    job->setAcceptedStatuses({400, 401, 403});
    m_job = job;
    connect(job, &HttpJob::finished, this, [this, job, endpoint, done](bool ok) {
        m_job = nullptr;
        job->deleteLater();
        const int status = job->httpStatus();
        if (!ok) {
            done(std::nullopt, tr("Signing in to Adobe IMS for “%1” failed: %2")
                                   .arg(endpoint, job->errorString()));
            return;
        }
        if (job->isAcceptedStatus()) {
            const QString problem = imsProblem(job->body());
            qCWarning(lcConnectors).noquote()
                << QStringLiteral("aep token request refused: HTTP %1 %2").arg(status).arg(problem);
            // The user may have entered new credentials since the run started.
            reloadSecretsOnce(
                m_context, [this, done] { post(done); },
                [this, done, status, problem] { refused(done, status, problem); });
            return;
        }
        QJsonObject answer;
        QString error;
        if (!AepApi::parseObject(job->body(), &answer, &error))
            return done(std::nullopt, error);
        AccessToken token;
        token.value = answer.value(QStringLiteral("access_token")).toString().toUtf8();
        if (token.value.isEmpty()) {
            return done(std::nullopt,
                        tr("Adobe IMS answered the sign-in of “%1” without an access token.")
                            .arg(endpoint));
        }
        const QJsonValue expiresIn = answer.value(QStringLiteral("expires_in"));
        const qint64 seconds =
            expiresIn.isString() ? expiresIn.toString().toLongLong() : expiresIn.toInteger();
        if (seconds > 0) {
            token.expiresAt = QDateTime::currentDateTimeUtc().addSecs(seconds);
            // A short-lived token is renewed half-way, not on every request.
            setRefreshMargin(std::clamp(std::chrono::seconds((seconds + 1) / 2),
                                        std::chrono::seconds(0), DefaultMargin));
        }
        qCDebug(lcConnectors) << "aep: signed in; token valid until" << token.expiresAt;
        done(std::move(token), {});
    });
    job->start();
}

void AepTokenSession::refused(const TokenDone &done, int status, const QString &problem)
{
    const QString endpoint = AepApi::endpointName(m_context);
    if (status == 400 && !problem.contains(QStringLiteral("client"), Qt::CaseInsensitive)) {
        done(std::nullopt, tr("Adobe IMS refused the sign-in of “%1” (HTTP 400: %2).")
                               .arg(endpoint, problem.isEmpty() ? tr("bad request") : problem));
        return;
    }
    done(std::nullopt,
         tr("Adobe IMS did not accept the client id and secret of “%1” (HTTP %2: %3); check the "
            "client id and client secret of the Developer Console project's OAuth "
            "server-to-server credential and connect again.")
             .arg(endpoint)
             .arg(status)
             .arg(problem.isEmpty() ? tr("refused") : problem));
}

} // namespace courier
