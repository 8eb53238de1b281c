// Adobe Experience Platform batch ingestion — the destination side: a connector creates a
// batch for a dataset, uploads files into it (one PUT each, or INITIALIZE / PATCH chunks /
// COMPLETE for big ones) and completes it; the Catalog reports the batch's status. Everything
// uploaded is recorded (bytes, records, invalid records) for tests at /sandbox/aep/batches.
#include "sandbox/http/Responder.h"
#include "sandbox/http/Router.h"
#include "sandbox/protocols/aep/AepHttp.h"
#include "sandbox/protocols/aep/AepIngest.h"
#include "sandbox/SandboxContext.h"

#include <QJsonArray>
#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace courier::sandbox {

namespace {

const QString Foundation = AepPlatformRoot + u"/data/foundation"_s;

std::optional<QJsonObject> jsonObject(const Request &req, Responder &res)
{
    if (!requireAepJsonBody(req, res))
        return std::nullopt;
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(req.body, &error);
    if (error.error != QJsonParseError::NoError || !document.isObject()) {
        aepProblem(res, 400, u"BadRequestError"_s, u"The body must be a JSON object."_s);
        return std::nullopt;
    }
    return document.object();
}

void createDataset(SandboxContext &context, const Request &req, Responder &res)
{
    if (!requireAepPlatform(context, req, res))
        return;
    const auto body = jsonObject(req, res);
    if (!body)
        return;
    const QString name = body->value(u"name"_s).toString();
    if (name.isEmpty()) {
        aepProblem(res, 400, u"BadRequestError"_s, u"\"name\" is required."_s);
        return;
    }
    const QString id = context.state<AepIngest>().createDataset(name);
    res.sendJsonArray(201, QJsonArray{QString(u"@/dataSets/"_s + id)});
}

void getCatalogBatch(SandboxContext &context, const Request &req, Responder &res)
{
    if (!requireAepPlatform(context, req, res))
        return;
    auto &ingest = context.state<AepIngest>();
    const AepIngest::Batch *batch = ingest.find(req.param(u"batchId"_s));
    if (!batch) {
        aepProblem(res, 404, u"NotFoundError"_s,
                   u"Batch %1 not found."_s.arg(req.param(u"batchId"_s)));
        return;
    }
    res.sendJson(200, QJsonObject{{batch->id, ingest.catalogJson(*batch)}});
}

void createBatch(SandboxContext &context, const Request &req, Responder &res)
{
    if (!requireAepPlatform(context, req, res))
        return;
    const auto body = jsonObject(req, res);
    if (!body)
        return;
    const QString datasetId = body->value(u"datasetId"_s).toString();
    const QJsonObject inputFormat = body->value(u"inputFormat"_s).toObject();
    const QString format = inputFormat.value(u"format"_s).toString();
    if (datasetId.isEmpty() || format.isEmpty()) {
        aepProblem(res, 400, u"BadRequestError"_s,
                   u"\"datasetId\" and \"inputFormat.format\" are required."_s);
        return;
    }
    auto &ingest = context.state<AepIngest>();
    const AepIngest::Batch &batch =
        ingest.create(datasetId, format, inputFormat.value(u"isMultiLineJson"_s).toBool(false),
                      context.options().aep.clientId + u"@AdobeID"_s);
    res.sendJson(201, ingest.catalogJson(batch));
}

// The loading batch named in the path whose dataset matches, or nullptr with the error sent.
AepIngest::Batch *loadingBatch(SandboxContext &context, const Request &req, Responder &res)
{
    auto &ingest = context.state<AepIngest>();
    AepIngest::Batch *batch = ingest.find(req.param(u"batchId"_s));
    if (!batch) {
        aepProblem(res, 404, u"NotFoundError"_s,
                   u"Batch %1 not found."_s.arg(req.param(u"batchId"_s)));
        return nullptr;
    }
    if (ingest.status(*batch) != "loading"_L1) {
        aepProblem(res, 400, u"BadRequestError"_s,
                   u"Batch %1 is %2, not loading: no more files can be added."_s.arg(
                       batch->id, ingest.status(*batch)));
        return nullptr;
    }
    if (req.params.contains(u"datasetId"_s) && req.param(u"datasetId"_s) != batch->datasetId) {
        aepProblem(res, 400, u"BadRequestError"_s,
                   u"Batch %1 belongs to dataset %2, not %3."_s.arg(batch->id, batch->datasetId,
                                                                    req.param(u"datasetId"_s)));
        return nullptr;
    }
    return batch;
}

bool roomForFile(SandboxContext &context, const AepIngest::Batch &batch, const QString &name,
                 Responder &res)
{
    if (batch.files.count(name) == 0 &&
        qsizetype(batch.files.size()) >= context.options().aep.maxFilesPerBatch) {
        aepProblem(
            res, 400, u"BadRequestError"_s,
            u"A batch holds at most %1 files."_s.arg(context.options().aep.maxFilesPerBatch));
        return false;
    }
    return true;
}

void putFile(SandboxContext &context, const Request &req, Responder &res)
{
    if (!requireAepPlatform(context, req, res))
        return;
    AepIngest::Batch *batch = loadingBatch(context, req, res);
    if (!batch)
        return;
    const QString name = req.param(u"name"_s);
    if (req.body.size() > context.options().aep.maxFileBytes) {
        aepProblem(
            res, 413, u"PayloadTooLargeError"_s,
            u"A file uploaded in one request may hold at most %1 bytes; use "
            "?action=INITIALIZE and PATCH chunks."_s.arg(context.options().aep.maxFileBytes));
        return;
    }
    if (!roomForFile(context, *batch, name, res))
        return;
    AepIngest::File file;
    file.name = name;
    file.bytes = req.body.size();
    file.contentType = req.header("Content-Type");
    file.uploads = 1;
    file.counter = RowCounter(batch->format, batch->multiLineJson);
    file.counter.feed(req.body);
    file.counter.finish();
    file.complete = true;
    batch->files[name] = std::move(file);
    res.sendEmpty(200);
}

void patchFile(SandboxContext &context, const Request &req, Responder &res)
{
    if (!requireAepPlatform(context, req, res))
        return;
    AepIngest::Batch *batch = loadingBatch(context, req, res);
    if (!batch)
        return;
    const QString name = req.param(u"name"_s);
    const auto it = batch->files.find(name);
    if (it == batch->files.end() || !it->second.chunked || it->second.complete) {
        aepProblem(
            res, 400, u"BadRequestError"_s,
            u"File %1 was not initialized (POST …?action=INITIALIZE), or is complete."_s.arg(name));
        return;
    }
    AepIngest::File &file = it->second;
    // [U] Content-Range of a chunk: when given, it must continue where the last one ended.
    const QByteArray range = req.header("Content-Range").trimmed();
    if (!range.isEmpty()) {
        const QByteArray spec = range.startsWith("bytes ") ? range.mid(6) : range;
        bool ok = false;
        const qint64 first = spec.left(spec.indexOf('-')).toLongLong(&ok);
        if (!ok || first != file.bytes) {
            aepProblem(res, 400, u"BadRequestError"_s,
                       u"Chunk out of order: Content-Range starts at %1, the file has %2 bytes."_s
                           .arg(QString::fromLatin1(spec))
                           .arg(file.bytes));
            return;
        }
    }
    file.counter.feed(req.body);
    file.bytes += req.body.size();
    ++file.uploads;
    res.sendEmpty(200);
}

void fileAction(SandboxContext &context, const Request &req, Responder &res)
{
    if (!requireAepPlatform(context, req, res))
        return;
    AepIngest::Batch *batch = loadingBatch(context, req, res);
    if (!batch)
        return;
    const QString name = req.param(u"name"_s);
    const QString action = req.queryValue(u"action"_s).toUpper();
    if (action == "INITIALIZE"_L1) {
        if (!roomForFile(context, *batch, name, res))
            return;
        AepIngest::File file;
        file.name = name;
        file.chunked = true;
        file.contentType = req.header("Content-Type");
        file.counter = RowCounter(batch->format, batch->multiLineJson);
        batch->files[name] = std::move(file);
        res.sendEmpty(201);
        return;
    }
    if (action == "COMPLETE"_L1) {
        const auto it = batch->files.find(name);
        if (it == batch->files.end() || !it->second.chunked) {
            aepProblem(res, 400, u"BadRequestError"_s, u"File %1 was not initialized."_s.arg(name));
            return;
        }
        if (!it->second.complete) {
            it->second.counter.finish();
            it->second.complete = true;
        }
        res.sendEmpty(200);
        return;
    }
    aepProblem(res, 400, u"BadRequestError"_s,
               u"action must be INITIALIZE or COMPLETE for a file."_s);
}

void batchAction(SandboxContext &context, const Request &req, Responder &res)
{
    if (!requireAepPlatform(context, req, res))
        return;
    const QString action = req.queryValue(u"action"_s).toUpper();
    if (action != "COMPLETE"_L1 && action != "ABORT"_L1) {
        aepProblem(res, 400, u"BadRequestError"_s, u"action must be COMPLETE or ABORT."_s);
        return;
    }
    AepIngest::Batch *batch = loadingBatch(context, req, res);
    if (!batch)
        return;
    if (action == "ABORT"_L1) {
        batch->aborted = true;
        batch->completedAt = QDateTime::currentDateTimeUtc();
        res.sendEmpty(200);
        return;
    }
    for (const auto &[name, file] : batch->files) {
        if (!file.complete) {
            aepProblem(res, 400, u"BadRequestError"_s,
                       u"File %1 is not complete (POST …/files/%1?action=COMPLETE)."_s.arg(name));
            return;
        }
    }
    batch->failJob = res.faults().take(FaultKind::FailJobs).has_value();
    batch->completedAt = QDateTime::currentDateTimeUtc();
    batch->completedClock = AepIngest::Clock::now();
    res.sendEmpty(200);
}

} // namespace

