#include "SnapshotRepository.h"

#include "common/Logging.h"
#include "model/Run.h"
#include "store/Database.h"

#include <condition_variable>
#include <deque>
#include <mutex>
#include <QSqlError>
#include <QSqlQuery>
#include <thread>
#include <vector>

namespace courier {

namespace {

const auto SelectColumns = QStringLiteral(
    "SELECT id, share_id, destination_id, run_id, created_at, columns, identifier_columns, "
    "members, complete FROM member_snapshots");

SnapshotInfo readSnapshot(const QSqlQuery &query)
{
    SnapshotInfo snapshot;
    snapshot.id = query.value(0).toLongLong();
    snapshot.shareId = query.value(1).toLongLong();
    snapshot.destinationId = query.value(2).toLongLong();
    if (!query.value(3).isNull())
        snapshot.runId = query.value(3).toLongLong();
    snapshot.createdAt = storage::toDateTime(query.value(4));
    snapshot.columns = storage::toStringList(query.value(5));
    snapshot.identifierColumns = storage::toStringList(query.value(6));
    snapshot.members = query.value(7).toLongLong();
    snapshot.complete = query.value(8).toInt() != 0;
    return snapshot;
}

QVariant nullableId(const std::optional<qint64> &id)
{
    return id ? QVariant(*id) : QVariant(QMetaType::fromType<qint64>());
}

} // namespace

// --- SnapshotReader ------------------------------------------------------------------------

SnapshotReader::SnapshotReader(const Database &database, SnapshotInfo snapshot)
    : m_database(database)
    , m_snapshot(std::move(snapshot))
{}

bool SnapshotReader::fail(const QString &message)
{
    m_error = message;
    m_done = true;
    return false;
}

bool SnapshotReader::loadChunk()
{
    // One short query per chunk rather than one cursor over all of them: a statement kept open
    // for a whole delta would pin a read transaction, and with it the WAL, for its duration.
    QSqlQuery query(m_database.connection());
    query.setForwardOnly(true);
    QString error;
    if (!storage::prepareAndExec(query,
                                 QStringLiteral("SELECT data, members FROM member_snapshot_chunks "
                                                "WHERE snapshot_id = ? AND seq = ?"),
                                 {m_snapshot.id, m_chunksRead}, &error,
                                 tr("Could not read the members delivered last time.")))
        return fail(error);
    if (!query.next()) {
        m_done = true;
        if (m_recordsRead != m_snapshot.members) {
            qCWarning(lcStore) << "Member snapshot" << m_snapshot.id << "ends after"
                               << m_recordsRead << "of" << m_snapshot.members << "members";
            return fail(tr("The record of the members delivered last time is incomplete."));
        }
        return false;
    }
    m_chunk = query.value(0).toByteArray();
    const qint64 members = query.value(1).toLongLong();
    query.finish();
    if (!m_parser.reset(m_chunk) || m_parser.count() != members) {
        qCWarning(lcStore) << "Member snapshot" << m_snapshot.id << "has a damaged chunk"
                           << m_chunksRead;
        return fail(tr("The record of the members delivered last time is damaged."));
    }
    ++m_chunksRead;
    return true;
}

bool SnapshotReader::next(SnapshotRecord &record)
{
    while (!m_done) {
        if (m_parser.next(record)) {
            ++m_recordsRead;
            return true;
        }
        if (m_parser.failed() && m_chunksRead > 0) {
            qCWarning(lcStore) << "Member snapshot" << m_snapshot.id << "has a damaged chunk"
                               << m_chunksRead - 1;
            return fail(tr("The record of the members delivered last time is damaged."));
        }
        if (!loadChunk())
            return false;
    }
    return false;
}

// --- SnapshotWriter ------------------------------------------------------------------------

// The thread that stores a snapshot's chunks, in the order they were handed over.
class SnapshotWriter::Inserter
{
public:
    Inserter(const Database &database, qint64 snapshotId)
        : m_database(database)
        , m_id(snapshotId)
        , m_thread([this] { run(); })
    {}

