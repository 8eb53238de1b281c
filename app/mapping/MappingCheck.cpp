#include "MappingCheck.h"

#include "FieldSuggestion.h"

#include <algorithm>
#include <cmath>
#include <QLocale>

namespace courier {

namespace {

using Code = MappingIssue::Code;
using Severity = MappingIssue::Severity;

class IssueList
{
public:
    void error(Code code, const QString &target, const QString &message)
    {
        m_issues.append(MappingIssue{Severity::Error, code, target, message});
    }
    void warning(Code code, const QString &target, const QString &message)
    {
        m_issues.append(MappingIssue{Severity::Warning, code, target, message});
    }

    // Errors first (they are what stops a run), each group in the order found.
    MappingIssues take()
    {
        std::stable_partition(m_issues.begin(), m_issues.end(),
                              [](const MappingIssue &issue) { return issue.isError(); });
        return std::move(m_issues);
    }

private:
    MappingIssues m_issues;
};

QString quoted(const QString &name)
{
    return MappingIssue::tr("\"%1\"").arg(name);
}

QString quotedList(const QStringList &names)
{
    QStringList result;
    for (const QString &name : names)
        result.append(quoted(name));
    return result.join(QStringLiteral(", "));
}

// The same rule as Mapper::bind: the exact name, else the one column that matches ignoring
// case and surrounding spaces. Returns the number of columns that match.
int matchingColumns(const QStringList &columns, const QString &name)
{
    if (columns.contains(name))
        return 1;
    return static_cast<int>(std::count_if(columns.cbegin(), columns.cend(), [&](const QString &c) {
        return c.trimmed().compare(name.trimmed(), Qt::CaseInsensitive) == 0;
    }));
}

bool hasKind(const QList<Transform> &transforms, qsizetype end,
             std::initializer_list<TransformKind> kinds)
{
    for (qsizetype i = 0; i < std::min(end, transforms.size()); ++i) {
        if (std::find(kinds.begin(), kinds.end(), transforms.at(i).kind()) != kinds.end())
            return true;
    }
    return false;
}

qsizetype firstIndexOf(const QList<Transform> &transforms, TransformKind kind)
{
    for (qsizetype i = 0; i < transforms.size(); ++i) {
        if (transforms.at(i).kind() == kind)
            return i;
    }
    return -1;
}

qsizetype lastIndexOf(const QList<Transform> &transforms, TransformKind kind)
{
    for (qsizetype i = transforms.size() - 1; i >= 0; --i) {
        if (transforms.at(i).kind() == kind)
            return i;
    }
    return -1;
}

qsizetype countOf(const QList<Transform> &transforms, TransformKind kind)
{
    return std::count_if(transforms.cbegin(), transforms.cend(),
                         [kind](const Transform &t) { return t.kind() == kind; });
}

bool isValidRegion(const QString &region)
{
    return region.size() == 2 && region.at(0).isLetter() && region.at(1).isLetter() &&
           QLocale::codeToTerritory(region.toUpper()) != QLocale::AnyTerritory;
}

QString fieldTitle(const DestinationField &field)
{
    if (field.label.isEmpty() || field.label == field.name)
        return quoted(field.name);
    return MappingIssue::tr("\"%1\" (%2)").arg(field.name, field.label);
}

void checkMappingLevel(const Mapping &mapping, IssueList &issues)
{
    const double limit = mapping.rejectLimitPercent;
    if (std::isnan(limit) || limit < 0.0 || limit > 100.0)
        issues.error(Code::RejectLimitOutOfRange, {},
                     MappingIssue::tr("The reject limit is %1 %, but it must be between 0 and "
                                      "100 %: set it to the share of rejected rows at which a "
                                      "run should fail.")
                         .arg(QLocale().toString(limit)));
    if (!mapping.defaultRegion.isEmpty() && !isValidRegion(mapping.defaultRegion))
        issues.error(Code::InvalidDefaultRegion, {},
                     MappingIssue::tr("The default region \"%1\" is not a country code: use a "
                                      "two-letter ISO 3166 code such as SE, DE or US.")
                         .arg(mapping.defaultRegion));
}

void checkSource(const FieldMapping &field, const QStringList &sourceColumns, IssueList &issues)
{
    if (field.source.isEmpty()) {
        if (field.constant.isEmpty())
            issues.error(Code::MissingSource, field.target,
                         MappingIssue::tr("%1 has neither a source column nor a fixed value: "
                                          "choose one.")
                             .arg(quoted(field.target)));
        return;
    }
    if (sourceColumns.isEmpty()) // not known yet
        return;
    const int matches = matchingColumns(sourceColumns, field.source);
    if (matches == 0)
        issues.error(Code::UnknownSourceColumn, field.target,
                     MappingIssue::tr("%1 reads the column \"%2\", which the source does not "
                                      "have. Choose one of its columns: %3.")
                         .arg(quoted(field.target), field.source, quotedList(sourceColumns)));
    else if (matches > 1)
        issues.error(Code::UnknownSourceColumn, field.target,
                     MappingIssue::tr("%1 reads the column \"%2\", but the source has several "
                                      "columns by that name: write the name exactly as in the "
                                      "source.")
                         .arg(quoted(field.target), field.source));
}

void checkAccepted(const FieldMapping &field, const DestinationSchema &schema, IssueList &issues)
{
    QStringList accepted;
    QString likely;
    for (const DestinationField &declared : schema.fields) {
        accepted.append(declared.name);
        if (declared.name.compare(field.target, Qt::CaseInsensitive) == 0)
            likely = declared.name;
    }
    QString message = accepted.isEmpty()
                          ? MappingIssue::tr("The destination does not accept the field %1.")
                                .arg(quoted(field.target))
                          : MappingIssue::tr("The destination does not accept the field %1. It "
                                             "accepts: %2.")
                                .arg(quoted(field.target), quotedList(accepted));
    if (!likely.isEmpty())
        message +=
            QLatin1Char(' ') + MappingIssue::tr("Did you mean %1? Field names are case-sensitive.")
                                   .arg(quoted(likely));
    else
        message += QLatin1Char(' ') +
                   MappingIssue::tr("Map the column to one of these fields or remove it.");
    issues.error(Code::FieldNotAccepted, field.target, message);
}

void checkHashing(const FieldMapping &field, const DestinationField *declared, bool prehashed,
                  IssueList &issues)
{
    const QList<Transform> &transforms = field.transforms;
    const qsizetype hashes = countOf(transforms, TransformKind::Sha256);
    const QString target = quoted(field.target);

    if (prehashed &&
        hasKind(transforms, transforms.size(),
                {TransformKind::Email, TransformKind::EmailGmail, TransformKind::PhoneE164,
                 TransformKind::PhoneDigits, TransformKind::DateFormat}))
        issues.error(Code::NormalisesHashes, field.target,
                     MappingIssue::tr("The column \"%1\" holds SHA-256 hashes already, and no "
                                      "hash passes as an address, a phone number or a date: "
                                      "keep only trim, lowercase and sha256 for %2.")
                         .arg(field.source, target));
    if (hashes > 1)
        issues.warning(Code::HashedTwice, field.target,
                       MappingIssue::tr("%1 has sha256 more than once: keep a single sha256 at "
                                        "the end of its transforms.")
                           .arg(target));
    if (!declared)
        return;
    if (!declared->hashed) {
        if (hashes > 0)
            issues.error(Code::HashNotWanted, field.target,
                         MappingIssue::tr("The destination takes %1 unhashed: remove sha256 from "
                                          "its transforms.")
                             .arg(target));
        return;
    }
    if (prehashed)
        return;
    if (hashes == 0) {
        issues.error(Code::NotHashed, field.target,
                     MappingIssue::tr("The destination takes %1 only as a SHA-256 hash: add "
                                      "sha256 as its last transform (values that are hashes "
                                      "already stay as they are).")
                         .arg(target));
        return;
    }
    const qsizetype lastHashAt = lastIndexOf(transforms, TransformKind::Sha256);
    if (lastHashAt != transforms.size() - 1) {
        QStringList after;
        for (qsizetype i = lastHashAt + 1; i < transforms.size(); ++i)
            after.append(transforms.at(i).name());
        issues.error(Code::NotHashed, field.target,
                     MappingIssue::tr("The destination takes %1 only as a SHA-256 hash, but %2 "
                                      "comes after sha256 and changes it: move sha256 to the "
                                      "end.")
                         .arg(target, after.join(QStringLiteral(", "))));
    }
}

void checkNormalisation(const FieldMapping &field, const DestinationField *declared, bool prehashed,
                        const QString &region, IssueList &issues)
{
    const QList<Transform> &transforms = field.transforms;
    FieldKind kind = declared ? fieldKindOf(*declared) : fieldKindOfName(field.target);
    if (kind == FieldKind::Other && !declared)
        kind = fieldKindOfName(field.source);
    const bool digits = declared && wantsPhoneDigits(*declared);
    const QString target = quoted(field.target);
    const qsizetype hashAt = firstIndexOf(transforms, TransformKind::Sha256);

    if (hashAt >= 0 && !prehashed) {
        if (kind == FieldKind::Email &&
            !hasKind(transforms, hashAt, {TransformKind::Email, TransformKind::EmailGmail}))
            issues.warning(Code::NotNormalised, field.target,
                           MappingIssue::tr("%1 is hashed without e-mail normalisation, and "
                                            "hashes of un-normalised addresses never match: add "
                                            "the email transform before sha256.")
                               .arg(target));
        if (kind == FieldKind::Phone &&
            !hasKind(transforms, hashAt, {TransformKind::PhoneE164, TransformKind::PhoneDigits}))
            issues.warning(Code::NotNormalised, field.target,
                           MappingIssue::tr("%1 is hashed without phone normalisation, and hashes "
                                            "of un-normalised numbers never match: add %2 before "
                                            "sha256.")
                               .arg(target, digits ? QStringLiteral("phone_digits")
                                                   : QStringLiteral("phone_e164")));
    }
    const bool phone = hasKind(transforms, transforms.size(),
                               {TransformKind::PhoneE164, TransformKind::PhoneDigits});
    if (digits && hasKind(transforms, transforms.size(), {TransformKind::PhoneE164}))
        issues.warning(Code::PhoneFormat, field.target,
                       MappingIssue::tr("The destination takes %1 as digits without the plus: "
                                        "use phone_digits instead of phone_e164.")
                           .arg(target));
    if (phone && region.isEmpty())
        issues.warning(Code::NoDefaultRegion, field.target,
                       MappingIssue::tr("%1 normalises phone numbers, but the share has no "
                                        "default region: numbers without a country code will be "
                                        "rejected. Set the default region (such as SE or US).")
                           .arg(target));
}

void checkIdentifierFlag(const FieldMapping &field, const DestinationField &declared,
                         IssueList &issues)
{
    if (declared.identifier == field.identifier)
        return;
    if (declared.identifier)
        issues.warning(Code::IdentifierMismatch, field.target,
                       MappingIssue::tr("The destination recognises members by %1: mark it as "
                                        "an identifier, so rows without any identifier are set "
                                        "aside instead of sent.")
                           .arg(quoted(field.target)));
    else
        issues.warning(Code::IdentifierMismatch, field.target,
                       MappingIssue::tr("The destination does not recognise members by %1, it "
                                        "only describes them: unmark it as an identifier.")
                           .arg(quoted(field.target)));
}

void checkSchemaCoverage(const Mapping &mapping, const DestinationSchema &schema, IssueList &issues)
{
    const QStringList targets = mapping.targets();
    for (const DestinationField &declared : schema.fields) {
        if (declared.required && !targets.contains(declared.name))
            issues.error(Code::RequiredFieldMissing, declared.name,
                         MappingIssue::tr("The destination requires %1: map a source column to "
                                          "it.")
                             .arg(fieldTitle(declared)));
    }

    // A declared field counts as the destination sees it; an undeclared one as it is marked.
    QSet<QString> identifiers;
    for (const FieldMapping &field : mapping.fields) {
        const DestinationField *declared = schema.field(field.target);
        if (declared ? declared->identifier : field.identifier)
            identifiers.insert(field.target);
    }
    if (identifiers.size() >= schema.minIdentifiers)
        return;
    QStringList unmapped;
    for (const DestinationField &declared : schema.fields) {
        if (declared.identifier && !targets.contains(declared.name))
            unmapped.append(declared.name);
    }
    const int needed = schema.minIdentifiers;
    if (unmapped.isEmpty())
        issues.error(Code::TooFewIdentifiers, {},
                     MappingIssue::tr("The destination needs at least %n identifier(s) to "
                                      "recognise members: mark the fields that say who a member "
                                      "is (such as an e-mail address) as identifiers.",
                                      nullptr, needed));
    else
        issues.error(Code::TooFewIdentifiers, {},
                     MappingIssue::tr("The destination needs at least %n identifier(s) to "
                                      "recognise members: map a source column to one of %1.",
                                      nullptr, needed)
                         .arg(quotedList(unmapped)));
}

} // namespace

MappingIssues checkMapping(const Mapping &mapping, const DestinationSchema &schema,
                           const QStringList &sourceColumns, const MappingCheckOptions &options)
{
    IssueList issues;
    checkMappingLevel(mapping, issues);
    if (mapping.isEmpty()) {
        issues.error(Code::EmptyMapping, {},
                     MappingIssue::tr("The mapping has no fields: map at least one source column "
                                      "to a destination field."));
        return issues.take();
    }

    QSet<QString> seen;
    QSet<QString> reportedTwice;
    for (const FieldMapping &field : mapping.fields) {
        if (field.target.isEmpty()) {
            issues.error(Code::MissingTarget, {},
                         MappingIssue::tr("A mapped field has no destination name: name it or "
                                          "remove it."));
            continue;
        }
        if (seen.contains(field.target)) {
            if (!reportedTwice.contains(field.target))
                issues.error(Code::DuplicateTarget, field.target,
                             MappingIssue::tr("%1 is mapped more than once: keep one mapping and "
                                              "remove the others.")
                                 .arg(quoted(field.target)));
            reportedTwice.insert(field.target);
            continue;
        }
        seen.insert(field.target);

        checkSource(field, sourceColumns, issues);
        const DestinationField *declared = schema.field(field.target);
        if (!declared && !schema.acceptsOtherFields)
            checkAccepted(field, schema, issues);
        for (const Transform &transform : field.transforms) {
            QString problem;
            if (!transform.isValid(&problem))
                issues.error(Code::InvalidTransform, field.target,
                             MappingIssue::tr("The transform %1 of %2 cannot work: %3")
                                 .arg(transform.name(), quoted(field.target), problem));
        }
        const bool prehashed =
            !field.source.isEmpty() && options.prehashedSources.contains(field.source);
        checkHashing(field, declared, prehashed, issues);
        checkNormalisation(field, declared, prehashed, mapping.defaultRegion, issues);
        if (declared)
            checkIdentifierFlag(field, *declared, issues);
    }
    checkSchemaCoverage(mapping, schema, issues);
    return issues.take();
}

bool hasErrors(const MappingIssues &issues)
{
    return std::any_of(issues.cbegin(), issues.cend(),
                       [](const MappingIssue &issue) { return issue.isError(); });
}

} // namespace courier
