#include "connectors/csv/CsvWriter.h"
#include "connectors/csv/FormulaGuard.h"

#include <QtTest>

using namespace courier;

namespace {

QByteArray readAll(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return "<missing>";
    return file.readAll();
}

RowBatch batchOf(const QList<QList<QByteArray>> &rows)
{
    RowBatch batch(static_cast<int>(rows.value(0).size()));
    for (const auto &row : rows)
        batch.appendRow(row, 0);
    return batch;
}

} // namespace

class TestCsvWriter : public QObject
{
    Q_OBJECT

private slots:
    void quotesOnlyWhatNeedsIt()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath("out.csv");
        CsvWriter writer(path);
        QVERIFY(writer.open({"name", "note"}));
        QVERIFY(writer.write(batchOf({{"plain", "a,b"},
                                      {"say \"hi\"", "line1\nline2"},
                                      {"", "cr\rhere"},
                                      {"åäö 😀", "semi;colon"}})));
        QVERIFY(writer.commit());
        QCOMPARE(readAll(path), QByteArray("name,note\r\n"
                                           "plain,\"a,b\"\r\n"
                                           "\"say \"\"hi\"\"\",\"line1\nline2\"\r\n"
                                           ",\"cr\rhere\"\r\n"
                                           "åäö 😀,semi;colon\r\n"));
    }

    void otherDelimiterAndBom()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath("out.csv");
        CsvWriterOptions options;
        options.delimiter = ';';
        options.writeBom = true;
        CsvWriter writer(path, options);
        QVERIFY(writer.open({"a", "b"}));
        QVERIFY(writer.write(batchOf({{"1,5", "x;y"}})));
        QVERIFY(writer.commit());
        QCOMPARE(readAll(path), QByteArray("\xEF\xBB\xBF"
                                           "a;b\r\n1,5;\"x;y\"\r\n"));
    }

    void formulaGuard_data()
    {
        QTest::addColumn<QByteArray>("cell");
        QTest::addColumn<bool>("guarded");

        QTest::newRow("equals") << QByteArray("=HYPERLINK(\"http://x\")") << true;
        QTest::newRow("at") << QByteArray("@SUM(A1)") << true;
        QTest::newRow("plus formula") << QByteArray("+cmd|' /C calc'!A0") << true;
        QTest::newRow("minus formula") << QByteArray("-2+3+cmd|'/c calc'!A1") << true;
        QTest::newRow("tab") << QByteArray("\t=1") << true;
        QTest::newRow("carriage return") << QByteArray("\r=1") << true;
        QTest::newRow("phone E.164") << QByteArray("+46701234567") << false;
        QTest::newRow("phone formatted") << QByteArray("+1 (212) 565-0000") << false;
        QTest::newRow("negative amount") << QByteArray("-12.50") << false;
        QTest::newRow("lone minus") << QByteArray("-") << true;
        QTest::newRow("plain text") << QByteArray("hello=world") << false;
        QTest::newRow("email") << QByteArray("a@b.se") << false;
        QTest::newRow("empty") << QByteArray() << false;
    }

    void formulaGuard()
    {
        QFETCH(QByteArray, cell);
        QFETCH(bool, guarded);
        QCOMPARE(csv::needsFormulaGuard(cell), guarded);
    }

    void formulaGuardInFile()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath("out.csv");
        CsvWriter writer(path);
        QVERIFY(writer.open({"v"}));
        QVERIFY(writer.write(batchOf({{"=1+1"}, {"=A1,B1"}, {"+46701234567"}, {"@x"}})));
        QVERIFY(writer.commit());
        QCOMPARE(readAll(path), QByteArray("v\r\n'=1+1\r\n\"'=A1,B1\"\r\n+46701234567\r\n'@x\r\n"));

        CsvWriterOptions off;
        off.formulaGuard = false;
        CsvWriter unguarded(path, off);
        QVERIFY(unguarded.open({"v"}));
        QVERIFY(unguarded.write(batchOf({{"=1+1"}})));
        QVERIFY(unguarded.commit());
        QCOMPARE(readAll(path), QByteArray("v\r\n=1+1\r\n"));
    }

    void anEmptyOnlyFieldStaysARecord()
    {
        // A one-column row with an empty value must not become a blank line: readers skip
        // those, and row counts would no longer match.
        QTemporaryDir dir;
        const QString path = dir.filePath("out.csv");
        CsvWriter writer(path);
        QVERIFY(writer.open({"phone"}));
        QVERIFY(writer.write(batchOf({{"+46701234567"}, {""}, {"+4670"}})));
        QVERIFY(writer.writeRow({QByteArray()}));
        QVERIFY(writer.commit());
        QCOMPARE(readAll(path), QByteArray("phone\r\n+46701234567\r\n\"\"\r\n+4670\r\n\"\"\r\n"));
    }

    void cancelLeavesNothing()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath("out.csv");
        CsvWriter writer(path);
        QVERIFY(writer.open({"a"}));
        // Past the flush threshold, so bytes really reached the temporary file.
        RowBatch big(1);
        for (int i = 0; i < 200000; ++i)
            big.appendRow(QList<QByteArray>{QByteArray("member-") + QByteArray::number(i)}, 0);
        QVERIFY(writer.write(big));
        QVERIFY(writer.bytesWritten() > 0);
        writer.cancel();
        QVERIFY(!writer.commit());
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden), QStringList());
    }

    void destroyedWithoutCommitLeavesNothing()
    {
        QTemporaryDir dir;
        {
            CsvWriter writer(dir.filePath("out.csv"));
            QVERIFY(writer.open({"a"}));
            QVERIFY(writer.write(batchOf({{"x"}})));
        }
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden), QStringList());
    }

    void cancelKeepsThePreviousFile()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath("out.csv");
        {
            QFile previous(path);
            QVERIFY(previous.open(QIODevice::WriteOnly));
            previous.write("old export\n");
        }
        CsvWriter writer(path);
        QVERIFY(writer.open({"a"}));
        QVERIFY(writer.write(batchOf({{"new"}})));
        writer.cancel();
        QCOMPARE(readAll(path), QByteArray("old export\n"));
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden), QStringList({"out.csv"}));
    }

    void unwritableFolderIsAClearError()
    {
        CsvWriter writer(QStringLiteral("/nonexistent-folder/out.csv"));
        QVERIFY(!writer.open({"a"}));
        QVERIFY2(writer.errorString().contains(QStringLiteral("/nonexistent-folder/out.csv")),
                 qPrintable(writer.errorString()));
    }

    void raggedRowsForTheRejectedFile()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath("rejected.csv");
        CsvWriter writer(path);
        QVERIFY(writer.open({"line", "reason", "a", "b"}));
        QVERIFY(writer.writeRow({"3", "expected 2 fields, found 1", "x"}));
        QVERIFY(writer.writeRow({"4", "bad", "=evil", "y", "z"}));
        QVERIFY(writer.commit());
        QCOMPARE(readAll(path),
                 QByteArray("line,reason,a,b\r\n3,\"expected 2 fields, found 1\",x\r\n"
                            "4,bad,'=evil,y,z\r\n"));
    }
};

QTEST_GUILESS_MAIN(TestCsvWriter)
#include "tst_csvwriter.moc"
