#include "RunRecording.h"

#include "common/Logging.h"
#include "CsvExportJob.h"
#include "store/Database.h"
#include "store/RunRepository.h"

#include <QDir>

namespace courier {

namespace {
constexpr int ProgressIntervalMs = 250;
}

RunRecording::RunRecording(const Database *database)
    : m_database(database)
{}

RunRecording::~RunRecording()
{
    // Jobs run on pool threads that outlive them: close this thread's connection now.
    if (m_database)
        m_database->releaseThreadConnection();
}

void RunRecording::begin(const QString &source, const QString &destination)
{
    if (!m_database)
        return;
    Run run;
    run.kind = QStringLiteral("csv-export");
    run.state = RunState::Queued;
    run.source = QDir::toNativeSeparators(source);
    run.destination = QDir::toNativeSeparators(destination);
    QString error;
    RunRepository runs(*m_database);
    const auto id = runs.create(run, &error);
    if (!id) {
        qCWarning(lcExport).noquote() << "cannot record the run:" << error;
        return;
    }
    m_runId = *id;
    m_outputPath = destination;
    runs.start(m_runId, RunState::Transforming);
    m_sinceProgress.start();
}

void RunRecording::event(RunEvent::Level level, const QString &message)
{
    if (m_runId)
        RunRepository(*m_database).appendEvent(m_runId, level, message);
}

void RunRecording::progress(const PipelineCounters &counters)
{
    if (!m_runId || m_sinceProgress.elapsed() < ProgressIntervalMs)
        return;
    m_sinceProgress.restart();
    RunRepository(*m_database)
        .updateProgress(m_runId, RunState::Transforming, counters.rowsRead, counters.rowsWritten,
                        counters.rowsRejected, counters.bytesRead);
}

void RunRecording::finish(const CsvExportResult &result, const QString &rejectedPath)
{
    if (!m_runId)
        return;
    RunRepository runs(*m_database);
    const PipelineCounters &c = result.counters;
    runs.updateProgress(m_runId, RunState::Transforming, c.rowsRead, c.rowsWritten, c.rowsRejected,
                        c.bytesRead);
    switch (result.state) {
    case RunState::Succeeded:
        runs.appendEvent(m_runId, RunEvent::Level::Info,
                         tr("Wrote %Ln row(s) in %1 s.", nullptr, static_cast<int>(c.rowsWritten))
                             .arg(result.seconds, 0, 'f', 2));
        if (c.rowsRejected > 0)
            runs.appendEvent(m_runId, RunEvent::Level::Warning,
                             tr("Rejected %Ln row(s); they are in %1 with the reasons.", nullptr,
                                static_cast<int>(c.rowsRejected))
                                 .arg(QDir::toNativeSeparators(rejectedPath)));
        break;
    case RunState::Cancelled:
        runs.appendEvent(m_runId, RunEvent::Level::Warning, result.error);
        break;
    default:
        runs.appendEvent(m_runId, RunEvent::Level::Error, result.error);
        break;
    }
    RunOutcome outcome;
    outcome.state = result.state;
    outcome.error = result.state == RunState::Succeeded ? QString() : result.error;
    if (result.state == RunState::Succeeded) {
        outcome.outputPath = m_outputPath;
        outcome.rejectedPath = result.rejectedPath;
    }
    runs.finish(m_runId, outcome);
}

} // namespace courier
