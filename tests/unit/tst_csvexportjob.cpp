#include "export/CsvExportJob.h"
#include "model/Run.h"
#include "store/Database.h"
#include "store/RunRepository.h"

#include <QtTest>

using namespace courier;

namespace {

void writeFile(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    QCOMPARE(file.write(bytes), bytes.size());
}

QByteArray readAll(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return "<missing>";
    return file.readAll();
}

QStringList filesIn(const QString &dir)
{
    return QDir(dir).entryList(QDir::Files | QDir::Hidden, QDir::Name);
}

Mapping emailAndCity()
{
    Mapping mapping;
    mapping.fields.append({"email",
                           "E-mail",
                           true,
                           {Transform(TransformKind::Trim), Transform(TransformKind::Lowercase)}});
    mapping.fields.append({"city", "City", false, {Transform(TransformKind::Trim)}});
    return mapping;
}

const QByteArray sampleAudience = "Id;E-mail;City\n"
                                  "1; Ann@Example.com ;Malmö\n"
                                  "2;bo@example.se;\"=HYPERLINK(\"\"http://evil\"\")\"\n"
                                  "3;;Lund\n"         // no identifier
                                  "4;cy@example.se\n" // ragged
                                  "5;\"dee@example.se\";\"Göteborg\nHisingen\"\n";

} // namespace

class TestCsvExportJob : public QObject
{
    Q_OBJECT

private slots:
    void exportsMappedRowsAndKeepsRejected()
    {
        QTemporaryDir dir;
        const QString in = dir.filePath("audience.csv");
        writeFile(in, sampleAudience);

        CsvExportRequest request;
        request.inputPath = in;
        request.outputPath = dir.filePath("out.csv");
        request.mapping = emailAndCity();
        const CsvExportResult result = CsvExportJob(request).run();

        QCOMPARE(result.state, RunState::Succeeded);
        QCOMPARE(result.counters.rowsRead, 5);
        QCOMPARE(result.counters.rowsWritten, 3);
        QCOMPARE(result.counters.rowsRejected, 2);
        QCOMPARE(result.counters.rowsRead,
                 result.counters.rowsWritten + result.counters.rowsRejected);
        QCOMPARE(readAll(request.outputPath),
                 QByteArray("email,city\r\n"
                            "ann@example.com,Malmö\r\n"
                            "bo@example.se,\"'=HYPERLINK(\"\"http://evil\"\")\"\r\n"
                            "dee@example.se,\"Göteborg\nHisingen\"\r\n"));

        QCOMPARE(result.rejectedPath, dir.filePath("out.rejected.csv"));
        const QList<QByteArray> rejected = readAll(result.rejectedPath).split('\n');
        QCOMPARE(rejected.value(0), QByteArray("line,reason,Id,E-mail,City\r"));
        QVERIFY2(rejected.value(1).startsWith("4,") || rejected.value(1).startsWith("5,"),
                 rejected.value(1).constData());
        // Both rejected rows are there, with their source line numbers.
        const QByteArray all = readAll(result.rejectedPath);
        QVERIFY(all.contains("\r\n4,") && all.contains("\r\n5,"));
        QVERIFY2(all.contains("email"), all.constData()); // the no-identifier reason names it
    }

    void passThroughWithoutMapping()
    {
        QTemporaryDir dir;
        const QString in = dir.filePath("audience.csv");
        writeFile(in, "\xEF\xBB\xBF"
                      "a\tb\n1\t2\n");
        CsvExportRequest request;
        request.inputPath = in;
        request.outputPath = dir.filePath("out.csv");
        request.output.delimiter = ';';
        const CsvExportResult result = CsvExportJob(request).run();
        QCOMPARE(result.state, RunState::Succeeded);
        QCOMPARE(readAll(request.outputPath), QByteArray("a;b\r\n1;2\r\n"));
        QVERIFY(result.rejectedPath.isEmpty());
        QCOMPARE(filesIn(dir.path()), QStringList({"audience.csv", "out.csv"}));
    }

    void staleRejectedFileIsRemoved()
    {
        QTemporaryDir dir;
        const QString in = dir.filePath("audience.csv");
        writeFile(in, "a\n1\n");
        writeFile(dir.filePath("out.rejected.csv"), "from an older export\n");
        CsvExportRequest request;
        request.inputPath = in;
        request.outputPath = dir.filePath("out.csv");
        QCOMPARE(CsvExportJob(request).run().state, RunState::Succeeded);
        QVERIFY(!QFile::exists(dir.filePath("out.rejected.csv")));
    }

    void cancelledMidwayLeavesNothing()
    {
        QTemporaryDir dir;
        const QString in = dir.filePath("audience.csv");
        QByteArray big = "email,score\n";
        for (int i = 0; i < 100000; ++i)
            big += "member" + QByteArray::number(i) + "@example.com," + QByteArray::number(i % 97) +
                   '\n';
        writeFile(in, big);

        CsvExportRequest request;
        request.inputPath = in;
        request.outputPath = dir.filePath("out.csv");
        CsvExportJob job(request);
        job.setBatchRows(1000);
        int progressCalls = 0;
        job.setProgressCallback(
            [&](const PipelineCounters &counters) {
                ++progressCalls;
                if (counters.rowsWritten >= 5000)
                    job.cancel();
            },
            0);
        const CsvExportResult result = job.run();
        QCOMPARE(result.state, RunState::Cancelled);
        QVERIFY(result.counters.rowsWritten >= 5000);
        QVERIFY(result.counters.rowsWritten < 100000);
        QVERIFY(progressCalls >= 5);
        QCOMPARE(filesIn(dir.path()), QStringList({"audience.csv"}));
    }

