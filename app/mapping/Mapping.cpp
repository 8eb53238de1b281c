#include "Mapping.h"

#include <QJsonArray>

namespace courier {

namespace {

std::optional<QList<Transform>> parseTransforms(const QStringList &names, QString *error)
{
    QList<Transform> transforms;
    for (const QString &name : names) {
        const auto transform = Transform::fromName(name.trimmed());
        if (!transform) {
            if (error)
                *error = Mapping::tr("Unknown transform \"%1\". Known transforms: %2.")
                             .arg(name.trimmed(), Transform::names().join(QStringLiteral(", ")));
            return std::nullopt;
        }
        transforms.append(*transform);
    }
    return transforms;
}

} // namespace

QStringList Mapping::targets() const
{
    QStringList result;
    result.reserve(fields.size());
    for (const FieldMapping &field : fields)
        result.append(field.target);
    return result;
}

Mapping Mapping::passThrough(const QStringList &columns)
{
    Mapping mapping;
    for (const QString &column : columns)
        mapping.fields.append(FieldMapping{column, column, false, {}});
    return mapping;
}

QJsonObject Mapping::toJson() const
{
    QJsonArray array;
    for (const FieldMapping &field : fields) {
        QJsonArray transforms;
        for (const Transform &transform : field.transforms)
            transforms.append(transform.name());
        array.append(QJsonObject{
            {QStringLiteral("target"), field.target},
            {QStringLiteral("source"), field.source},
            {QStringLiteral("identifier"), field.identifier},
            {QStringLiteral("transforms"), transforms},
        });
    }
    return QJsonObject{{QStringLiteral("version"), 1}, {QStringLiteral("fields"), array}};
}

std::optional<Mapping> Mapping::fromJson(const QJsonObject &json, QString *error)
{
    Mapping mapping;
    const QJsonArray array = json.value(QStringLiteral("fields")).toArray();
    for (const QJsonValue &value : array) {
        const QJsonObject object = value.toObject();
        FieldMapping field;
        field.target = object.value(QStringLiteral("target")).toString();
        field.source = object.value(QStringLiteral("source")).toString();
        field.identifier = object.value(QStringLiteral("identifier")).toBool();
        if (field.target.isEmpty() || field.source.isEmpty()) {
            if (error)
                *error = tr("A mapped field has no target or no source.");
            return std::nullopt;
        }
        QStringList names;
        const QJsonArray transforms = object.value(QStringLiteral("transforms")).toArray();
        for (const QJsonValue &name : transforms)
            names.append(name.toString());
        const auto parsed = parseTransforms(names, error);
        if (!parsed)
            return std::nullopt;
        field.transforms = *parsed;
        mapping.fields.append(field);
    }
    return mapping;
}

std::optional<FieldMapping> Mapping::parseSpec(const QString &spec, QString *error)
{
    FieldMapping field;
    const qsizetype equals = spec.indexOf(QLatin1Char('='));
    QString sourcePart = equals < 0 ? spec : spec.mid(equals + 1);
    field.target = (equals < 0 ? QString() : spec.left(equals)).trimmed();

    // Transforms follow the last colon, so a source column may itself contain colons
    // ("utm:source") as long as a transform list is given after it.
    const qsizetype colon = sourcePart.lastIndexOf(QLatin1Char(':'));
    if (colon >= 0) {
        const QStringList names =
            sourcePart.mid(colon + 1).split(QLatin1Char(','), Qt::SkipEmptyParts);
        const bool allKnown =
            !names.isEmpty() && std::all_of(names.cbegin(), names.cend(), [](const QString &n) {
                return Transform::fromName(n.trimmed()).has_value();
            });
        if (allKnown || equals >= 0) {
            const auto transforms = parseTransforms(names, error);
            if (!transforms)
                return std::nullopt;
            field.transforms = *transforms;
            sourcePart = sourcePart.left(colon);
        }
    }
    field.source = sourcePart.trimmed();
    if (field.target.isEmpty())
        field.target = field.source;
    if (field.source.isEmpty()) {
        if (error)
            *error = tr("\"%1\" names no source column. Write TARGET=SOURCE, for example "
                        "email=E-mail:trim,lowercase.")
                         .arg(spec);
        return std::nullopt;
    }
    return field;
}

} // namespace courier
