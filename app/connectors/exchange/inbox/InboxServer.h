#pragma once

#include "ExchangeInbox.h"
#include "InboxService.h"

#include <QObject>
#include <QTcpServer>

namespace courier::inbox {

// The listening socket and its connections, on the inbox's thread (ExchangeInbox creates it
// there and deletes it when that thread ends).
class Server final : public QObject
{
    Q_OBJECT

public:
    Server(std::shared_ptr<const InboxStore> store, Service::KeyLookup keys,
           ExchangeInboxSettings settings, std::shared_ptr<Outbox> outbox = {});
    ~Server() override; // closes this thread's cache connection

    // On the inbox's thread. false + *error (translated) when the address cannot be bound.
    bool listen(QString *error);
    quint16 port() const { return m_tcp.serverPort(); }

signals:
    void versionStored(qint64 audienceId, qint64 versionId);
    void pushRefused(qint64 endpointId, int status, const QString &message);

private:
    void onNewConnection();

    std::shared_ptr<const InboxStore> m_store;
    const ExchangeInboxSettings m_settings;
    Service m_service;
    QTcpServer m_tcp{this}; // a child, so it moves to the inbox's thread with the server
    int m_connections = 0;
};

} // namespace courier::inbox
