#include "ApsisApi.h"

#include "ApsisTokenSession.h"
#include "common/Logging.h"
#include "connectors/common/ApiRequests.h"
#include "connectors/common/JsonAnswer.h"
#include "engine/Poller.h"

#include <QJsonDocument>
#include <QJsonParseError>
#include <QPointer>

namespace courier {

namespace {

// Attempts of a patient call: with the production policy (0.5 s doubling, capped at a minute)
// about 25 minutes of waiting before it gives up.
constexpr int PatientAttempts = 30;

} // namespace

QString ApsisApi::endpointName(const ConnectorContext &context)
{
    return api::endpointName(context.endpoint());
}

QUrl ApsisApi::url(const ConnectorContext &context, const QString &path)
{
    return api::urlUnder(context.endpoint().contactUrl, path);
}

QString ApsisApi::id(const QString &value)
{
    return api::pathSegment(value);
}

HttpRequestSpec ApsisApi::request(QNetworkAccessManager::Operation verb, QUrl url)
{
    return api::jsonRequest(verb, std::move(url));
}

HttpRequestSpec ApsisApi::jsonRequest(QNetworkAccessManager::Operation verb, QUrl url,
                                      const QJsonObject &body)
{
    return api::jsonRequest(verb, std::move(url), body);
}

BackoffPolicy ApsisApi::patientPolicy(const ConnectorContext &context)
{
    BackoffPolicy policy = context.retryPolicy();
    policy.cap = std::max(policy.cap, context.pollPolicy().cap);
    policy.maxAttempts = std::max(policy.maxAttempts, PatientAttempts);
    return policy;
}

void ApsisApi::attach(HttpJob &job) const
{
    QPointer<ApsisTokenSession> session(&m_session);
    job.setBearerTokenProvider(
        [session] { return session ? session->tokenForRequest() : QByteArray(); });
    job.setTokenRefresher([session](std::function<void(bool)> done) {
        if (!session)
            return done(false);
        session->renew([done = std::move(done)](bool ok, const QString &) { done(ok); });
    });
}

void ApsisApi::configure(Poller &poller) const
{
    QPointer<ApsisTokenSession> session(&m_session);
    poller.setBearerTokenProvider(
        [session] { return session ? session->tokenForRequest() : QByteArray(); });
    poller.setTokenRefresher([session](std::function<void(bool)> done) {
        if (!session)
            return done(false);
        session->renew([done = std::move(done)](bool ok, const QString &) { done(ok); });
    });
    // A poll that meets the download limit (60 a minute) waits for its Retry-After (at most a
    // minute): the run's retry policy is enough for that.
    poller.setRetryPolicy(m_context.retryPolicy());
    poller.setPollPolicy(m_context.pollPolicy());
}

void ApsisApi::send(QObject *owner, HttpRequestSpec spec, ReplyHandler handler,
                    const CallOptions &options) const
{
    QPointer<QObject> guard(owner);
    const ApsisApi api = *this;
    m_session.ensureFresh([api, guard, spec = std::move(spec), handler = std::move(handler),
                           options](bool ok, const QString &error) mutable {
        if (!guard)
            return;
        if (!ok) {
            handler(ApsisReply{false, 0, {}, error});
            return;
        }
        auto *job = new HttpJob(api.m_context.network(), std::move(spec), guard.data());
        api.attach(*job);
        job->setPolicy(options.patient ? api.patientPolicy() : api.m_context.retryPolicy());
        if (!options.acceptedStatuses.isEmpty())
            job->setAcceptedStatuses(options.acceptedStatuses);
        QObject::connect(job, &HttpJob::finished, guard.data(),
                         [api, job, handler = std::move(handler)](bool finishedOk) {
                             job->deleteLater(); // not now: we are inside its finished() signal
                             ApsisReply reply;
                             reply.ok = finishedOk;
                             reply.status = job->httpStatus();
                             reply.body = job->body();
                             if (!finishedOk)
                                 reply.error = api.errorMessage(reply.status, job->errorBody(),
                                                                job->errorString());
                             if (job->attempts() > 1)
                                 qCDebug(lcConnectors) << "apsis: answered after" << job->attempts()
                                                       << "attempts, HTTP" << reply.status;
                             handler(reply);
                         });
        job->start();
    });
}

QString ApsisApi::problemText(const QByteArray &body)
{
    return api::problemText(QJsonDocument::fromJson(body).object());
}

QString ApsisApi::errorMessage(int status, const QByteArray &errorBody,
                               const QString &fallback) const
{
    if (status == 401) {
        return tr("APSIS One refused the access token of “%1” even after signing in again; "
                  "check the client id and secret of the endpoint.")
            .arg(endpointName());
    }
    const QString problem = problemText(errorBody);
    if (status == 403) {
        return tr("The APSIS One API key of “%1” may not do this (HTTP 403: %2); check the "
                  "key's permissions in APSIS One.")
            .arg(endpointName(), problem.isEmpty() ? tr("forbidden") : problem);
    }
    if (status >= 400 && !problem.isEmpty()) {
        return tr("APSIS One (“%1”) answered HTTP %2: %3")
            .arg(endpointName())
            .arg(status)
            .arg(problem);
    }
    return fallback;
}

bool ApsisApi::parseObject(const QByteArray &body, QJsonObject *object, QString *error)
{
    return parseJsonAnswer(body, QStringLiteral("APSIS One"), object, error);
}

} // namespace courier
