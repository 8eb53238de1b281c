#include "sandbox/protocols/exchange/ExchangeConsumerState.h"

#include "sandbox/audience/SplitMix.h"
#include "sandbox/audience/SyntheticAudience.h"
#include "sandbox/http/Json.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace courier::sandbox {

ExchangeConsumerState::Destination &ExchangeConsumerState::create(const QString &name,
                                                                  const QString &description)
{
    Destination destination;
    destination.id = u"dest-%1"_s.arg(++m_created);
    destination.name = name;
    destination.description = description;
    destination.createdAt = QDateTime::currentDateTimeUtc();
    m_order.append(destination.id);
    return *m_destinations.insert(destination.id, std::move(destination));
}

ExchangeConsumerState::Destination *ExchangeConsumerState::find(const QString &id)
{
    const auto it = m_destinations.find(id);
    return it == m_destinations.end() ? nullptr : &*it;
}

const ExchangeConsumerState::Destination *
ExchangeConsumerState::destination(const QString &id) const
{
    const auto it = m_destinations.constFind(id);
    return it == m_destinations.cend() ? nullptr : &*it;
}

QList<const ExchangeConsumerState::Destination *> ExchangeConsumerState::destinations() const
{
    QList<const Destination *> out;
    for (const QString &id : m_order)
        out.append(destination(id));
    return out;
}

quint64 ExchangeConsumerState::keyHash(QByteArrayView key)
{
    // FNV-1a then a splitmix finish: 64 bits, so a collision among a few million keys is
    // astronomically unlikely, and 8 bytes a key instead of the key itself.
    quint64 h = 0xcbf29ce484222325ULL;
    for (const char c : key)
        h = (h ^ quint8(c)) * 0x100000001b3ULL;
    return splitMix64(h);
}

bool ExchangeConsumerState::hasSeen(const Destination &destination, QByteArrayView key)
{
    return destination.keysSeen.contains(keyHash(key));
}

QJsonObject ExchangeConsumerState::summaryJson(const Destination &d)
{
    return QJsonObject{{u"id"_s, d.id},
                       {u"name"_s, d.name},
                       {u"description"_s, d.description},
                       {u"members"_s, qint64(d.members.size())},
                       {u"createdAt"_s, rfc3339(d.createdAt)}};
}

QJsonObject ExchangeConsumerState::countersJson(const Destination &d)
{
    QJsonArray sessions;
    for (auto it = d.sessions.cbegin(); it != d.sessions.cend(); ++it) {
        sessions.append(QJsonObject{{u"session"_s, it.key()},
                                    {u"batchesStaged"_s, it->nextBatch - 1},
                                    {u"rowsStaged"_s, it->rows},
                                    {u"keysStaged"_s, qint64(it->staged.size())}});
    }
    QJsonObject json = summaryJson(d);
    json.insert(u"batchesReceived"_s, d.batchesReceived);
    json.insert(u"batchesApplied"_s, d.batchesApplied);
    json.insert(u"duplicateBatches"_s, d.duplicateBatches);
    json.insert(u"batchesRefused"_s, d.batchesRefused);
    json.insert(u"rowsReceived"_s, d.rowsReceived);
    json.insert(u"rowsRejected"_s, d.rowsRejected);
    json.insert(u"duplicateRows"_s, d.duplicateRows);
    json.insert(u"rowsRemoved"_s, d.rowsRemoved);
    json.insert(u"keysSeen"_s, qint64(d.keysSeen.size()));
    json.insert(u"idempotencyKeys"_s, qint64(d.results.size()));
    json.insert(u"stagedSessions"_s, sessions);
    json.insert(u"appliedSessions"_s, qint64(d.appliedSessions.size()));
    json.insert(u"lastBatchAt"_s,
                d.lastBatchAt.isValid() ? QJsonValue(rfc3339(d.lastBatchAt)) : QJsonValue());
    return json;
}

QByteArray ExchangeConsumerState::membersCsv(const Destination &d)
{
    QByteArrayList keys(d.members.cbegin(), d.members.cend());
    std::sort(keys.begin(), keys.end());
    QByteArray out;
    SyntheticAudience::appendCsvField(d.keyColumn, out);
    out += "\r\n";
    for (const QByteArray &key : std::as_const(keys)) {
        SyntheticAudience::appendCsvField(key, out);
        out += "\r\n";
    }
    return out;
}

void ExchangeConsumerState::reset()
{
    m_destinations.clear();
    m_order.clear();
    m_created = 0;
}

} // namespace courier::sandbox
