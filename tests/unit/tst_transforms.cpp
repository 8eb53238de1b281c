// The normalising transforms (email, Gmail dots, E.164, Meta digits, SHA-256, dates, value
// maps, defaults) against the platforms' published rules and the test vectors in
// PROTOCOLS.md §5, their rejections with reasons, and their JSON and command-line forms.

#include "mapping/DateReformat.h"
#include "mapping/Hashing.h"
#include "mapping/PhoneNormaliser.h"
#include "mapping/Transform.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QtTest>

using namespace courier;

namespace {

struct Outcome
{
    bool ok = false;
    QByteArray value;
    QString problem;
};

// Runs a spec'd chain ("email,sha256") over one value with the given default region.
Outcome run(const QString &chain, const QByteArray &input, const QString &region = {})
{
    const auto transforms = Transform::listFromSpec(chain);
    if (!transforms)
        return {false, {}, QStringLiteral("bad chain")};
    TransformWorkspace workspace(region);
    std::string a, b;
    Outcome outcome;
    const auto value = applyTransforms(*transforms, input, a, b, workspace, &outcome.problem);
    outcome.ok = value.has_value();
    if (value)
        outcome.value = value->toByteArray();
    return outcome;
}

} // namespace

class TestTransforms : public QObject
{
    Q_OBJECT

private slots:
    // PROTOCOLS.md §5: the SHA-256 vectors, from raw input through the normalisation to the hash.
    void protocolVectors_data()
    {
        QTest::addColumn<QString>("chain");
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<QByteArray>("normalised");
        QTest::addColumn<QByteArray>("hash");

        QTest::newRow("test@example.com")
            << "email" << QByteArray("  Test@Example.COM ") << QByteArray("test@example.com")
            << QByteArray("973dfe463ec85785f5f95af5ba3906eedb2d931c24e69824a89ea65dba4e813b");
        QTest::newRow("dana@example.com")
            << "email" << QByteArray("dana@example.com") << QByteArray("dana@example.com")
            << QByteArray("07e2f1394b0ea80e2adca010ea8318df697001a005ba7452720edda4b0ce57b3");
        QTest::newRow("Google +18005550101")
            << "phone_e164" << QByteArray("+1 800 5550101") << QByteArray("+18005550101")
            << QByteArray("61d6c2976b5d92b1ad63073a12fddd26040cd980067d03a93dd1cc50f1a3ac68");
        QTest::newRow("Google +12125650000")
            << "phone_e164" << QByteArray("+12125650000") << QByteArray("+12125650000")
            << QByteArray("d360a79e746532a6a1e7b8164440b04cdd8797e23126f7a4de7a4b67fdcdba98");
        QTest::newRow("Meta 12125650000")
            << "phone_digits" << QByteArray("+1 (212) 565-0000") << QByteArray("12125650000")
            << QByteArray("4602031721d76ab01f4959d86fda7263b6fbbcb7457b7383de726a3b9137fc9d");
        QTest::newRow("Meta keeps Gmail dots and +tag")
            << "email" << QByteArray("Jane.Doe+promo@gmail.com")
            << QByteArray("jane.doe+promo@gmail.com")
            << QByteArray("5f0d1df1fc49e30424381b57b1d4c73e067772a4267dde043a19b026935602c8");
        QTest::newRow("Google drops Gmail dots")
            << "email_gmail" << QByteArray(" Jane.Doe+promo@GMAIL.com")
            << QByteArray("janedoe+promo@gmail.com")
            << QByteArray("3a627126a4392d8cec5f5d4eaa26639d3cfe852ebf1f1b49c3ffa61667798637");
    }

    void protocolVectors()
    {
        QFETCH(QString, chain);
        QFETCH(QByteArray, input);
        QFETCH(QByteArray, normalised);
        QFETCH(QByteArray, hash);

        const Outcome step = run(chain, input, QStringLiteral("SE"));
        QVERIFY2(step.ok, qPrintable(step.problem));
        QCOMPARE(step.value, normalised);
        const Outcome hashed = run(chain + QStringLiteral(",sha256"), input, QStringLiteral("SE"));
        QVERIFY2(hashed.ok, qPrintable(hashed.problem));
        QCOMPARE(hashed.value, hash);
    }

