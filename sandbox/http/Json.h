#pragma once

#include <optional>
#include <QByteArray>
#include <QDateTime>
#include <QJsonObject>
#include <QString>

namespace courier::sandbox {

class Responder;
struct Request;

// {"error":{"code":code,"message":message}} — the one error shape of every sandbox route.
QJsonObject errorObject(int code, const QString &message);

// The request body as a JSON object; answers 400 with the parse error and returns nullopt when
// it is not one. An empty body counts as {} only when allowEmpty.
std::optional<QJsonObject> jsonBodyOrReject(const Request &request, Responder &responder,
                                            bool allowEmpty = false);

// RFC 3339 in UTC with milliseconds: 2025-03-01T12:00:00.000Z
QString rfc3339(const QDateTime &time);

} // namespace courier::sandbox
