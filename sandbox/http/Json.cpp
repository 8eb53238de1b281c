#include "sandbox/http/Json.h"

#include "sandbox/http/Responder.h"

#include <QJsonDocument>
#include <QJsonParseError>

using namespace Qt::StringLiterals;

namespace courier::sandbox {

QJsonObject errorObject(int code, const QString &message)
{
    return QJsonObject{{u"error"_s, QJsonObject{{u"code"_s, code}, {u"message"_s, message}}}};
}

std::optional<QJsonObject> jsonBodyOrReject(const Request &request, Responder &responder,
                                            bool allowEmpty)
{
    if (request.body.trimmed().isEmpty()) {
        if (allowEmpty)
            return QJsonObject{};
        responder.sendError(400, u"The request needs a JSON object body."_s);
        return std::nullopt;
    }
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(request.body, &error);
    if (error.error != QJsonParseError::NoError) {
        responder.sendError(
            400, u"The body is not valid JSON: %1 at offset %2."_s.arg(error.errorString())
                     .arg(error.offset));
        return std::nullopt;
    }
    if (!document.isObject()) {
        responder.sendError(400, u"The body must be a JSON object."_s);
        return std::nullopt;
    }
    return document.object();
}

QString rfc3339(const QDateTime &time)
{
    return time.toUTC().toString(Qt::ISODateWithMs);
}

} // namespace courier::sandbox