    void emptyIsNeverHashed()
    {
        const QByteArray emptyHash =
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
        Sha256Hasher hasher;
        QCOMPARE(hasher.hexDigest(QByteArrayView("")), emptyHash); // the vector itself
        for (const QByteArray &blank :
             {QByteArray(), QByteArray(""), QByteArray("  \t"), QByteArray("\xC2\xA0")}) {
            const Outcome outcome = run(QStringLiteral("sha256"), blank);
            QVERIFY(outcome.ok);
            QCOMPARE(outcome.value, QByteArray());
            QCOMPARE(run(QStringLiteral("email,sha256"), blank).value, QByteArray());
            QCOMPARE(run(QStringLiteral("phone_e164,sha256"), blank, "SE").value, QByteArray());
        }
    }

    void sha256()
    {
        // FIPS 180-2 "abc".
        QCOMPARE(run(QStringLiteral("sha256"), "abc").value,
                 QByteArray("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"));
        // No implicit normalisation: sha256 hashes exactly what it gets.
        QVERIFY(run(QStringLiteral("sha256"), " abc").value !=
                run(QStringLiteral("sha256"), "abc").value);

        // A value that already is a hash is not hashed again; upper-case hex is lower-cased.
        const QByteArray hash = "973dfe463ec85785f5f95af5ba3906eedb2d931c24e69824a89ea65dba4e813b";
        QCOMPARE(run(QStringLiteral("sha256"), hash).value, hash);
        QCOMPARE(run(QStringLiteral("sha256"), hash.toUpper()).value, hash);
        QCOMPARE(run(QStringLiteral("sha256,sha256"), "test@example.com").value, hash);
        // 63 or 65 hex digits are not a hash.
        QVERIFY(run(QStringLiteral("sha256"), hash.left(63)).value != hash.left(63));
        QVERIFY(run(QStringLiteral("sha256"), hash + "0").value != hash + "0");

        // A reused context gives the same digest every time.
        Sha256Hasher hasher;
        const QByteArray first = hasher.hexDigest(QByteArrayView("dana@example.com"));
        hasher.hexDigest(QByteArrayView("something else"));
        QCOMPARE(hasher.hexDigest(QByteArrayView("dana@example.com")), first);
        Sha256Hasher copy = hasher;
        QCOMPARE(copy.hexDigest(QByteArrayView("dana@example.com")), first);
    }

    void email_data()
    {
        QTest::addColumn<QString>("chain");
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<QByteArray>("expected"); // empty with a problem: rejected
        QTest::addColumn<QString>("problem");

        QTest::newRow("trim and lower") << "email" << QByteArray("\t Ann.Berg@Example.SE \r\n")
                                        << QByteArray("ann.berg@example.se") << QString();
        QTest::newRow("no-break spaces")
            << "email" << QByteArray("\xC2\xA0x@y.se\xC2\xA0") << QByteArray("x@y.se") << QString();
        QTest::newRow("unicode lower")
            << "email" << QByteArray("ÅSA@EXAMPLE.SE") << QByteArray("åsa@example.se") << QString();
        QTest::newRow("blank is empty")
            << "email" << QByteArray("   ") << QByteArray() << QString();
        QTest::newRow("no @") << "email" << QByteArray("ann.example.se") << QByteArray()
                              << QString("“ann.example.se” is not an e-mail address: it has no @.");
        QTest::newRow("two @") << "email" << QByteArray("a@b@c.se") << QByteArray()
                               << QString("more than one @");
        QTest::newRow("nothing before @")
            << "email" << QByteArray("@example.se") << QByteArray() << QString("before the @");
        QTest::newRow("nothing after @")
            << "email" << QByteArray("ann@") << QByteArray() << QString("nothing after the @");
        QTest::newRow("domain without dot")
            << "email" << QByteArray("ann@localhost") << QByteArray()
            << QString("the domain “localhost” has no dot");
        QTest::newRow("domain ending in dot")
            << "email" << QByteArray("ann@example.") << QByteArray() << QString("misplaced dot");
        QTest::newRow("inner space") << "email" << QByteArray("ann berg@example.se") << QByteArray()
                                     << QString("contains a space");
        QTest::newRow("inner no-break space")
            << "email" << QByteArray("ann\xC2\xA0") + "berg@example.se" << QByteArray()
            << QString("contains a space");
        QTest::newRow("already hashed")
            << "email"
            << QByteArray("973dfe463ec85785f5f95af5ba3906eedb2d931c24e69824a89ea65dba4e813b")
            << QByteArray() << QString("already a SHA-256 hash");

        QTest::newRow("gmail: googlemail keeps its domain")
            << "email_gmail" << QByteArray("J.O.E@GoogleMail.com")
            << QByteArray("joe@googlemail.com") << QString();
        QTest::newRow("gmail: other domains keep dots")
            << "email_gmail" << QByteArray("jane.doe@example.com")
            << QByteArray("jane.doe@example.com") << QString();
        QTest::newRow("gmail: lookalike domain keeps dots")
            << "email_gmail" << QByteArray("jane.doe@notgmail.com")
            << QByteArray("jane.doe@notgmail.com") << QString();
        QTest::newRow("gmail: dots only") << "email_gmail" << QByteArray("..@gmail.com")
                                          << QByteArray() << QString("nothing but dots");
        QTest::newRow("gmail: still validates") << "email_gmail" << QByteArray("jane doe@gmail.com")
                                                << QByteArray() << QString("contains a space");
    }

