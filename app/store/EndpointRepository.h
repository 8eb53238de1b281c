#pragma once

#include "model/Endpoint.h"

#include <optional>
#include <QCoreApplication>
#include <QList>
#include <QString>

namespace courier {

class Database;

// Endpoints in the cache. Usable from any thread (each call uses that thread's connection).
class EndpointRepository
{
    Q_DECLARE_TR_FUNCTIONS(courier::EndpointRepository)

public:
    explicit EndpointRepository(const Database &database);

    // Stores a new endpoint (its id is ignored) and returns the new id; sets created/updated.
    std::optional<qint64> add(const Endpoint &endpoint, QString *error = nullptr);
    // Saves every field but createdAt; sets updatedAt. False if the endpoint no longer exists.
    bool update(const Endpoint &endpoint, QString *error = nullptr);
    // Also removes its audiences and the shares that use it (foreign-key cascade).
    bool remove(qint64 id, QString *error = nullptr);
    // nullopt when there is none (*error untouched) or on failure (*error set).
    std::optional<Endpoint> find(qint64 id, QString *error = nullptr) const;
    // Ordered by name (case-insensitive).
    QList<Endpoint> list(QString *error = nullptr) const;

private:
    const Database &m_database;
};

} // namespace courier
