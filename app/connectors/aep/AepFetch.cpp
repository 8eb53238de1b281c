#include "AepFetch.h"

#include "AepMembershipQuery.h"
#include "common/Logging.h"
#include "connectors/common/PendingCalls.h"
#include "connectors/csv/CsvPartsReader.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QThread>
#include <QTimer>

namespace courier {

namespace {

const QString RowsFileName = QStringLiteral("aep-members.csv");
const QString Source = QStringLiteral("source");

QString jobIdOf(const QJsonValue &value)
{
    return value.isDouble() ? QString::number(value.toInteger()) : value.toString();
}

// Adobe's reason for a FAILED job: errors[].msg (with its code), joined.
QString failureReason(const QJsonObject &job)
{
    QStringList reasons;
    const QJsonArray errors = job.value(QStringLiteral("errors")).toArray();
    for (const QJsonValue &value : errors) {
        const QJsonObject error = value.toObject();
        const QString message = error.value(QStringLiteral("msg")).toString().simplified();
        const QString code = error.value(QStringLiteral("code")).toString();
        if (!message.isEmpty())
            reasons << (code.isEmpty() ? message : QStringLiteral("%1 (%2)").arg(message, code));
    }
    return reasons.join(QStringLiteral("; ")).left(500);
}

} // namespace

AepFetch::AepFetch(ConnectorContext &context, const FetchRequest &request)
    : m_context(context)
    , m_audience(request.audience)
    , m_session(context, m_settings)
    , m_api(context, m_settings, m_session)
    , m_calls(std::make_unique<QObject>())
{
    if (auto settings = AepSettings::read(context, &m_settingsError)) {
        m_settings = std::move(*settings);
        m_settingsOk = true;
        QJsonObject fingerprint = jobBody();
        fingerprint.insert(QStringLiteral("query"),
                           QStringList{m_settings.queryHost, QString::number(m_settings.queryPort),
                                       m_settings.queryDatabase, m_settings.queryTable,
                                       m_settings.personIdField}
                               .join(QLatin1Char('\n')));
        m_fingerprint = QString::fromLatin1(
            QCryptographicHash::hash(QJsonDocument(fingerprint).toJson(QJsonDocument::Compact),
                                     QCryptographicHash::Sha256)
                .toHex()
                .left(32));
    }
}

AepFetch::~AepFetch()
{
    cancel();
    if (m_worker)
        m_worker->wait(); // the query stops at its next row
}

QString AepFetch::rowsFilePath() const
{
    return QDir(m_context.workDirectory()).filePath(RowsFileName);
}

QJsonObject AepFetch::jobBody() const
{
    QJsonObject body{
        {QStringLiteral("filter"),
         QJsonObject{{QStringLiteral("segments"),
                      QJsonArray{QJsonObject{
                          {QStringLiteral("segmentId"), m_audience.externalId},
                          {QStringLiteral("segmentNs"), QStringLiteral("ups")},
                          {QStringLiteral("status"), QJsonArray{QStringLiteral("realized")}}}}}}},
        {QStringLiteral("destination"),
         QJsonObject{{QStringLiteral("datasetId"), m_settings.datasetId},
                     {QStringLiteral("segmentPerBatch"), false}}},
        {QStringLiteral("schema"),
         QJsonObject{{QStringLiteral("name"), QStringLiteral("_xdm.context.profile")}}},
    };
    // The person id must be exported; its top-level field is what the export keeps.
    QString fields = m_settings.fields;
    if (fields.isEmpty())
        fields = m_settings.personIdField;
    body.insert(QStringLiteral("fields"), fields);
    return body;
}

void AepFetch::fetch(StepDone done)
{
    m_done = std::move(done);
    m_running = true;
    // Not from inside fetch(): the caller may not expect done() before it returns.
    QTimer::singleShot(0, m_calls.get(), [this] { begin(); });
}

void AepFetch::begin()
{
    if (!m_settingsOk)
        return finish(false, m_settingsError);
    if (m_audience.externalId.isEmpty())
        return finish(false, tr("The audience has no Experience Platform segment id; refresh "
                                "the endpoint's audiences."));

    const QJsonObject checkpoint = m_context.checkpoint(Source);
    m_jobId = checkpoint.value(QStringLiteral("jobId")).toString();
    if (m_jobId.isEmpty())
        return createJob();
    if (checkpoint.value(QStringLiteral("segment")).toString() != m_audience.externalId ||
        checkpoint.value(QStringLiteral("request")).toString() != m_fingerprint) {
        m_context.log(RunEvent::Level::Info,
                      tr("The endpoint's export or Query Service settings changed since the "
                         "interruption; starting a new export job."));
        return createJob();
    }
    m_sameSnapshot = true;
    m_succeeded = checkpoint.value(QStringLiteral("succeeded")).toBool();
    m_members = checkpoint.value(QStringLiteral("members")).toInteger();
    m_read =
        checkpoint.value(QStringLiteral("read")).toBool() && QFileInfo(rowsFilePath()).isFile();
    if (m_read) {
        m_context.log(RunEvent::Level::Info,
                      tr("Resuming: the members of “%1” from export job %2 are already read.")
                          .arg(m_audience.name, m_jobId));
        return finish(true);
    }
    if (m_succeeded) {
        m_context.log(RunEvent::Level::Info,
                      tr("Resuming: export job %1 of “%2” had succeeded; reading its members.")
                          .arg(m_jobId, m_audience.name));
        return runQuery();
    }
    m_context.log(RunEvent::Level::Info,
                  tr("Resuming export job %1 of “%2”.").arg(m_jobId, m_audience.name));
    poll();
}

void AepFetch::cancel()
{
    m_running = false;
    m_done = nullptr;
    m_cancelQuery = true;
    dropCalls();
}

void AepFetch::dropCalls()
{
    dropPendingCalls(m_poller, m_calls);
}

void AepFetch::createJob()
{
    m_context.enterPhase(RunState::Requesting);
    QFile::remove(rowsFilePath());
    m_jobId.clear();
    m_succeeded = false;
    m_read = false;
    m_members = 0;
    m_api.send(m_calls.get(),
               m_api.jsonRequest(QNetworkAccessManager::PostOperation,
                                 m_api.url(QStringLiteral("data/core/ups/export/jobs")), jobBody()),
               [this](const AepReply &reply) { onJobCreated(reply); });
}

void AepFetch::onJobCreated(const AepReply &reply)
{
    if (!m_running)
        return;
    if (!reply.ok) {
        return finish(false, tr("Creating the export job of “%1” in Experience Platform failed: %2")
                                 .arg(m_audience.name, reply.error));
    }
    QJsonObject answer;
    QString error;
    if (!AepApi::parseObject(reply.body, &answer, &error))
        return finish(false, error);
    m_jobId = jobIdOf(answer.value(QStringLiteral("id")));
    if (m_jobId.isEmpty()) {
        return finish(false, tr("Experience Platform accepted the export job of “%1” but sent "
                                "no job id.")
                                 .arg(m_audience.name));
    }
    ++m_jobsCreated;
    saveCheckpoint();
    m_context.log(RunEvent::Level::Info,
                  tr("Created export job %1 of “%2” into dataset %3 in Experience Platform.")
                      .arg(m_jobId, m_audience.name, m_settings.datasetId));
    poll();
}

void AepFetch::poll()
{
    m_context.enterPhase(RunState::Waiting);
    if (m_poller)
        m_poller.release()->deleteLater(); // we may be inside its callback
    m_poller = std::make_unique<Poller>(
        m_context.network(),
        m_api.request(
            QNetworkAccessManager::GetOperation,
            m_api.url(QStringLiteral("data/core/ups/export/jobs/") + AepApi::id(m_jobId))),
        [this](int status, const QByteArray &body) { return classify(status, body); });
    m_api.configure(*m_poller);
    m_poller->setDeadline(std::chrono::minutes(m_settings.exportTimeoutMinutes));
    QPointer<QObject> guard(m_calls.get());
    m_session.ensureFresh([this, guard](bool ok, const QString &error) {
        if (!guard || !m_running)
            return;
        if (!ok)
            return finish(false, error);
        m_poller->start([this](Poller::Outcome outcome) { onPolled(outcome); });
    });
}

PollVerdict AepFetch::classify(int, const QByteArray &body) const
{
    const QJsonObject job = QJsonDocument::fromJson(body).object();
    const QString status = job.value(QStringLiteral("status")).toString().toUpper();
    if (status == QLatin1String("SUCCEEDED"))
        return PollVerdict::ready();
    if (status == QLatin1String("FAILED")) {
        const QString reason = failureReason(job);
        return PollVerdict::requestAgain(reason.isEmpty() ? tr("no reason given") : reason);
    }
    if (status == QLatin1String("CANCELLED") || status == QLatin1String("CANCELED")) {
        return PollVerdict::failed(tr("Export job %1 of “%2” was cancelled in Experience Platform.")
                                       .arg(m_jobId, m_audience.name));
    }
    // NEW, PROCESSING, or an answer that cannot be read (asked again).
    return PollVerdict::notReady();
}

void AepFetch::onPolled(Poller::Outcome outcome)
{
    if (!m_running)
        return;
    switch (outcome) {
    case Poller::Outcome::Ready:
        m_succeeded = true;
        saveCheckpoint();
        m_context.log(RunEvent::Level::Info,
                      tr("Export job %1 of “%2” succeeded.").arg(m_jobId, m_audience.name));
        runQuery();
        return;
    case Poller::Outcome::RequestAgain:
        jobFailed(m_poller->message());
        return;
    case Poller::Outcome::Gone:
    case Poller::Outcome::Failed:
        finish(false, m_poller->message());
        return;
    case Poller::Outcome::TimedOut:
        finish(false, tr("Export job %1 of “%2” did not finish within %n minute(s); try again "
                         "later or raise the endpoint's export timeout.",
                         nullptr, m_settings.exportTimeoutMinutes)
                          .arg(m_jobId, m_audience.name));
        return;
    case Poller::Outcome::RequestFailed:
        finish(false, tr("Checking export job %1 of “%2” failed: %3")
                          .arg(m_jobId, m_audience.name,
                               m_api.errorMessage(m_poller->httpStatus(), m_poller->errorBody(),
                                                  m_poller->message())));
        return;
    }
}

void AepFetch::jobFailed(const QString &why)
{
    m_sameSnapshot = false;
    if (++m_failedJobs > MaxFailedJobs) {
        return finish(false, tr("Experience Platform could not export “%1” (export job %2 "
                                "FAILED, %n attempt(s)): %3. Check the job in Experience "
                                "Platform's monitoring, or try again later.",
                                nullptr, m_failedJobs)
                                 .arg(m_audience.name, m_jobId, why));
    }
    m_context.log(RunEvent::Level::Warning,
                  tr("Export job %1 of “%2” FAILED (%3); creating a new one.")
                      .arg(m_jobId, m_audience.name, why));
    createJob();
}

void AepFetch::runQuery()
{
    m_context.enterPhase(RunState::Downloading);
    QPointer<QObject> guard(m_calls.get());
    // The Query Service password is the access token: one that will not lapse mid-query.
    m_session.ensureFresh([this, guard](bool ok, const QString &error) {
        if (!guard || !m_running)
            return;
        if (!ok)
            return finish(false, error);
        AepMembershipQuery::Params params;
        params.host = m_settings.queryHost;
        params.port = m_settings.queryPort;
        params.database = m_settings.queryDatabase;
        params.user = m_settings.orgId;
        params.password = m_session.current();
        params.sslMode = m_settings.querySslMode;
        params.table = m_settings.queryTable;
        params.personIdField = m_settings.personIdField;
        params.dialect = m_settings.queryDialect;
        params.audienceId = m_audience.externalId;
        params.audienceName = m_audience.name;
        params.outputPath = rowsFilePath();
        m_query = std::make_unique<AepMembershipQuery>(std::move(params));
        m_cancelQuery = false;
        m_queryOk = false;
        // Blocking SQL: not on the run's thread, which keeps answering (cancel) meanwhile.
        m_worker.reset(QThread::create([this] { m_queryOk = m_query->run(m_cancelQuery); }));
        m_worker->setObjectName(QStringLiteral("aep-query"));
        QObject::connect(m_worker.get(), &QThread::finished, m_calls.get(),
                         [this] { onQueried(); });
        m_worker->start();
    });
}

void AepFetch::onQueried()
{
    m_worker->wait(); // finished: returns at once, and makes the worker's writes visible
    if (!m_running)
        return;
    if (!m_queryOk)
        return finish(false, m_query->errorString());
    m_read = true;
    m_members = m_query->members();
    saveCheckpoint();
    m_context.log(RunEvent::Level::Info,
                  tr("Read %n realized member(s) of “%1” through Query Service (table %2).",
                     nullptr, static_cast<int>(std::min<qint64>(m_members, INT_MAX)))
                      .arg(m_audience.name, m_settings.queryTable));
    finish(true);
}

void AepFetch::saveCheckpoint()
{
    m_context.saveCheckpoint(Source, QJsonObject{
                                         {QStringLiteral("segment"), m_audience.externalId},
                                         {QStringLiteral("request"), m_fingerprint},
                                         {QStringLiteral("jobId"), m_jobId},
                                         {QStringLiteral("succeeded"), m_succeeded},
                                         {QStringLiteral("read"), m_read},
                                         {QStringLiteral("members"), m_members},
                                     });
}

std::unique_ptr<RowReader> AepFetch::openRows(QString *error)
{
    if (!m_read) {
        if (error)
            *error = tr("The Experience Platform audience has not been read yet.");
        return nullptr;
    }
    return CsvPartsReader::openOwnParts({rowsFilePath()}, error);
}

void AepFetch::finish(bool ok, const QString &error)
{
    if (!m_running)
        return;
    m_running = false;
    qCDebug(lcConnectors) << "aep fetch of" << m_audience.externalId << (ok ? "done" : "failed")
                          << ": job" << m_jobId << "members" << m_members << "jobs"
                          << m_jobsCreated;
    StepDone done = std::move(m_done);
    m_done = nullptr;
    if (done)
        done(ok, error); // may delete this
}

} // namespace courier
