#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <QCoreApplication>
#include <QHostAddress>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QUrl>

class QThread;

namespace courier {

class InboxStore;
class Outbox;

namespace inbox {
class Server;
} // namespace inbox

struct ExchangeInboxSettings
{
    // Loopback by default: only programs on this computer can push. Another address exposes
    // the inbox to the network (the keys are then sent in clear text: there is no TLS).
    QHostAddress address = QHostAddress(QHostAddress::LocalHost);
    quint16 port = 0;                      // 0: the system picks one (see ExchangeInbox::port)
    qint64 maxBodyBytes = qint64(1) << 30; // a bigger Content-Length is refused with 413
    qsizetype maxHeadBytes = 16 * 1024;    // request line and headers; more is refused (431)
    int maxConnections = 16;               // more at once are refused with 503
    std::chrono::milliseconds idleTimeout{30000}; // a client silent this long is dropped
    // After refusing a body that is still on its way, how long the inbox keeps reading (and
    // discarding) so the client sees the answer instead of a reset connection.
    std::chrono::milliseconds lingerTimeout{2000};
};

// The app's inbox for exchange PUSH producers (docs/exchange-protocol.md, "PUSH producer"):
// endpoints of kind "exchange" with transfer Push POST CSV to
//   http://<address>:<port>/exchange/v1/push/{endpointId}/audiences/{audienceId}
// with the endpoint's bearer key. A body that passes becomes a new audience version (a file in
// the profile and a row in the cache, InboxStore); the exchange source connector reads the
// latest one when a share runs.
//
// The listener and everything it does (parsing, spooling, CSV checks, SQLite) runs on a
// thread of its own, so the UI thread never waits on it; signals arrive on this object's
// thread.
class ExchangeInbox : public QObject
{
    Q_OBJECT

public:
    // Called on the inbox's thread (so it must be thread-safe): the endpoint's bearer key as
    // read from the keychain, empty when there is none (every push is then refused).
    using KeyLookup = std::function<QByteArray(qint64 endpointId)>;

    ExchangeInbox(std::shared_ptr<const InboxStore> store, KeyLookup keys,
                  ExchangeInboxSettings settings = {}, QObject *parent = nullptr);
    ~ExchangeInbox() override; // stops

    // Before start(): also serve the files prepared for exchange PULL consumers (OutboxRoutes,
    // docs/exchange-protocol.md "PULL consumer") on the same port. While listening, the
    // outbox knows the listener's URL (Outbox::listenerUrl), so deliveries can hand it out.
    // The consumers' keys come through the same KeyLookup as the producers'.
    void setOutbox(std::shared_ptr<Outbox> outbox) { m_outbox = std::move(outbox); }

    // Starts the thread and binds. false + *error (translated) when the address or port cannot
    // be used; port() is known as soon as it returns true.
    bool start(QString *error = nullptr);
    // Closes the listener and drops pushes in progress (their spool files go with them).
    void stop();

    bool isListening() const { return m_port != 0; }
    quint16 port() const { return m_port; }
    const ExchangeInboxSettings &settings() const { return m_settings; }
    // http://<address>:<port>/exchange/v1/push — what to tell endpoint providers.
    QUrl baseUrl() const;
    // http://<address>:<port> (127.0.0.1 when listening on every address).
    QUrl listenerUrl() const;

signals:
    // A push was recorded as a new version (not emitted for a repeated Idempotency-Key).
    void versionStored(qint64 audienceId, qint64 versionId);
    // A push was refused (status 4xx/5xx); message says why, in the words the producer got.
    // endpointId is the one the request named: 0 when it named none, and possibly one that
    // does not exist (anything on this computer can send requests).
    void pushRefused(qint64 endpointId, int status, const QString &message);

private:
    std::shared_ptr<const InboxStore> m_store;
    std::shared_ptr<Outbox> m_outbox;
    KeyLookup m_keys;
    ExchangeInboxSettings m_settings;
    QThread *m_thread = nullptr;      // owned (child)
    QPointer<inbox::Server> m_server; // lives on m_thread; deleted when it finishes
    quint16 m_port = 0;
};

} // namespace courier
