#pragma once

// A throwaway PostgreSQL server for tests: initdb into a temporary directory, pg_ctl start on
// 127.0.0.1 and a free port (trust authentication, loopback only, its socket in the same
// directory), stopped and removed by stop() or the destructor. PostgreSQL refuses to run as
// root: as root the programs run as the "postgres" system user (runuser), which owns the
// directory. The binaries are looked for under /usr/lib/postgresql/<version>/bin (Debian).
// Seed it with execute() (as the superuser "courier", through QPSQL).
#include <pwd.h>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QStringList>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QVersionNumber>
#include <unistd.h>

namespace courier::testing {

class PostgresTestServer
{
public:
    PostgresTestServer() = default;
    PostgresTestServer(const PostgresTestServer &) = delete;
    PostgresTestServer &operator=(const PostgresTestServer &) = delete;
    ~PostgresTestServer() { stop(); }

    static QString superuser() { return QStringLiteral("courier"); }

    // Starts a server; false with a reason (what is missing, the server's log) when it cannot.
    bool start(QString *error)
    {
        const auto fail = [&](const QString &message) {
            if (error)
                *error = message;
            return false;
        };
        m_bin = findBinaries();
        if (m_bin.isEmpty()) {
            return fail(QStringLiteral("PostgreSQL is not installed (no initdb/pg_ctl under "
                                       "/usr/lib/postgresql/*/bin); install the postgresql "
                                       "package (scripts/install-deps.sh)."));
        }
        if (!QSqlDatabase::isDriverAvailable(QStringLiteral("QPSQL")))
            return fail(QStringLiteral("Qt's QPSQL driver is missing; install libqt6sql6-psql."));
        m_dir = std::make_unique<QTemporaryDir>();
        if (!m_dir->isValid())
            return fail(QStringLiteral("no temporary directory: %1").arg(m_dir->errorString()));
        m_data = m_dir->filePath(QStringLiteral("data"));
        if (geteuid() == 0) {
            const passwd *user = getpwnam("postgres");
            if (!user) {
                return fail(QStringLiteral("running as root, but there is no \"postgres\" user "
                                           "to run PostgreSQL as (the postgresql package makes "
                                           "it)."));
            }
            m_uid = user->pw_uid;
            m_gid = user->pw_gid;
            if (::chown(QFile::encodeName(m_dir->path()).constData(), m_uid, m_gid) != 0)
                return fail(QStringLiteral("cannot give %1 to postgres").arg(m_dir->path()));
            m_asPostgres = true;
        }
        QString output;
        if (!run(QStringLiteral("initdb"),
                 {QStringLiteral("-D"), m_data, QStringLiteral("-U"), superuser(),
                  QStringLiteral("--auth=trust"), QStringLiteral("-E"), QStringLiteral("UTF8"),
                  QStringLiteral("--no-sync"), QStringLiteral("--no-instructions")},
                 &output, 60000)) {
            return fail(QStringLiteral("initdb failed: %1").arg(output));
        }
        m_port = freePort();
        if (m_port == 0)
            return fail(QStringLiteral("no free port on 127.0.0.1"));
        const QString options =
            QStringLiteral("-c listen_addresses=127.0.0.1 -p %1 -k %2 -c fsync=off "
                           "-c full_page_writes=off -c synchronous_commit=off")
                .arg(m_port)
                .arg(m_dir->path());
        const QString log = m_dir->filePath(QStringLiteral("server.log"));
        if (!run(QStringLiteral("pg_ctl"),
                 {QStringLiteral("-D"), m_data, QStringLiteral("-o"), options, QStringLiteral("-l"),
                  log, QStringLiteral("-w"), QStringLiteral("-t"), QStringLiteral("30"),
                  QStringLiteral("start")},
                 &output, 40000)) {
            QFile file(log);
            const QString serverLog =
                file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()) : QString();
            return fail(QStringLiteral("pg_ctl start failed: %1\n%2").arg(output, serverLog));
        }
        m_running = true;
        return true;
    }

