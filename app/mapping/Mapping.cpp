#include "Mapping.h"

#include "PhoneNormaliser.h"

#include <QJsonArray>

namespace courier {

namespace {

constexpr int JsonVersion = 2;

// Where the transform list starts: after the last colon outside parentheses (and not escaped,
// as inside a transform's parameters). -1 when there is none.
qsizetype transformColon(QStringView text)
{
    int depth = 0;
    qsizetype colon = -1;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (c == QLatin1Char('\\'))
            ++i;
        else if (c == QLatin1Char('('))
            ++depth;
        else if (c == QLatin1Char(')'))
            depth = std::max(0, depth - 1);
        else if (c == QLatin1Char(':') && depth == 0)
            colon = i;
    }
    // An unbalanced "(" in a column name must not hide the colon after it.
    return depth == 0 ? colon : text.lastIndexOf(QLatin1Char(':'));
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
            transforms.append(transform.toJson());
        QJsonObject object{
            {QStringLiteral("target"), field.target},
            {QStringLiteral("source"), field.source},
            {QStringLiteral("identifier"), field.identifier},
            {QStringLiteral("transforms"), transforms},
        };
        if (!field.constant.isEmpty())
            object.insert(QStringLiteral("constant"), field.constant);
        array.append(object);
    }
    QJsonObject json{{QStringLiteral("version"), JsonVersion},
                     {QStringLiteral("fields"), array},
                     {QStringLiteral("rejectLimitPercent"), rejectLimitPercent}};
    if (!defaultRegion.isEmpty())
        json.insert(QStringLiteral("defaultRegion"), defaultRegion);
    return json;
}

std::optional<Mapping> Mapping::fromJson(const QJsonObject &json, QString *error)
{
    auto fail = [&](const QString &message) -> std::optional<Mapping> {
        if (error)
            *error = message;
        return std::nullopt;
    };
    Mapping mapping;
    mapping.defaultRegion = json.value(QStringLiteral("defaultRegion")).toString().toUpper();
    if (!mapping.defaultRegion.isEmpty() && !PhoneNormaliser::isKnownRegion(mapping.defaultRegion))
        return fail(tr("The default region “%1” is not a country; use its two-letter code, "
                       "such as SE or US.")
                        .arg(mapping.defaultRegion));
    const QJsonValue limit = json.value(QStringLiteral("rejectLimitPercent"));
    if (!limit.isUndefined()) {
        if (!limit.isDouble() || limit.toDouble() < 0 || limit.toDouble() > 100)
            return fail(tr("The reject limit must be a percentage from 0 to 100."));
        mapping.rejectLimitPercent = limit.toDouble();
    }

    const QJsonArray array = json.value(QStringLiteral("fields")).toArray();
    for (const QJsonValue &value : array) {
        const QJsonObject object = value.toObject();
        FieldMapping field;
        field.target = object.value(QStringLiteral("target")).toString();
        field.source = object.value(QStringLiteral("source")).toString();
        field.identifier = object.value(QStringLiteral("identifier")).toBool();
        field.constant = object.value(QStringLiteral("constant")).toString();
        if (field.target.isEmpty())
            return fail(tr("A mapped field has no target."));
        if (field.source.isEmpty() && field.constant.isEmpty())
            return fail(
                tr("The field “%1” has no source column and no constant.").arg(field.target));
        const QJsonArray transforms = object.value(QStringLiteral("transforms")).toArray();
        for (const QJsonValue &transformJson : transforms) {
            QString problem;
            const auto transform = Transform::fromJson(transformJson, &problem);
            if (!transform)
                return fail(tr("The field “%1”: %2").arg(field.target, problem));
            field.transforms.append(*transform);
        }
        mapping.fields.append(field);
    }
    return mapping;
}

std::optional<FieldMapping> Mapping::parseSpec(const QString &spec, QString *error)
{
    auto fail = [&](const QString &message) -> std::optional<FieldMapping> {
        if (error)
            *error = message;
        return std::nullopt;
    };
    FieldMapping field;
    const qsizetype equals = spec.indexOf(QLatin1Char('='));
    field.target = (equals < 0 ? QString() : spec.left(equals)).trimmed();

    if (equals >= 0 && spec.mid(equals + 1).startsWith(QLatin1Char('='))) {
        field.constant = spec.mid(equals + 2).trimmed();
        if (field.target.isEmpty())
            return fail(tr("\"%1\" names no target field. Write TARGET==VALUE, for example "
                           "country==SE.")
                            .arg(spec));
        if (field.constant.isEmpty())
            return fail(tr("\"%1\" gives no value. Write TARGET==VALUE, for example "
                           "country==SE.")
                            .arg(spec));
        return field;
    }

    QString sourcePart = equals < 0 ? spec : spec.mid(equals + 1);
    const qsizetype colon = transformColon(sourcePart);
    if (colon >= 0) {
        const QString list = sourcePart.mid(colon + 1);
        QString problem;
        const auto transforms = Transform::listFromSpec(list, &problem);
        // Without "=", "utm:source" is a column name unless a valid transform list follows.
        const bool isList = transforms && !list.trimmed().isEmpty();
        if (equals >= 0 || isList) {
            if (!transforms)
                return fail(problem);
            field.transforms = *transforms;
            sourcePart = sourcePart.left(colon);
        }
    }
    field.source = sourcePart.trimmed();
    if (field.target.isEmpty())
        field.target = field.source;
    if (field.source.isEmpty())
        return fail(tr("\"%1\" names no source column. Write TARGET=SOURCE, for example "
                       "email=E-mail:email,sha256, or TARGET==VALUE for a constant.")
                        .arg(spec));
    return field;
}

QString Mapping::toSpec(const FieldMapping &field)
{
    if (field.isConstant())
        return field.target + QStringLiteral("==") + field.constant;
    QString spec = field.target + QLatin1Char('=') + field.source;
    // The colon also protects a source name that contains one.
    if (!field.transforms.isEmpty() || field.source.contains(QLatin1Char(':')))
        spec += QLatin1Char(':') + Transform::listToSpec(field.transforms);
    return spec;
}

} // namespace courier
