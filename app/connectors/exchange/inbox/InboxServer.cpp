#include "InboxServer.h"

#include "common/Logging.h"
#include "InboxConnection.h"
#include "InboxStore.h"
#include "store/Database.h"

#include <QTcpSocket>

namespace courier::inbox {

Server::Server(std::shared_ptr<const InboxStore> store, Service::KeyLookup keys,
               ExchangeInboxSettings settings, std::shared_ptr<Outbox> outbox)
    : m_store(store)
    , m_settings(std::move(settings))
    , m_service(std::move(store), std::move(keys), m_settings.maxBodyBytes, std::move(outbox))
{
    connect(&m_tcp, &QTcpServer::newConnection, this, &Server::onNewConnection);
}

Server::~Server()
{
    m_tcp.close();
    // The connections (children) go before the cache connection they may have used.
    qDeleteAll(findChildren<Connection *>(Qt::FindDirectChildrenOnly));
    m_store->database().releaseThreadConnection();
}

bool Server::listen(QString *error)
{
    if (m_tcp.listen(m_settings.address, m_settings.port)) {
        qCInfo(lcConnectors).noquote()
            << "exchange inbox: listening on" << m_settings.address.toString() << "port" << port();
        return true;
    }
    if (error)
        *error = Service::tr("The exchange inbox cannot listen on %1 port %2: %3")
                     .arg(m_settings.address.toString())
                     .arg(m_settings.port)
                     .arg(m_tcp.errorString());
    return false;
}

void Server::onNewConnection()
{
    while (QTcpSocket *socket = m_tcp.nextPendingConnection()) {
        auto *connection = new Connection(socket, m_service, m_settings, this);
        connect(connection, &Connection::versionStored, this, &Server::versionStored);
        connect(connection, &Connection::pushRefused, this, &Server::pushRefused);
        connect(connection, &QObject::destroyed, this, [this] { --m_connections; });
        if (++m_connections > m_settings.maxConnections)
            connection->refuse(503, Service::tr("Too many pushes at once; try again shortly."),
                               {{"Retry-After", "1"}});
    }
}

} // namespace courier::inbox
