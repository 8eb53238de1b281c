#pragma once

#include "sandbox/http/Responder.h"

#include <deque>
#include <QDateTime>
#include <QJsonArray>
#include <QString>

namespace courier::sandbox {

// The most recent requests and how each was answered: for tests ("the client retried once")
// and for people (GET /sandbox/requests). Bounded; the oldest entries fall off.
class RequestLog
{
public:
    struct Entry
    {
        quint64 id = 0;
        quint64 connection = 0;
        QByteArray method;
        QString path;
        QString target; // path and query, secrets masked
        QDateTime receivedAt;
        bool finished = false;
        Completion completion;
    };

    explicit RequestLog(qsizetype capacity = 1000)
        : m_capacity(capacity)
    {}

    void received(const Request &request);
    void completed(quint64 id, const Completion &completion);
    void clear() { m_entries.clear(); }

    QList<Entry> entries() const { return {m_entries.begin(), m_entries.end()}; }
    // Requests whose path starts with prefix (and, when given, with this method).
    QList<Entry> matching(const QString &pathPrefix, const QByteArray &method = {}) const;
    QJsonArray toJson(qsizetype last = 200) const;

private:
    std::deque<Entry> m_entries;
    qsizetype m_capacity;
};

} // namespace courier::sandbox
