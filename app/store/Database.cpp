#include "Database.h"

#include "common/Logging.h"
#include "Migrations.h"

#include <atomic>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QMutexLocker>
#include <QSqlError>
#include <QSqlQuery>
#include <QThread>

namespace courier {

namespace {

// The cache describes the user's audiences and endpoints: owner-only, like the profile folder.
constexpr QFileDevice::Permissions OwnerOnly = QFileDevice::ReadOwner | QFileDevice::WriteOwner;

std::atomic<quint64> nextDatabaseSerial{1};

void restrictPermissions(const QString &path)
{
    const QString files[] = {path, path + QStringLiteral("-wal"), path + QStringLiteral("-shm")};
    for (const QString &file : files) {
        if (QFile::exists(file) && !QFile::setPermissions(file, OwnerOnly))
            qCWarning(lcStore) << "Cannot restrict the permissions of" << file;
    }
}

// SQLite creates its -wal and -shm files with the main file's mode, so creating the main file
// ourselves, owner-only, keeps all three private from the first byte.
bool createOwnerOnly(const QString &path, QString *error)
{
    if (QFile::exists(path))
        return true;
    QFile file(path);
    if (file.open(QIODevice::WriteOnly | QIODevice::NewOnly, OwnerOnly) || QFile::exists(path))
        return true;
    qCWarning(lcStore) << "Cannot create the cache file" << path << file.errorString();
    if (error)
        *error = Database::tr("Cannot create the cache file %1: %2.")
                     .arg(QDir::toNativeSeparators(path), file.errorString());
    return false;
}

// Opens db if needed and applies the pragmas every connection must have.
bool prepareConnection(QSqlDatabase &db, QString *error)
{
    if (db.isOpen())
        return true;
    const QString nativePath = QDir::toNativeSeparators(db.databaseName());
    if (!db.open()) {
        return storage::fail(db.lastError(), QStringLiteral("<open>"), error,
                             Database::tr("Cannot open the cache file %1.").arg(nativePath));
    }
    QSqlQuery query(db);
    // busy_timeout comes first: switching to WAL may itself have to wait for another process.
    const QString pragmas[] = {
        QStringLiteral("PRAGMA busy_timeout = 5000"),
        QStringLiteral("PRAGMA journal_mode = WAL"),
        QStringLiteral("PRAGMA synchronous = NORMAL"),
        QStringLiteral("PRAGMA foreign_keys = ON"),
    };
    for (const QString &pragma : pragmas) {
        if (!query.exec(pragma)) {
            storage::fail(query, error,
                          Database::tr("Cannot open the cache file %1; it may be damaged or not "
                                       "an Audience Courier cache.")
                              .arg(nativePath));
            db.close();
            return false;
        }
    }
    // journal_mode answers with the mode it actually got; some file systems (network shares)
    // cannot do WAL, and without it readers would block the writer.
    if (!query.exec(QStringLiteral("PRAGMA journal_mode")) || !query.next() ||
        query.value(0).toString().compare(QLatin1StringView("wal"), Qt::CaseInsensitive) != 0) {
        qCWarning(lcStore) << "journal_mode is" << query.value(0).toString() << "for" << nativePath;
        if (error)
            *error = Database::tr("The cache file %1 cannot use write-ahead logging; keep the "
                                  "profile on a local disk.")
                         .arg(nativePath);
        query.finish();
        db.close();
        return false;
    }
    return true;
}

} // namespace

Database::Database(QString path)
    : m_path(std::move(path))
    , m_serial(nextDatabaseSerial.fetch_add(1))
{}

Database::~Database()
{
    QStringList names;
    {
        QMutexLocker locker(&m_mutex);
        for (const ThreadConnection &connection : std::as_const(m_connections))
            names.append(connection.name);
        m_connections.clear();
    }
    for (const QString &name : std::as_const(names))
        QSqlDatabase::removeDatabase(name);
}

QString Database::newerSchemaMessage(int found, int known)
{
    return tr("This cache was written by a newer version of Audience Courier (schema %1; this "
              "version knows up to %2).")
        .arg(found)
        .arg(known);
}

std::unique_ptr<Database> Database::open(const QString &path, QString *error)
{
    if (path.isEmpty()) {
        if (error)
            *error = tr("No cache file was given.");
        return nullptr;
    }
    const QString absolutePath = QFileInfo(path).absoluteFilePath();
    if (!createOwnerOnly(absolutePath, error))
        return nullptr;

    std::unique_ptr<Database> database(new Database(absolutePath));
    if (!database->initialize(error))
        return nullptr;
    restrictPermissions(absolutePath);
    // Debug, not info: the command line keeps stderr for messages meant for the user.
    qCDebug(lcStore) << "Opened the cache" << absolutePath << "at schema"
                     << database->m_schemaVersion;
    return database;
}

bool Database::initialize(QString *error)
{
    QSqlDatabase db = threadConnection(error);
    if (!db.isOpen())
        return false;
    const int found = Migrations::currentVersion(db, error);
    if (found < 0)
        return false;
    const int known = Migrations::latestVersion();
    if (found > known) {
        // Migrations only go forward; touching a newer schema could lose the user's data.
        qCWarning(lcStore).nospace() << "Refusing " << m_path << ": schema " << found
                                     << ", this build knows up to " << known;
        if (error)
            *error = newerSchemaMessage(found, known);
        return false;
    }
    if (!Migrations::migrate(db, known, error))
        return false;
    m_schemaVersion = known;
    return true;
}

QSqlDatabase Database::connection() const
{
    return threadConnection(nullptr);
}

QSqlDatabase Database::threadConnection(QString *error) const
{
    QThread *const thread = QThread::currentThread();
    QString name;
    QString staleName;
    bool created = false;
    {
        QMutexLocker locker(&m_mutex);
        auto it = m_connections.find(thread);
        if (it != m_connections.end() && it->thread == thread) {
            name = it->name;
        } else {
            if (it != m_connections.end()) {
                // A thread ended without releasing its connection and a new one got its address.
                staleName = it->name;
                m_connections.erase(it);
            }
            name = QStringLiteral("courier-store-%1-%2").arg(m_serial).arg(++m_nextConnection);
            m_connections.insert(thread, ThreadConnection{name, QPointer<QThread>(thread)});
            created = true;
        }
    }
    if (!staleName.isEmpty())
        QSqlDatabase::removeDatabase(staleName);

    QSqlDatabase db;
    if (created) {
        db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(m_path);
        // Also set at open time so even the first statement on this connection waits politely.
        db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=5000"));
    } else {
        db = QSqlDatabase::database(name, false);
    }
    // A connection that failed to open earlier gets another try, with its pragmas.
    prepareConnection(db, error);
    return db;
}

void Database::releaseThreadConnection() const
{
    QString name;
    {
        QMutexLocker locker(&m_mutex);
        const auto it = m_connections.constFind(QThread::currentThread());
        if (it == m_connections.cend())
            return;
        name = it->name;
        m_connections.erase(it);
    }
    QSqlDatabase::removeDatabase(name);
}

// ---- Transaction

Transaction::Transaction(QSqlDatabase db)
    : m_db(std::move(db))
{}

Transaction::~Transaction()
{
    rollback();
}

bool Transaction::begin(QString *error)
{
    QSqlQuery query(m_db);
    if (!query.exec(QStringLiteral("BEGIN IMMEDIATE")))
        return storage::fail(query, error, Database::tr("Could not start a change to the cache."));
    m_active = true;
    return true;
}

bool Transaction::commit(QString *error)
{
    if (!m_active)
        return false;
    QSqlQuery query(m_db);
    if (!query.exec(QStringLiteral("COMMIT"))) {
        storage::fail(query, error, Database::tr("Could not save the change to the cache."));
        rollback();
        return false;
    }
    m_active = false;
    return true;
}

void Transaction::rollback()
{
    if (!m_active)
        return;
    m_active = false;
    QSqlQuery query(m_db);
    if (!query.exec(QStringLiteral("ROLLBACK")))
        qCWarning(lcStore) << "ROLLBACK failed:" << query.lastError().text();
}

// ---- storage helpers

namespace storage {

QVariant text(const QString &value)
{
    return value.isNull() ? QVariant(QString(QLatin1StringView(""))) : QVariant(value);
}

QVariant timestamp(const QDateTime &value)
{
    if (!value.isValid())
        return QVariant(QMetaType::fromType<QString>());
    return value.toUTC().toString(Qt::ISODateWithMs);
}

QDateTime toDateTime(const QVariant &value)
{
    const QString text = value.toString();
    if (text.isEmpty())
        return {};
    const QDateTime parsed = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (!parsed.isValid()) {
        qCWarning(lcStore) << "Unreadable timestamp in the cache:" << text;
        return {};
    }
    return parsed.toUTC();
}

QString jsonText(const QStringList &list)
{
    return QString::fromUtf8(
        QJsonDocument(QJsonArray::fromStringList(list)).toJson(QJsonDocument::Compact));
}

QString jsonText(const QJsonObject &object)
{
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

QStringList toStringList(const QVariant &value)
{
    const QString text = value.toString();
    if (text.isEmpty())
        return {};
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(text.toUtf8(), &parseError);
    if (!document.isArray()) {
        qCWarning(lcStore) << "Expected a JSON array in the cache:" << text
                           << parseError.errorString();
        return {};
    }
    QStringList list;
    const QJsonArray array = document.array();
    list.reserve(array.size());
    for (const QJsonValue &item : array)
        list.append(item.toString());
    return list;
}

QJsonObject toJsonObject(const QVariant &value)
{
    const QString text = value.toString();
    if (text.isEmpty())
        return {};
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(text.toUtf8(), &parseError);
    if (!document.isObject()) {
        qCWarning(lcStore) << "Expected a JSON object in the cache:" << text
                           << parseError.errorString();
        return {};
    }
    return document.object();
}

QDateTime now()
{
    return QDateTime::currentDateTimeUtc();
}

bool fail(const QSqlQuery &query, QString *error, const QString &userMessage)
{
    return fail(query.lastError(), query.lastQuery(), error, userMessage);
}

bool prepareAndExec(QSqlQuery &query, const QString &sql, const QVariantList &values,
                    QString *error, const QString &userMessage)
{
    if (!query.prepare(sql))
        return fail(query, error, userMessage);
    for (const QVariant &value : values)
        query.addBindValue(value);
    if (!query.exec())
        return fail(query, error, userMessage);
    return true;
}

bool fail(const QSqlError &sqlError, const QString &sql, QString *error, const QString &userMessage)
{
    qCWarning(lcStore).noquote() << userMessage << "| SQL:" << sql.simplified()
                                 << "| error:" << sqlError.text()
                                 << "| code:" << sqlError.nativeErrorCode();
    if (!error)
        return false;
    // The primary SQLite result code (extended codes keep it in the low byte).
    QString hint;
    switch (sqlError.nativeErrorCode().toInt() & 0xff) {
    case 5: // SQLITE_BUSY
    case 6: // SQLITE_LOCKED
        hint = Database::tr("The cache is busy in another Audience Courier window; try again.");
        break;
    case 8: // SQLITE_READONLY
        hint = Database::tr("The cache file is read-only.");
        break;
    case 13: // SQLITE_FULL
        hint = Database::tr("The disk is full.");
        break;
    case 11: // SQLITE_CORRUPT
    case 26: // SQLITE_NOTADB
        hint = Database::tr("The cache file is damaged.");
        break;
    default:
        break;
    }
    if (hint.isEmpty())
        *error = userMessage;
    else
        *error = userMessage + QLatin1Char(' ') + hint;
    return false;
}

} // namespace storage

} // namespace courier
