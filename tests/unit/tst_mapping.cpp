#include "mapping/Mapper.h"
#include "mapping/Mapping.h"
#include "mapping/Transform.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QtTest>

using namespace courier;

namespace {

RowBatch batchOf(const QList<QList<QByteArray>> &rows)
{
    RowBatch batch(static_cast<int>(rows.value(0).size()));
    qint64 line = 2;
    for (const auto &row : rows)
        batch.appendRow(row, line++);
    return batch;
}

QList<QByteArray> rowOf(const RowBatch &batch, int row)
{
    QList<QByteArray> cells;
    for (int column = 0; column < batch.columnCount(); ++column)
        cells.append(batch.cell(row, column).toByteArray());
    return cells;
}

} // namespace

class TestMapping : public QObject
{
    Q_OBJECT

private slots:
    void transform_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<QByteArray>("expected");

        QTest::newRow("trim spaces") << "trim" << QByteArray("  a b \t") << QByteArray("a b");
        QTest::newRow("trim line breaks") << "trim" << QByteArray("\r\nx\n") << QByteArray("x");
        QTest::newRow("trim no-break space")
            << "trim" << QByteArray("\xC2\xA0x\xC2\xA0 ") << QByteArray("x");
        QTest::newRow("trim keeps inner")
            << "trim" << QByteArray("a\xC2\xA0") + "b" << QByteArray("a\xC2\xA0") + "b";
        QTest::newRow("trim all space") << "trim" << QByteArray(" \t ") << QByteArray("");
        QTest::newRow("lower ascii") << "lowercase" << QByteArray("Jane.DOE@Example.COM")
                                     << QByteArray("jane.doe@example.com");
        QTest::newRow("lower unchanged")
            << "lowercase" << QByteArray("already@lower.se") << QByteArray("already@lower.se");
        QTest::newRow("lower unicode")
            << "lowercase" << QByteArray("ÅSA.ÖBERG@MAIL.SE") << QByteArray("åsa.öberg@mail.se");
        QTest::newRow("upper ascii")
            << "uppercase" << QByteArray("se-stockholm") << QByteArray("SE-STOCKHOLM");
        QTest::newRow("upper unicode")
            << "uppercase" << QByteArray("göteborg") << QByteArray("GÖTEBORG");
        QTest::newRow("lower empty") << "lowercase" << QByteArray() << QByteArray();
    }

    void transform()
    {
        QFETCH(QString, name);
        QFETCH(QByteArray, input);
        QFETCH(QByteArray, expected);
        const auto transform = Transform::fromName(name);
        QVERIFY(transform);
        std::string scratch;
        QCOMPARE(transform->apply(input, scratch).toByteArray(), expected);
    }

    void transformNames()
    {
        QCOMPARE(Transform::names(),
                 QStringList({"trim", "lowercase", "uppercase", "email", "email_gmail",
                              "phone_e164", "phone_digits", "sha256", "date", "map", "default"}));
        QVERIFY(Transform::fromName(u"LowerCase"));
        QVERIFY(!Transform::fromName(u"sha256-someday"));
        QCOMPARE(Transform(TransformKind::Trim).name(), QStringLiteral("trim"));
    }

    void parseSpec_data()
    {
        QTest::addColumn<QString>("spec");
        QTest::addColumn<QString>("target");
        QTest::addColumn<QString>("source");
        QTest::addColumn<QStringList>("transforms");

        QTest::newRow("rename") << "email=E-mail"
                                << "email"
                                << "E-mail" << QStringList();
        QTest::newRow("transforms") << "email=E-mail:trim,lowercase"
                                    << "email"
                                    << "E-mail" << QStringList({"trim", "lowercase"});
        QTest::newRow("keep name") << "phone"
                                   << "phone"
                                   << "phone" << QStringList();
        QTest::newRow("keep name with transform") << "phone:trim"
                                                  << "phone"
                                                  << "phone" << QStringList({"trim"});
        QTest::newRow("colon in source, escaped by a trailing colon")
            << "src=utm:source:"
            << "src"
            << "utm:source" << QStringList();
        QTest::newRow("colon in source without =") << "utm:source"
                                                   << "utm:source"
                                                   << "utm:source" << QStringList();
        QTest::newRow("spaces") << " Email = E mail : trim "
                                << "Email"
                                << "E mail" << QStringList({"trim"});
        QTest::newRow("normalise and hash") << "email=E-mail:email,sha256"
                                            << "email"
                                            << "E-mail" << QStringList({"email", "sha256"});
        QTest::newRow("date with parameters")
            << "birth=dob:date(dd/MM/yyyy>yyyy-MM-dd)"
            << "birth"
            << "dob" << QStringList({"date(dd/MM/yyyy>yyyy-MM-dd)"});
        QTest::newRow("colon inside parameters")
            << "birth=dob:date('at' HH:mm yyyy>yyyy)"
            << "birth"
            << "dob" << QStringList(); // HH:mm is refused below, but the split is right
        QTest::newRow("map and default")
            << "gender=Sex:trim,map_i(female=f,male=m),default(u)"
            << "gender"
            << "Sex" << QStringList({"trim", "map_i(female=f,male=m)", "default(u)"});
        QTest::newRow("column with parentheses") << "phone=Phone (mobile):phone_e164"
                                                 << "phone"
                                                 << "Phone (mobile)" << QStringList({"phone_e164"});
        QTest::newRow("column with colon and parameters")
            << "when=utm:date:date(yyyyMMdd)"
            << "when"
            << "utm:date" << QStringList({"date(yyyyMMdd>yyyy-MM-dd)"});
    }

    void parseSpec()
    {
        QFETCH(QString, spec);
        QFETCH(QString, target);
        QFETCH(QString, source);
        QFETCH(QStringList, transforms);
        QString error;
        const auto field = Mapping::parseSpec(spec, &error);
        if (QTest::currentDataTag() == QLatin1String("colon inside parameters")) {
            // Split after "dob", not inside the parentheses; then the pattern is refused.
            QVERIFY(!field);
            QVERIFY2(error.contains(QStringLiteral("time fields")), qPrintable(error));
            return;
        }
        QVERIFY2(field, qPrintable(error));
        QCOMPARE(field->target, target);
        QCOMPARE(field->source, source);
        QStringList specs;
        for (const Transform &t : field->transforms)
            specs.append(t.toSpec());
        QCOMPARE(specs, transforms);
        QVERIFY(field->constant.isEmpty());

        // What toSpec writes, parseSpec reads back as the same field.
        const auto again = Mapping::parseSpec(Mapping::toSpec(*field), &error);
        QVERIFY2(again, qPrintable(error));
        QCOMPARE(*again, *field);
    }

    void parseSpecConstant()
    {
        QString error;
        const auto field = Mapping::parseSpec(QStringLiteral(" country == SE "), &error);
        QVERIFY2(field, qPrintable(error));
        QCOMPARE(field->target, QStringLiteral("country"));
        QVERIFY(field->source.isEmpty());
        QCOMPARE(field->constant, QStringLiteral("SE"));
        QVERIFY(field->isConstant());
        QVERIFY(field->transforms.isEmpty());

        // Taken literally: colons and "=" are part of the value.
        const auto literal = Mapping::parseSpec(QStringLiteral("note==a:b=c"), &error);
        QVERIFY2(literal, qPrintable(error));
        QCOMPARE(literal->constant, QStringLiteral("a:b=c"));
        QCOMPARE(Mapping::parseSpec(Mapping::toSpec(*literal)), literal);

        QVERIFY(!Mapping::parseSpec(QStringLiteral("country=="), &error));
        QVERIFY2(error.contains(QStringLiteral("TARGET==VALUE")), qPrintable(error));
        QVERIFY(!Mapping::parseSpec(QStringLiteral("==SE"), &error));
        QVERIFY2(error.contains(QStringLiteral("no target")), qPrintable(error));
    }

    void parseSpecErrors()
    {
        QString error;
        QVERIFY(!Mapping::parseSpec(QStringLiteral("email=E-mail:lowercse"), &error));
        QVERIFY2(error.contains(QStringLiteral("lowercse")), qPrintable(error));
        QVERIFY(error.contains(QStringLiteral("lowercase"))); // lists the known ones
        QVERIFY(!Mapping::parseSpec(QStringLiteral("email="), &error));
        QVERIFY(error.contains(QStringLiteral("TARGET=SOURCE")));
        QVERIFY(!Mapping::parseSpec(QStringLiteral("birth=dob:date"), &error));
        QVERIFY2(error.contains(QStringLiteral("needs the pattern")), qPrintable(error));
        QVERIFY(!Mapping::parseSpec(QStringLiteral("g=Sex:map(female)"), &error));
        QVERIFY2(error.contains(QStringLiteral("VALUE=REPLACEMENT")), qPrintable(error));
        QVERIFY(!Mapping::parseSpec(QStringLiteral("e=E-mail:sha256(x)"), &error));
        QVERIFY2(error.contains(QStringLiteral("takes no parameters")), qPrintable(error));
    }

    void jsonRoundTrip()
    {
        Mapping mapping;
        mapping.fields.append(
            {QStringLiteral("email"),
             QStringLiteral("E-mail"),
             true,
             {Transform(TransformKind::Trim), Transform(TransformKind::Lowercase)}});
        mapping.fields.append({QStringLiteral("city"), QStringLiteral("City"), false, {}});
        const auto back = Mapping::fromJson(mapping.toJson());
        QVERIFY(back);
        QCOMPARE(*back, mapping);

        QJsonObject bad = mapping.toJson();
        QJsonArray fields = bad.value(QStringLiteral("fields")).toArray();
        QJsonObject first = fields.at(0).toObject();
        first.insert(QStringLiteral("transforms"), QJsonArray{QStringLiteral("rot13")});
        fields.replace(0, first);
        bad.insert(QStringLiteral("fields"), fields);
        QString error;
        QVERIFY(!Mapping::fromJson(bad, &error));
        QVERIFY(error.contains(QStringLiteral("rot13")));
    }

    void jsonRoundTripWithParameters()
    {
        Mapping mapping;
        mapping.defaultRegion = QStringLiteral("SE");
        mapping.rejectLimitPercent = 2.5;
        mapping.fields.append(
            {QStringLiteral("email"),
             QStringLiteral("E-mail"),
             true,
             {Transform(TransformKind::Email), Transform(TransformKind::Sha256)}});
        mapping.fields.append(
            {QStringLiteral("birth"),
             QStringLiteral("dob"),
             false,
             {Transform::date(QStringLiteral("dd/MM/yyyy"), QStringLiteral("yyyy-MM-dd"))}});
        mapping.fields.append({QStringLiteral("gender"),
                               QStringLiteral("Sex"),
                               false,
                               {Transform::valueMap({{"Female", "f"}, {"Male", "m"}}, true),
                                Transform::defaultValue(QStringLiteral("u"))}});
        mapping.fields.append({QStringLiteral("country"),
                               QString(),
                               false,
                               {Transform(TransformKind::Lowercase)},
                               QStringLiteral("SE")});

        const QJsonObject json = mapping.toJson();
        QCOMPARE(json.value("version").toInt(), 2);
        QCOMPARE(json.value("defaultRegion").toString(), QStringLiteral("SE"));
        QCOMPARE(json.value("rejectLimitPercent").toDouble(), 2.5);
        const QJsonArray fields = json.value("fields").toArray();
        QCOMPARE(fields.at(0).toObject().value("transforms").toArray(),
                 QJsonArray({"email", "sha256"}));
        QCOMPARE(fields.at(1).toObject().value("transforms").toArray().at(0).toObject(),
                 QJsonObject({{"name", "date"}, {"from", "dd/MM/yyyy"}, {"to", "yyyy-MM-dd"}}));
        QCOMPARE(fields.at(3).toObject().value("constant").toString(), QStringLiteral("SE"));
        QVERIFY(!fields.at(0).toObject().contains("constant"));

        // Through text, as stored with the share.
        QString error;
        const auto back = Mapping::fromJson(
            QJsonDocument::fromJson(QJsonDocument(json).toJson()).object(), &error);
        QVERIFY2(back, qPrintable(error));
        QCOMPARE(*back, mapping);
    }

    // A share saved before transforms had parameters (version 1) reads unchanged.
    void jsonVersion1Reads()
    {
        const QByteArray saved = R"({"version": 1, "fields": [
            {"target": "email", "source": "E-mail", "identifier": true,
             "transforms": ["trim", "lowercase"]},
            {"target": "city", "source": "City", "identifier": false, "transforms": []}]})";
        QString error;
        const auto mapping = Mapping::fromJson(QJsonDocument::fromJson(saved).object(), &error);
        QVERIFY2(mapping, qPrintable(error));
        QCOMPARE(mapping->fields.size(), 2);
        QCOMPARE(mapping->fields.at(0).transforms,
                 QList<Transform>(
                     {Transform(TransformKind::Trim), Transform(TransformKind::Lowercase)}));
        QVERIFY(mapping->fields.at(0).identifier);
        QVERIFY(mapping->defaultRegion.isEmpty());
        QCOMPARE(mapping->rejectLimitPercent, 100.0);
    }

    void jsonErrors_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("problem");
        QTest::newRow("unknown region")
            << QByteArray(R"({"defaultRegion": "XX", "fields": []})") << "“XX” is not a country";
        QTest::newRow("limit above 100")
            << QByteArray(R"({"rejectLimitPercent": 120, "fields": []})") << "0 to 100";
        QTest::newRow("limit not a number")
            << QByteArray(R"({"rejectLimitPercent": "5", "fields": []})") << "0 to 100";
        QTest::newRow("no source, no constant")
            << QByteArray(R"({"fields": [{"target": "x", "source": ""}]})")
            << "“x” has no source column and no constant";
        QTest::newRow("no target") << QByteArray(R"({"fields": [{"source": "x"}]})") << "no target";
        QTest::newRow("date without patterns")
            << QByteArray(R"({"fields": [{"target": "b", "source": "d", "transforms": ["date"]}]})")
            << "The field “b”: The date transform needs the pattern";
    }

    void jsonErrors()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, problem);
        QString error;
        QVERIFY(!Mapping::fromJson(QJsonDocument::fromJson(json).object(), &error));
        QVERIFY2(error.contains(problem), qPrintable(error));
    }

    void jsonRegionIsUpperCased()
    {
        const auto mapping = Mapping::fromJson(QJsonObject{{"defaultRegion", "se"}});
        QVERIFY(mapping);
        QCOMPARE(mapping->defaultRegion, QStringLiteral("SE"));
    }

    void bindErrors()
    {
        const QStringList columns{"E-mail", "Phone", "phone ", "City"};
        QString error;

        QVERIFY(!Mapper::bind(Mapping{}, columns, &error));
        QVERIFY(error.contains(QStringLiteral("no fields")));

        Mapping missing;
        missing.fields.append({QStringLiteral("zip"), QStringLiteral("Zip"), false, {}});
        QVERIFY(!Mapper::bind(missing, columns, &error));
        QVERIFY2(error.contains(QStringLiteral("\"Zip\"")) &&
                     error.contains(QStringLiteral("City")),
                 qPrintable(error));

        Mapping ambiguous;
        ambiguous.fields.append({QStringLiteral("phone"), QStringLiteral("PHONE"), false, {}});
        QVERIFY(!Mapper::bind(ambiguous, columns, &error));
        QVERIFY2(error.contains(QStringLiteral("more than one")), qPrintable(error));

        Mapping twice;
        twice.fields.append({QStringLiteral("x"), QStringLiteral("City"), false, {}});
        twice.fields.append({QStringLiteral("x"), QStringLiteral("E-mail"), false, {}});
        QVERIFY(!Mapper::bind(twice, columns, &error));
        QVERIFY(error.contains(QStringLiteral("twice")));

        Mapping caseInsensitive;
        caseInsensitive.fields.append(
            {QStringLiteral("email"), QStringLiteral("e-mail"), false, {}});
        caseInsensitive.fields.append(
            {QStringLiteral("phone"), QStringLiteral("Phone"), false, {}});
        QVERIFY2(Mapper::bind(caseInsensitive, columns, &error), qPrintable(error));
    }

    void mapsRowsAndRejectsThoseWithoutIdentity()
    {
        Mapping mapping;
        mapping.fields.append(
            {QStringLiteral("email"),
             QStringLiteral("E-mail"),
             true,
             {Transform(TransformKind::Trim), Transform(TransformKind::Lowercase)}});
        mapping.fields.append({QStringLiteral("CITY"),
                               QStringLiteral("City"),
                               false,
                               {Transform(TransformKind::Trim), Transform(TransformKind::Lowercase),
                                Transform(TransformKind::Uppercase)}});
        auto mapper = Mapper::bind(mapping, {"Id", "City", "E-mail"});
        QVERIFY(mapper);
        QCOMPARE(mapper->outputColumns(), QStringList({"email", "CITY"}));

        const RowBatch in = batchOf({{"1", " Malmö ", " Ann@Example.COM "},
                                     {"2", "Lund", "   "},
                                     {"3", "", "bo@example.se"}});
        RowBatch out;
        QList<RejectedRow> rejected;
        const int count = mapper->map(in, out, [&](RejectedRow &&row) { rejected.append(row); });

        QCOMPARE(count, 1);
        QCOMPARE(out.rowCount(), 2);
        QCOMPARE(rowOf(out, 0), QList<QByteArray>({"ann@example.com", "MALMÖ"}));
        QCOMPARE(rowOf(out, 1), QList<QByteArray>({"bo@example.se", ""}));
        QCOMPARE(out.sourceLine(1), 4);
        QCOMPARE(rejected.size(), 1);
        QCOMPARE(rejected.at(0).line, 3);
        QCOMPARE(rejected.at(0).fields, QList<QByteArray>({"2", "Lund", "   "}));
        QVERIFY2(rejected.at(0).reason.contains(QStringLiteral("email")),
                 qPrintable(rejected.at(0).reason));
    }

    void rejectsRowsWhoseTransformsFail()
    {
        Mapping mapping;
        mapping.defaultRegion = QStringLiteral("SE");
        mapping.fields.append(
            {QStringLiteral("email"),
             QStringLiteral("E-mail"),
             true,
             {Transform(TransformKind::Email), Transform(TransformKind::Sha256)}});
        mapping.fields.append({QStringLiteral("phone"),
                               QStringLiteral("Phone"),
                               true,
                               {Transform(TransformKind::PhoneE164)}});
        mapping.fields.append({QStringLiteral("birth"),
                               QStringLiteral("Born"),
                               false,
                               {Transform::date(QStringLiteral("dd/MM/yyyy"))}});
        mapping.fields.append({QStringLiteral("country"),
                               QString(),
                               false,
                               {Transform(TransformKind::Lowercase)},
                               QStringLiteral("SE")});
        // No "country" column: a constant needs none.
        QString error;
        auto mapper = Mapper::bind(mapping, {"Id", "E-mail", "Phone", "Born"}, &error);
        QVERIFY2(mapper, qPrintable(error));
        QCOMPARE(mapper->outputColumns(), QStringList({"email", "phone", "birth", "country"}));

        const RowBatch in = batchOf({
            {"1", " Test@Example.com", "070-123 45 67", "23/11/1987"},
            {"2", "dana@example.com", "12345", ""},
            {"3", "", "+1 (212) 565-0000", "31/02/1990"},
            {"4", "not-an-address", "", ""},
            {"5", "", " ", ""},
            {"6", "", "0046 70 123 45 67", ""},
        });
        RowBatch out;
        QList<RejectedRow> rejected;
        const int count = mapper->map(in, out, [&](RejectedRow &&row) { rejected.append(row); });

        QCOMPARE(count, 4);
        QCOMPARE(rejected.size(), 4);
        QCOMPARE(out.rowCount(), 2);
        QCOMPARE(
            rowOf(out, 0),
            QList<QByteArray>({"973dfe463ec85785f5f95af5ba3906eedb2d931c24e69824a89ea65dba4e813b",
                               "+46701234567", "1987-11-23", "se"}));
        QCOMPARE(rowOf(out, 1), QList<QByteArray>({"", "+46701234567", "", "se"}));
        QCOMPARE(out.sourceLine(1), 7);

        QCOMPARE(rejected.at(0).line, 3);
        QCOMPARE(rejected.at(0).reason,
                 QStringLiteral("phone: “12345” is not a valid number for region SE."));
        QCOMPARE(rejected.at(0).fields, QList<QByteArray>({"2", "dana@example.com", "12345", ""}));
        QCOMPARE(rejected.at(1).line, 4);
        QCOMPARE(rejected.at(1).reason,
                 QStringLiteral("birth: “31/02/1990” is not a date in the form dd/MM/yyyy."));
        QCOMPARE(rejected.at(2).line, 5);
        QVERIFY2(rejected.at(2).reason.startsWith(
                     QStringLiteral("email: “not-an-address” is not an e-mail address")),
                 qPrintable(rejected.at(2).reason));
        QCOMPARE(rejected.at(3).line, 6);
        QCOMPARE(rejected.at(3).reason,
                 QStringLiteral("No identifier: email, phone are all empty."));

        // The batch after a rejection starts clean: a mapper keeps no row state.
        const RowBatch next = batchOf({{"7", "a@b.se", "", "01/01/2000"}});
        QCOMPARE(mapper->map(next, out, {}), 0);
        QCOMPARE(out.rowCount(), 1);
        QCOMPARE(out.cell(0, 2).toByteArray(), QByteArray("2000-01-01"));
    }

    void withoutDefaultRegionNationalNumbersAreRejected()
    {
        Mapping mapping;
        mapping.fields.append({QStringLiteral("phone"),
                               QStringLiteral("Phone"),
                               true,
                               {Transform(TransformKind::PhoneDigits)}});
        auto mapper = Mapper::bind(mapping, {"Phone"});
        QVERIFY(mapper);
        RowBatch out;
        QList<RejectedRow> rejected;
        QCOMPARE(mapper->map(batchOf({{"070-123 45 67"}, {"+46 70 123 45 67"}}), out,
                             [&](RejectedRow &&row) { rejected.append(row); }),
                 1);
        QCOMPARE(rowOf(out, 0), QList<QByteArray>({"46701234567"}));
        QVERIFY2(rejected.at(0).reason.contains(QStringLiteral("no default region")),
                 qPrintable(rejected.at(0).reason));

        // The same mapping with a region accepts both; the region is the mapping's.
        mapping.defaultRegion = QStringLiteral("SE");
        mapper = Mapper::bind(mapping, {"Phone"});
        QVERIFY(mapper);
        QCOMPARE(mapper->map(batchOf({{"070-123 45 67"}, {"+46 70 123 45 67"}}), out, {}), 0);
        QCOMPARE(out.rowCount(), 2);
    }

    void bindChecksTransformsAndConstants()
    {
        QString error;
        Mapping region;
        region.defaultRegion = QStringLiteral("SWE");
        region.fields.append({QStringLiteral("x"), QStringLiteral("x"), false, {}});
        QVERIFY(!Mapper::bind(region, {"x"}, &error));
        QVERIFY2(error.contains(QStringLiteral("“SWE”")), qPrintable(error));

        Mapping noPatterns;
        noPatterns.fields.append({QStringLiteral("birth"),
                                  QStringLiteral("dob"),
                                  false,
                                  {Transform(TransformKind::DateFormat)}});
        QVERIFY(!Mapper::bind(noPatterns, {"dob"}, &error));
        QVERIFY2(error.startsWith(QStringLiteral("birth: The date transform needs")),
                 qPrintable(error));

        Mapping badConstant;
        badConstant.fields.append({QStringLiteral("email"),
                                   QString(),
                                   true,
                                   {Transform(TransformKind::Email)},
                                   QStringLiteral("nobody")});
        QVERIFY(!Mapper::bind(badConstant, {"x"}, &error));
        QVERIFY2(error.contains(QStringLiteral("constant")) &&
                     error.contains(QStringLiteral("“nobody” is not an e-mail address")),
                 qPrintable(error));

        Mapping nothing;
        nothing.fields.append({QStringLiteral("x"), QString(), false, {}});
        QVERIFY(!Mapper::bind(nothing, {"x"}, &error));
        QVERIFY2(error.contains(QStringLiteral("no source column and no constant")),
                 qPrintable(error));

        // A constant identifier says who every member is: no row is rejected for it.
        Mapping constantId;
        constantId.fields.append(
            {QStringLiteral("list"), QString(), true, {}, QStringLiteral("newsletter")});
        constantId.fields.append({QStringLiteral("email"), QStringLiteral("E-mail"), false, {}});
        auto mapper = Mapper::bind(constantId, {"E-mail"}, &error);
        QVERIFY2(mapper, qPrintable(error));
        RowBatch out;
        QCOMPARE(mapper->map(batchOf({{""}, {"a@b.se"}}), out, {}), 0);
        QCOMPARE(rowOf(out, 0), QList<QByteArray>({"newsletter", ""}));
    }

    void mapperCopiesAreIndependent()
    {
        Mapping mapping;
        mapping.defaultRegion = QStringLiteral("SE");
        mapping.fields.append(
            {QStringLiteral("phone"),
             QStringLiteral("Phone"),
             true,
             {Transform(TransformKind::PhoneE164), Transform(TransformKind::Sha256)}});
        auto mapper = Mapper::bind(mapping, {"Phone"});
        QVERIFY(mapper);
        Mapper copy = *mapper;
        RowBatch a, b;
        QCOMPARE(mapper->map(batchOf({{"070-123 45 67"}}), a, {}), 0);
        QCOMPARE(copy.map(batchOf({{"+46701234567"}}), b, {}), 0);
        QCOMPARE(a.cell(0, 0).toByteArray(), b.cell(0, 0).toByteArray());
        QCOMPARE(a.cell(0, 0).size(), 64);
    }

    void noIdentifiersMeansNoRejects()
    {
        auto mapper = Mapper::bind(Mapping::passThrough({"a", "b"}), {"a", "b"});
        QVERIFY(mapper);
        RowBatch out;
        QCOMPARE(mapper->map(batchOf({{"", ""}, {"x", ""}}), out, {}), 0);
        QCOMPARE(out.rowCount(), 2);
    }
};

QTEST_GUILESS_MAIN(TestMapping)
#include "tst_mapping.moc"
