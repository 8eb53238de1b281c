#pragma once

#include "engine/HttpJob.h"

#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QString>
#include <QUrl>
#include <QUrlQuery>

namespace courier {

struct Endpoint;

// What every vendor API client builds its requests from.
namespace api {

// {base}/{path}?{query}: path is relative ("v1/segments"), its ids already encoded by
// pathSegment(); base's own path is kept, its query and fragment dropped.
QUrl urlUnder(const QUrl &base, const QString &path, const QUrlQuery &query = {});
// A value as one path segment (percent-encoded).
QString pathSegment(const QString &value);

// A request asking for JSON (Accept: application/json).
HttpRequestSpec jsonRequest(QNetworkAccessManager::Operation verb, QUrl url);
// The same with a JSON body (Content-Type: application/json).
HttpRequestSpec jsonRequest(QNetworkAccessManager::Operation verb, QUrl url,
                            const QJsonObject &body);

// An RFC 7807 problem document's "title: detail" (title cut at 80 characters, detail at 300;
// either alone when the other is missing), for error messages; empty when it has neither.
QString problemText(const QJsonObject &problem);

// The endpoint as messages name it: its name, else its host.
QString endpointName(const Endpoint &endpoint);

} // namespace api
} // namespace courier
