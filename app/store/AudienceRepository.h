#pragma once

#include "model/Audience.h"

#include <optional>
#include <QCoreApplication>
#include <QList>
#include <QString>

namespace courier {

class Database;

// Audiences in the cache, as last refreshed from their endpoints, and their full-text search.
// Usable from any thread (each call uses that thread's connection).
class AudienceRepository
{
    Q_DECLARE_TR_FUNCTIONS(courier::AudienceRepository)

public:
    explicit AudienceRepository(const Database &database);

    // Inserts or updates by (endpointId, externalId) and returns the row id. An invalid
    // refreshedAt is stored as now: upserts come from refreshes.
    std::optional<qint64> upsert(const AudienceInfo &audience, QString *error = nullptr);
    // The same for a whole refresh in one transaction (all or nothing); ids in input order.
    std::optional<QList<qint64>> upsertMany(const QList<AudienceInfo> &audiences,
                                            QString *error = nullptr);
    // nullopt when there is none (*error untouched) or on failure (*error set).
    std::optional<AudienceInfo> find(qint64 id, QString *error = nullptr) const;
    // Ordered by name (case-insensitive).
    QList<AudienceInfo> listByEndpoint(qint64 endpointId, QString *error = nullptr) const;
    // -1 + *error on failure.
    qint64 count(QString *error = nullptr) const;

    // Every word of text must start a word of the name or description, ignoring case and
    // diacritics ("summ buy" finds "Summer buyers", "malmo" finds "Malmö"). Best matches
    // first (name matches outrank description matches), then by name. Text without any
    // word (empty, or only punctuation) lists all audiences by name. limit <= 0: no limit.
    QList<AudienceInfo> search(const QString &text, int limit = 200,
                               QString *error = nullptr) const;

    // The FTS5 query for text: each word quoted (so operators and syntax in the user's text
    // are plain words) and made a prefix; empty when text has no words. Exposed for tests.
    static QString ftsQuery(const QString &text);

private:
    const Database &m_database;
};

} // namespace courier
