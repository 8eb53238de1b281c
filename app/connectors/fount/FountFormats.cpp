#include "FountFormats.h"

#include <QJsonArray>
#include <QJsonValue>

namespace courier {

namespace {

const QString BavFlag = QStringLiteral("available_for_bav");
const QString BcFlag = QStringLiteral("available_for_bc");

bool flag(const QJsonObject &audience, const QString &key)
{
    const QJsonValue value = audience.value(key);
    // Laravel may send booleans as 0/1 when a model has no cast.
    return value.isBool() ? value.toBool() : value.toInt() != 0;
}

} // namespace

QList<FountFormat> FountFormats::all()
{
    return {FountFormat::Definition, FountFormat::BavRespondentIds, FountFormat::AoRespondentIds,
            FountFormat::AoProgressiveNumbers};
}

QList<FountFormat> FountFormats::respondentFormats()
{
    return {FountFormat::BavRespondentIds, FountFormat::AoRespondentIds,
            FountFormat::AoProgressiveNumbers};
}

QString FountFormats::name(FountFormat format)
{
    switch (format) {
    case FountFormat::Definition:
        return QStringLiteral("definition");
    case FountFormat::BavRespondentIds:
        return QStringLiteral("bav_respondent_ids");
    case FountFormat::AoRespondentIds:
        return QStringLiteral("ao_respondent_ids");
    case FountFormat::AoProgressiveNumbers:
        return QStringLiteral("ao_progressive_numbers");
    }
    return {};
}

std::optional<FountFormat> FountFormats::fromName(const QString &name)
{
    const QString wanted = name.trimmed();
    for (FountFormat format : all()) {
        if (wanted.compare(FountFormats::name(format), Qt::CaseInsensitive) == 0 ||
            (!column(format).isEmpty() && wanted.compare(column(format), Qt::CaseInsensitive) == 0))
            return format;
    }
    return std::nullopt;
}

QString FountFormats::column(FountFormat format)
{
    switch (format) {
    case FountFormat::Definition:
        return {};
    case FountFormat::BavRespondentIds:
        return QStringLiteral("bavRespondentId");
    case FountFormat::AoRespondentIds:
        return QStringLiteral("aoRespondentId");
    case FountFormat::AoProgressiveNumbers:
        return QStringLiteral("aoProgressiveNumber");
    }
    return {};
}

QString FountFormats::label(FountFormat format)
{
    switch (format) {
    case FountFormat::Definition:
        return tr("Audience definition");
    case FountFormat::BavRespondentIds:
        return tr("BAV respondent IDs");
    case FountFormat::AoRespondentIds:
        return tr("Audience Origin respondent IDs");
    case FountFormat::AoProgressiveNumbers:
        return tr("Audience Origin progressive numbers");
    }
    return {};
}

QStringList FountFormats::definitionColumns()
{
    return {QStringLiteral("id"),
            QStringLiteral("name"),
            QStringLiteral("description"),
            QStringLiteral("group"),
            QStringLiteral("isActive"),
            QStringLiteral("isPublic"),
            QStringLiteral("isStandard"),
            QStringLiteral("availableForBav"),
            QStringLiteral("availableForBc"),
            QStringLiteral("bcFilters"),
            QStringLiteral("availableForDiversity"),
            QStringLiteral("isEthnicMinority"),
            QStringLiteral("deployedAt"),
            QStringLiteral("createdAt"),
            QStringLiteral("updatedAt")};
}

bool FountFormats::hasStudyFacts(const QJsonObject &audience)
{
    return audience.contains(BavFlag) && audience.contains(BcFlag);
}

FountStudyType FountFormats::studyType(const QJsonObject &audience)
{
    const bool bav = flag(audience, BavFlag);
    const bool bc = flag(audience, BcFlag);
    if (bav && bc)
        return FountStudyType::Honeycomb;
    if (bav)
        return FountStudyType::Bav;
    if (bc)
        return FountStudyType::AudienceOrigin;
    return FountStudyType::None;
}

QString FountFormats::studyTypeKey(FountStudyType type)
{
    switch (type) {
    case FountStudyType::None:
        return QStringLiteral("none");
    case FountStudyType::Bav:
        return QStringLiteral("bav");
    case FountStudyType::AudienceOrigin:
        return QStringLiteral("audienceOrigin");
    case FountStudyType::Honeycomb:
        return QStringLiteral("honeycomb");
    }
    return {};
}

QString FountFormats::studyTypeLabel(FountStudyType type)
{
    switch (type) {
    case FountStudyType::None:
        return tr("no respondent-level study");
    case FountStudyType::Bav:
        return tr("BAV study");
    case FountStudyType::AudienceOrigin:
        return tr("Audience Origin study");
    case FountStudyType::Honeycomb:
        return tr("Honeycomb study (BAV and Audience Origin fused)");
    }
    return {};
}

FountFormats::Approvals FountFormats::approvals(const QJsonObject &settings)
{
    const QJsonValue value = settings.value(QStringLiteral("approvals"));
    if (!value.isArray())
        return {};
    Approvals approvals{false, false};
    for (const QJsonValue &item : value.toArray()) {
        const QString name = item.toString().trimmed();
        if (name.compare(QLatin1String("bav"), Qt::CaseInsensitive) == 0)
            approvals.bav = true;
        else if (name.compare(QLatin1String("choreograph"), Qt::CaseInsensitive) == 0)
            approvals.choreograph = true;
    }
    return approvals;
}

FountFormatAvailability FountFormats::check(FountFormat format, const QJsonObject &audience,
                                            const Approvals &approvals)
{
    FountFormatAvailability result;
    result.format = format;
    if (format == FountFormat::Definition) {
        result.available = true;
        return result;
    }
    const FountStudyType type = studyType(audience);
    const bool bavFormat = format == FountFormat::BavRespondentIds;
    const bool studyFits =
        bavFormat ? (type == FountStudyType::Bav || type == FountStudyType::Honeycomb)
                  : (type == FountStudyType::AudienceOrigin || type == FountStudyType::Honeycomb);
    if (!studyFits) {
        result.reason =
            bavFormat
                ? tr("%1 exist only for audiences of BAV or Honeycomb studies; this audience is "
                     "in a %2 (The Fount marks it as not available for the BAV dataset).")
                      .arg(label(format), studyTypeLabel(type))
                : tr("%1 exist only for audiences of Audience Origin or Honeycomb studies; this "
                     "audience is in a %2 (The Fount marks it as not available for "
                     "respondent-level data).")
                      .arg(label(format), studyTypeLabel(type));
        return result;
    }
    if (bavFormat && !approvals.bav) {
        result.reason = tr("%1 need BAV's approval of this integration, and the endpoint's "
                           "approvals do not include it; ask BAV for approval, then add "
                           "“bav” to the endpoint's approvals.")
                            .arg(label(format));
        return result;
    }
    if (!bavFormat && !approvals.choreograph) {
        result.reason = tr("%1 need Choreograph's approval of this integration, and the "
                           "endpoint's approvals do not include it; ask Choreograph for "
                           "approval, then add “choreograph” to the endpoint's approvals.")
                            .arg(label(format));
        return result;
    }
    result.available = true;
    return result;
}

QList<FountFormatAvailability> FountFormats::availability(const QJsonObject &audience,
                                                          const Approvals &approvals)
{
    QList<FountFormatAvailability> list;
    for (FountFormat format : all())
        list << check(format, audience, approvals);
    return list;
}

QList<FountFormat> FountFormats::allowedRespondentFormats(const QJsonObject &audience,
                                                          const Approvals &approvals)
{
    QList<FountFormat> list;
    for (FountFormat format : respondentFormats()) {
        if (check(format, audience, approvals).available)
            list << format;
    }
    return list;
}

} // namespace courier
