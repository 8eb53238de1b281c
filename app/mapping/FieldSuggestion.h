#pragma once

#include "connectors/Destination.h"
#include "Mapping.h"
#include "ShapeDetection.h"

#include <QCoreApplication>
#include <QList>
#include <QString>
#include <QStringList>

namespace courier {

class RowBatch;

// What a field holds, as far as matching and normalisation care. Known from a destination
// field's declared shape, else from its name or synonyms ("FN", "first name", "given name").
enum class FieldKind {
    Other,
    Email,
    Phone,
    DeviceId,
    FirstName,
    LastName,
    PostalCode,
    Country,
    City,
    State,
    Gender,
    DateOfBirth,
    ExternalId,
};

// Lower-cased letters and digits only: "E-mail Address", "e_mail address" and "EMAILADDRESS"
// all become "emailaddress".
QString normalisedFieldName(QStringView name);
// The kind a field or column name stands for (by the built-in synonyms), else Other.
FieldKind fieldKindOfName(QStringView name);
// The kind of a destination field: its declared shape first, then its name, synonyms, label.
FieldKind fieldKindOf(const DestinationField &field);
// True when a phone field wants digits only, without the plus (Meta's PHONE). A destination
// says so by listing the transform name "phone_digits" among the field's synonyms.
bool wantsPhoneDigits(const DestinationField &field);

// Why the auto-suggest chose a source column for a field.
enum class SuggestionReason {
    ExactName,   // same name, ignoring case, spaces and punctuation
    Synonym,     // a known other name ("Mobile" for PHONE)
    NamePart,    // the column's name contains one ("already_hashed_email")
    ValueShape,  // the sample values look like what the field takes
    PassThrough, // an open destination: the column under its own name
};

struct FieldSuggestion
{
    QString target;
    QString source;
    SuggestionReason reason = SuggestionReason::ExactName;
    ShapeGuess shape;       // of the source column's sample values (Any without a sample)
    bool prehashed = false; // the values are SHA-256 hashes already: they are not hashed again
    QString explanation;    // translated: why this column, and what the transforms do
};

// A suggested mapping and, per field in the same order, why.
struct SuggestedMapping
{
    Q_DECLARE_TR_FUNCTIONS(SuggestedMapping)

public:
    Mapping mapping;
    QList<FieldSuggestion> fields;
    QStringList unusedColumns; // source columns the suggestion does not use

    // Source columns whose values are SHA-256 already (for MappingCheckOptions).
    QStringList prehashedSources() const;
};

// Suggests how the source's columns map onto what the destination declares. Fields are matched
// by name, by synonyms (built-in and DestinationField::synonyms) and, with a sample, by the
// shape of the values; each gets the transforms the destination needs (e-mail normalisation
// and SHA-256 for a hashed e-mail field, and so on). A column feeds at most one field, so it
// never becomes two identifiers. A column already holding SHA-256 hashes is never hashed
// again. An open destination (no declared fields) gets every column under its own name, with
// identifiers guessed by name and shape; a destination that declares fields and accepts others
// gets the unused columns after the declared ones.
SuggestedMapping suggestMapping(const DestinationSchema &schema, const QStringList &sourceColumns,
                                const RowBatch *sample = nullptr,
                                const QString &defaultRegion = {});

} // namespace courier
