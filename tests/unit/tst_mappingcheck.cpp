#include "mapping/FieldSuggestion.h"
#include "mapping/MappingCheck.h"
#include "mapping/MappingPreview.h"
#include "mapping/ShapeDetection.h"
#include "pipeline/RowBatch.h"

#include <QCryptographicHash>
#include <QtTest>

using namespace courier;
using Code = MappingIssue::Code;

namespace {

RowBatch batchOf(const QList<QStringList> &rows)
{
    RowBatch batch(static_cast<int>(rows.value(0).size()));
    qint64 line = 2;
    for (const QStringList &row : rows) {
        QList<QByteArray> cells;
        for (const QString &cell : row)
            cells.append(cell.toUtf8());
        batch.appendRow(cells, line++);
    }
    return batch;
}

QString sha256Hex(const QString &value)
{
    return QString::fromLatin1(
        QCryptographicHash::hash(value.toUtf8(), QCryptographicHash::Sha256).toHex());
}

QList<Transform> chain(std::initializer_list<TransformKind> kinds)
{
    QList<Transform> transforms;
    for (TransformKind kind : kinds)
        transforms.append(Transform(kind));
    return transforms;
}

QStringList names(const QList<Transform> &transforms)
{
    QStringList result;
    for (const Transform &transform : transforms)
        result.append(transform.name());
    return result;
}

// A Meta-like custom audience: hashed e-mail, phone (as digits) and names, an unhashed MADID,
// nothing else accepted.
DestinationSchema metaSchema()
{
    DestinationSchema schema;
    schema.fields = {
        {QStringLiteral("EMAIL"),
         QStringLiteral("E-mail address"),
         true,
         false,
         true,
         ValueShape::Email,
         {}},
        {QStringLiteral("PHONE"),
         QStringLiteral("Phone number"),
         true,
         false,
         true,
         ValueShape::Phone,
         {QStringLiteral("phone_digits")}},
        {QStringLiteral("MADID"),
         QStringLiteral("Mobile advertiser id"),
         true,
         false,
         false,
         ValueShape::DeviceId,
         {}},
        {QStringLiteral("FN"),
         QStringLiteral("First name"),
         false,
         false,
         true,
         ValueShape::Name,
         {}},
        {QStringLiteral("LN"),
         QStringLiteral("Last name"),
         false,
         false,
         true,
         ValueShape::Name,
         {}},
    };
    schema.acceptsOtherFields = false;
    schema.minIdentifiers = 1;
    return schema;
}

const QStringList metaSourceColumns{QStringLiteral("E-mail"), QStringLiteral("Mobile"),
                                    QStringLiteral("GAID"), QStringLiteral("First Name")};

// A mapping for metaSchema() with nothing to complain about.
Mapping goodMetaMapping()
{
    Mapping mapping;
    mapping.defaultRegion = QStringLiteral("SE");
    mapping.fields = {
        {QStringLiteral("EMAIL"), QStringLiteral("E-mail"), true,
         chain({TransformKind::Email, TransformKind::Sha256})},
        {QStringLiteral("PHONE"), QStringLiteral("Mobile"), true,
         chain({TransformKind::PhoneDigits, TransformKind::Sha256})},
        {QStringLiteral("MADID"), QStringLiteral("GAID"), true,
         chain({TransformKind::Trim, TransformKind::Lowercase})},
        {QStringLiteral("FN"), QStringLiteral("First Name"), false,
         chain({TransformKind::Trim, TransformKind::Lowercase, TransformKind::Sha256})},
    };
    return mapping;
}

FieldMapping &fieldOf(Mapping &mapping, const QString &target)
{
    for (FieldMapping &field : mapping.fields) {
        if (field.target == target)
            return field;
    }
    qFatal("no field %s", qPrintable(target));
}

const MappingIssue *issueOf(const MappingIssues &issues, Code code, const QString &target = {})
{
    for (const MappingIssue &issue : issues) {
        if (issue.code == code && (target.isEmpty() || issue.target == target))
            return &issue;
    }
    return nullptr;
}

QString describe(const MappingIssues &issues)
{
    QStringList lines;
    for (const MappingIssue &issue : issues)
        lines.append(QStringLiteral("%1 %2: %3")
                         .arg(issue.isError() ? QStringLiteral("error") : QStringLiteral("warning"),
                              issue.target, issue.message));
    return lines.join(QLatin1Char('\n'));
}

const FieldMapping *mapped(const Mapping &mapping, const QString &target)
{
    for (const FieldMapping &field : mapping.fields) {
        if (field.target == target)
            return &field;
    }
    return nullptr;
}

const FieldSuggestion *suggestionFor(const SuggestedMapping &suggested, const QString &target)
{
    for (const FieldSuggestion &field : suggested.fields) {
        if (field.target == target)
            return &field;
    }
    return nullptr;
}

} // namespace

class TstMappingcheck : public QObject
{
    Q_OBJECT

private slots:
    // --- checkMapping ---------------------------------------------------------------------

    void goodMappingHasNoIssues()
    {
        const MappingIssues issues =
            checkMapping(goodMetaMapping(), metaSchema(), metaSourceColumns);
        QVERIFY2(issues.isEmpty(), qPrintable(describe(issues)));
        QVERIFY(!hasErrors(issues));
    }

    void emptyMapping()
    {
        const MappingIssues issues = checkMapping(Mapping{}, metaSchema(), metaSourceColumns);
        QVERIFY(issueOf(issues, Code::EmptyMapping));
        QVERIFY(hasErrors(issues));
    }

