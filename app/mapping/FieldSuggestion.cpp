#include "FieldSuggestion.h"

#include "pipeline/RowBatch.h"

#include <algorithm>
#include <initializer_list>
#include <QLocale>

namespace courier {

namespace {

struct KindNames
{
    FieldKind kind;
    QStringList names;      // as written, for name-part matching and explanations
    QStringList normalised; // normalisedFieldName() of each
};

// The other names people give these fields in exports and spreadsheets. Destinations add
// their own through DestinationField::synonyms. Built once (thread-safe), normalised once.
const QList<KindNames> &builtInSynonyms()
{
    static const QList<KindNames> table = [] {
        const auto entry = [](FieldKind kind, std::initializer_list<const char *> names) {
            KindNames result{kind, {}, {}};
            for (const char *name : names) {
                result.names.append(QString::fromLatin1(name));
                result.normalised.append(normalisedFieldName(result.names.constLast()));
            }
            return result;
        };
        return QList<KindNames>{
            entry(FieldKind::Email, {"email", "e-mail", "mail", "email address", "mail address"}),
            entry(FieldKind::Phone,
                  {"phone", "mobile", "msisdn", "phone number", "cell", "cell phone",
                   "mobile phone", "mobile number", "telephone", "tel"}),
            entry(FieldKind::DeviceId, {"device id", "maid", "gaid", "idfa", "aaid",
                                        "advertising id", "mobile advertising id", "madid"}),
            entry(FieldKind::FirstName, {"first name", "fn", "given name", "forename"}),
            entry(FieldKind::LastName, {"last name", "ln", "surname", "family name"}),
            entry(FieldKind::PostalCode, {"zip", "zip code", "postal code", "postcode"}),
            entry(FieldKind::Country, {"country", "country code"}),
            entry(FieldKind::City, {"city", "ct", "town"}),
            entry(FieldKind::State, {"state", "st", "province"}),
            entry(FieldKind::Gender, {"gender", "gen", "sex"}),
            entry(FieldKind::DateOfBirth, {"date of birth", "dob", "birthday", "birth date"}),
            entry(FieldKind::ExternalId, {"external id", "extern_id", "customer id", "crm id"}),
        };
    }();
    return table;
}

// Names this short ("fn", "st", "dob") only count as a whole name, never as part of a longer
// one: "first_st_flag" is not a state.
constexpr qsizetype minNamePartLength = 4;

// Word boundaries in a column name: anything but a letter or digit, and camelCase humps
// ("alreadyHashedEmail" -> already, hashed, email).
QStringList nameTokens(QStringView name)
{
    QStringList tokens;
    QString current;
    QChar previous;
    for (QChar c : name) {
        if (!c.isLetterOrNumber()) {
            if (!current.isEmpty())
                tokens.append(current);
            current.clear();
        } else {
            if (c.isUpper() && previous.isLower() && !current.isEmpty()) {
                tokens.append(current);
                current.clear();
            }
            current.append(c.toLower());
        }
        previous = c;
    }
    if (!current.isEmpty())
        tokens.append(current);
    return tokens;
}

bool containsTokens(const QStringList &haystack, const QStringList &needle)
{
    if (needle.isEmpty() || needle.size() > haystack.size())
        return false;
    for (qsizetype start = 0; start + needle.size() <= haystack.size(); ++start) {
        if (std::equal(needle.cbegin(), needle.cend(), haystack.cbegin() + start))
            return true;
    }
    return false;
}

const KindNames *namesOf(FieldKind kind)
{
    for (const KindNames &entry : builtInSynonyms()) {
        if (entry.kind == kind)
            return &entry;
    }
    return nullptr;
}

// The shape values of a kind have, where they have a telling one.
ValueShape naturalShape(FieldKind kind)
{
    switch (kind) {
    case FieldKind::Email:
        return ValueShape::Email;
    case FieldKind::Phone:
        return ValueShape::Phone;
    case FieldKind::DeviceId:
        return ValueShape::DeviceId;
    case FieldKind::FirstName:
    case FieldKind::LastName:
        return ValueShape::Name;
    case FieldKind::PostalCode:
        return ValueShape::PostalCode;
    case FieldKind::Country:
        return ValueShape::CountryCode;
    case FieldKind::DateOfBirth:
        return ValueShape::Date;
    default:
        return ValueShape::Any;
    }
}

// The shape a field's values must have, from its declaration or its kind.
ValueShape expectedShape(const DestinationField &field, FieldKind kind)
{
    if (field.shape != ValueShape::Any)
        return field.shape;
    switch (kind) {
    case FieldKind::Email:
        return ValueShape::Email;
    case FieldKind::Phone:
        return ValueShape::Phone;
    case FieldKind::DeviceId:
        return ValueShape::DeviceId;
    default:
        return ValueShape::Any;
    }
}

// A shape distinctive enough to pick a column by its values alone.
bool isDistinctive(ValueShape shape)
{
    return shape == ValueShape::Email || shape == ValueShape::Phone ||
           shape == ValueShape::DeviceId;
}

bool isPrehashed(const ShapeGuess &guess)
{
    return guess.shape == ValueShape::Sha256 && guess.confidence >= 0.9;
}

struct Candidate
{
    int field;
    int column;
    int score;
    SuggestionReason reason;
    QString matchedName; // the synonym or name part that matched
};

// How well a column suits a field by its name; nothing when not at all.
std::optional<Candidate> nameCandidate(const DestinationField &field, FieldKind kind,
                                       const QString &column)
{
    const QString normalisedColumn = normalisedFieldName(column);
    if (normalisedColumn.isEmpty())
        return std::nullopt;
    if (normalisedColumn == normalisedFieldName(field.name))
        return Candidate{0, 0, 400, SuggestionReason::ExactName, field.name};

    QStringList names = field.synonyms;
    if (!field.label.isEmpty())
        names.prepend(field.label);
    if (const KindNames *builtIn = namesOf(kind))
        names.append(builtIn->names);
    for (const QString &name : std::as_const(names)) {
        if (normalisedFieldName(name) == normalisedColumn)
            return Candidate{0, 0, 300, SuggestionReason::Synonym, name};
    }
    const QStringList columnTokens = nameTokens(column);
    names.prepend(field.name);
    for (const QString &name : std::as_const(names)) {
        if (normalisedFieldName(name).size() < minNamePartLength)
            continue;
        if (containsTokens(columnTokens, nameTokens(name)))
            return Candidate{0, 0, 200, SuggestionReason::NamePart, name};
    }
    return std::nullopt;
}

// Whether a column's sample contradicts the field. Without a sample nothing does.
bool sampleFits(const DestinationField &field, ValueShape expected, const ShapeGuess &guess,
                SuggestionReason reason)
{
    if (guess.values == 0)
        return true;
    if (isPrehashed(guess)) {
        // Hashes fit a hashed field, or one that takes anything; never a MADID or an address.
        return field.hashed || expected == ValueShape::Any || expected == ValueShape::Sha256;
    }
    if (expected == ValueShape::Any)
        return true;
    // A name part is a weak hint ("email_opt_in"): the values have to agree.
    if (reason == SuggestionReason::NamePart)
        return guess.shape == expected;
    // Values that are clearly something else overrule a synonym ("Birthday" holding full
    // dates is no day of the month); the field's own name is trusted.
    return reason == SuggestionReason::ExactName || !guess.isConfident() || guess.shape == expected;
}

QList<Transform> transformsOf(std::initializer_list<TransformKind> kinds)
{
    QList<Transform> transforms;
    for (TransformKind kind : kinds)
        transforms.append(Transform(kind));
    return transforms;
}

// What a field needs on the way: normalisation where hashes have to match, then SHA-256.
QList<Transform> suggestedTransforms(const DestinationField &field, FieldKind kind, bool prehashed)
{
    // Hashes are not normalised (no hash is an address). sha256 keeps a value that is a hash
    // already, so the chain still ends in it as a hashed field requires, and a stray clear-text
    // value is hashed rather than sent readable.
    if (prehashed)
        return transformsOf({TransformKind::Trim, TransformKind::Lowercase, TransformKind::Sha256});
    QList<Transform> transforms;
    switch (kind) {
    case FieldKind::Email:
        transforms = transformsOf({TransformKind::Email});
        break;
    case FieldKind::Phone:
        transforms = transformsOf(
            {wantsPhoneDigits(field) ? TransformKind::PhoneDigits : TransformKind::PhoneE164});
        break;
    case FieldKind::DeviceId:
        transforms = transformsOf({TransformKind::Trim, TransformKind::Lowercase});
        break;
    default:
        transforms = field.hashed ? transformsOf({TransformKind::Trim, TransformKind::Lowercase})
                                  : transformsOf({TransformKind::Trim});
        break;
    }
    if (field.hashed)
        transforms.append(Transform(TransformKind::Sha256));
    return transforms;
}

QString percentText(double share)
{
    return QLocale().toString(qRound(share * 100.0));
}

QString reasonText(const Candidate &candidate, const QString &column, const ShapeGuess &guess)
{
    switch (candidate.reason) {
    case SuggestionReason::ExactName:
        return SuggestedMapping::tr("\"%1\" has the field's name.").arg(column);
    case SuggestionReason::Synonym:
        return SuggestedMapping::tr("\"%1\" is another name for it.").arg(column);
    case SuggestionReason::NamePart:
        return SuggestedMapping::tr("The name \"%1\" contains \"%2\".")
            .arg(column, candidate.matchedName);
    case SuggestionReason::ValueShape:
        return SuggestedMapping::tr("%1 % of the sample values of \"%2\" look like %3.")
            .arg(percentText(guess.confidence), column, ShapeGuess::shapeDescription(guess.shape));
    case SuggestionReason::PassThrough:
        return SuggestedMapping::tr("\"%1\" is kept under its own name.").arg(column);
    }
    Q_UNREACHABLE();
    return QString();
}

QString transformText(const DestinationField &field, bool prehashed)
{
    if (prehashed)
        return SuggestedMapping::tr("Its values are SHA-256 hashes already: they are not "
                                    "normalised, and sha256 keeps them as they are.");
    if (field.hashed)
        return SuggestedMapping::tr("The values are normalised, then hashed with SHA-256 as "
                                    "the destination requires.");
    return QString();
}

QString joinSentences(const QString &a, const QString &b)
{
    return b.isEmpty() ? a : a + QLatin1Char(' ') + b;
}

// An open destination: every column under its own name; identifiers are the columns whose
// name or values say who a member is.
SuggestedMapping suggestPassThrough(const QStringList &sourceColumns,
                                    const QList<ShapeGuess> &guesses)
{
    SuggestedMapping result;
    for (qsizetype i = 0; i < sourceColumns.size(); ++i) {
        const QString &column = sourceColumns.at(i);
        const ShapeGuess &guess = guesses.at(i);
        const FieldKind kind = fieldKindOfName(column);
        const bool identifierByName = kind == FieldKind::Email || kind == FieldKind::Phone ||
                                      kind == FieldKind::DeviceId || kind == FieldKind::ExternalId;
        const bool identifierByShape = guess.isConfident() && (isDistinctive(guess.shape) ||
                                                               guess.shape == ValueShape::Sha256);

        FieldMapping field{column, column, identifierByName || identifierByShape, {}};
        FieldSuggestion suggestion{
            column, column, SuggestionReason::PassThrough, guess, isPrehashed(guess), {}};
        suggestion.explanation =
            SuggestedMapping::tr("\"%1\" is kept under its own name.").arg(column);
        if (identifierByName)
            suggestion.explanation = joinSentences(
                suggestion.explanation,
                SuggestedMapping::tr("It is an identifier: its name says who a member is."));
        else if (identifierByShape)
            suggestion.explanation =
                joinSentences(suggestion.explanation,
                              SuggestedMapping::tr("It is an identifier: its values look like %1.")
                                  .arg(ShapeGuess::shapeDescription(guess.shape)));
        result.mapping.fields.append(field);
        result.fields.append(suggestion);
    }
    return result;
}

} // namespace

QString normalisedFieldName(QStringView name)
{
    QString result;
    result.reserve(name.size());
    for (QChar c : name) {
        if (c.isLetterOrNumber())
            result.append(c.toLower());
    }
    return result;
}

FieldKind fieldKindOfName(QStringView name)
{
    const QString normalised = normalisedFieldName(name);
    if (normalised.isEmpty())
        return FieldKind::Other;
    for (const KindNames &entry : builtInSynonyms()) {
        if (entry.normalised.contains(normalised))
            return entry.kind;
    }
    return FieldKind::Other;
}

FieldKind fieldKindOf(const DestinationField &field)
{
    switch (field.shape) {
    case ValueShape::Email:
        return FieldKind::Email;
    case ValueShape::Phone:
        return FieldKind::Phone;
    case ValueShape::DeviceId:
        return FieldKind::DeviceId;
    case ValueShape::PostalCode:
        return FieldKind::PostalCode;
    case ValueShape::CountryCode:
        return FieldKind::Country;
    default:
        break;
    }
    FieldKind kind = fieldKindOfName(field.name);
    for (qsizetype i = 0; kind == FieldKind::Other && i < field.synonyms.size(); ++i)
        kind = fieldKindOfName(field.synonyms.at(i));
    if (kind == FieldKind::Other)
        kind = fieldKindOfName(field.label);
    // The declared shape has the last word: a day of the month ("birth day", a Number) is no
    // date of birth, whatever its name sounds like.
    const ValueShape natural = naturalShape(kind);
    if (field.shape != ValueShape::Any && natural != ValueShape::Any && natural != field.shape)
        return FieldKind::Other;
    return kind;
}

bool wantsPhoneDigits(const DestinationField &field)
{
    return field.synonyms.contains(QStringLiteral("phone_digits"), Qt::CaseInsensitive);
}

QStringList SuggestedMapping::prehashedSources() const
{
    QStringList result;
    for (const FieldSuggestion &field : fields) {
        if (field.prehashed && !field.source.isEmpty())
            result.append(field.source);
    }
    return result;
}

SuggestedMapping suggestMapping(const DestinationSchema &schema, const QStringList &sourceColumns,
                                const RowBatch *sample, const QString &defaultRegion)
{
    QList<ShapeGuess> guesses;
    guesses.reserve(sourceColumns.size());
    for (qsizetype i = 0; i < sourceColumns.size(); ++i)
        guesses.append(sample ? detectShape(*sample, static_cast<int>(i)) : ShapeGuess{});

    if (schema.fields.isEmpty()) {
        SuggestedMapping result = suggestPassThrough(sourceColumns, guesses);
        result.mapping.defaultRegion = defaultRegion;
        return result;
    }

    // Every plausible (field, column) pair with a score; the best pairs are taken first.
    QList<Candidate> candidates;
    for (qsizetype f = 0; f < schema.fields.size(); ++f) {
        const DestinationField &field = schema.fields.at(f);
        const FieldKind kind = fieldKindOf(field);
        const ValueShape expected = expectedShape(field, kind);
        for (qsizetype c = 0; c < sourceColumns.size(); ++c) {
            const ShapeGuess &guess = guesses.at(c);
            std::optional<Candidate> candidate = nameCandidate(field, kind, sourceColumns.at(c));
            if (!candidate && isDistinctive(expected) && guess.isConfident() &&
                guess.shape == expected)
                candidate = Candidate{0, 0, 100, SuggestionReason::ValueShape, {}};
            if (!candidate || !sampleFits(field, expected, guess, candidate->reason))
                continue;
            candidate->field = static_cast<int>(f);
            candidate->column = static_cast<int>(c);
            // Among equal names, values that look right win.
            if (guess.shape == expected && expected != ValueShape::Any)
                candidate->score += qRound(guess.confidence * 10.0);
            candidates.append(*candidate);
        }
    }
    std::stable_sort(candidates.begin(), candidates.end(),
                     [](const Candidate &a, const Candidate &b) { return a.score > b.score; });

    QList<const Candidate *> chosen(schema.fields.size(), nullptr);
    QList<bool> columnUsed(sourceColumns.size(), false);
    for (const Candidate &candidate : std::as_const(candidates)) {
        if (chosen.at(candidate.field) || columnUsed.at(candidate.column))
            continue;
        chosen[candidate.field] = &candidate;
        columnUsed[candidate.column] = true;
    }

    SuggestedMapping result;
    result.mapping.defaultRegion = defaultRegion;
    for (qsizetype f = 0; f < schema.fields.size(); ++f) {
        const Candidate *candidate = chosen.at(f);
        if (!candidate)
            continue;
        const DestinationField &field = schema.fields.at(f);
        const QString &column = sourceColumns.at(candidate->column);
        const ShapeGuess &guess = guesses.at(candidate->column);
        const bool prehashed = field.hashed && isPrehashed(guess);
        result.mapping.fields.append(
            FieldMapping{field.name, column, field.identifier,
                         suggestedTransforms(field, fieldKindOf(field), prehashed)});
        result.fields.append(FieldSuggestion{
            field.name, column, candidate->reason, guess, prehashed,
            joinSentences(reasonText(*candidate, column, guess), transformText(field, prehashed))});
    }

    for (qsizetype c = 0; c < sourceColumns.size(); ++c) {
        if (columnUsed.at(c))
            continue;
        const QString &column = sourceColumns.at(c);
        // A column named like a declared field (by its name or a synonym) is another source
        // for that field, which the suggestion above fed or left unmapped on purpose: passed
        // through, it would send the same thing twice under two names.
        const bool namesDeclaredField =
            std::any_of(candidates.cbegin(), candidates.cend(), [c](const Candidate &candidate) {
                return candidate.column == c && (candidate.reason == SuggestionReason::ExactName ||
                                                 candidate.reason == SuggestionReason::Synonym);
            });
        if (!schema.acceptsOtherFields || namesDeclaredField) {
            result.unusedColumns.append(column);
            continue;
        }
        result.mapping.fields.append(FieldMapping{column, column, false, {}});
        result.fields.append(FieldSuggestion{
            column, column, SuggestionReason::PassThrough, guesses.at(c), false,
            SuggestedMapping::tr("\"%1\" is kept under its own name.").arg(column)});
    }
    return result;
}

} // namespace courier
