#include "AepApi.h"

#include "AepTokenSession.h"
#include "common/Logging.h"
#include "connectors/common/ApiRequests.h"
#include "engine/Poller.h"

#include <QJsonDocument>
#include <QJsonParseError>
#include <QPointer>

namespace courier {

namespace {

// A server could send a novel; it ends up in the run's log.
constexpr int MaxDetailLength = 300;

} // namespace

QString AepApi::endpointName(const ConnectorContext &context)
{
    return api::endpointName(context.endpoint());
}

QUrl AepApi::url(const QString &path) const
{
    return api::urlUnder(m_settings.platformUrl, path);
}

QString AepApi::id(const QString &value)
{
    return api::pathSegment(value);
}

HttpRequestSpec AepApi::request(QNetworkAccessManager::Operation verb, QUrl url) const
{
    HttpRequestSpec spec = api::jsonRequest(verb, std::move(url));
    spec.headers.append({QByteArrayLiteral("x-api-key"), m_settings.clientId.toUtf8()});
    spec.headers.append({QByteArrayLiteral("x-gw-ims-org-id"), m_settings.orgId.toUtf8()});
    spec.headers.append({QByteArrayLiteral("x-sandbox-name"), m_settings.sandboxName.toUtf8()});
    return spec;
}

HttpRequestSpec AepApi::jsonRequest(QNetworkAccessManager::Operation verb, QUrl url,
                                    const QJsonObject &body) const
{
    HttpRequestSpec spec = request(verb, std::move(url));
    spec.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
    spec.contentType = QByteArrayLiteral("application/json");
    return spec;
}

void AepApi::attach(HttpJob &job) const
{
    m_session.attach(job);
}

void AepApi::configure(Poller &poller) const
{
    m_session.attach(poller);
    poller.setRetryPolicy(m_context.retryPolicy());
    poller.setPollPolicy(m_context.pollPolicy());
}

void AepApi::send(QObject *owner, HttpRequestSpec spec, ReplyHandler handler) const
{
    QPointer<QObject> guard(owner);
    const AepApi api = *this;
    m_session.ensureFresh([api, guard, spec = std::move(spec),
                           handler = std::move(handler)](bool ok, const QString &error) mutable {
        if (!guard)
            return;
        if (!ok) {
            handler(AepReply{false, 0, {}, error});
            return;
        }
        auto *job = new HttpJob(api.m_context.network(), std::move(spec), guard.data());
        api.attach(*job);
        job->setPolicy(api.m_context.retryPolicy());
        QObject::connect(job, &HttpJob::finished, guard.data(),
                         [api, job, handler = std::move(handler)](bool finishedOk) {
                             job->deleteLater(); // not now: we are inside its finished() signal
                             AepReply reply;
                             reply.ok = finishedOk;
                             reply.status = job->httpStatus();
                             reply.body = job->body();
                             if (!finishedOk)
                                 reply.error = api.errorMessage(reply.status, job->errorBody(),
                                                                job->errorString());
                             handler(reply);
                         });
        job->start();
    });
}

QString AepApi::problemText(const QByteArray &body)
{
    const QJsonObject object = QJsonDocument::fromJson(body).object();
    if (QString problem = api::problemText(object); !problem.isEmpty())
        return problem;
    // The gateway: {"error_code":"403025","message":"Profile is not valid"}.
    const QString message = object.value(QStringLiteral("message")).toString().simplified();
    const QString code = object.value(QStringLiteral("error_code")).toString().simplified();
    if (message.isEmpty())
        return code;
    return code.isEmpty() ? message.left(MaxDetailLength)
                          : QStringLiteral("%1 (%2)").arg(message.left(MaxDetailLength), code);
}

QString AepApi::errorMessage(int status, const QByteArray &errorBody, const QString &fallback) const
{
    const QString problem = problemText(errorBody);
    const QString code =
        QJsonDocument::fromJson(errorBody).object().value(QStringLiteral("error_code")).toString();
    if (status == 401) {
        return tr("Experience Platform refused the access token of “%1” even after signing in "
                  "again (%2); check that the Developer Console project has the Experience "
                  "Platform API.")
            .arg(endpointName(), problem.isEmpty() ? tr("HTTP 401") : problem);
    }
    if (status == 403) {
        if (code == QLatin1String("403003") || code == QLatin1String("403000")) {
            return tr("Experience Platform did not accept the API key of “%1” (%2); the client "
                      "id must be the Developer Console project's API key.")
                .arg(endpointName(), problem);
        }
        if (code == QLatin1String("403025")) {
            return tr("Experience Platform did not accept the organisation id “%1” of “%2” "
                      "(%3); check the organisation id (…@AdobeOrg) of the project.")
                .arg(m_settings.orgId, endpointName(), problem);
        }
        return tr("The Developer Console project of “%1” may not do this in sandbox “%2” (HTTP "
                  "403: %3); check its product profile's permissions.")
            .arg(endpointName(), m_settings.sandboxName,
                 problem.isEmpty() ? tr("forbidden") : problem);
    }
    if (status == 404) {
        return tr("Experience Platform (“%1”, sandbox “%2”) does not know it (HTTP 404%3).")
            .arg(endpointName(), m_settings.sandboxName,
                 problem.isEmpty() ? QString() : QStringLiteral(": ") + problem);
    }
    if (status >= 400 && !problem.isEmpty()) {
        return tr("Experience Platform (“%1”) answered HTTP %2: %3")
            .arg(endpointName())
            .arg(status)
            .arg(problem);
    }
    return fallback;
}

bool AepApi::parseObject(const QByteArray &body, QJsonObject *object, QString *error)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject()) {
        qCWarning(lcConnectors).noquote()
            << QStringLiteral("aep answer is not a JSON object: %1 (%2 bytes)")
                   .arg(parseError.errorString())
                   .arg(body.size());
        if (error)
            *error = tr("Experience Platform sent an answer that cannot be read (not a JSON "
                        "object).");
        return false;
    }
    *object = document.object();
    return true;
}

} // namespace courier