    void requiredFieldMissing()
    {
        DestinationSchema schema = metaSchema();
        schema.fields[4].required = true; // LN
        const MappingIssues issues = checkMapping(goodMetaMapping(), schema, metaSourceColumns);
        const MappingIssue *issue = issueOf(issues, Code::RequiredFieldMissing, "LN");
        QVERIFY2(issue, qPrintable(describe(issues)));
        QVERIFY(issue->isError());
        QVERIFY2(issue->message.contains("\"LN\" (Last name)"), qPrintable(issue->message));
        QCOMPARE(issues.size(), 1);
    }

    void tooFewIdentifiers()
    {
        Mapping mapping = goodMetaMapping();
        mapping.fields.removeIf([](const FieldMapping &f) { return f.identifier; });
        MappingIssues issues = checkMapping(mapping, metaSchema(), metaSourceColumns);
        const MappingIssue *issue = issueOf(issues, Code::TooFewIdentifiers);
        QVERIFY2(issue, qPrintable(describe(issues)));
        QVERIFY(issue->isError());
        // Names the identifiers that could be mapped.
        QVERIFY2(issue->message.contains("\"EMAIL\"") && issue->message.contains("\"MADID\""),
                 qPrintable(issue->message));

        // Two needed, one mapped.
        DestinationSchema two = metaSchema();
        two.minIdentifiers = 2;
        mapping = goodMetaMapping();
        mapping.fields.removeIf(
            [](const FieldMapping &f) { return f.target == "PHONE" || f.target == "MADID"; });
        issues = checkMapping(mapping, two, metaSourceColumns);
        QVERIFY2(issueOf(issues, Code::TooFewIdentifiers), qPrintable(describe(issues)));
        mapping = goodMetaMapping();
        QVERIFY(!issueOf(checkMapping(mapping, two, metaSourceColumns), Code::TooFewIdentifiers));

        // An open schema counts what the mapping marks as identifier.
        const DestinationSchema open{{}, true, 1};
        Mapping plain = Mapping::passThrough({"email", "score"});
        issues = checkMapping(plain, open, {"email", "score"});
        QVERIFY(issueOf(issues, Code::TooFewIdentifiers));
        plain.fields[0].identifier = true;
        issues = checkMapping(plain, open, {"email", "score"});
        QVERIFY2(issues.isEmpty(), qPrintable(describe(issues)));
    }

    void fieldNotAccepted()
    {
        Mapping mapping = goodMetaMapping();
        mapping.fields.append(FieldMapping{"loyalty_tier", "GAID", false, {}});
        MappingIssues issues = checkMapping(mapping, metaSchema(), metaSourceColumns);
        const MappingIssue *issue = issueOf(issues, Code::FieldNotAccepted, "loyalty_tier");
        QVERIFY2(issue, qPrintable(describe(issues)));
        QVERIFY(issue->isError());
        for (const char *accepted : {"EMAIL", "PHONE", "MADID", "FN", "LN"})
            QVERIFY2(issue->message.contains(QLatin1String(accepted)), qPrintable(issue->message));

        // A case slip is pointed out.
        mapping = goodMetaMapping();
        fieldOf(mapping, "FN").target = "fn";
        issues = checkMapping(mapping, metaSchema(), metaSourceColumns);
        issue = issueOf(issues, Code::FieldNotAccepted, "fn");
        QVERIFY2(issue, qPrintable(describe(issues)));
        QVERIFY2(issue->message.contains("Did you mean \"FN\""), qPrintable(issue->message));

        // An open schema takes anything.
        DestinationSchema open = metaSchema();
        open.acceptsOtherFields = true;
        mapping = goodMetaMapping();
        mapping.fields.append(FieldMapping{"loyalty_tier", "GAID", false, {}});
        QVERIFY(!issueOf(checkMapping(mapping, open, metaSourceColumns), Code::FieldNotAccepted));
    }

    void hashedFieldMustEndInSha256()
    {
        Mapping mapping = goodMetaMapping();
        fieldOf(mapping, "EMAIL").transforms = chain({TransformKind::Email});
        MappingIssues issues = checkMapping(mapping, metaSchema(), metaSourceColumns);
        const MappingIssue *issue = issueOf(issues, Code::NotHashed, "EMAIL");
        QVERIFY2(issue, qPrintable(describe(issues)));
        QVERIFY(issue->isError());
        QVERIFY(issue->message.contains("sha256"));

        // Something after the hash changes it.
        fieldOf(mapping, "EMAIL").transforms =
            chain({TransformKind::Email, TransformKind::Sha256, TransformKind::Uppercase});
        issues = checkMapping(mapping, metaSchema(), metaSourceColumns);
        issue = issueOf(issues, Code::NotHashed, "EMAIL");
        QVERIFY2(issue, qPrintable(describe(issues)));
        QVERIFY2(issue->message.contains("uppercase"), qPrintable(issue->message));

        // sha256 last passes.
        fieldOf(mapping, "EMAIL").transforms = chain({TransformKind::Email, TransformKind::Sha256});
        QVERIFY(!issueOf(checkMapping(mapping, metaSchema(), metaSourceColumns), Code::NotHashed));
    }

