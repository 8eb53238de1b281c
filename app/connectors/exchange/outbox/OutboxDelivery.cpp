#include "OutboxDelivery.h"

#include "common/Logging.h"
#include "connectors/csv/CsvWriter.h"
#include "Outbox.h"
#include "OutboxRepository.h"

#include <climits>
#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLocale>
#include <QRandomGenerator>
#include <QSaveFile>

namespace courier {

namespace {

const auto PartsFolder = QStringLiteral("exchange-outbox");
const auto HeaderFile = QStringLiteral("header.csv");
const auto MarkerFile = QStringLiteral("job.json");
constexpr qint64 CopyChunk = 256 * 1024;
// However slow the poll policy, a report is noticed within this.
constexpr std::chrono::milliseconds MaxPollDelay{5000};

CsvWriterOptions partOptions()
{
    CsvWriterOptions options;
    options.formulaGuard = false; // a machine reads it: values as they are
    return options;
}

// batch-<number, 10 digits>-<rows>.csv: sorts by number; the name carries the row count, so a
// resumed run knows the rows of parts an earlier attempt wrote.
QString partName(qint64 number, qint64 rows)
{
    return QStringLiteral("batch-%1-%2.csv").arg(number, 10, 10, QLatin1Char('0')).arg(rows);
}

QString partPrefix(qint64 number)
{
    return QStringLiteral("batch-%1-").arg(number, 10, 10, QLatin1Char('0'));
}

qint64 rowsOfPart(const QString &name)
{
    const QStringList pieces = QString(name).remove(QStringLiteral(".csv")).split(QLatin1Char('-'));
    return pieces.size() == 3 ? pieces.at(2).toLongLong() : -1;
}

// <yyyyMMdd-HHmmss-zzz>-<random>.csv: sorts by creation, says nothing about the audience.
QString outboxFileName()
{
    return QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyyMMdd-HHmmss-zzz")) +
           QLatin1Char('-') +
           QString::number(QRandomGenerator::global()->generate(), 16).rightJustified(8, u'0') +
           QStringLiteral(".csv");
}

} // namespace

OutboxDelivery::OutboxDelivery(ConnectorContext &context, DeliveryTarget target,
                               std::shared_ptr<Outbox> outbox)
    : m_api(context)
    , m_context(context)
    , m_target(std::move(target))
    , m_outbox(std::move(outbox))
{
    m_pollTimer.setSingleShot(true);
    QObject::connect(&m_pollTimer, &QTimer::timeout, &m_owner, [this] { poll(); });
}

OutboxDelivery::~OutboxDelivery()
{
    // Interrupted (the app is closing): the job stays, and the resumed run waits for it again.
    ExchangeApi::drop(m_job);
}

QString OutboxDelivery::partsDirectory() const
{
    return QDir(m_context.workDirectory()).filePath(PartsFolder);
}

void OutboxDelivery::open(const QStringList &columns, Share::ShareAction action, bool resuming,
                          StepDone done)
{
    m_columns = columns;
    m_action = action;
    m_resuming = resuming;
    const QString name = m_context.endpoint().name;
    if (!m_outbox || m_outbox->listenerUrl().isEmpty())
        return completeLater(std::move(done), false,
                             tr("The exchange “%1” pulls its data from Audience Courier, but the "
                                "app's exchange listener is not running, so there is nowhere to "
                                "pull from. Check the log for why it did not start.")
                                 .arg(name));
    if (m_context.secret(QStringLiteral("key")).isEmpty())
        return completeLater(std::move(done), false,
                             tr("No key is stored for the exchange “%1”; reconnect it.").arg(name));
    if (!m_context.endpoint().contactUrl.isValid() || m_context.endpoint().contactUrl.isEmpty())
        return completeLater(
            std::move(done), false,
            tr("The exchange “%1” has no address to tell when data is ready; reconnect it.")
                .arg(name));
    if (m_columns.isEmpty())
        return completeLater(std::move(done), false,
                             tr("There are no columns to send; the first one must be the member "
                                "key."));

    const QString directory = partsDirectory();
    if (!resuming) {
        // A delivery that starts over: the earlier attempt's parts and job are of no use.
        discardEarlierJob();
        QDir(directory).removeRecursively();
    }
    if (!QDir().mkpath(directory))
        return completeLater(
            std::move(done), false,
            tr("Cannot create the folder %1.").arg(QDir::toNativeSeparators(directory)));
    CsvWriter header(QDir(directory).filePath(HeaderFile), partOptions());
    if (!header.open(m_columns) || !header.commit())
        return completeLater(std::move(done), false, header.errorString());
    completeLater(std::move(done), true);
}

void OutboxDelivery::send(const RowBatch &batch, const DeliveryBatch &info, StepDone done)
{
    const QDir directory(partsDirectory());
    // A batch sent again after a resume replaces what the interrupted attempt wrote.
    const QStringList earlier =
        directory.entryList({partPrefix(info.number) + QLatin1Char('*')}, QDir::Files);
    for (const QString &name : earlier)
        QFile::remove(directory.filePath(name));
    CsvWriter part(directory.filePath(partName(info.number, batch.rowCount())), partOptions());
    if (!part.open(m_columns) || !part.write(batch) || !part.commit())
        return completeLater(std::move(done), false, part.errorString());
    completeLater(std::move(done), true);
}

void OutboxDelivery::commit(StepDone done)
{
    m_done = std::move(done);
    // From the event loop: a step never completes inside its own call.
    QTimer::singleShot(0, &m_owner, [this] { prepareAndNotify(); });
}

void OutboxDelivery::prepareAndNotify()
{
    if (m_aborted)
        return;
    QString error;
    if (m_resuming) {
        const Marker marker = readMarker();
        if (marker.jobId > 0) {
            const auto job = OutboxRepository(m_outbox->database()).find(marker.jobId, &error);
            // Ours only if it is this endpoint's and holds the file this delivery made (ids
            // of removed jobs are given out again).
            if (job && job->status != OutboxJob::Status::Expired &&
                job->endpointId == m_context.endpoint().id && job->sha256 == marker.sha256) {
                m_jobId = job->id;
                m_filePath = m_outbox->absolutePath(job->filePath);
                m_rows = job->rows;
                m_bytes = job->bytes;
                m_sha256 = job->sha256;
                m_expiresAt = job->expiresAt;
                if (marker.notified) {
                    m_context.log(RunEvent::Level::Info,
                                  tr("Waiting again for the exchange “%1” to pull job %2.")
                                      .arg(m_context.endpoint().name)
                                      .arg(m_jobId));
                    return startWaiting();
                }
                // Perhaps never announced: a new link (the old token is unknown), announced.
                if (!renewJob(&error))
                    return fail(error, true);
                return notify();
            }
        }
    }
    m_outbox->sweep();
    if (!buildFile(&error))
        return fail(error, false);
    if (!recordJob(&error)) {
        if (m_jobId > 0)
            return fail(error, true); // recorded, but not remembered: not to be used
        QFile::remove(m_filePath);
        return fail(error, false);
    }
    notify();
}

bool OutboxDelivery::buildFile(QString *error)
{
    const QString folder = m_outbox->endpointDirectory(m_context.endpoint().id);
    if (!QDir().mkpath(folder)) {
        *error = tr("Cannot create the folder %1.").arg(QDir::toNativeSeparators(folder));
        return false;
    }
    const QDir parts(partsDirectory());
    QFile headerFile(parts.filePath(HeaderFile));
    if (!headerFile.open(QIODevice::ReadOnly)) {
        *error =
            tr("Cannot read %1: %2")
                .arg(QDir::toNativeSeparators(headerFile.fileName()), headerFile.errorString());
        return false;
    }
    const QByteArray header = headerFile.readAll();

    const QString path = QDir(folder).filePath(outboxFileName());
    QSaveFile out(path);
    if (!out.open(QIODevice::WriteOnly)) {
        *error = tr("Cannot write %1: %2").arg(QDir::toNativeSeparators(path), out.errorString());
        return false;
    }
    QCryptographicHash hash(QCryptographicHash::Sha256);
    qint64 bytes = 0;
    qint64 rows = 0;
    const auto append = [&](QByteArrayView data) {
        hash.addData(data);
        bytes += data.size();
        return out.write(data.data(), data.size()) == data.size();
    };
    bool ok = append(header);
    for (const QString &name :
         parts.entryList({QStringLiteral("batch-*.csv")}, QDir::Files, QDir::Name)) {
        if (!ok)
            break;
        QFile part(parts.filePath(name));
        // Every part repeats the header; it is written once.
        if (!part.open(QIODevice::ReadOnly) || part.read(header.size()) != header) {
            *error = tr("The prepared part %1 cannot be read back; run the share again.")
                         .arg(QDir::toNativeSeparators(part.fileName()));
            out.cancelWriting();
            return false;
        }
        rows += rowsOfPart(name);
        while (ok && !part.atEnd()) {
            const QByteArray chunk = part.read(CopyChunk);
            if (chunk.isEmpty() && !part.atEnd()) {
                *error = tr("Cannot read %1: %2")
                             .arg(QDir::toNativeSeparators(part.fileName()), part.errorString());
                out.cancelWriting();
                return false;
            }
            ok = append(chunk);
        }
    }
    if (!ok || !out.commit()) {
        *error = tr("Cannot write %1: %2").arg(QDir::toNativeSeparators(path), out.errorString());
        return false;
    }
    m_filePath = path;
    m_rows = rows;
    m_bytes = bytes;
    m_sha256 = QString::fromLatin1(hash.result().toHex());
    qCDebug(lcConnectors) << "exchange outbox: prepared" << rows << "rows," << bytes << "bytes";
    return true;
}

QDateTime OutboxDelivery::expiryFromNow() const
{
    const QJsonValue option = m_target.options.value(QStringLiteral("pullExpirySeconds"));
    const qint64 seconds = option.isDouble() && option.toInteger() > 0
                               ? option.toInteger()
                               : qint64(Outbox::DefaultExpiry.count());
    return QDateTime::currentDateTimeUtc().addSecs(seconds);
}

bool OutboxDelivery::recordJob(QString *error)
{
    m_token = Outbox::newToken();
    m_expiresAt = expiryFromNow();
    OutboxJob job;
    job.endpointId = m_context.endpoint().id;
    job.tokenSha256 = Outbox::tokenHash(m_token);
    job.filePath = m_outbox->relativePath(m_filePath);
    job.action = shareActionToString(m_action);
    job.rows = m_rows;
    job.bytes = m_bytes;
    job.sha256 = m_sha256;
    job.expiresAt = m_expiresAt;
    const auto id = OutboxRepository(m_outbox->database()).add(job, error);
    if (!id)
        return false;
    m_jobId = *id;
    return writeMarker({m_jobId, false, m_sha256}, error);
}

bool OutboxDelivery::renewJob(QString *error)
{
    m_token = Outbox::newToken();
    m_expiresAt = expiryFromNow();
    return OutboxRepository(m_outbox->database())
        .renew(m_jobId, Outbox::tokenHash(m_token), m_expiresAt, error);
}

void OutboxDelivery::notify()
{
    if (m_outbox->listenerUrl().isEmpty())
        return fail(tr("The app's exchange listener stopped before the exchange “%1” could be "
                       "told the data is ready.")
                        .arg(m_context.endpoint().name),
                    true);
    // The listener must know the key the consumer will pull with.
    m_outbox->rememberKey(m_context.endpoint().id, m_context.secret(QStringLiteral("key")));
    const QString list = m_target.options.value(QStringLiteral("list")).toString();
    const QJsonObject body{
        {QStringLiteral("jobId"), QString::number(m_jobId)},
        {QStringLiteral("list"), list.isEmpty() ? m_target.shareName : list},
        {QStringLiteral("dataUrl"), m_outbox->dataUrl(m_jobId, m_token).toString()},
        {QStringLiteral("statusUrl"), m_outbox->statusUrl(m_jobId, m_token).toString()},
        {QStringLiteral("action"), shareActionToString(m_action)},
        {QStringLiteral("rows"), m_rows},
        {QStringLiteral("bytes"), m_bytes},
        {QStringLiteral("sha256"), m_sha256},
        {QStringLiteral("columns"), QJsonArray::fromStringList(m_columns)},
        {QStringLiteral("expiresAt"), m_expiresAt.toUTC().toString(Qt::ISODateWithMs)},
    };
    m_job = m_api.send(&m_owner,
                       ExchangeApi::jsonRequest(QNetworkAccessManager::PostOperation,
                                                m_api.url(QStringLiteral("v1/pull-jobs")), body),
                       [this](const ExchangeReply &reply) { onNotified(reply); });
}

void OutboxDelivery::onNotified(const ExchangeReply &reply)
{
    m_job = nullptr;
    if (!reply.ok) {
        return fail(tr("The exchange “%1” could not be told that the data is ready: %2")
                        .arg(m_context.endpoint().name, reply.error),
                    true);
    }
    m_token.clear(); // the consumer has it; the app keeps only its hash
    QString error;
    if (!writeMarker({m_jobId, true, m_sha256}, &error))
        qCWarning(lcConnectors).noquote() << "exchange outbox:" << error;
    m_waitSeconds = configuredWait();
    m_context.log(RunEvent::Level::Info,
                  tr("Told the exchange “%1” that %n row(s) are ready to pull (job %2); waiting "
                     "up to %3 for it to take them.",
                     nullptr, static_cast<int>(std::min<qint64>(m_rows, INT_MAX)))
                      .arg(m_context.endpoint().name)
                      .arg(m_jobId)
                      .arg(waitText(m_waitSeconds)));
    startWaiting();
}

qint64 OutboxDelivery::configuredWait() const
{
    const QJsonValue wait = m_target.options.value(QStringLiteral("pullWaitSeconds"));
    return wait.isDouble() && wait.toInteger() >= 0 ? wait.toInteger()
                                                    : qint64(DefaultWait.count());
}

void OutboxDelivery::startWaiting()
{
    m_waitSeconds = configuredWait();
    m_deadline = QDeadlineTimer(std::chrono::seconds(m_waitSeconds));
    m_pollDelay = std::min(m_context.pollPolicy().initial, MaxPollDelay);
    poll();
}

void OutboxDelivery::poll()
{
    if (m_aborted)
        return;
    const QString name = m_context.endpoint().name;
    QString error;
    const auto job = OutboxRepository(m_outbox->database()).find(m_jobId, &error);
    if (!job && error.isEmpty())
        return fail(
            tr("Job %1 for the exchange “%2” is no longer in the outbox.").arg(m_jobId).arg(name),
            false);
    if (job) {
        if (job->pulledAt.isValid() && !m_pullSeen) {
            m_pullSeen = true;
            m_context.log(RunEvent::Level::Info,
                          tr("The exchange “%1” is pulling the file.").arg(name));
        }
        switch (job->status) {
        case OutboxJob::Status::Completed: {
            QString text;
            if (job->rowsAccepted >= 0 || job->rowsRejected >= 0)
                text = tr("The exchange “%1” applied the data (%2): %3 row(s) accepted, %4 "
                          "rejected.")
                           .arg(name, job->action)
                           .arg(std::max<qint64>(job->rowsAccepted, 0))
                           .arg(std::max<qint64>(job->rowsRejected, 0));
            else
                text = tr("The exchange “%1” applied the data (%2).").arg(name, job->action);
            if (!job->message.isEmpty())
                text += QLatin1Char(' ') + tr("It says: %1").arg(job->message);
            m_context.log(RunEvent::Level::Info, text);
            return complete(true);
        }
        case OutboxJob::Status::Failed:
            return fail(
                tr("The exchange “%1” could not apply the data: %2")
                    .arg(name, job->message.isEmpty() ? tr("it gave no reason.") : job->message),
                false);
        case OutboxJob::Status::Expired:
            return fail(tr("The exchange “%1” did not pull the file before its link expired "
                           "(%2).")
                            .arg(name, job->expiresAt.toUTC().toString(Qt::ISODate)),
                        false);
        case OutboxJob::Status::Ready:
        case OutboxJob::Status::Pulled:
            break;
        }
    } else {
        qCWarning(lcConnectors).noquote() << "exchange outbox: cannot read job" << m_jobId << error;
    }

    if (m_deadline.hasExpired()) {
        const QString until = QLocale().toString(m_expiresAt.toLocalTime(), QLocale::ShortFormat);
        m_context.log(RunEvent::Level::Warning,
                      m_pullSeen
                          ? tr("The exchange “%1” pulled the file but has not reported back "
                               "within %2; the run ends without its result.")
                                .arg(name, waitText(m_waitSeconds))
                          : tr("The exchange “%1” has not pulled the file within %2; it stays "
                               "available for it to pull until %3.")
                                .arg(name, waitText(m_waitSeconds), until));
        return complete(true);
    }
    const BackoffPolicy policy = m_context.pollPolicy();
    const auto remaining = std::chrono::milliseconds(m_deadline.remainingTime());
    m_pollTimer.start(std::max(std::chrono::milliseconds(1), std::min(m_pollDelay, remaining)));
    m_pollDelay = std::min({std::chrono::milliseconds(static_cast<qint64>(
                                static_cast<double>(m_pollDelay.count()) * policy.factor)),
                            policy.cap, MaxPollDelay});
}

QString OutboxDelivery::waitText(qint64 seconds) const
{
    if (seconds >= 120 && seconds % 60 == 0)
        return tr("%n minute(s)", nullptr, static_cast<int>(seconds / 60));
    return tr("%n second(s)", nullptr, static_cast<int>(seconds));
}

OutboxDelivery::Marker OutboxDelivery::readMarker() const
{
    QFile file(QDir(partsDirectory()).filePath(MarkerFile));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    const QJsonObject json = QJsonDocument::fromJson(file.readAll()).object();
    return {json.value(QStringLiteral("jobId")).toInteger(),
            json.value(QStringLiteral("notified")).toBool(),
            json.value(QStringLiteral("sha256")).toString()};
}

bool OutboxDelivery::writeMarker(const Marker &marker, QString *error) const
{
    QSaveFile file(QDir(partsDirectory()).filePath(MarkerFile));
    const QJsonObject object{{QStringLiteral("jobId"), marker.jobId},
                             {QStringLiteral("notified"), marker.notified},
                             {QStringLiteral("sha256"), marker.sha256}};
    const QByteArray json = QJsonDocument(object).toJson(QJsonDocument::Compact);
    if (file.open(QIODevice::WriteOnly) && file.write(json) == json.size() && file.commit())
        return true;
    if (error)
        *error = tr("Cannot write %1: %2")
                     .arg(QDir::toNativeSeparators(file.fileName()), file.errorString());
    return false;
}

void OutboxDelivery::discardEarlierJob()
{
    const Marker marker = readMarker();
    if (marker.jobId <= 0 || !m_outbox)
        return;
    QString error;
    if (!m_outbox->discard(marker.jobId, &error))
        qCWarning(lcConnectors).noquote() << "exchange outbox:" << error;
    else
        qCInfo(lcConnectors) << "exchange outbox: removed job" << marker.jobId
                             << "of an earlier attempt";
}

void OutboxDelivery::abort()
{
    m_aborted = true;
    m_done = nullptr;
    ExchangeApi::drop(m_job);
    m_pollTimer.stop();
    if (!m_outbox)
        return;
    // The link stops working: the consumer gets 404 for it from now on.
    if (m_jobId > 0) {
        QString error;
        if (!m_outbox->discard(m_jobId, &error))
            qCWarning(lcConnectors).noquote() << "exchange outbox:" << error;
        m_jobId = 0;
    } else if (!m_filePath.isEmpty()) {
        QFile::remove(m_filePath);
    }
    QDir(partsDirectory()).removeRecursively();
}

QString OutboxDelivery::outputDescription() const
{
    if (m_jobId > 0)
        return tr("job %1 in the outbox, for the exchange “%2” to pull")
            .arg(m_jobId)
            .arg(m_context.endpoint().name);
    return tr("a file in the outbox, for the exchange “%1” to pull").arg(m_context.endpoint().name);
}

void OutboxDelivery::fail(const QString &error, bool discardJob)
{
    if (discardJob && m_jobId > 0) {
        // Nobody was told of it (or it can no longer be told): the file is of no use.
        QString discardError;
        m_outbox->discard(m_jobId, &discardError);
        m_jobId = 0;
        QFile::remove(QDir(partsDirectory()).filePath(MarkerFile));
    }
    complete(false, error);
}

void OutboxDelivery::completeLater(StepDone done, bool ok, const QString &error)
{
    // A step never completes from inside its own call: the caller may not expect re-entry.
    QTimer::singleShot(0, &m_owner, [this, done = std::move(done), ok, error] {
        if (!m_aborted)
            done(ok, error); // may delete this
    });
}

void OutboxDelivery::complete(bool ok, const QString &error)
{
    StepDone done = std::move(m_done);
    m_done = nullptr;
    if (done && !m_aborted)
        done(ok, error); // may delete this
}

} // namespace courier
