#include "EndpointRepository.h"

#include "Database.h"

#include <QSqlQuery>

namespace courier {

namespace {

const auto SelectColumns = QStringLiteral(
    "SELECT id, name, kind, contact_url, role, transfer, identifiers, attributes, settings, "
    "secret_stored, created_at, updated_at FROM endpoints");

Endpoint readEndpoint(const QSqlQuery &query)
{
    Endpoint endpoint;
    endpoint.id = query.value(0).toLongLong();
    endpoint.name = query.value(1).toString();
    endpoint.kind = query.value(2).toString();
    endpoint.contactUrl = QUrl(query.value(3).toString());
    // The CHECK constraints keep these valid; the fallbacks only cover a hand-edited cache.
    endpoint.role =
        endpointRoleFromString(query.value(4).toString()).value_or(Endpoint::Role::Source);
    endpoint.transfer =
        endpointTransferFromString(query.value(5).toString()).value_or(Endpoint::Transfer::None);
    endpoint.identifiers = storage::toStringList(query.value(6));
    endpoint.attributes = storage::toStringList(query.value(7));
    endpoint.settings = storage::toJsonObject(query.value(8));
    endpoint.secretStored = query.value(9).toBool();
    endpoint.createdAt = storage::toDateTime(query.value(10));
    endpoint.updatedAt = storage::toDateTime(query.value(11));
    return endpoint;
}

// Binds the editable columns in the order of the INSERT and UPDATE statements below.
void bindEditable(QSqlQuery &query, const Endpoint &endpoint)
{
    query.addBindValue(storage::text(endpoint.name));
    query.addBindValue(storage::text(endpoint.kind));
    query.addBindValue(storage::text(endpoint.contactUrl.toString(QUrl::FullyEncoded)));
    query.addBindValue(endpointRoleToString(endpoint.role));
    query.addBindValue(endpointTransferToString(endpoint.transfer));
    query.addBindValue(storage::jsonText(endpoint.identifiers));
    query.addBindValue(storage::jsonText(endpoint.attributes));
    query.addBindValue(storage::jsonText(endpoint.settings));
    query.addBindValue(endpoint.secretStored ? 1 : 0);
}

} // namespace

EndpointRepository::EndpointRepository(const Database &database)
    : m_database(database)
{}

std::optional<qint64> EndpointRepository::add(const Endpoint &endpoint, QString *error)
{
    QSqlQuery query(m_database.connection());
    if (!query.prepare(QStringLiteral(
            "INSERT INTO endpoints (name, kind, contact_url, role, transfer, identifiers, "
            "attributes, settings, secret_stored, created_at, updated_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"))) {
        storage::fail(query, error, tr("Could not save the endpoint “%1”.").arg(endpoint.name));
        return std::nullopt;
    }
    bindEditable(query, endpoint);
    const QVariant now = storage::timestamp(storage::now());
    query.addBindValue(now);
    query.addBindValue(now);
    if (!query.exec()) {
        storage::fail(query, error, tr("Could not save the endpoint “%1”.").arg(endpoint.name));
        return std::nullopt;
    }
    return query.lastInsertId().toLongLong();
}

bool EndpointRepository::update(const Endpoint &endpoint, QString *error)
{
    QSqlQuery query(m_database.connection());
    if (!query.prepare(QStringLiteral(
            "UPDATE endpoints SET name = ?, kind = ?, contact_url = ?, role = ?, transfer = ?, "
            "identifiers = ?, attributes = ?, settings = ?, secret_stored = ?, updated_at = ? "
            "WHERE id = ?")))
        return storage::fail(query, error,
                             tr("Could not save the endpoint “%1”.").arg(endpoint.name));
    bindEditable(query, endpoint);
    query.addBindValue(storage::timestamp(storage::now()));
    query.addBindValue(endpoint.id);
    if (!query.exec())
        return storage::fail(query, error,
                             tr("Could not save the endpoint “%1”.").arg(endpoint.name));
    if (query.numRowsAffected() == 0) {
        if (error)
            *error = tr("The endpoint “%1” no longer exists.").arg(endpoint.name);
        return false;
    }
    return true;
}

bool EndpointRepository::remove(qint64 id, QString *error)
{
    QSqlQuery query(m_database.connection());
    if (!storage::prepareAndExec(query, QStringLiteral("DELETE FROM endpoints WHERE id = ?"), {id},
                                 error, tr("Could not remove the endpoint.")))
        return false;
    if (query.numRowsAffected() == 0) {
        if (error)
            *error = tr("The endpoint no longer exists.");
        return false;
    }
    return true;
}

std::optional<Endpoint> EndpointRepository::find(qint64 id, QString *error) const
{
    QSqlQuery query(m_database.connection());
    query.setForwardOnly(true);
    if (!storage::prepareAndExec(query, SelectColumns + QStringLiteral(" WHERE id = ?"), {id},
                                 error, tr("Could not read the endpoint.")) ||
        !query.next())
        return std::nullopt;
    return readEndpoint(query);
}

QList<Endpoint> EndpointRepository::list(QString *error) const
{
    QList<Endpoint> endpoints;
    QSqlQuery query(m_database.connection());
    query.setForwardOnly(true);
    if (!query.exec(SelectColumns + QStringLiteral(" ORDER BY name COLLATE NOCASE, id"))) {
        storage::fail(query, error, tr("Could not read the endpoints."));
        return endpoints;
    }
    while (query.next())
        endpoints.append(readEndpoint(query));
    return endpoints;
}

} // namespace courier