    void prehashedSourceHook()
    {
        const QStringList columns{"hashed_email"};
        Mapping mapping;
        mapping.fields = {{"EMAIL", "hashed_email", true,
                           chain({TransformKind::Trim, TransformKind::Lowercase})}};
        // Not declared as hashed: the chain lacks sha256.
        QVERIFY(issueOf(checkMapping(mapping, metaSchema(), columns), Code::NotHashed));

        MappingCheckOptions options;
        options.prehashedSources = {"hashed_email"};
        MappingIssues issues = checkMapping(mapping, metaSchema(), columns, options);
        QVERIFY2(issues.isEmpty(), qPrintable(describe(issues)));

        // sha256 keeps a hash as it is, so it may be there as well.
        fieldOf(mapping, "EMAIL").transforms.append(Transform(TransformKind::Sha256));
        issues = checkMapping(mapping, metaSchema(), columns, options);
        QVERIFY2(issues.isEmpty(), qPrintable(describe(issues)));

        // Normalising hashes as addresses rejects every row.
        fieldOf(mapping, "EMAIL").transforms = chain({TransformKind::Email, TransformKind::Sha256});
        issues = checkMapping(mapping, metaSchema(), columns, options);
        const MappingIssue *issue = issueOf(issues, Code::NormalisesHashes, "EMAIL");
        QVERIFY2(issue, qPrintable(describe(issues)));
        QVERIFY(issue->isError());
        // ... and hashes are not told to get e-mail normalisation.
        QVERIFY(!issueOf(issues, Code::NotNormalised));
    }

    void invalidTransformParameters()
    {
        Mapping mapping = goodMetaMapping();
        fieldOf(mapping, "FN").transforms.prepend(Transform(TransformKind::DefaultValue));
        MappingIssues issues = checkMapping(mapping, metaSchema(), metaSourceColumns);
        const MappingIssue *issue = issueOf(issues, Code::InvalidTransform, "FN");
        QVERIFY2(issue, qPrintable(describe(issues)));
        QVERIFY(issue->isError());
        QVERIFY2(issue->message.contains("default"), qPrintable(issue->message));
        fieldOf(mapping, "FN").transforms.first() = Transform::defaultValue("unknown");
        issues = checkMapping(mapping, metaSchema(), metaSourceColumns);
        QVERIFY2(issues.isEmpty(), qPrintable(describe(issues)));
    }

    void hashedTwiceWarns()
    {
        Mapping mapping = goodMetaMapping();
        fieldOf(mapping, "EMAIL").transforms =
            chain({TransformKind::Email, TransformKind::Sha256, TransformKind::Sha256});
        const MappingIssues issues = checkMapping(mapping, metaSchema(), metaSourceColumns);
        const MappingIssue *issue = issueOf(issues, Code::HashedTwice, "EMAIL");
        QVERIFY2(issue, qPrintable(describe(issues)));
        QVERIFY(!issue->isError());
        QVERIFY2(!hasErrors(issues), qPrintable(describe(issues)));
    }

    void hashOnUnhashedField()
    {
        Mapping mapping = goodMetaMapping();
        fieldOf(mapping, "MADID").transforms.append(Transform(TransformKind::Sha256));
        const MappingIssues issues = checkMapping(mapping, metaSchema(), metaSourceColumns);
        const MappingIssue *issue = issueOf(issues, Code::HashNotWanted, "MADID");
        QVERIFY2(issue, qPrintable(describe(issues)));
        QVERIFY(issue->isError());
        QCOMPARE(issues.size(), 1);
    }

    void unknownSourceColumn()
    {
        Mapping mapping = goodMetaMapping();
        fieldOf(mapping, "FN").source = "Given";
        MappingIssues issues = checkMapping(mapping, metaSchema(), metaSourceColumns);
        const MappingIssue *issue = issueOf(issues, Code::UnknownSourceColumn, "FN");
        QVERIFY2(issue, qPrintable(describe(issues)));
        QVERIFY(issue->isError());
        for (const QString &column : metaSourceColumns)
            QVERIFY2(issue->message.contains(column), qPrintable(issue->message));

        // Case and surrounding spaces are forgiven when that names one column (as the Mapper
        // does) ...
        fieldOf(mapping, "FN").source = " first name";
        QVERIFY(!issueOf(checkMapping(mapping, metaSchema(), metaSourceColumns),
                         Code::UnknownSourceColumn));
        // ... but not when it names two.
        issues = checkMapping(mapping, metaSchema(), metaSourceColumns + QStringList{"FIRST NAME"});
        QVERIFY(issueOf(issues, Code::UnknownSourceColumn, "FN"));

        // Columns not known yet: nothing to check against.
        QVERIFY(!issueOf(checkMapping(mapping, metaSchema(), {}), Code::UnknownSourceColumn));

        // Neither a column nor a fixed value.
        mapping = goodMetaMapping();
        fieldOf(mapping, "FN").source.clear();
        issues = checkMapping(mapping, metaSchema(), metaSourceColumns);
        QVERIFY(issueOf(issues, Code::MissingSource, "FN"));
        fieldOf(mapping, "FN").constant = "x";
        QVERIFY(!hasErrors(checkMapping(mapping, metaSchema(), metaSourceColumns)));
    }

    void duplicateTarget()
    {
        Mapping mapping = goodMetaMapping();
        mapping.fields.append(
            FieldMapping{"FN", "GAID", false, chain({TransformKind::Trim, TransformKind::Sha256})});
        mapping.fields.append(FieldMapping{"FN", "Mobile", false,
                                           chain({TransformKind::Trim, TransformKind::Sha256})});
        const MappingIssues issues = checkMapping(mapping, metaSchema(), metaSourceColumns);
        QCOMPARE(
            std::count_if(issues.cbegin(), issues.cend(),
                          [](const MappingIssue &i) { return i.code == Code::DuplicateTarget; }),
            1);
        QVERIFY(issueOf(issues, Code::DuplicateTarget, "FN")->isError());
    }

