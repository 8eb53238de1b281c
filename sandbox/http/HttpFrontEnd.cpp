#include "sandbox/http/HttpFrontEnd.h"

#include "sandbox/http/Responder.h"
#include "sandbox/http/Router.h"
#include "sandbox/Logging.h"
#include "sandbox/SandboxContext.h"

#include <QHttpServerRequest>
#include <QTcpServer>
#include <QTcpSocket>

using namespace Qt::StringLiterals;

namespace courier::sandbox {

namespace {
constexpr char ConnectionProperty[] = "courierSandboxConnection";
}

HttpFrontEnd::HttpFrontEnd(Router &router, SandboxContext &context, QObject *parent)
    : QAbstractHttpServer(parent)
    , m_router(router)
    , m_context(context)
{}

bool HttpFrontEnd::listenLocal(quint16 port, QString *error)
{
    // Our own QTcpServer rather than QAbstractHttpServer::listen(), to get its error string.
    auto *server = new QTcpServer(this);
    if (!server->listen(QHostAddress::LocalHost, port)) {
        if (error)
            *error = server->errorString();
        delete server;
        return false;
    }
    bind(server);
    m_port = server->serverPort();
    return true;
}

quint64 HttpFrontEnd::connectionId(QTcpSocket *socket)
{
    QVariant id = socket->property(ConnectionProperty);
    if (!id.isValid()) {
        id = ++m_connections;
        socket->setProperty(ConnectionProperty, id);
    }
    return id.toULongLong();
}

bool HttpFrontEnd::handleRequest(const QHttpServerRequest &qtRequest, QTcpSocket *socket)
{
    Request request = Request::fromQt(qtRequest);
    request.id = ++m_requests;
    request.connection = connectionId(socket);
    // Never the Authorization value: only whether there was one.
    qCDebug(lcSandbox).noquote() << u"#%1 [conn %2] %3 %4%5"_s.arg(request.id)
                                        .arg(request.connection)
                                        .arg(QString::fromLatin1(request.methodName()),
                                             request.displayTarget(),
                                             request.hasHeader("Authorization")
                                                 ? u" (with credentials)"_s
                                                 : QString());
    std::shared_ptr<RequestLog> log = m_context.sharedRequestLog();
    log->received(request);

    Router::Match match = m_router.match(request.method, request.path);
    auto plan = std::make_shared<FaultPlan>();
    if (match.handler && match.faults == Router::Faults::Apply)
        *plan = m_context.faults().planFor(request.methodName(), request.path);
    request.params = std::move(match.params);

    const quint64 id = request.id;
    Responder responder(socket, std::move(request), plan, [log, id](const Completion &done) {
        qCDebug(lcSandbox).noquote()
            << u"#%1 → %2, %3 body bytes, %4%5 (%6 ms)"_s.arg(id)
                   .arg(done.status)
                   .arg(done.bodyBytes)
                   .arg(done.outcome, done.faults.isEmpty()
                                          ? QString()
                                          : u", faults: "_s + done.faults.join(u", "_s))
                   .arg(done.elapsedMs);
        log->completed(id, done);
    });

    if (!match.handler) {
        if (!match.allowed.isEmpty()) {
            QByteArrayList names;
            for (Request::Method method : std::as_const(match.allowed))
                names << methodName(method);
            responder.sendError(405,
                                u"%1 is not supported here."_s.arg(
                                    QString::fromLatin1(responder.request().methodName())),
                                {{"Allow"_ba, names.join(", "_ba)}});
        } else {
            responder.sendError(404, u"No such route: %1"_s.arg(responder.request().path));
        }
        return true;
    }

    if (const auto rule = responder.faults().take(FaultKind::ErrorStatus)) {
        // The route does not run: like a proxy in front of a busy service, nothing happened.
        HeaderList headers;
        if (rule->errorStatus == 429 || rule->errorStatus == 503)
            headers.append({"Retry-After"_ba, QByteArray::number(rule->retryAfterSeconds)});
        responder.sendError(rule->errorStatus,
                            u"Injected fault: HTTP %1 from the sandbox."_s.arg(rule->errorStatus),
                            headers);
        return true;
    }

    (*match.handler)(responder.request(), responder);
    if (!responder.isAnswered() && !responder.isShared())
        responder.sendError(500, u"The route did not answer."_s);
    return true;
}

void HttpFrontEnd::missingHandler(const QHttpServerRequest &request, QTcpSocket *socket)
{
    // handleRequest() answers everything (404/405 included); kept for the interface.
    Responder responder(socket, Request::fromQt(request), nullptr, {});
    responder.sendError(404, u"No such route."_s);
}

} // namespace courier::sandbox
