#include "store/Database.h"
#include "store/RunRepository.h"

#include <QtTest>

using namespace courier;

namespace {

struct Outcome
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

void writeFile(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(bytes);
}

QByteArray readAll(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray("<missing>");
}

} // namespace

class TestCli : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    Outcome run(const QStringList &arguments, const QString &program = COURIER_EXECUTABLE)
    {
        QProcess process;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert("AUDIENCE_COURIER_PROFILE", m_dir.filePath("profile"));
        env.remove("DISPLAY"); // headless commands must not need one
        env.remove("WAYLAND_DISPLAY");
        env.insert("QT_QPA_PLATFORM", "minimal-not-available"); // a GUI start would fail loudly
        process.setProcessEnvironment(env);
        process.start(program, arguments);
        if (!process.waitForFinished(60000))
            return {};
        return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
                process.readAllStandardOutput(), process.readAllStandardError()};
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        writeFile(m_dir.filePath("audience.csv"), "E-mail,City\n"
                                                  "Ann@Example.com,Malmö\n"
                                                  ",Lund\n"
                                                  "bo@example.se,=1+2\n");
    }

    void exportsAndPrintsASummary()
    {
        const QString out = m_dir.filePath("out.csv");
        const Outcome result =
            run({"export-csv", "--in", m_dir.filePath("audience.csv"), "--out", out, "--map",
                 "email=E-mail:trim,lowercase", "--map", "city=City", "--identifier", "email"});
        QCOMPARE(result.exitCode, 0);
        QVERIFY2(result.err.isEmpty(), result.err.constData());
        const QRegularExpression summary(
            R"(^read 3 rows, wrote 2, rejected 1 in \d+\.\d\d s \(\d+ rows/s\); rejected rows: .*out\.rejected\.csv\n$)");
        QVERIFY2(summary.match(QString::fromUtf8(result.out)).hasMatch(), result.out.constData());
        QCOMPARE(readAll(out),
                 QByteArray("email,city\r\nann@example.com,Malmö\r\nbo@example.se,'=1+2\r\n"));
        QVERIFY(readAll(m_dir.filePath("out.rejected.csv")).contains("\r\n3,"));

        // The run is in the profile's cache for the Activity view.
        QString error;
        auto database = Database::open(m_dir.filePath("profile/courier.sqlite"), &error);
        QVERIFY2(database, qPrintable(error));
        const QList<Run> runs = RunRepository(*database).recent(10);
        QVERIFY(!runs.isEmpty());
        QCOMPARE(runs.first().state, RunState::Succeeded);
        QCOMPARE(runs.first().rowsWritten, 2);
    }

    void formulaGuardCanBeTurnedOff()
    {
        const QString out = m_dir.filePath("unguarded.csv");
        const Outcome result = run({"export-csv", "-i", m_dir.filePath("audience.csv"), "-o", out,
                                    "--no-formula-guard", "--delimiter", "tab"});
        QCOMPARE(result.exitCode, 0);
        QVERIFY(readAll(out).contains("\tLund\r\nbo@example.se\t=1+2\r\n"));
    }

    void helpAndVersion()
    {
        Outcome result = run({"--help"});
        QCOMPARE(result.exitCode, 0);
        QVERIFY2(result.out.contains("export-csv"), result.out.constData());
        result = run({"export-csv", "--help"});
        QCOMPARE(result.exitCode, 0);
        QVERIFY(result.out.contains("--map"));
        QVERIFY(result.out.contains("--no-formula-guard"));
        result = run({"--version"});
        QCOMPARE(result.exitCode, 0);
        QVERIFY2(result.out.contains(COURIER_VERSION), result.out.constData());
    }

    void usageErrorsExitWithTwo_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QByteArray>("mentions");
        QTest::newRow("no --out") << QStringList{"export-csv", "--in", "x.csv"}
                                  << QByteArray("--out");
        QTest::newRow("unknown command") << QStringList{"exprot-csv"} << QByteArray("exprot-csv");
        QTest::newRow("unknown option")
            << QStringList{"export-csv", "--frobnicate"} << QByteArray("frobnicate");
        QTest::newRow("bad transform")
            << QStringList{"export-csv", "--in", "a", "--out", "b", "--map", "e=E:lowercse"}
            << QByteArray("lowercse");
        QTest::newRow("bad delimiter")
            << QStringList{"export-csv", "--in", "a", "--out", "b", "--delimiter", "::"}
            << QByteArray("::");
        QTest::newRow("identifier not mapped")
            << QStringList{"export-csv", "--in", "a", "--out", "b", "--identifier", "email"}
            << QByteArray("email");
    }

    void usageErrorsExitWithTwo()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QByteArray, mentions);
        const Outcome result = run(arguments);
        QCOMPARE(result.exitCode, 2);
        QVERIFY2(result.err.contains(mentions), result.err.constData());
    }

    void failuresExitWithOne_data()
    {
        QTest::addColumn<QString>("input");
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QStringList>("extra");
        QTest::addColumn<QByteArray>("mentions");
        QTest::newRow("missing file") << "does-not-exist.csv" << QByteArray() << QStringList()
                                      << QByteArray("does-not-exist.csv");
        QTest::newRow("not UTF-8") << "latin1.csv" << QByteArray("name\nBj\xF6rn\n")
                                   << QStringList() << QByteArray("UTF-8");
        QTest::newRow("empty file")
            << "empty.csv" << QByteArray("") << QStringList() << QByteArray("empty");
        QTest::newRow("unknown column")
            << "cols.csv" << QByteArray("a,b\n1,2\n") << QStringList{"--map", "email=Email"}
            << QByteArray("\"Email\"");
    }

    void failuresExitWithOne()
    {
        QFETCH(QString, input);
        QFETCH(QByteArray, content);
        QFETCH(QStringList, extra);
        QFETCH(QByteArray, mentions);
        if (!content.isNull())
            writeFile(m_dir.filePath(input), content);
        const QString out = m_dir.filePath("failed-" + input);
        const Outcome result =
            run(QStringList{"export-csv", "--in", m_dir.filePath(input), "--out", out} + extra);
        QCOMPARE(result.exitCode, 1);
        QVERIFY2(result.err.contains(mentions), result.err.constData());
        QVERIFY(!QFile::exists(out));
    }

    void writeFailureLeavesNoFile()
    {
        // A file-size limit makes writes fail with EFBIG part-way, as a full disk would.
        QByteArray big = "email\n";
        for (int i = 0; i < 50000; ++i)
            big += "member" + QByteArray::number(i) + "@example.com\n";
        writeFile(m_dir.filePath("big.csv"), big);
        const QString outDir = m_dir.filePath("limited");
        QVERIFY(QDir().mkpath(outDir));
        const QString out = outDir + "/out.csv";
        const Outcome result =
            run({"-c", "trap '' XFSZ; exec prlimit --fsize=262144 \"$0\" \"$@\"",
                 COURIER_EXECUTABLE, "export-csv", "--in", m_dir.filePath("big.csv"), "--out", out},
                "/bin/sh");
        QCOMPARE(result.exitCode, 1);
        QVERIFY2(result.err.contains("out.csv") && result.err.contains("too large"),
                 result.err.constData());
        QCOMPARE(QDir(outDir).entryList(QDir::Files | QDir::Hidden), QStringList());
    }
};

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