    void identifierFlagMismatch()
    {
        Mapping mapping = goodMetaMapping();
        fieldOf(mapping, "MADID").identifier = false;
        fieldOf(mapping, "FN").identifier = true;
        const MappingIssues issues = checkMapping(mapping, metaSchema(), metaSourceColumns);
        const MappingIssue *madid = issueOf(issues, Code::IdentifierMismatch, "MADID");
        const MappingIssue *fn = issueOf(issues, Code::IdentifierMismatch, "FN");
        QVERIFY2(madid && fn, qPrintable(describe(issues)));
        QVERIFY(!madid->isError());
        QVERIFY(!fn->isError());
        QVERIFY2(!hasErrors(issues), qPrintable(describe(issues)));
    }

    void hashWithoutNormalisation()
    {
        Mapping mapping = goodMetaMapping();
        fieldOf(mapping, "EMAIL").transforms =
            chain({TransformKind::Trim, TransformKind::Lowercase, TransformKind::Sha256});
        fieldOf(mapping, "PHONE").transforms = chain({TransformKind::Sha256});
        MappingIssues issues = checkMapping(mapping, metaSchema(), metaSourceColumns);
        const MappingIssue *email = issueOf(issues, Code::NotNormalised, "EMAIL");
        const MappingIssue *phone = issueOf(issues, Code::NotNormalised, "PHONE");
        QVERIFY2(email && phone, qPrintable(describe(issues)));
        QVERIFY(!email->isError());
        QVERIFY(email->message.contains("never match"));
        // Meta's PHONE wants digits: that is the transform suggested.
        QVERIFY2(phone->message.contains("phone_digits"), qPrintable(phone->message));
        QVERIFY(!hasErrors(issues));

        // Normalisation after the hash is no normalisation.
        fieldOf(mapping, "EMAIL").transforms = chain({TransformKind::Sha256, TransformKind::Email});
        issues = checkMapping(mapping, metaSchema(), metaSourceColumns);
        QVERIFY(issueOf(issues, Code::NotNormalised, "EMAIL"));

        // An open destination: the field's name says it is an address.
        const DestinationSchema open{{}, true, 1};
        Mapping plain;
        plain.fields = {{"email", "E-mail", true, chain({TransformKind::Sha256})},
                        {"score", "GAID", false, chain({TransformKind::Sha256})}};
        issues = checkMapping(plain, open, metaSourceColumns);
        QVERIFY2(issueOf(issues, Code::NotNormalised, "email"), qPrintable(describe(issues)));
        QCOMPARE(issues.size(), 1);
    }

    void phoneFormatAndRegion()
    {
        Mapping mapping = goodMetaMapping();
        fieldOf(mapping, "PHONE").transforms =
            chain({TransformKind::PhoneE164, TransformKind::Sha256});
        MappingIssues issues = checkMapping(mapping, metaSchema(), metaSourceColumns);
        QVERIFY2(issueOf(issues, Code::PhoneFormat, "PHONE"), qPrintable(describe(issues)));
        QVERIFY(!hasErrors(issues));

        mapping = goodMetaMapping();
        mapping.defaultRegion.clear();
        issues = checkMapping(mapping, metaSchema(), metaSourceColumns);
        const MappingIssue *issue = issueOf(issues, Code::NoDefaultRegion, "PHONE");
        QVERIFY2(issue, qPrintable(describe(issues)));
        QVERIFY(!issue->isError());
        QVERIFY(issue->message.contains("country code"));
        QCOMPARE(issues.size(), 1);

        mapping.defaultRegion = "QQ";
        issues = checkMapping(mapping, metaSchema(), metaSourceColumns);
        QVERIFY2(issueOf(issues, Code::InvalidDefaultRegion), qPrintable(describe(issues)));
        QVERIFY(hasErrors(issues));
        mapping.defaultRegion = "de";
        QVERIFY(checkMapping(mapping, metaSchema(), metaSourceColumns).isEmpty());
    }

    void rejectLimit_data()
    {
        QTest::addColumn<double>("limit");
        QTest::addColumn<bool>("error");
        QTest::newRow("0") << 0.0 << false;
        QTest::newRow("2.5") << 2.5 << false;
        QTest::newRow("100") << 100.0 << false;
        QTest::newRow("negative") << -1.0 << true;
        QTest::newRow("above 100") << 150.0 << true;
        QTest::newRow("nan") << std::numeric_limits<double>::quiet_NaN() << true;
    }

    void rejectLimit()
    {
        QFETCH(double, limit);
        QFETCH(bool, error);
        Mapping mapping = goodMetaMapping();
        mapping.rejectLimitPercent = limit;
        const MappingIssues issues = checkMapping(mapping, metaSchema(), metaSourceColumns);
        QCOMPARE(issueOf(issues, Code::RejectLimitOutOfRange) != nullptr, error);
        QCOMPARE(hasErrors(issues), error);
    }

    void errorsComeFirst()
    {
        Mapping mapping = goodMetaMapping();
        mapping.defaultRegion.clear();          // warning on PHONE
        fieldOf(mapping, "FN").source = "nope"; // error on FN, after PHONE
        const MappingIssues issues = checkMapping(mapping, metaSchema(), metaSourceColumns);
        QCOMPARE(issues.size(), 2);
        QVERIFY(issues.at(0).isError());
        QCOMPARE(issues.at(0).target, QStringLiteral("FN"));
        QVERIFY(!issues.at(1).isError());
    }

