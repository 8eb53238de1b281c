// The PULL producer side of the exchange protocol (docs/exchange-protocol.md): a source we
// pull audiences from. Segments are listed, an export job is created and polled, and its data
// parts are downloaded as CSV — streamed, and gzip-compressed when the client accepts it.
#include "sandbox/audience/AudienceCsvSource.h"
#include "sandbox/auth/BearerAuth.h"
#include "sandbox/http/Json.h"
#include "sandbox/http/Responder.h"
#include "sandbox/http/Router.h"
#include "sandbox/protocols/exchange/ExchangeCatalogue.h"
#include "sandbox/protocols/exchange/ExchangeJobs.h"
#include "sandbox/protocols/Protocols.h"
#include "sandbox/SandboxContext.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace courier::sandbox {

namespace {

constexpr int MaxPageSize = 200;

bool authorized(SandboxContext &context, const Request &req, Responder &res)
{
    return requireBearerKey(req, res, context.options().exchange.key, u"exchange"_s);
}

// A positive whole number from the query, `fallback` when absent; nullopt (400 sent) when
// present but not one.
std::optional<qint64> positiveQuery(const Request &req, Responder &res, const QString &name,
                                    qint64 fallback, qint64 max)
{
    const QString text = req.queryValue(name);
    if (text.isEmpty())
        return fallback;
    bool ok = false;
    const qint64 value = text.toLongLong(&ok);
    if (!ok || value < 1 || value > max) {
        res.sendError(400, u"\"%1\" must be a whole number from 1 to %2."_s.arg(name).arg(max));
        return std::nullopt;
    }
    return value;
}

void listSegments(SandboxContext &context, const Request &req, Responder &res)
{
    if (!authorized(context, req, res))
        return;
    const auto page = positiveQuery(req, res, u"page"_s, 1, 1'000'000);
    if (!page)
        return;
    const auto pageSize = positiveQuery(req, res, u"pageSize"_s, 50, MaxPageSize);
    if (!pageSize)
        return;
    const QList<ExchangeCatalogue::Segment> &all = ExchangeCatalogue::listed();
    const qint64 first = (*page - 1) * *pageSize;
    QJsonArray segments;
    for (qint64 i = first; i < std::min<qint64>(all.size(), first + *pageSize); ++i)
        segments.append(all.at(i).toJson());
    const bool more = first + *pageSize < all.size();
    res.sendJson(200, QJsonObject{{u"segments"_s, segments},
                                  {u"page"_s, *page},
                                  {u"pageSize"_s, *pageSize},
                                  {u"total"_s, all.size()},
                                  {u"nextPage"_s, more ? QJsonValue(*page + 1) : QJsonValue()}});
}

void getSegment(SandboxContext &context, const Request &req, Responder &res)
{
    if (!authorized(context, req, res))
        return;
    const auto segment = ExchangeCatalogue::find(req.param(u"segmentId"_s));
    if (!segment) {
        res.sendError(404, u"No segment \"%1\"."_s.arg(req.param(u"segmentId"_s)));
        return;
    }
    res.sendJson(200, segment->toJson());
}

void createJob(SandboxContext &context, const Request &req, Responder &res)
{
    if (!authorized(context, req, res))
        return;
    const auto body = jsonBodyOrReject(req, res);
    if (!body)
        return;
    const QJsonValue segmentId = body->value(u"segmentId"_s);
    if (!segmentId.isString() || segmentId.toString().isEmpty()) {
        res.sendError(400, u"\"segmentId\" (a string) is required."_s);
        return;
    }
    const auto segment = ExchangeCatalogue::find(segmentId.toString());
    if (!segment) {
        res.sendError(404, u"No segment \"%1\"."_s.arg(segmentId.toString()));
        return;
    }
    QList<SyntheticAudience::Column> columns;
    const QJsonValue requested = body->value(u"columns"_s);
    if (requested.isUndefined() || requested.isNull()) {
        columns = SyntheticAudience::allColumns();
    } else if (!requested.isArray() || requested.toArray().isEmpty()) {
        res.sendError(400, u"\"columns\" must be a non-empty array of column names."_s);
        return;
    } else {
        const QJsonArray names = requested.toArray();
        for (const QJsonValue &name : names) {
            const auto column = SyntheticAudience::columnFromName(name.toString().toUtf8());
            if (!column) {
                res.sendError(400, u"Unknown column \"%1\"; this segment has %2."_s.arg(
                                       name.toString(),
                                       QString::fromLatin1((SyntheticAudience::identifierNames() +
                                                            SyntheticAudience::attributeNames())
                                                               .join(", "_ba))));
                return;
            }
            if (columns.contains(*column)) {
                res.sendError(400, u"Column \"%1\" is asked for twice."_s.arg(name.toString()));
                return;
            }
            columns.append(*column);
        }
    }
    const bool fails = res.faults().take(FaultKind::FailJobs).has_value();
    auto &jobs = context.state<ExchangeJobs>();
    const ExchangeJobs::Job &job = jobs.create(*segment, columns, fails);
    res.sendJson(202, jobs.toJson(job),
                 {{"Location"_ba, u"/exchange/v1/jobs/%1"_s.arg(job.id).toUtf8()}});
}

// The job named in the path, or nullptr with 404/410 sent.
const ExchangeJobs::Job *liveJob(SandboxContext &context, const Request &req, Responder &res)
{
    auto &jobs = context.state<ExchangeJobs>();
    const ExchangeJobs::Job *job = jobs.find(req.param(u"jobId"_s));
    if (!job) {
        res.sendError(404, u"No job \"%1\"."_s.arg(req.param(u"jobId"_s)));
        return nullptr;
    }
    if (jobs.phase(*job) == ExchangeJobs::Phase::Expired) {
        res.sendError(410, u"Job \"%1\" has expired; create a new one."_s.arg(job->id));
        return nullptr;
    }
    return job;
}

void getJob(SandboxContext &context, const Request &req, Responder &res)
{
    if (!authorized(context, req, res))
        return;
    if (const ExchangeJobs::Job *job = liveJob(context, req, res))
        res.sendJson(200, context.state<ExchangeJobs>().toJson(*job));
}

void getJobData(SandboxContext &context, const Request &req, Responder &res)
{
    if (!authorized(context, req, res))
        return;
    const ExchangeJobs::Job *job = liveJob(context, req, res);
    if (!job)
        return;
    auto &jobs = context.state<ExchangeJobs>();
    switch (jobs.phase(*job)) {
    case ExchangeJobs::Phase::Processing:
        res.sendError(409, u"Job \"%1\" is not ready yet (%2 %)."_s.arg(job->id).arg(
                               jobs.percentComplete(*job)));
        return;
    case ExchangeJobs::Phase::Failed:
        res.sendError(409, u"Job \"%1\" failed; it has no data."_s.arg(job->id));
        return;
    case ExchangeJobs::Phase::Completed:
    case ExchangeJobs::Phase::Expired:
        break;
    }
    bool ok = false;
    const qint64 dataId = req.param(u"dataId"_s).toLongLong(&ok);
    if (!ok || dataId < 1 || dataId > jobs.partCount(*job)) {
        res.sendError(
            404, u"Job \"%1\" has no data part \"%2\"."_s.arg(job->id, req.param(u"dataId"_s)));
        return;
    }
    const auto [first, end] = jobs.partRange(*job, dataId);
    const QByteArray filename =
        job->segment.id.toUtf8() + "-part-" + QByteArray::number(dataId) + ".csv";
    res.stream(
        200, "text/csv; charset=utf-8"_ba,
        std::make_unique<AudienceCsvSource>(job->segment.audience(), job->columns, first, end),
        {{"X-Row-Count"_ba, QByteArray::number(end - first)},
         {"Content-Disposition"_ba, "attachment; filename=\"" + filename + '"'}});
}

} // namespace

void registerExchangeProducerRoutes(Router &router, SandboxContext &context)
{
    const auto bind = [&context](Router::ContextHandler handler) {
        return Router::bind(context, handler);
    };
    router.get(u"/exchange/v1/segments"_s, bind(listSegments));
    router.get(u"/exchange/v1/segments/{segmentId}"_s, bind(getSegment));
    router.post(u"/exchange/v1/jobs"_s, bind(createJob));
    router.get(u"/exchange/v1/jobs/{jobId}"_s, bind(getJob));
    router.get(u"/exchange/v1/jobs/{jobId}/data/{dataId}"_s, bind(getJobData));
}

} // namespace courier::sandbox
