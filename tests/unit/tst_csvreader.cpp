#include "connectors/csv/CsvDialect.h"
#include "connectors/csv/CsvReader.h"
#include "connectors/csv/CsvRecordCount.h"
#include "connectors/csv/Utf8.h"

#include <QBuffer>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

using namespace courier;
using namespace Qt::StringLiterals;

namespace {

// What a reader produced, flattened so one QCOMPARE shows the whole difference.
struct Result
{
    bool opened = false;
    QStringList columns;
    QStringList rows;    // "line:cell|cell"
    QStringList rejects; // "line:reason"
    QList<QList<QByteArray>> rejectedFields;
    QList<int> batchSizes;
    QList<bool> readResults;
    QString error;
    char delimiter = 0;
    bool hadBom = false;
};

QString dumpRow(const RowBatch &batch, int row)
{
    QStringList cells;
    for (int column = 0; column < batch.columnCount(); ++column)
        cells.append(QString::fromUtf8(batch.cell(row, column)));
    return QString::number(batch.sourceLine(row)) + u':' + cells.join(u'|');
}

Result parse(const QByteArray &data, CsvReaderOptions options = {}, int maxRows = 1000)
{
    auto buffer = std::make_unique<QBuffer>();
    buffer->setData(data);
    CsvReader reader(options);
    Result result;
    reader.setRejectSink([&result](RejectedRow &&row) {
        result.rejects.append(QString::number(row.line) + u':' + row.reason);
        result.rejectedFields.append(row.fields);
    });
    result.opened = reader.open(std::move(buffer));
    result.error = reader.errorString();
    result.delimiter = reader.delimiter();
    result.hadBom = reader.hadBom();
    if (!result.opened)
        return result;
    result.columns = reader.columns();
    RowBatch batch;
    bool more = true;
    while (more) {
        more = reader.read(batch, maxRows);
        result.readResults.append(more);
        result.batchSizes.append(batch.rowCount());
        if (batch.columnCount() != result.columns.size())
            qFatal("batch has %d columns instead of %d", batch.columnCount(),
                   int(result.columns.size()));
        for (int row = 0; row < batch.rowCount(); ++row)
            result.rows.append(dumpRow(batch, row));
        if (result.readResults.size() > 100000)
            qFatal("read() never returned false");
    }
    result.error = reader.errorString();
    return result;
}

const QList<qsizetype> ChunkSizes = {1, 2, 3, 5, 7, 64, CsvReaderOptions().chunkSize};

const QString TooFew = QStringLiteral("expected 3 field(s), found 2");
const QString TooMany = QStringLiteral("expected 3 field(s), found 4");
const QString QuoteInUnquoted = QStringLiteral(
    "a quote inside unquoted field %1; a field with quotes in it must be quoted, with its "
    "quotes doubled");
const QString TextAfterQuote =
    QStringLiteral("unexpected text after the closing quote of field %1");
const QString NeverClosed = QStringLiteral("a quoted field opened on line %1 is never closed");

} // namespace

class TestCsvReader : public QObject
{
    Q_OBJECT

private slots:
    void countsRecords_data();
    void countsRecords();
    void parsing_data();
    void parsing();
    void rejectedFieldsAreKeptAsRead();
    void chunkBoundaries();

    void byteOrderMark_data();
    void byteOrderMark();
    void sniffedDelimiter_data();
    void sniffedDelimiter();
    void sniffDialectPrefersConsistentCounts();
    void forcedDelimiter();

    void emptyFile_data();
    void emptyFile();
    void headerOnly_data();
    void headerOnly();
    void badHeader();

    void notUtf8_data();
    void notUtf8();
    void wideEncodingsRefused_data();
    void wideEncodingsRefused();
    void multibyteUtf8Preserved();
    void utf8ValidatorAcrossPieces();

    void batching();
    void rejectsDoNotCountTowardsMaxRows();
    void recordTooLarge_data();
    void recordTooLarge();
    void progress();
    void openByPath();
    void missingFile();
    void deviceStates();
    void manyRowsInSmallChunks();
};