    // --- ShapeDetection ---------------------------------------------------------------------

    void shapes_data()
    {
        QTest::addColumn<QStringList>("values");
        QTest::addColumn<int>("shape");
        QTest::addColumn<bool>("confident");

        QTest::newRow("emails") << QStringList{"ann@example.com", " Bo.Ek@Mail.SE ", "",
                                               "c+tag@sub.example.org"}
                                << int(ValueShape::Email) << true;
        QTest::newRow("device ids") << QStringList{"38400000-8cf0-11bd-b23e-10b96e40000d",
                                                   "6D92078A-8246-4BA4-AE5B-76104861E7DC"}
                                    << int(ValueShape::DeviceId) << true;
        QTest::newRow("sha256") << QStringList{sha256Hex("a@b.se"), sha256Hex("c@d.se").toUpper()}
                                << int(ValueShape::Sha256) << true;
        QTest::newRow("dates") << QStringList{"2024-03-31", "31.12.1980", "1990-01-02T10:00:00Z",
                                              "19850704", "07/04/1985"}
                               << int(ValueShape::Date) << true;
        QTest::newRow("phones") << QStringList{"+46 70 123 45 67", "(555) 123-4567", "070-1234567",
                                               "+4915112345678"}
                                << int(ValueShape::Phone) << true;
        QTest::newRow("bare digits: phone, not sure")
            << QStringList{"4670123456", "4915112345678", "14155550123"} << int(ValueShape::Phone)
            << false;
        QTest::newRow("country codes")
            << QStringList{"SE", "de", "US", "NO"} << int(ValueShape::CountryCode) << true;
        QTest::newRow("postal codes") << QStringList{"SW1A 1AA", "1012 AB", "94105-1234", "M5V 3L7"}
                                      << int(ValueShape::PostalCode) << true;
        QTest::newRow("numbers") << QStringList{"12", "3.5", "-7", "0,25", "100"}
                                 << int(ValueShape::Number) << true;
        QTest::newRow("names") << QStringList{"Anna", "Per-Olof", "O'Brien", "Åsa", "Mary Jane"}
                               << int(ValueShape::Name) << false;
        QTest::newRow("7 of 10 emails is no shape")
            << QStringList{"a@x.se", "b@x.se", "c@x.se", "d@x.se", "e@x.se",
                           "f@x.se", "g@x.se", "n/a",    "-",      "?"}
            << int(ValueShape::Any) << false;
        QTest::newRow("impossible dates") << QStringList{"2023-02-30", "2023-13-01", "32.01.2020"}
                                          << int(ValueShape::Any) << false;
        QTest::newRow("empty") << QStringList{"", " ", ""} << int(ValueShape::Any) << false;
    }

    void shapes()
    {
        QFETCH(QStringList, values);
        QFETCH(int, shape);
        QFETCH(bool, confident);
        const ShapeGuess guess = detectShape(values);
        QCOMPARE(int(guess.shape), shape);
        QCOMPARE(guess.isConfident(), confident);

        // The same from a batch column.
        QList<QStringList> rows;
        for (const QString &value : values)
            rows.append({QStringLiteral("x"), value});
        const ShapeGuess fromBatch = detectShape(batchOf(rows), 1);
        QCOMPARE(int(fromBatch.shape), shape);
        QCOMPARE(fromBatch.confidence, guess.confidence);
    }

    void singleValues()
    {
        QVERIFY(valueHasShape(u"a@b.se", ValueShape::Email));
        QVERIFY(!valueHasShape(u"a@b.c", ValueShape::Email));
        QVERIFY(!valueHasShape(u"a@@b.se", ValueShape::Email));
        QVERIFY(!valueHasShape(u"a b@c.se", ValueShape::Email));
        QVERIFY(!valueHasShape(u"38400000-8cf0-11bd-b23e-10b96e40000", ValueShape::DeviceId));
        QVERIFY(!valueHasShape(QString(64, QLatin1Char('g')), ValueShape::Sha256));
        QVERIFY(!valueHasShape(u"123456", ValueShape::Phone)); // too short for a number
        QVERIFY(!valueHasShape(u"XX", ValueShape::CountryCode));
        QVERIFY(valueHasShape(u"10115", ValueShape::PostalCode));
        QVERIFY(valueHasShape(u"10115", ValueShape::Number));
        QVERIFY(!valueHasShape(u"R2D2", ValueShape::Name));
    }

    // --- suggestMapping -----------------------------------------------------------------------

