#include "sandbox/http/Responder.h"

#include "sandbox/http/BodyWriter.h"
#include "sandbox/http/Json.h"
#include "sandbox/Logging.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QLocale>

using namespace Qt::StringLiterals;

namespace courier::sandbox {

struct Responder::State
{
    QPointer<QTcpSocket> socket;
    Request request;
    std::shared_ptr<FaultPlan> faults;
    std::function<void(const Completion &)> completed;
    QElapsedTimer clock;
    bool answered = false;
};

Responder::Responder(QTcpSocket *socket, Request request, std::shared_ptr<FaultPlan> faults,
                     std::function<void(const Completion &)> completed)
    : d(std::make_shared<State>())
{
    d->socket = socket;
    d->request = std::move(request);
    d->faults = faults ? std::move(faults) : std::make_shared<FaultPlan>();
    d->completed = std::move(completed);
    d->clock.start();
}

const Request &Responder::request() const
{
    return d->request;
}

FaultPlan &Responder::faults()
{
    return *d->faults;
}

bool Responder::isAnswered() const
{
    return d->answered;
}

bool Responder::isShared() const
{
    return d.use_count() > 1;
}

bool Responder::claim(int status)
{
    if (d->answered) {
        qCWarning(lcSandbox).noquote()
            << u"#%1 answered twice (second answer %2 ignored)"_s.arg(d->request.id).arg(status);
        return false;
    }
    d->answered = true;
    if (!d->socket || d->socket->state() != QAbstractSocket::ConnectedState) {
        if (d->completed)
            d->completed(
                {status, 0, u"client went away"_s, d->faults->applied(), d->clock.elapsed()});
        return false;
    }
    return true;
}

QByteArray Responder::reasonPhrase(int status)
{
    switch (status) {
    case 200:
        return "OK"_ba;
    case 201:
        return "Created"_ba;
    case 202:
        return "Accepted"_ba;
    case 204:
        return "No Content"_ba;
    case 206:
        return "Partial Content"_ba;
    case 301:
        return "Moved Permanently"_ba;
    case 302:
        return "Found"_ba;
    case 303:
        return "See Other"_ba;
    case 304:
        return "Not Modified"_ba;
    case 307:
        return "Temporary Redirect"_ba;
    case 400:
        return "Bad Request"_ba;
    case 401:
        return "Unauthorized"_ba;
    case 403:
        return "Forbidden"_ba;
    case 404:
        return "Not Found"_ba;
    case 405:
        return "Method Not Allowed"_ba;
    case 409:
        return "Conflict"_ba;
    case 410:
        return "Gone"_ba;
    case 411:
        return "Length Required"_ba;
    case 413:
        return "Content Too Large"_ba;
    case 415:
        return "Unsupported Media Type"_ba;
    case 416:
        return "Range Not Satisfiable"_ba;
    case 422:
        return "Unprocessable Content"_ba;
    case 429:
        return "Too Many Requests"_ba;
    case 500:
        return "Internal Server Error"_ba;
    case 501:
        return "Not Implemented"_ba;
    case 502:
        return "Bad Gateway"_ba;
    case 503:
        return "Service Unavailable"_ba;
    case 504:
        return "Gateway Timeout"_ba;
    default:
        return status < 400 ? "OK"_ba : "Error"_ba;
    }
}

QByteArray Responder::head(int status, const QByteArray &contentType, const HeaderList &framing,
                           const HeaderList &headers) const
{
    QByteArray out;
    out.reserve(512);
    out += "HTTP/1.1 " + QByteArray::number(status) + ' ' + reasonPhrase(status) + "\r\n";
    out += "Server: courier-sandbox\r\n";
    out += "Date: " +
           QLocale::c()
               .toString(QDateTime::currentDateTimeUtc(), u"ddd, dd MMM yyyy HH:mm:ss 'GMT'"_s)
               .toLatin1() +
           "\r\n";
    if (!contentType.isEmpty())
        out += "Content-Type: " + contentType + "\r\n";
    for (const auto &[name, value] : framing)
        out += name + ": " + value + "\r\n";
    for (const auto &[name, value] : headers)
        out += name + ": " + value + "\r\n";
    if (d->request.wantsClose())
        out += "Connection: close\r\n";
    out += "\r\n";
    return out;
}

void Responder::writeBody(int status, std::unique_ptr<ChunkSource> source, bool chunked, bool gzip)
{
    BodyWriter::Setup setup;
    setup.source = std::move(source);
    setup.chunked = chunked;
    if (gzip)
        setup.gzip = std::make_unique<GzipEncoder>();
    setup.faults = d->faults;
    setup.closeAfter = d->request.wantsClose();
    auto completed = d->completed;
    auto faults = d->faults;
    QElapsedTimer clock = d->clock;
    setup.done = [completed, faults, clock, status](BodyWriter::Outcome outcome, qint64 bytes) {
        if (completed)
            completed({status, bytes, BodyWriter::outcomeName(outcome), faults->applied(),
                       clock.elapsed()});
    };
    auto *writer = new BodyWriter(d->socket, std::move(setup)); // owned by the socket
    writer->start();
}

void Responder::send(int status, const QByteArray &contentType, const QByteArray &body,
                     const HeaderList &headers)
{
    if (!claim(status))
        return;
    QTcpSocket *socket = d->socket;
    socket->write(head(status, contentType,
                       {{"Content-Length"_ba, QByteArray::number(body.size())}}, headers));
    const FaultPlan &plan = *d->faults;
    if (plan.peek(FaultKind::DropAfterBytes) || plan.peek(FaultKind::StallAfterBytes) ||
        plan.peek(FaultKind::SlowBody)) {
        writeBody(status, std::make_unique<BufferSource>(body), false, false);
        return;
    }
    // The common case: small and whole, straight into the socket's buffer.
    socket->write(body);
    if (d->request.wantsClose())
        socket->disconnectFromHost();
    if (d->completed)
        d->completed({status, body.size(), u"complete"_s, plan.applied(), d->clock.elapsed()});
}

void Responder::jsonBody(int status, QByteArray body, const HeaderList &headers)
{
    if (status >= 200 && status < 300 && !d->answered &&
        d->faults->take(FaultKind::MalformedJson)) {
        // A complete HTTP answer whose document stops half-way: the parser, not the transport,
        // must notice.
        body.truncate(std::max<qsizetype>(1, body.size() / 2));
    }
    send(status, "application/json"_ba, body, headers);
}

void Responder::sendJson(int status, const QJsonObject &json, const HeaderList &headers)
{
    jsonBody(status, QJsonDocument(json).toJson(QJsonDocument::Compact), headers);
}

void Responder::sendJsonArray(int status, const QJsonArray &json, const HeaderList &headers)
{
    jsonBody(status, QJsonDocument(json).toJson(QJsonDocument::Compact), headers);
}

void Responder::sendError(int status, const QString &message, const HeaderList &headers)
{
    jsonBody(status, QJsonDocument(errorObject(status, message)).toJson(QJsonDocument::Compact),
             headers);
}

void Responder::sendEmpty(int status, const HeaderList &headers)
{
    send(status, {}, {}, headers);
}

void Responder::stream(int status, const QByteArray &contentType,
                       std::unique_ptr<ChunkSource> source, const HeaderList &headers,
                       Compression compression)
{
    if (!claim(status))
        return;
    const bool gzip = compression == Compression::IfAccepted && d->request.acceptsGzip();
    HeaderList framing{{"Transfer-Encoding"_ba, "chunked"_ba}};
    if (gzip)
        framing.append({"Content-Encoding"_ba, "gzip"_ba});
    if (compression == Compression::IfAccepted)
        framing.append({"Vary"_ba, "Accept-Encoding"_ba});
    d->socket->write(head(status, contentType, framing, headers));
    writeBody(status, std::move(source), true, gzip);
}

} // namespace courier::sandbox