void TestCsvReader::parsing_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QStringList>("rows");
    QTest::addColumn<QStringList>("rejects");

    const QStringList none;
    QTest::newRow("plain") << QByteArray("a,b,c\n1,2,3\n4,5,6\n")
                           << QStringList{u"2:1|2|3"_s, u"3:4|5|6"_s} << none;
    QTest::newRow("quoted") << QByteArray("a,b,c\n\"x\",\"y\",z\n") << QStringList{u"2:x|y|z"_s}
                            << none;
    QTest::newRow("doubled quotes") << QByteArray("a,b,c\n\"say \"\"hi\"\"\",\"\"\"\",\"\"\n")
                                    << QStringList{u"2:say \"hi\"|\"|"_s} << none;
    QTest::newRow("embedded delimiter")
        << QByteArray("a,b,c\n\"1,5\",\"x,,y\",3\n") << QStringList{u"2:1,5|x,,y|3"_s} << none;
    QTest::newRow("embedded LF moves line numbers")
        << QByteArray("a,b,c\n\"l1\nl2\n\",x,y\n1,2,3\n")
        << QStringList{u"2:l1\nl2\n|x|y"_s, u"5:1|2|3"_s} << none;
    QTest::newRow("embedded CRLF and CR")
        << QByteArray("a,b,c\r\n\"l1\r\nl2\",\"l3\rl4\",y\r\n1,2,3\r\n")
        << QStringList{u"2:l1\r\nl2|l3\rl4|y"_s, u"5:1|2|3"_s} << none;
    QTest::newRow("CRLF") << QByteArray("a,b,c\r\n1,2,3\r\n4,5,6\r\n")
                          << QStringList{u"2:1|2|3"_s, u"3:4|5|6"_s} << none;
    QTest::newRow("CR") << QByteArray("a,b,c\r1,2,3\r4,5,6\r")
                        << QStringList{u"2:1|2|3"_s, u"3:4|5|6"_s} << none;
    QTest::newRow("mixed endings") << QByteArray("a,b,c\n1,2,3\r\n4,5,6\r7,8,9")
                                   << QStringList{u"2:1|2|3"_s, u"3:4|5|6"_s, u"4:7|8|9"_s} << none;
    QTest::newRow("no trailing newline")
        << QByteArray("a,b,c\n1,2,3") << QStringList{u"2:1|2|3"_s} << none;
    QTest::newRow("empty last field at EOF")
        << QByteArray("a,b,c\n1,2,") << QStringList{u"2:1|2|"_s} << none;
    QTest::newRow("quoted last field at EOF")
        << QByteArray("a,b,c\n1,2,\"x\"\"\"") << QStringList{u"2:1|2|x\""_s} << none;
    QTest::newRow("empty fields") << QByteArray("a,b,c\n,,\n\"\",,\"\"\n")
                                  << QStringList{u"2:||"_s, u"3:||"_s} << none;
    QTest::newRow("blank lines skipped") << QByteArray("a,b,c\n\n1,2,3\n\r\n\r4,5,6\n\n\n")
                                         << QStringList{u"3:1|2|3"_s, u"6:4|5|6"_s} << none;
    QTest::newRow("spaces kept") << QByteArray(" a , b ,c\n 1 ,\" 2 \", 3\n")
                                 << QStringList{u"2: 1 | 2 | 3"_s} << none;
    QTest::newRow("ragged rows") << QByteArray("a,b,c\n1,2,3\n1,2\n1,2,3,4\n7,8,9\n")
                                 << QStringList{u"2:1|2|3"_s, u"5:7|8|9"_s}
                                 << QStringList{u"3:"_s + TooFew, u"4:"_s + TooMany};
    QTest::newRow("ragged row after multi-line field")
        << QByteArray("a,b,c\n\"x\ny\",2\n7,8,9\n") << QStringList{u"4:7|8|9"_s}
        << QStringList{u"2:"_s + TooFew};
    QTest::newRow("text after closing quote")
        << QByteArray("a,b,c\n\"ab\"c,d,e\n1,2,3\n") << QStringList{u"3:1|2|3"_s}
        << QStringList{u"2:"_s + TextAfterQuote.arg(1)};
    QTest::newRow("quote inside unquoted field")
        << QByteArray("a,b,c\nx,ab\"c,\"d\n1,2,3\n") << QStringList{u"3:1|2|3"_s}
        << QStringList{u"2:"_s + QuoteInUnquoted.arg(2)};
    QTest::newRow("bad quote after a multi-line field")
        << QByteArray("a,b,c\n\"x\ny\"z,1,2\n1,2,3\n") << QStringList{u"4:1|2|3"_s}
        << QStringList{u"2:"_s + TextAfterQuote.arg(1)};
    QTest::newRow("bad quote at EOF")
        << QByteArray("a,b,c\n1,2,3\nx,y,z\"") << QStringList{u"2:1|2|3"_s}
        << QStringList{u"3:"_s + QuoteInUnquoted.arg(3)};
    QTest::newRow("unterminated quote at EOF")
        << QByteArray("a,b,c\n1,2,3\n4,\"open,6\n7,8,9\n") << QStringList{u"2:1|2|3"_s}
        << QStringList{u"3:"_s + NeverClosed.arg(3)};
    QTest::newRow("unterminated quote opened on a later line")
        << QByteArray("a,b,c\n\"x\ny\",\"open\n") << QStringList{}
        << QStringList{u"2:"_s + NeverClosed.arg(3)};
    QTest::newRow("single column")
        << QByteArray("name\nAnna\n\nBo\n") << QStringList{u"2:Anna"_s, u"4:Bo"_s} << none;
}

