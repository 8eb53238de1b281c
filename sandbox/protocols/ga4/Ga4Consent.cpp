// The emulated Google consent screen of the installed-app ("Desktop app") OAuth flow: the
// browser opens GET /ga4/oauth/authorize; a test user who is always signed in consents at once
// (or declines, when told to) and the browser is sent back to the app's loopback redirect URI.
#include "sandbox/protocols/ga4/Ga4Consent.h"

#include "sandbox/http/Responder.h"
#include "sandbox/http/Router.h"
#include "sandbox/protocols/ga4/Ga4Common.h"

#include <QCryptographicHash>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QUrl>

using namespace Qt::StringLiterals;

namespace courier::sandbox {

namespace {

QByteArray randomBase64Url(int words)
{
    QList<quint32> data(words);
    QRandomGenerator::system()->fillRange(data.data(), data.size());
    return QByteArray(reinterpret_cast<const char *>(data.constData()),
                      qsizetype(data.size() * sizeof(quint32)))
        .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

// RFC 7636 §4.1: 43 to 128 characters of [A-Z] [a-z] [0-9] - . _ ~ (verifiers and plain
// challenges alike).
bool isPkceString(const QString &value)
{
    static const QRegularExpression shape(u"^[A-Za-z0-9._~-]{43,128}$"_s);
    return shape.match(value).hasMatch();
}

// Google's authorization errors that stop at its own page instead of going back to the app:
// an unknown client or redirect URI must never be redirected to, and Google treats a malformed
// request the same way [U: which errors Google redirects is not documented].
void errorPage(Responder &res, int status, const QString &error, const QString &description)
{
    const QString title = u"Error %1: %2"_s.arg(status).arg(error);
    const QString html =
        u"<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>%1</title></head><body>"
        "<h1>Access blocked: Authorization Error</h1><p>%2</p><p><b>%1</b></p>"
        "<p>Courier sandbox: emulated Google sign-in.</p></body></html>"_s.arg(
            title.toHtmlEscaped(), description.toHtmlEscaped());
    res.send(status, "text/html; charset=utf-8"_ba, html.toUtf8());
}

// Desktop clients may only go back to a loopback address (any port, any path): Google accepts
// http://127.0.0.1:PORT, http://[::1]:PORT and (discouraged, but accepted) http://localhost:PORT.
bool isLoopbackRedirect(const QString &uri)
{
    const QUrl url(uri, QUrl::StrictMode);
    const QString host = url.host();
    return url.isValid() && url.scheme() == u"http"_s && url.userInfo().isEmpty() &&
           !url.hasFragment() &&
           (host == u"127.0.0.1"_s || host == u"::1"_s || host == u"localhost"_s);
}

bool isKnownScope(const QString &scope)
{
    static const QStringList known{
        ga4scope::AnalyticsReadonly.toString(),
        ga4scope::Analytics.toString(),
        ga4scope::AnalyticsEdit.toString(),
        u"https://www.googleapis.com/auth/analytics.manage.users"_s,
        u"https://www.googleapis.com/auth/analytics.manage.users.readonly"_s,
        u"https://www.googleapis.com/auth/userinfo.email"_s,
        u"https://www.googleapis.com/auth/userinfo.profile"_s,
        u"https://www.googleapis.com/auth/cloud-platform"_s,
        u"openid"_s,
        u"email"_s,
        u"profile"_s};
    return known.contains(scope);
}

// The redirect URI with the answer's parameters added to any query it already has. Values are
// percent-encoded here: a state may carry any character.
QByteArray redirectTo(const QString &redirectUri, const QList<std::pair<QString, QString>> &items)
{
    QUrl url(redirectUri);
    QString query = url.query(QUrl::FullyEncoded);
    for (const auto &[name, value] : items) {
        if (!query.isEmpty())
            query += u'&';
        query += name + u'=' + QString::fromLatin1(QUrl::toPercentEncoding(value));
    }
    url.setQuery(query, QUrl::StrictMode);
    return url.toEncoded();
}

void redirect(Responder &res, const QByteArray &location)
{
    // QUrl::toEncoded() leaves no quote or angle bracket unencoded: safe inside the attribute.
    res.send(302, "text/html; charset=utf-8"_ba,
             "<html><body>Moved <a href=\"" + location + "\">here</a>.</body></html>",
             {{"Location"_ba, location},
              {"Cache-Control"_ba, "no-cache, no-store, max-age=0, must-revalidate"_ba}});
}

void authorize(SandboxContext &context, const Request &req, Responder &res)
{
    const Ga4Options &options = context.options().ga4;
    auto missing = [&res](const QString &name) {
        errorPage(res, 400, u"invalid_request"_s, u"Missing required parameter: %1"_s.arg(name));
    };

    // Who is asking and where the answer goes: checked first, and never answered by redirect.
    const QString clientId = req.queryValue(u"client_id"_s);
    if (clientId.isEmpty())
        return missing(u"client_id"_s);
    if (clientId.toUtf8() != options.oauthClientId)
        return errorPage(res, 400, u"invalid_client"_s, u"The OAuth client was not found."_s);
    const QString redirectUri = req.queryValue(u"redirect_uri"_s);
    if (redirectUri.isEmpty())
        return missing(u"redirect_uri"_s);
    if (!isLoopbackRedirect(redirectUri)) {
        return errorPage(res, 400, u"redirect_uri_mismatch"_s,
                         u"The redirect URI in the request, %1, does not match the ones "
                         "authorized for the OAuth client. A desktop app must use a loopback "
                         "address: http://127.0.0.1:PORT, http://[::1]:PORT or "
                         "http://localhost:PORT."_s.arg(redirectUri));
    }

    const QString responseType = req.queryValue(u"response_type"_s);
    if (responseType.isEmpty())
        return missing(u"response_type"_s);
    if (responseType != u"code"_s) {
        return errorPage(res, 400, u"unsupported_response_type"_s,
                         u"Unsupported response_type for a desktop client: %1"_s.arg(responseType));
    }

    const QStringList scopes = req.queryValue(u"scope"_s).split(u' ', Qt::SkipEmptyParts);
    if (scopes.isEmpty())
        return missing(u"scope"_s);
    QStringList invalid;
    for (const QString &scope : scopes) {
        if (!isKnownScope(scope))
            invalid.append(scope);
    }
    if (!invalid.isEmpty()) {
        return errorPage(
            res, 400, u"invalid_scope"_s,
            u"Some requested scopes were invalid. {invalid=[%1]}"_s.arg(invalid.join(u", "_s)));
    }

    const QString challenge = req.queryValue(u"code_challenge"_s);
    QString method = req.queryValue(u"code_challenge_method"_s);
    if (!challenge.isEmpty()) {
        if (method.isEmpty())
            method = u"plain"_s; // RFC 7636 §4.3: plain when not given
        if (method != u"S256"_s && method != u"plain"_s) {
            return errorPage(res, 400, u"invalid_request"_s,
                             u"Invalid code_challenge_method: %1 (S256 or plain)"_s.arg(method));
        }
        // An S256 challenge is the base64url of 32 bytes: 43 characters.
        if (!isPkceString(challenge) || (method == u"S256"_s && challenge.size() != 43))
            return errorPage(res, 400, u"invalid_request"_s, u"Invalid code_challenge."_s);
    } else if (!method.isEmpty()) {
        return missing(u"code_challenge"_s);
    }

    const QString accessType = req.queryValue(u"access_type"_s);
    if (!accessType.isEmpty() && accessType != u"online"_s && accessType != u"offline"_s) {
        return errorPage(res, 400, u"invalid_request"_s,
                         u"Invalid access_type: %1 (online or offline)"_s.arg(accessType));
    }
    const QStringList prompts = req.queryValue(u"prompt"_s).split(u' ', Qt::SkipEmptyParts);
    for (const QString &prompt : prompts) {
        if (prompt != u"none"_s && prompt != u"consent"_s && prompt != u"select_account"_s)
            return errorPage(res, 400, u"invalid_request"_s, u"Invalid prompt: %1"_s.arg(prompt));
    }
    if (prompts.contains(u"none"_s) && prompts.size() > 1) {
        return errorPage(res, 400, u"invalid_request"_s,
                         u"Invalid prompt: none cannot be combined with other values"_s);
    }

    // The consent screen. The test user is always signed in and has nothing to choose; it
    // declines when the options say so or when the app hints at the account deny@….
    const QString state = req.queryValue(u"state"_s);
    QList<std::pair<QString, QString>> answer;
    if (!state.isEmpty())
        answer.append({u"state"_s, state});
    const QString loginHint = req.queryValue(u"login_hint"_s);
    if (options.oauthUserDeclines || loginHint.section(u'@', 0, 0) == u"deny"_s) {
        answer.prepend({u"error"_s, u"access_denied"_s});
        return redirect(res, redirectTo(redirectUri, answer));
    }

    Ga4Consent consent;
    consent.clientId = clientId;
    consent.redirectUri = redirectUri;
    consent.scope = scopes.join(u' ');
    consent.codeChallenge = challenge;
    consent.challengeMethod = method;
    consent.offline = accessType == u"offline"_s;
    consent.expires = std::chrono::steady_clock::now() + options.oauthCodeTtl;
    const QString code = context.state<Ga4ConsentState>().issueCode(consent);
    answer.append({u"code"_s, code});
    answer.append({u"scope"_s, consent.scope});
    redirect(res, redirectTo(redirectUri, answer));
}

} // namespace

bool Ga4Consent::verifierMatches(const QString &verifier) const
{
    if (!isPkceString(verifier))
        return false;
    if (challengeMethod == u"plain"_s)
        return verifier == codeChallenge;
    const QByteArray digest =
        QCryptographicHash::hash(verifier.toLatin1(), QCryptographicHash::Sha256)
            .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
    return QString::fromLatin1(digest) == codeChallenge;
}

QString Ga4ConsentState::issueCode(const Ga4Consent &consent)
{
    const auto now = std::chrono::steady_clock::now();
    m_codes.removeIf([now](QHash<QString, Ga4Consent>::iterator it) { return it->expires < now; });
    // Google's codes look like "4/0AeaY…"; the '/' makes clients encode it properly.
    const QString code = u"4/0Sbx"_s + QString::fromLatin1(randomBase64Url(8));
    m_codes.insert(code, consent);
    return code;
}

bool Ga4ConsentState::looksLikeCode(const QString &code)
{
    static const QRegularExpression shape(u"^4/[A-Za-z0-9_-]+$"_s);
    return shape.match(code).hasMatch();
}

std::optional<Ga4Consent> Ga4ConsentState::redeem(const QString &code)
{
    const auto it = m_codes.constFind(code);
    if (it == m_codes.cend())
        return std::nullopt;
    const Ga4Consent consent = *it;
    m_codes.erase(it);
    if (consent.expires < std::chrono::steady_clock::now())
        return std::nullopt;
    return consent;
}

QByteArray Ga4ConsentState::issueRefreshToken(const QString &clientId, const QString &scope)
{
    const QByteArray token = "1//0Sbx" + randomBase64Url(12);
    m_refreshTokens.insert(token, RefreshGrant{clientId, scope});
    return token;
}

std::optional<Ga4ConsentState::RefreshGrant>
Ga4ConsentState::refreshGrant(const QByteArray &token) const
{
    const auto it = m_refreshTokens.constFind(token);
    if (it == m_refreshTokens.cend())
        return std::nullopt;
    return *it;
}

void Ga4ConsentState::reset()
{
    m_codes.clear();
    m_refreshTokens.clear();
}

void registerGa4ConsentRoutes(Router &router, SandboxContext &context)
{
    router.get(u"/ga4/oauth/authorize"_s, Router::bind(context, &authorize));
}

} // namespace courier::sandbox
