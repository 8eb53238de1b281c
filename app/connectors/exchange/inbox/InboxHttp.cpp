#include "InboxHttp.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QJsonDocument>

namespace courier::inbox {

namespace {

class Http
{
    Q_DECLARE_TR_FUNCTIONS(courier::inbox::Http)
};

// RFC 9110 token characters (method and header names).
bool isTokenChar(char c)
{
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
        return true;
    return QByteArrayView("!#$%&'*+-.^_`|~").contains(c);
}

bool isToken(QByteArrayView text)
{
    if (text.isEmpty())
        return false;
    for (const char c : text) {
        if (!isTokenChar(c))
            return false;
    }
    return true;
}

std::optional<RequestHead> refuse(int status, QString message, int *statusOut, QString *error)
{
    if (statusOut)
        *statusOut = status;
    if (error)
        *error = std::move(message);
    return std::nullopt;
}

} // namespace

qsizetype headSize(QByteArrayView buffer)
{
    const qsizetype end = buffer.indexOf(QByteArrayView("\r\n\r\n"));
    return end < 0 ? -1 : end + 4;
}

std::optional<RequestHead> parseHead(QByteArrayView head, int *status, QString *error)
{
    QList<QByteArrayView> lines;
    for (qsizetype from = 0; from < head.size();) {
        const qsizetype end = head.indexOf(QByteArrayView("\r\n"), from);
        if (end < 0)
            break;
        lines.append(head.sliced(from, end - from));
        from = end + 2;
    }
    while (!lines.isEmpty() && lines.constLast().isEmpty())
        lines.removeLast();
    if (lines.isEmpty())
        return refuse(400, Http::tr("The request has no request line."), status, error);

    // METHOD SP request-target SP HTTP/1.x
    const QList<QByteArray> parts = lines.first().toByteArray().split(' ');
    if (parts.size() != 3 || !isToken(parts.at(0)) || !parts.at(1).startsWith('/'))
        return refuse(400, Http::tr("The request line is not “METHOD /path HTTP/1.1”."), status,
                      error);
    if (parts.at(2) != "HTTP/1.1" && parts.at(2) != "HTTP/1.0")
        return refuse(505, Http::tr("Only HTTP/1.1 is supported."), status, error);

    RequestHead result;
    result.method = parts.at(0);
    const QByteArray &target = parts.at(1);
    const qsizetype question = target.indexOf('?');
    result.path = question < 0 ? target : target.left(question);
    if (question >= 0)
        result.query.setQuery(QString::fromUtf8(target.mid(question + 1)));

    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArrayView line = lines.at(i);
        const qsizetype colon = line.indexOf(':');
        // No folded lines (obsolete), no space before the colon (request smuggling).
        if (colon <= 0 || !isToken(line.first(colon)))
            return refuse(400, Http::tr("Header line %1 is malformed.").arg(i + 1), status, error);
        const QByteArray name = line.first(colon).toByteArray().toLower();
        const QByteArray value = line.sliced(colon + 1).toByteArray().trimmed();
        auto it = result.headers.find(name);
        if (it == result.headers.end())
            result.headers.insert(name, value);
        else
            it.value() += ", " + value;
    }
    return result;
}

qint64 parseContentLength(const QByteArray &value)
{
    if (value.isEmpty() || value.size() > 18)
        return -1;
    for (const char c : value) {
        if (c < '0' || c > '9')
            return -1;
    }
    return value.toLongLong();
}

QByteArray reasonPhrase(int status)
{
    switch (status) {
    case 100:
        return "Continue";
    case 200:
        return "OK";
    case 201:
        return "Created";
    case 400:
        return "Bad Request";
    case 401:
        return "Unauthorized";
    case 403:
        return "Forbidden";
    case 404:
        return "Not Found";
    case 405:
        return "Method Not Allowed";
    case 408:
        return "Request Timeout";
    case 409:
        return "Conflict";
    case 410:
        return "Gone";
    case 411:
        return "Length Required";
    case 413:
        return "Content Too Large";
    case 415:
        return "Unsupported Media Type";
    case 417:
        return "Expectation Failed";
    case 422:
        return "Unprocessable Content";
    case 431:
        return "Request Header Fields Too Large";
    case 500:
        return "Internal Server Error";
    case 503:
        return "Service Unavailable";
    case 505:
        return "HTTP Version Not Supported";
    default:
        return "Unknown";
    }
}

QByteArray responseHead(int status, const HeaderList &headers, qint64 contentLength)
{
    QByteArray out = "HTTP/1.1 " + QByteArray::number(status) + ' ' + reasonPhrase(status) + "\r\n";
    for (const auto &[name, value] : headers)
        out += name + ": " + value + "\r\n";
    out += "Content-Length: " + QByteArray::number(contentLength) + "\r\n";
    out += "Connection: close\r\n\r\n";
    return out;
}

QByteArray response(int status, const HeaderList &headers, const QByteArray &body)
{
    return responseHead(status, headers, body.size()) + body;
}

QByteArray bearerCredentials(const RequestHead &head)
{
    const QByteArray authorization = head.header("authorization");
    const qsizetype space = authorization.indexOf(' ');
    if (space < 0 || authorization.left(space).toLower() != "bearer")
        return {};
    return authorization.mid(space + 1).trimmed();
}

QByteArray jsonResponse(int status, const QJsonObject &body, const HeaderList &headers)
{
    HeaderList all = headers;
    all.append(std::pair<QByteArray, QByteArray>("Content-Type", "application/json"));
    return response(status, all, QJsonDocument(body).toJson(QJsonDocument::Compact));
}

QByteArray errorResponse(int status, const QString &message, const HeaderList &headers)
{
    const QJsonObject error{{QStringLiteral("code"), status}, {QStringLiteral("message"), message}};
    return jsonResponse(status, QJsonObject{{QStringLiteral("error"), error}}, headers);
}

QByteArray continueResponse()
{
    return "HTTP/1.1 100 Continue\r\n\r\n";
}

bool constantTimeEquals(QByteArrayView a, QByteArrayView b)
{
    const QByteArray left = QCryptographicHash::hash(a, QCryptographicHash::Sha256);
    const QByteArray right = QCryptographicHash::hash(b, QCryptographicHash::Sha256);
    unsigned char difference = 0;
    for (qsizetype i = 0; i < left.size(); ++i)
        difference |= static_cast<unsigned char>(left.at(i) ^ right.at(i));
    return difference == 0;
}

} // namespace courier::inbox
