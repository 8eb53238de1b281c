#pragma once

#include "InboxHttp.h"
#include "model/Endpoint.h"

#include <functional>
#include <memory>
#include <QCoreApplication>
#include <QString>
#include <variant>

class QTemporaryFile;

namespace courier {

class InboxStore;
class Outbox;

namespace inbox {

class OutboxRoutes;

// A push the inbox agreed to read the body of.
struct PushTicket
{
    Endpoint endpoint;
    QString externalId;
    QString name;        // empty: keep the stored one
    QString description; // empty: keep the stored one
    QString pushId;      // the Idempotency-Key; empty when none was sent
    qint64 contentLength = 0;
    bool expectContinue = false; // the client waits for "100 Continue" before sending the body
};

// A final answer, and what it meant (for the log and the inbox's signals).
struct Answer
{
    int status = 0;
    QByteArray bytes;      // the whole HTTP response
    QString message;       // why, when refused
    qint64 endpointId = 0; // the endpoint the request named, when it named a valid one
    qint64 audienceId = 0;
    qint64 versionId = 0;
    bool stored = false; // a new version was recorded
};

// What the inbox decides, apart from the sockets: whether a request head may send its body
// (route, endpoint, key, size, type), and turning a received body into a recorded audience
// version. Lives on the inbox's thread.
class Service
{
    Q_DECLARE_TR_FUNCTIONS(courier::inbox::Service)

public:
    // Called on the inbox's thread; returns the endpoint's bearer key, empty when it has none.
    using KeyLookup = std::function<QByteArray(qint64 endpointId)>;

    // outbox: the files PULL consumers fetch, served on the same listener (OutboxRoutes);
    // without it, those paths answer 404.
    Service(std::shared_ptr<const InboxStore> store, KeyLookup keys, qint64 maxBodyBytes,
            std::shared_ptr<Outbox> outbox = {});
    ~Service();

    // The outbox's routes; null when the listener serves no outbox.
    const OutboxRoutes *outboxRoutes() const { return m_outboxRoutes.get(); }

    // From the head alone: a ticket to read the body, or the final answer (a refusal, or the
    // version an earlier push with the same Idempotency-Key stored).
    std::variant<PushTicket, Answer> admit(const RequestHead &head) const;

    // A new, open spool file in the endpoint's inbox folder (removed when destroyed unless the
    // version is recorded). nullptr + *error when it cannot be created.
    std::unique_ptr<QTemporaryFile> createSpool(const PushTicket &ticket, QString *error) const;

    // The body is in spool (closed or open; sha256Hex of its bytes): checks it is CSV, moves it
    // to its final name and records the version. Nothing stays behind unless it answers 201.
    Answer store(const PushTicket &ticket, QTemporaryFile &spool, const QString &sha256Hex) const;

    static Answer refusal(int status, const QString &message, const HeaderList &headers = {});

private:
    std::shared_ptr<const InboxStore> m_store;
    KeyLookup m_keys;
    qint64 m_maxBodyBytes;
    std::unique_ptr<OutboxRoutes> m_outboxRoutes;
};

} // namespace inbox
} // namespace courier
