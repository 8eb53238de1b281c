#pragma once

#include "connectors/Destination.h"
#include "Mapping.h"

#include <QCoreApplication>
#include <QList>
#include <QSet>
#include <QString>
#include <QStringList>

namespace courier {

// One problem with a share's mapping, worded so a person knows what to change.
struct MappingIssue
{
    Q_DECLARE_TR_FUNCTIONS(MappingIssue)

public:
    enum class Severity { Error, Warning };

    // What is wrong, for code that offers a fix (the share wizard) and for tests.
    enum class Code {
        EmptyMapping,          // no fields at all
        MissingTarget,         // a field without a destination name
        MissingSource,         // neither a source column nor a fixed value
        UnknownSourceColumn,   // the source has no such column (or several)
        DuplicateTarget,       // the same destination field mapped twice
        RequiredFieldMissing,  // a required destination field is not mapped
        TooFewIdentifiers,     // fewer identifiers than the destination needs
        FieldNotAccepted,      // a closed schema does not know the field
        InvalidTransform,      // a transform whose parameters do not work (date, map, default)
        NotHashed,             // a hashed field whose chain does not end in sha256
        HashedTwice,           // sha256 more than once (a warning: a hash is kept as it is)
        NormalisesHashes,      // values already hashed run through email/phone/date
        HashNotWanted,         // sha256 on a field the destination wants in clear
        IdentifierMismatch,    // identifier flag differs from the destination's (fixable)
        NotNormalised,         // an address or number hashed without normalisation first
        PhoneFormat,           // phone_e164 where the destination wants digits only
        NoDefaultRegion,       // phone normalisation without the share's default region
        InvalidDefaultRegion,  // the default region is no ISO 3166-1 alpha-2 code
        RejectLimitOutOfRange, // rejectLimitPercent outside 0..100
    };

    Severity severity = Severity::Error;
    Code code = Code::EmptyMapping;
    QString target;  // the destination field concerned; empty for the mapping as a whole
    QString message; // translated: what is wrong and what to do

    bool isError() const { return severity == Severity::Error; }
};

using MappingIssues = QList<MappingIssue>;

// What the share knows beyond the mapping itself.
struct MappingCheckOptions
{
    // Source columns whose values arrive as SHA-256 hashes already (the auto-suggest detects
    // them, see SuggestedMapping::prehashedSources()): a hashed field fed from one passes
    // without sha256 (sha256 keeps a hash as it is, so it may be there too), and normalising
    // its values as addresses, numbers or dates is an error: no hash is an address.
    QSet<QString> prehashedSources;
};

// Checks a mapping against what the destination declares and the columns the source has,
// before anything is sent: errors stop a run, warnings are shown. Errors come first, each
// group in field order. A field that names no declared destination field in an open schema is
// checked for what can be told from the mapping alone (its source column, its transforms).
// An empty sourceColumns means the columns are not known yet: source columns are not checked.
MappingIssues checkMapping(const Mapping &mapping, const DestinationSchema &schema,
                           const QStringList &sourceColumns,
                           const MappingCheckOptions &options = {});

bool hasErrors(const MappingIssues &issues);

} // namespace courier
