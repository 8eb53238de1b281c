#pragma once

#include "SnapshotFormat.h"

#include <memory>
#include <optional>
#include <QByteArray>
#include <QCoreApplication>
#include <QDateTime>
#include <QString>
#include <QStringList>

namespace courier {

class Database;

// What one share last delivered to one destination: its members sorted by keyFp, stored in
// chunks (see SnapshotFormat.h). A snapshot is written while its run delivers (incomplete) and
// becomes the share's snapshot for that destination only when complete() replaces the old one.
struct SnapshotInfo
{
    qint64 id = 0; // 0 = not stored yet
    qint64 shareId = 0;
    qint64 destinationId = 0;
    std::optional<qint64> runId;   // the run that delivered it; none once that run is deleted
    QDateTime createdAt;           // UTC
    QStringList columns;           // the mapped columns, in order
    QStringList identifierColumns; // the columns the key cells come from, in key order
    qint64 members = 0;
    bool complete = false;

    friend bool operator==(const SnapshotInfo &, const SnapshotInfo &) = default;
};

// Streams a stored snapshot's records in keyFp order, one chunk in memory at a time. Uses the
// connection of the thread that calls it: keep it on one thread.
class SnapshotReader
{
    Q_DECLARE_TR_FUNCTIONS(courier::SnapshotReader)

public:
    SnapshotReader(const Database &database, SnapshotInfo snapshot);
    Q_DISABLE_COPY_MOVE(SnapshotReader)

    const SnapshotInfo &snapshot() const { return m_snapshot; }
    // The next record (its keyCells valid until the next call); false at the end, or on an
    // error (errorString() is set: unreadable, damaged or missing chunks).
    bool next(SnapshotRecord &record);
    QString errorString() const { return m_error; }

    int chunksRead() const { return m_chunksRead; }
    qint64 recordsRead() const { return m_recordsRead; }

private:
    bool loadChunk();
    bool fail(const QString &message);

    const Database &m_database;
    SnapshotInfo m_snapshot;
    QByteArray m_chunk;
    snapshotformat::ChunkParser m_parser;
    int m_chunksRead = 0;
    qint64 m_recordsRead = 0;
    bool m_done = false;
    QString m_error;
};

// Appends records (in strictly ascending keyFp order) to a new, incomplete snapshot. Full
// chunks are stored by a thread of the writer's own (with its own connection), so SQLite's work
// overlaps the merge that produces the records; at most a few chunks wait, so memory stays at a
// few MiB. Keep a writer on one thread.
class SnapshotWriter
{
    Q_DECLARE_TR_FUNCTIONS(courier::SnapshotWriter)

public:
    SnapshotWriter(const Database &database, qint64 snapshotId);
    ~SnapshotWriter(); // an unclosed writer drops the chunks still waiting
    Q_DISABLE_COPY_MOVE(SnapshotWriter)

    qint64 id() const { return m_id; }
    bool append(quint64 keyFp, quint64 rowFp, QByteArrayView keyCells)
    {
        if (m_members > 0 && keyFp <= m_lastKey)
            return outOfOrder();
        m_lastKey = keyFp;
        ++m_members;
        m_chunk.append(keyFp, rowFp, keyCells);
        return !m_chunk.isFull() || writeChunk();
    }
    // Stores the last chunk, waits for every chunk to be stored and records the member count.
    // The snapshot stays incomplete until SnapshotRepository::complete().
    bool close();
    qint64 members() const { return m_members; }
    QString errorString() const { return m_error; }

private:
    class Inserter;
    bool writeChunk();
    bool outOfOrder();

    const Database &m_database;
    const qint64 m_id;
    snapshotformat::ChunkBuilder m_chunk;
    std::unique_ptr<Inserter> m_inserter; // started with the first full chunk
    qint64 m_members = 0;
    quint64 m_lastKey = 0;
    bool m_closed = false;
    QString m_error;
};

// The member snapshots in the cache. Every call uses the calling thread's connection.
class SnapshotRepository
{
    Q_DECLARE_TR_FUNCTIONS(courier::SnapshotRepository)

public:
    explicit SnapshotRepository(const Database &database);

    // The share's complete snapshot for the destination; nullopt when there is none (*error
    // untouched) or on failure (*error set).
    std::optional<SnapshotInfo> latest(qint64 shareId, qint64 destinationId,
                                       QString *error = nullptr) const;
    std::optional<SnapshotInfo> find(qint64 id, QString *error = nullptr) const;
    // A reader over a stored snapshot (complete or not); nullptr + *error when it is gone.
    std::unique_ptr<SnapshotReader> open(qint64 snapshotId, QString *error = nullptr) const;
    // Stores the header of a new, incomplete snapshot (id, members and complete are ignored;
    // createdAt is now when unset) and returns a writer for its records.
    std::unique_ptr<SnapshotWriter> create(const SnapshotInfo &header,
                                           QString *error = nullptr) const;
    // In one transaction: marks the snapshot complete and deletes the share's other snapshots
    // for the same destination, so a kill leaves either the old snapshot or the new one.
    bool complete(qint64 snapshotId, QString *error = nullptr) const;
    // Deletes a snapshot and its chunks (a failed or dry delivery's).
    bool discard(qint64 snapshotId, QString *error = nullptr) const;
    // Deletes the incomplete snapshots whose run is not in progress (left by a kill or a crash);
    // returns how many, or -1 + *error. For the engine's start.
    int sweepIncomplete(QString *error = nullptr) const;

private:
    const Database &m_database;
};

} // namespace courier
