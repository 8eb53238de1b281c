#include "ApsisFetch.h"

#include "ApsisExportConverter.h"
#include "common/Logging.h"
#include "connectors/common/PendingCalls.h"
#include "connectors/csv/CsvPartsReader.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QLocale>
#include <QThread>
#include <QTimer>

namespace courier {

namespace {

const QString ExportFileName = QStringLiteral("apsis-export.json");
const QString RowsFileName = QStringLiteral("apsis-rows.csv");
// How long an export may take to be prepared unless the endpoint says otherwise (settings
// "exportTimeoutMinutes"); APSIS keeps a poll URL for a day.
constexpr int DefaultExportTimeoutMinutes = 6 * 60;

QString fingerprintOf(const QJsonObject &body)
{
    const QByteArray json = QJsonDocument(body).toJson(QJsonDocument::Compact);
    return QString::fromLatin1(
        QCryptographicHash::hash(json, QCryptographicHash::Sha256).toHex().left(32));
}

QString megabytes(qint64 bytes)
{
    return QLocale().toString(static_cast<double>(bytes) / (1024.0 * 1024.0), 'f', 1);
}

} // namespace

ApsisFetch::ApsisFetch(ConnectorContext &context, const FetchRequest &request)
    : m_context(context)
    , m_audience(request.audience)
    , m_session(context)
    , m_api(context, m_session)
    , m_calls(std::make_unique<QObject>())
{
    m_plan =
        ApsisExportRequest::plan(request.audience, request.columns, request.options, &m_planError);
    if (m_plan)
        m_fingerprint = fingerprintOf(m_plan->body());
}

ApsisFetch::~ApsisFetch()
{
    cancel();
    if (m_worker)
        m_worker->wait(); // the converter stops at its next batch of rows
}

QString ApsisFetch::exportFilePath() const
{
    return QDir(m_context.workDirectory()).filePath(ExportFileName);
}

QString ApsisFetch::rowsFilePath() const
{
    return QDir(m_context.workDirectory()).filePath(RowsFileName);
}

void ApsisFetch::fetch(StepDone done)
{
    m_done = std::move(done);
    m_running = true;
    // Not from inside fetch(): the caller may not expect done() before it returns.
    QTimer::singleShot(0, m_calls.get(), [this] { begin(); });
}

void ApsisFetch::begin()
{
    if (!m_plan) {
        // Refused here, as APSIS would: nothing was sent.
        finish(false, m_planError);
        return;
    }
    for (const QString &note : std::as_const(m_plan->notes))
        m_context.log(RunEvent::Level::Warning, note);

    const QJsonObject checkpoint = m_context.checkpoint(QStringLiteral("source"));
    const QString pollUrl = checkpoint.value(QStringLiteral("pollUrl")).toString();
    if (pollUrl.isEmpty()) {
        requestExport();
        return;
    }
    if (checkpoint.value(QStringLiteral("segment")).toString() != m_plan->segment ||
        checkpoint.value(QStringLiteral("request")).toString() != m_fingerprint) {
        m_context.log(RunEvent::Level::Info,
                      tr("The share asks APSIS One for other columns or events than before the "
                         "interruption; requesting a new export."));
        requestExport();
        return;
    }

    m_sameSnapshot = true;
    m_exportId = checkpoint.value(QStringLiteral("exportId")).toString();
    m_pollUrl = QUrl(pollUrl);
    m_expiresAt = QDateTime::fromString(checkpoint.value(QStringLiteral("expiresAt")).toString(),
                                        Qt::ISODateWithMs);
    m_requestedAt = QDateTime::fromString(
        checkpoint.value(QStringLiteral("requestedAt")).toString(), Qt::ISODateWithMs);
    m_profiles = checkpoint.value(QStringLiteral("profiles")).toInteger();
    // Only files still on disk count.
    m_downloaded = checkpoint.value(QStringLiteral("downloaded")).toBool() &&
                   QFileInfo(exportFilePath()).isFile();
    m_converted = checkpoint.value(QStringLiteral("converted")).toBool() &&
                  QFileInfo(rowsFilePath()).isFile();

    if (m_converted) {
        m_context.log(RunEvent::Level::Info,
                      tr("Resuming: the APSIS One export %1 of “%2” is already downloaded and "
                         "read (%n profile(s)).",
                         nullptr, static_cast<int>(m_profiles))
                          .arg(m_exportId, m_audience.name));
        finish(true);
        return;
    }
    if (m_downloaded) {
        m_context.log(RunEvent::Level::Info,
                      tr("Resuming: the APSIS One export %1 of “%2” is already downloaded; "
                         "reading it.")
                          .arg(m_exportId, m_audience.name));
        convert();
        return;
    }
    if (m_expiresAt.isValid() && m_expiresAt <= QDateTime::currentDateTimeUtc()) {
        m_context.log(RunEvent::Level::Info,
                      tr("The APSIS One export %1 expired while the run was interrupted; "
                         "requesting a new one.")
                          .arg(m_exportId));
        m_sameSnapshot = false;
        requestExport();
        return;
    }
    m_context.log(RunEvent::Level::Info,
                  tr("Resuming the APSIS One export %1 of “%2”.").arg(m_exportId, m_audience.name));
    poll();
}

void ApsisFetch::cancel()
{
    m_running = false;
    m_done = nullptr;
    m_cancelConversion = true;
    dropCalls();
}

void ApsisFetch::dropCalls()
{
    dropPendingCalls(m_poller, m_calls);
}

void ApsisFetch::requestExport()
{
    m_context.enterPhase(RunState::Requesting);
    discardFiles();
    m_exportId.clear();
    m_pollUrl.clear();
    m_expiresAt = QDateTime();
    m_downloaded = false;
    m_converted = false;
    m_profiles = 0;
    ApsisApi::CallOptions options;
    options.patient = true; // 1 request a second; "too many pending exports" is a 429 too
    m_api.send(
        m_calls.get(),
        ApsisApi::jsonRequest(QNetworkAccessManager::PostOperation,
                              m_api.url(QStringLiteral("audience/profiles/exports")),
                              m_plan->body()),
        [this](const ApsisReply &reply) { onExportCreated(reply); }, options);
}

void ApsisFetch::onExportCreated(const ApsisReply &reply)
{
    if (!m_running)
        return;
    if (!reply.ok) {
        return finish(false, tr("Requesting the export of “%1” from APSIS One failed: %2")
                                 .arg(m_audience.name, reply.error));
    }
    QJsonObject answer;
    QString error;
    if (!ApsisApi::parseObject(reply.body, &answer, &error))
        return finish(false, error);
    const QString pollText = answer.value(QStringLiteral("poll_url")).toString().trimmed();
    // Used as given; relative only if APSIS ever sends it so.
    const QUrl base = m_context.endpoint().contactUrl;
    const QUrl pollUrl = base.resolved(QUrl(pollText));
    if (pollText.isEmpty() || !pollUrl.isValid() ||
        (pollUrl.scheme() != QLatin1String("https") && pollUrl.scheme() != QLatin1String("http"))) {
        return finish(false, tr("APSIS One accepted the export of “%1” but sent no usable poll "
                                "address.")
                                 .arg(m_audience.name));
    }
    if (base.scheme() == QLatin1String("https") && pollUrl.scheme() != QLatin1String("https")) {
        // The access token would travel in clear.
        return finish(false, tr("APSIS One sent an unencrypted (http) poll address for the "
                                "export of “%1”; it was not used.")
                                 .arg(m_audience.name));
    }
    ++m_exportsRequested;
    m_pollUrl = pollUrl;
    const QJsonValue exportId = answer.value(QStringLiteral("export_id"));
    m_exportId = exportId.isDouble() ? QString::number(exportId.toInteger()) : exportId.toString();
    m_expiresAt = QDateTime::fromString(answer.value(QStringLiteral("expires_at")).toString(),
                                        Qt::ISODateWithMs)
                      .toUTC();
    m_requestedAt = QDateTime::currentDateTimeUtc();
    saveCheckpoint();
    m_context.log(RunEvent::Level::Info,
                  tr("Requested a profile export of “%1” from APSIS One (export %2).")
                      .arg(m_audience.name, m_exportId));
    poll();
}

void ApsisFetch::poll()
{
    m_context.enterPhase(RunState::Waiting);
    m_downloading = false;
    if (m_poller)
        m_poller.release()->deleteLater(); // we may be inside its callback
    HttpRequestSpec spec = ApsisApi::request(QNetworkAccessManager::GetOperation, m_pollUrl);
    // Asked for explicitly: an export file is JSON that shrinks ten times.
    spec.headers.append({QByteArrayLiteral("Accept-Encoding"), QByteArrayLiteral("gzip")});
    m_poller = std::make_unique<Poller>(
        m_context.network(), std::move(spec),
        [this](int status, const QByteArray &body) { return classify(status, body); });
    m_api.configure(*m_poller);
    m_poller->setAcceptedStatuses({404, 410, 503});
    m_poller->setResponseFile(exportFilePath());
    const int minutes =
        m_context.endpoint().settings.value(QStringLiteral("exportTimeoutMinutes")).toInt();
    m_poller->setDeadline(
        std::chrono::minutes(minutes > 0 ? minutes : DefaultExportTimeoutMinutes));
    QObject::connect(m_poller.get(), &Poller::downloadProgress, m_calls.get(),
                     [this](qint64 received, qint64 total) {
                         if (!m_downloading) {
                             m_downloading = true;
                             m_context.enterPhase(RunState::Downloading);
                         }
                         m_context.reportDownload(received, total);
                     });
    QPointer<QObject> guard(m_calls.get());
    // A poll loop may run for hours: start it with a token that is not about to lapse.
    m_session.ensureFresh([this, guard](bool ok, const QString &error) {
        if (!guard || !m_running)
            return;
        if (!ok)
            return finish(false, error);
        m_poller->start([this](Poller::Outcome outcome) { onPolled(outcome); });
    });
}

PollVerdict ApsisFetch::classify(int status, const QByteArray &body) const
{
    switch (status) {
    case 404:
        return PollVerdict::notReady();
    case 410: {
        const QString problem = ApsisApi::problemText(body);
        return PollVerdict::gone(problem.isEmpty() ? tr("the export expired") : problem);
    }
    case 503: {
        const QString problem = ApsisApi::problemText(body);
        return PollVerdict::requestAgain(problem.isEmpty() ? tr("processing the export failed")
                                                           : problem);
    }
    default:
        return PollVerdict::ready();
    }
}

void ApsisFetch::onPolled(Poller::Outcome outcome)
{
    if (!m_running)
        return;
    switch (outcome) {
    case Poller::Outcome::Ready: {
        m_downloaded = true;
        const qint64 bytes = QFileInfo(exportFilePath()).size();
        m_context.reportDownload(bytes, bytes);
        saveCheckpoint();
        m_context.log(
            RunEvent::Level::Info,
            tr("Downloaded the APSIS One export %1 (%2 MB).").arg(m_exportId, megabytes(bytes)));
        convert();
        return;
    }
    case Poller::Outcome::Gone:
        exportLost(m_poller->message());
        return;
    case Poller::Outcome::RequestAgain:
        exportFailed(m_poller->message());
        return;
    case Poller::Outcome::Failed:
    case Poller::Outcome::TimedOut:
        finish(false, m_poller->message());
        return;
    case Poller::Outcome::RequestFailed:
        finish(false, tr("Downloading the export of “%1” from APSIS One failed: %2")
                          .arg(m_audience.name,
                               m_api.errorMessage(m_poller->httpStatus(), m_poller->errorBody(),
                                                  m_poller->message())));
        return;
    }
}

void ApsisFetch::exportLost(const QString &why)
{
    m_sameSnapshot = false;
    if (++m_goneExports > MaxGoneExports) {
        return finish(false, tr("APSIS One kept losing the export of “%1” (%2); try again later.")
                                 .arg(m_audience.name, why));
    }
    m_context.log(RunEvent::Level::Warning,
                  tr("The APSIS One export %1 is no longer available (%2); requesting a new one.")
                      .arg(m_exportId, why));
    requestExport();
}

void ApsisFetch::exportFailed(const QString &why)
{
    m_sameSnapshot = false;
    if (++m_failedExports > MaxFailedExports) {
        return finish(false, tr("APSIS One could not prepare the export of “%1” (%n attempt(s)): "
                                "%2. Try again later, or contact APSIS support if it persists.",
                                nullptr, m_failedExports)
                                 .arg(m_audience.name, why));
    }
    m_context.log(RunEvent::Level::Warning,
                  tr("APSIS One could not prepare the export %1 (%2); requesting a new one.")
                      .arg(m_exportId, why));
    requestExport();
}

void ApsisFetch::convert()
{
    m_context.enterPhase(RunState::Downloading);
    m_cancelConversion = false;
    m_converterOk = false;
    m_converter = std::make_unique<ApsisExportConverter>(*m_plan);
    const QString json = exportFilePath();
    const QString csv = rowsFilePath();
    // Hundreds of megabytes take seconds to read: not on the run's thread, which keeps
    // answering (cancel, progress) meanwhile.
    m_worker.reset(QThread::create([this, json, csv] {
        m_converterOk = m_converter->convert(json, csv, &m_cancelConversion);
    }));
    m_worker->setObjectName(QStringLiteral("apsis-convert"));
    QObject::connect(m_worker.get(), &QThread::finished, m_calls.get(), [this] { onConverted(); });
    m_worker->start();
}

void ApsisFetch::onConverted()
{
    m_worker->wait(); // finished: returns at once, and makes the worker's writes visible
    if (!m_running)
        return;
    if (!m_converterOk) {
        const QString error = m_converter->errorString();
        if (m_converter->fileWasBad() && ++m_badFiles <= 1) {
            m_context.log(RunEvent::Level::Warning,
                          tr("The downloaded APSIS One export could not be read (%1); "
                             "downloading it again.")
                              .arg(error));
            QFile::remove(exportFilePath());
            m_downloaded = false;
            saveCheckpoint();
            poll(); // the same poll URL serves the file again until it expires
            return;
        }
        return finish(false, error);
    }
    m_converted = true;
    m_profiles = m_converter->profiles();
    m_repeatedEvents = m_converter->repeatedEvents();
    m_deprecatedValues = m_converter->deprecatedValues();
    saveCheckpoint();
    if (m_repeatedEvents > 0) {
        m_context.log(RunEvent::Level::Info,
                      tr("Read %n profile(s) from the APSIS One export of “%1”; %2 repeated "
                         "event deliveries were counted once.",
                         nullptr, static_cast<int>(std::min<qint64>(m_profiles, INT_MAX)))
                          .arg(m_audience.name)
                          .arg(m_repeatedEvents));
    } else {
        m_context.log(RunEvent::Level::Info,
                      tr("Read %n profile(s) from the APSIS One export of “%1”.", nullptr,
                         static_cast<int>(std::min<qint64>(m_profiles, INT_MAX)))
                          .arg(m_audience.name));
    }
    finish(true);
}

void ApsisFetch::saveCheckpoint()
{
    m_context.saveCheckpoint(
        QStringLiteral("source"),
        QJsonObject{
            {QStringLiteral("segment"), m_plan->segment},
            {QStringLiteral("request"), m_fingerprint},
            {QStringLiteral("exportId"), m_exportId},
            {QStringLiteral("pollUrl"), m_pollUrl.toString(QUrl::FullyEncoded)},
            {QStringLiteral("expiresAt"), m_expiresAt.toString(Qt::ISODateWithMs)},
            {QStringLiteral("requestedAt"), m_requestedAt.toString(Qt::ISODateWithMs)},
            {QStringLiteral("downloaded"), m_downloaded},
            {QStringLiteral("converted"), m_converted},
            {QStringLiteral("profiles"), m_profiles},
        });
}

void ApsisFetch::discardFiles()
{
    QFile::remove(exportFilePath());
    QFile::remove(rowsFilePath());
}

std::unique_ptr<RowReader> ApsisFetch::openRows(QString *error)
{
    if (!m_converted) {
        if (error)
            *error = tr("The APSIS One export has not been downloaded yet.");
        return nullptr;
    }
    return CsvPartsReader::openOwnParts({rowsFilePath()}, error);
}

void ApsisFetch::finish(bool ok, const QString &error)
{
    if (!m_running)
        return;
    m_running = false;
    qCDebug(lcConnectors) << "apsis fetch of" << m_audience.externalId << (ok ? "done" : "failed")
                          << ": export" << m_exportId << "profiles" << m_profiles << "exports"
                          << m_exportsRequested << "same snapshot" << m_sameSnapshot;
    StepDone done = std::move(m_done);
    m_done = nullptr;
    if (done)
        done(ok, error); // may delete this
}

} // namespace courier
