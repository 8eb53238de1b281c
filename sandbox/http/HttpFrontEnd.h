#pragma once

#include <QAbstractHttpServer>

namespace courier::sandbox {

class Router;
class SandboxContext;

// The QtHttpServer side: Qt parses requests, this class routes them. It subclasses
// QAbstractHttpServer rather than using QHttpServer because the raw QTcpSocket is what lets a
// route stream with back-pressure, throttle, stall or drop the connection mid-body.
class HttpFrontEnd : public QAbstractHttpServer
{
    Q_OBJECT

public:
    HttpFrontEnd(Router &router, SandboxContext &context, QObject *parent = nullptr);

    // 127.0.0.1 only: the sandbox holds no secrets but must never be reachable from outside.
    bool listenLocal(quint16 port, QString *error);
    quint16 port() const { return m_port; }

protected:
    bool handleRequest(const QHttpServerRequest &request, QTcpSocket *socket) override;
    void missingHandler(const QHttpServerRequest &request, QTcpSocket *socket) override;

private:
    quint64 connectionId(QTcpSocket *socket);

    Router &m_router;
    SandboxContext &m_context;
    quint16 m_port = 0;
    quint64 m_requests = 0;
    quint64 m_connections = 0;
};

} // namespace courier::sandbox
