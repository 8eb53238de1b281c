#pragma once

#include <optional>
#include <QCoreApplication>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

namespace courier {

// The Fount's four audience export formats (seed "Exporting Audiences"). The names are The
// Fount's own (the export webhook's and the respondents listing's `format`), and the values
// of the share option "format".
enum class FountFormat {
    Definition,           // "definition": the audience itself, one row
    BavRespondentIds,     // "bav_respondent_ids": UUID v4, unique across studies
    AoRespondentIds,      // "ao_respondent_ids": Audience Origin ids
    AoProgressiveNumbers, // "ao_progressive_numbers": "808_2x_4", Italy Audience Creator
};

// What kind of study an audience's respondents come from, which decides the formats.
enum class FountStudyType { None, Bav, AudienceOrigin, Honeycomb };

// Whether one format may be exported for one audience, and why not.
struct FountFormatAvailability
{
    FountFormat format = FountFormat::Definition;
    bool available = false;
    QString reason; // !available: user-visible (translated), says what stands in the way
};

// Which export formats an audience allows, and why the others are not offered.
//
// The Fount says: the definition is always available; BAV respondent IDs for BAV studies,
// both Audience Origin formats for Audience Origin studies, formats 2–4 for Honeycomb studies
// (BAV and Audience Origin data fused); BAV respondent IDs need BAV's approval of the
// integration, the Audience Origin formats Choreograph's.
//
// [U] The Audiences API names no study type. The rule here derives it from the two dataset
// flags it does give (docs/audiences: "available_for_bav: can be used with the BAV dataset",
// "available_for_bc: … with the Best Countries dataset", whose `bc_filters` select raw
// respondent-level data — the data Audience Origin ids point into):
//   available_for_bav and available_for_bc → Honeycomb   → formats 1–4
//   available_for_bav only                 → BAV          → formats 1–2
//   available_for_bc only                  → Audience Origin → formats 1, 3, 4
//   neither                                → no respondent-level study → format 1 only
// Approval is granted to the integration, out of band, and the API cannot tell: the endpoint
// setting "approvals" lists what this integration holds ("bav", "choreograph"); when the
// setting is absent both are assumed (an integration that was not approved receives no
// respondent exports at all).
class FountFormats
{
    Q_DECLARE_TR_FUNCTIONS(FountFormats)

public:
    struct Approvals
    {
        bool bav = true;
        bool choreograph = true;
    };

    static QList<FountFormat> all();
    static QList<FountFormat> respondentFormats(); // 2–4, in The Fount's order

    static QString name(FountFormat format); // "bav_respondent_ids"
    // A format by its name or its column name, case-insensitive; nullopt when unknown.
    static std::optional<FountFormat> fromName(const QString &name);
    // The CSV column of a respondent format ("bavRespondentId"); empty for the definition.
    static QString column(FountFormat format);
    static QString label(FountFormat format); // translated, "BAV respondent IDs"

    // The columns of a definition export, one row.
    static QStringList definitionColumns();

    // True when `audience` (the Audiences API object, or an AudienceInfo's details) has the
    // flags the rule reads.
    static bool hasStudyFacts(const QJsonObject &audience);
    static FountStudyType studyType(const QJsonObject &audience);
    static QString studyTypeKey(FountStudyType type);   // "honeycomb", stable, for details
    static QString studyTypeLabel(FountStudyType type); // translated

    // The endpoint settings' "approvals" (see above).
    static Approvals approvals(const QJsonObject &settings);

    static FountFormatAvailability check(FountFormat format, const QJsonObject &audience,
                                         const Approvals &approvals);
    static QList<FountFormatAvailability> availability(const QJsonObject &audience,
                                                       const Approvals &approvals);
    // The respondent formats allowed, in order (an audience's identifiers are their columns).
    static QList<FountFormat> allowedRespondentFormats(const QJsonObject &audience,
                                                       const Approvals &approvals);
};

} // namespace courier
