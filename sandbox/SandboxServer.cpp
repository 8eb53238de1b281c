#include "sandbox/SandboxServer.h"

#include "sandbox/http/HttpFrontEnd.h"
#include "sandbox/http/Router.h"
#include "sandbox/protocols/exchange/ExchangeConsumerState.h"
#include "sandbox/protocols/Protocols.h"
#include "sandbox/SandboxContext.h"

using namespace Qt::StringLiterals;

namespace courier::sandbox {

SandboxServer::SandboxServer(SandboxOptions options, QObject *parent)
    : QObject(parent)
    , m_context(std::make_unique<SandboxContext>(std::move(options)))
    , m_router(std::make_unique<Router>())
{
    registerAllProtocols(*m_router, *m_context);
    m_http = new HttpFrontEnd(*m_router, *m_context, this);
}

SandboxServer::~SandboxServer()
{
    // The front end's sockets and body writers go first: they call into the context.
    delete m_http;
}

bool SandboxServer::listen(quint16 port, QString *error)
{
    if (m_http->port() != 0) {
        if (error)
            *error = u"The sandbox is already listening on port %1."_s.arg(m_http->port());
        return false;
    }
    if (!m_http->listenLocal(port, error))
        return false;
    m_context->setBaseUrl(baseUrl());
    return true;
}

quint16 SandboxServer::port() const
{
    return m_http->port();
}

QUrl SandboxServer::baseUrl() const
{
    QUrl url;
    url.setScheme(u"http"_s);
    url.setHost(u"127.0.0.1"_s);
    url.setPort(m_http->port());
    return url;
}

QUrl SandboxServer::url(const QString &path) const
{
    QUrl url = baseUrl();
    const qsizetype question = path.indexOf(u'?');
    url.setPath(question < 0 ? path : path.left(question));
    if (question >= 0)
        url.setQuery(path.mid(question + 1));
    return url;
}

Faults &SandboxServer::faults()
{
    return m_context->faults();
}

ExchangeConsumerState &SandboxServer::exchangeConsumer()
{
    return m_context->state<ExchangeConsumerState>();
}

RequestLog &SandboxServer::requestLog()
{
    return m_context->requestLog();
}

SandboxContext &SandboxServer::context()
{
    return *m_context;
}

const SandboxOptions &SandboxServer::options() const
{
    return m_context->options();
}

QStringList SandboxServer::routes() const
{
    return m_router->describe();
}

void SandboxServer::reset()
{
    m_context->reset();
}

} // namespace courier::sandbox
