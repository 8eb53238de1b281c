#include "sandbox/protocols/aep/AepHttp.h"

#include "sandbox/auth/BearerAuth.h"
#include "sandbox/SandboxContext.h"

using namespace Qt::StringLiterals;

namespace courier::sandbox {

void aepGatewayError(Responder &res, int status, const char *code, const QString &message)
{
    res.sendJson(
        status, QJsonObject{{u"error_code"_s, QString::fromLatin1(code)}, {u"message"_s, message}});
}

void aepProblem(Responder &res, int status, const QString &title, const QString &detail)
{
    res.sendJson(status, QJsonObject{{u"type"_s, u"/placeholder/type/uri"_s},
                                     {u"status"_s, status},
                                     {u"title"_s, title},
                                     {u"detail"_s, detail}});
}

bool requireAepPlatform(SandboxContext &context, const Request &req, Responder &res)
{
    const AepOptions &options = context.options().aep;
    const QByteArray token = bearerToken(req);
    if (token.isEmpty()) {
        aepGatewayError(res, 403, "403010", u"Oauth token is missing."_s);
        return false;
    }
    const QByteArray apiKey = req.header("x-api-key");
    if (apiKey.isEmpty()) {
        aepGatewayError(res, 403, "403000", u"Api Key is required"_s);
        return false;
    }
    if (QString::fromUtf8(apiKey) != options.clientId) {
        aepGatewayError(res, 403, "403003", u"Api Key is invalid"_s);
        return false;
    }
    QString subject;
    if (context.tokens().check(token, &subject) != TokenIssuer::Validity::Valid ||
        subject != u"aep:"_s + options.clientId) {
        aepGatewayError(res, 401, "401013", u"Oauth token is not valid"_s);
        return false;
    }
    const QByteArray org = req.header("x-gw-ims-org-id");
    if (org.isEmpty()) {
        aepGatewayError(res, 400, "400003", u"Missing header"_s);
        return false;
    }
    if (QString::fromUtf8(org) != options.imsOrgId) {
        aepGatewayError(res, 403, "403025", u"Profile is not valid"_s);
        return false;
    }
    if (options.requireSandboxName && req.header("x-sandbox-name").trimmed().isEmpty()) {
        aepGatewayError(res, 400, "400003", u"Missing header"_s);
        return false;
    }
    return true;
}

bool requireAepJsonBody(const Request &req, Responder &res)
{
    const QByteArray type = req.header("Content-Type").toLower();
    if (!type.contains("json")) {
        aepProblem(res, 400, u"BadRequestError"_s, u"A valid content-type must be specified"_s);
        return false;
    }
    return true;
}

QString aepOrigin(SandboxContext &context, const Request &req)
{
    const QByteArray host = req.header("Host");
    if (!host.isEmpty())
        return u"http://"_s + QString::fromLatin1(host);
    return context.baseUrl().toString(QUrl::StripTrailingSlash);
}

} // namespace courier::sandbox
