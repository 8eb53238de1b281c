#include "ExchangeFetch.h"

#include "common/Logging.h"
#include "connectors/csv/CsvPartsReader.h"
#include "connectors/csv/CsvRecordCount.h"
#include "connectors/csv/CsvWriter.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QRegularExpression>
#include <QTimer>

namespace courier {

namespace {

// New jobs one fetch may request after the first one went away, before giving up.
constexpr int MaxGoneJobs = 3;
// Times a part may answer "not ready" (409) after its job said COMPLETED.
constexpr int MaxNotReadyParts = 5;
constexpr int MaxIncompleteParts = 3;
// How long an export may take to be prepared, unless the endpoint says otherwise
// (settings "exportTimeoutMinutes"). The exchange keeps a job for 24 h.
constexpr int DefaultExportTimeoutMinutes = 6 * 60;

QString idString(const QJsonValue &value)
{
    return value.isDouble() ? QString::number(value.toInteger()) : value.toString();
}

// The message of {"error": {"message": ...}} or {"error": "..."}.
QString jobError(const QJsonObject &job)
{
    const QJsonValue error = job.value(QStringLiteral("error"));
    if (error.isString())
        return error.toString().simplified().left(300);
    const QString message = error.toObject().value(QStringLiteral("message")).toString();
    return message.simplified().left(300);
}

} // namespace

ExchangeFetch::ExchangeFetch(ConnectorContext &context, AudienceInfo audience, QStringList columns)
    : m_api(context)
    , m_context(context)
    , m_audience(std::move(audience))
    , m_columns(std::move(columns))
{}

ExchangeFetch::~ExchangeFetch()
{
    cancel();
}

void ExchangeFetch::fetch(StepDone done)
{
    m_done = std::move(done);
    m_running = true;

    const QJsonObject checkpoint = m_context.checkpoint(QStringLiteral("source"));
    const QString jobId = checkpoint.value(QStringLiteral("jobId")).toString();
    const QString segmentId = checkpoint.value(QStringLiteral("segmentId")).toString();
    if (jobId.isEmpty() || (!segmentId.isEmpty() && segmentId != m_audience.externalId)) {
        requestJob();
        return;
    }

    m_sameSnapshot = true;
    m_jobId = jobId;
    m_requestedAt = QDateTime::fromString(
        checkpoint.value(QStringLiteral("requestedAt")).toString(), Qt::ISODateWithMs);
    const QJsonValue parts = checkpoint.value(QStringLiteral("parts"));
    m_partsKnown = parts.isArray();
    int onDisk = 0;
    for (const QJsonValue &value : parts.toArray()) {
        const QJsonObject object = value.toObject();
        Part part;
        part.dataId = idString(object.value(QStringLiteral("dataId")));
        part.file = object.value(QStringLiteral("file")).toString();
        if (part.file.isEmpty())
            part.file = fileNameFor(part.dataId);
        part.rows = object.value(QStringLiteral("rows")).toInteger(-1);
        // A part counts as downloaded only while its file is still there.
        part.done =
            object.value(QStringLiteral("done")).toBool() && QFileInfo(partPath(part)).isFile();
        onDisk += part.done ? 1 : 0;
        m_parts << part;
    }
    m_context.log(
        RunEvent::Level::Info,
        tr("Resuming the export job %1 of “%2”; %n part(s) already downloaded.", nullptr, onDisk)
            .arg(m_jobId, m_audience.name));
    // All parts on disk: they are the snapshot, whatever became of the job since.
    if (m_partsKnown && onDisk == m_parts.size() && !m_parts.isEmpty()) {
        // Not from inside fetch(): the caller may not expect done() before it returns.
        QTimer::singleShot(0, &m_owner, [this] { finish(true); });
        return;
    }
    poll();
}

void ExchangeFetch::cancel()
{
    m_running = false;
    m_done = nullptr;
    ExchangeApi::drop(m_job);
    if (m_poller) {
        m_poller->cancel();
        m_poller.release()->deleteLater(); // we may be inside one of its callbacks
    }
}

void ExchangeFetch::requestJob()
{
    m_context.enterPhase(RunState::Requesting);
    QJsonObject body{{QStringLiteral("segmentId"), m_audience.externalId}};
    if (!m_columns.isEmpty())
        body.insert(QStringLiteral("columns"), QJsonArray::fromStringList(m_columns));
    m_job = m_api.send(&m_owner,
                       ExchangeApi::jsonRequest(QNetworkAccessManager::PostOperation,
                                                m_api.url(QStringLiteral("v1/jobs")), body),
                       [this](const ExchangeReply &reply) { onJobCreated(reply); });
}

void ExchangeFetch::onJobCreated(const ExchangeReply &reply)
{
    m_job = nullptr;
    if (!reply.ok) {
        if (reply.status == 404) {
            return finish(false,
                          tr("The segment “%1” (%2) no longer exists on the exchange “%3”.")
                              .arg(m_audience.name, m_audience.externalId, m_api.endpointName()));
        }
        return finish(false, reply.error);
    }
    QJsonObject job;
    QString error;
    if (!ExchangeApi::parseObject(reply.body, &job, &error))
        return finish(false, error);
    m_jobId = idString(job.value(QStringLiteral("jobId")));
    if (m_jobId.isEmpty())
        return finish(false, tr("The exchange “%1” accepted the export but sent no job id.")
                                 .arg(m_api.endpointName()));
    ++m_jobsRequested;
    m_requestedAt = QDateTime::currentDateTimeUtc();
    m_parts.clear();
    m_partsKnown = false;
    saveCheckpoint();
    m_context.log(RunEvent::Level::Info,
                  tr("Requested an export of “%1” from the exchange (job %2).")
                      .arg(m_audience.name, m_jobId));
    poll();
}

void ExchangeFetch::poll()
{
    m_context.enterPhase(RunState::Waiting);
    if (m_poller)
        m_poller.release()->deleteLater(); // we may be inside its callback
    const QUrl url = m_api.url(QStringLiteral("v1/jobs/") + ExchangeApi::id(m_jobId));
    m_poller = std::make_unique<Poller>(
        m_context.network(), ExchangeApi::request(QNetworkAccessManager::GetOperation, url),
        [this](int status, const QByteArray &body) { return classify(status, body); });
    m_api.configure(*m_poller);
    m_poller->setAcceptedStatuses({404, 410});
    const int minutes =
        m_context.endpoint().settings.value(QStringLiteral("exportTimeoutMinutes")).toInt();
    m_poller->setDeadline(
        std::chrono::minutes(minutes > 0 ? minutes : DefaultExportTimeoutMinutes));
    m_poller->setProgressHandler([this](int percent) {
        qCDebug(lcConnectors) << "exchange job" << m_jobId << percent << "% complete";
        if (percent >= 0)
            m_context.reportWaiting(percent);
    });
    m_poller->start([this](Poller::Outcome outcome) { onPolled(outcome); });
}

PollVerdict ExchangeFetch::classify(int status, const QByteArray &body)
{
    if (status == 410)
        return PollVerdict::gone(tr("the export job expired"));
    if (status == 404)
        return PollVerdict::gone(tr("the exchange no longer knows the export job"));
    QJsonObject job;
    QString error;
    if (!ExchangeApi::parseObject(body, &job, &error))
        return PollVerdict::failed(error);
    const QString state = job.value(QStringLiteral("status")).toString().toUpper();
    if (state == QLatin1String("COMPLETED"))
        return PollVerdict::ready();
    if (state == QLatin1String("FAILED")) {
        const QString why = jobError(job);
        return PollVerdict::failed(why.isEmpty() ? tr("no reason given") : why);
    }
    if (state != QLatin1String("PROCESSING") && state != QLatin1String("PENDING") &&
        state != QLatin1String("QUEUED")) {
        qCWarning(lcConnectors) << "exchange job" << m_jobId << "in unknown state" << state
                                << "; polling on";
    }
    const QJsonValue percent = job.value(QStringLiteral("percentComplete"));
    return PollVerdict::notReady(percent.isDouble() ? percent.toInt() : -1);
}

void ExchangeFetch::onPolled(Poller::Outcome outcome)
{
    switch (outcome) {
    case Poller::Outcome::Ready: {
        QJsonObject job;
        QString error;
        if (!ExchangeApi::parseObject(m_poller->body(), &job, &error) || !takeParts(job, &error))
            return finish(false, error);
        saveCheckpoint();
        m_context.enterPhase(RunState::Downloading);
        downloadNext();
        return;
    }
    case Poller::Outcome::Gone:
        jobGone(m_poller->message());
        return;
    case Poller::Outcome::Failed:
    case Poller::Outcome::RequestAgain:
        if (++m_failedJobs == 1) {
            m_context.log(RunEvent::Level::Warning,
                          tr("The exchange could not prepare the export (%1); asking once more.")
                              .arg(m_poller->message()));
            discardParts();
            m_sameSnapshot = false;
            requestJob();
            return;
        }
        finish(false, tr("The exchange “%1” could not prepare the export of “%2”: %3")
                          .arg(m_api.endpointName(), m_audience.name, m_poller->message()));
        return;
    case Poller::Outcome::TimedOut:
        finish(false, m_poller->message());
        return;
    case Poller::Outcome::RequestFailed:
        finish(false, m_api.errorMessage(m_poller->httpStatus(), m_poller->errorBody(),
                                         m_poller->message()));
        return;
    }
}

bool ExchangeFetch::takeParts(const QJsonObject &job, QString *error)
{
    const QJsonValue data = job.value(QStringLiteral("data"));
    if (!data.isArray()) {
        *error = tr("The exchange “%1” said the export is ready but listed no data.")
                     .arg(m_api.endpointName());
        return false;
    }
    QList<Part> parts;
    for (const QJsonValue &value : data.toArray()) {
        const QJsonObject object = value.toObject();
        Part part;
        part.dataId = idString(object.value(QStringLiteral("dataId")));
        if (part.dataId.isEmpty()) {
            *error = tr("The exchange “%1” listed a part of the export without an id.")
                         .arg(m_api.endpointName());
            return false;
        }
        part.file = fileNameFor(part.dataId);
        part.rows = object.value(QStringLiteral("rows")).toInteger(-1);
        // Downloaded before an interruption, from this same job.
        for (const Part &known : std::as_const(m_parts)) {
            if (known.dataId == part.dataId && known.done && QFileInfo(partPath(known)).isFile()) {
                part.file = known.file;
                part.done = true;
            }
        }
        parts << part;
    }
    m_parts = parts;
    m_partsKnown = true;
    qint64 rows = 0;
    for (const Part &part : std::as_const(m_parts))
        rows += std::max<qint64>(part.rows, 0);
    m_context.log(RunEvent::Level::Info, tr("The export is ready: %n part(s), %1 rows.", nullptr,
                                            static_cast<int>(m_parts.size()))
                                             .arg(rows));
    return true;
}

void ExchangeFetch::downloadNext()
{
    m_current = -1;
    for (int i = 0; i < m_parts.size(); ++i) {
        if (!m_parts.at(i).done) {
            m_current = i;
            break;
        }
    }
    if (m_current < 0) {
        m_context.reportDownload(m_bytesDone, m_bytesDone);
        finish(true);
        return;
    }
    const Part &part = m_parts.at(m_current);
    HttpRequestSpec spec = ExchangeApi::request(
        QNetworkAccessManager::GetOperation,
        m_api.url(QStringLiteral("v1/jobs/%1/data/%2")
                      .arg(ExchangeApi::id(m_jobId), ExchangeApi::id(part.dataId))));
    spec.headers = {{QByteArrayLiteral("Accept"), QByteArrayLiteral("text/csv")}};
    const int index = m_current;
    HttpJob *job = m_api.send(
        &m_owner, std::move(spec),
        [this, index](const ExchangeReply &reply) { onPartDownloaded(index, reply); },
        {404, 409, 410}, partPath(part));
    QObject::connect(job, &HttpJob::progress, &m_owner, [this](qint64 received, qint64) {
        m_context.reportDownload(m_bytesDone + received, -1);
    });
    m_job = job;
}

void ExchangeFetch::onPartDownloaded(int index, const ExchangeReply &reply)
{
    m_job = nullptr;
    if (!reply.ok)
        return finish(false, reply.error);
    if (reply.status == 404 || reply.status == 410) {
        jobGone(reply.status == 410
                    ? tr("its data expired")
                    : tr("the exchange no longer knows part %1").arg(m_parts.at(index).dataId));
        return;
    }
    if (reply.status == 409) {
        if (++m_notReadyParts > MaxNotReadyParts)
            return finish(false, reply.error.isEmpty()
                                     ? tr("The exchange kept saying the export is not ready.")
                                     : reply.error);
        poll();
        return;
    }
    Part &part = m_parts[index];
    // A chunked body cut short can pass for a complete one (Qt 6.4): hold the file to the
    // row count the job announced, and fetch the part again when it falls short.
    QString countError;
    const auto rows = csv::countRecords(partPath(part), &countError);
    if (!rows)
        return finish(false, countError);
    if (part.rows >= 0 && *rows != part.rows) {
        QFile::remove(partPath(part));
        if (++m_incompleteParts > MaxIncompleteParts)
            return finish(false, tr("Part %1 of the export kept arriving incomplete (%2 of %3 "
                                    "rows).")
                                     .arg(part.dataId)
                                     .arg(*rows)
                                     .arg(part.rows));
        m_context.log(RunEvent::Level::Warning,
                      tr("Part %1 of the export arrived incomplete (%2 of %3 rows); fetching "
                         "it again.")
                          .arg(part.dataId)
                          .arg(*rows)
                          .arg(part.rows));
        downloadNext();
        return;
    }
    part.done = true;
    ++m_partsDownloaded;
    m_bytesDone += QFileInfo(partPath(part)).size();
    qCDebug(lcConnectors) << "exchange job" << m_jobId << "part" << part.dataId << "downloaded";
    saveCheckpoint();
    downloadNext();
}

void ExchangeFetch::jobGone(const QString &why)
{
    if (++m_goneJobs > MaxGoneJobs) {
        return finish(false, tr("The exchange “%1” kept losing the export of “%2” (%3).")
                                 .arg(m_api.endpointName(), m_audience.name, why));
    }
    m_context.log(RunEvent::Level::Warning,
                  tr("The export job %1 is no longer available (%2); requesting a new one.")
                      .arg(m_jobId, why));
    discardParts();
    m_sameSnapshot = false;
    requestJob();
}

void ExchangeFetch::saveCheckpoint()
{
    QJsonObject checkpoint{
        {QStringLiteral("jobId"), m_jobId},
        {QStringLiteral("segmentId"), m_audience.externalId},
        {QStringLiteral("requestedAt"), m_requestedAt.toString(Qt::ISODateWithMs)},
    };
    if (m_partsKnown) {
        QJsonArray parts;
        for (const Part &part : std::as_const(m_parts)) {
            parts.append(QJsonObject{
                {QStringLiteral("dataId"), part.dataId},
                {QStringLiteral("file"), part.file},
                {QStringLiteral("rows"), part.rows},
                {QStringLiteral("done"), part.done},
            });
        }
        checkpoint.insert(QStringLiteral("parts"), parts);
    }
    m_context.saveCheckpoint(QStringLiteral("source"), checkpoint);
}

void ExchangeFetch::discardParts()
{
    for (const Part &part : std::as_const(m_parts))
        QFile::remove(partPath(part));
    m_parts.clear();
    m_partsKnown = false;
    m_bytesDone = 0;
}

QString ExchangeFetch::partPath(const Part &part) const
{
    return QDir(m_context.workDirectory()).filePath(part.file);
}

QString ExchangeFetch::fileNameFor(const QString &dataId)
{
    // The id is the server's: keep it out of paths unless it is plainly harmless.
    static const QRegularExpression safe(QStringLiteral("^[A-Za-z0-9_-]{1,64}$"));
    if (safe.match(dataId).hasMatch())
        return QStringLiteral("part-%1.csv").arg(dataId);
    return QStringLiteral("part-%1.csv").arg(QString::fromLatin1(dataId.toUtf8().toHex().left(64)));
}

std::unique_ptr<RowReader> ExchangeFetch::openRows(QString *error)
{
    QStringList paths;
    for (const Part &part : std::as_const(m_parts)) {
        if (part.done)
            paths << partPath(part);
    }
    return CsvPartsReader::openOwnParts(
        paths, QDir(m_context.workDirectory()).filePath(QStringLiteral("part-empty.csv")),
        !m_columns.isEmpty() ? m_columns : m_audience.identifiers + m_audience.attributes, error);
}

void ExchangeFetch::finish(bool ok, const QString &error)
{
    if (!m_running)
        return;
    m_running = false;
    if (ok) {
        qCDebug(lcConnectors) << "exchange fetch of" << m_audience.externalId << "done: job"
                              << m_jobId << "parts" << m_parts.size() << "downloaded"
                              << m_partsDownloaded << "same snapshot" << m_sameSnapshot;
    }
    StepDone done = std::move(m_done);
    m_done = nullptr;
    if (done)
        done(ok, error); // may delete this
}

} // namespace courier
