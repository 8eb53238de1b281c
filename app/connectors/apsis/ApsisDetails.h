#pragma once

#include "model/Audience.h"

#include <optional>
#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QString>

namespace courier {

// One attribute, tag or event type of an APSIS section, as its definition lists it. APSIS
// addresses them by numeric version ids: an export request names them, the export file keys
// values (and events' typeId) by them. An older version may be deprecated and still turn up.
struct ApsisDefinition
{
    enum class Kind { Attribute, Tag, Event };

    struct Version
    {
        qint64 id = 0;
        QString deprecatedAt; // empty: current

        bool deprecated() const { return !deprecatedAt.isEmpty(); }
        friend bool operator==(const Version &, const Version &) = default;
    };

    Kind kind = Kind::Attribute;
    QString discriminator;
    QString name;
    QString type; // attributes: "string", "double", "date", …; tags "tag"; events "event"
    QList<Version> versions;
    // The column (attributes and tags); for events the stem of their two columns.
    QString column;

    // The version an export asks for: the newest current one, else (every version deprecated,
    // still exportable) the newest of all; 0 when there is none.
    qint64 exportVersion() const;
    // True when every version is deprecated (left out of "everything" exports).
    bool deprecated() const;

    QString countColumn() const; // events: "Event: Order placed (count)"
    QString lastColumn() const;  // events: "Event: Order placed (last)"

    QJsonObject toJson() const;
    static std::optional<ApsisDefinition> fromJson(Kind kind, const QJsonObject &json);
    // An item of GET …/attributes, …/tags or …/events: {"discriminator","name","type"?,
    // "versions":[{"id","deprecated_at"}]}; nullopt when it has no name or no version id.
    static std::optional<ApsisDefinition> fromApi(Kind kind, const QJsonObject &item);

    friend bool operator==(const ApsisDefinition &, const ApsisDefinition &) = default;
};

// The columns of some definitions, in the order rows carry them: attributes, tags, then two per
// event type (count, last).
QStringList apsisColumns(const QList<ApsisDefinition> &attributes,
                         const QList<ApsisDefinition> &tags, const QList<ApsisDefinition> &events);

// What an APSIS segment's audience keeps in AudienceInfo::details, so a fetch needs no
// definition calls: the segment's section and the section's attributes, tags and event types
// with every version id.
//
//   {"format": 1,
//    "section": {"id": 4101, "discriminator": "usercreated.sections.webshop-…", "name": "Webshop"},
//    "attributes": [{"discriminator", "name", "type", "column",
//                    "versions": [{"id": 9820547}, {"id": 8700047, "deprecatedAt": "2023-…"}]}],
//    "tags": [… "type": "tag", "column": "Tag: VIP" …],
//    "events": [… "type": "event", "column": "Event: Order placed" …]}
//
// Columns of the rows a fetch reads (and of AudienceInfo::attributes): "profileKey" (the
// profile's export key, always first), each attribute by its name, each tag as "Tag: <name>"
// ("true" when the profile carries it, else "false"), each event type as
// "Event: <name> (count)" (events in the window, repeated deliveries counted once) and
// "Event: <name> (last)" (the latest sourceEventTime, ISO 8601 UTC; empty when none). A name
// that would repeat a column gets its discriminator added: "Email [com.apsis1…email]".
struct ApsisDetails
{
    Q_DECLARE_TR_FUNCTIONS(ApsisDetails)

public:
    static constexpr int Format = 1;
    static inline const QString ProfileKeyColumn = QStringLiteral("profileKey");

    qint64 sectionId = 0;
    QString sectionDiscriminator;
    QString sectionName;
    QList<ApsisDefinition> attributes;
    QList<ApsisDefinition> tags;
    QList<ApsisDefinition> events;

    // Gives every definition its column name (see above), unique across the segment.
    void assignColumns();

    // Every column the rows may have, in order: attributes, tags, event count/last.
    QStringList columns() const;
    // profileKey, then the attributes that identify a person: e-mail address and phone.
    QStringList identifiers() const;

    QJsonObject toJson() const;
    // nullopt (and *error, translated) when json is not this format.
    static std::optional<ApsisDetails> fromJson(const QJsonObject &json, QString *error);

    // The audience of one segment of this section (item of GET …/segments).
    AudienceInfo audienceFor(const QJsonObject &segment) const;

    static QString tagColumn(const QString &name);
    static QString eventStem(const QString &name);

    friend bool operator==(const ApsisDetails &, const ApsisDetails &) = default;
};

} // namespace courier
