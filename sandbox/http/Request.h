#pragma once

#include <QByteArray>
#include <QHash>
#include <QHttpServerRequest>
#include <QList>
#include <QString>
#include <QUrlQuery>

namespace courier::sandbox {

// A request as handlers see it: copied out of QHttpServerRequest, because Qt 6.4 reuses that
// object for the next request on the same connection while a streamed answer may still be
// going out.
struct Request
{
    using Method = QHttpServerRequest::Method;

    quint64 id = 0;         // sequence number, for the log
    quint64 connection = 0; // which connection it came on (keep-alive shows as a repeat)
    Method method = Method::Unknown;
    QString path; // decoded, without the query
    QUrlQuery query;
    QList<std::pair<QByteArray, QByteArray>> headers;
    QByteArray body;
    QHash<QString, QString> params; // {name} captures of the matched route

    static Request fromQt(const QHttpServerRequest &request);

    // Case-insensitive; empty when absent.
    QByteArray header(QByteArrayView name) const;
    bool hasHeader(QByteArrayView name) const;
    QString param(const QString &name) const { return params.value(name); }
    QString queryValue(const QString &name) const
    {
        return query.queryItemValue(name, QUrl::FullyDecoded);
    }
    // Accept-Encoding names gzip with a non-zero quality.
    bool acceptsGzip() const;
    // The client asked to close the connection after this answer (or speaks HTTP/1.0 style).
    bool wantsClose() const;
    QByteArray methodName() const;
    // Path and query for logs, with secret-looking query values masked.
    QString displayTarget() const;
};

QByteArray methodName(QHttpServerRequest::Method method);

} // namespace courier::sandbox
