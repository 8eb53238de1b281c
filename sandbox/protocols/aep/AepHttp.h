#pragma once

#include "sandbox/http/Responder.h"

#include <QString>

namespace courier::sandbox {

class Router;
class SandboxContext;

// Where Platform (https://platform.adobe.io) and IMS live inside the sandbox.
inline constexpr QLatin1StringView AepPlatformRoot{"/aep/platform"};
inline constexpr QLatin1StringView AepImsRoot{"/aep/ims"};

// The Adobe I/O gateway's error shape: {"error_code":"403010","message":"…"}.
void aepGatewayError(Responder &res, int status, const char *code, const QString &message);
// The Platform services' error shape: {"type","status","title","detail"}.
void aepProblem(Responder &res, int status, const QString &title, const QString &detail);

// The headers every Platform call needs — Authorization (a token IMS issued to the
// configured client), x-api-key, x-gw-ims-org-id, x-sandbox-name — checked in the gateway's
// order. Answers with the gateway's error and returns false when one is missing or wrong.
bool requireAepPlatform(SandboxContext &context, const Request &req, Responder &res);
// POST/PUT/PATCH bodies of the JSON endpoints must say so: 400 otherwise, as Platform does.
bool requireAepJsonBody(const Request &req, Responder &res);
// http://host:port the client used, for absolute links.
QString aepOrigin(SandboxContext &context, const Request &req);

void registerAepIngestRoutes(Router &router, SandboxContext &context);

} // namespace courier::sandbox
