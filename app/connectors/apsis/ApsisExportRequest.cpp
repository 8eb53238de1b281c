#include "ApsisExportRequest.h"

#include "common/Logging.h"

#include <QJsonArray>
#include <QLocale>

namespace courier {

namespace {

const QString EventsOption = QStringLiteral("events");
const QString StartOption = QStringLiteral("startAt");
const QString EndOption = QStringLiteral("endAt");
const QString EventDaysOption = QStringLiteral("eventDays");

QJsonArray versionIds(const QList<ApsisDefinition> &definitions)
{
    QJsonArray array;
    for (const ApsisDefinition &definition : definitions)
        array.append(definition.exportVersion());
    return array;
}

QString isoUtc(const QDateTime &time)
{
    return time.toUTC().toString(Qt::ISODate);
}

// A few names for a message: a section may have a hundred attributes.
QString columnList(QStringList names)
{
    constexpr int Shown = 12;
    if (names.size() > Shown) {
        const auto more = names.size() - Shown;
        names = names.first(Shown);
        names << QCoreApplication::translate("ApsisExportRequest", "%n more", nullptr,
                                             static_cast<int>(more));
    }
    return QLocale().createSeparatedList(names);
}

void addOnce(QList<ApsisDefinition> &list, const ApsisDefinition &definition)
{
    for (const ApsisDefinition &known : std::as_const(list)) {
        if (known.column == definition.column)
            return;
    }
    list.append(definition);
}

} // namespace

QJsonObject ApsisExportPlan::body() const
{
    QJsonObject body{
        {QStringLiteral("segment_filter"), segment},
        {QStringLiteral("attributes"), versionIds(attributes)},
        {QStringLiteral("tags"), versionIds(tags)},
    };
    if (!events.isEmpty())
        body.insert(QStringLiteral("events"), versionIds(events));
    if (startAt.isValid()) {
        body.insert(QStringLiteral("start_at"), isoUtc(startAt));
        body.insert(QStringLiteral("end_at"), isoUtc(endAt));
    }
    return body;
}

QStringList ApsisExportPlan::columns() const
{
    return QStringList{ApsisDetails::ProfileKeyColumn} + apsisColumns(attributes, tags, events);
}

bool ApsisExportRequest::parseTime(const QJsonObject &options, const QString &key, QDateTime *time,
                                   QString *error)
{
    const QJsonValue value = options.value(key);
    if (value.isUndefined() || value.isNull() ||
        (value.isString() && value.toString().trimmed().isEmpty()))
        return true;
    QDateTime parsed;
    if (value.isString())
        parsed = QDateTime::fromString(value.toString().trimmed(), Qt::ISODateWithMs);
    if (!parsed.isValid()) {
        *error = tr("The source option “%1” must be a date and time in ISO 8601, e.g. "
                    "2025-01-31T00:00:00Z; it is “%2”.")
                     .arg(key, value.isString() ? value.toString().left(60) : tr("not text"));
        return false;
    }
    // Without an offset the time is meant as UTC, whatever this computer's time zone.
    if (parsed.timeSpec() == Qt::LocalTime)
        parsed.setTimeSpec(Qt::UTC);
    *time = parsed.toUTC();
    return true;
}

std::optional<ApsisExportPlan> ApsisExportRequest::plan(const AudienceInfo &audience,
                                                        const QStringList &columns,
                                                        const QJsonObject &options, QString *error)
{
    QString reason;
    const auto fail = [error](const QString &message) {
        if (error)
            *error = message;
        return std::nullopt;
    };
    const auto details = ApsisDetails::fromJson(audience.details, &reason);
    if (!details)
        return fail(reason);
    if (audience.externalId.isEmpty())
        return fail(tr("The APSIS One segment “%1” has no discriminator; refresh the "
                       "endpoint's audiences.")
                        .arg(audience.name));

    ApsisExportPlan plan;
    plan.segment = audience.externalId;

    // The columns the mapping reads choose what the export holds.
    for (const QString &column : columns) {
        if (column == ApsisDetails::ProfileKeyColumn)
            continue;
        bool known = false;
        for (const ApsisDefinition &attribute : details->attributes) {
            if (attribute.column == column) {
                addOnce(plan.attributes, attribute);
                known = true;
            }
        }
        for (const ApsisDefinition &tag : details->tags) {
            if (tag.column == column) {
                addOnce(plan.tags, tag);
                known = true;
            }
        }
        for (const ApsisDefinition &event : details->events) {
            if (event.countColumn() == column || event.lastColumn() == column) {
                addOnce(plan.events, event);
                known = true;
            }
        }
        if (!known) {
            return fail(tr("The APSIS One segment “%1” has no column “%2”. Its columns are "
                           "profileKey, %3. Fix the mapping, or refresh the endpoint's audiences "
                           "if the attribute is new.")
                            .arg(audience.name, column, columnList(details->columns())));
        }
    }
    if (columns.isEmpty()) {
        // Everything current, up to what one export may hold.
        int attributesLeftOut = 0;
        int tagsLeftOut = 0;
        for (const ApsisDefinition &attribute : details->attributes) {
            if (attribute.deprecated())
                continue;
            if (plan.attributes.size() < MaxAttributes)
                plan.attributes.append(attribute);
            else
                ++attributesLeftOut;
        }
        for (const ApsisDefinition &tag : details->tags) {
            if (tag.deprecated())
                continue;
            if (plan.tags.size() < MaxTags)
                plan.tags.append(tag);
            else
                ++tagsLeftOut;
        }
        if (attributesLeftOut > 0 || tagsLeftOut > 0) {
            plan.notes << tr("APSIS One exports at most %1 attributes and %2 tags at a time: "
                             "%3 attribute(s) and %4 tag(s) of “%5” are left out. Map the "
                             "columns you need to choose them.")
                              .arg(MaxAttributes)
                              .arg(MaxTags)
                              .arg(attributesLeftOut)
                              .arg(tagsLeftOut)
                              .arg(audience.name);
        }
    }

    // Event types named in the share's options.
    const QJsonValue eventsOption = options.value(EventsOption);
    if (!eventsOption.isUndefined() && !eventsOption.isNull()) {
        if (!eventsOption.isArray())
            return fail(tr("The source option “events” must be a list of event names."));
        const QJsonArray names = eventsOption.toArray();
        for (const QJsonValue &value : names) {
            const QString name = value.toString().trimmed();
            const ApsisDefinition *found = nullptr;
            for (const ApsisDefinition &event : details->events) {
                if (event.name.compare(name, Qt::CaseInsensitive) == 0 ||
                    event.discriminator == name || event.column == name) {
                    found = &event;
                    break;
                }
            }
            if (!found) {
                QStringList known;
                for (const ApsisDefinition &event : details->events)
                    known << event.name;
                return fail(
                    known.isEmpty()
                        ? tr("The section “%1” of APSIS One has no event “%2” (it has no events).")
                              .arg(details->sectionName, name)
                        : tr("The section “%1” of APSIS One has no event “%2”; it has %3.")
                              .arg(details->sectionName, name,
                                   QLocale().createSeparatedList(known)));
            }
            addOnce(plan.events, *found);
        }
    }
    for (auto it = options.constBegin(); it != options.constEnd(); ++it) {
        if (it.key() != EventsOption && it.key() != StartOption && it.key() != EndOption &&
            it.key() != EventDaysOption)
            qCWarning(lcConnectors) << "apsis: ignoring the unknown source option" << it.key();
    }

    // APSIS's rules, in the order APSIS checks them.
    if (plan.attributes.isEmpty() && plan.tags.isEmpty()) {
        return fail(tr("Choose at least one attribute or tag of “%1” to export: APSIS One "
                       "exports only the profiles that have one.")
                        .arg(audience.name));
    }
    if (plan.attributes.size() > MaxAttributes) {
        return fail(tr("An APSIS One export may hold at most %1 attributes; the mapping reads %2. "
                       "Split the share or map fewer attributes.")
                        .arg(MaxAttributes)
                        .arg(plan.attributes.size()));
    }
    if (plan.tags.size() > MaxTags) {
        return fail(tr("An APSIS One export may hold at most %1 tags; the mapping reads %2. "
                       "Split the share or map fewer tags.")
                        .arg(MaxTags)
                        .arg(plan.tags.size()));
    }
    if (!parseTime(options, StartOption, &plan.startAt, &reason) ||
        !parseTime(options, EndOption, &plan.endAt, &reason))
        return fail(reason);
    // A rolling window for recurring shares: the last N days up to now.
    if (const QJsonValue days = options.value(EventDaysOption); !days.isUndefined()) {
        const int count = days.toInt(-1);
        if (count < 1 || count > MaxRollingDays) {
            return fail(tr("The source option “eventDays” must be a number of days from 1 to "
                           "%1.")
                            .arg(MaxRollingDays));
        }
        if (plan.startAt.isValid() || plan.endAt.isValid()) {
            return fail(tr("Use either “eventDays” or “startAt”/“endAt” for the event window, "
                           "not both."));
        }
        plan.endAt = QDateTime::currentDateTimeUtc();
        plan.startAt = plan.endAt.addDays(-count);
    }
    if (!plan.events.isEmpty() && !plan.startAt.isValid()) {
        return fail(tr("Events need a time window: set the source option “startAt” (and "
                       "optionally “endAt”, at most %1 months later) to export events of “%2”.")
                        .arg(MaxWindowMonths)
                        .arg(audience.name));
    }
    if (plan.endAt.isValid() && !plan.startAt.isValid())
        return fail(tr("The source option “endAt” needs a “startAt” as well."));
    if (plan.startAt.isValid()) {
        if (!plan.endAt.isValid())
            plan.endAt = plan.startAt.addDays(DefaultWindowDays);
        if (plan.endAt <= plan.startAt) {
            return fail(tr("The event window ends (%1) before it starts (%2); “endAt” must come "
                           "after “startAt”.")
                            .arg(isoUtc(plan.endAt), isoUtc(plan.startAt)));
        }
        if (plan.endAt > plan.startAt.addMonths(MaxWindowMonths)) {
            return fail(tr("APSIS One exports events of at most %1 months at a time; the window "
                           "from %2 to %3 is longer. Move “startAt” or “endAt” closer together.")
                            .arg(MaxWindowMonths)
                            .arg(isoUtc(plan.startAt), isoUtc(plan.endAt)));
        }
    }
    return plan;
}

} // namespace courier