    void email()
    {
        QFETCH(QString, chain);
        QFETCH(QByteArray, input);
        QFETCH(QByteArray, expected);
        QFETCH(QString, problem);

        const Outcome outcome = run(chain, input);
        if (problem.isEmpty()) {
            QVERIFY2(outcome.ok, qPrintable(outcome.problem));
            QCOMPARE(outcome.value, expected);
        } else {
            QVERIFY2(!outcome.ok, outcome.value.constData());
            QVERIFY2(outcome.problem.contains(problem), qPrintable(outcome.problem));
        }
    }

    void phone_data()
    {
        QTest::addColumn<QString>("chain");
        QTest::addColumn<QString>("region");
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<QByteArray>("expected");
        QTest::addColumn<QString>("problem");

        QTest::newRow("SE national")
            << "phone_e164"
            << "SE" << QByteArray("070-123 45 67") << QByteArray("+46701234567") << QString();
        QTest::newRow("SE region lower case")
            << "phone_e164"
            << "se" << QByteArray("070-123 45 67") << QByteArray("+46701234567") << QString();
        QTest::newRow("SE international prefix")
            << "phone_e164"
            << "SE" << QByteArray("0046 70 123 45 67") << QByteArray("+46701234567") << QString();
        QTest::newRow("US national")
            << "phone_e164"
            << "US" << QByteArray("(212) 565-0000") << QByteArray("+12125650000") << QString();
        QTest::newRow("foreign number keeps its country")
            << "phone_e164"
            << "SE" << QByteArray("+1 (212) 565-0000") << QByteArray("+12125650000") << QString();
        QTest::newRow("compact E.164 (fast path)")
            << "phone_e164"
            << "SE" << QByteArray("+46701234567") << QByteArray("+46701234567") << QString();
        QTest::newRow("Italy keeps its leading zero")
            << "phone_e164"
            << "IT" << QByteArray("06 6982 1234") << QByteArray("+390669821234") << QString();
        QTest::newRow("Italy compact")
            << "phone_e164"
            << "" << QByteArray("+390669821234") << QByteArray("+390669821234") << QString();
        QTest::newRow("Meta digits")
            << "phone_digits"
            << "SE" << QByteArray("070-123 45 67") << QByteArray("46701234567") << QString();
        QTest::newRow("Meta digits, compact")
            << "phone_digits"
            << "" << QByteArray("+46701234567") << QByteArray("46701234567") << QString();
        QTest::newRow("blank") << "phone_e164"
                               << "SE" << QByteArray(" ") << QByteArray() << QString();

        QTest::newRow("invalid for region")
            << "phone_e164"
            << "SE" << QByteArray("12345") << QByteArray()
            << QString("“12345” is not a valid number for region SE.");
        QTest::newRow("invalid for its country code")
            << "phone_e164"
            << "SE" << QByteArray("+1 212 111 0000") << QByteArray()
            << QString("“+1 212 111 0000” is not a valid number for country code +1.");
        QTest::newRow("no region, no country code")
            << "phone_e164"
            << "" << QByteArray("070-123 45 67") << QByteArray()
            << QString("has no country code and the share has no default region");
        QTest::newRow("unknown country code")
            << "phone_e164"
            << "SE" << QByteArray("+999 123 456 789") << QByteArray()
            << QString("does not start with a known country code");
        QTest::newRow("not a number")
            << "phone_e164"
            << "SE" << QByteArray("n/a") << QByteArray() << QString("“n/a” is not a phone number.");
        QTest::newRow("too long") << "phone_e164"
                                  << "SE" << QByteArray("+46 70 123 45 67 89 01 23 45 67 89")
                                  << QByteArray() << QString("too long");
        QTest::newRow("already hashed")
            << "phone_digits"
            << "SE"
            << QByteArray("4602031721d76ab01f4959d86fda7263b6fbbcb7457b7383de726a3b9137fc9d")
            << QByteArray() << QString("already a SHA-256 hash");
    }

