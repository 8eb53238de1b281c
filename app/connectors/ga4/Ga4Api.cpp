#include "Ga4Api.h"

#include "common/Logging.h"
#include "connectors/auth/TokenSession.h"
#include "connectors/common/JsonAnswer.h"
#include "engine/Poller.h"
#include "Ga4ServiceAccountKey.h"
#include "Ga4TokenSessions.h"

#include <QJsonDocument>
#include <QJsonParseError>
#include <QLocale>
#include <QTimeZone>

namespace courier {

namespace {

QJsonObject googleError(const QByteArray &errorBody)
{
    return QJsonDocument::fromJson(errorBody).object().value(QStringLiteral("error")).toObject();
}

// When a Google quota named in `message` fills up again, as advice for the run log.
QString quotaAdvice(const QString &message)
{
    const QString lower = message.toLower();
    if (lower.contains(QLatin1String("concurrent")))
        return Ga4Api::tr("Too many requests ran against the property at once; try again in a few "
                          "minutes.");
    if (lower.contains(QLatin1String("per day")) || lower.contains(QLatin1String("daily"))) {
        // Google's daily quotas reset at midnight Pacific time.
        const QTimeZone pacific(QByteArrayLiteral("America/Los_Angeles"));
        if (pacific.isValid()) {
            const QDateTime now = QDateTime::currentDateTime().toTimeZone(pacific);
            const QDateTime reset(now.date().addDays(1), QTime(0, 0), pacific);
            return Ga4Api::tr("Daily quotas reset at midnight Pacific time; try again after %1.")
                .arg(QLocale().toString(reset.toLocalTime(), QLocale::ShortFormat));
        }
        return Ga4Api::tr("Daily quotas reset at midnight Pacific time; try again tomorrow.");
    }
    // Hourly quotas (and anything unnamed): the next full hour.
    const QDateTime now = QDateTime::currentDateTime();
    const QDateTime nextHour(now.date(), QTime(now.time().hour(), 0));
    return Ga4Api::tr("Hourly quotas refill within the hour; try again after %1.")
        .arg(QLocale().toString(nextHour.addSecs(3600).time(), QLocale::ShortFormat));
}

} // namespace

std::optional<Ga4Api> Ga4Api::prepare(ConnectorContext &context,
                                      std::unique_ptr<TokenSession> *session, QString *error)
{
    const Endpoint &endpoint = context.endpoint();
    const auto hasSecret = [&context](const char *name) {
        return !context.secret(QLatin1String(name)).trimmed().isEmpty();
    };
    const std::optional<Ga4Settings> settings =
        Ga4Settings::fromEndpoint(endpoint, hasSecret, error);
    if (!settings)
        return std::nullopt;
    const QString name = Ga4Settings::endpointName(endpoint);

    switch (settings->authMethod) {
    case Ga4Settings::AuthMethod::ServiceAccount: {
        QString why;
        const auto key = Ga4ServiceAccountKey::parse(
            context.secret(QLatin1String(ga4::ServiceAccountKeySecret)), &why);
        if (!key) {
            *error = tr("The service-account key stored for “%1” cannot be used: %2. Create a new "
                        "JSON key for the service account in the Google Cloud console and paste "
                        "the whole file.")
                         .arg(name, why);
            return std::nullopt;
        }
        // The tokenUrl setting wins over the key file's token_uri (a proxy, the sandbox).
        QUrl tokenUrl = settings->tokenUrlSet ? settings->tokenUrl : key->tokenUri();
        if (tokenUrl.isEmpty())
            tokenUrl = QUrl(QLatin1String(ga4::DefaultTokenUrl));
        *session = std::make_unique<Ga4ServiceAccountSession>(
            context.network(), context.retryPolicy(), name, *key, tokenUrl);
        break;
    }
    case Ga4Settings::AuthMethod::OAuth:
        *session = std::make_unique<Ga4RefreshTokenSession>(
            context.network(), context.retryPolicy(), name, settings->oauthTokenUrl(),
            settings->oauthClientId.toUtf8(),
            context.secret(QLatin1String(ga4::OAuthClientSecretSecret)).trimmed(),
            context.secret(QLatin1String(ga4::RefreshTokenSecret)).trimmed());
        break;
    case Ga4Settings::AuthMethod::AccessToken:
        *session = std::make_unique<FixedTokenSession>(
            context.secret(QLatin1String(ga4::AccessTokenSecret)).trimmed(),
            tr("Google refused the access token pasted for “%1”; such tokens last an hour. Paste "
               "a new one, or connect with a service account or a Google sign-in instead.")
                .arg(name));
        break;
    }
    return Ga4Api(context, *settings, session->get());
}

Ga4Api::Ga4Api(ConnectorContext &context, Ga4Settings settings, TokenSession *session)
    : m_context(&context)
    , m_settings(std::move(settings))
    , m_session(session)
{}

QString Ga4Api::endpointName() const
{
    return Ga4Settings::endpointName(m_context->endpoint());
}

QUrl Ga4Api::apiUrl(const QUrl &base, const QString &version, const QString &path,
                    const QUrlQuery &query) const
{
    QUrl url = base;
    QString prefix = url.path(QUrl::FullyEncoded);
    while (prefix.endsWith(QLatin1Char('/')))
        prefix.chop(1);
    url.setPath(prefix + QLatin1Char('/') + version + QLatin1Char('/') + path, QUrl::TolerantMode);
    url.setQuery(query);
    url.setFragment(QString());
    return url;
}

QUrl Ga4Api::adminUrl(const QString &path, const QUrlQuery &query) const
{
    return apiUrl(m_settings.adminUrl, QStringLiteral("v1alpha"), path, query);
}

QUrl Ga4Api::dataUrl(const QString &path, const QUrlQuery &query) const
{
    return apiUrl(m_settings.dataUrl, QStringLiteral("v1beta"), path, query);
}

HttpRequestSpec Ga4Api::get(QUrl url)
{
    HttpRequestSpec spec;
    spec.verb = QNetworkAccessManager::GetOperation;
    spec.url = std::move(url);
    spec.headers.append({QByteArrayLiteral("Accept"), QByteArrayLiteral("application/json")});
    return spec;
}

HttpRequestSpec Ga4Api::post(QUrl url, const QJsonObject &body)
{
    HttpRequestSpec spec = get(std::move(url));
    spec.verb = QNetworkAccessManager::PostOperation;
    spec.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
    spec.contentType = QByteArrayLiteral("application/json");
    return spec;
}

void Ga4Api::send(QObject *owner, QPointer<HttpJob> *running, Ga4Call call,
                  ReplyHandler handler) const
{
    const Ga4Api api = *this;
    QPointer<QObject> guard(owner);
    // A token about to lapse is renewed first, so a long query never starts with a stale one.
    m_session->ensureFresh([api, guard, running, call = std::move(call),
                            handler = std::move(handler)](bool ok, const QString &error) mutable {
        if (!guard)
            return;
        if (!ok) {
            Ga4Reply reply;
            reply.error = error;
            handler(reply);
            return;
        }
        auto *job = new HttpJob(api.context().network(), std::move(call.spec), guard.data());
        api.session()->attach(*job);
        job->setPolicy(api.context().retryPolicy());
        if (!call.acceptedStatuses.isEmpty())
            job->setAcceptedStatuses(call.acceptedStatuses);
        if (!call.responseFile.isEmpty())
            job->setResponseFile(call.responseFile);
        if (call.progress) {
            QObject::connect(
                job, &HttpJob::progress, guard.data(),
                [progress = call.progress](qint64 received, qint64) { progress(received); });
        }
        QObject::connect(
            job, &HttpJob::finished, guard.data(), [api, job, running, handler](bool ok) {
                if (running && *running == job)
                    *running = nullptr;
                // Not deleted with its owner now: we are inside its finished() signal, and the
                // handler may destroy the owner.
                job->setParent(nullptr);
                job->deleteLater();
                Ga4Reply reply;
                reply.ok = ok;
                reply.status = job->httpStatus();
                reply.body = job->body();
                if (!ok) {
                    reply.googleStatus = googleStatus(job->errorBody());
                    reply.error =
                        api.errorMessage(reply.status, job->errorBody(), job->errorString());
                }
                handler(reply);
            });
        if (running)
            *running = job;
        job->start();
    });
}

void Ga4Api::drop(QPointer<HttpJob> &job)
{
    if (HttpJob *running = job.data()) {
        job = nullptr;
        QObject::disconnect(running, nullptr, nullptr, nullptr);
        running->cancel();
        running->deleteLater();
    }
}

void Ga4Api::configure(Poller &poller) const
{
    m_session->attach(poller);
    poller.setRetryPolicy(m_context->retryPolicy());
    poller.setPollPolicy(m_context->pollPolicy());
}

QString Ga4Api::googleStatus(const QByteArray &errorBody)
{
    return googleError(errorBody).value(QStringLiteral("status")).toString();
}

QString Ga4Api::errorMessage(int status, const QByteArray &errorBody, const QString &fallback) const
{
    const QJsonObject error = googleError(errorBody);
    // Shortened: a server could send a novel, and it ends up in the run's log.
    const QString message =
        error.value(QStringLiteral("message")).toString().simplified().left(300);
    const QString googleStatus = error.value(QStringLiteral("status")).toString();
    const QString name = endpointName();

    if (status == 401) {
        // The token request's own failure says more than the API's 401.
        if (const auto *oauth = qobject_cast<const Ga4OAuthSession *>(m_session);
            oauth && !oauth->lastError().isEmpty())
            return oauth->lastError();
        if (m_settings.authMethod == Ga4Settings::AuthMethod::AccessToken)
            return tr("Google refused the access token pasted for “%1”; such tokens last an hour. "
                      "Paste a new one, or connect with a service account or a Google sign-in "
                      "instead.")
                .arg(name);
        return tr("Google no longer accepts the sign-in of “%1” (HTTP 401). Reconnect this "
                  "endpoint.")
            .arg(name);
    }
    if (status == 403) {
        if (message.contains(QLatin1String("scope"), Qt::CaseInsensitive))
            return tr("The sign-in of “%1” does not allow reading Google Analytics (%2). Reconnect "
                      "the endpoint and grant read access to Analytics.")
                .arg(name, message);
        return tr("The Google account of “%1” has no access to GA4 property %2 (%3). Add the "
                  "service account or the signed-in user to the property as a Viewer, or check "
                  "the property id.")
            .arg(name, m_settings.propertyId, message.isEmpty() ? tr("HTTP 403") : message);
    }
    if (status == 429 || googleStatus == QLatin1String("RESOURCE_EXHAUSTED")) {
        return tr("The GA4 quota of property %1 is exhausted (%2), even after waiting and "
                  "retrying. %3")
            .arg(m_settings.propertyId, message.isEmpty() ? tr("HTTP 429") : message,
                 quotaAdvice(message));
    }
    if (status >= 500) {
        return tr("Google Analytics kept failing for “%1” (HTTP %2%3). Google counts such errors "
                  "against a small hourly quota; try again later.")
            .arg(name)
            .arg(status)
            .arg(message.isEmpty() ? QString() : QStringLiteral(": ") + message);
    }
    if (status >= 400 && !message.isEmpty()) {
        if (googleStatus == QLatin1String("INVALID_ARGUMENT"))
            return tr("Google Analytics refused the request of “%1”: %2").arg(name, message);
        return tr("Google Analytics answered “%1” with HTTP %2 (%3): %4")
            .arg(name)
            .arg(status)
            .arg(googleStatus.isEmpty() ? tr("error") : googleStatus, message);
    }
    return fallback;
}

bool Ga4Api::parseObject(const QByteArray &body, QJsonObject *object, QString *error)
{
    return parseJsonAnswer(body, Ga4Api::tr("Google Analytics"), object, error);
}

} // namespace courier
