#include "sandbox/http/Request.h"

#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace courier::sandbox {

Request Request::fromQt(const QHttpServerRequest &request)
{
    Request r;
    r.method = request.method();
    const QUrl url = request.url();
    r.path = url.path(QUrl::FullyDecoded);
    if (r.path.isEmpty())
        r.path = QStringLiteral("/");
    r.query = QUrlQuery(url.query(QUrl::FullyEncoded));
    r.headers = request.headers();
    r.body = request.body();
    return r;
}

QByteArray Request::header(QByteArrayView name) const
{
    for (const auto &[key, value] : headers) {
        if (QByteArrayView(key).compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

bool Request::hasHeader(QByteArrayView name) const
{
    for (const auto &entry : headers) {
        if (QByteArrayView(entry.first).compare(name, Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

bool Request::acceptsGzip() const
{
    // "gzip", "gzip;q=0.8", "deflate, gzip" — but not "gzip;q=0".
    const QList<QByteArray> codings = header("Accept-Encoding").split(',');
    for (const QByteArray &coding : codings) {
        const QList<QByteArray> parts = coding.split(';');
        if (parts.first().trimmed().toLower() != "gzip")
            continue;
        for (qsizetype i = 1; i < parts.size(); ++i) {
            const QByteArray param = parts.at(i).trimmed().toLower();
            if (param.startsWith("q=") && param.mid(2).toDouble() <= 0.0)
                return false;
        }
        return true;
    }
    return false;
}

bool Request::wantsClose() const
{
    return header("Connection").trimmed().toLower() == "close";
}

QByteArray Request::methodName() const
{
    return sandbox::methodName(method);
}

QString Request::displayTarget() const
{
    if (query.isEmpty())
        return path;
    // Later OAuth routes take secrets in query strings; the log must never show them.
    static const QRegularExpression secretName(
        QStringLiteral("token|secret|key|password|assertion|code|signature"),
        QRegularExpression::CaseInsensitiveOption);
    QUrlQuery shown;
    const auto items = query.queryItems(QUrl::FullyEncoded);
    for (const auto &[name, value] : items)
        shown.addQueryItem(name, secretName.match(name).hasMatch() ? QStringLiteral("***") : value);
    return path + u'?' + shown.toString(QUrl::FullyEncoded);
}

QByteArray methodName(QHttpServerRequest::Method method)
{
    using M = QHttpServerRequest::Method;
    switch (method) {
    case M::Get:
        return "GET"_ba;
    case M::Put:
        return "PUT"_ba;
    case M::Delete:
        return "DELETE"_ba;
    case M::Post:
        return "POST"_ba;
    case M::Head:
        return "HEAD"_ba;
    case M::Options:
        return "OPTIONS"_ba;
    case M::Patch:
        return "PATCH"_ba;
    case M::Connect:
        return "CONNECT"_ba;
    case M::Trace:
        return "TRACE"_ba;
    default:
        return "UNKNOWN"_ba;
    }
}

} // namespace courier::sandbox