    void phone()
    {
        QFETCH(QString, chain);
        QFETCH(QString, region);
        QFETCH(QByteArray, input);
        QFETCH(QByteArray, expected);
        QFETCH(QString, problem);

        const Outcome outcome = run(chain, input, region);
        if (problem.isEmpty()) {
            QVERIFY2(outcome.ok, qPrintable(outcome.problem));
            QCOMPARE(outcome.value, expected);
        } else {
            QVERIFY2(!outcome.ok, outcome.value.constData());
            QVERIFY2(outcome.problem.contains(problem), qPrintable(outcome.problem));
        }
    }

    void phoneRegions()
    {
        QVERIFY(PhoneNormaliser::isKnownRegion(u"SE"));
        QVERIFY(PhoneNormaliser::isKnownRegion(u"us"));
        QVERIFY(!PhoneNormaliser::isKnownRegion(u"XX"));
        QVERIFY(!PhoneNormaliser::isKnownRegion(u"SWE"));
        QVERIFY(!PhoneNormaliser::isKnownRegion(u""));
        QCOMPARE(PhoneNormaliser(u"se").defaultRegion(), QStringLiteral("SE"));
        QCOMPARE(PhoneNormaliser().defaultRegion(), QString());
    }

    // The E.164 fast path only skips Parse(): on random numbers, valid and not, compact and
    // not, it must accept, reject and format exactly as the slow path does.
    void phoneFastPathChangesNothing()
    {
        PhoneNormaliser fast(u"SE");
        PhoneNormaliser slow(u"SE");
        slow.setFastPathEnabled(false);
        QRandomGenerator random(20240611);
        const char *const prefixes[] = {"+46",  "+4670", "+1", "+1212", "+39",  "+3906", "+44",
                                        "+447", "+49",   "+7", "+78",   "+358", "+800",  "+4607"};
        int accepted = 0;
        for (int i = 0; i < 4000; ++i) {
            QByteArray number = prefixes[random.bounded(int(std::size(prefixes)))];
            const int digits = random.bounded(2, 12);
            for (int d = 0; d < digits; ++d)
                number.append(char('0' + random.bounded(10)));
            std::string a, b;
            QString problemA, problemB;
            const auto viaFast =
                fast.normalise(number, a, PhoneNormaliser::Format::E164, &problemA);
            const auto viaSlow =
                slow.normalise(number, b, PhoneNormaliser::Format::E164, &problemB);
            QVERIFY2(viaFast.has_value() == viaSlow.has_value(), number.constData());
            if (viaFast) {
                QCOMPARE(viaFast->toByteArray(), viaSlow->toByteArray());
                ++accepted;
            } else {
                QCOMPARE(problemA, problemB);
            }
        }
        QVERIFY2(accepted > 400, qPrintable(QString::number(accepted))); // both kinds covered
        QVERIFY(accepted < 3600);
    }

    void phoneWorkspaceCopies()
    {
        TransformWorkspace workspace(u"SE");
        TransformWorkspace copy = workspace;
        std::string scratch;
        QString problem;
        const auto value =
            copy.phone.normalise("070-123 45 67", scratch, PhoneNormaliser::Format::E164, &problem);
        QVERIFY2(value, qPrintable(problem));
        QCOMPARE(value->toByteArray(), QByteArray("+46701234567"));
    }

