// The sandbox's own routes, for tests, scripts and people: health, the live fault
// configuration, reset and the request log. Exempt from fault injection, and without
// credentials (the server only listens on 127.0.0.1).
#include "sandbox/http/Json.h"
#include "sandbox/http/Responder.h"
#include "sandbox/http/Router.h"
#include "sandbox/protocols/Protocols.h"
#include "sandbox/SandboxContext.h"

using namespace Qt::StringLiterals;

namespace courier::sandbox {

void registerControlRoutes(Router &router, SandboxContext &context)
{
    constexpr auto Exempt = Router::Faults::Exempt;

    router.get(
        u"/sandbox/health"_s,
        [](const Request &, Responder &res) {
            res.sendJson(200, {{u"status"_s, u"ok"_s}});
        },
        Exempt);

    router.get(
        u"/sandbox/faults"_s,
        [&context](const Request &, Responder &res) {
            res.sendJson(200, context.faults().toJson());
        },
        Exempt);

    router.put(
        u"/sandbox/faults"_s,
        [&context](const Request &req, Responder &res) {
            const auto json = jsonBodyOrReject(req, res, true);
            if (!json)
                return;
            QString error;
            if (!context.faults().setFromJson(*json, &error)) {
                res.sendError(400, error);
                return;
            }
            res.sendJson(200, context.faults().toJson());
        },
        Exempt);

    router.post(
        u"/sandbox/reset"_s,
        [&context](const Request &, Responder &res) {
            context.reset();
            res.sendJson(200, {{u"status"_s, u"reset"_s}});
        },
        Exempt);

    // ?last=N (default 200) most recent requests, oldest first.
    router.get(
        u"/sandbox/requests"_s,
        [&context](const Request &req, Responder &res) {
            bool ok = false;
            const qsizetype last = req.queryValue(u"last"_s).toLongLong(&ok);
            res.sendJson(200, QJsonObject{{u"requests"_s, context.requestLog().toJson(
                                                              ok && last > 0 ? last : 200)}});
        },
        Exempt);
}

} // namespace courier::sandbox
