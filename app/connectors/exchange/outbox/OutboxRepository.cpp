#include "OutboxRepository.h"

#include "store/Database.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlQuery>

namespace courier {

namespace {

const auto SelectColumns = QStringLiteral(
    "SELECT id, run_id, endpoint_id, token_sha256, file_path, action, rows, bytes, sha256, "
    "created_at, expires_at, pulled_at, status, status_message FROM outbox");

// The consumer's report, as the status_message column keeps it.
QString reportText(const QString &message, qint64 rowsAccepted, qint64 rowsRejected)
{
    QJsonObject report{{QStringLiteral("message"), message}};
    if (rowsAccepted >= 0)
        report.insert(QStringLiteral("rowsAccepted"), rowsAccepted);
    if (rowsRejected >= 0)
        report.insert(QStringLiteral("rowsRejected"), rowsRejected);
    return QString::fromUtf8(QJsonDocument(report).toJson(QJsonDocument::Compact));
}

void readReport(const QString &text, OutboxJob &job)
{
    if (text.isEmpty())
        return;
    const QJsonObject report = QJsonDocument::fromJson(text.toUtf8()).object();
    if (report.isEmpty()) {
        job.message = text; // not ours: shown as it is
        return;
    }
    job.message = report.value(QStringLiteral("message")).toString();
    job.rowsAccepted = report.value(QStringLiteral("rowsAccepted")).toInteger(-1);
    job.rowsRejected = report.value(QStringLiteral("rowsRejected")).toInteger(-1);
}

OutboxJob readJob(const QSqlQuery &query)
{
    OutboxJob job;
    job.id = query.value(0).toLongLong();
    job.runId = query.value(1).toLongLong();
    job.endpointId = query.value(2).toLongLong();
    job.tokenSha256 = query.value(3).toString();
    job.filePath = query.value(4).toString();
    job.action = query.value(5).toString();
    job.rows = query.value(6).toLongLong();
    job.bytes = query.value(7).toLongLong();
    job.sha256 = query.value(8).toString();
    job.createdAt = storage::toDateTime(query.value(9));
    job.expiresAt = storage::toDateTime(query.value(10));
    job.pulledAt = storage::toDateTime(query.value(11));
    job.status =
        outboxStatusFromString(query.value(12).toString()).value_or(OutboxJob::Status::Ready);
    readReport(query.value(13).toString(), job);
    return job;
}

QVariant runIdValue(qint64 runId)
{
    return runId > 0 ? QVariant(runId) : QVariant(QMetaType::fromType<qint64>());
}

} // namespace

QString outboxStatusToString(OutboxJob::Status status)
{
    switch (status) {
    case OutboxJob::Status::Ready:
        return QStringLiteral("ready");
    case OutboxJob::Status::Pulled:
        return QStringLiteral("pulled");
    case OutboxJob::Status::Completed:
        return QStringLiteral("completed");
    case OutboxJob::Status::Failed:
        return QStringLiteral("failed");
    case OutboxJob::Status::Expired:
        return QStringLiteral("expired");
    }
    return QStringLiteral("ready");
}

std::optional<OutboxJob::Status> outboxStatusFromString(QStringView key)
{
    for (auto status :
         {OutboxJob::Status::Ready, OutboxJob::Status::Pulled, OutboxJob::Status::Completed,
          OutboxJob::Status::Failed, OutboxJob::Status::Expired}) {
        if (key == outboxStatusToString(status))
            return status;
    }
    return std::nullopt;
}

OutboxRepository::OutboxRepository(const Database &database)
    : m_database(database)
{}

std::optional<qint64> OutboxRepository::add(const OutboxJob &job, QString *error)
{
    QSqlQuery insert(m_database.connection());
    if (!storage::prepareAndExec(
            insert,
            QStringLiteral("INSERT INTO outbox (run_id, endpoint_id, token_sha256, file_path, "
                           "action, rows, bytes, sha256, created_at, expires_at, status) "
                           "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'ready')"),
            {runIdValue(job.runId), job.endpointId, storage::text(job.tokenSha256),
             storage::text(job.filePath), storage::text(job.action), job.rows, job.bytes,
             storage::text(job.sha256),
             storage::timestamp(job.createdAt.isValid() ? job.createdAt : storage::now()),
             storage::timestamp(job.expiresAt)},
            error, tr("Could not record the file prepared for the exchange to pull.")))
        return std::nullopt;
    return insert.lastInsertId().toLongLong();
}

std::optional<OutboxJob> OutboxRepository::find(qint64 id, QString *error) const
{
    QSqlQuery query(m_database.connection());
    query.setForwardOnly(true);
    if (!storage::prepareAndExec(query, SelectColumns + QStringLiteral(" WHERE id = ?"), {id},
                                 error, tr("Could not read the outbox.")) ||
        !query.next())
        return std::nullopt;
    return readJob(query);
}

OutboxRepository::Claim OutboxRepository::claim(qint64 id, const QDateTime &now, QString *error)
{
    QSqlQuery update(m_database.connection());
    if (!storage::prepareAndExec(
            update,
            QStringLiteral("UPDATE outbox SET pulled_at = ?, status = 'pulled' WHERE id = ? AND "
                           "status = 'ready' AND pulled_at IS NULL AND expires_at > ?"),
            {storage::timestamp(now), id, storage::timestamp(now)}, error,
            tr("Could not record the pull in the outbox.")))
        return Claim::Failed;
    if (update.numRowsAffected() == 1)
        return Claim::Claimed;
    update.finish();
    QString findError;
    const auto job = find(id, &findError);
    if (!job) {
        if (!findError.isEmpty()) {
            if (error)
                *error = findError;
            return Claim::Failed;
        }
        return Claim::Missing;
    }
    if (job->status == OutboxJob::Status::Expired ||
        (job->status == OutboxJob::Status::Ready && job->expiresAt <= now))
        return Claim::Expired;
    return Claim::AlreadyPulled;
}

bool OutboxRepository::release(qint64 id, QString *error)
{
    QSqlQuery update(m_database.connection());
    return storage::prepareAndExec(update,
                                   QStringLiteral("UPDATE outbox SET pulled_at = NULL, status = "
                                                  "'ready' WHERE id = ? AND status = 'pulled'"),
                                   {id}, error,
                                   tr("Could not record the interrupted pull in the outbox."));
}

OutboxRepository::Report OutboxRepository::report(qint64 id, OutboxJob::Status status,
                                                  const QString &message, qint64 rowsAccepted,
                                                  qint64 rowsRejected, QString *error)
{
    QSqlQuery update(m_database.connection());
    if (!storage::prepareAndExec(
            update,
            QStringLiteral("UPDATE outbox SET status = ?, status_message = ? WHERE id = ? AND "
                           "status IN ('ready', 'pulled', 'expired')"),
            {outboxStatusToString(status),
             storage::text(reportText(message, rowsAccepted, rowsRejected)), id},
            error, tr("Could not record the exchange's report in the outbox.")))
        return Report::Failed;
    if (update.numRowsAffected() == 1)
        return Report::Stored;
    update.finish();
    QString findError;
    const auto job = find(id, &findError);
    if (!job) {
        if (!findError.isEmpty()) {
            if (error)
                *error = findError;
            return Report::Failed;
        }
        return Report::Missing;
    }
    return job->status == status ? Report::Duplicate : Report::Conflict;
}

bool OutboxRepository::renew(qint64 id, const QString &tokenSha256, const QDateTime &expiresAt,
                             QString *error)
{
    QSqlQuery update(m_database.connection());
    return storage::prepareAndExec(
        update,
        QStringLiteral("UPDATE outbox SET token_sha256 = ?, expires_at = ?, pulled_at = NULL, "
                       "status = 'ready', status_message = '' WHERE id = ?"),
        {storage::text(tokenSha256), storage::timestamp(expiresAt), id}, error,
        tr("Could not renew the outbox link."));
}

bool OutboxRepository::setStatus(qint64 id, OutboxJob::Status status, QString *error)
{
    QSqlQuery update(m_database.connection());
    return storage::prepareAndExec(
        update, QStringLiteral("UPDATE outbox SET status = ? WHERE id = ?"),
        {outboxStatusToString(status), id}, error, tr("Could not update the outbox."));
}

bool OutboxRepository::remove(qint64 id, QString *error)
{
    QSqlQuery remove(m_database.connection());
    return storage::prepareAndExec(remove, QStringLiteral("DELETE FROM outbox WHERE id = ?"), {id},
                                   error, tr("Could not remove the job from the outbox."));
}

QList<OutboxJob> OutboxRepository::expired(const QDateTime &now, QString *error) const
{
    QSqlQuery query(m_database.connection());
    query.setForwardOnly(true);
    if (!storage::prepareAndExec(
            query,
            SelectColumns +
                QStringLiteral(" WHERE status IN ('ready', 'pulled') AND expires_at <= ?"),
            {storage::timestamp(now)}, error, tr("Could not read the outbox.")))
        return {};
    QList<OutboxJob> jobs;
    while (query.next())
        jobs.append(readJob(query));
    return jobs;
}

QStringList OutboxRepository::liveFiles(QString *error) const
{
    QSqlQuery query(m_database.connection());
    query.setForwardOnly(true);
    if (!storage::prepareAndExec(
            query,
            QStringLiteral("SELECT file_path FROM outbox WHERE status IN ('ready', 'pulled')"), {},
            error, tr("Could not read the outbox.")))
        return {};
    QStringList files;
    while (query.next())
        files.append(query.value(0).toString());
    return files;
}

bool OutboxRepository::prune(const QDateTime &olderThan, QString *error)
{
    QSqlQuery remove(m_database.connection());
    return storage::prepareAndExec(
        remove,
        QStringLiteral("DELETE FROM outbox WHERE status IN ('completed', 'failed', 'expired') AND "
                       "expires_at < ?"),
        {storage::timestamp(olderThan)}, error, tr("Could not tidy the outbox."));
}

} // namespace courier