    void date_data()
    {
        QTest::addColumn<QString>("spec");
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<QByteArray>("expected");
        QTest::addColumn<QString>("problem");

        QTest::newRow("dd/MM/yyyy to ISO")
            << "date(dd/MM/yyyy>yyyy-MM-dd)" << QByteArray("23/11/1987") << QByteArray("1987-11-23")
            << QString();
        QTest::newRow("ISO is the default output")
            << "date(dd/MM/yyyy)" << QByteArray(" 01/02/2000 ") << QByteArray("2000-02-01")
            << QString();
        QTest::newRow("US order") << "date(MM/dd/yyyy>yyyy-MM-dd)" << QByteArray("02/29/2024")
                                  << QByteArray("2024-02-29") << QString();
        QTest::newRow("Meta DOBY") << "date(yyyy-MM-dd>yyyy)" << QByteArray("1987-11-23")
                                   << QByteArray("1987") << QString();
        QTest::newRow("Meta DOBM")
            << "date(yyyy-MM-dd>MM)" << QByteArray("1987-03-23") << QByteArray("03") << QString();
        QTest::newRow("no leading zeros out")
            << "date(yyyy-MM-dd>d.M.yyyy)" << QByteArray("1987-03-05") << QByteArray("5.3.1987")
            << QString();
        QTest::newRow("month names (Qt path)")
            << "date(d MMM yyyy>yyyy-MM-dd)" << QByteArray("3 Mar 1985") << QByteArray("1985-03-03")
            << QString();
        QTest::newRow("no separators") << "date(ddMMyyyy>yyyy-MM-dd)" << QByteArray("01022000")
                                       << QByteArray("2000-02-01") << QString();
        QTest::newRow("single-digit input (Qt path)")
            << "date(d/M/yyyy>yyyy-MM-dd)" << QByteArray("1/2/2000") << QByteArray("2000-02-01")
            << QString();
        QTest::newRow("quoted literal out")
            << "date(yyyy-MM-dd>'year' yyyy)" << QByteArray("1999-12-31") << QByteArray("year 1999")
            << QString();
        QTest::newRow("early year (Qt writes it)")
            << "date(yyyy-MM-dd>dd/MM/yyyy)" << QByteArray("0999-01-02") << QByteArray("02/01/0999")
            << QString();
        QTest::newRow("blank") << "date(dd/MM/yyyy)" << QByteArray("  ") << QByteArray()
                               << QString();

        QTest::newRow("31 February")
            << "date(dd/MM/yyyy)" << QByteArray("31/02/2000") << QByteArray()
            << QString("“31/02/2000” is not a date in the form dd/MM/yyyy.");
        QTest::newRow("wrong order") << "date(dd/MM/yyyy)" << QByteArray("2000-02-01")
                                     << QByteArray() << QString("not a date in the form");
        QTest::newRow("missing zero") << "date(dd/MM/yyyy)" << QByteArray("1/2/2000")
                                      << QByteArray() << QString("not a date in the form");
        QTest::newRow("trailing text") << "date(dd/MM/yyyy)" << QByteArray("01/02/2000x")
                                       << QByteArray() << QString("not a date in the form");
        QTest::newRow("words") << "date(dd/MM/yyyy)" << QByteArray("unknown") << QByteArray()
                               << QString("“unknown” is not a date");
    }

    void date()
    {
        QFETCH(QString, spec);
        QFETCH(QByteArray, input);
        QFETCH(QByteArray, expected);
        QFETCH(QString, problem);

        const Outcome outcome = run(spec, input);
        if (problem.isEmpty()) {
            QVERIFY2(outcome.ok, qPrintable(outcome.problem));
            QCOMPARE(outcome.value, expected);
        } else {
            QVERIFY2(!outcome.ok, outcome.value.constData());
            QVERIFY2(outcome.problem.contains(problem), qPrintable(outcome.problem));
        }
    }

    // The byte-level reader and writer are an optimisation: same results as QDate's.
    void dateFastPathChangesNothing()
    {
        const QList<QPair<QString, QString>> patterns{{"dd/MM/yyyy", "yyyy-MM-dd"},
                                                      {"yyyy-MM-dd", "d.M.yyyy"},
                                                      {"MM/dd/yyyy", "yyyyMMdd"},
                                                      {"ddMMyyyy", "dd/MM/yyyy"}};
        QRandomGenerator random(7);
        for (const auto &[from, to] : patterns) {
            auto fast = DateReformat::create(from, to);
            QVERIFY(fast);
            QVERIFY(fast->hasFastPath());
            DateReformat slow = *fast;
            slow.setFastPathEnabled(false);
            for (int i = 0; i < 3000; ++i) {
                // Mostly real dates, some impossible ones, some garbage.
                QByteArray text;
                if (i % 10 == 9) {
                    text = QByteArray::number(random.generate()).left(random.bounded(1, 11));
                } else {
                    const QDate date(random.bounded(1000, 2100), random.bounded(1, 13),
                                     random.bounded(1, 32));
                    text = (date.isValid() ? date : QDate(2001, 2, 3)).toString(from).toUtf8();
                    if (i % 10 == 8)
                        text.replace(0, 2, "31");
                }
                std::string a, b;
                QString problemA, problemB;
                const auto viaFast = fast->apply(text, a, &problemA);
                const auto viaSlow = slow.apply(text, b, &problemB);
                QVERIFY2(viaFast.has_value() == viaSlow.has_value(), text.constData());
                if (viaFast)
                    QCOMPARE(viaFast->toByteArray(), viaSlow->toByteArray());
                else
                    QCOMPARE(problemA, problemB);
            }
        }
        QVERIFY(!DateReformat::create("d MMM yyyy", "yyyy-MM-dd")->hasFastPath());
    }

