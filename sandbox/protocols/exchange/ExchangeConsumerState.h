#pragma once

#include "sandbox/SandboxContext.h"

#include <QDateTime>
#include <QHash>
#include <QJsonObject>
#include <QSet>

namespace courier::sandbox {

// What the exchange PUSH consumer has received: its destinations, their members and the
// counters a test or a person checks delivery with (batches received / applied / duplicate,
// rows, keys re-added). Pure bookkeeping; the HTTP side is ExchangeConsumer.cpp.
class ExchangeConsumerState : public ProtocolState
{
public:
    // A staged Replace: batches 1..n of one Exchange-Session, applied when the last arrives.
    struct Session
    {
        int nextBatch = 1;
        QSet<QByteArray> staged;
        qint64 rows = 0;
    };

    struct Destination
    {
        QString id;
        QString name;
        QString description;
        QDateTime createdAt;
        QByteArray keyColumn = QByteArrayLiteral("key"); // the first header of the last batch
        QSet<QByteArray> members;
        QSet<quint64> keysSeen; // every key ever received (hashed: counting, not listing)

        qint64 batchesReceived = 0;  // data requests accepted for processing, duplicates included
        qint64 batchesApplied = 0;   // batches whose rows took effect
        qint64 duplicateBatches = 0; // repeated Idempotency-Keys (not applied again)
        qint64 batchesRefused = 0;   // 400/409/413/415 answers to data requests
        qint64 rowsReceived = 0;     // data rows of non-duplicate batches
        qint64 rowsRejected = 0;     // of those, unusable (empty key, wrong field count…)
        qint64 duplicateRows = 0;    // rows that added a key already present
        qint64 rowsRemoved = 0;      // members removed by Remove batches
        QDateTime lastBatchAt;

        QHash<QByteArray, QJsonObject> results; // Idempotency-Key → the answer it got
        QHash<QString, Session> sessions;       // Replace sessions still being staged
        QSet<QString> appliedSessions;
    };

    Destination &create(const QString &name, const QString &description);
    Destination *find(const QString &id);
    const Destination *destination(const QString &id) const;
    QList<const Destination *> destinations() const; // in creation order

    static quint64 keyHash(QByteArrayView key);
    static bool hasSeen(const Destination &destination, QByteArrayView key);
    static QJsonObject summaryJson(const Destination &destination);  // the API's view
    static QJsonObject countersJson(const Destination &destination); // /sandbox/destinations
    // Current members, sorted, as CSV (CRLF) headed by the key column's name.
    static QByteArray membersCsv(const Destination &destination);

    void reset() override;

private:
    QHash<QString, Destination> m_destinations;
    QStringList m_order;
    quint64 m_created = 0;
};

} // namespace courier::sandbox
