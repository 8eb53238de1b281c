#pragma once

#include <memory>
#include <QCoreApplication>
#include <QDateTime>
#include <QHash>
#include <QJsonObject>
#include <QMutex>
#include <QPointer>
#include <QSqlDatabase>
#include <QString>
#include <QStringList>
#include <QVariant>

class QSqlError;
class QSqlQuery;
class QThread;

namespace courier {

// The profile's SQLite cache. Owns one named QSqlDatabase connection per thread that uses it
// (QtSql connections must not cross threads); the repositories ask for the calling thread's
// connection on every call, so they can be used from any thread.
class Database
{
    Q_DECLARE_TR_FUNCTIONS(courier::Database)

public:
    // Opens (creating if needed) the cache at path, applies pragmas, runs migrations.
    // nullptr + *error on failure.
    static std::unique_ptr<Database> open(const QString &path, QString *error = nullptr);
    ~Database(); // removes every connection it created

    Q_DISABLE_COPY_MOVE(Database)

    QString path() const { return m_path; }
    int schemaVersion() const { return m_schemaVersion; }

    // The calling thread's connection (one named connection per thread, created on first use,
    // same pragmas). Do not keep the returned handle beyond the current operation.
    QSqlDatabase connection() const;
    // A worker thread calls this before it ends, to close its connection.
    void releaseThreadConnection() const;

    // The user-visible refusal for a cache from a newer build.
    static QString newerSchemaMessage(int found, int known);

private:
    struct ThreadConnection
    {
        QString name;
        // Guards against a dead thread's QThread address being reused by a new thread.
        QPointer<QThread> thread;
    };

    explicit Database(QString path);
    bool initialize(QString *error);
    // connection(), reporting why the connection could not be opened.
    QSqlDatabase threadConnection(QString *error) const;

    const QString m_path;
    const quint64 m_serial; // makes connection names unique per instance within the process
    int m_schemaVersion = 0;
    mutable QMutex m_mutex;
    mutable QHash<QThread *, ThreadConnection> m_connections;
    mutable quint64 m_nextConnection = 0;
};

// RAII write transaction. BEGIN IMMEDIATE takes the write lock up front, so a writer never
// fails half-way with SQLITE_BUSY when another connection writes first (WAL upgrade deadlock);
// the busy timeout handles the wait instead. Rolls back unless commit() succeeded.
class Transaction
{
public:
    explicit Transaction(QSqlDatabase db);
    ~Transaction();
    Q_DISABLE_COPY_MOVE(Transaction)

    bool begin(QString *error = nullptr);
    bool commit(QString *error = nullptr);
    void rollback();
    bool isActive() const { return m_active; }

private:
    QSqlDatabase m_db;
    bool m_active = false;
};

// Value conversions and error reporting shared by the repositories, so every table stores
// timestamps, lists and JSON the same way.
namespace storage {

// A non-null text value: QtSql binds a null QString as SQL NULL, which NOT NULL columns refuse.
QVariant text(const QString &value);
// UTC ISO-8601 with milliseconds (sorts as text); an invalid QDateTime becomes NULL.
QVariant timestamp(const QDateTime &value);
QDateTime toDateTime(const QVariant &value);
QString jsonText(const QStringList &list);
QString jsonText(const QJsonObject &object);
QStringList toStringList(const QVariant &value);
QJsonObject toJsonObject(const QVariant &value);
QDateTime now();

// Logs the SQL and driver error to lcStore, sets *error to the user message (plus a hint for
// a busy, full or read-only cache) and returns false, so callers can `return fail(...)`.
bool fail(const QSqlQuery &query, QString *error, const QString &userMessage);
bool fail(const QSqlError &sqlError, const QString &sql, QString *error,
          const QString &userMessage);

// Prepares sql on query, binds values in order and runs it; on failure reports through fail()
// with userMessage. The one place the repositories' prepare-bind-exec steps live.
bool prepareAndExec(QSqlQuery &query, const QString &sql, const QVariantList &values,
                    QString *error, const QString &userMessage);

} // namespace storage

} // namespace courier
