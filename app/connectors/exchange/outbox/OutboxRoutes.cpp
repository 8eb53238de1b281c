#include "OutboxRoutes.h"

#include "common/Logging.h"
#include "Outbox.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>

namespace courier::inbox {

namespace {

const QByteArray Realm = "Bearer realm=\"exchange-outbox\"";

// /exchange/v1/outbox/{jobId}/{leaf}
struct Route
{
    qint64 jobId = 0;
    QByteArray leaf;
};

std::optional<Route> matchRoute(const QByteArray &path)
{
    const QList<QByteArray> segments = path.split('/');
    if (segments.size() != 6 || !segments.at(0).isEmpty() || segments.at(1) != "exchange" ||
        segments.at(2) != "v1" || segments.at(3) != "outbox")
        return std::nullopt;
    bool ok = false;
    Route route;
    route.jobId = segments.at(4).toLongLong(&ok);
    if (!ok || route.jobId <= 0)
        return std::nullopt;
    route.leaf = segments.at(5);
    return route;
}

QString statusName(OutboxJob::Status status)
{
    return status == OutboxJob::Status::Completed ? QStringLiteral("COMPLETED")
                                                  : QStringLiteral("FAILED");
}

// A JSON number that is a whole, non-negative count; -1 when absent; nullopt when invalid.
std::optional<qint64> countField(const QJsonObject &object, const QString &name)
{
    const QJsonValue value = object.value(name);
    if (value.isUndefined() || value.isNull())
        return -1;
    if (!value.isDouble() || value.toDouble() < 0 ||
        value.toDouble() != static_cast<double>(value.toInteger()))
        return std::nullopt;
    return value.toInteger();
}

} // namespace

OutboxRoutes::OutboxRoutes(std::shared_ptr<Outbox> outbox, Service::KeyLookup keys)
    : m_outbox(std::move(outbox))
    , m_keys(std::move(keys))
{}

bool OutboxRoutes::handles(const QByteArray &path)
{
    return path.startsWith("/exchange/v1/outbox/");
}

OutboxAdmission OutboxRoutes::admit(const RequestHead &head) const
{
    const std::optional<Route> route = matchRoute(head.path);
    if (!route || (route->leaf != "data" && route->leaf != "status"))
        return Service::refusal(404, tr("No such path; pull from /exchange/v1/outbox/{jobId}/data "
                                        "and report to /exchange/v1/outbox/{jobId}/status."));
    const bool download = route->leaf == "data";
    if (download && head.method != "GET")
        return Service::refusal(405, tr("Pull the file with GET."), {{"Allow", "GET"}});
    if (!download && head.method != "POST")
        return Service::refusal(405, tr("Report with POST."), {{"Allow", "POST"}});

    QString error;
    const auto job = OutboxRepository(m_outbox->database()).find(route->jobId, &error);
    if (!job) {
        if (!error.isEmpty())
            return Service::refusal(503, tr("The app cannot read its outbox right now; try again."),
                                    {{"Retry-After", "5"}});
        return Service::refusal(404, tr("No outbox job %1.").arg(route->jobId));
    }

    // The consumer's key before anything else, so a stranger learns nothing more.
    const QByteArray presented = bearerCredentials(head);
    if (presented.isEmpty())
        return Service::refusal(401,
                                tr("Send the endpoint's key as “Authorization: Bearer <key>”."),
                                {{"WWW-Authenticate", Realm}});
    const QByteArray key = m_keys ? m_keys(job->endpointId) : QByteArray();
    if (key.isEmpty() || !constantTimeEquals(presented, key))
        return Service::refusal(401, tr("The key is not this endpoint's."),
                                {{"WWW-Authenticate", Realm + ", error=\"invalid_token\""}});

    // The job's one-time token too: it ties the request to this very job.
    const QByteArray token = head.query.queryItemValue(QStringLiteral("token")).toLatin1();
    if (token.isEmpty() ||
        !constantTimeEquals(Outbox::tokenHash(token).toLatin1(), job->tokenSha256.toLatin1()))
        return Service::refusal(403, tr("The link's token is missing or wrong; use the URL "
                                        "exactly as it was sent."));

    return download ? admitDownload(job->id) : admitReport(head, job->id);
}

OutboxAdmission OutboxRoutes::admitDownload(qint64 jobId) const
{
    OutboxRepository jobs(m_outbox->database());
    QString error;
    const auto job = jobs.find(jobId, &error);
    if (!job)
        return Service::refusal(404, tr("No outbox job %1.").arg(jobId));

    const QDateTime now = QDateTime::currentDateTimeUtc();
    if (job->status == OutboxJob::Status::Expired ||
        (job->status == OutboxJob::Status::Ready && job->expiresAt <= now))
        return Service::refusal(410, tr("The link of job %1 expired at %2.")
                                         .arg(jobId)
                                         .arg(job->expiresAt.toString(Qt::ISODateWithMs)));
    if (job->status != OutboxJob::Status::Ready || job->pulledAt.isValid())
        return Service::refusal(410,
                                tr("Job %1 was already pulled; a link works once.").arg(jobId));

    auto file = std::make_unique<QFile>(m_outbox->absolutePath(job->filePath));
    if (!file->open(QIODevice::ReadOnly)) {
        qCWarning(lcConnectors).noquote() << "exchange outbox: cannot open the file of job" << jobId
                                          << ":" << file->errorString();
        return Service::refusal(410, tr("The file of job %1 is no longer available.").arg(jobId));
    }
    if (file->size() != job->bytes) {
        qCWarning(lcConnectors) << "exchange outbox: the file of job" << jobId << "has"
                                << file->size() << "bytes, not" << job->bytes;
        return Service::refusal(500,
                                tr("The file of job %1 changed since it was prepared.").arg(jobId));
    }

    switch (jobs.claim(jobId, now, &error)) {
    case OutboxRepository::Claim::Claimed:
        break;
    case OutboxRepository::Claim::AlreadyPulled:
        return Service::refusal(410,
                                tr("Job %1 was already pulled; a link works once.").arg(jobId));
    case OutboxRepository::Claim::Expired:
        return Service::refusal(410, tr("The link of job %1 expired.").arg(jobId));
    case OutboxRepository::Claim::Missing:
        return Service::refusal(404, tr("No outbox job %1.").arg(jobId));
    case OutboxRepository::Claim::Failed:
        return Service::refusal(503, tr("The app cannot update its outbox right now; try again."),
                                {{"Retry-After", "5"}});
    }
    qCInfo(lcConnectors) << "exchange outbox: endpoint" << job->endpointId << "pulls job" << jobId
                         << "(" << job->rows << "rows," << job->bytes << "bytes)";

    OutboxDownload result;
    result.jobId = jobId;
    result.size = job->bytes;
    result.file = std::move(file);
    result.head = responseHead(200,
                               {{"Content-Type", "text/csv; charset=utf-8"},
                                {"X-Row-Count", QByteArray::number(job->rows)},
                                {"Cache-Control", "no-store"}},
                               job->bytes);
    return result;
}

OutboxAdmission OutboxRoutes::admitReport(const RequestHead &head, qint64 jobId) const
{
    if (head.hasHeader("transfer-encoding"))
        return Service::refusal(411, tr("Chunked bodies are not accepted; send Content-Length."));
    if (!head.hasHeader("content-length"))
        return Service::refusal(411, tr("Send the body's size as Content-Length."));
    const qint64 length = parseContentLength(head.header("content-length"));
    if (length < 0)
        return Service::refusal(400, tr("Content-Length is not a number of bytes."));
    if (length > MaxReportBytes)
        return Service::refusal(413, tr("A report is at most %1 bytes.").arg(MaxReportBytes));
    const QByteArray type = head.header("content-type").split(';').first().trimmed().toLower();
    if (type != "application/json")
        return Service::refusal(415, tr("Send the report as “Content-Type: application/json”."));
    const QByteArray expect = head.header("expect");
    if (!expect.isEmpty() && expect.toLower() != "100-continue")
        return Service::refusal(417, tr("Only “Expect: 100-continue” is supported."));
    return OutboxReport{jobId, length, !expect.isEmpty()};
}

void OutboxRoutes::downloadEnded(qint64 jobId, bool complete) const
{
    OutboxRepository jobs(m_outbox->database());
    QString error;
    if (!complete) {
        qCInfo(lcConnectors) << "exchange outbox: the pull of job" << jobId
                             << "broke off; its link may be used again";
        if (!jobs.release(jobId, &error))
            qCWarning(lcConnectors).noquote() << "exchange outbox:" << error;
        return;
    }
    qCInfo(lcConnectors) << "exchange outbox: job" << jobId << "was pulled";
    if (const auto job = jobs.find(jobId, &error))
        m_outbox->removeFile(*job); // the link is used up: nobody can fetch it again
}

Answer OutboxRoutes::report(const OutboxReport &report, const QByteArray &body) const
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(body, &parseError);
    if (!document.isObject())
        return Service::refusal(400, tr("The report must be a JSON object."));
    const QJsonObject object = document.object();
    const QString statusText = object.value(QStringLiteral("status")).toString();
    OutboxJob::Status status = OutboxJob::Status::Completed;
    if (statusText == QLatin1String("COMPLETED"))
        status = OutboxJob::Status::Completed;
    else if (statusText == QLatin1String("FAILED"))
        status = OutboxJob::Status::Failed;
    else
        return Service::refusal(400, tr("“status” must be COMPLETED or FAILED."));
    const QJsonValue messageValue = object.value(QStringLiteral("message"));
    if (!messageValue.isUndefined() && !messageValue.isNull() && !messageValue.isString())
        return Service::refusal(400, tr("“message” must be a string."));
    const QString message = messageValue.toString().trimmed();
    if (message.size() > MaxMessageLength)
        return Service::refusal(
            400, tr("“message” must be at most %1 characters.").arg(MaxMessageLength));
    const auto accepted = countField(object, QStringLiteral("rowsAccepted"));
    const auto rejected = countField(object, QStringLiteral("rowsRejected"));
    if (!accepted || !rejected)
        return Service::refusal(
            400, tr("“rowsAccepted” and “rowsRejected” must be whole numbers of rows."));

