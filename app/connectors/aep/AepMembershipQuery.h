#pragma once

#include "AepSettings.h"

#include <atomic>
#include <QCoreApplication>
#include <QString>
#include <QStringList>

class QSqlDatabase;
class QSqlError;

namespace courier {

// Reads who is in one audience from the export dataset through Query Service, which speaks the
// PostgreSQL wire protocol (Qt's QPSQL driver), and writes them to a CSV file:
//   profileId, personID, audienceMembershipId, audienceMembershipName, lastQualificationTime
// — only profiles whose segmentMembership.ups.<audience id>.status is "realized" (an export
// job filters profiles, not their memberships: a profile exported for one audience carries all
// of its others, "exited" ones too; the seed guide filters again for that reason).
//
// run() blocks: call it on a worker thread. It opens its own connection (a unique name,
// removed afterwards), sends one prepared query with the audience id and status as parameters
// (Qt's PREPARE/EXECUTE; the table and person-id field are checked identifiers, quoted for
// PostgreSQL), reads the rows forward-only (libpq's single-row mode: rows stream instead of
// the whole result landing in memory) and writes them in batches; a cancel flag is checked
// between rows. Messages name the host, database and table, never the token.
class AepMembershipQuery
{
    Q_DECLARE_TR_FUNCTIONS(AepMembershipQuery)

public:
    struct Params
    {
        QString host;
        int port = 80;
        QString database;
        QString user;        // the organisation id
        QByteArray password; // the IMS access token
        QString sslMode;
        QString table;
        QString personIdField;
        AepQueryDialect dialect = AepQueryDialect::QueryService;
        QString audienceId;
        QString audienceName;
        QString outputPath; // the CSV, written atomically
        int connectTimeoutSeconds = 20;
    };

    explicit AepMembershipQuery(Params params);

    // True when the CSV was written whole; false + errorString() (or wasCancelled()).
    bool run(const std::atomic<bool> &cancel);

    QString errorString() const { return m_error; }
    bool wasCancelled() const { return m_cancelled; }
    qint64 members() const { return m_members; }
    // When the failure was reaching or signing in to the server (vs. the query itself).
    bool connectionFailed() const { return m_connectionFailed; }

    // The SQL sent for this dialect, table and person-id field ('?' placeholders: audience id,
    // then status; the same for both dialects). The names must have passed
    // AepSettings::isIdentifier.
    static QString sql(AepQueryDialect dialect, const QString &table, const QString &personIdField);

    static QStringList columns();
    static QStringList identifierColumns();
    static QStringList attributeColumns();

private:
    bool readInto(QSqlDatabase &db, const QString &where, const std::atomic<bool> &cancel);
    QString queryError(const QSqlError &error, const QString &where) const;
    QString scrub(QString text) const;
    bool fail(const QString &message);

    Params m_params;
    QString m_error;
    qint64 m_members = 0;
    bool m_cancelled = false;
    bool m_connectionFailed = false;
};

} // namespace courier
