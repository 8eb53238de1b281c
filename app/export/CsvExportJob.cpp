#include "CsvExportJob.h"

#include "common/Logging.h"
#include "connectors/csv/CsvDialect.h"
#include "connectors/csv/CsvReader.h"
#include "mapping/Mapper.h"
#include "pipeline/RejectedRowsFile.h"
#include "RunRecording.h"

#include <memory>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>

namespace courier {

namespace {

bool samePath(const QString &a, const QString &b)
{
    const QFileInfo left(a);
    const QFileInfo right(b);
    if (left.exists() && right.exists())
        return left.canonicalFilePath() == right.canonicalFilePath();
    return left.absoluteFilePath() == right.absoluteFilePath();
}

} // namespace

CsvExportJob::CsvExportJob(CsvExportRequest request, const Database *database)
    : m_request(std::move(request))
    , m_database(database)
{}

QString CsvExportJob::defaultRejectedPath(const QString &outputPath)
{
    const QFileInfo info(outputPath);
    const QString base = info.suffix().compare(QLatin1String("csv"), Qt::CaseInsensitive) == 0
                             ? info.completeBaseName()
                             : info.fileName();
    return info.dir().filePath(base + QStringLiteral(".rejected.csv"));
}

CsvExportResult CsvExportJob::run()
{
    QElapsedTimer clock;
    clock.start();
    CsvExportResult result;
    const QString rejectedPath = m_request.rejectedPath.isEmpty()
                                     ? defaultRejectedPath(m_request.outputPath)
                                     : m_request.rejectedPath;

    RunRecording recording(m_database);
    recording.begin(m_request.inputPath, m_request.outputPath);
    result.runId = recording.runId();

    const auto finish = [&](RunState state, const QString &error) {
        result.state = state;
        result.error = error;
        result.seconds = static_cast<double>(clock.nsecsElapsed()) / 1e9;
        recording.finish(result, rejectedPath);
        return result;
    };

    if (m_request.inputPath.isEmpty() || m_request.outputPath.isEmpty())
        return finish(RunState::Failed, tr("Choose both the audience file and the export file."));
    if (samePath(m_request.inputPath, m_request.outputPath) ||
        samePath(m_request.inputPath, rejectedPath))
        return finish(RunState::Failed,
                      tr("The export would overwrite the audience file it reads; choose another "
                         "file name."));

    CsvReaderOptions readerOptions;
    readerOptions.delimiter = m_request.inputDelimiter;
    CsvReader reader(readerOptions);
    if (!reader.open(m_request.inputPath))
        return finish(RunState::Failed, reader.errorString());
    recording.event(RunEvent::Level::Info, tr("Reading %1: %n column(s), separated by %2.", nullptr,
                                              static_cast<int>(reader.columns().size()))
                                               .arg(QDir::toNativeSeparators(m_request.inputPath),
                                                    csv::delimiterDisplayName(reader.delimiter())));

    const Mapping mapping =
        m_request.mapping.isEmpty() ? Mapping::passThrough(reader.columns()) : m_request.mapping;
    QString error;
    auto mapper = Mapper::bind(mapping, reader.columns(), &error);
    if (!mapper)
        return finish(RunState::Failed, error);

    CsvWriter writer(m_request.outputPath, m_request.output);

    // Rejected rows stream to their own file as they happen; it opens on the first one.
    RejectedRowsFile rejected(rejectedPath, reader.columns(), m_request.output);
    const auto keepRejected = [&](RejectedRow &&row) {
        if (!rejected.add(std::move(row)))
            m_stop.store(true);
    };

    RowPipeline pipeline(reader, *mapper, writer);
    pipeline.setBatchRows(m_batchRows);
    pipeline.setCancelFlag(&m_stop);
    pipeline.setRejectSink(keepRejected);
    pipeline.setProgressCallback(
        [&](const PipelineCounters &counters) {
            recording.progress(counters);
            if (m_progress)
                m_progress(counters);
        },
        m_progressIntervalMs);

    const RowPipeline::Outcome outcome = pipeline.run();
    result.counters = pipeline.counters();

    if (!rejected.errorString().isEmpty()) {
        rejected.cancel();
        return finish(RunState::Failed,
                      tr("Cannot keep the rejected rows: %1").arg(rejected.errorString()));
    }
    if (outcome != RowPipeline::Outcome::Succeeded) {
        rejected.cancel();
        return outcome == RowPipeline::Outcome::Cancelled
                   ? finish(RunState::Cancelled, tr("Cancelled; no file was written."))
                   : finish(RunState::Failed, pipeline.errorString());
    }

    if (!rejected.commit())
        return finish(RunState::Failed,
                      tr("The export was written, but the rejected rows could not be: %1")
                          .arg(rejected.errorString()));
    if (rejected.hasRows())
        result.rejectedPath = rejectedPath;
    return finish(RunState::Succeeded, {});
}

} // namespace courier
