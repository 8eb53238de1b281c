// Adobe Experience Platform emulation under /aep: IMS server-to-server tokens
// ({sandbox}/aep/ims/token/v3), segment definitions and segmentation export jobs, and the
// Data Access API that downloads an export's files ({sandbox}/aep/platform standing for
// https://platform.adobe.io). Batch ingestion (the destination side) is in AepIngestRoutes.cpp.
// The real export files are Parquet; the sandbox writes JSON Lines of the same XDM profiles
// (docs/sandbox.md, "Adobe Experience Platform", says why).
#include "sandbox/http/Responder.h"
#include "sandbox/http/Router.h"
#include "sandbox/protocols/aep/AepHttp.h"
#include "sandbox/protocols/aep/AepJobs.h"
#include "sandbox/protocols/Protocols.h"
#include "sandbox/SandboxContext.h"

#include <limits>
#include <QJsonArray>
#include <QJsonDocument>
#include <QUrlQuery>

using namespace Qt::StringLiterals;

namespace courier::sandbox {

namespace {

const QString Ups = AepPlatformRoot + u"/data/core/ups"_s;
const QString DataAccess = AepPlatformRoot + u"/data/foundation/export"_s;

// --- IMS

void imsError(Responder &res, int status, const char *error, const QString &description)
{
    res.sendJson(status, QJsonObject{{u"error"_s, QString::fromLatin1(error)},
                                     {u"error_description"_s, description}});
}

// POST /ims/token/v3, application/x-www-form-urlencoded (parameters in the query are taken
// too, as IMS does; the body wins).
void imsToken(SandboxContext &context, const Request &req, Responder &res)
{
    const AepOptions &options = context.options().aep;
    const QUrlQuery form(QString::fromUtf8(QByteArray(req.body).replace('+', "%20")));
    const auto param = [&](const QString &name) {
        const QString value = form.queryItemValue(name, QUrl::FullyDecoded);
        return value.isEmpty() ? req.queryValue(name) : value;
    };
    const QString grantType = param(u"grant_type"_s);
    if (grantType != "client_credentials"_L1) {
        imsError(res, 400, "unsupported_grant_type",
                 grantType.isEmpty() ? u"missing grant_type parameter"_s
                                     : u"unsupported grant_type %1"_s.arg(grantType));
        return;
    }
    const QString clientId = param(u"client_id"_s);
    if (clientId.isEmpty()) {
        imsError(res, 400, "invalid_request", u"missing client_id parameter"_s);
        return;
    }
    if (clientId != options.clientId) {
        imsError(res, 400, "invalid_client", u"invalid client_id parameter"_s);
        return;
    }
    const QString secret = param(u"client_secret"_s);
    if (secret.isEmpty()) {
        imsError(res, 400, "invalid_request", u"missing client_secret parameter"_s);
        return;
    }
    if (secret.toUtf8() != options.clientSecret) {
        imsError(res, 401, "invalid_client", u"invalid client_secret parameter"_s);
        return;
    }
    // [U] The AEP scope string: any scope is accepted.
    const auto ttl = res.faults().peek(FaultKind::TokenTtl) ? context.tokenTtlFor(res.faults())
                                                            : options.tokenTtl;
    const TokenIssuer::Issued issued = context.tokens().issue(ttl, u"aep:"_s + clientId);
    res.sendJson(200, QJsonObject{{u"access_token"_s, QString::fromLatin1(issued.token)},
                                  {u"token_type"_s, u"bearer"_s},
                                  {u"expires_in"_s, qint64(issued.expiresIn.count())}});
}

// --- Segment definitions

QString sandboxName(const Request &req)
{
    const QString name = QString::fromUtf8(req.header("x-sandbox-name").trimmed());
    return name.isEmpty() ? u"prod"_s : name;
}

std::optional<qint64> wholeQuery(const Request &req, Responder &res, const QString &name,
                                 qint64 fallback, qint64 min, qint64 max)
{
    const QString text = req.queryValue(name);
    if (text.isEmpty())
        return fallback;
    bool ok = false;
    const qint64 value = text.toLongLong(&ok);
    if (!ok || value < min) {
        aepProblem(res, 400, u"BadRequestError"_s,
                   u"\"%1\" must be a whole number of at least %2."_s.arg(name).arg(min));
        return std::nullopt;
    }
    return std::min(value, max);
}

void listSegments(SandboxContext &context, const Request &req, Responder &res)
{
    if (!requireAepPlatform(context, req, res))
        return;
    const auto start = wholeQuery(req, res, u"start"_s, 0, 0, 1'000'000);
    const auto limit = start ? wholeQuery(req, res, u"limit"_s, 100, 1, 100) : std::nullopt;
    if (!start || !limit)
        return;
    const auto &all = AepCatalogue::listed();
    QJsonArray segments;
    for (qint64 i = *start; i < std::min<qint64>(all.size(), *start + *limit); ++i)
        segments.append(all.at(i).toJson(context.options().aep.imsOrgId, sandboxName(req)));
    const bool more = *start + *limit < all.size();
    res.sendJson(
        200,
        QJsonObject{
            {u"segments"_s, segments},
            {u"page"_s, QJsonObject{{u"totalCount"_s, all.size()},
                                    {u"totalPages"_s, (all.size() + *limit - 1) / *limit},
                                    {u"sortField"_s, u"creationTime"_s},
                                    {u"sort"_s, u"desc"_s},
                                    {u"pageSize"_s, segments.size()},
                                    {u"limit"_s, *limit},
                                    {u"start"_s, *start}}},
            {u"link"_s, QJsonObject{{u"next"_s, more ? u"/segment/definitions?start=%1&limit=%2"_s
                                                           .arg(*start + *limit)
                                                           .arg(*limit)
                                                     : QString()}}}});
}

void getSegment(SandboxContext &context, const Request &req, Responder &res)
{
    if (!requireAepPlatform(context, req, res))
        return;
    const auto segment = AepCatalogue::find(req.param(u"id"_s));
    if (!segment) {
        aepProblem(res, 404, u"NotFoundError"_s,
                   u"Segment definition %1 not found."_s.arg(req.param(u"id"_s)));
        return;
    }
    res.sendJson(200, segment->toJson(context.options().aep.imsOrgId, sandboxName(req)));
}

// --- Export jobs

void createJob(SandboxContext &context, const Request &req, Responder &res)
{
    if (!requireAepPlatform(context, req, res) || !requireAepJsonBody(req, res))
        return;
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(req.body, &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject()) {
        aepProblem(res, 400, u"BadRequestError"_s, u"The body must be a JSON object."_s);
        return;
    }
    const QJsonObject body = document.object();
    const auto bad = [&res](const QString &detail) {
        aepProblem(res, 400, u"BadRequestError"_s, detail);
    };

    const QJsonObject filter = body.value(u"filter"_s).toObject();
    const QJsonArray segments = filter.value(u"segments"_s).toArray();
    if (segments.isEmpty()) {
        bad(u"filter.segments must list at least one segment."_s);
        return;
    }
    QList<ExportLayout::Wanted> wanted;
    QList<AepCatalogue::Segment> jobSegments;
    QList<std::pair<QString, QJsonArray>> nsAndStatus;
    for (const QJsonValue &value : segments) {
        const QJsonObject entry = value.toObject();
        const QString id = entry.value(u"segmentId"_s).toString();
        if (id.isEmpty()) {
            bad(u"filter.segments[].segmentId is required."_s);
            return;
        }
        const auto segment = AepCatalogue::find(id);
        if (!segment) {
            bad(u"Segment %1 does not exist in this sandbox."_s.arg(id));
            return;
        }
        ExportLayout::Wanted w{*segment, 0};
        QJsonArray statuses = entry.value(u"status"_s).toArray();
        if (statuses.isEmpty())
            statuses = QJsonArray{u"realized"_s, u"existing"_s};
        for (const QJsonValue &status : std::as_const(statuses)) {
            const auto parsed = AepCatalogue::statusFromName(status.toString());
            if (!parsed) {
                bad(u"Segment status \"%1\" is not one of realized, existing, exited."_s.arg(
                    status.toString()));
                return;
            }
            w.statuses |= *parsed;
        }
        wanted.append(w);
        jobSegments.append(*segment);
        nsAndStatus.append({entry.value(u"segmentNs"_s).toString(u"ups"_s), statuses});
    }
    const QJsonObject destination = body.value(u"destination"_s).toObject();
    const QString datasetId = destination.value(u"datasetId"_s).toString();
    if (datasetId.isEmpty()) {
        bad(u"destination.datasetId is required."_s);
        return;
    }
    if (body.value(u"schema"_s).toObject().value(u"name"_s).toString() !=
        "_xdm.context.profile"_L1) {
        bad(u"schema.name must be \"_xdm.context.profile\"."_s);
        return;
    }
    QSet<QString> fields;
    const QStringList fieldList =
        body.value(u"fields"_s).toString().split(u',', Qt::SkipEmptyParts);
    for (const QString &field : fieldList)
        fields.insert(field.trimmed().section(u'.', 0, 0));

    AepJobs::Job job;
    for (const QString &key :
         {u"fields"_s, u"mergePolicy"_s, u"filter"_s, u"additionalFields"_s, u"schema"_s}) {
        if (body.contains(key))
            job.request.insert(key, body.value(key));
    }
    job.datasetId = datasetId;
    job.segmentPerBatch = destination.value(u"segmentPerBatch"_s).toBool(false);
    const qint64 rowsPerFile = context.options().aep.rowsPerFile;
    if (job.segmentPerBatch) {
        for (int i = 0; i < wanted.size(); ++i) {
            AepJobs::Batch batch;
            batch.id = AepJobs::newBatchId();
            batch.segmentId = wanted.at(i).segment.id;
            batch.segmentNs = nsAndStatus.at(i).first;
            batch.status = nsAndStatus.at(i).second;
            batch.layout = ExportLayout::make({wanted.at(i)}, jobSegments, fields, rowsPerFile);
            job.batches.append(batch);
        }
    } else {
        AepJobs::Batch batch;
        batch.id = AepJobs::newBatchId();
        batch.layout = ExportLayout::make(wanted, jobSegments, fields, rowsPerFile);
        job.batches.append(batch);
    }
    job.fails = res.faults().take(FaultKind::FailJobs).has_value();
    auto &jobs = context.state<AepJobs>();
    res.sendJson(200, jobs.toJson(jobs.create(std::move(job))));
}

std::optional<qint64> jobId(const Request &req, Responder &res, AepJobs &jobs)
{
    bool ok = false;
    const qint64 id = req.param(u"id"_s).toLongLong(&ok);
    if (!ok || !jobs.find(id)) {
        aepProblem(res, 404, u"NotFoundError"_s,
                   u"Export job %1 not found."_s.arg(req.param(u"id"_s)));
        return std::nullopt;
    }
    return id;
}

void getJob(SandboxContext &context, const Request &req, Responder &res)
{
    if (!requireAepPlatform(context, req, res))
        return;
    auto &jobs = context.state<AepJobs>();
    if (const auto id = jobId(req, res, jobs))
        res.sendJson(200, jobs.toJson(*jobs.find(*id)));
}

void cancelJob(SandboxContext &context, const Request &req, Responder &res)
{
    if (!requireAepPlatform(context, req, res))
        return;
    auto &jobs = context.state<AepJobs>();
    if (const auto id = jobId(req, res, jobs)) {
        jobs.cancel(*id);
        res.sendJson(200,
                     QJsonObject{{u"status"_s, true},
                                 {u"message"_s, u"Export job has been marked for cancelling"_s}});
    }
}

// GET /export/jobs?limit=&offset=&status=, newest first. `offset` is the opaque pageOffset of
// the previous page ("<creationTime>_<id>"); a plain number is taken as a count to skip.
void listJobs(SandboxContext &context, const Request &req, Responder &res)
{
    if (!requireAepPlatform(context, req, res))
        return;
    const auto limit = wholeQuery(req, res, u"limit"_s, 100, 1, 1000);
    if (!limit)
        return;
    auto &jobs = context.state<AepJobs>();
    const QString status = req.queryValue(u"status"_s).toUpper();
    const QString offset = req.queryValue(u"offset"_s);
    qint64 beforeId = std::numeric_limits<qint64>::max();
    qint64 skip = 0;
    if (offset.contains(u'_')) {
        bool ok = false;
        beforeId = offset.section(u'_', 1).toLongLong(&ok);
        if (!ok) {
            aepProblem(res, 400, u"BadRequestError"_s, u"Invalid offset \"%1\"."_s.arg(offset));
            return;
        }
    } else if (!offset.isEmpty()) {
        bool ok = false;
        skip = offset.toLongLong(&ok);
        if (!ok || skip < 0) {
            aepProblem(res, 400, u"BadRequestError"_s, u"Invalid offset \"%1\"."_s.arg(offset));
            return;
        }
    }
    QJsonArray records;
    QString lastToken;
    bool more = false;
    for (const AepJobs::Job *job : jobs.all()) {
        if (job->id >= beforeId)
            continue;
        if (!status.isEmpty() && AepJobs::phaseName(jobs.phase(*job)) != status)
            continue;
        if (skip > 0) {
            --skip;
            continue;
        }
        if (records.size() >= *limit) {
            more = true;
            break;
        }
        records.append(jobs.toJson(*job));
        lastToken = u"%1_%2"_s.arg(job->createdAt.toMSecsSinceEpoch()).arg(job->id);
    }
    QString next;
    if (more) {
        next = u"/export/jobs/?limit=%1&offset=%2"_s.arg(*limit).arg(lastToken);
        if (!status.isEmpty())
            next += u"&status="_s + status;
    }
    res.sendJson(200, QJsonObject{{u"records"_s, records},
                                  {u"page"_s, QJsonObject{{u"sortField"_s, u"createdTime"_s},
                                                          {u"sort"_s, u"desc"_s},
                                                          {u"pageOffset"_s, lastToken},
                                                          {u"pageSize"_s, records.size()}}},
                                  {u"link"_s, QJsonObject{{u"next"_s, next}}}});
}

// --- Data Access

// The batch of a live, succeeded export, or nullopt with the error sent. A batch whose job has
// not succeeded yet is listed as having no files, as a batch that is still loading.
std::optional<AepJobs::BatchRef> exportBatch(SandboxContext &context, const QString &batchId,
                                             Responder &res, bool *ready)
{
    auto &jobs = context.state<AepJobs>();
    const auto ref = jobs.findBatch(batchId);
    if (!ref) {
        aepProblem(res, 404, u"NotFoundError"_s, u"Batch %1 not found."_s.arg(batchId));
        return std::nullopt;
    }
    if (AepJobs::Clock::now() - ref->job->started >= context.options().jobTtl) {
        aepProblem(res, 410, u"GoneError"_s,
                   u"Batch %1 has expired; export the segment again."_s.arg(batchId));
        return std::nullopt;
    }
    *ready = jobs.phase(*ref->job) == AepJobs::Phase::Succeeded;
    return ref;
}

QJsonObject link(const QString &href)
{
    return {{u"self"_s, QJsonObject{{u"href"_s, href}}}};
}

void listBatchFiles(SandboxContext &context, const Request &req, Responder &res)
{
    if (!requireAepPlatform(context, req, res))
        return;
    bool ready = false;
    const auto ref = exportBatch(context, req.param(u"batchId"_s), res, &ready);
    if (!ref)
        return;
    const auto start = wholeQuery(req, res, u"start"_s, 0, 0, 1'000'000'000);
    const auto limit = start ? wholeQuery(req, res, u"limit"_s, 100, 1, 100) : std::nullopt;
    if (!start || !limit)
        return;
    const ExportLayout &layout = *ref->batch->layout;
    const qint64 total = ready ? layout.fileCount() : 0;
    const qint64 done =
        ref->job->createdAt.toMSecsSinceEpoch() + context.options().jobReadyAfter.count();
    const QString origin = aepOrigin(context, req);
    QJsonArray data;
    for (qint64 file = *start; file < std::min(total, *start + *limit); ++file) {
        const QString id = AepJobs::fileId(ref->batch->id, file);
        data.append(QJsonObject{{u"dataSetFileId"_s, id},
                                {u"dataSetViewId"_s, ref->job->datasetId},
                                {u"version"_s, u"1.0.0"_s},
                                {u"created"_s, QString::number(done)},
                                {u"updated"_s, QString::number(done)},
                                {u"isValid"_s, true},
                                {u"_links"_s, link(origin + DataAccess + u"/files/"_s + id)}});
    }
    QJsonObject body{{u"data"_s, data},
                     {u"_page"_s, QJsonObject{{u"limit"_s, *limit}, {u"count"_s, total}}}};
    if (*start + *limit < total)
        body.insert(
            u"_links"_s,
            QJsonObject{
                {u"next"_s,
                 QJsonObject{
                     {u"href"_s,
                      QString(origin + req.path +
                              u"?start=%1&limit=%2"_s.arg(*start + *limit).arg(*limit))}}}});
    res.sendJson(200, body);
}

struct ByteRange
{
    qint64 first = 0;
    qint64 last = 0; // inclusive
};

// One "bytes=a-b", "bytes=a-" or "bytes=-n" range. nullopt: no usable Range (serve it all);
// a range with first ≥ size: *unsatisfiable.
std::optional<ByteRange> parseRange(const QByteArray &header, qint64 size, bool *unsatisfiable)
{
    *unsatisfiable = false;
    const QByteArray value = header.trimmed();
    if (!value.startsWith("bytes=") || value.contains(','))
        return std::nullopt;
    const QByteArray spec = value.mid(6).trimmed();
    const qsizetype dash = spec.indexOf('-');
    if (dash < 0)
        return std::nullopt;
    bool ok1 = false, ok2 = false;
    const QByteArray a = spec.left(dash).trimmed(), b = spec.mid(dash + 1).trimmed();
    ByteRange range;
    if (a.isEmpty()) { // suffix: the last n bytes
        const qint64 n = b.toLongLong(&ok2);
        if (!ok2 || n <= 0) {
            *unsatisfiable = n == 0 && ok2;
            return std::nullopt;
        }
        if (size == 0) {
            *unsatisfiable = true;
            return std::nullopt;
        }
        range.first = std::max<qint64>(0, size - n);
        range.last = size - 1;
        return range;
    }
    range.first = a.toLongLong(&ok1);
    range.last = b.isEmpty() ? std::numeric_limits<qint64>::max() : b.toLongLong(&ok2);
    if (!ok1 || (!b.isEmpty() && !ok2) || range.first < 0 || range.last < range.first)
        return std::nullopt; // syntactically invalid: ignored, the whole file is sent
    if (range.first >= size) {
        *unsatisfiable = true;
        return std::nullopt;
    }
    range.last = std::min(range.last, size - 1);
    return range;
}

void getFile(SandboxContext &context, const Request &req, Responder &res)
{
    if (!requireAepPlatform(context, req, res))
        return;
    const QString fileId = req.param(u"fileId"_s);
    const auto parsed = AepJobs::parseFileId(fileId);
    const auto notFound = [&] {
        aepProblem(res, 404, u"NotFoundError"_s, u"File %1 not found."_s.arg(fileId));
    };
    if (!parsed) {
        notFound();
        return;
    }
    auto &jobs = context.state<AepJobs>();
    if (!jobs.findBatch(parsed->first)) {
        notFound();
        return;
    }
    bool ready = false;
    const auto ref = exportBatch(context, parsed->first, res, &ready);
    if (!ref)
        return;
    const qint64 file = parsed->second;
    if (!ready || file >= ref->batch->layout->fileCount()) {
        notFound();
        return;
    }
    const QString name = AepJobs::fileName(file);
    const QString path = req.queryValue(u"path"_s);
    if (path.isEmpty()) {
        const FileIndex &index = jobs.fileIndex(*ref->batch, file);
        const QString href = aepOrigin(context, req) + DataAccess + u"/files/"_s + fileId +
                             u"?path="_s + QString::fromLatin1(QUrl::toPercentEncoding(name));
        res.sendJson(
            200, QJsonObject{
                     {u"data"_s, QJsonArray{QJsonObject{{u"name"_s, name},
                                                        {u"length"_s, QString::number(index.bytes)},
                                                        {u"_links"_s, link(href)}}}},
                     {u"_page"_s, QJsonObject{{u"limit"_s, 100}, {u"count"_s, 1}}}});
        return;
    }
    if (path != name) {
        aepProblem(res, 404, u"NotFoundError"_s,
                   u"File %1 has no \"%2\"; it holds \"%3\"."_s.arg(fileId, path, name));
        return;
    }

    const auto layout = ref->batch->layout;
    const auto [begin, end] = layout->fileCandidates(file);
    const HeaderList common{
        {"Accept-Ranges"_ba, "bytes"_ba},
        {"Content-Disposition"_ba, "attachment; filename=\"" + name.toLatin1() + '"'}};
    const QByteArray rangeHeader = req.header("Range");
    if (!rangeHeader.isEmpty()) {
        const FileIndex &index = jobs.fileIndex(*ref->batch, file);
        bool unsatisfiable = false;
        if (const auto range = parseRange(rangeHeader, index.bytes, &unsatisfiable)) {
            const auto [candidate, position] = index.seek(range->first);
            HeaderList headers = common;
            headers.append({"Content-Range"_ba, "bytes " + QByteArray::number(range->first) + '-' +
                                                    QByteArray::number(range->last) + '/' +
                                                    QByteArray::number(index.bytes)});
            res.stream(206, "application/octet-stream"_ba,
                       std::make_unique<ProfileLinesSource>(layout, candidate, end, position,
                                                            range->first, range->last + 1),
                       headers, Responder::Compression::Never);
            return;
        }
        if (unsatisfiable) {
            res.send(416, "application/json"_ba,
                     QJsonDocument(
                         QJsonObject{{u"type"_s, u"/placeholder/type/uri"_s},
                                     {u"status"_s, 416},
                                     {u"title"_s, u"RangeNotSatisfiable"_s},
                                     {u"detail"_s, u"The file has %1 bytes."_s.arg(index.bytes)}})
                         .toJson(QJsonDocument::Compact),
                     {{"Content-Range"_ba, "bytes */" + QByteArray::number(index.bytes)}});
            return;
        }
    }
    res.stream(200, "application/octet-stream"_ba,
               std::make_unique<ProfileLinesSource>(layout, begin, end, 0, 0, -1), common);
}

} // namespace

void registerAepRoutes(Router &router, SandboxContext &context)
{
    const auto bind = [&context](Router::ContextHandler handler) {
        return Router::bind(context, handler);
    };
    router.post(AepImsRoot + u"/token/v3"_s, bind(imsToken));
    router.get(Ups + u"/segment/definitions"_s, bind(listSegments));
    router.get(Ups + u"/segment/definitions/{id}"_s, bind(getSegment));
    router.post(Ups + u"/export/jobs"_s, bind(createJob));
    router.get(Ups + u"/export/jobs"_s, bind(listJobs));
    router.get(Ups + u"/export/jobs/{id}"_s, bind(getJob));
    router.del(Ups + u"/export/jobs/{id}"_s, bind(cancelJob));
    router.get(DataAccess + u"/batches/{batchId}/files"_s, bind(listBatchFiles));
    router.get(DataAccess + u"/files/{fileId}"_s, bind(getFile));
    registerAepIngestRoutes(router, context);
}

} // namespace courier::sandbox