    OutboxRepository jobs(m_outbox->database());
    QString error;
    bool duplicate = false;
    switch (jobs.report(report.jobId, status, message, *accepted, *rejected, &error)) {
    case OutboxRepository::Report::Stored:
        break;
    case OutboxRepository::Report::Duplicate:
        duplicate = true;
        break;
    case OutboxRepository::Report::Conflict: {
        const auto job = jobs.find(report.jobId, &error);
        const QString stored =
            job ? outboxStatusToString(job->status).toUpper() : QStringLiteral("final");
        return Service::refusal(
            409, tr("Job %1 was already reported as %2.").arg(report.jobId).arg(stored));
    }
    case OutboxRepository::Report::Missing:
        return Service::refusal(404, tr("No outbox job %1.").arg(report.jobId));
    case OutboxRepository::Report::Failed:
        return Service::refusal(503, tr("The app cannot update its outbox right now; try again."),
                                {{"Retry-After", "5"}});
    }
    if (!duplicate) {
        qCInfo(lcConnectors).noquote()
            << "exchange outbox: job" << report.jobId << "reported" << statusText;
        // The job is over: whatever happened, its link is no use any more.
        if (const auto job = jobs.find(report.jobId, &error))
            m_outbox->removeFile(*job);
    }
    Answer answer;
    answer.status = 200;
    answer.bytes = jsonResponse(200, {{QStringLiteral("jobId"), QString::number(report.jobId)},
                                      {QStringLiteral("status"), statusName(status)},
                                      {QStringLiteral("duplicate"), duplicate}});
    return answer;
}

} // namespace courier::inbox
