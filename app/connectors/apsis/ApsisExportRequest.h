#pragma once

#include "ApsisDetails.h"

#include <optional>
#include <QCoreApplication>
#include <QDateTime>
#include <QJsonObject>
#include <QStringList>

namespace courier {

// What one profile export asks APSIS One for, checked against APSIS's rules before anything is
// sent, so a request APSIS would refuse fails at once with the reason.
struct ApsisExportPlan
{
    QString segment; // the segment's discriminator (segment_filter)
    QList<ApsisDefinition> attributes;
    QList<ApsisDefinition> tags;
    QList<ApsisDefinition> events;
    QDateTime startAt; // UTC; invalid when the request has no window
    QDateTime endAt;
    // Things the user should know about the request (translated), e.g. columns left out.
    QStringList notes;

    // The POST body: {"segment_filter", "attributes": [version ids], "tags": [...],
    // "events": [...], "start_at", "end_at"}.
    QJsonObject body() const;
    // The columns of the rows: profileKey, the attributes, the tags, each event's count and
    // last time.
    QStringList columns() const;
};

// Builds an ApsisExportPlan from a fetch request:
//  - columns (the mapping's source columns) choose attributes, tags and event types by their
//    column names (ApsisDetails); "profileKey" is always there. No columns: every attribute
//    and tag that is not deprecated, up to APSIS's limits (a note says what was left out).
//  - options (the share's source options): "events": [names or discriminators of event
//    types], "startAt", "endAt": ISO 8601 (no offset = UTC), or "eventDays": N for a window
//    of the last N days up to the export (1–90, always within 3 months; for recurring
//    shares). Event columns among the columns request their event type as well.
// APSIS's rules: at least one attribute or tag, at most 75 attributes and 25 tags, events need
// startAt, endAt needs startAt, is after it and defaults to startAt + 1 week, and the window is
// at most 3 months.
class ApsisExportRequest
{
    Q_DECLARE_TR_FUNCTIONS(ApsisExportRequest)

public:
    static constexpr int MaxAttributes = 75;
    static constexpr int MaxTags = 25;
    static constexpr int MaxWindowMonths = 3;
    static constexpr int DefaultWindowDays = 7;
    static constexpr int MaxRollingDays = 90; // 90 days never exceed 3 calendar months

    // nullopt + *error (translated, specific) when APSIS would refuse the request.
    static std::optional<ApsisExportPlan> plan(const AudienceInfo &audience,
                                               const QStringList &columns,
                                               const QJsonObject &options, QString *error);

private:
    static bool parseTime(const QJsonObject &options, const QString &key, QDateTime *time,
                          QString *error);
};

} // namespace courier
