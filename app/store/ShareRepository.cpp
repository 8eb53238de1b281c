#include "ShareRepository.h"

#include "Database.h"

#include <QSqlQuery>

namespace courier {

namespace {

const auto SelectColumns =
    QStringLiteral("SELECT id, name, audience_id, destination_id, mapping, schedule, action, "
                   "enabled, created_at, updated_at FROM shares");

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
            "enabled, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"))) {
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
            "schedule = ?, action = ?, enabled = ?, updated_at = ? WHERE id = ?")))
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

} // namespace courier