    void datePatternsChecked_data()
    {
        QTest::addColumn<QString>("spec");
        QTest::addColumn<QString>("problem");
        QTest::newRow("no patterns") << "date"
                                     << "needs the pattern";
        QTest::newRow("empty") << "date()"
                               << "needs the pattern";
        QTest::newRow("time fields") << "date(dd/MM/yyyy HH:mm)"
                                     << "time fields";
        QTest::newRow("no date fields") << "date(xx>yyyy)"
                                        << "no day, month or year";
        QTest::newRow("two arrows") << "date(a>b>c)"
                                    << "one \">\"";
    }

    void datePatternsChecked()
    {
        QFETCH(QString, spec);
        QFETCH(QString, problem);
        QString error;
        QVERIFY(!Transform::fromSpec(spec, &error));
        QVERIFY2(error.contains(problem), qPrintable(error));
    }

    void valueMap()
    {
        const QString gender = QStringLiteral("map(Female=f,Male=m)");
        QCOMPARE(run(gender, "Female").value, QByteArray("f"));
        QCOMPARE(run(gender, " Male ").value, QByteArray("m"));    // matched trimmed
        QCOMPARE(run(gender, "male").value, QByteArray("male"));   // case matters
        QCOMPARE(run(gender, "Other").value, QByteArray("Other")); // unlisted: kept as is
        QCOMPARE(run(gender, " x ").value, QByteArray(" x "));
        QCOMPARE(run(gender, "").value, QByteArray());

        const QString anyCase = QStringLiteral("map_i(Female=f,MALE=m,Ö=o)");
        QCOMPARE(run(anyCase, "FEMALE").value, QByteArray("f"));
        QCOMPARE(run(anyCase, "male").value, QByteArray("m"));
        QCOMPARE(run(anyCase, "ö").value, QByteArray("o"));
        QCOMPARE(run(anyCase, "Other").value, QByteArray("Other"));

        // Chained: the replacement feeds the next transform.
        QCOMPARE(run(QStringLiteral("map(Kvinna=F),lowercase"), "Kvinna").value, QByteArray("f"));

        const Transform map = Transform::valueMap({{"a", "1"}, {"b", "2"}}, true);
        QCOMPARE(map.parameters().values.size(), 2);
        QVERIFY(map.parameters().ignoreCase);
        QString error;
        QVERIFY(!Transform::valueMap({{"Yes", "1"}, {"YES", "2"}}, true).isValid(&error));
        QVERIFY2(error.contains(QStringLiteral("more than once")), qPrintable(error));
        QVERIFY(Transform::valueMap({{"Yes", "1"}, {"YES", "2"}}, false).isValid());
        QVERIFY(!Transform::valueMap({}).isValid(&error));
        QVERIFY(error.contains(QStringLiteral("at least one")));
    }

    void defaultValue()
    {
        QCOMPARE(run(QStringLiteral("default(SE)"), "").value, QByteArray("SE"));
        QCOMPARE(run(QStringLiteral("default(SE)"), " \t").value, QByteArray("SE"));
        QCOMPARE(run(QStringLiteral("default(SE)"), "NO").value, QByteArray("NO"));
        QCOMPARE(run(QStringLiteral("trim,default(n/a \\(none\\))"), " ").value,
                 QByteArray("n/a (none)"));
        // Then normalised like any value: a default phone number goes through E.164.
        QCOMPARE(run(QStringLiteral("default(070-123 45 67),phone_e164"), "", "SE").value,
                 QByteArray("+46701234567"));
        QString error;
        QVERIFY(!Transform::fromSpec(u"default()", &error));
        QVERIFY(error.contains(QStringLiteral("needs the value")));
    }