void TestCsvReader::parsing()
{
    QFETCH(QByteArray, input);
    QFETCH(QStringList, rows);
    QFETCH(QStringList, rejects);

    const Result result = parse(input);
    QVERIFY2(result.opened, qPrintable(result.error));
    QCOMPARE(result.error, QString());
    QCOMPARE(result.rows, rows);
    QCOMPARE(result.rejects, rejects);
    QCOMPARE(result.readResults.last(), false);
}

void TestCsvReader::rejectedFieldsAreKeptAsRead()
{
    const Result result = parse("a,b,c\n"
                                "1,\"2\"\"\"\n"
                                "\"ab\"c,d,e\n"
                                "x,ab\"c,\"d\n"
                                "1,2,3\n"
                                "4,\"open\n");
    QCOMPARE(result.rows, QStringList{u"5:1|2|3"_s});
    QCOMPARE(result.rejectedFields.size(), 4);
    QCOMPARE(result.rejectedFields[0], (QList<QByteArray>{"1", "2\""}));
    QCOMPARE(result.rejectedFields[1], (QList<QByteArray>{"\"ab\"c", "d", "e"}));
    QCOMPARE(result.rejectedFields[2], (QList<QByteArray>{"x", "ab\"c", "\"d"}));
    QCOMPARE(result.rejectedFields[3], (QList<QByteArray>{"4", "\"open\n"}));
}

// The reader carries partial records across reads: every split point must give the same result.
void TestCsvReader::chunkBoundaries()
{
    const QByteArray input = "\xEF\xBB\xBFid;namn;note\r\n"
                             "1;\"Åsa \"\"Ö\"\"\";\"a;b\r\nc\"\r\n"
                             "\r\n"
                             "2;😀;\"\"\r"
                             "3;short\n"
                             "4;\"x\"y;z\n"
                             "5;q\"q;z\n"
                             "6;\"\";\"\"\"\"\n"
                             "\n"
                             "7;ä;\"end\"\r\n"
                             "8;\"never\r\nclosed";
    const QStringList rows = {u"2:1|Åsa \"Ö\"|a;b\r\nc"_s, u"5:2|😀|"_s, u"9:6||\""_s,
                              u"11:7|ä|end"_s};
    const QStringList rejects = {u"6:expected 3 field(s), found 2"_s,
                                 u"7:"_s + TextAfterQuote.arg(2), u"8:"_s + QuoteInUnquoted.arg(2),
                                 u"12:"_s + NeverClosed.arg(12)};

    for (const qsizetype chunkSize : ChunkSizes) {
        CsvReaderOptions options;
        options.chunkSize = chunkSize;
        for (const int maxRows : {1, 2, 1000}) {
            const Result result = parse(input, options, maxRows);
            const QByteArray context = "chunkSize " + QByteArray::number(chunkSize) + ", maxRows " +
                                       QByteArray::number(maxRows);
            QVERIFY2(result.opened, context.constData());
            QCOMPARE(result.delimiter, ';');
            QVERIFY(result.hadBom);
            QCOMPARE(result.columns, (QStringList{u"id"_s, u"namn"_s, u"note"_s}));
            QVERIFY2(result.rows == rows, context.constData());
            QVERIFY2(result.rejects == rejects, context.constData());
            QVERIFY2(result.error.isEmpty(), context.constData());
        }
    }
}

void TestCsvReader::byteOrderMark_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<bool>("hadBom");

    QTest::newRow("BOM") << QByteArray("\xEF\xBB\xBFid,name\n1,x\n") << true;
    QTest::newRow("no BOM") << QByteArray("id,name\n1,x\n") << false;
    QTest::newRow("BOM and quoted first column")
        << QByteArray("\xEF\xBB\xBF\"id\",name\n1,x\n") << true;
}