void registerAepIngestRoutes(Router &router, SandboxContext &context)
{
    const auto bind = [&context](Router::ContextHandler handler) {
        return Router::bind(context, handler);
    };
    const QString file =
        Foundation + u"/import/batches/{batchId}/datasets/{datasetId}/files/{name}"_s;
    router.post(Foundation + u"/catalog/dataSets"_s, bind(createDataset));
    router.get(Foundation + u"/catalog/batches/{batchId}"_s, bind(getCatalogBatch));
    router.post(Foundation + u"/import/batches"_s, bind(createBatch));
    router.post(Foundation + u"/import/batches/{batchId}"_s, bind(batchAction));
    router.put(file, bind(putFile));
    router.add(Request::Method::Patch, file, bind(patchFile));
    router.post(file, bind(fileAction));

    constexpr auto Exempt = Router::Faults::Exempt;
    router.get(
        u"/sandbox/aep/batches"_s,
        [&context](const Request &, Responder &res) {
            auto &ingest = context.state<AepIngest>();
            QJsonArray batches;
            for (const AepIngest::Batch *batch : ingest.all())
                batches.append(ingest.inspectJson(*batch));
            res.sendJson(200, QJsonObject{{u"batches"_s, batches}});
        },
        Exempt);
    router.get(
        u"/sandbox/aep/batches/{batchId}"_s,
        [&context](const Request &req, Responder &res) {
            auto &ingest = context.state<AepIngest>();
            const AepIngest::Batch *batch = ingest.find(req.param(u"batchId"_s));
            if (!batch) {
                res.sendError(404, u"No ingestion batch %1."_s.arg(req.param(u"batchId"_s)));
                return;
            }
            res.sendJson(200, ingest.inspectJson(*batch));
        },
        Exempt);
}

} // namespace courier::sandbox
