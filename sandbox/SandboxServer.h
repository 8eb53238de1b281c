#pragma once

#include "sandbox/SandboxOptions.h"

#include <memory>
#include <QObject>
#include <QUrl>

namespace courier::sandbox {

class ExchangeConsumerState;
class Faults;
class HttpFrontEnd;
class RequestLog;
class Router;
class SandboxContext;

// A loopback HTTP server speaking the protocols our connectors use, with fault injection.
// Runs on the thread that creates it (tests and the app use their main thread); every route is
// asynchronous, so it never blocks that thread, and big bodies are generated as they are sent.
//
//     courier::sandbox::SandboxServer server(options);
//     QString error;
//     if (!server.listen(0, &error)) …
//     QUrl exchange = server.url(u"/exchange");
class SandboxServer : public QObject
{
    Q_OBJECT

public:
    explicit SandboxServer(SandboxOptions options = {}, QObject *parent = nullptr);
    ~SandboxServer() override;

    // Listens on 127.0.0.1; port 0 picks a free one. False with a reason when it cannot.
    bool listen(quint16 port = 0, QString *error = nullptr);
    quint16 port() const;
    QUrl baseUrl() const;                // http://127.0.0.1:PORT
    QUrl url(const QString &path) const; // baseUrl() with this path (and query, if given)

    // The fault configuration, live: changes apply to the next request.
    Faults &faults();
    // The exchange consumer's recorded destinations (batches, members, duplicates…).
    ExchangeConsumerState &exchangeConsumer();
    RequestLog &requestLog();
    SandboxContext &context();
    const SandboxOptions &options() const;

    // Every route, "GET /exchange/v1/segments" style.
    QStringList routes() const;

    // As POST /sandbox/reset: no faults, no consumer state, no jobs, an empty request log.
    void reset();

private:
    std::unique_ptr<SandboxContext> m_context;
    std::unique_ptr<Router> m_router;
    HttpFrontEnd *m_http; // child QObject
};

} // namespace courier::sandbox
