// The emulated Google Analytics Data API v1beta audienceExports (create → long-running
// Operation, get, list, query) under /ga4/analyticsdata. Every call needs a token from
// /ga4/token with an analytics scope and counts against its property's concurrent-requests
// quota; errors use Google's JSON error shape.
#include "sandbox/http/Json.h"
#include "sandbox/http/Responder.h"
#include "sandbox/http/Router.h"
#include "sandbox/protocols/ga4/Ga4Catalogue.h"
#include "sandbox/protocols/ga4/Ga4Common.h"
#include "sandbox/protocols/ga4/Ga4Exports.h"
#include "sandbox/protocols/ga4/Ga4QuerySource.h"
#include "sandbox/protocols/ga4/Ga4Routes.h"
#include "sandbox/SandboxContext.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace courier::sandbox {

namespace {

constexpr qint64 DefaultListPageSize = 200;
constexpr qint64 MaxListPageSize = 1000;
constexpr qint64 DefaultQueryLimit = 10'000;
constexpr qint64 MaxQueryLimit = 250'000;

void invalidArgument(Responder &res, const QString &message)
{
    sendGoogleError(res, 400, u"INVALID_ARGUMENT"_s, message);
}

void notFound(Responder &res, const QString &message = u"Requested entity was not found."_s)
{
    sendGoogleError(res, 404, u"NOT_FOUND"_s, message);
}

// The checks every Data API call starts with: token, property id, concurrency quota.
std::optional<Ga4Exports::InFlight> admit(SandboxContext &context, const Request &req,
                                          Responder &res)
{
    if (!authorizeGa4(context, req, res, Ga4Api::Data))
        return std::nullopt;
    const QString property = req.param(u"property"_s);
    if (!Ga4Catalogue::isPropertyId(property)) {
        invalidArgument(res, u"Invalid resource name: properties/%1 (a numeric property id is "
                             "expected)."_s.arg(property));
        return std::nullopt;
    }
    auto inFlight = context.state<Ga4Exports>().enter(property);
    if (!inFlight)
        sendGoogleError(res, 429, u"RESOURCE_EXHAUSTED"_s,
                        u"Exhausted concurrent requests quota."_s);
    return inFlight;
}

// Google's JSON parser refuses names it does not know: a typo fails loudly.
bool onlyKnownFields(Responder &res, const QJsonObject &object, const QStringList &known,
                     const QString &where = {})
{
    for (auto it = object.begin(); it != object.end(); ++it) {
        if (!known.contains(it.key())) {
            invalidArgument(res, u"Invalid JSON payload received. Unknown name \"%1\"%2: Cannot "
                                 "find field."_s.arg(it.key(), where));
            return false;
        }
    }
    return true;
}

// Google's body parse, with its error wording.
std::optional<QJsonObject> googleJsonBody(const Request &req, Responder &res)
{
    if (req.body.trimmed().isEmpty())
        return QJsonObject{};
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(req.body, &error);
    if (error.error != QJsonParseError::NoError || !document.isObject()) {
        invalidArgument(res, u"Invalid JSON payload received. %1 at offset %2."_s
                                 .arg(error.error != QJsonParseError::NoError
                                          ? error.errorString()
                                          : u"Expected a JSON object"_s)
                                 .arg(error.offset));
        return std::nullopt;
    }
    return document.object();
}

// An int64 field: a JSON string of digits (proto3 JSON) or, as Google also takes, a number.
std::optional<qint64> int64Field(Responder &res, const QJsonObject &body, const QString &name)
{
    const QJsonValue value = body.value(name);
    if (value.isUndefined() || value.isNull())
        return 0;
    bool ok = false;
    qint64 result = 0;
    if (value.isString()) {
        result = value.toString().trimmed().toLongLong(&ok);
    } else if (value.isDouble()) {
        const double d = value.toDouble();
        ok = d == std::floor(d) && std::abs(d) < 9.0e15;
        result = qint64(d);
    }
    if (!ok) {
        invalidArgument(res, u"Invalid value at '%1' (TYPE_INT64), %2"_s.arg(
                                 name, QString::fromUtf8(QJsonDocument(QJsonArray{value})
                                                             .toJson(QJsonDocument::Compact)
                                                             .mid(1)
                                                             .chopped(1))));
        return std::nullopt;
    }
    return result;
}

void createExport(SandboxContext &context, const Request &req, Responder &res)
{
    const auto inFlight = admit(context, req, res);
    if (!inFlight)
        return;
    const QString property = req.param(u"property"_s);
    const auto body = googleJsonBody(req, res);
    if (!body)
        return;
    // Output-only fields are accepted and ignored, as Google does.
    if (!onlyKnownFields(res, *body,
                         {u"name"_s, u"audience"_s, u"audienceDisplayName"_s, u"dimensions"_s,
                          u"creationQuotaTokensCharged"_s, u"state"_s, u"beginCreatingTime"_s,
                          u"rowCount"_s, u"errorMessage"_s, u"percentageCompleted"_s}))
        return;

    const QString audienceName = body->value(u"audience"_s).toString();
    static const QRegularExpression pattern(u"^properties/([^/]+)/audiences/([^/]+)$"_s);
    const auto match = pattern.match(audienceName);
    if (audienceName.isEmpty()) {
        invalidArgument(res, u"audience is required, as properties/{property}/audiences/"
                             "{audience}."_s);
        return;
    }
    if (!match.hasMatch()) {
        invalidArgument(res, u"Invalid audience \"%1\": expected properties/{property}/"
                             "audiences/{audience}."_s.arg(audienceName));
        return;
    }
    if (match.captured(1) != property) {
        invalidArgument(res, u"The audience %1 does not belong to properties/%2."_s.arg(
                                 audienceName, property));
        return;
    }
    const auto audience = Ga4Catalogue::find(property, match.captured(2));
    if (!audience) {
        if (!Ga4Catalogue::isKnownProperty(property)) {
            sendGoogleError(res, 403, u"PERMISSION_DENIED"_s,
                            u"User does not have sufficient permissions for this property "
                            "(the sandbox knows %1; synthetic-<N> audiences work under any "
                            "property)."_s.arg(Ga4Catalogue::knownProperties().join(u", "_s)));
        } else {
            invalidArgument(res, u"Audience %1 was not found."_s.arg(audienceName));
        }
        return;
    }

    const QJsonValue dimensionsValue = body->value(u"dimensions"_s);
    if (!dimensionsValue.isArray() || dimensionsValue.toArray().isEmpty()) {
        invalidArgument(res, u"dimensions is required: at least one of %1."_s.arg(
                                 ga4DimensionNames().join(u", "_s)));
        return;
    }
    QList<Ga4Dimension> dimensions;
    const QJsonArray requested = dimensionsValue.toArray();
    for (const QJsonValue &entry : requested) {
        const QJsonObject object = entry.toObject();
        if (!entry.isObject() ||
            !onlyKnownFields(res, object, {u"dimensionName"_s}, u" at 'dimensions[]'"_s)) {
            if (!res.isAnswered())
                invalidArgument(res, u"Each dimension is an object {\"dimensionName\": …}."_s);
            return;
        }
        const QString name = object.value(u"dimensionName"_s).toString();
        const auto dimension = ga4DimensionFromName(name);
        if (!dimension) {
            invalidArgument(res, u"Dimension \"%1\" is not valid for audience exports; the "
                                 "audience export schema has %2."_s.arg(
                                     name, ga4DimensionNames().join(u", "_s)));
            return;
        }
        if (dimensions.contains(*dimension)) {
            invalidArgument(res, u"Dimension \"%1\" is requested twice."_s.arg(name));
            return;
        }
        dimensions.append(*dimension);
    }

    const bool fails = res.faults().take(FaultKind::FailJobs).has_value();
    auto &exports = context.state<Ga4Exports>();
    const Ga4Exports::Export &created = exports.create(*audience, dimensions, fails);
    res.sendJson(200, exports.operationJson(created));
}

void listExports(SandboxContext &context, const Request &req, Responder &res)
{
    const auto inFlight = admit(context, req, res);
    if (!inFlight)
        return;
    const QString property = req.param(u"property"_s);
    const auto pageSize = ga4PageSize(req, res, DefaultListPageSize, MaxListPageSize);
    if (!pageSize)
        return;
    const QString collection = u"audienceExports of properties/%1"_s.arg(property);
    qint64 offset = 0;
    if (const QString token = req.queryValue(u"pageToken"_s); !token.isEmpty()) {
        const auto decoded = ga4PageOffset(collection, token);
        if (!decoded) {
            invalidArgument(res, u"Invalid page token."_s);
            return;
        }
        offset = *decoded;
    }
    auto &exports = context.state<Ga4Exports>();
    const QList<const Ga4Exports::Export *> all = exports.list(property);
    QJsonArray page;
    for (qint64 i = offset; i < std::min<qint64>(all.size(), offset + *pageSize); ++i)
        page.append(exports.toJson(*all.at(i)));
    QJsonObject json;
    if (!page.isEmpty())
        json.insert(u"audienceExports"_s, page);
    if (offset + *pageSize < all.size())
        json.insert(u"nextPageToken"_s, ga4PageToken(collection, offset + *pageSize));
    res.sendJson(200, json);
}

// The export of the path, or null with 404 sent (unknown, another property's, or expired).
const Ga4Exports::Export *liveExport(SandboxContext &context, const QString &property,
                                     const QString &id, Responder &res)
{
    auto &exports = context.state<Ga4Exports>();
    const Ga4Exports::Export *e = exports.find(property, id);
    if (!e) {
        notFound(res);
        return nullptr;
    }
    if (exports.phase(*e) == Ga4Exports::Phase::Expired) {
        using namespace std::chrono;
        notFound(res, u"Requested entity was not found. (Audience exports expire %1 hours after "
                      "creation; create a new one.)"_s.arg(
                          duration_cast<hours>(context.options().ga4.exportTtl).count()));
        return nullptr;
    }
    return e;
}

void getExport(SandboxContext &context, const Request &req, Responder &res)
{
    const auto inFlight = admit(context, req, res);
    if (!inFlight)
        return;
    const QString id = req.param(u"export"_s);
    if (id.contains(u':')) { // a custom method (":query") is POST only
        notFound(res);
        return;
    }
    if (const auto *e = liveExport(context, req.param(u"property"_s), id, res))
        res.sendJson(200, context.state<Ga4Exports>().toJson(*e));
}

void queryExport(SandboxContext &context, const Request &req, Responder &res)
{
    auto inFlight = admit(context, req, res);
    if (!inFlight)
        return;
    const QString segment = req.param(u"export"_s);
    if (!segment.endsWith(u":query"_s)) {
        notFound(res);
        return;
    }
    const QString id = segment.chopped(6);
    const Ga4Exports::Export *e = liveExport(context, req.param(u"property"_s), id, res);
    if (!e)
        return;
    auto &exports = context.state<Ga4Exports>();
    switch (exports.phase(*e)) {
    case Ga4Exports::Phase::Creating:
        sendGoogleError(
            res, 400, u"FAILED_PRECONDITION"_s,
            u"Audience export %1 is not ready to be queried: its state is CREATING "
            "(%2% complete). Poll audienceExports.get until the state is ACTIVE."_s.arg(e->name())
                .arg(exports.percentageCompleted(*e)));
        return;
    case Ga4Exports::Phase::Failed:
        sendGoogleError(res, 400, u"FAILED_PRECONDITION"_s,
                        u"Audience export %1 is in state FAILED and cannot be queried; create a "
                        "new audience export."_s.arg(e->name()));
        return;
    case Ga4Exports::Phase::Active:
    case Ga4Exports::Phase::Expired:
        break;
    }
    const auto body = googleJsonBody(req, res);
    if (!body)
        return;
    if (!onlyKnownFields(res, *body, {u"name"_s, u"offset"_s, u"limit"_s}))
        return;
    const auto offset = int64Field(res, *body, u"offset"_s);
    if (!offset)
        return;
    auto limit = int64Field(res, *body, u"limit"_s);
    if (!limit)
        return;
    if (*offset < 0) {
        invalidArgument(res, u"offset must be non-negative; it is %1."_s.arg(*offset));
        return;
    }
    if (*limit < 0 || *limit > MaxQueryLimit) {
        invalidArgument(
            res,
            u"limit must be positive and at most %1; it is %2."_s.arg(MaxQueryLimit).arg(*limit));
        return;
    }
    if (*limit == 0) // unset (proto3 cannot tell 0 from absent)
        limit = DefaultQueryLimit;
    if (const qint64 cap = context.options().ga4.maxRowsPerQuery; cap > 0)
        limit = std::min(*limit, cap);

    const qint64 rowCount = e->audience.size;
    const qint64 begin = std::min(*offset, rowCount);
    const qint64 end = std::min(rowCount, begin + *limit);
    const QByteArray exportJson = QJsonDocument(exports.toJson(*e)).toJson(QJsonDocument::Compact);
    res.stream(200, "application/json; charset=UTF-8"_ba,
               std::make_unique<Ga4QuerySource>(e->audience.audience(), e->dimensions, exportJson,
                                                begin, end, rowCount, std::move(*inFlight)));
}

} // namespace

void registerGa4DataRoutes(Router &router, SandboxContext &context)
{
    const auto bind = [&context](Router::ContextHandler handler) {
        return Router::bind(context, handler);
    };
    const QString exports = u"/ga4/analyticsdata/v1beta/properties/{property}/audienceExports"_s;
    router.post(exports, bind(createExport));
    router.get(exports, bind(listExports));
    router.get(exports + u"/{export}"_s, bind(getExport));
    // "{id}:query": a capture is a whole segment, so the custom method is told apart here.
    router.post(exports + u"/{export}"_s, bind(queryExport));
}

} // namespace courier::sandbox
