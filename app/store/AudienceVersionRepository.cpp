#include "AudienceVersionRepository.h"

#include "AudienceRepository.h"
#include "Database.h"

#include <QSqlQuery>

namespace courier {

namespace {

const auto SelectColumns =
    QStringLiteral("SELECT id, audience_id, endpoint_id, received_at, file_path, rows, bytes, "
                   "sha256, columns, push_id FROM audience_versions");

AudienceVersion readVersion(const QSqlQuery &query)
{
    AudienceVersion version;
    version.id = query.value(0).toLongLong();
    version.audienceId = query.value(1).toLongLong();
    version.endpointId = query.value(2).toLongLong();
    version.receivedAt = storage::toDateTime(query.value(3));
    version.filePath = query.value(4).toString();
    version.rows = query.value(5).toLongLong();
    version.bytes = query.value(6).toLongLong();
    version.sha256 = query.value(7).toString();
    version.columns = storage::toStringList(query.value(8));
    version.pushId = query.value(9).toString();
    return version;
}

// A push id is NULL when absent, so versions without one never collide in the UNIQUE index.
QVariant pushIdValue(const QString &pushId)
{
    return pushId.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(pushId);
}

} // namespace

AudienceVersionRepository::AudienceVersionRepository(const Database &database)
    : m_database(database)
{}

std::optional<AudienceVersionRepository::Added>
AudienceVersionRepository::add(AudienceInfo audience, AudienceVersion version, QString *error)
{
    QSqlDatabase db = m_database.connection();
    Transaction transaction(db);
    if (!transaction.begin(error))
        return std::nullopt;
    AudienceRepository audiences(m_database);

    // Checked inside the write transaction, so two pushes with one key cannot both get in.
    if (!version.pushId.isEmpty()) {
        QString lookupError;
        if (auto earlier = findByPushId(audience.endpointId, version.pushId, &lookupError)) {
            auto earlierAudience = audiences.find(earlier->audienceId, error);
            if (!earlierAudience)
                return std::nullopt;
            return Added{*earlier, *earlierAudience, true};
        }
        if (!lookupError.isEmpty()) {
            if (error)
                *error = lookupError;
            return std::nullopt;
        }
    }

    QSqlQuery lookup(db);
    lookup.setForwardOnly(true);
    if (!storage::prepareAndExec(
            lookup,
            QStringLiteral("SELECT id FROM audiences WHERE endpoint_id = ? AND external_id = ?"),
            {audience.endpointId, storage::text(audience.externalId)}, error,
            tr("Could not read the audience “%1”.").arg(audience.externalId)))
        return std::nullopt;
    if (lookup.next()) {
        const auto stored = audiences.find(lookup.value(0).toLongLong(), error);
        if (!stored)
            return std::nullopt;
        if (audience.name.isEmpty())
            audience.name = stored->name;
        if (audience.description.isEmpty())
            audience.description = stored->description;
    }
    lookup.finish();
    if (audience.name.isEmpty())
        audience.name = audience.externalId;
    if (!version.receivedAt.isValid())
        version.receivedAt = storage::now();
    audience.size = version.rows;
    audience.refreshedAt = version.receivedAt;

    const auto audienceId = audiences.upsert(audience, error);
    if (!audienceId)
        return std::nullopt;
    audience.id = *audienceId;
    version.audienceId = *audienceId;
    version.endpointId = audience.endpointId;

    QSqlQuery insert(db);
    if (!storage::prepareAndExec(
            insert,
            QStringLiteral("INSERT INTO audience_versions (audience_id, endpoint_id, received_at, "
                           "file_path, rows, bytes, sha256, columns, push_id) "
                           "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"),
            {version.audienceId, version.endpointId, storage::timestamp(version.receivedAt),
             storage::text(version.filePath), version.rows, version.bytes,
             storage::text(version.sha256), storage::jsonText(version.columns),
             pushIdValue(version.pushId)},
            error, tr("Could not record the pushed audience “%1”.").arg(audience.name)))
        return std::nullopt;
    version.id = insert.lastInsertId().toLongLong();
    if (!transaction.commit(error))
        return std::nullopt;
    return Added{version, audience, false};
}

std::optional<AudienceVersion> AudienceVersionRepository::find(qint64 id, QString *error) const
{
    QSqlQuery query(m_database.connection());
    query.setForwardOnly(true);
    if (!storage::prepareAndExec(query, SelectColumns + QStringLiteral(" WHERE id = ?"), {id},
                                 error, tr("Could not read the audience version.")) ||
        !query.next())
        return std::nullopt;
    return readVersion(query);
}

std::optional<AudienceVersion> AudienceVersionRepository::findByPushId(qint64 endpointId,
                                                                       const QString &pushId,
                                                                       QString *error) const
{
    if (pushId.isEmpty())
        return std::nullopt;
    QSqlQuery query(m_database.connection());
    query.setForwardOnly(true);
    if (!storage::prepareAndExec(
            query, SelectColumns + QStringLiteral(" WHERE endpoint_id = ? AND push_id = ?"),
            {endpointId, pushId}, error, tr("Could not read the audience version.")) ||
        !query.next())
        return std::nullopt;
    return readVersion(query);
}

std::optional<AudienceVersion> AudienceVersionRepository::latest(qint64 audienceId,
                                                                 QString *error) const
{
    QSqlQuery query(m_database.connection());
    query.setForwardOnly(true);
    if (!storage::prepareAndExec(
            query,
            SelectColumns + QStringLiteral(" WHERE audience_id = ? ORDER BY id DESC LIMIT 1"),
            {audienceId}, error, tr("Could not read the audience's latest version.")) ||
        !query.next())
        return std::nullopt;
    return readVersion(query);
}

QList<AudienceVersion> AudienceVersionRepository::listByAudience(qint64 audienceId,
                                                                 QString *error) const
{
    QSqlQuery query(m_database.connection());
    query.setForwardOnly(true);
    if (!storage::prepareAndExec(
            query, SelectColumns + QStringLiteral(" WHERE audience_id = ? ORDER BY id DESC"),
            {audienceId}, error, tr("Could not read the audience versions.")))
        return {};
    QList<AudienceVersion> versions;
    while (query.next())
        versions.append(readVersion(query));
    return versions;
}

QList<AudienceInfo> AudienceVersionRepository::pushedAudiences(qint64 endpointId,
                                                               QString *error) const
{
    QSqlQuery query(m_database.connection());
    query.setForwardOnly(true);
    if (!storage::prepareAndExec(
            query,
            QStringLiteral("SELECT a.id FROM audiences a WHERE a.endpoint_id = ? AND EXISTS "
                           "(SELECT 1 FROM audience_versions v WHERE v.audience_id = a.id) "
                           "ORDER BY a.name COLLATE NOCASE, a.id"),
            {endpointId}, error, tr("Could not read the pushed audiences.")))
        return {};
    QList<qint64> ids;
    while (query.next())
        ids.append(query.value(0).toLongLong());
    query.finish();
    AudienceRepository audiences(m_database);
    QList<AudienceInfo> result;
    result.reserve(ids.size());
    for (const qint64 id : ids) {
        auto audience = audiences.find(id, error);
        if (!audience)
            return {};
        result.append(std::move(*audience));
    }
    return result;
}

qint64 AudienceVersionRepository::count(QString *error) const
{
    QSqlQuery query(m_database.connection());
    if (!query.exec(QStringLiteral("SELECT count(*) FROM audience_versions")) || !query.next()) {
        storage::fail(query, error, tr("Could not count the audience versions."));
        return -1;
    }
    return query.value(0).toLongLong();
}

} // namespace courier
