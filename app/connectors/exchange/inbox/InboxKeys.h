#pragma once

#include <QByteArray>
#include <QHash>
#include <QMutex>

namespace courier {

// The bearer keys of the endpoints that push to the inbox, as the app read them from the
// keychain. The keychain answers asynchronously on the UI thread while the inbox checks keys
// on its own thread, so the app keeps them here: set() when a key is read or changed,
// remove() when an endpoint goes; the inbox's KeyLookup is key(). Thread-safe. Held in memory
// only, never written anywhere.
class InboxKeys
{
public:
    void set(qint64 endpointId, const QByteArray &key)
    {
        const QMutexLocker lock(&m_mutex);
        m_keys.insert(endpointId, key);
    }
    void remove(qint64 endpointId)
    {
        const QMutexLocker lock(&m_mutex);
        m_keys.remove(endpointId);
    }
    QByteArray key(qint64 endpointId) const
    {
        const QMutexLocker lock(&m_mutex);
        return m_keys.value(endpointId);
    }

private:
    mutable QMutex m_mutex;
    QHash<qint64, QByteArray> m_keys;
};

} // namespace courier
