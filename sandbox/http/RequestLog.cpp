#include "sandbox/http/RequestLog.h"

#include "sandbox/http/Json.h"

#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace courier::sandbox {

void RequestLog::received(const Request &request)
{
    Entry entry;
    entry.id = request.id;
    entry.connection = request.connection;
    entry.method = request.methodName();
    entry.path = request.path;
    entry.target = request.displayTarget();
    entry.receivedAt = QDateTime::currentDateTimeUtc();
    m_entries.push_back(std::move(entry));
    while (qsizetype(m_entries.size()) > m_capacity)
        m_entries.pop_front();
}

void RequestLog::completed(quint64 id, const Completion &completion)
{
    for (auto it = m_entries.rbegin(); it != m_entries.rend(); ++it) {
        if (it->id == id) {
            it->finished = true;
            it->completion = completion;
            return;
        }
    }
}

QList<RequestLog::Entry> RequestLog::matching(const QString &pathPrefix,
                                              const QByteArray &method) const
{
    QList<Entry> out;
    for (const Entry &entry : m_entries) {
        if (entry.path.startsWith(pathPrefix) && (method.isEmpty() || entry.method == method))
            out.append(entry);
    }
    return out;
}

QJsonArray RequestLog::toJson(qsizetype last) const
{
    QJsonArray out;
    const qsizetype skip = std::max<qsizetype>(0, qsizetype(m_entries.size()) - last);
    qsizetype index = 0;
    for (const Entry &entry : m_entries) {
        if (index++ < skip)
            continue;
        QJsonObject json{{u"id"_s, qint64(entry.id)},
                         {u"connection"_s, qint64(entry.connection)},
                         {u"method"_s, QString::fromLatin1(entry.method)},
                         {u"target"_s, entry.target},
                         {u"receivedAt"_s, rfc3339(entry.receivedAt)},
                         {u"finished"_s, entry.finished}};
        if (entry.finished) {
            json.insert(u"status"_s, entry.completion.status);
            json.insert(u"bodyBytes"_s, entry.completion.bodyBytes);
            json.insert(u"outcome"_s, entry.completion.outcome);
            json.insert(u"elapsedMs"_s, entry.completion.elapsedMs);
            if (!entry.completion.faults.isEmpty())
                json.insert(u"faults"_s, QJsonArray::fromStringList(entry.completion.faults));
        }
        out.append(json);
    }
    return out;
}

} // namespace courier::sandbox
