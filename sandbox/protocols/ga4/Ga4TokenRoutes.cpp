// The emulated Google OAuth 2.0 token endpoint (https://oauth2.googleapis.com/token) at
// /ga4/token: the service-account JWT bearer grant (RS256 assertion signed with the sandbox's
// throwaway key, checked like Google checks it), the installed-app authorization_code grant
// (codes from the emulated consent screen, Ga4Consent.cpp, with PKCE) and its refresh_token
// grant. Also GET /sandbox/ga4/service-account.json, the key file to sign with.
#include "sandbox/http/Responder.h"
#include "sandbox/http/Router.h"
#include "sandbox/protocols/ga4/Ga4Common.h"
#include "sandbox/protocols/ga4/Ga4Consent.h"
#include "sandbox/protocols/ga4/Ga4Routes.h"
#include "sandbox/protocols/ga4/Ga4ServiceAccount.h"
#include "sandbox/protocols/ga4/Jwt.h"
#include "sandbox/SandboxContext.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUrlQuery>

using namespace Qt::StringLiterals;

namespace courier::sandbox {

namespace {

constexpr auto JwtBearer = u"urn:ietf:params:oauth:grant-type:jwt-bearer";
constexpr qint64 MaxLifetimeSeconds = 3600;
constexpr qint64 ClockSkewSeconds = 300;

const HeaderList &noStore()
{
    static const HeaderList headers{
        {"Cache-Control"_ba, "no-cache, no-store, max-age=0, must-revalidate"_ba},
        {"Pragma"_ba, "no-cache"_ba}};
    return headers;
}

void oauthError(Responder &res, int status, const QString &error, const QString &description)
{
    res.sendJson(status, QJsonObject{{u"error"_s, error}, {u"error_description"_s, description}},
                 noStore());
}

// The token request's parameters: form-encoded as OAuth 2.0 says, or (leniently) JSON.
QHash<QString, QString> tokenParameters(const Request &req)
{
    QHash<QString, QString> out;
    const QByteArray contentType = req.header("Content-Type").toLower();
    if (contentType.contains("json")) {
        const QJsonObject json = QJsonDocument::fromJson(req.body).object();
        for (auto it = json.begin(); it != json.end(); ++it)
            out.insert(it.key(), it.value().toString());
        return out;
    }
    QByteArray form = req.body;
    form.replace('+', "%20"); // form encoding writes spaces as '+'
    const QUrlQuery query(QString::fromUtf8(form));
    const auto items = query.queryItems(QUrl::FullyDecoded);
    for (const auto &[key, value] : items)
        out.insert(key, value);
    return out;
}

bool acceptedAudience(const QString &aud)
{
    static const QStringList google{u"https://oauth2.googleapis.com/token"_s,
                                    u"https://www.googleapis.com/oauth2/v4/token"_s,
                                    u"https://accounts.google.com/o/oauth2/token"_s};
    if (google.contains(aud))
        return true;
    // The sandbox's own token URL, whatever port it listens on.
    const QUrl url(aud);
    const QString host = url.host();
    return url.isValid() && (url.scheme() == u"http"_s || url.scheme() == u"https"_s) &&
           (host == u"127.0.0.1"_s || host == u"localhost"_s || host == u"::1"_s) &&
           url.path() == u"/ga4/token"_s;
}

std::chrono::seconds tokenTtl(SandboxContext &context, Responder &res)
{
    if (res.faults().peek(FaultKind::TokenTtl))
        return context.tokenTtlFor(res.faults());
    return context.options().ga4.tokenTtl;
}

// `extra`: fields the grant adds (scope, refresh_token).
void issue(SandboxContext &context, Responder &res, const QString &scopes, const QString &principal,
           const QJsonObject &extra = {})
{
    const auto issued =
        context.tokens().issue(tokenTtl(context, res), ga4TokenSubject(scopes, principal));
    QJsonObject json{{u"access_token"_s, QString::fromLatin1(issued.token)},
                     {u"expires_in"_s, qint64(issued.expiresIn.count())},
                     {u"token_type"_s, u"Bearer"_s}};
    for (auto it = extra.begin(); it != extra.end(); ++it)
        json.insert(it.key(), it.value());
    res.sendJson(200, json, noStore());
}

void jwtBearerGrant(SandboxContext &context, const QString &assertion, Responder &res)
{
    QString reason;
    const auto jwt = decodeJwt(assertion.toLatin1(), &reason);
    if (!jwt) {
        oauthError(res, 400, u"invalid_grant"_s, u"Invalid JWT: %1."_s.arg(reason));
        return;
    }
    if (jwt->header.value(u"alg"_s).toString() != u"RS256"_s) {
        oauthError(res, 400, u"invalid_grant"_s, u"Invalid JWT: the header's alg must be RS256."_s);
        return;
    }
    const QJsonValue typ = jwt->header.value(u"typ"_s);
    if (!typ.isUndefined() && typ.toString() != u"JWT"_s) {
        oauthError(res, 400, u"invalid_grant"_s, u"Invalid JWT: the header's typ must be JWT."_s);
        return;
    }
    const QString iss = jwt->claims.value(u"iss"_s).toString();
    if (iss.isEmpty() || iss != Ga4ServiceAccount::clientEmail()) {
        oauthError(res, 400, u"invalid_grant"_s, u"Invalid grant: account not found"_s);
        return;
    }
    const QJsonValue kid = jwt->header.value(u"kid"_s);
    if ((!kid.isUndefined() && kid.toString() != Ga4ServiceAccount::privateKeyId()) ||
        !verifyRs256(Ga4ServiceAccount::privateKeyPem(), jwt->signingInput, jwt->signature)) {
        oauthError(res, 400, u"invalid_grant"_s, u"Invalid JWT Signature."_s);
        return;
    }
    const QString aud = jwt->claims.value(u"aud"_s).toString();
    if (!acceptedAudience(aud)) {
        oauthError(res, 400, u"invalid_grant"_s,
                   u"Invalid JWT: Failed audience check. The right audience is "
                   "https://oauth2.googleapis.com/token (or this sandbox's /ga4/token)."_s);
        return;
    }
    const QJsonValue iat = jwt->claims.value(u"iat"_s);
    const QJsonValue exp = jwt->claims.value(u"exp"_s);
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    if (!iat.isDouble() || !exp.isDouble() || exp.toInteger() <= iat.toInteger() ||
        exp.toInteger() - iat.toInteger() > MaxLifetimeSeconds ||
        iat.toInteger() > now + ClockSkewSeconds || exp.toInteger() <= now) {
        oauthError(res, 400, u"invalid_grant"_s,
                   u"Invalid JWT: Token must be a short-lived token (60 minutes) and in a "
                   "reasonable timeframe. Check your iat and exp values in the JWT claim."_s);
        return;
    }
    const QString scope = jwt->claims.value(u"scope"_s).toString().simplified();
    if (scope.isEmpty()) {
        // Google's answer to an assertion without scope (and without target_audience).
        oauthError(res, 400, u"invalid_scope"_s,
                   u"Invalid OAuth scope or ID token audience provided."_s);
        return;
    }
    // A token is issued for any scope; the APIs refuse one without an analytics scope (403).
    issue(context, res, scope, iss);
}

// The installed-app client of a token request, from its parameters or (RFC 6749 §2.3.1) HTTP
// Basic. False (401 invalid_client sent) unless it is the sandbox's client with its secret.
bool authenticateClient(const Ga4Options &options, const Request &req,
                        const QHash<QString, QString> &params, Responder &res, QString *client)
{
    QString clientId = params.value(u"client_id"_s);
    QString clientSecret = params.value(u"client_secret"_s);
    // RFC 6749 §2.3.1 also allows HTTP Basic client authentication.
    const QByteArray authorization = req.header("Authorization").trimmed();
    if (clientId.isEmpty() && authorization.toLower().startsWith("basic ")) {
        const QByteArray pair = QByteArray::fromBase64(authorization.mid(6).trimmed());
        const qsizetype colon = pair.indexOf(':');
        clientId = QString::fromUtf8(pair.left(colon));
        clientSecret = colon < 0 ? QString() : QString::fromUtf8(pair.mid(colon + 1));
    }
    if (clientId.toUtf8() != options.oauthClientId ||
        clientSecret.toUtf8() != options.oauthClientSecret) {
        oauthError(res, 401, u"invalid_client"_s, u"The OAuth client was not found."_s);
        return false;
    }
    *client = clientId;
    return true;
}

// The fixed test refresh token (Ga4Options::refreshToken) or one the authorization_code grant
// issued to this client.
void refreshTokenGrant(SandboxContext &context, const Request &req,
                       const QHash<QString, QString> &params, Responder &res)
{
    const Ga4Options &options = context.options().ga4;
    QString clientId;
    if (!authenticateClient(options, req, params, res, &clientId))
        return;
    const QByteArray refreshToken = params.value(u"refresh_token"_s).toUtf8();
    QString scope;
    if (refreshToken == options.refreshToken) {
        scope = ga4scope::AnalyticsReadonly.toString();
    } else if (const auto grant = context.state<Ga4ConsentState>().refreshGrant(refreshToken);
               grant && grant->clientId == clientId) {
        scope = grant->scope;
    } else {
        oauthError(res, 400, u"invalid_grant"_s, u"Token has been expired or revoked."_s);
        return;
    }
    issue(context, res, scope, clientId, {{u"scope"_s, scope}});
}

// The code the consent screen sent to the loopback redirect, exchanged once, with the same
// redirect_uri and (when the authorization request had a code_challenge) its code_verifier.
void authorizationCodeGrant(SandboxContext &context, const Request &req,
                            const QHash<QString, QString> &params, Responder &res)
{
    QString clientId;
    if (!authenticateClient(context.options().ga4, req, params, res, &clientId))
        return;
    const QString code = params.value(u"code"_s);
    if (code.isEmpty()) {
        oauthError(res, 400, u"invalid_request"_s, u"Missing required parameter: code"_s);
        return;
    }
    if (!Ga4ConsentState::looksLikeCode(code)) {
        oauthError(res, 400, u"invalid_grant"_s, u"Malformed auth code."_s);
        return;
    }
    auto &consents = context.state<Ga4ConsentState>();
    const auto consent = consents.redeem(code);
    // Google's terse answer to a used, expired or someone else's code.
    if (!consent || consent->clientId != clientId) {
        oauthError(res, 400, u"invalid_grant"_s, u"Bad Request"_s);
        return;
    }
    const QString redirectUri = params.value(u"redirect_uri"_s);
    if (redirectUri.isEmpty()) {
        oauthError(res, 400, u"invalid_request"_s, u"Missing parameter: redirect_uri"_s);
        return;
    }
    if (redirectUri != consent->redirectUri) {
        oauthError(res, 400, u"redirect_uri_mismatch"_s, u"Bad Request"_s);
        return;
    }
    if (!consent->codeChallenge.isEmpty()) {
        const QString verifier = params.value(u"code_verifier"_s);
        if (verifier.isEmpty()) {
            oauthError(res, 400, u"invalid_grant"_s, u"Missing code verifier."_s);
            return;
        }
        if (!consent->verifierMatches(verifier)) {
            oauthError(res, 400, u"invalid_grant"_s, u"Invalid code verifier."_s);
            return;
        }
    }
    QJsonObject extra{{u"scope"_s, consent->scope}};
    if (consent->offline) {
        extra.insert(u"refresh_token"_s,
                     QString::fromLatin1(consents.issueRefreshToken(clientId, consent->scope)));
    }
    issue(context, res, consent->scope, clientId, extra);
}

} // namespace

void registerGa4TokenRoutes(Router &router, SandboxContext &context)
{
    // The consent screen whose codes the authorization_code grant redeems.
    registerGa4ConsentRoutes(router, context);

    router.post(u"/ga4/token"_s, [&context](const Request &req, Responder &res) {
        const QHash<QString, QString> params = tokenParameters(req);
        const QString grantType = params.value(u"grant_type"_s);
        if (grantType == JwtBearer) {
            const QString assertion = params.value(u"assertion"_s);
            if (assertion.isEmpty()) {
                oauthError(res, 400, u"invalid_request"_s,
                           u"Missing required parameter: assertion"_s);
                return;
            }
            jwtBearerGrant(context, assertion, res);
        } else if (grantType == u"refresh_token"_s) {
            refreshTokenGrant(context, req, params, res);
        } else if (grantType == u"authorization_code"_s) {
            authorizationCodeGrant(context, req, params, res);
        } else if (grantType.isEmpty()) {
            oauthError(res, 400, u"invalid_request"_s, u"Missing required parameter: grant_type"_s);
        } else {
            oauthError(res, 400, u"unsupported_grant_type"_s,
                       u"Invalid grant_type: %1"_s.arg(grantType));
        }
    });

    router.get(
        u"/sandbox/ga4/service-account.json"_s,
        [&context](const Request &, Responder &res) {
            QUrl tokenUri = context.baseUrl();
            tokenUri.setPath(u"/ga4/token"_s);
            res.send(200, "application/json"_ba, Ga4ServiceAccount::keyFileJson(tokenUri),
                     {{"Content-Disposition"_ba,
                       "attachment; filename=\"courier-sandbox-service-account.json\""_ba}});
        },
        Router::Faults::Exempt);
}

} // namespace courier::sandbox