    void suggestsMetaMapping()
    {
        const QStringList columns{"E-mail Address",       "Mobile",  "GAID", "First Name",
                                  "already_hashed_email", "Surname", "Notes"};
        const RowBatch sample = batchOf({
            {"Ann@Example.com", "+46 70 123 45 67", "38400000-8cf0-11bd-b23e-10b96e40000d", "Ann",
             sha256Hex("ann@example.com"), "Ek", "vip"},
            {"bo@example.se", "070-765 43 21", "6d92078a-8246-4ba4-ae5b-76104861e7dc", "Bo",
             sha256Hex("bo@example.se"), "Berg", ""},
            {"cy@example.org", "+4915112345678", "5e3f2a40-1111-4a4a-9b9b-0123456789ab", "Cy",
             sha256Hex("cy@example.org"), "Lind", "call back"},
        });
        const SuggestedMapping suggested = suggestMapping(metaSchema(), columns, &sample, "SE");
        const Mapping &mapping = suggested.mapping;
        QCOMPARE(mapping.targets(), QStringList({"EMAIL", "PHONE", "MADID", "FN", "LN"}));
        QCOMPARE(mapping.defaultRegion, QStringLiteral("SE"));

        const FieldMapping *email = mapped(mapping, "EMAIL");
        QCOMPARE(email->source, QStringLiteral("E-mail Address"));
        QVERIFY(email->identifier);
        QCOMPARE(names(email->transforms), QStringList({"email", "sha256"}));
        QCOMPARE(suggestionFor(suggested, "EMAIL")->reason, SuggestionReason::Synonym);

        const FieldMapping *phone = mapped(mapping, "PHONE");
        QCOMPARE(phone->source, QStringLiteral("Mobile"));
        QCOMPARE(names(phone->transforms), QStringList({"phone_digits", "sha256"}));

        const FieldMapping *madid = mapped(mapping, "MADID");
        QCOMPARE(madid->source, QStringLiteral("GAID"));
        QCOMPARE(names(madid->transforms), QStringList({"trim", "lowercase"}));

        const FieldMapping *fn = mapped(mapping, "FN");
        QCOMPARE(fn->source, QStringLiteral("First Name"));
        QVERIFY(!fn->identifier);
        QCOMPARE(names(fn->transforms), QStringList({"trim", "lowercase", "sha256"}));
        QCOMPARE(mapped(mapping, "LN")->source, QStringLiteral("Surname"));

        // The hashed column would be a second EMAIL: a closed schema leaves it (and Notes) out.
        QCOMPARE(suggested.unusedColumns, QStringList({"already_hashed_email", "Notes"}));
        QVERIFY(suggested.prehashedSources().isEmpty());
        for (const FieldSuggestion &field : suggested.fields)
            QVERIFY2(!field.explanation.isEmpty(), qPrintable(field.target));

        // What it suggests passes the check.
        const MappingIssues issues = checkMapping(mapping, metaSchema(), columns);
        QVERIFY2(issues.isEmpty(), qPrintable(describe(issues)));
    }

    void suggestsAlreadyHashedColumn()
    {
        const QStringList columns{"already_hashed_email", "GAID"};
        const RowBatch sample = batchOf({
            {sha256Hex("ann@example.com"), "38400000-8cf0-11bd-b23e-10b96e40000d"},
            {sha256Hex("bo@example.se").toUpper(), ""},
        });
        const SuggestedMapping suggested = suggestMapping(metaSchema(), columns, &sample);
        const FieldMapping *email = mapped(suggested.mapping, "EMAIL");
        QVERIFY(email);
        QCOMPARE(email->source, QStringLiteral("already_hashed_email"));
        // No e-mail normalisation of hashes; sha256 keeps them.
        QCOMPARE(names(email->transforms), QStringList({"trim", "lowercase", "sha256"}));
        const FieldSuggestion *why = suggestionFor(suggested, "EMAIL");
        QCOMPARE(why->reason, SuggestionReason::NamePart);
        QVERIFY(why->prehashed);
        QCOMPARE(why->shape.shape, ValueShape::Sha256);
        QCOMPARE(suggested.prehashedSources(), QStringList{"already_hashed_email"});

        MappingCheckOptions options;
        const QStringList prehashed = suggested.prehashedSources();
        options.prehashedSources = QSet<QString>(prehashed.cbegin(), prehashed.cend());
        const MappingIssues issues =
            checkMapping(suggested.mapping, metaSchema(), columns, options);
        QVERIFY2(issues.isEmpty(), qPrintable(describe(issues)));

        // Hashes never go to a field that wants clear text.
        const RowBatch hashedIds = batchOf({{sha256Hex("x")}, {sha256Hex("y")}});
        const SuggestedMapping madid = suggestMapping(metaSchema(), {"maid"}, &hashedIds);
        QVERIFY(!mapped(madid.mapping, "MADID"));
    }

    void suggestsByValueShape()
    {
        const QStringList columns{"Contact", "Handset"};
        const RowBatch sample = batchOf({
            {"ann@example.com", "38400000-8cf0-11bd-b23e-10b96e40000d"},
            {"bo@example.se", "6d92078a-8246-4ba4-ae5b-76104861e7dc"},
        });
        const SuggestedMapping suggested = suggestMapping(metaSchema(), columns, &sample);
        QCOMPARE(mapped(suggested.mapping, "EMAIL")->source, QStringLiteral("Contact"));
        QCOMPARE(mapped(suggested.mapping, "MADID")->source, QStringLiteral("Handset"));
        const FieldSuggestion *why = suggestionFor(suggested, "EMAIL");
        QCOMPARE(why->reason, SuggestionReason::ValueShape);
        QVERIFY2(why->explanation.contains("100"), qPrintable(why->explanation));

        // Without a sample the names say nothing.
        QVERIFY(suggestMapping(metaSchema(), columns).mapping.isEmpty());
    }

    void namePartNeedsFittingValues()
    {
        const QStringList columns{"email_opt_in"};
        const RowBatch sample = batchOf({{"yes"}, {"no"}, {"yes"}});
        QVERIFY(!mapped(suggestMapping(metaSchema(), columns, &sample).mapping, "EMAIL"));
        // Without a sample the name is all there is.
        QVERIFY(mapped(suggestMapping(metaSchema(), columns).mapping, "EMAIL"));
    }

