#include "AepMembershipQuery.h"

#include "common/Logging.h"
#include "connectors/csv/CsvWriter.h"
#include "pipeline/RowBatch.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>

namespace courier {

namespace {

const QString Driver = QStringLiteral("QPSQL");
constexpr int BatchRows = 2000;
const QString RealizedStatus = QStringLiteral("realized");

QString connectionName()
{
    static std::atomic<quint64> counter{0};
    return QStringLiteral("courier-aep-query-%1").arg(++counter);
}

// "a"."b" for PostgreSQL; Query Service (Spark SQL) takes the checked path as it is.
QString quoted(AepQueryDialect dialect, const QString &name)
{
    if (dialect == AepQueryDialect::QueryService)
        return name;
    return QLatin1Char('"') + name + QLatin1Char('"');
}

// SQLSTATE classes of PostgreSQL (and Query Service, which reports them too [U]).
bool isAuthFailure(const QSqlError &error)
{
    const QString code = error.nativeErrorCode();
    if (code == QLatin1String("28P01") || code == QLatin1String("28000"))
        return true;
    // A failed connection has no result, hence often no SQLSTATE: libpq's text says it.
    return error.databaseText().contains(QStringLiteral("authentication failed"),
                                         Qt::CaseInsensitive) ||
           error.databaseText().contains(QStringLiteral("no pg_hba.conf entry"),
                                         Qt::CaseInsensitive);
}

bool isMissingTable(const QSqlError &error)
{
    return error.nativeErrorCode() == QLatin1String("42P01") ||
           error.databaseText().contains(QStringLiteral("Table or view not found"),
                                         Qt::CaseInsensitive);
}

} // namespace

AepMembershipQuery::AepMembershipQuery(Params params)
    : m_params(std::move(params))
{}

QStringList AepMembershipQuery::columns()
{
    return {QStringLiteral("profileId"), QStringLiteral("personID"),
            QStringLiteral("audienceMembershipId"), QStringLiteral("audienceMembershipName"),
            QStringLiteral("lastQualificationTime")};
}

QStringList AepMembershipQuery::identifierColumns()
{
    return {QStringLiteral("personID"), QStringLiteral("profileId")};
}

QStringList AepMembershipQuery::attributeColumns()
{
    return {QStringLiteral("audienceMembershipId"), QStringLiteral("audienceMembershipName"),
            QStringLiteral("lastQualificationTime")};
}

QString AepMembershipQuery::sql(AepQueryDialect dialect, const QString &table,
                                const QString &personIdField)
{
    const QString person = quoted(dialect, personIdField);
    const QString from = quoted(dialect, table);
    if (dialect == AepQueryDialect::QueryService) {
        // The seed guide's query: one row per (profile, membership), the map exploded into
        // key (the audience id) and value (its status struct).
        return QStringLiteral("SELECT _id, personID, value.lastQualificationTime "
                              "FROM (SELECT _id, %1 AS personID, explode(segmentMembership.ups) "
                              "FROM %2) WHERE key = ? AND value.status = ?")
            .arg(person, from);
    }
    // segmentMembership as jsonb: {"ups": {"<id>": {"status", "lastQualificationTime"}}}.
    // The casts: jsonb -> unknown is ambiguous (text key or array index).
    return QStringLiteral("SELECT \"_id\", person, m ->> 'lastQualificationTime' "
                          "FROM (SELECT \"_id\", %1 AS person, "
                          "\"segmentMembership\" -> 'ups' -> CAST(? AS text) AS m FROM %2) AS x "
                          "WHERE m ->> 'status' = CAST(? AS text)")
        .arg(person, from);
}

QString AepMembershipQuery::scrub(QString text) const
{
    if (!m_params.password.isEmpty())
        text.replace(QString::fromUtf8(m_params.password), QStringLiteral("…"));
    return text.simplified().left(400);
}

bool AepMembershipQuery::fail(const QString &message)
{
    m_error = message;
    return false;
}

bool AepMembershipQuery::run(const std::atomic<bool> &cancel)
{
    if (!QSqlDatabase::isDriverAvailable(Driver)) {
        return fail(tr("The PostgreSQL driver of Qt (QPSQL) is not installed, so Query Service "
                       "cannot be read; install it (Debian: libqt6sql6-psql)."));
    }
    const QString where = QStringLiteral("%1:%2").arg(m_params.host).arg(m_params.port);
    const QString name = connectionName();
    bool ok = false;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(Driver, name);
        db.setHostName(m_params.host);
        db.setPort(m_params.port);
        db.setDatabaseName(m_params.database);
        db.setUserName(m_params.user);
        db.setPassword(QString::fromUtf8(m_params.password));
        // gssencmode: Adobe asks psql 12+ users to turn GSS encryption off for Query Service.
        db.setConnectOptions(QStringLiteral("sslmode=%1;connect_timeout=%2;gssencmode=disable;"
                                            "application_name=AudienceCourier")
                                 .arg(m_params.sslMode)
                                 .arg(m_params.connectTimeoutSeconds));
        ok = readInto(db, where, cancel);
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    return ok;
}

bool AepMembershipQuery::readInto(QSqlDatabase &db, const QString &where,
                                  const std::atomic<bool> &cancel)
{
    if (!db.open()) {
        m_connectionFailed = true;
        const QSqlError error = db.lastError();
        const QString detail =
            scrub(error.databaseText().isEmpty() ? error.text() : error.databaseText());
        qCWarning(lcConnectors).noquote()
            << QStringLiteral("aep: Query Service connection to %1 failed: %2").arg(where, detail);
        if (isAuthFailure(error)) {
            return fail(tr("Query Service at %1 refused the sign-in of organisation “%2” to "
                           "database “%3” (%4); check the organisation id, the database "
                           "(“<sandbox>:all”) and that the project may use Query Service.")
                            .arg(where, m_params.user, m_params.database, detail));
        }
        if (detail.contains(QStringLiteral("does not exist"), Qt::CaseInsensitive)) {
            return fail(tr("Query Service at %1 has no database “%2” (%3); check the Query "
                           "Service database of the endpoint (“<sandbox>:all”).")
                            .arg(where, m_params.database, detail));
        }
        return fail(tr("Could not connect to Query Service at %1 (%2); check the Query Service "
                       "host and port of the endpoint, and the network.")
                        .arg(where, detail));
    }

    CsvWriterOptions options;
    options.formulaGuard = false; // ours, read back by CsvPartsReader: keep the values exact
    CsvWriter writer(m_params.outputPath, options);
    if (!writer.open(columns()))
        return fail(writer.errorString());

    const QString text = sql(m_params.dialect, m_params.table, m_params.personIdField);
    QSqlQuery query(db);
    query.setForwardOnly(true); // libpq single-row mode: rows stream
    if (!query.prepare(text)) {
        writer.cancel();
        return fail(queryError(query.lastError(), where));
    }
    query.addBindValue(m_params.audienceId);
    query.addBindValue(RealizedStatus);
    if (!query.exec()) {
        writer.cancel();
        return fail(queryError(query.lastError(), where));
    }

    const QByteArray audienceId = m_params.audienceId.toUtf8();
    const QByteArray audienceName = m_params.audienceName.toUtf8();
    RowBatch batch(static_cast<int>(columns().size()));
    const auto flush = [&] {
        const bool written = batch.isEmpty() || writer.write(batch);
        batch.clear();
        return written;
    };
    while (query.next()) {
        if (cancel.load(std::memory_order_relaxed)) {
            m_cancelled = true;
            writer.cancel();
            return fail(tr("Cancelled."));
        }
        batch.appendCell(query.value(0).toString().toUtf8());
        batch.appendCell(query.value(1).toString().toUtf8());
        batch.appendCell(audienceId);
        batch.appendCell(audienceName);
        batch.appendCell(query.value(2).toString().toUtf8());
        batch.finishRow(0);
        ++m_members;
        if (batch.rowCount() >= BatchRows && !flush()) {
            writer.cancel();
            return fail(writer.errorString());
        }
    }
    // next() is false at the end and on an error that came mid-stream.
    if (query.lastError().isValid()) {
        writer.cancel();
        return fail(queryError(query.lastError(), where));
    }
    if (!flush() || !writer.commit()) {
        writer.cancel();
        return fail(writer.errorString());
    }
    qCDebug(lcConnectors) << "aep: read" << m_members << "member(s) of" << m_params.audienceId
                          << "from" << where;
    return true;
}

QString AepMembershipQuery::queryError(const QSqlError &error, const QString &where) const
{
    // PostgreSQL's first line says it; "LINE 1: …" and the caret after it quote our SQL.
    QString text = error.databaseText().isEmpty() ? error.text() : error.databaseText();
    text = text.section(QStringLiteral("\nLINE "), 0, 0);
    const QString detail = scrub(text);
    qCWarning(lcConnectors).noquote()
        << QStringLiteral("aep: Query Service query on %1 failed: %2 (SQLSTATE %3)")
               .arg(where, detail, error.nativeErrorCode());
    if (isMissingTable(error)) {
        return tr("Query Service at %1 (database “%2”) has no table “%3” (%4); check the "
                  "table name of the export dataset in the endpoint's settings.")
            .arg(where, m_params.database, m_params.table, detail);
    }
    return tr("Query Service at %1 could not read the table “%2” (%3).")
        .arg(where, m_params.table, detail);
}

} // namespace courier
