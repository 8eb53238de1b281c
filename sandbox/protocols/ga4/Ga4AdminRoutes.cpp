// The emulated Google Analytics Admin API v1alpha, only what the GA4 source connector needs:
// properties.audiences.list under /ga4/analyticsadmin.
#include "sandbox/http/Responder.h"
#include "sandbox/http/Router.h"
#include "sandbox/protocols/ga4/Ga4Catalogue.h"
#include "sandbox/protocols/ga4/Ga4Common.h"
#include "sandbox/protocols/ga4/Ga4Exports.h"
#include "sandbox/protocols/ga4/Ga4Routes.h"
#include "sandbox/protocols/Protocols.h"
#include "sandbox/SandboxContext.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace courier::sandbox {

namespace {

constexpr qint64 DefaultPageSize = 50;
constexpr qint64 MaxPageSize = 200;

void listAudiences(SandboxContext &context, const Request &req, Responder &res)
{
    if (!authorizeGa4(context, req, res, Ga4Api::Admin))
        return;
    const QString property = req.param(u"property"_s);
    if (!Ga4Catalogue::isPropertyId(property)) {
        sendGoogleError(res, 400, u"INVALID_ARGUMENT"_s,
                        u"Invalid resource name: properties/%1 (a numeric property id is "
                        "expected)."_s.arg(property));
        return;
    }
    const auto inFlight = context.state<Ga4Exports>().enter(property);
    if (!inFlight) {
        sendGoogleError(res, 429, u"RESOURCE_EXHAUSTED"_s,
                        u"Exhausted concurrent requests quota."_s);
        return;
    }
    if (!Ga4Catalogue::isKnownProperty(property)) {
        sendGoogleError(
            res, 403, u"PERMISSION_DENIED"_s,
            u"User does not have sufficient permissions for this property. The "
            "sandbox knows properties %1."_s.arg(Ga4Catalogue::knownProperties().join(u", "_s)));
        return;
    }
    const auto pageSize = ga4PageSize(req, res, DefaultPageSize, MaxPageSize);
    if (!pageSize)
        return;
    const QString collection = u"audiences of properties/%1"_s.arg(property);
    qint64 offset = 0;
    if (const QString token = req.queryValue(u"pageToken"_s); !token.isEmpty()) {
        const auto decoded = ga4PageOffset(collection, token);
        if (!decoded) {
            sendGoogleError(res, 400, u"INVALID_ARGUMENT"_s, u"Invalid page token."_s);
            return;
        }
        offset = *decoded;
    }
    const QList<Ga4Catalogue::Audience> all = Ga4Catalogue::listed(property);
    QJsonArray audiences;
    for (qint64 i = offset; i < std::min<qint64>(all.size(), offset + *pageSize); ++i)
        audiences.append(all.at(i).toJson());
    // proto3 JSON: an empty list and the last page's token are left out.
    QJsonObject json;
    if (!audiences.isEmpty())
        json.insert(u"audiences"_s, audiences);
    if (offset + *pageSize < all.size())
        json.insert(u"nextPageToken"_s, ga4PageToken(collection, offset + *pageSize));
    res.sendJson(200, json);
}

} // namespace

void registerGa4AdminRoutes(Router &router, SandboxContext &context)
{
    router.get(
        u"/ga4/analyticsadmin/v1alpha/properties/{property}/audiences"_s,
        [&context](const Request &req, Responder &res) { listAudiences(context, req, res); });
}

void registerGa4Routes(Router &router, SandboxContext &context)
{
    registerGa4TokenRoutes(router, context);
    registerGa4AdminRoutes(router, context);
    registerGa4DataRoutes(router, context);
}

} // namespace courier::sandbox