    void cancelledWithRejectedRowsLeavesNothing()
    {
        QTemporaryDir dir;
        const QString in = dir.filePath("audience.csv");
        QByteArray data = "email,score\n";
        for (int i = 0; i < 20000; ++i)
            data += (i % 10 == 0 ? QByteArray("ragged") : "m" + QByteArray::number(i) + "@x.se,1") +
                    '\n';
        writeFile(in, data);
        CsvExportRequest request;
        request.inputPath = in;
        request.outputPath = dir.filePath("out.csv");
        CsvExportJob job(request);
        job.setBatchRows(500);
        job.setProgressCallback(
            [&](const PipelineCounters &counters) {
                if (counters.rowsRejected > 0 && counters.rowsWritten > 2000)
                    job.cancel();
            },
            0);
        QCOMPARE(job.run().state, RunState::Cancelled);
        QCOMPARE(filesIn(dir.path()), QStringList({"audience.csv"}));
    }

    void refusesToOverwriteItsInput()
    {
        QTemporaryDir dir;
        const QString in = dir.filePath("audience.csv");
        writeFile(in, "a\n1\n");
        CsvExportRequest request;
        request.inputPath = in;
        request.outputPath = in;
        const CsvExportResult result = CsvExportJob(request).run();
        QCOMPARE(result.state, RunState::Failed);
        QVERIFY2(result.error.contains("overwrite"), qPrintable(result.error));
        QCOMPARE(readAll(in), QByteArray("a\n1\n"));
    }

    void notUtf8FailsWithoutOutput()
    {
        QTemporaryDir dir;
        const QString in = dir.filePath("latin1.csv");
        QByteArray data = "name,city\n";
        for (int i = 0; i < 10; ++i)
            data += "ok,Lund\n";
        data += "Bj\xF6rn,Malm\xF6\n"; // Windows-1252 / ISO-8859-1 bytes
        writeFile(in, data);
        CsvExportRequest request;
        request.inputPath = in;
        request.outputPath = dir.filePath("out.csv");
        const CsvExportResult result = CsvExportJob(request).run();
        QCOMPARE(result.state, RunState::Failed);
        QVERIFY2(result.error.contains("UTF-8"), qPrintable(result.error));
        QVERIFY2(result.error.contains("12"), qPrintable(result.error)); // the line
        QCOMPARE(filesIn(dir.path()), QStringList({"latin1.csv"}));
    }

    void unknownColumnFails()
    {
        QTemporaryDir dir;
        const QString in = dir.filePath("audience.csv");
        writeFile(in, "a,b\n1,2\n");
        CsvExportRequest request;
        request.inputPath = in;
        request.outputPath = dir.filePath("out.csv");
        request.mapping.fields.append({"email", "Email", true, {}});
        const CsvExportResult result = CsvExportJob(request).run();
        QCOMPARE(result.state, RunState::Failed);
        QVERIFY2(result.error.contains("\"Email\""), qPrintable(result.error));
        QCOMPARE(filesIn(dir.path()), QStringList({"audience.csv"}));
    }

    void recordsTheRunInTheCache()
    {
        QTemporaryDir dir;
        QString error;
        auto database = Database::open(dir.filePath("cache.sqlite"), &error);
        QVERIFY2(database, qPrintable(error));
        const QString in = dir.filePath("audience.csv");
        writeFile(in, sampleAudience);

        CsvExportRequest request;
        request.inputPath = in;
        request.outputPath = dir.filePath("out.csv");
        request.mapping = emailAndCity();
        const CsvExportResult ok = CsvExportJob(request, database.get()).run();
        QVERIFY(ok.runId > 0);

        request.outputPath = dir.filePath("missing-folder/out.csv");
        const CsvExportResult failed = CsvExportJob(request, database.get()).run();
        QCOMPARE(failed.state, RunState::Failed);

        RunRepository runs(*database);
        const auto stored = runs.find(ok.runId);
        QVERIFY(stored);
        QCOMPARE(stored->state, RunState::Succeeded);
        QCOMPARE(stored->kind, QStringLiteral("csv-export"));
        QCOMPARE(stored->rowsRead, 5);
        QCOMPARE(stored->rowsWritten, 3);
        QCOMPARE(stored->rowsRejected, 2);
        QCOMPARE(stored->rejectedPath, ok.rejectedPath);
        QVERIFY(stored->startedAt.isValid() && stored->finishedAt.isValid());
        const auto events = runs.events(ok.runId);
        QVERIFY(events.size() >= 2);
        QVERIFY2(events.first().message.contains("audience.csv"),
                 qPrintable(events.first().message));

        const auto storedFailure = runs.find(failed.runId);
        QVERIFY(storedFailure);
        QCOMPARE(storedFailure->state, RunState::Failed);
        QCOMPARE(storedFailure->error, failed.error);
        QVERIFY(storedFailure->error.contains("missing-folder"));
        QCOMPARE(runs.events(failed.runId).last().level, RunEvent::Level::Error);
    }
};

QTEST_GUILESS_MAIN(TestCsvExportJob)
#include "tst_csvexportjob.moc"
