#pragma once

#include "connectors/ConnectorRegistry.h"
#include "engine/Backoff.h"
#include "model/Endpoint.h"

#include <map>
#include <memory>
#include <QCoreApplication>
#include <QHash>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QThreadPool>

namespace courier {

class Database;
class SecretStore;

// Refreshes endpoints' audiences into the cache: reads the endpoint's secrets from the keychain,
// lists its audiences through its source connector and upserts them (by endpoint and external
// id) in one transaction. The keychain and the network are asynchronous on the caller's thread
// (the UI thread in the app); the SQLite write happens on a worker thread of this object's own,
// so the caller never waits on I/O. One refresh per endpoint at a time; different endpoints
// refresh side by side. Destroying the object cancels listings and waits for a write in
// progress (a few milliseconds) so the cache is never left half-written.
class AudienceRefresh : public QObject
{
    Q_OBJECT

public:
    // database must outlive this object; secrets may be null (then no secrets are read), and
    // is only used while it exists.
    AudienceRefresh(const Database &database, SecretStore *secrets, ConnectorRegistry registry,
                    QObject *parent = nullptr);
    ~AudienceRefresh() override;

    void setRetryPolicy(BackoffPolicy policy) { m_retry = policy; }

    // Starts refreshing the endpoint's audiences; finished() follows, asynchronously. When a
    // refresh of that endpoint is already running, it is the one that reports. False + *error
    // when the endpoint cannot list audiences (no source connector for its kind); no signal then.
    bool refresh(const Endpoint &endpoint, QString *error = nullptr);
    bool isRefreshing(qint64 endpointId) const { return m_tasks.contains(endpointId); }

signals:
    // count: the audiences stored. error: user-visible (translated), empty when ok.
    void finished(qint64 endpointId, bool ok, int count, const QString &error);

private:
    class Context;
    struct Task;

    void onSecretsRead(qint64 endpointId, QHash<QString, QByteArray> secrets, const QString &error);
    void onListed(qint64 endpointId, bool ok, const QList<AudienceInfo> &audiences,
                  const QString &error);
    void finish(qint64 endpointId, bool ok, int count, const QString &error);

    const Database &m_database;
    QPointer<SecretStore> m_secrets;
    ConnectorRegistry m_registry;
    BackoffPolicy m_retry;
    std::map<qint64, std::unique_ptr<Task>> m_tasks; // by endpoint id
    quint64 m_nextSerial = 0;
    QThreadPool m_writer; // one thread: the upserts, off the caller's thread
};

} // namespace courier
