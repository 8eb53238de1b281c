#include "MetaCall.h"

#include "common/Logging.h"
#include "common/Redaction.h"
#include "connectors/common/JsonAnswer.h"
#include "engine/HttpJob.h"

#include <QJsonDocument>
#include <QLocale>
#include <QRandomGenerator>

namespace courier {

namespace {

// Graph errors arrive with these statuses; they complete the HttpJob so that the whole
// document can be read (HttpJob keeps only the start of a failed response).
const QList<int> GraphErrorStatuses{400, 401, 403, 404};

QString verbName(QNetworkAccessManager::Operation verb)
{
    switch (verb) {
    case QNetworkAccessManager::DeleteOperation:
        return QStringLiteral("DELETE");
    case QNetworkAccessManager::GetOperation:
        return QStringLiteral("GET");
    default:
        return QStringLiteral("POST");
    }
}

} // namespace

MetaCall *MetaCall::start(const MetaApi &api, MetaRequest request, QObject *owner, Handler handler)
{
    auto *call = new MetaCall(api, std::move(request), owner, std::move(handler));
    // Not from inside the caller's step: a handler may complete that step.
    QTimer::singleShot(0, call, &MetaCall::attempt);
    return call;
}

void MetaCall::drop(QPointer<MetaCall> &call)
{
    if (MetaCall *running = call.data()) {
        call = nullptr;
        running->m_handler = nullptr;
        delete running;
    }
}

MetaCall::MetaCall(const MetaApi &api, MetaRequest request, QObject *owner, Handler handler)
    : QObject(owner)
    , m_api(api)
    , m_request(std::move(request))
    , m_handler(std::move(handler))
{
    m_wait.setSingleShot(true);
    connect(&m_wait, &QTimer::timeout, this, &MetaCall::attempt);
}

MetaCall::~MetaCall()
{
    if (HttpJob *job = m_job.data()) {
        m_job = nullptr;
        disconnect(job, nullptr, this, nullptr);
        job->cancel();
        delete job;
    }
}

QByteArray MetaCall::body(const QByteArray &token) const
{
    // {"access_token":"…", <the other parameters>}: spliced, because the parameters may hold
    // 10,000 rows that are better not parsed again at every attempt.
    QByteArray out =
        QJsonDocument(QJsonObject{{QStringLiteral("access_token"), QString::fromUtf8(token)}})
            .toJson(QJsonDocument::Compact);
    const QByteArray params = m_request.params.trimmed();
    if (params.size() > 2 && params.startsWith('{')) {
        out.chop(1); // the closing brace
        out.append(',');
        out.append(QByteArrayView(params).sliced(1));
    }
    return out;
}

void MetaCall::attempt()
{
    const QByteArray token = m_api.context().secret(QString(MetaApi::TokenSecret));
    if (token.isEmpty()) {
        return finish({false,
                       {},
                       tr("No access token is stored for the Meta endpoint “%1”. Reconnect it "
                          "with a system-user access token.")
                           .arg(m_api.endpointName())});
    }
    HttpRequestSpec spec;
    spec.verb = m_request.verb;
    spec.url = m_api.url(m_request.path);
    spec.headers.append({QByteArrayLiteral("Accept"), QByteArrayLiteral("application/json")});
    spec.contentType = QByteArrayLiteral("application/json");
    spec.body = body(token);
    qCDebug(lcConnectors).noquote() << QStringLiteral("meta %1 %2 (%3 bytes)")
                                           .arg(verbName(m_request.verb), m_request.path)
                                           .arg(spec.body.size());

    auto *job = new HttpJob(m_api.context().network(), std::move(spec), this);
    job->setPolicy(m_api.context().retryPolicy());
    job->setAcceptedStatuses(GraphErrorStatuses);
    m_job = job;
    connect(job, &HttpJob::finished, this, &MetaCall::onFinished);
    job->start();
}

void MetaCall::onFinished(bool ok)
{
    HttpJob *job = m_job.data();
    m_job = nullptr;
    if (!job)
        return;
    job->deleteLater(); // not now: we are inside its finished() signal
    const int status = job->httpStatus();

    if (!ok) {
        if (GraphErrorStatuses.contains(status)) {
            // Qt 6.4 reports HTTP 400 as a protocol error, which HttpJob does not take for an
            // accepted status: the document is in body() (or errorBody(), if it ever does).
            const QByteArray document = job->body().isEmpty() ? job->errorBody() : job->body();
            if (const auto graph = MetaApi::parseError(status, document))
                return onGraphError(*graph);
        }
        // Transport failures, and 429/5xx that outlasted HttpJob's retries: Meta's own words
        // when it sent an error document, else the transport's.
        if (const auto graph = MetaApi::parseError(status, job->errorBody()); graph && graph->code)
            return finish({false, {}, m_api.errorMessage(*graph, m_request.object)});
        return finish({false, {}, job->errorString()});
    }
    if (job->isAcceptedStatus()) {
        if (const auto graph = MetaApi::parseError(status, job->body()))
            return onGraphError(*graph);
        return finish({false,
                       {},
                       tr("Meta answered HTTP %1 to the request about %2, without saying why.")
                           .arg(status)
                           .arg(m_request.object)});
    }
    MetaReply reply;
    QString error;
    if (!parseJsonAnswer(job->body(), tr("Meta"), &reply.answer, &error))
        return finish({false, {}, error});
    if (const auto graph = MetaApi::parseError(status, job->body()); graph && graph->code)
        return onGraphError(*graph); // an error document with a 2xx status
    reply.ok = true;
    finish(std::move(reply));
}

void MetaCall::onGraphError(const GraphError &error)
{
    qCInfo(lcConnectors).noquote() << QStringLiteral("meta %1 %2: HTTP %3, error %4/%5 (%6)")
                                          .arg(verbName(m_request.verb), m_request.path)
                                          .arg(error.httpStatus)
                                          .arg(error.code)
                                          .arg(error.subcode)
                                          .arg(error.traceId);
    ConnectorContext &context = m_api.context();
    if (error.isTokenProblem()) {
        if (m_reloaded)
            return finish({false, {}, m_api.errorMessage(error, m_request.object)});
        // The user may have reconnected the endpoint while this run was going.
        m_reloaded = true;
        QPointer<MetaCall> self(this);
        context.reloadSecrets([self, error](bool changed) {
            if (!self)
                return;
            if (changed)
                self->attempt();
            else
                self->finish({false, {}, self->m_api.errorMessage(error, self->m_request.object)});
        });
        return;
    }
    if (!error.isRateLimit() && !error.isTemporary())
        return finish({false, {}, m_api.errorMessage(error, m_request.object)});

    const BackoffPolicy policy = context.retryPolicy();
    ++m_graphAttempts;
    if (m_graphAttempts >= policy.maxAttempts) {
        if (error.isRateLimit())
            return finish({false, {}, m_api.rateLimitGiveUp(error, m_graphAttempts)});
        return finish({false,
                       {},
                       tr("%1 It kept failing after %n attempt(s); try again later.", nullptr,
                          m_graphAttempts)
                           .arg(m_api.errorMessage(error, m_request.object))});
    }
    const std::chrono::milliseconds delay =
        backoffDelay(policy, m_graphAttempts, QRandomGenerator::global()->generateDouble());
    const QString seconds = QLocale().toString(static_cast<double>(delay.count()) / 1000.0, 'g', 3);
    QString code = QString::number(error.code);
    if (error.subcode != 0)
        code += QLatin1Char('/') + QString::number(error.subcode);
    context.log(RunEvent::Level::Warning,
                error.isRateLimit()
                    ? tr("Meta is limiting the requests (error %1); trying again in %2 s "
                         "(attempt %3 of %4).")
                          .arg(code, seconds)
                          .arg(m_graphAttempts + 1)
                          .arg(policy.maxAttempts)
                    : tr("Meta had a temporary problem (error %1); trying again in %2 s "
                         "(attempt %3 of %4).")
                          .arg(code, seconds)
                          .arg(m_graphAttempts + 1)
                          .arg(policy.maxAttempts));
    m_wait.start(delay);
}

void MetaCall::finish(MetaReply reply)
{
    if (!reply.ok) {
        // Meta's messages do not quote the token, but whatever it sends ends up in the run log.
        const QString token =
            QString::fromUtf8(m_api.context().secret(QString(MetaApi::TokenSecret)));
        if (token.size() >= 8)
            reply.error.replace(token, QStringLiteral("***"));
        reply.error = redactSecrets(reply.error);
    }
    Handler handler = std::move(m_handler);
    m_handler = nullptr;
    deleteLater();
    if (handler)
        handler(reply); // may delete the owner, and so this
}

} // namespace courier