    void chainAlternatesBuffers()
    {
        // Each step writes to the buffer its input is not in; a wrong alternation would give
        // garbage here.
        const Outcome outcome = run(QStringLiteral("trim,uppercase,lowercase,uppercase,lowercase,"
                                                   "email,email_gmail,sha256"),
                                    "  Jane.Doe+promo@gmail.com ");
        QVERIFY2(outcome.ok, qPrintable(outcome.problem));
        QCOMPARE(outcome.value,
                 QByteArray("3a627126a4392d8cec5f5d4eaa26639d3cfe852ebf1f1b49c3ffa61667798637"));
    }

    void names()
    {
        QCOMPARE(Transform::names(),
                 QStringList({"trim", "lowercase", "uppercase", "email", "email_gmail",
                              "phone_e164", "phone_digits", "sha256", "date", "map", "default"}));
        for (const QString &name : Transform::names()) {
            const auto transform = Transform::fromName(name);
            QVERIFY(transform);
            QCOMPARE(transform->name(), name);
            QVERIFY(!transform->displayName().isEmpty());
            QCOMPARE(transform->producesHash(), name == QStringLiteral("sha256"));
            QCOMPARE(transform->takesParameters(),
                     name == "date" || name == "map" || name == "default");
            // Parametrised kinds made from a bare name are not usable until given parameters.
            QCOMPARE(transform->isValid(), !transform->takesParameters());
        }
        QVERIFY(!Transform::fromName(u"sha1"));
        QVERIFY(Transform::fromName(u"PHONE_E164"));
    }

    void specForms_data()
    {
        QTest::addColumn<QString>("spec");
        QTest::addColumn<QString>("canonical"); // what toSpec writes back

        QTest::newRow("names") << "email, sha256"
                               << "email,sha256";
        QTest::newRow("date") << "date( dd/MM/yyyy > yyyy-MM-dd )"
                              << "date(dd/MM/yyyy>yyyy-MM-dd)";
        QTest::newRow("date default output") << "date(dd/MM/yyyy)"
                                             << "date(dd/MM/yyyy>yyyy-MM-dd)";
        QTest::newRow("date with comma") << "trim,date(MMM d\\, yyyy>yyyy),sha256"
                                         << "trim,date(MMM d\\, yyyy>yyyy),sha256";
        QTest::newRow("date with unescaped comma inside parentheses") << "date(MMM d, yyyy>yyyy)"
                                                                      << "date(MMM d\\, yyyy>yyyy)";
        QTest::newRow("map") << "map(Male=m, Female=f)"
                             << "map(Female=f,Male=m)";
        QTest::newRow("map ignoring case") << "MAP_I(a=1)"
                                           << "map_i(a=1)";
        QTest::newRow("map escapes") << "map(a\\=b=c\\,d,x\\)=y)"
                                     << "map(a\\=b=c\\,d,x\\)=y)";
        QTest::newRow("default") << "trim,default(SE)"
                                 << "trim,default(SE)";
        QTest::newRow("empty") << ""
                               << "";
    }

    void specForms()
    {
        QFETCH(QString, spec);
        QFETCH(QString, canonical);
        QString error;
        const auto transforms = Transform::listFromSpec(spec, &error);
        QVERIFY2(transforms, qPrintable(error));
        QCOMPARE(Transform::listToSpec(*transforms), canonical);
        const auto again = Transform::listFromSpec(canonical, &error);
        QVERIFY2(again, qPrintable(error));
        QCOMPARE(*again, *transforms);
    }

    void specParameters()
    {
        const auto map = Transform::fromSpec(u"map(a\\=b=c\\,d,x\\)=y)");
        QVERIFY(map);
        QCOMPARE(map->parameters().values, (QMap<QString, QString>{{"a=b", "c,d"}, {"x)", "y"}}));
        const auto date = Transform::fromSpec(u"date(dd/MM/yyyy>yyyy)");
        QVERIFY(date);
        QCOMPARE(date->kind(), TransformKind::DateFormat);
        QCOMPARE(date->parameters().from, QStringLiteral("dd/MM/yyyy"));
        QCOMPARE(date->parameters().to, QStringLiteral("yyyy"));
        QCOMPARE(*date, Transform::date(QStringLiteral("dd/MM/yyyy"), QStringLiteral("yyyy")));
        QVERIFY(!(*date == Transform::date(QStringLiteral("dd/MM/yyyy"))));
    }

