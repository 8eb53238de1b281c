#include "ExchangeInbox.h"

#include "connectors/exchange/outbox/Outbox.h"
#include "InboxServer.h"
#include "InboxStore.h"

#include <QThread>

namespace courier {

ExchangeInbox::ExchangeInbox(std::shared_ptr<const InboxStore> store, KeyLookup keys,
                             ExchangeInboxSettings settings, QObject *parent)
    : QObject(parent)
    , m_store(std::move(store))
    , m_keys(std::move(keys))
    , m_settings(std::move(settings))
{}

ExchangeInbox::~ExchangeInbox()
{
    stop();
}

bool ExchangeInbox::start(QString *error)
{
    if (m_thread)
        return true;
    m_thread = new QThread(this);
    m_thread->setObjectName(QStringLiteral("exchange-inbox"));
    auto *server = new inbox::Server(m_store, m_keys, m_settings, m_outbox);
    server->moveToThread(m_thread);
    m_server = server;
    // The server, its sockets and its cache connection belong to the thread: they go with it.
    connect(m_thread, &QThread::finished, server, &QObject::deleteLater);
    connect(server, &inbox::Server::versionStored, this, &ExchangeInbox::versionStored);
    connect(server, &inbox::Server::pushRefused, this, &ExchangeInbox::pushRefused);
    m_thread->start();

    // Binding takes microseconds; waiting for it lets the caller show the port at once.
    bool listening = false;
    quint16 port = 0;
    QString listenError;
    QMetaObject::invokeMethod(
        server,
        [server, &listening, &port, &listenError] {
            listening = server->listen(&listenError);
            port = server->port();
        },
        Qt::BlockingQueuedConnection);
    if (listening && m_outbox) {
        // Links that ran out while the app was closed lose their files; on the listener's
        // thread, as the outbox's other work.
        QMetaObject::invokeMethod(server, [outbox = m_outbox] { outbox->sweep(); });
    }
    if (!listening) {
        stop();
        if (error)
            *error = listenError;
        return false;
    }
    m_port = port;
    if (m_outbox)
        m_outbox->setListenerUrl(listenerUrl());
    return true;
}

void ExchangeInbox::stop()
{
    if (!m_thread)
        return;
    if (m_outbox && m_port != 0)
        m_outbox->setListenerUrl({});
    m_thread->quit();
    m_thread->wait();
    delete m_thread;
    m_thread = nullptr;
    m_port = 0;
}

QUrl ExchangeInbox::baseUrl() const
{
    QUrl url;
    url.setScheme(QStringLiteral("http"));
    url.setHost(m_settings.address.toString());
    url.setPort(m_port);
    url.setPath(QStringLiteral("/exchange/v1/push"));
    return url;
}

QUrl ExchangeInbox::listenerUrl() const
{
    const QHostAddress &address = m_settings.address;
    const bool everywhere = address == QHostAddress(QHostAddress::Any) ||
                            address == QHostAddress(QHostAddress::AnyIPv4) ||
                            address == QHostAddress(QHostAddress::AnyIPv6);
    QUrl url;
    url.setScheme(QStringLiteral("http"));
    url.setHost(everywhere ? QStringLiteral("127.0.0.1") : address.toString());
    url.setPort(m_port);
    return url;
}

} // namespace courier