void TestCsvReader::byteOrderMark()
{
    QFETCH(QByteArray, input);
    QFETCH(bool, hadBom);

    const Result result = parse(input);
    QVERIFY2(result.opened, qPrintable(result.error));
    QCOMPARE(result.hadBom, hadBom);
    QCOMPARE(result.columns, (QStringList{u"id"_s, u"name"_s}));
    QCOMPARE(result.columns.first().size(), 2);
    QCOMPARE(result.rows, QStringList{u"2:1|x"_s});
}

void TestCsvReader::sniffedDelimiter_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<char>("delimiter");
    QTest::addColumn<QStringList>("rows");

    QTest::newRow("comma") << QByteArray("a,b\n\"x;y|z\",2\n3,4\n") << ','
                           << QStringList{u"2:x;y|z|2"_s, u"3:3|4"_s};
    QTest::newRow("semicolon with decimal commas")
        << QByteArray("name;amount\nAnna;1,5\nBo;2,25\n") << ';'
        << QStringList{u"2:Anna|1,5"_s, u"3:Bo|2,25"_s};
    QTest::newRow("tab") << QByteArray("a\tb\n1\t\"x, y\"\n") << '\t' << QStringList{u"2:1|x, y"_s};
    QTest::newRow("pipe") << QByteArray("a|b|c\n1|2,5|3\n") << '|' << QStringList{u"2:1|2,5|3"_s};
    QTest::newRow("single column")
        << QByteArray("name\nAnna\nBo\n") << ',' << QStringList{u"2:Anna"_s, u"3:Bo"_s};
    QTest::newRow("header only, no newline") << QByteArray("a;b;c") << ';' << QStringList{};
    QTest::newRow("delimiter inside quoted header")
        << QByteArray("\"a,b\";c\n1;2\n") << ';' << QStringList{u"2:1|2"_s};
}

void TestCsvReader::sniffedDelimiter()
{
    QFETCH(QByteArray, input);
    QFETCH(char, delimiter);
    QFETCH(QStringList, rows);

    const Result result = parse(input);
    QVERIFY2(result.opened, qPrintable(result.error));
    QCOMPARE(result.delimiter, delimiter);
    QCOMPARE(result.rows, rows);
    QVERIFY(result.rejects.isEmpty());
}

void TestCsvReader::sniffDialectPrefersConsistentCounts()
{
    // The header alone has more commas, but only the semicolon splits every line alike.
    QCOMPARE(csv::sniffDialect("a;b,c,d\n1;2\n3;4\n").delimiter, ';');
    // Equally good candidates: the earlier in , ; tab | wins.
    QCOMPARE(csv::sniffDialect("a,b;c\n1,2;3\n").delimiter, ',');
    QCOMPARE(csv::sniffDialect("a\tb|c\n1\t2|3\n").delimiter, '\t');
    // A cut-off last line does not count against a candidate.
    QCOMPARE(csv::sniffDialect("a|b|c\n1|2|3\n4|").delimiter, '|');
    QCOMPARE(csv::sniffDialect("").delimiter, ',');
}

void TestCsvReader::forcedDelimiter()
{
    CsvReaderOptions options;
    options.delimiter = ';';
    Result result = parse("a,b;c\n1,2;3\n", options);
    QVERIFY2(result.opened, qPrintable(result.error));
    QCOMPARE(result.delimiter, ';');
    QCOMPARE(result.columns, (QStringList{u"a,b"_s, u"c"_s}));
    QCOMPARE(result.rows, QStringList{u"2:1,2|3"_s});

    options.delimiter = '\t';
    result = parse("a,b\tc\n1\t2\n", options);
    QCOMPARE(result.columns, (QStringList{u"a,b"_s, u"c"_s}));
    QCOMPARE(result.rows, QStringList{u"2:1|2"_s});

    options.delimiter = '"';
    result = parse("a,b\n", options);
    QVERIFY(!result.opened);
    QVERIFY(!result.error.isEmpty());
}

void TestCsvReader::emptyFile_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::newRow("empty") << QByteArray();
    QTest::newRow("BOM only") << QByteArray("\xEF\xBB\xBF");
    QTest::newRow("blank lines only") << QByteArray("\n\r\n\n");
}

