#pragma once

#include "sandbox/http/Responder.h"

#include <optional>
#include <QString>

namespace courier::sandbox {

class SandboxContext;

// Google's JSON error: {"error":{"code":400,"message":"…","status":"INVALID_ARGUMENT"}}.
void sendGoogleError(Responder &res, int code, const QString &status, const QString &message,
                     const HeaderList &headers = {});

// The scopes the token endpoint grants for, space-delimited as in the JWT's "scope" claim.
namespace ga4scope {
inline constexpr QStringView AnalyticsReadonly =
    u"https://www.googleapis.com/auth/analytics.readonly";
inline constexpr QStringView Analytics = u"https://www.googleapis.com/auth/analytics";
inline constexpr QStringView AnalyticsEdit = u"https://www.googleapis.com/auth/analytics.edit";
} // namespace ga4scope

// Which API a request calls: the scopes each accepts differ.
enum class Ga4Api { Data, Admin };

// The TokenIssuer subject of a GA4 access token: "ga4|<scopes>|<principal>".
QString ga4TokenSubject(const QString &scopes, const QString &principal);

// Answers 401 UNAUTHENTICATED (missing, unknown, expired or other protocols' token) or 403
// PERMISSION_DENIED (a token without a scope this API accepts) and returns false, unless the
// request carries a GA4 access token good for `api`.
bool authorizeGa4(SandboxContext &context, const Request &req, Responder &res, Ga4Api api);

// Opaque page tokens of the list methods: the offset of the next page, bound to the collection
// ("audiences of properties/1234567") so a token cannot be replayed against another one.
QString ga4PageToken(const QString &collection, qint64 offset);
// The offset a token stands for; nullopt when it is not one of this collection's tokens.
std::optional<qint64> ga4PageOffset(const QString &collection, const QString &token);

// pageSize of a list call: `fallback` when absent or 0, coerced down to `max`; nullopt (400
// INVALID_ARGUMENT sent) when negative or not a number.
std::optional<qint64> ga4PageSize(const Request &req, Responder &res, qint64 fallback, qint64 max);

} // namespace courier::sandbox
