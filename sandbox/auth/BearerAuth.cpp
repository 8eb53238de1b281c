#include "sandbox/auth/BearerAuth.h"

#include "sandbox/http/Responder.h"

using namespace Qt::StringLiterals;

namespace courier::sandbox {

namespace {

void refuse(Responder &responder, const QString &realm, const QString &message,
            const QByteArray &error = {})
{
    QByteArray challenge = "Bearer realm=\"" + realm.toUtf8() + '"';
    if (!error.isEmpty())
        challenge += ", error=\"" + error + '"';
    responder.sendError(401, message, {{"WWW-Authenticate"_ba, challenge}});
}

} // namespace

QByteArray bearerToken(const Request &request)
{
    const QByteArray value = request.header("Authorization").trimmed();
    const qsizetype space = value.indexOf(' ');
    if (space <= 0 || value.left(space).toLower() != "bearer")
        return {};
    return value.mid(space + 1).trimmed();
}

bool requireBearerKey(const Request &request, Responder &responder, QByteArrayView key,
                      const QString &realm)
{
    const QByteArray token = bearerToken(request);
    if (token.isEmpty()) {
        refuse(responder, realm, u"Missing \"Authorization: Bearer <key>\" header."_s);
        return false;
    }
    if (!constantTimeEquals(token, key)) {
        refuse(responder, realm, u"The key is not valid for this endpoint."_s, "invalid_token"_ba);
        return false;
    }
    return true;
}

bool requireIssuedToken(const Request &request, Responder &responder, const TokenIssuer &issuer,
                        const QString &realm, QString *subject)
{
    const QByteArray token = bearerToken(request);
    if (token.isEmpty()) {
        refuse(responder, realm, u"Missing \"Authorization: Bearer <token>\" header."_s);
        return false;
    }
    switch (issuer.check(token, subject)) {
    case TokenIssuer::Validity::Valid:
        return true;
    case TokenIssuer::Validity::Expired:
        refuse(responder, realm, u"The access token has expired."_s, "invalid_token"_ba);
        return false;
    case TokenIssuer::Validity::Unknown:
        break;
    }
    refuse(responder, realm, u"The access token is not valid."_s, "invalid_token"_ba);
    return false;
}

bool constantTimeEquals(QByteArrayView a, QByteArrayView b)
{
    if (a.size() != b.size())
        return false;
    unsigned char diff = 0;
    for (qsizetype i = 0; i < a.size(); ++i)
        diff |= static_cast<unsigned char>(a[i] ^ b[i]);
    return diff == 0;
}

} // namespace courier::sandbox