void TestCsvReader::emptyFile()
{
    QFETCH(QByteArray, input);
    const Result result = parse(input);
    QVERIFY(!result.opened);
    QCOMPARE(result.error, u"The file is empty: it has no header row."_s);
}

void TestCsvReader::headerOnly_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::newRow("newline") << QByteArray("id,\"full name\",city\n");
    QTest::newRow("no newline") << QByteArray("id,\"full name\",city");
    QTest::newRow("CRLF and blank lines") << QByteArray("id,\"full name\",city\r\n\r\n\r\n");
}

void TestCsvReader::headerOnly()
{
    QFETCH(QByteArray, input);
    for (const qsizetype chunkSize : ChunkSizes) {
        CsvReaderOptions options;
        options.chunkSize = chunkSize;
        const Result result = parse(input, options);
        QVERIFY2(result.opened, qPrintable(result.error));
        QCOMPARE(result.columns, (QStringList{u"id"_s, u"full name"_s, u"city"_s}));
        QVERIFY(result.rows.isEmpty());
        QCOMPARE(result.readResults.last(), false);
        QCOMPARE(result.error, QString());
    }
}

void TestCsvReader::badHeader()
{
    Result result = parse("id,\"name\nx,y\n");
    QVERIFY(!result.opened);
    QVERIFY2(result.error.contains(NeverClosed.arg(1)), qPrintable(result.error));

    result = parse("id,na\"me\n1,2\n");
    QVERIFY(!result.opened);
    QVERIFY2(result.error.contains(u"line 1"_s), qPrintable(result.error));
}

void TestCsvReader::notUtf8_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<bool>("opens");
    QTest::addColumn<QStringList>("rows");
    QTest::addColumn<QString>("errorStart");
    QTest::addColumn<bool>("looksLikeLatin1");

    const QString line3 = u"Line 3 is not valid UTF-8"_s;
    // "Ås" in Windows-1252 is C5 73: a UTF-8 lead byte without its continuation.
    QTest::newRow("Windows-1252 letter") << QByteArray("name,city\nAnna,Lund\nBo,\xC5s\nCe,Ed\n")
                                         << true << QStringList{u"2:Anna|Lund"_s} << line3 << true;
    QTest::newRow("Latin-1 in a multi-line quoted field")
        << QByteArray("a,b\n1,\"x\ny\xE9z\",\n2,3\n") << true << QStringList{} << line3 << true;
    QTest::newRow("Latin-1 in the header")
        << QByteArray("n\xE4me,b\n1,2\n") << false << QStringList{}
        << u"Line 1 is not valid UTF-8"_s << true;
    QTest::newRow("overlong") << QByteArray("a,b\n1,2\n3,\xE0\x80\xAF\n") << true
                              << QStringList{u"2:1|2"_s} << line3 << false;
    QTest::newRow("surrogate") << QByteArray("a,b\n1,2\n3,\xED\xA0\x80\n") << true
                               << QStringList{u"2:1|2"_s} << line3 << false;
    QTest::newRow("above U+10FFFF") << QByteArray("a,b\n1,2\n3,\xF4\x90\x80\x80\n") << true
                                    << QStringList{u"2:1|2"_s} << line3 << false;
    QTest::newRow("cut short at EOF")
        << QByteArray("a,b\n1,2\n3,\xE2\x82") << true << QStringList{u"2:1|2"_s} << line3 << true;
    QTest::newRow("on a line of its own after blank lines")
        << QByteArray("a\n1\n\n\x93quoted\x94\n") << true << QStringList{u"2:1"_s}
        << u"Line 4 is not valid UTF-8"_s << true;
}

void TestCsvReader::notUtf8()
{
    QFETCH(QByteArray, input);
    QFETCH(bool, opens);
    QFETCH(QStringList, rows);
    QFETCH(QString, errorStart);
    QFETCH(bool, looksLikeLatin1);

    for (const qsizetype chunkSize : ChunkSizes) {
        CsvReaderOptions options;
        options.chunkSize = chunkSize;
        const Result result = parse(input, options);
        QCOMPARE(result.opened, opens);
        QCOMPARE(result.rows, rows);
        QVERIFY2(result.error.startsWith(errorStart), qPrintable(result.error));
        QVERIFY2(result.error.contains(u"Save it as CSV UTF-8"_s), qPrintable(result.error));
        QCOMPARE(result.error.contains(u"Windows-1252"_s), looksLikeLatin1);
        if (opens)
            QCOMPARE(result.readResults.last(), false);
    }
}