    void destinationSynonymsAndExactNames()
    {
        DestinationSchema schema;
        schema.fields = {
            {"personID", "Person", true, false, false, ValueShape::Any, {"kundnummer"}},
            {"EMAIL_SHA256", "E-mail", true, false, true, ValueShape::Email, {}},
        };
        schema.acceptsOtherFields = false;
        const QStringList columns{"Kundnummer", "person_id", "mail"};
        const SuggestedMapping suggested = suggestMapping(schema, columns);
        // An exact name beats the destination's synonym.
        QCOMPARE(mapped(suggested.mapping, "personID")->source, QStringLiteral("person_id"));
        QCOMPARE(suggestionFor(suggested, "personID")->reason, SuggestionReason::ExactName);
        QCOMPARE(mapped(suggested.mapping, "EMAIL_SHA256")->source, QStringLiteral("mail"));
        QCOMPARE(names(mapped(suggested.mapping, "EMAIL_SHA256")->transforms),
                 QStringList({"email", "sha256"}));

        // Without the exact name, the destination's own synonym.
        const SuggestedMapping bySynonym = suggestMapping(schema, {"KUNDNUMMER"});
        QCOMPARE(mapped(bySynonym.mapping, "personID")->source, QStringLiteral("KUNDNUMMER"));
        QCOMPARE(suggestionFor(bySynonym, "personID")->reason, SuggestionReason::Synonym);
    }

    void valuesOverruleSynonyms()
    {
        // Meta's DOBD is the day of the month; "birth day" sounds like a birthday.
        DestinationSchema schema;
        schema.fields = {{"DOBD", {}, false, false, true, ValueShape::Number, {"birth day"}}};
        schema.acceptsOtherFields = false;
        QCOMPARE(fieldKindOf(schema.fields.at(0)), FieldKind::Other);
        const RowBatch dates = batchOf({{"1980-01-02"}, {"1975-12-31"}});
        QVERIFY(suggestMapping(schema, {"Birthday"}, &dates).mapping.isEmpty());
        const RowBatch days = batchOf({{"02"}, {"31"}});
        QCOMPARE(suggestMapping(schema, {"Birthday"}, &days).mapping.targets(),
                 QStringList{"DOBD"});
        // The field's own name is trusted whatever the values.
        QCOMPARE(suggestMapping(schema, {"dobd"}, &dates).mapping.targets(), QStringList{"DOBD"});

        // Same for an address field fed e-mail-like synonyms holding phone numbers.
        const RowBatch phones = batchOf({{"+46 70 123 45 67"}, {"+49 151 1234567"}});
        QVERIFY(!mapped(suggestMapping(metaSchema(), {"mail"}, &phones).mapping, "EMAIL"));
    }

    void oneColumnOneIdentifier()
    {
        DestinationSchema schema;
        schema.fields = {
            {"email", {}, true, false, false, ValueShape::Email, {}},
            {"contact_email", {}, true, false, false, ValueShape::Email, {}},
        };
        const QStringList columns{"E-mail"};
        const SuggestedMapping suggested = suggestMapping(schema, columns);
        QCOMPARE(suggested.mapping.fields.size(), 1);
        QCOMPARE(suggested.mapping.fields.at(0).target, QStringLiteral("email"));
    }

    void openSchemaPassesThrough()
    {
        const DestinationSchema open{{}, true, 0};
        const QStringList columns{"Email", "Name", "score", "Contact", "Mobile"};
        const RowBatch sample = batchOf({
            {"ann@example.com", "Ann", "3", "x@example.com", "+46 70 123 45 67"},
            {"bo@example.se", "Bo", "5", "y@example.com", ""},
        });
        const SuggestedMapping suggested = suggestMapping(open, columns, &sample);
        QCOMPARE(suggested.mapping.targets(), columns);
        QStringList identifiers;
        for (const FieldMapping &field : suggested.mapping.fields) {
            QCOMPARE(field.source, field.target);
            QVERIFY(field.transforms.isEmpty());
            if (field.identifier)
                identifiers.append(field.target);
        }
        QCOMPARE(identifiers, QStringList({"Email", "Contact", "Mobile"}));
        for (const FieldSuggestion &field : suggested.fields)
            QCOMPARE(field.reason, SuggestionReason::PassThrough);
        QVERIFY(suggested.unusedColumns.isEmpty());
    }

    void declaredFieldsPlusOthers()
    {
        DestinationSchema schema = metaSchema();
        schema.acceptsOtherFields = true;
        const QStringList columns{"mail", "tier", "email"};
        const SuggestedMapping suggested = suggestMapping(schema, columns);
        // "email" is EMAIL's exact name; "mail" is left out rather than mapped twice; "tier"
        // passes through.
        QCOMPARE(suggested.mapping.targets(), QStringList({"EMAIL", "tier"}));
        QCOMPARE(mapped(suggested.mapping, "EMAIL")->source, QStringLiteral("email"));
        QCOMPARE(suggested.unusedColumns, QStringList{"mail"});
    }

    // --- previewMapping -----------------------------------------------------------------------