    ~Inserter()
    {
        {
            const std::lock_guard lock(m_mutex);
            m_closing = true;
            m_abandon = true;
        }
        m_changed.notify_all();
        if (m_thread.joinable())
            m_thread.join();
    }

    // A buffer for the next chunk: one the thread is done with, when there is one.
    QByteArray spare()
    {
        const std::lock_guard lock(m_mutex);
        if (m_spares.empty())
            return {};
        QByteArray buffer = std::move(m_spares.back());
        m_spares.pop_back();
        return buffer;
    }

    // Queues a chunk, waiting while MaxQueued are already waiting. False once a chunk could not
    // be stored.
    bool submit(QByteArray chunk, qint64 members, QString *error)
    {
        std::unique_lock lock(m_mutex);
        m_changed.wait(lock, [this] { return m_queue.size() < MaxQueued || !m_error.isEmpty(); });
        if (!m_error.isEmpty()) {
            *error = m_error;
            return false;
        }
        m_queue.push_back(Job{std::move(chunk), members, m_nextSeq++});
        lock.unlock();
        m_changed.notify_all();
        return true;
    }

    // Waits until every queued chunk is stored and ends the thread.
    bool finish(QString *error)
    {
        {
            const std::lock_guard lock(m_mutex);
            m_closing = true;
        }
        m_changed.notify_all();
        m_thread.join();
        if (!m_error.isEmpty()) {
            *error = m_error;
            return false;
        }
        return true;
    }

private:
    // Two waiting chunks keep the thread busy while the merge fills the next one.
    static constexpr size_t MaxQueued = 2;

    struct Job
    {
        QByteArray data;
        qint64 members = 0;
        qint64 seq = 0;
    };

    void run()
    {
        {
            QSqlDatabase db = m_database.connection();
            QSqlQuery insert(db);
            bool prepared = false;
            for (;;) {
                Job job;
                {
                    std::unique_lock lock(m_mutex);
                    m_changed.wait(lock, [this] { return !m_queue.empty() || m_closing; });
                    if (m_queue.empty() || m_abandon)
                        break;
                    job = std::move(m_queue.front());
                    m_queue.pop_front();
                }
                m_changed.notify_all(); // there is room in the queue again
                QString error;
                if (!prepared) {
                    // This connection is the thread's own and closes with it, so its checkpoint
                    // interval is ours to set: the default (every 4 MB of WAL, with two syncs
                    // each) would sync the disk a hundred times for a 10-million-member
                    // snapshot. 32 MB between checkpoints keeps the WAL file small all the same.
                    QSqlQuery pragma(db);
                    if (!pragma.exec(QStringLiteral("PRAGMA wal_autocheckpoint = 8192")))
                        qCDebug(lcStore)
                            << "Could not space out checkpoints:" << pragma.lastError().text();
                    prepared = insert.prepare(
                        QStringLiteral("INSERT INTO member_snapshot_chunks "
                                       "(snapshot_id, seq, members, data) VALUES (?, ?, ?, ?)"));
                    if (!prepared)
                        storage::fail(
                            insert, &error,
                            SnapshotWriter::tr("Could not record the members delivered."));
                }
                if (error.isEmpty())
                    store(db, insert, job, &error);
                const std::lock_guard lock(m_mutex);
                if (!error.isEmpty()) {
                    m_error = error;
                    m_queue.clear();
                    m_changed.notify_all();
                    break;
                }
                m_spares.push_back(std::move(job.data));
            }
        }
        m_database.releaseThreadConnection();
    }