    void specErrors_data()
    {
        QTest::addColumn<QString>("spec");
        QTest::addColumn<QString>("problem");
        QTest::newRow("unknown") << "email,sha1"
                                 << "Unknown transform \"sha1\"";
        QTest::newRow("parameters on a plain transform") << "trim(x)"
                                                         << "takes no parameters";
        QTest::newRow("unclosed") << "date(dd/MM/yyyy"
                                  << "no closing parenthesis";
        QTest::newRow("map entry without =") << "map(a=b,c)"
                                             << "VALUE=REPLACEMENT";
        QTest::newRow("map twice") << "map(a=1,a=2)"
                                   << "more than once";
        QTest::newRow("map without entries") << "map"
                                             << "at least one";
    }

    void specErrors()
    {
        QFETCH(QString, spec);
        QFETCH(QString, problem);
        QString error;
        QVERIFY(!Transform::listFromSpec(spec, &error));
        QVERIFY2(error.contains(problem), qPrintable(error));
    }

    void json()
    {
        const QList<Transform> transforms{
            Transform(TransformKind::Email),
            Transform(TransformKind::PhoneDigits),
            Transform::date(QStringLiteral("dd/MM/yyyy"), QStringLiteral("yyyy")),
            Transform::valueMap({{"Female", "f"}, {"Male", "m"}}, true),
            Transform::valueMap({{"Ja", "1"}}),
            Transform::defaultValue(QStringLiteral("SE")),
        };
        QJsonArray array;
        for (const Transform &t : transforms)
            array.append(t.toJson());
        QCOMPARE(array.at(0), QJsonValue(QStringLiteral("email")));
        const QJsonObject date = array.at(2).toObject();
        QCOMPARE(date.value("name").toString(), QStringLiteral("date"));
        QCOMPARE(date.value("from").toString(), QStringLiteral("dd/MM/yyyy"));
        QCOMPARE(date.value("to").toString(), QStringLiteral("yyyy"));
        QCOMPARE(array.at(3).toObject().value("values").toObject().value("Male").toString(),
                 QStringLiteral("m"));
        QVERIFY(array.at(3).toObject().value("ignoreCase").toBool());
        QVERIFY(!array.at(4).toObject().contains("ignoreCase"));
        QCOMPARE(array.at(5).toObject().value("value").toString(), QStringLiteral("SE"));

        // Through text, as saved in the store.
        const QJsonArray back = QJsonDocument::fromJson(QJsonDocument(array).toJson()).array();
        for (qsizetype i = 0; i < back.size(); ++i) {
            QString error;
            const auto transform = Transform::fromJson(back.at(i), &error);
            QVERIFY2(transform, qPrintable(error));
            QCOMPARE(*transform, transforms.at(i));
        }

        // The object form also takes parameterless transforms; "to" defaults to ISO.
        QCOMPARE(*Transform::fromJson(QJsonObject{{"name", "sha256"}}),
                 Transform(TransformKind::Sha256));
        QCOMPARE(*Transform::fromJson(QJsonObject{{"name", "date"}, {"from", "dd.MM.yyyy"}}),
                 Transform::date(QStringLiteral("dd.MM.yyyy"), QStringLiteral("yyyy-MM-dd")));

        QString error;
        QVERIFY(!Transform::fromJson(QJsonValue(QStringLiteral("date")), &error));
        QVERIFY2(error.contains(QStringLiteral("needs the pattern")), qPrintable(error));
        QVERIFY(!Transform::fromJson(QJsonObject{{"name", "rot13"}}, &error));
        QVERIFY(error.contains(QStringLiteral("rot13")));
        QVERIFY(!Transform::fromJson(QJsonValue(42), &error));
        QVERIFY(!Transform::fromJson(QJsonObject{{"name", "date"}, {"from", "dd/MM/yyyy hh:mm"}},
                                     &error));
        QVERIFY(error.contains(QStringLiteral("time fields")));
    }

    void legacyApply()
    {
        // The two-argument apply() still serves one-off values, empty where a value fails.
        std::string scratch;
        QCOMPARE(Transform(TransformKind::Email).apply(" A@B.SE ", scratch).toByteArray(),
                 QByteArray("a@b.se"));
        QCOMPARE(Transform(TransformKind::Email).apply("nope", scratch).toByteArray(),
                 QByteArray());
        QCOMPARE(Transform(TransformKind::PhoneE164).apply("+46701234567", scratch).toByteArray(),
                 QByteArray("+46701234567"));
    }
};

QTEST_GUILESS_MAIN(TestTransforms)
#include "tst_transforms.moc"
