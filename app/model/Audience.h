#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace courier {

// An audience as last seen on its endpoint. The cache keeps these so browsing and search work
// offline; a refresh upserts them by (endpointId, externalId).
struct AudienceInfo
{
    qint64 id = 0; // 0 = not stored yet
    qint64 endpointId = 0;
    QString externalId; // the endpoint's own id for it
    QString name;
    QString description;
    qint64 size = -1; // member count; -1 = unknown (many systems only report it lazily)
    QStringList identifiers;
    QStringList attributes;
    QDateTime refreshedAt; // UTC; when the store last saw it on the endpoint
    // The source connector's own facts about it, kept with it in the cache and handed back to
    // the connector at fetch time (e.g. an APSIS segment's section and attribute version ids).
    QJsonObject details;

    bool sizeKnown() const { return size >= 0; }

    friend bool operator==(const AudienceInfo &, const AudienceInfo &) = default;
};

} // namespace courier
