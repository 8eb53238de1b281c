#include "sandbox/protocols/ga4/Ga4Common.h"

#include "sandbox/auth/BearerAuth.h"
#include "sandbox/SandboxContext.h"

#include <QJsonArray>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace courier::sandbox {

void sendGoogleError(Responder &res, int code, const QString &status, const QString &message,
                     const HeaderList &headers)
{
    res.sendJson(code,
                 QJsonObject{{u"error"_s, QJsonObject{{u"code"_s, code},
                                                      {u"message"_s, message},
                                                      {u"status"_s, status}}}},
                 headers);
}

QString ga4TokenSubject(const QString &scopes, const QString &principal)
{
    return u"ga4|%1|%2"_s.arg(scopes, principal);
}

bool authorizeGa4(SandboxContext &context, const Request &req, Responder &res, Ga4Api api)
{
    auto unauthenticated = [&res](const QByteArray &challenge) {
        sendGoogleError(res, 401, u"UNAUTHENTICATED"_s,
                        u"Request had invalid authentication credentials. Expected OAuth 2 "
                        "access token, login cookie or other valid authentication credential. "
                        "See https://developers.google.com/identity/sign-in/web/"
                        "devconsole-project."_s,
                        {{"WWW-Authenticate"_ba, challenge}});
        return false;
    };
    const QByteArray token = bearerToken(req);
    if (token.isEmpty())
        return unauthenticated("Bearer realm=\"https://accounts.google.com/\""_ba);
    QString subject;
    const auto validity = context.tokens().check(token, &subject);
    if (validity != TokenIssuer::Validity::Valid || !subject.startsWith(u"ga4|"_s))
        return unauthenticated(
            "Bearer realm=\"https://accounts.google.com/\", error=\"invalid_token\""_ba);

    const QStringList scopes = subject.section(u'|', 1, 1).split(u' ', Qt::SkipEmptyParts);
    const QStringList accepted =
        api == Ga4Api::Data
            ? QStringList{ga4scope::AnalyticsReadonly.toString(), ga4scope::Analytics.toString()}
            : QStringList{ga4scope::AnalyticsReadonly.toString(),
                          ga4scope::AnalyticsEdit.toString()};
    for (const QString &scope : scopes) {
        if (accepted.contains(scope))
            return true;
    }
    const QJsonObject error{
        {u"code"_s, 403},
        {u"message"_s, u"Request had insufficient authentication scopes."_s},
        {u"status"_s, u"PERMISSION_DENIED"_s},
        {u"details"_s,
         QJsonArray{QJsonObject{
             {u"@type"_s, u"type.googleapis.com/google.rpc.ErrorInfo"_s},
             {u"reason"_s, u"ACCESS_TOKEN_SCOPE_INSUFFICIENT"_s},
             {u"domain"_s, u"googleapis.com"_s},
             {u"metadata"_s,
              QJsonObject{{u"service"_s, api == Ga4Api::Data
                                             ? u"analyticsdata.googleapis.com"_s
                                             : u"analyticsadmin.googleapis.com"_s}}}}}}};
    res.sendJson(
        403, QJsonObject{{u"error"_s, error}},
        {{"WWW-Authenticate"_ba,
          "Bearer realm=\"https://accounts.google.com/\", error=\"insufficient_scope\""_ba}});
    return false;
}

QString ga4PageToken(const QString &collection, qint64 offset)
{
    const QByteArray plain = collection.toUtf8() + '#' + QByteArray::number(offset);
    return QString::fromLatin1(
        plain.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

std::optional<qint64> ga4PageOffset(const QString &collection, const QString &token)
{
    const auto plain = QByteArray::fromBase64Encoding(
        token.toLatin1(), QByteArray::Base64UrlEncoding | QByteArray::AbortOnBase64DecodingErrors);
    if (!plain)
        return std::nullopt;
    const qsizetype hash = plain.decoded.lastIndexOf('#');
    if (hash < 0 || QString::fromUtf8(plain.decoded.left(hash)) != collection)
        return std::nullopt;
    bool ok = false;
    const qint64 offset = plain.decoded.mid(hash + 1).toLongLong(&ok);
    if (!ok || offset < 0)
        return std::nullopt;
    return offset;
}

std::optional<qint64> ga4PageSize(const Request &req, Responder &res, qint64 fallback, qint64 max)
{
    const QString text = req.queryValue(u"pageSize"_s);
    if (text.isEmpty())
        return fallback;
    bool ok = false;
    const qint64 value = text.toLongLong(&ok);
    if (!ok) {
        sendGoogleError(res, 400, u"INVALID_ARGUMENT"_s,
                        u"Invalid value at 'page_size' (TYPE_INT32), \"%1\""_s.arg(text));
        return std::nullopt;
    }
    if (value < 0) {
        sendGoogleError(res, 400, u"INVALID_ARGUMENT"_s, u"page_size must be non-negative."_s);
        return std::nullopt;
    }
    return value == 0 ? fallback : std::min(value, max);
}

} // namespace courier::sandbox
