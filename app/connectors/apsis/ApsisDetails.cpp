#include "ApsisDetails.h"

#include <QSet>

namespace courier {

namespace {

const QString AttributesKey = QStringLiteral("attributes");
const QString TagsKey = QStringLiteral("tags");
const QString EventsKey = QStringLiteral("events");

QString kindType(ApsisDefinition::Kind kind)
{
    switch (kind) {
    case ApsisDefinition::Kind::Tag:
        return QStringLiteral("tag");
    case ApsisDefinition::Kind::Event:
        return QStringLiteral("event");
    case ApsisDefinition::Kind::Attribute:
        break;
    }
    return QStringLiteral("string");
}

qint64 integer(const QJsonValue &value)
{
    if (value.isDouble())
        return value.toInteger();
    bool ok = false;
    const qint64 number = value.toString().toLongLong(&ok);
    return ok ? number : 0;
}

// APSIS's own system attributes for the e-mail address and the mobile number; a section made
// by a user has them under these discriminators.
bool identifiesAPerson(const ApsisDefinition &attribute)
{
    static const QSet<QString> discriminators{
        QStringLiteral("com.apsis1.attributes.email"),
        QStringLiteral("com.apsis1.attributes.phone"),
        QStringLiteral("com.apsis1.attributes.mobile"),
    };
    return discriminators.contains(attribute.discriminator);
}

QJsonArray definitionsToJson(const QList<ApsisDefinition> &definitions)
{
    QJsonArray array;
    for (const ApsisDefinition &definition : definitions)
        array.append(definition.toJson());
    return array;
}

bool definitionsFromJson(ApsisDefinition::Kind kind, const QJsonValue &value,
                         QList<ApsisDefinition> *out)
{
    if (!value.isArray())
        return false;
    const QJsonArray array = value.toArray();
    for (const QJsonValue &item : array) {
        auto definition = ApsisDefinition::fromJson(kind, item.toObject());
        if (!definition)
            return false;
        out->append(std::move(*definition));
    }
    return true;
}

} // namespace

qint64 ApsisDefinition::exportVersion() const
{
    qint64 current = 0;
    qint64 any = 0;
    for (const Version &version : versions) {
        any = std::max(any, version.id);
        if (!version.deprecated())
            current = std::max(current, version.id);
    }
    return current != 0 ? current : any;
}

bool ApsisDefinition::deprecated() const
{
    return std::all_of(versions.cbegin(), versions.cend(),
                       [](const Version &version) { return version.deprecated(); });
}

QString ApsisDefinition::countColumn() const
{
    return column + QStringLiteral(" (count)");
}

QString ApsisDefinition::lastColumn() const
{
    return column + QStringLiteral(" (last)");
}

QJsonObject ApsisDefinition::toJson() const
{
    QJsonArray versionArray;
    for (const Version &version : versions) {
        QJsonObject object{{QStringLiteral("id"), version.id}};
        if (version.deprecated())
            object.insert(QStringLiteral("deprecatedAt"), version.deprecatedAt);
        versionArray.append(object);
    }
    return QJsonObject{
        {QStringLiteral("discriminator"), discriminator},
        {QStringLiteral("name"), name},
        {QStringLiteral("type"), type},
        {QStringLiteral("column"), column},
        {QStringLiteral("versions"), versionArray},
    };
}

std::optional<ApsisDefinition> ApsisDefinition::fromJson(Kind kind, const QJsonObject &json)
{
    ApsisDefinition definition;
    definition.kind = kind;
    definition.discriminator = json.value(QStringLiteral("discriminator")).toString();
    definition.name = json.value(QStringLiteral("name")).toString();
    definition.type = json.value(QStringLiteral("type")).toString();
    definition.column = json.value(QStringLiteral("column")).toString();
    const QJsonArray versions = json.value(QStringLiteral("versions")).toArray();
    for (const QJsonValue &value : versions) {
        const QJsonObject object = value.toObject();
        Version version{integer(object.value(QStringLiteral("id"))),
                        object.value(QStringLiteral("deprecatedAt")).toString()};
        if (version.id != 0)
            definition.versions.append(version);
    }
    if (definition.column.isEmpty() || definition.versions.isEmpty())
        return std::nullopt;
    return definition;
}

std::optional<ApsisDefinition> ApsisDefinition::fromApi(Kind kind, const QJsonObject &item)
{
    ApsisDefinition definition;
    definition.kind = kind;
    definition.discriminator = item.value(QStringLiteral("discriminator")).toString();
    definition.name = item.value(QStringLiteral("name")).toString().simplified();
    if (definition.name.isEmpty())
        definition.name = definition.discriminator;
    definition.type =
        kind == Kind::Attribute ? item.value(QStringLiteral("type")).toString() : kindType(kind);
    if (definition.type.isEmpty())
        definition.type = kindType(kind);
    const QJsonArray versions = item.value(QStringLiteral("versions")).toArray();
    for (const QJsonValue &value : versions) {
        const QJsonObject object = value.toObject();
        const QJsonValue deprecatedAt = object.value(QStringLiteral("deprecated_at"));
        Version version{integer(object.value(QStringLiteral("id"))), QString()};
        if (!deprecatedAt.isNull() && !deprecatedAt.isUndefined()) {
            // A date as APSIS sends it; anything else that is set still means "deprecated".
            version.deprecatedAt = deprecatedAt.isString() && !deprecatedAt.toString().isEmpty()
                                       ? deprecatedAt.toString()
                                       : QStringLiteral("yes");
        }
        if (version.id != 0)
            definition.versions.append(version);
    }
    if (definition.name.isEmpty() || definition.versions.isEmpty())
        return std::nullopt;
    return definition;
}

QString ApsisDetails::tagColumn(const QString &name)
{
    return QStringLiteral("Tag: ") + name;
}

QString ApsisDetails::eventStem(const QString &name)
{
    return QStringLiteral("Event: ") + name;
}

void ApsisDetails::assignColumns()
{
    QSet<QString> taken{ProfileKeyColumn};
    const auto unique = [&taken](const QString &wanted, const ApsisDefinition &definition,
                                 const QStringList &suffixes) {
        const auto free = [&taken, &suffixes](const QString &stem) {
            for (const QString &suffix : suffixes) {
                if (taken.contains(stem + suffix))
                    return false;
            }
            return true;
        };
        QString column = wanted;
        if (!free(column))
            column = wanted + QStringLiteral(" [%1]").arg(definition.discriminator);
        // Two definitions with the same discriminator too (not seen in APSIS): number them.
        for (int n = 2; !free(column); ++n)
            column = wanted + QStringLiteral(" [%1 %2]").arg(definition.discriminator).arg(n);
        for (const QString &suffix : suffixes)
            taken.insert(column + suffix);
        return column;
    };
    for (ApsisDefinition &attribute : attributes)
        attribute.column = unique(attribute.name, attribute, {QString()});
    for (ApsisDefinition &tag : tags)
        tag.column = unique(tagColumn(tag.name), tag, {QString()});
    for (ApsisDefinition &event : events)
        event.column = unique(eventStem(event.name), event,
                              {QStringLiteral(" (count)"), QStringLiteral(" (last)")});
}

QStringList apsisColumns(const QList<ApsisDefinition> &attributes,
                         const QList<ApsisDefinition> &tags, const QList<ApsisDefinition> &events)
{
    QStringList out;
    for (const ApsisDefinition &attribute : attributes)
        out << attribute.column;
    for (const ApsisDefinition &tag : tags)
        out << tag.column;
    for (const ApsisDefinition &event : events)
        out << event.countColumn() << event.lastColumn();
    return out;
}

QStringList ApsisDetails::columns() const
{
    return apsisColumns(attributes, tags, events);
}

QStringList ApsisDetails::identifiers() const
{
    QStringList out{ProfileKeyColumn};
    for (const ApsisDefinition &attribute : attributes) {
        if (identifiesAPerson(attribute))
            out << attribute.column;
    }
    return out;
}

QJsonObject ApsisDetails::toJson() const
{
    return QJsonObject{
        {QStringLiteral("format"), Format},
        {QStringLiteral("section"),
         QJsonObject{{QStringLiteral("id"), sectionId},
                     {QStringLiteral("discriminator"), sectionDiscriminator},
                     {QStringLiteral("name"), sectionName}}},
        {AttributesKey, definitionsToJson(attributes)},
        {TagsKey, definitionsToJson(tags)},
        {EventsKey, definitionsToJson(events)},
    };
}

std::optional<ApsisDetails> ApsisDetails::fromJson(const QJsonObject &json, QString *error)
{
    ApsisDetails details;
    const QJsonObject section = json.value(QStringLiteral("section")).toObject();
    details.sectionId = integer(section.value(QStringLiteral("id")));
    details.sectionDiscriminator = section.value(QStringLiteral("discriminator")).toString();
    details.sectionName = section.value(QStringLiteral("name")).toString();
    const bool ok =
        json.value(QStringLiteral("format")).toInt() == Format &&
        !details.sectionDiscriminator.isEmpty() &&
        definitionsFromJson(ApsisDefinition::Kind::Attribute, json.value(AttributesKey),
                            &details.attributes) &&
        definitionsFromJson(ApsisDefinition::Kind::Tag, json.value(TagsKey), &details.tags) &&
        definitionsFromJson(ApsisDefinition::Kind::Event, json.value(EventsKey), &details.events);
    if (!ok) {
        if (error)
            *error = tr("The cached definitions of this APSIS One segment are missing or out of "
                        "date; refresh the endpoint's audiences and try again.");
        return std::nullopt;
    }
    return details;
}

AudienceInfo ApsisDetails::audienceFor(const QJsonObject &segment) const
{
    AudienceInfo info;
    info.externalId = segment.value(QStringLiteral("discriminator")).toString();
    info.name = segment.value(QStringLiteral("name")).toString().simplified();
    if (info.name.isEmpty())
        info.name = info.externalId;
    info.description = tr("APSIS One segment of the section “%1”.").arg(sectionName);
    const QJsonValue count = segment.value(QStringLiteral("profile_count"));
    info.size = count.isDouble() ? count.toInteger(-1) : -1;
    info.identifiers = identifiers();
    info.attributes = columns();
    info.refreshedAt = QDateTime::currentDateTimeUtc();
    info.details = toJson();
    return info;
}

} // namespace courier
