#pragma once

#include "model/Share.h"

#include <optional>
#include <QCoreApplication>
#include <QList>
#include <QString>

namespace courier {

class Database;

// Shares in the cache. Usable from any thread (each call uses that thread's connection).
class ShareRepository
{
    Q_DECLARE_TR_FUNCTIONS(courier::ShareRepository)

public:
    explicit ShareRepository(const Database &database);

    // Stores a new share (its id is ignored) and returns the new id; sets created/updated.
    // Fails if the audience or destination does not exist.
    std::optional<qint64> add(const Share &share, QString *error = nullptr);
    // Saves every field but createdAt; sets updatedAt. False if the share no longer exists.
    bool update(const Share &share, QString *error = nullptr);
    // Its runs stay as history, detached from the share.
    bool remove(qint64 id, QString *error = nullptr);
    // nullopt when there is none (*error untouched) or on failure (*error set).
    std::optional<Share> find(qint64 id, QString *error = nullptr) const;
    // Ordered by name (case-insensitive).
    QList<Share> list(QString *error = nullptr) const;

    // Keeps what a delivery resolved (e.g. the list it created) for the share's next runs.
    bool setDestinationOptions(qint64 id, const QJsonObject &options, QString *error = nullptr);
    // An invalid time means "not due".
    bool setNextRunAt(qint64 id, const QDateTime &nextRunAt, QString *error = nullptr);
    // Enabled shares whose next run time has come, the longest overdue first.
    QList<Share> due(const QDateTime &now, QString *error = nullptr) const;

private:
    const Database &m_database;
};

} // namespace courier
