#include "ShareRepository.h"

#include "Database.h"

#include <QSqlQuery>

namespace courier {

namespace {

const auto SelectColumns =
    QStringLiteral("SELECT id, name, audience_id, destination_id, mapping, schedule, action, "
                   "enabled, created_at, updated_at, destination_options, next_run_at, "
                   "source_options FROM shares");

Share readShare(const QSqlQuery &query)
{
    Share share;
    share.id = query.value(0).toLongLong();
    share.name = query.value(1).toString();
    share.audienceId = query.value(2).toLongLong();
    share.destinationId = query.value(3).toLongLong();
    share.mapping = storage::toJsonObject(query.value(4));
    share.schedule = query.value(5).toString();
    // The CHECK constraint keeps this valid; the fallback only covers a hand-edited cache.
    share.action =
        shareActionFromString(query.value(6).toString()).value_or(Share::ShareAction::Add);
    share.enabled = query.value(7).toBool();
    share.createdAt = storage::toDateTime(query.value(8));
    share.updatedAt = storage::toDateTime(query.value(9));
    share.destinationOptions = storage::toJsonObject(query.value(10));
    share.nextRunAt = storage::toDateTime(query.value(11));
    share.sourceOptions = storage::toJsonObject(query.value(12));
    return share;
}

// Binds the editable columns in the order of the INSERT and UPDATE statements below.
void bindEditable(QSqlQuery &query, const Share &share)
{
    query.addBindValue(storage::text(share.name));
    query.addBindValue(share.audienceId);
    query.addBindValue(share.destinationId);
    query.addBindValue(storage::jsonText(share.mapping));
    query.addBindValue(storage::text(share.schedule));
    query.addBindValue(shareActionToString(share.action));
    query.addBindValue(share.enabled ? 1 : 0);
    query.addBindValue(storage::jsonText(share.destinationOptions));
    query.addBindValue(storage::timestamp(share.nextRunAt));
    query.addBindValue(storage::jsonText(share.sourceOptions));
}

} // namespace

ShareRepository::ShareRepository(const Database &database)
    : m_database(database)
{}

std::optional<qint64> ShareRepository::add(const Share &share, QString *error)
{
    QSqlQuery query(m_database.connection());
    if (!query.prepare(QStringLiteral(
            "INSERT INTO shares (name, audience_id, destination_id, mapping, schedule, action, "
            "enabled, destination_options, next_run_at, source_options, created_at, updated_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"))) {
        storage::fail(query, error, tr("Could not save the share “%1”.").arg(share.name));
        return std::nullopt;
    }
    bindEditable(query, share);
    const QVariant now = storage::timestamp(storage::now());
    query.addBindValue(now);
    query.addBindValue(now);
    if (!query.exec()) {
        storage::fail(query, error, tr("Could not save the share “%1”.").arg(share.name));
        return std::nullopt;
    }
    return query.lastInsertId().toLongLong();
}

bool ShareRepository::update(const Share &share, QString *error)
{
    QSqlQuery query(m_database.connection());
    if (!query.prepare(QStringLiteral(
            "UPDATE shares SET name = ?, audience_id = ?, destination_id = ?, mapping = ?, "
            "schedule = ?, action = ?, enabled = ?, destination_options = ?, next_run_at = ?, "
            "source_options = ?, updated_at = ? WHERE id = ?")))
        return storage::fail(query, error, tr("Could not save the share “%1”.").arg(share.name));
    bindEditable(query, share);
    query.addBindValue(storage::timestamp(storage::now()));
    query.addBindValue(share.id);
    if (!query.exec())
        return storage::fail(query, error, tr("Could not save the share “%1”.").arg(share.name));
    if (query.numRowsAffected() == 0) {
        if (error)
            *error = tr("The share “%1” no longer exists.").arg(share.name);
        return false;
    }
    return true;
}

bool ShareRepository::remove(qint64 id, QString *error)
{
    QSqlQuery query(m_database.connection());
    if (!storage::prepareAndExec(query, QStringLiteral("DELETE FROM shares WHERE id = ?"), {id},
                                 error, tr("Could not remove the share.")))
        return false;
    if (query.numRowsAffected() == 0) {
        if (error)
            *error = tr("The share no longer exists.");
        return false;
    }
    return true;
}

std::optional<Share> ShareRepository::find(qint64 id, QString *error) const
{
    QSqlQuery query(m_database.connection());
    query.setForwardOnly(true);
    if (!storage::prepareAndExec(query, SelectColumns + QStringLiteral(" WHERE id = ?"), {id},
                                 error, tr("Could not read the share.")) ||
        !query.next())
        return std::nullopt;
    return readShare(query);
}

QList<Share> ShareRepository::list(QString *error) const
{
    QList<Share> shares;
    QSqlQuery query(m_database.connection());
    query.setForwardOnly(true);
    if (!query.exec(SelectColumns + QStringLiteral(" ORDER BY name COLLATE NOCASE, id"))) {
        storage::fail(query, error, tr("Could not read the shares."));
        return shares;
    }
    while (query.next())
        shares.append(readShare(query));
    return shares;
}

bool ShareRepository::setDestinationOptions(qint64 id, const QJsonObject &options, QString *error)
{
    QSqlQuery query(m_database.connection());
    return storage::prepareAndExec(
        query,
        QStringLiteral("UPDATE shares SET destination_options = ?, updated_at = ? WHERE id = ?"),
        {storage::jsonText(options), storage::timestamp(storage::now()), id}, error,
        tr("Could not save the share's destination."));
}

bool ShareRepository::setNextRunAt(qint64 id, const QDateTime &nextRunAt, QString *error)
{
    QSqlQuery query(m_database.connection());
    return storage::prepareAndExec(query,
                                   QStringLiteral("UPDATE shares SET next_run_at = ? WHERE id = ?"),
                                   {storage::timestamp(nextRunAt), id}, error,
                                   tr("Could not save when the share is next due."));
}

QList<Share> ShareRepository::due(const QDateTime &now, QString *error) const
{
    QList<Share> shares;
    QSqlQuery query(m_database.connection());
    query.setForwardOnly(true);
    if (!storage::prepareAndExec(
            query,
            SelectColumns + QStringLiteral(" WHERE enabled = 1 AND next_run_at IS NOT "
                                           "NULL AND next_run_at <= ? ORDER BY "
                                           "next_run_at, id"),
            {storage::timestamp(now)}, error, tr("Could not read the shares that are due.")))
        return shares;
    while (query.next())
        shares.append(readShare(query));
    return shares;
}

} // namespace courier
