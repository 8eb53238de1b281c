#pragma once

#include "sandbox/faults/Faults.h"
#include "sandbox/http/ChunkSource.h"
#include "sandbox/http/Request.h"

#include <functional>
#include <memory>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonObject>
#include <QPointer>
#include <QTcpSocket>

namespace courier::sandbox {

using HeaderList = QList<std::pair<QByteArray, QByteArray>>;

// How a request was answered, for the request log.
struct Completion
{
    int status = 0;
    qint64 bodyBytes = 0; // on the wire, after the head
    QString outcome;      // "complete", "dropped", "stalled", …
    QStringList faults;   // the faults applied to this request
    qint64 elapsedMs = 0;
};

// The way a handler answers one request. Cheap to copy (shared state): a handler that answers
// later keeps a copy. Exactly one answer is sent; later calls are ignored with a warning.
// Every answer goes through the request's FaultPlan, so each protocol gets fault injection
// for free: body faults (drop, stall, slow, truncated gzip) and cut-off JSON.
class Responder
{
public:
    enum class Compression {
        IfAccepted, // gzip when the request's Accept-Encoding allows it
        Never
    };

    Responder(QTcpSocket *socket, Request request, std::shared_ptr<FaultPlan> faults,
              std::function<void(const Completion &)> completed);

    const Request &request() const;
    FaultPlan &faults();
    bool isAnswered() const;
    bool isShared() const; // a handler kept a copy to answer later

    // A complete body with Content-Length.
    void send(int status, const QByteArray &contentType, const QByteArray &body,
              const HeaderList &headers = {});
    void sendJson(int status, const QJsonObject &json, const HeaderList &headers = {});
    void sendJsonArray(int status, const QJsonArray &json, const HeaderList &headers = {});
    // {"error":{"code":status,"message":message}}
    void sendError(int status, const QString &message, const HeaderList &headers = {});
    void sendEmpty(int status, const HeaderList &headers = {});
    // A generated body, chunked, pulled from the source as the socket drains; gzip on the fly
    // unless Compression::Never.
    void stream(int status, const QByteArray &contentType, std::unique_ptr<ChunkSource> source,
                const HeaderList &headers = {}, Compression compression = Compression::IfAccepted);

    static QByteArray reasonPhrase(int status);

private:
    struct State;
    bool claim(int status);
    QByteArray head(int status, const QByteArray &contentType, const HeaderList &framing,
                    const HeaderList &headers) const;
    void writeBody(int status, std::unique_ptr<ChunkSource> source, bool chunked, bool gzip);
    void jsonBody(int status, QByteArray body, const HeaderList &headers);

    std::shared_ptr<State> d;
};

} // namespace courier::sandbox
