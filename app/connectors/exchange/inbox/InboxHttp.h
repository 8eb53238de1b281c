#pragma once

#include <optional>
#include <QByteArray>
#include <QByteArrayView>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QUrlQuery>
#include <utility>

namespace courier::inbox {

// The little of HTTP/1.1 the inbox speaks (docs/exchange-protocol.md, "PUSH producer"): a
// request head parsed by hand, so the body can be refused by its headers before a byte of it
// is read, and answers written whole. One request per connection: every answer closes it.

struct RequestHead
{
    QByteArray method;
    QByteArray path; // the target's path, still percent-encoded
    QUrlQuery query;
    // Lower-case names; a repeated header's values joined with ", " (so a doubled
    // Content-Length is no longer a number and is refused).
    QHash<QByteArray, QByteArray> headers;

    QByteArray header(const QByteArray &lowerCaseName) const
    {
        return headers.value(lowerCaseName);
    }
    bool hasHeader(const QByteArray &lowerCaseName) const
    {
        return headers.contains(lowerCaseName);
    }
};

// The size of the head (request line and headers, up to and including the blank line) at the
// start of buffer, or -1 when it has not all arrived yet.
qsizetype headSize(QByteArrayView buffer);

// Parses a head whose end headSize() found. nullopt + *status (400, 505) and *error.
std::optional<RequestHead> parseHead(QByteArrayView head, int *status, QString *error);

// Content-Length as digits only: -1 when it is not one.
qint64 parseContentLength(const QByteArray &value);

using HeaderList = QList<std::pair<QByteArray, QByteArray>>;

// A complete answer with Content-Length and Connection: close.
QByteArray response(int status, const HeaderList &headers, const QByteArray &body);
// The head of such an answer whose body (contentLength bytes) the caller sends itself.
QByteArray responseHead(int status, const HeaderList &headers, qint64 contentLength);
QByteArray jsonResponse(int status, const QJsonObject &body, const HeaderList &headers = {});
// The protocol's error shape: {"error": {"code": status, "message": message}}.
QByteArray errorResponse(int status, const QString &message, const HeaderList &headers = {});
QByteArray continueResponse();
QByteArray reasonPhrase(int status);

// The credentials of "Authorization: Bearer <credentials>" (the scheme in any case); empty when
// the header is missing, names another scheme or has nothing after it.
QByteArray bearerCredentials(const RequestHead &head);

// Compares two secrets in time that depends on neither their contents nor their lengths (the
// SHA-256 digests of both are compared), so a wrong key's timing reveals nothing of the right
// one.
bool constantTimeEquals(QByteArrayView a, QByteArrayView b);

} // namespace courier::inbox