    // Stops the server (immediately: it is thrown away) and removes its directory.
    void stop()
    {
        if (m_running) {
            QString output;
            run(QStringLiteral("pg_ctl"),
                {QStringLiteral("-D"), m_data, QStringLiteral("-m"), QStringLiteral("immediate"),
                 QStringLiteral("-w"), QStringLiteral("stop")},
                &output, 30000);
            m_running = false;
        }
        m_dir.reset();
    }

    bool isRunning() const { return m_running; }
    quint16 port() const { return m_port; }
    QString host() const { return QStringLiteral("127.0.0.1"); }

    // Runs the statements in order on database (as the superuser); false + *error at the first
    // that fails. CREATE DATABASE must come alone (it cannot run in a transaction).
    bool execute(const QString &database, const QStringList &statements, QString *error)
    {
        static int counter = 0;
        const QString name = QStringLiteral("pg-test-server-%1").arg(++counter);
        bool ok = true;
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), name);
            db.setHostName(host());
            db.setPort(m_port);
            db.setDatabaseName(database);
            db.setUserName(superuser());
            db.setConnectOptions(QStringLiteral("sslmode=disable;connect_timeout=10"));
            if (!db.open()) {
                ok = false;
                if (error)
                    *error = db.lastError().text();
            }
            for (const QString &statement : statements) {
                if (!ok)
                    break;
                QSqlQuery query(db);
                if (!query.exec(statement)) {
                    ok = false;
                    if (error)
                        *error = QStringLiteral("%1: %2").arg(statement, query.lastError().text());
                }
            }
            db.close();
        }
        QSqlDatabase::removeDatabase(name);
        return ok;
    }

private:
    static QString findBinaries()
    {
        QString best;
        QVersionNumber bestVersion;
        QDirIterator it(QStringLiteral("/usr/lib/postgresql"), QDir::Dirs | QDir::NoDotAndDotDot);
        while (it.hasNext()) {
            const QString dir = it.next();
            const QString bin = dir + QStringLiteral("/bin");
            const QVersionNumber version = QVersionNumber::fromString(it.fileName());
            if (QFile::exists(bin + QStringLiteral("/initdb")) &&
                QFile::exists(bin + QStringLiteral("/pg_ctl")) && version > bestVersion) {
                best = bin;
                bestVersion = version;
            }
        }
        return best;
    }

    static quint16 freePort()
    {
        QTcpServer probe;
        if (!probe.listen(QHostAddress::LocalHost, 0))
            return 0;
        return probe.serverPort();
    }

    bool run(const QString &tool, const QStringList &arguments, QString *output, int timeoutMs)
    {
        QProcess process;
        process.setProcessChannelMode(QProcess::MergedChannels);
        process.setWorkingDirectory(m_dir->path()); // one the postgres user may enter
        const QString program = m_bin + QLatin1Char('/') + tool;
        if (m_asPostgres) {
            process.start(QStringLiteral("runuser"),
                          QStringList{QStringLiteral("-u"), QStringLiteral("postgres"),
                                      QStringLiteral("--"), program} +
                              arguments);
        } else {
            process.start(program, arguments);
        }
        const bool finished = process.waitForStarted(10000) && process.waitForFinished(timeoutMs);
        *output = QString::fromLocal8Bit(process.readAll()).trimmed();
        if (!finished) {
            process.kill();
            process.waitForFinished(2000);
            *output += QStringLiteral(" (did not finish: %1)").arg(process.errorString());
            return false;
        }
        return process.exitStatus() == QProcess::NormalExit && process.exitCode() == 0;
    }

    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_bin;
    QString m_data;
    quint16 m_port = 0;
    uid_t m_uid = 0;
    gid_t m_gid = 0;
    bool m_asPostgres = false;
    bool m_running = false;
};

} // namespace courier::testing
