#include "ExchangeApi.h"

#include "common/Logging.h"
#include "connectors/common/ApiRequests.h"
#include "connectors/common/JsonAnswer.h"
#include "engine/Poller.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>

namespace courier {

namespace {

QStringList stringList(const QJsonValue &value)
{
    QStringList out;
    const QJsonArray array = value.toArray();
    for (const QJsonValue &item : array) {
        if (item.isString())
            out << item.toString();
    }
    return out;
}

} // namespace

QString ExchangeApi::endpointName() const
{
    return api::endpointName(m_context.endpoint());
}

QUrl ExchangeApi::url(const QString &path, const QUrlQuery &query) const
{
    return api::urlUnder(m_context.endpoint().contactUrl, path, query);
}

QString ExchangeApi::id(const QString &value)
{
    return api::pathSegment(value);
}

HttpRequestSpec ExchangeApi::request(QNetworkAccessManager::Operation verb, QUrl url)
{
    return api::jsonRequest(verb, std::move(url));
}

HttpRequestSpec ExchangeApi::jsonRequest(QNetworkAccessManager::Operation verb, QUrl url,
                                         const QJsonObject &body)
{
    return api::jsonRequest(verb, std::move(url), body);
}

HttpJob *ExchangeApi::createJob(HttpRequestSpec spec, QObject *parent) const
{
    auto *job = new HttpJob(m_context.network(), std::move(spec), parent);
    ConnectorContext *context = &m_context;
    job->setBearerTokenProvider([context] { return context->secret(QStringLiteral("key")); });
    job->setTokenRefresher([context](std::function<void(bool)> done) {
        context->reloadSecrets([done = std::move(done)](bool changed) { done(changed); });
    });
    job->setPolicy(m_context.retryPolicy());
    return job;
}

void ExchangeApi::configure(Poller &poller) const
{
    ConnectorContext *context = &m_context;
    poller.setBearerTokenProvider([context] { return context->secret(QStringLiteral("key")); });
    poller.setTokenRefresher([context](std::function<void(bool)> done) {
        context->reloadSecrets([done = std::move(done)](bool changed) { done(changed); });
    });
    poller.setRetryPolicy(m_context.retryPolicy());
    poller.setPollPolicy(m_context.pollPolicy());
}

HttpJob *ExchangeApi::send(QObject *owner, HttpRequestSpec spec, ReplyHandler handler,
                           const QList<int> &acceptedStatuses, const QString &responseFile) const
{
    HttpJob *job = createJob(std::move(spec), owner);
    if (!acceptedStatuses.isEmpty())
        job->setAcceptedStatuses(acceptedStatuses);
    if (!responseFile.isEmpty())
        job->setResponseFile(responseFile);
    const ExchangeApi api = *this;
    QObject::connect(
        job, &HttpJob::finished, owner, [api, job, handler = std::move(handler)](bool ok) {
            job->deleteLater(); // not now: we are inside its finished() signal
            ExchangeReply reply;
            reply.ok = ok;
            reply.status = job->httpStatus();
            reply.body = job->body();
            if (!ok)
                reply.error = api.errorMessage(reply.status, job->errorBody(), job->errorString());
            handler(reply);
        });
    job->start();
    return job;
}

void ExchangeApi::drop(QPointer<HttpJob> &job)
{
    if (HttpJob *running = job.data()) {
        job = nullptr;
        QObject::disconnect(running, nullptr, nullptr, nullptr);
        running->cancel();
        running->deleteLater();
    }
}

QString ExchangeApi::errorMessage(int status, const QByteArray &errorBody,
                                  const QString &fallback) const
{
    if (status == 401) {
        return tr("The exchange “%1” refused the key; reconnect this endpoint.")
            .arg(endpointName());
    }
    if (status >= 400) {
        const QJsonObject error =
            QJsonDocument::fromJson(errorBody).object().value(QStringLiteral("error")).toObject();
        const QString message = error.value(QStringLiteral("message")).toString().simplified();
        if (!message.isEmpty()) {
            // Shortened: a server could send a novel, and it ends up in the run's log.
            return tr("The exchange “%1” answered HTTP %2: %3")
                .arg(endpointName())
                .arg(status)
                .arg(message.left(300));
        }
    }
    return fallback;
}

bool ExchangeApi::parseObject(const QByteArray &body, QJsonObject *object, QString *error)
{
    return parseJsonAnswer(body, ExchangeApi::tr("The exchange"), object, error);
}

AudienceInfo ExchangeApi::audienceFromSegment(const QJsonObject &segment)
{
    AudienceInfo info;
    const QJsonValue id = segment.value(QStringLiteral("id"));
    info.externalId = id.isDouble() ? QString::number(id.toInteger()) : id.toString();
    info.name = segment.value(QStringLiteral("name")).toString();
    info.description = segment.value(QStringLiteral("description")).toString();
    const QJsonValue size = segment.value(QStringLiteral("size"));
    info.size = size.isDouble() ? size.toInteger(-1) : -1;
    info.identifiers = stringList(segment.value(QStringLiteral("identifiers")));
    info.attributes = stringList(segment.value(QStringLiteral("attributes")));
    info.refreshedAt = QDateTime::currentDateTimeUtc();
    return info;
}

} // namespace courier