void TestCsvReader::wideEncodingsRefused_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QString>("error");

    const QString utf16 = u"The file is UTF-16 encoded; save it as CSV UTF-8 and try again."_s;
    const QString utf32 = u"The file is UTF-32 encoded; save it as CSV UTF-8 and try again."_s;
    QTest::newRow("UTF-16LE BOM") << QByteArray("\xFF\xFEi\0d\0\n\0", 8) << utf16;
    QTest::newRow("UTF-16BE BOM") << QByteArray("\xFE\xFF\0i\0d\0\n", 8) << utf16;
    QTest::newRow("UTF-32LE BOM") << QByteArray("\xFF\xFE\0\0i\0\0\0", 8) << utf32;
    QTest::newRow("UTF-32BE BOM") << QByteArray("\0\0\xFE\xFF\0\0\0i", 8) << utf32;
    QTest::newRow("NUL bytes") << QByteArray("i\0d\0,\0x\0\n\0", 10)
                               << u"The file contains NUL bytes: it is probably UTF-16 encoded or "
                                  "not a text file. Save it as CSV UTF-8 and try again."_s;
}

void TestCsvReader::wideEncodingsRefused()
{
    QFETCH(QByteArray, input);
    QFETCH(QString, error);
    const Result result = parse(input);
    QVERIFY(!result.opened);
    QCOMPARE(result.error, error);
}

void TestCsvReader::multibyteUtf8Preserved()
{
    const QByteArray input = "förnamn,stad,känsla\n"
                             "Åsa,Göteborg,😀\n"
                             "\"Örjan, Ärlig\",Malmö,\"👍🏽\"\"\"\n";
    for (const qsizetype chunkSize : ChunkSizes) {
        auto buffer = std::make_unique<QBuffer>();
        buffer->setData(input);
        CsvReaderOptions options;
        options.chunkSize = chunkSize;
        CsvReader reader(options);
        QVERIFY2(reader.open(std::move(buffer)), qPrintable(reader.errorString()));
        QCOMPARE(reader.columns(), (QStringList{u"förnamn"_s, u"stad"_s, u"känsla"_s}));
        RowBatch batch;
        QVERIFY(!reader.read(batch, 10) || batch.rowCount() == 2);
        QCOMPARE(batch.rowCount(), 2);
        QCOMPARE(batch.cell(0, 0), QByteArrayView("\xC3\x85sa"));
        QCOMPARE(batch.cell(0, 2), QByteArrayView("\xF0\x9F\x98\x80"));
        QCOMPARE(QString::fromUtf8(batch.cell(1, 0)), u"Örjan, Ärlig"_s);
        QCOMPARE(QString::fromUtf8(batch.cell(1, 1)), u"Malmö"_s);
        QCOMPARE(QString::fromUtf8(batch.cell(1, 2)), u"👍🏽\""_s);
        QCOMPARE(reader.errorString(), QString());
    }
}

void TestCsvReader::utf8ValidatorAcrossPieces()
{
    const QByteArray text = "a \xC3\xA5 \xE2\x82\xAC \xF0\x9F\x98\x80 0123456789abcdef";
    for (qsizetype piece = 1; piece <= 9; ++piece) {
        csv::Utf8Validator validator;
        for (qsizetype i = 0; i < text.size(); i += piece)
            QVERIFY(validator.feed(QByteArrayView(text).sliced(i, qMin(piece, text.size() - i))));
        QVERIFY(validator.finish());
    }

    csv::Utf8Validator validator;
    QVERIFY(validator.feed("0123456789"));
    QVERIFY(validator.feed("ab\xF0\x9F"));
    QVERIFY(!validator.feed("x"));
    QCOMPARE(validator.errorOffset(), 12);
    QVERIFY(validator.errorLooksLikeSingleByteEncoding());
    QVERIFY(!validator.feed("valid"));

    csv::Utf8Validator unfinished;
    QVERIFY(unfinished.feed("abc\xE2\x82"));
    QVERIFY(!unfinished.finish());
    QCOMPARE(unfinished.errorOffset(), 3);

    QVERIFY(csv::isValidUtf8("\xEF\xBF\xBF \xF4\x8F\xBF\xBF \xED\x9F\xBF"));
    QVERIFY(!csv::isValidUtf8("\xC0\xAF"));
    QVERIFY(!csv::isValidUtf8("\xC1\xBF"));
    QVERIFY(!csv::isValidUtf8("\xF0\x8F\xBF\xBF"));
    QVERIFY(!csv::isValidUtf8("\xED\xBF\xBF"));
    QVERIFY(!csv::isValidUtf8("\xF5\x80\x80\x80"));
    QVERIFY(!csv::isValidUtf8("\x80"));
    QVERIFY(!csv::isValidUtf8("\xFF"));
}

