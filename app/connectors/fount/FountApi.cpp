#include "FountApi.h"

#include "common/Logging.h"
#include "connectors/common/ApiRequests.h"
#include "FountTokenSession.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QRegularExpression>

namespace courier {

namespace {

// A server could send a novel; it ends up in the run's log.
constexpr int MaxMessageLength = 300;

QString shorten(const QString &text)
{
    const QString simple = text.simplified();
    return simple.size() > MaxMessageLength ? simple.left(MaxMessageLength) + QChar(0x2026)
                                            : simple;
}

QString htmlText(QString html)
{
    static const QRegularExpression tags(QStringLiteral("<[^>]*>"));
    html.remove(tags);
    html.replace(QLatin1String("&lt;"), QLatin1String("<"))
        .replace(QLatin1String("&gt;"), QLatin1String(">"))
        .replace(QLatin1String("&quot;"), QLatin1String("\""))
        .replace(QLatin1String("&#039;"), QLatin1String("'"))
        .replace(QLatin1String("&#39;"), QLatin1String("'"))
        .replace(QLatin1String("&nbsp;"), QLatin1String(" "))
        .replace(QLatin1String("&amp;"), QLatin1String("&"));
    return html.simplified();
}

// The first element `tag` of an HTML page, as text.
QString firstElement(const QString &html, const QString &tag)
{
    const QRegularExpression element(QStringLiteral("<%1\\b[^>]*>(.*?)</%1>").arg(tag),
                                     QRegularExpression::CaseInsensitiveOption |
                                         QRegularExpression::DotMatchesEverythingOption);
    const QRegularExpressionMatch match = element.match(html);
    return match.hasMatch() ? htmlText(match.captured(1)) : QString();
}

} // namespace

QString FountApi::endpointName(const ConnectorContext &context)
{
    const Endpoint &endpoint = context.endpoint();
    return endpoint.name.isEmpty() ? endpoint.contactUrl.host() : endpoint.name;
}

QUrl FountApi::url(const ConnectorContext &context, const QString &path, const QUrlQuery &query)
{
    return api::urlUnder(context.endpoint().contactUrl, path, query);
}

HttpRequestSpec FountApi::get(QUrl url)
{
    // Without Accept: application/json The Fount (Laravel) answers errors with an HTML page,
    // or a login redirect.
    return api::jsonRequest(QNetworkAccessManager::GetOperation, std::move(url));
}

int FountApi::perPage(const ConnectorContext &context)
{
    const int value = context.endpoint().settings.value(QStringLiteral("perPage")).toInt();
    return value >= 1 ? std::min(value, MaxPerPage) : DefaultPerPage;
}

BackoffPolicy FountApi::patientPolicy(const ConnectorContext &context)
{
    BackoffPolicy policy = context.retryPolicy();
    policy.cap = std::max(policy.cap, context.pollPolicy().cap);
    policy.maxAttempts = std::max(policy.maxAttempts, PatientAttempts);
    return policy;
}

void FountApi::send(QObject *owner, QPointer<HttpJob> *running, HttpRequestSpec spec,
                    const QString &responseFile, ReplyHandler handler) const
{
    const FountApi api = *this;
    QPointer<QObject> guard(owner);
    m_session->ensureFresh([api, guard, running, spec = std::move(spec), responseFile,
                            handler = std::move(handler)](bool ok, const QString &error) mutable {
        if (!guard)
            return;
        if (!ok) {
            FountReply reply;
            reply.error = error;
            handler(reply);
            return;
        }
        auto *job = new HttpJob(api.context().network(), std::move(spec), guard.data());
        api.m_session->attach(*job);
        // 500 requests a minute for all of the user's tokens: a 429 is waited out.
        job->setPolicy(patientPolicy(api.context()));
        if (!responseFile.isEmpty())
            job->setResponseFile(responseFile);
        QObject::connect(
            job, &HttpJob::finished, guard.data(), [api, job, running, handler](bool finishedOk) {
                if (running && *running == job)
                    *running = nullptr;
                // Not deleted with its owner now: we are inside its finished()
                // signal, and the handler may destroy the owner.
                job->setParent(nullptr);
                job->deleteLater();
                FountReply reply;
                reply.ok = finishedOk;
                reply.status = job->httpStatus();
                reply.body = job->body();
                if (!finishedOk)
                    reply.error =
                        api.errorMessage(reply.status, job->errorBody(), job->errorString());
                if (job->attempts() > 1)
                    qCDebug(lcConnectors) << "fount: answered after" << job->attempts()
                                          << "attempts, HTTP" << reply.status;
                handler(reply);
            });
        if (running)
            *running = job;
        job->start();
    });
}

void FountApi::drop(QPointer<HttpJob> &job)
{
    if (HttpJob *running = job.data()) {
        job = nullptr;
        QObject::disconnect(running, nullptr, nullptr, nullptr);
        running->cancel();
        running->deleteLater();
    }
}

QString FountApi::serverMessage(const QByteArray &body)
{
    const QByteArray trimmed = body.trimmed();
    if (trimmed.isEmpty())
        return {};
    if (trimmed.startsWith('<')) {
        // Laravel's error page: the message in a paragraph, the status in the title.
        const QString html = QString::fromUtf8(trimmed);
        for (const QString &tag :
             {QStringLiteral("p"), QStringLiteral("h1"), QStringLiteral("title")}) {
            const QString text = firstElement(html, tag);
            if (!text.isEmpty())
                return shorten(text);
        }
        return {};
    }
    const QJsonObject root = QJsonDocument::fromJson(trimmed).object();
    const QJsonObject data = root.value(QStringLiteral("data")).isObject()
                                 ? root.value(QStringLiteral("data")).toObject()
                                 : root;
    QString message = data.value(QStringLiteral("message")).toString().simplified();
    // Laravel's validation errors: {"field": ["…", …], …}.
    QStringList details;
    const QJsonObject errors = data.value(QStringLiteral("errors")).toObject();
    for (auto it = errors.begin(); it != errors.end(); ++it) {
        const QJsonValue first = it.value().isArray() ? it.value().toArray().first() : it.value();
        const QString text = first.toString().simplified();
        if (!text.isEmpty() && !details.contains(text))
            details << text;
    }
    if (!details.isEmpty())
        message = message.isEmpty() ? details.join(QLatin1Char(' '))
                                    : message + QLatin1Char(' ') + details.join(QLatin1Char(' '));
    return shorten(message);
}

QString FountApi::errorMessage(int status, const QByteArray &errorBody,
                               const QString &fallback) const
{
    const QString said = serverMessage(errorBody);
    switch (status) {
    case 401:
        return FountTokenSession::refusedMessage(*m_context);
    case 403:
        return tr("The access token of “%1” may not do this (HTTP 403: %2); give the personal "
                  "access token read access to audiences in your Fount profile.")
            .arg(endpointName(), said.isEmpty() ? tr("forbidden") : said);
    case 404:
        return tr("The Fount (“%1”) does not know this (HTTP 404: %2); refresh the endpoint's "
                  "audiences — the audience may have been deleted or made private.")
            .arg(endpointName(), said.isEmpty() ? tr("not found") : said);
    case 422:
        return tr("The Fount (“%1”) refused the request (HTTP 422): %2")
            .arg(endpointName(), said.isEmpty() ? tr("invalid request") : said);
    case 429:
        return tr("The Fount (“%1”) kept answering “too many requests” (HTTP 429): its limit of "
                  "500 requests a minute is shared by all of the user's tokens. Run the share "
                  "again in a few minutes.")
            .arg(endpointName());
    default:
        break;
    }
    if (status >= 400 && !said.isEmpty())
        return tr("The Fount (“%1”) answered HTTP %2: %3")
            .arg(endpointName())
            .arg(status)
            .arg(said);
    return fallback;
}

bool FountApi::parseObject(const QByteArray &body, QJsonObject *object, QString *error)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject()) {
        qCWarning(lcConnectors).noquote()
            << QStringLiteral("fount answer is not a JSON object: %1 (%2 bytes)")
                   .arg(parseError.errorString())
                   .arg(body.size());
        if (error)
            *error = tr("The Fount sent an answer that cannot be read (not a JSON object); try "
                        "again later.");
        return false;
    }
    *object = document.object();
    return true;
}

} // namespace courier
