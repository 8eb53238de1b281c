#include "mapping/Mapper.h"
#include "mapping/Mapping.h"
#include "mapping/Transform.h"

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
        QCOMPARE(Transform::names(), QStringList({"trim", "lowercase", "uppercase"}));
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
    }

    void parseSpec()
    {
        QFETCH(QString, spec);
        QFETCH(QString, target);
        QFETCH(QString, source);
        QFETCH(QStringList, transforms);
        QString error;
        const auto field = Mapping::parseSpec(spec, &error);
        QVERIFY2(field, qPrintable(error));
        QCOMPARE(field->target, target);
        QCOMPARE(field->source, source);
        QStringList names;
        for (const Transform &t : field->transforms)
            names.append(t.name());
        QCOMPARE(names, transforms);
    }

    void parseSpecErrors()
    {
        QString error;
        QVERIFY(!Mapping::parseSpec(QStringLiteral("email=E-mail:lowercse"), &error));
        QVERIFY2(error.contains(QStringLiteral("lowercse")), qPrintable(error));
        QVERIFY(error.contains(QStringLiteral("lowercase"))); // lists the known ones
        QVERIFY(!Mapping::parseSpec(QStringLiteral("email="), &error));
        QVERIFY(error.contains(QStringLiteral("TARGET=SOURCE")));
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