void TestCsvReader::batching()
{
    QByteArray input = "n,square\n";
    for (int i = 1; i <= 10; ++i)
        input += QByteArray::number(i) + ',' + QByteArray::number(i * i) + '\n';

    Result result = parse(input, {}, 3);
    QCOMPARE(result.batchSizes, (QList<int>{3, 3, 3, 1}));
    QCOMPARE(result.readResults, (QList<bool>{true, true, true, false}));
    QCOMPARE(result.rows.size(), 10);
    QCOMPARE(result.rows.first(), u"2:1|1"_s);
    QCOMPARE(result.rows.last(), u"11:10|100"_s);

    for (const qsizetype chunkSize : ChunkSizes) {
        CsvReaderOptions options;
        options.chunkSize = chunkSize;
        result = parse(input, options, 3);
        QCOMPARE(result.rows.size(), 10);
        for (const int size : std::as_const(result.batchSizes))
            QVERIFY(size <= 3);
        QCOMPARE(result.readResults.last(), false);
    }
}

void TestCsvReader::rejectsDoNotCountTowardsMaxRows()
{
    const Result result = parse("a,b\n1\n2,2\n3\n4,4\n5,5\n", {}, 2);
    QCOMPARE(result.batchSizes, (QList<int>{2, 1}));
    QCOMPARE(result.rows, (QStringList{u"3:2|2"_s, u"5:4|4"_s, u"6:5|5"_s}));
    QCOMPARE(result.rejects.size(), 2);
}

void TestCsvReader::recordTooLarge_data()
{
    QTest::addColumn<qsizetype>("chunkSize");
    QTest::newRow("record spans chunks") << qsizetype(16);
    QTest::newRow("record within one chunk") << CsvReaderOptions().chunkSize;
}

void TestCsvReader::recordTooLarge()
{
    QFETCH(qsizetype, chunkSize);
    CsvReaderOptions options;
    options.chunkSize = chunkSize;
    options.maxRecordBytes = 64;

    // A record of exactly the limit is fine.
    const QByteArray fits = "a,b\n1," + QByteArray(62, 'x') + "\n";
    Result result = parse(fits, options);
    QCOMPARE(result.rows.size(), 1);
    QCOMPARE(result.error, QString());

    const QByteArray input = "a,b\n1,2\n\n3,\"unclosed" + QByteArray(200, 'x') + "\n4,5\n";
    result = parse(input, options);
    QVERIFY(result.opened);
    QCOMPARE(result.rows, QStringList{u"2:1|2"_s});
    QCOMPARE(result.readResults.last(), false);
    QVERIFY2(result.error.contains(u"line 4"_s), qPrintable(result.error));
    QVERIFY2(result.error.contains(u"unclosed quote"_s), qPrintable(result.error));
}

void TestCsvReader::progress()
{
    QByteArray input = "id,value\n";
    for (int i = 0; i < 200; ++i)
        input += QByteArray::number(i) + ",some value\n";
    auto buffer = std::make_unique<QBuffer>();
    buffer->setData(input);
    CsvReaderOptions options;
    options.chunkSize = 256;
    CsvReader reader(options);
    QVERIFY(reader.open(std::move(buffer)));
    QCOMPARE(reader.bytesTotal(), input.size());
    QVERIFY(reader.bytesRead() > 0);
    QVERIFY(reader.bytesRead() < input.size());

    RowBatch batch;
    qint64 previous = reader.bytesRead();
    bool more = true;
    int rows = 0;
    while (more) {
        more = reader.read(batch, 25);
        rows += batch.rowCount();
        QVERIFY(reader.bytesRead() >= previous);
        previous = reader.bytesRead();
    }
    QCOMPARE(rows, 200);
    QCOMPARE(reader.bytesRead(), reader.bytesTotal());
}