    bool store(QSqlDatabase &db, QSqlQuery &insert, const Job &job, QString *error)
    {
        // Each chunk commits on its own: the snapshot is invisible until complete() anyway, and
        // a write lock held for a whole snapshot would make every other writer of the cache (run
        // progress, other shares) wait for seconds. In WAL mode with synchronous = NORMAL a
        // commit does not sync, so this costs little.
        Transaction transaction(db);
        if (!transaction.begin(error))
            return false;
        insert.bindValue(0, m_id);
        insert.bindValue(1, job.seq);
        insert.bindValue(2, job.members);
        // Bound without a copy; the buffer outlives the statement's execution.
        insert.bindValue(3, QByteArray::fromRawData(job.data.constData(), job.data.size()));
        if (!insert.exec())
            return storage::fail(insert, error,
                                 SnapshotWriter::tr("Could not record the members delivered."));
        return transaction.commit(error);
    }

    const Database &m_database;
    const qint64 m_id;
    std::mutex m_mutex;
    std::condition_variable m_changed;
    std::deque<Job> m_queue;
    std::vector<QByteArray> m_spares;
    qint64 m_nextSeq = 0;
    bool m_closing = false;
    bool m_abandon = false;
    QString m_error;
    std::thread m_thread; // last: it starts running in the constructor
};

SnapshotWriter::SnapshotWriter(const Database &database, qint64 snapshotId)
    : m_database(database)
    , m_id(snapshotId)
{}

SnapshotWriter::~SnapshotWriter() = default;

bool SnapshotWriter::outOfOrder()
{
    // The builder's merge guarantees the order; this guards the format's one invariant.
    qCWarning(lcStore) << "Member snapshot" << m_id << "records out of order";
    m_error = tr("Could not record the members delivered: they came out of order.");
    return false;
}

bool SnapshotWriter::writeChunk()
{
    if (!m_error.isEmpty())
        return false;
    if (m_chunk.isEmpty())
        return true;
    if (!m_inserter)
        m_inserter = std::make_unique<Inserter>(m_database, m_id);
    const qint64 members = m_chunk.count();
    return m_inserter->submit(m_chunk.take(m_inserter->spare()), members, &m_error);
}

bool SnapshotWriter::close()
{
    if (m_closed)
        return m_error.isEmpty();
    m_closed = true;
    if (!writeChunk())
        return false;
    if (m_inserter && !m_inserter->finish(&m_error))
        return false;
    m_inserter.reset();
    QSqlQuery update(m_database.connection());
    return storage::prepareAndExec(update,
                                   QStringLiteral("UPDATE member_snapshots SET members = ? "
                                                  "WHERE id = ?"),
                                   {m_members, m_id}, &m_error,
                                   tr("Could not record the members delivered."));
}

// --- SnapshotRepository --------------------------------------------------------------------

SnapshotRepository::SnapshotRepository(const Database &database)
    : m_database(database)
{}

std::optional<SnapshotInfo> SnapshotRepository::latest(qint64 shareId, qint64 destinationId,
                                                       QString *error) const
{
    QSqlQuery query(m_database.connection());
    query.setForwardOnly(true);
    if (!storage::prepareAndExec(query,
                                 SelectColumns +
                                     QStringLiteral(" WHERE share_id = ? AND destination_id = ? "
                                                    "AND complete = 1 ORDER BY id DESC LIMIT 1"),
                                 {shareId, destinationId}, error,
                                 tr("Could not read the members delivered last time.")) ||
        !query.next())
        return std::nullopt;
    return readSnapshot(query);
}

std::optional<SnapshotInfo> SnapshotRepository::find(qint64 id, QString *error) const
{
    QSqlQuery query(m_database.connection());
    query.setForwardOnly(true);
    if (!storage::prepareAndExec(query, SelectColumns + QStringLiteral(" WHERE id = ?"), {id},
                                 error, tr("Could not read the members delivered last time.")) ||
        !query.next())
        return std::nullopt;
    return readSnapshot(query);
}

std::unique_ptr<SnapshotReader> SnapshotRepository::open(qint64 snapshotId, QString *error) const
{
    QString findError;
    auto snapshot = find(snapshotId, &findError);
    if (!snapshot) {
        if (error)
            *error = findError.isEmpty()
                         ? tr("The record of the members delivered last time is gone.")
                         : findError;
        return nullptr;
    }
    return std::make_unique<SnapshotReader>(m_database, std::move(*snapshot));
}

std::unique_ptr<SnapshotWriter> SnapshotRepository::create(const SnapshotInfo &header,
                                                           QString *error) const
{
    QSqlQuery insert(m_database.connection());
    const QDateTime createdAt = header.createdAt.isValid() ? header.createdAt : storage::now();
    if (!storage::prepareAndExec(
            insert,
            QStringLiteral("INSERT INTO member_snapshots (share_id, destination_id, run_id, "
                           "created_at, columns, identifier_columns, members, complete) "
                           "VALUES (?, ?, ?, ?, ?, ?, 0, 0)"),
            {header.shareId, header.destinationId, nullableId(header.runId),
             storage::timestamp(createdAt), storage::jsonText(header.columns),
             storage::jsonText(header.identifierColumns)},
            error, tr("Could not start recording the members delivered.")))
        return nullptr;
    return std::make_unique<SnapshotWriter>(m_database, insert.lastInsertId().toLongLong());
}

bool SnapshotRepository::complete(qint64 snapshotId, QString *error) const
{
    QSqlDatabase db = m_database.connection();
    Transaction transaction(db);
    if (!transaction.begin(error))
        return false;
    QSqlQuery lookup(db);
    lookup.setForwardOnly(true);
    if (!storage::prepareAndExec(
            lookup,
            QStringLiteral("SELECT share_id, destination_id FROM member_snapshots WHERE id = ?"),
            {snapshotId}, error, tr("Could not record the members delivered.")))
        return false;
    if (!lookup.next()) {
        if (error)
            *error = tr("The record of the members just delivered is gone, so the next run "
                        "will send the whole audience again.");
        return false;
    }
    const qint64 shareId = lookup.value(0).toLongLong();
    const qint64 destinationId = lookup.value(1).toLongLong();
    lookup.finish();

    QSqlQuery update(db);
    if (!storage::prepareAndExec(
            update, QStringLiteral("UPDATE member_snapshots SET complete = 1 WHERE id = ?"),
            {snapshotId}, error, tr("Could not record the members delivered.")))
        return false;
    // The chunks go with their snapshot (ON DELETE CASCADE).
    QSqlQuery remove(db);
    if (!storage::prepareAndExec(remove,
                                 QStringLiteral("DELETE FROM member_snapshots WHERE share_id = ? "
                                                "AND destination_id = ? AND id <> ?"),
                                 {shareId, destinationId, snapshotId}, error,
                                 tr("Could not replace the members delivered last time.")))
        return false;
    return transaction.commit(error);
}

bool SnapshotRepository::discard(qint64 snapshotId, QString *error) const
{
    QSqlQuery remove(m_database.connection());
    return storage::prepareAndExec(
        remove, QStringLiteral("DELETE FROM member_snapshots WHERE id = ?"), {snapshotId}, error,
        tr("Could not delete an unfinished record of members."));
}

int SnapshotRepository::sweepIncomplete(QString *error) const
{
    // A run is active while its state is not terminal; the state keys are bound as values.
    QVariantList values;
    QStringList placeholders;
    const QList<RunState> states = allRunStates();
    for (const RunState state : states) {
        if (isTerminal(state)) {
            values.append(runStateToString(state));
            placeholders.append(QStringLiteral("?"));
        }
    }
    QSqlQuery remove(m_database.connection());
    if (!storage::prepareAndExec(
            remove,
            QStringLiteral("DELETE FROM member_snapshots WHERE complete = 0 AND NOT EXISTS "
                           "(SELECT 1 FROM runs r WHERE r.id = member_snapshots.run_id "
                           "AND r.state NOT IN (%1))")
                .arg(placeholders.join(QStringLiteral(", "))),
            values, error, tr("Could not delete the unfinished records of members.")))
        return -1;
    const int swept = remove.numRowsAffected();
    if (swept > 0)
        qCDebug(lcStore) << "Swept" << swept << "incomplete member snapshots";
    return swept;
}

} // namespace courier
