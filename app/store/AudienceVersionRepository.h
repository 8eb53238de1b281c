#pragma once

#include "model/Audience.h"

#include <optional>
#include <QCoreApplication>
#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

namespace courier {

class Database;

// One CSV an exchange PUSH producer sent to the app's inbox. The file is immutable once
// recorded; a later push adds a new version, and shares read the latest.
struct AudienceVersion
{
    qint64 id = 0; // 0 = not stored yet
    qint64 audienceId = 0;
    qint64 endpointId = 0; // the endpoint that pushed it
    QDateTime receivedAt;  // UTC
    QString filePath;      // relative to the profile folder, with '/' separators
    qint64 rows = 0;       // data rows (the header not counted)
    qint64 bytes = 0;
    QString sha256; // lower-case hex of the file's bytes
    QStringList columns;
    QString pushId; // the producer's Idempotency-Key; empty when it sent none

    friend bool operator==(const AudienceVersion &, const AudienceVersion &) = default;
};

// The audience versions pushed to the inbox. Usable from any thread (each call uses that
// thread's connection).
class AudienceVersionRepository
{
    Q_DECLARE_TR_FUNCTIONS(courier::AudienceVersionRepository)

public:
    explicit AudienceVersionRepository(const Database &database);

    struct Added
    {
        AudienceVersion version;
        AudienceInfo audience;
        bool duplicate = false; // the push id was already used: nothing was written
    };

    // Upserts the audience (by endpoint and external id) and records the version for it, in one
    // transaction. An empty audience name or description keeps the stored one (a new audience
    // is named after its external id). When version.pushId is set and the endpoint already
    // pushed a version under it, nothing is written and that version is returned as duplicate.
    std::optional<Added> add(AudienceInfo audience, AudienceVersion version,
                             QString *error = nullptr);

    std::optional<AudienceVersion> find(qint64 id, QString *error = nullptr) const;
    std::optional<AudienceVersion> findByPushId(qint64 endpointId, const QString &pushId,
                                                QString *error = nullptr) const;
    // The audience's newest version; nullopt when it has none (*error untouched).
    std::optional<AudienceVersion> latest(qint64 audienceId, QString *error = nullptr) const;
    // Newest first.
    QList<AudienceVersion> listByAudience(qint64 audienceId, QString *error = nullptr) const;
    // The endpoint's audiences that have at least one version, ordered by name.
    QList<AudienceInfo> pushedAudiences(qint64 endpointId, QString *error = nullptr) const;
    // -1 + *error on failure.
    qint64 count(QString *error = nullptr) const;

private:
    const Database &m_database;
};

} // namespace courier
