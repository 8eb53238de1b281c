#include "ApiRequests.h"

#include "model/Endpoint.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace courier::api {

QUrl urlUnder(const QUrl &base, const QString &path, const QUrlQuery &query)
{
    QUrl url = base;
    QString basePath = url.path(QUrl::FullyEncoded);
    while (basePath.endsWith(QLatin1Char('/')))
        basePath.chop(1);
    // Tolerant mode keeps the %XX of encoded ids as they are.
    url.setPath(basePath + QLatin1Char('/') + path, QUrl::TolerantMode);
    url.setQuery(query);
    url.setFragment(QString());
    return url;
}

QString pathSegment(const QString &value)
{
    return QString::fromLatin1(QUrl::toPercentEncoding(value));
}

HttpRequestSpec jsonRequest(QNetworkAccessManager::Operation verb, QUrl url)
{
    HttpRequestSpec spec;
    spec.verb = verb;
    spec.url = std::move(url);
    spec.headers.append({QByteArrayLiteral("Accept"), QByteArrayLiteral("application/json")});
    return spec;
}

HttpRequestSpec jsonRequest(QNetworkAccessManager::Operation verb, QUrl url,
                            const QJsonObject &body)
{
    HttpRequestSpec spec = jsonRequest(verb, std::move(url));
    spec.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
    spec.contentType = QByteArrayLiteral("application/json");
    return spec;
}

QString problemText(const QJsonObject &problem)
{
    constexpr int MaxTitleLength = 80;
    constexpr int MaxDetailLength = 300;
    const QString title = problem.value(QStringLiteral("title")).toString().simplified();
    const QString detail = problem.value(QStringLiteral("detail")).toString().simplified();
    if (detail.isEmpty())
        return title.left(MaxDetailLength);
    if (title.isEmpty())
        return detail.left(MaxDetailLength);
    return title.left(MaxTitleLength) + QStringLiteral(": ") + detail.left(MaxDetailLength);
}

QString endpointName(const Endpoint &endpoint)
{
    return endpoint.name.isEmpty() ? endpoint.contactUrl.host() : endpoint.name;
}

} // namespace courier::api