void TestCsvReader::openByPath()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(u"audience.csv"_s);
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    const QByteArray input = "\xEF\xBB\xBF"
                             "email;name\r\nanna@example.com;Anna\r\n";
    file.write(input);
    file.close();

    CsvReader reader;
    QVERIFY2(reader.open(path), qPrintable(reader.errorString()));
    QCOMPARE(reader.delimiter(), ';');
    QVERIFY(reader.hadBom());
    QCOMPARE(reader.columns(), (QStringList{u"email"_s, u"name"_s}));
    QCOMPARE(reader.bytesTotal(), input.size());
    RowBatch batch;
    QVERIFY(!reader.read(batch, 100));
    QCOMPARE(batch.rowCount(), 1);
    QCOMPARE(batch.cell(0, 0), QByteArrayView("anna@example.com"));
    QCOMPARE(batch.sourceLine(0), 2);
    QCOMPARE(reader.bytesRead(), input.size());
}

void TestCsvReader::missingFile()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"missing/audience.csv"_s);
    CsvReader reader;
    QVERIFY(!reader.open(path));
    QVERIFY2(reader.errorString().contains(QDir::toNativeSeparators(path)),
             qPrintable(reader.errorString()));
    QVERIFY2(reader.errorString().contains(u"No such file"_s), qPrintable(reader.errorString()));
    RowBatch batch;
    QVERIFY(!reader.read(batch, 10));
    QCOMPARE(batch.rowCount(), 0);
}

void TestCsvReader::deviceStates()
{
    {
        auto buffer = std::make_unique<QBuffer>();
        buffer->setData("a,b\n1,2\n");
        QVERIFY(buffer->open(QIODevice::ReadOnly));
        QVERIFY(buffer->seek(0));
        CsvReader reader;
        QVERIFY(reader.open(std::move(buffer)));
        QCOMPARE(reader.columns(), (QStringList{u"a"_s, u"b"_s}));
    }
    {
        auto buffer = std::make_unique<QBuffer>();
        QVERIFY(buffer->open(QIODevice::WriteOnly));
        CsvReader reader;
        QVERIFY(!reader.open(std::move(buffer)));
        QVERIFY(!reader.errorString().isEmpty());
    }
}

void TestCsvReader::manyRowsInSmallChunks()
{
    QByteArray input = "id,email,name,city,amount,date\n";
    for (int i = 0; i < 20000; ++i) {
        input += QByteArray::number(i) + ",user" + QByteArray::number(i) +
                 "@example.com,\"Lind, Åsa\",Göteborg," + QByteArray::number(i % 97) +
                 ",2024-01-01\r\n";
    }
    CsvReaderOptions options;
    options.chunkSize = 4093;
    const Result result = parse(input, options, 1000);
    QCOMPARE(result.rows.size(), 20000);
    QCOMPARE(result.batchSizes.first(), 1000);
    QCOMPARE(result.rows.last(),
             u"20001:19999|user19999@example.com|Lind, Åsa|Göteborg|17|2024-01-01"_s);
    QVERIFY(result.rejects.isEmpty());
}

void TestCsvReader::countsRecords_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<qint64>("records");
    QTest::newRow("header only") << QByteArray("a,b\r\n") << qint64(0);
    QTest::newRow("empty file") << QByteArray() << qint64(0);
    QTest::newRow("CRLF rows") << QByteArray("a,b\r\n1,2\r\n3,4\r\n") << qint64(2);
    QTest::newRow("no final line break") << QByteArray("a,b\n1,2\n3,4") << qint64(2);
    QTest::newRow("blank lines skipped") << QByteArray("a,b\n\n1,2\r\n\r\n3,4\n") << qint64(2);
    QTest::newRow("line breaks inside quotes")
        << QByteArray("a,b\n\"one\ntwo\",2\n\"say \"\"hi\"\"\nthere\",3\n") << qint64(2);
    QTest::newRow("cut inside a quoted field")
        << QByteArray("a,b\n1,2\n\"unfinished\n") << qint64(2);
}

void TestCsvReader::countsRecords()
{
    QFETCH(QByteArray, content);
    QFETCH(qint64, records);
    QTemporaryDir dir;
    QFile file(dir.filePath("part.csv"));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(content);
    file.close();
    QString error;
    QCOMPARE(courier::csv::countRecords(file.fileName(), &error), std::optional<qint64>(records));
    QVERIFY(!courier::csv::countRecords(dir.filePath("missing.csv"), &error));
    QVERIFY(error.contains("missing.csv"));
}

QTEST_GUILESS_MAIN(TestCsvReader)
#include "tst_csvreader.moc"
