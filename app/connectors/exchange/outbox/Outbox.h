#pragma once

#include "OutboxRepository.h"

#include <chrono>
#include <memory>
#include <QByteArray>
#include <QCoreApplication>
#include <QMutex>
#include <QString>
#include <QUrl>

namespace courier {

class Database;
class InboxKeys;

// Files prepared for exchange PULL consumers (docs/exchange-protocol.md, "PULL consumer"): an
// OutboxDelivery writes one per run under <profile>/outbox/<endpoint id>/ and records it in the
// cache; the app's exchange listener serves it once, to the consumer's key plus the job's
// one-time token, and stores the status the consumer reports back.
//
// Shared by the deliveries (on the runs' threads) and the listener (on its own); thread-safe.
// The database must outlive it.
class Outbox
{
    Q_DECLARE_TR_FUNCTIONS(courier::Outbox)

public:
    static constexpr std::chrono::seconds DefaultExpiry{24 * 3600};
    // Final jobs are forgotten this long after their link ran out.
    static constexpr std::chrono::seconds KeepFinishedJobs{30 * 24 * 3600};

    // keys: where the listener looks up the consumers' keys (the same InboxKeys the listener's
    // KeyLookup reads); a delivery puts its endpoint's key there, so a consumer connected since
    // the app started can pull at once. May be null (then only the keys the app read at start
    // count).
    Outbox(const Database &database, QString profileDirectory,
           std::shared_ptr<InboxKeys> keys = {});

    const Database &database() const { return m_database; }
    QString profileDirectory() const { return m_profileDirectory; }
    // Where an endpoint's files go.
    QString endpointDirectory(qint64 endpointId) const;
    QString absolutePath(const QString &relativePath) const;
    QString relativePath(const QString &absolutePath) const;

    // http://<address>:<port> of the listener that serves the files; empty while none runs.
    void setListenerUrl(const QUrl &url);
    QUrl listenerUrl() const;
    // The URLs a consumer is told: .../exchange/v1/outbox/<id>/data?token=… and
    // .../status?token=…. The token ties a report to this very job: ids of removed jobs may be
    // given out again.
    QUrl dataUrl(qint64 jobId, const QByteArray &token) const;
    QUrl statusUrl(qint64 jobId, const QByteArray &token) const;

    // Makes a consumer's key known to the listener (in memory only).
    void rememberKey(qint64 endpointId, const QByteArray &key) const;

    // 32 random bytes, base64url without padding; and the hex SHA-256 the cache keeps of it.
    static QByteArray newToken();
    static QString tokenHash(QByteArrayView token);

    // Deletes a job's file (if it is still there) / its file and its row.
    void removeFile(const OutboxJob &job) const;
    bool discard(qint64 jobId, QString *error = nullptr) const;

    // Expired links lose their file (the job becomes expired), long-finished jobs are
    // forgotten, and files no job needs (left by a crash between writing and recording) older
    // than an hour are deleted. Returns the number of files removed.
    int sweep() const;

private:
    const Database &m_database;
    QString m_profileDirectory;
    std::shared_ptr<InboxKeys> m_keys;
    mutable QMutex m_mutex;
    QUrl m_listenerUrl;
};

} // namespace courier