    void previewShareOfValidRows()
    {
        // 10 rows: 7 carry an e-mail address, 5 a phone number, 2 neither.
        QList<QStringList> rows;
        for (int i = 0; i < 10; ++i) {
            const QString email = i < 7 ? QStringLiteral("p%1@example.com").arg(i) : QString();
            const QString phone =
                i >= 3 && i < 8 ? QStringLiteral("+4670000000%1").arg(i) : QStringLiteral("  ");
            rows.append({QString::number(i), email, phone});
        }
        const RowBatch sample = batchOf(rows);
        Mapping mapping;
        mapping.fields = {{"id", "id", false, {}},
                          {"email", "mail", true, chain({TransformKind::Trim})},
                          {"phone", "tel", true, chain({TransformKind::Trim})}};
        const QLocale english(QLocale::English, QLocale::UnitedStates);
        const MappingPreview preview =
            previewMapping(mapping, {"id", "mail", "tel"}, sample, 20, english);
        QVERIFY2(preview.isValid(), qPrintable(preview.error));
        QCOMPARE(preview.sampleRows, 10);
        QCOMPARE(preview.columns, QStringList({"id", "email", "phone"}));
        QCOMPARE(preview.mappedRows, 8);
        QCOMPARE(preview.rows.size(), 8);
        QCOMPARE(preview.rows.at(0), QStringList({"0", "p0@example.com", ""}));

        QCOMPARE(preview.rejected.size(), 2); // rows 8 and 9 have neither
        QCOMPARE(preview.rejected.at(0).line, 10);
        QVERIFY(!preview.rejected.at(0).reason.isEmpty());

        QCOMPARE(preview.coverage.size(), 2);
        const IdentifierCoverage &email = preview.coverage.at(0);
        QCOMPARE(email.target, QStringLiteral("email"));
        QCOMPARE(email.validRows, 7);
        QCOMPARE(email.sampleRows, 10);
        QCOMPARE(email.percent, 70.0);
        QCOMPARE(email.sentence, QStringLiteral("70 % of rows carry a valid email"));
        QCOMPARE(preview.coverage.at(1).validRows, 5); // blank after trim is not a number
        QCOMPARE(preview.coverage.at(1).percent, 50.0);
    }

    void previewPercentIsLocaleFormattedAndHonest()
    {
        // 199 of 200 is not "100 %"; 1 of 200 is not "0 %".
        QList<QStringList> rows;
        for (int i = 0; i < 200; ++i)
            rows.append({i == 0 ? QString() : QStringLiteral("v"), i == 0 ? "v" : ""});
        Mapping mapping;
        mapping.fields = {{"a", "a", true, {}}, {"b", "b", true, {}}};
        const QLocale arabic(QLocale::Arabic, QLocale::Egypt);
        const MappingPreview preview =
            previewMapping(mapping, {"a", "b"}, batchOf(rows), 20, arabic);
        QCOMPARE(preview.coverage.at(0).validRows, 199);
        QVERIFY2(preview.coverage.at(0).sentence.startsWith(arabic.toString(99) + " %"),
                 qPrintable(preview.coverage.at(0).sentence));
        QVERIFY(preview.coverage.at(1).sentence.startsWith(arabic.toString(1) + " %"));
        QVERIFY(arabic.toString(99) != QStringLiteral("99")); // the locale's own digits
    }

    void previewRowLimit()
    {
        QList<QStringList> rows;
        for (int i = 0; i < 30; ++i)
            rows.append({QStringLiteral("r%1@example.com").arg(i)});
        const RowBatch sample = batchOf(rows);
        Mapping mapping;
        mapping.fields = {{"email", "e", true, {}}};
        MappingPreview preview = previewMapping(mapping, {"e"}, sample);
        QCOMPARE(preview.mappedRows, 30);
        QCOMPARE(preview.rows.size(), defaultPreviewRows);
        QCOMPARE(preview.rows.last(), QStringList{"r19@example.com"});
        preview = previewMapping(mapping, {"e"}, sample, 5);
        QCOMPARE(preview.rows.size(), 5);
        QCOMPARE(preview.coverage.at(0).validRows, 30); // measured on the whole sample
    }

    void previewOfUnusableMapping()
    {
        Mapping mapping;
        mapping.fields = {{"email", "missing", true, {}}};
        const MappingPreview preview = previewMapping(mapping, {"e"}, batchOf({{"a@example.com"}}));
        QVERIFY(!preview.isValid());
        QVERIFY2(preview.error.contains("missing"), qPrintable(preview.error));
        QVERIFY(preview.rows.isEmpty());
        QVERIFY(preview.coverage.isEmpty());
    }

    // These rest on the normalising transforms (email, sha256): invalid addresses are not valid
    // identifiers, and hashes are the hashes of the normalised addresses.
    void previewWithNormalisation()
    {
        QList<QStringList> rows;
        for (int i = 0; i < 7; ++i)
            rows.append({QStringLiteral(" Person%1@Example.COM ").arg(i)});
        rows.append({QStringLiteral("not-an-address")});
        rows.append({QStringLiteral("a@")});
        rows.append({QString()});
        Mapping mapping;
        mapping.fields = {
            {"EMAIL", "e", true, chain({TransformKind::Email, TransformKind::Sha256})}};
        const MappingPreview preview =
            previewMapping(mapping, {"e"}, batchOf(rows), 20, QLocale(QLocale::English));
        QVERIFY2(preview.isValid(), qPrintable(preview.error));
        QCOMPARE(preview.coverage.at(0).validRows, 7);
        QCOMPARE(preview.coverage.at(0).sentence,
                 QStringLiteral("70 % of rows carry a valid EMAIL"));
        QCOMPARE(preview.rows.size(), 7);
        QCOMPARE(preview.rows.at(0).at(0), sha256Hex("person0@example.com"));
        QCOMPARE(preview.rejected.size(), 3);
        for (const RejectedRow &row : preview.rejected)
            QVERIFY(!row.reason.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TstMappingcheck)
#include "tst_mappingcheck.moc"
