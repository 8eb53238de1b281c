// The PULL consumer side of the exchange protocol (docs/exchange-protocol.md, "PULL consumer"):
// the app tells the consumer a file is ready, the consumer pulls it from the app's listener,
// checks it, applies it to a list and reports back. The pull and the report are real HTTP
// requests made by the sandbox over loopback. What happened is recorded under
// /sandbox/pull-consumer for tests and people.
#include "sandbox/protocols/exchange/ExchangePullConsumer.h"

#include "sandbox/audience/CsvRecords.h"
#include "sandbox/audience/SyntheticAudience.h"
#include "sandbox/auth/BearerAuth.h"
#include "sandbox/http/Json.h"
#include "sandbox/http/Responder.h"
#include "sandbox/http/Router.h"
#include "sandbox/Logging.h"
#include "sandbox/protocols/Protocols.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QRegularExpression>
#include <QTemporaryFile>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace courier::sandbox {

namespace {

constexpr int TransferTimeoutMs = 30000;
constexpr qint64 HashChunk = 1 << 20;

QByteArray fileSha256(QFile &file)
{
    QCryptographicHash hash(QCryptographicHash::Sha256);
    file.seek(0);
    while (!file.atEnd()) {
        const QByteArray chunk = file.read(HashChunk);
        if (chunk.isEmpty())
            break;
        hash.addData(chunk);
    }
    return hash.result().toHex();
}

// The error message of a protocol error document, else the body's start.
QString errorText(const QByteArray &body)
{
    const QJsonObject error = QJsonDocument::fromJson(body).object().value(u"error"_s).toObject();
    if (error.contains(u"message"_s))
        return error.value(u"message"_s).toString();
    return QString::fromUtf8(body.left(200));
}

bool isCount(const QJsonValue &value)
{
    return value.isDouble() && value.toDouble() >= 0 &&
           value.toDouble() == static_cast<double>(value.toInteger());
}

} // namespace

// --- Behaviour ---------------------------------------------------------------------------------

QJsonObject ExchangePullConsumerState::Behaviour::toJson() const
{
    return {{u"pull"_s, pull},
            {u"pulls"_s, pulls},
            {u"pullDelayMs"_s, pullDelayMs},
            {u"report"_s, report},
            {u"failWith"_s, failWith}};
}

bool ExchangePullConsumerState::Behaviour::fromJson(const QJsonObject &json, Behaviour *out,
                                                    QString *error)
{
    Behaviour behaviour;
    for (auto it = json.begin(); it != json.end(); ++it) {
        const QString &key = it.key();
        const QJsonValue value = it.value();
        if (key == u"pull"_s && value.isBool()) {
            behaviour.pull = value.toBool();
        } else if (key == u"report"_s && value.isBool()) {
            behaviour.report = value.toBool();
        } else if (key == u"pulls"_s && isCount(value) && value.toInteger() >= 1 &&
                   value.toInteger() <= 10) {
            behaviour.pulls = int(value.toInteger());
        } else if (key == u"pullDelayMs"_s && isCount(value) && value.toInteger() <= 600000) {
            behaviour.pullDelayMs = int(value.toInteger());
        } else if (key == u"failWith"_s && (value.isString() || value.isNull())) {
            behaviour.failWith = value.toString();
        } else {
            *error = u"Unknown or invalid behaviour \"%1\": use pull (bool), pulls (1-10), "
                     "pullDelayMs (0-600000), report (bool), failWith (string)."_s.arg(key);
            return false;
        }
    }
    *out = behaviour;
    return true;
}

// --- State -------------------------------------------------------------------------------------

ExchangePullConsumerState::ExchangePullConsumerState(SandboxContext &context)
    : m_context(context)
    , m_guard(std::make_unique<QObject>())
{
    m_network = new QNetworkAccessManager(m_guard.get());
    // The app is reached directly: a proxy from the environment must not see 127.0.0.1.
    m_network->setProxy(QNetworkProxy::NoProxy);
}

ExchangePullConsumerState::~ExchangePullConsumerState()
{
    // First, so that no reply or timer calls back into a half-destroyed state.
    m_guard.reset();
}

const ExchangePullConsumerState::Job *ExchangePullConsumerState::job(const QString &jobId) const
{
    // The latest job of that id (two apps may both have a job 1; tests have one app).
    for (auto it = m_jobs.crbegin(); it != m_jobs.crend(); ++it) {
        if (it->jobId == jobId)
            return &*it;
    }
    return nullptr;
}

ExchangePullConsumerState::Job *ExchangePullConsumerState::find(const QString &jobId,
                                                                const QUrl &dataUrl)
{
    for (Job &job : m_jobs) {
        if (job.jobId == jobId && job.dataUrl == dataUrl)
            return &job;
    }
    return nullptr;
}

const ExchangePullConsumerState::List *ExchangePullConsumerState::list(const QString &name) const
{
    const auto it = m_lists.constFind(name);
    return it == m_lists.cend() ? nullptr : &*it;
}

QList<const ExchangePullConsumerState::List *> ExchangePullConsumerState::lists() const
{
    QList<const List *> result;
    for (const QString &name : m_listOrder)
        result.append(&*m_lists.constFind(name));
    return result;
}

bool ExchangePullConsumerState::notify(Job job)
{
    // The same link again (the app retried a notification whose answer it lost): known.
    if (find(job.jobId, job.dataUrl))
        return false;
    job.notifiedAt = QDateTime::currentDateTimeUtc();
    if (!m_behaviour.pull)
        job.state = u"held"_s;
    const QString jobId = job.jobId;
    const QUrl dataUrl = job.dataUrl;
    m_jobs.append(std::move(job));
    if (m_behaviour.pull) {
        const quint64 generation = m_generation;
        const int pulls = m_behaviour.pulls;
        QTimer::singleShot(m_behaviour.pullDelayMs, m_guard.get(),
                           [this, generation, jobId, dataUrl, pulls] {
                               if (generation == m_generation)
                                   pull(jobId, dataUrl, pulls);
                           });
    }
    return true;
}

void ExchangePullConsumerState::pull(const QString &jobId, const QUrl &dataUrl, int remaining)
{
    Job *job = find(jobId, dataUrl);
    if (!job)
        return;
    if (job->pullStatuses.isEmpty())
        job->state = u"pulling"_s;
    auto spool = std::make_shared<QTemporaryFile>();
    if (!spool->open()) {
        pulled(jobId, dataUrl, 0, u"The sandbox cannot create a temporary file."_s, {});
        return;
    }
    QNetworkRequest request(dataUrl);
    request.setRawHeader("Authorization"_ba, "Bearer "_ba + m_context.options().exchange.key);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         QNetworkRequest::ManualRedirectPolicy);
    request.setTransferTimeout(TransferTimeoutMs);
    qCDebug(lcSandbox).noquote() << u"exchange pull consumer: pulling job %1"_s.arg(jobId);
    QNetworkReply *reply = m_network->get(request);
    // The body goes to a file as it arrives: a pulled audience may be big.
    QObject::connect(reply, &QNetworkReply::readyRead, m_guard.get(),
                     [reply, spool] { spool->write(reply->readAll()); });
    const quint64 generation = m_generation;
    QObject::connect(
        reply, &QNetworkReply::finished, m_guard.get(),
        [this, reply, spool, generation, jobId, dataUrl, remaining] {
            reply->deleteLater();
            if (generation != m_generation)
                return;
            spool->write(reply->readAll());
            spool->flush();
            const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
            QString error;
            if (status == 0)
                error = reply->errorString();
            else if (status != 200) {
                spool->seek(0);
                error = u"The app answered %1: %2"_s.arg(status).arg(errorText(spool->read(4096)));
            } else if (reply->error() != QNetworkReply::NoError)
                error = reply->errorString(); // e.g. a body cut off
            Job *job = find(jobId, dataUrl);
            if (!job)
                return;
            job->pullStatuses.append(status);
            // The first pull decides; later ones only show how the app treats a used link.
            if (job->pullStatuses.size() == 1)
                pulled(jobId, dataUrl, status, error, spool->fileName());
            if (remaining > 1) {
                QTimer::singleShot(0, m_guard.get(), [this, generation, jobId, dataUrl, remaining] {
                    if (generation == m_generation)
                        pull(jobId, dataUrl, remaining - 1);
                });
            }
        });
}

void ExchangePullConsumerState::pulled(const QString &jobId, const QUrl &dataUrl, int status,
                                       const QString &error, const QString &spoolPath)
{
    Job *job = find(jobId, dataUrl);
    if (!job)
        return;
    if (status != 200 || !error.isEmpty()) {
        job->state = u"failed"_s;
        job->error = error;
        sendReport(*job, false, u"The file could not be pulled. %1"_s.arg(error));
        return;
    }
    apply(*job, spoolPath);
}

void ExchangePullConsumerState::apply(Job &job, const QString &spoolPath)
{
    const auto fail = [this, &job](const QString &reason) {
        job.state = u"failed"_s;
        job.error = reason;
        sendReport(job, false, reason);
    };
    QFile file(spoolPath);
    if (!file.open(QIODevice::ReadOnly))
        return fail(u"The pulled file cannot be read back."_s);
    job.bytesPulled = file.size();
    job.sha256Pulled = fileSha256(file);
    if (job.bytesPulled != job.bytes)
        return fail(
            u"Received %1 bytes; the notification said %2."_s.arg(job.bytesPulled).arg(job.bytes));
    if (job.sha256Pulled != job.sha256)
        return fail(u"The SHA-256 of the file is %1; the notification said %2."_s.arg(
            QString::fromLatin1(job.sha256Pulled), QString::fromLatin1(job.sha256)));

    // Mapped, not read: the file may be big.
    uchar *data = job.bytesPulled > 0 ? file.map(0, job.bytesPulled) : nullptr;
    if (job.bytesPulled > 0 && !data)
        return fail(u"The pulled file cannot be mapped."_s);
    CsvRecords records(QByteArrayView(reinterpret_cast<const char *>(data), job.bytesPulled));
    QByteArrayList header;
    if (!records.next(header) || !records.ok() || header.first().isEmpty())
        return fail(u"The file has no valid header row."_s);
    QByteArrayList keys;
    QByteArrayList fields;
    qint64 rows = 0;
    qint64 rejected = 0;
    while (records.next(fields)) {
        ++rows;
        if (!records.ok())
            return fail(u"Broken quoting on line %1."_s.arg(records.line()));
        if (fields.size() != header.size() || fields.first().isEmpty())
            ++rejected;
        else
            keys.append(fields.first());
    }
    file.unmap(data);
    job.rowsPulled = rows;
    if (rows != job.rows)
        return fail(
            u"The file has %1 data rows; the notification said %2."_s.arg(rows).arg(job.rows));
    if (!m_behaviour.failWith.isEmpty())
        return fail(m_behaviour.failWith);

    if (!m_lists.contains(job.list)) {
        m_listOrder.append(job.list);
        m_lists[job.list].name = job.list;
    }
    List &list = m_lists[job.list];
    list.keyColumn = header.first();
    if (job.action == u"replace"_s)
        list.members.clear();
    for (const QByteArray &key : std::as_const(keys)) {
        if (job.action == u"remove"_s)
            list.members.remove(key);
        else
            list.members.insert(key);
    }
    ++list.jobsApplied;
    job.state = u"applied"_s;
    job.rowsAccepted = keys.size();
    job.rowsRejected = rejected;
    qCDebug(lcSandbox).noquote() << u"exchange pull consumer: job %1 applied (%2) to \"%3\""_s.arg(
        job.jobId, job.action, job.list);
    sendReport(
        job, true,
        u"Applied to the list \"%1\"; it has %2 members."_s.arg(job.list).arg(list.members.size()));
}

void ExchangePullConsumerState::sendReport(Job &job, bool completed, const QString &message)
{
    if (!m_behaviour.report)
        return;
    QJsonObject body{{u"status"_s, completed ? u"COMPLETED"_s : u"FAILED"_s},
                     {u"message"_s, message}};
    if (completed) {
        body.insert(u"rowsAccepted"_s, job.rowsAccepted);
        body.insert(u"rowsRejected"_s, job.rowsRejected);
    }
    QNetworkRequest request(job.statusUrl);
    request.setHeader(QNetworkRequest::ContentTypeHeader, "application/json"_ba);
    request.setRawHeader("Authorization"_ba, "Bearer "_ba + m_context.options().exchange.key);
    request.setTransferTimeout(TransferTimeoutMs);
    QNetworkReply *reply =
        m_network->post(request, QJsonDocument(body).toJson(QJsonDocument::Compact));
    const quint64 generation = m_generation;
    const QString jobId = job.jobId;
    const QUrl dataUrl = job.dataUrl;
    QObject::connect(reply, &QNetworkReply::finished, m_guard.get(),
                     [this, reply, generation, jobId, dataUrl] {
                         reply->deleteLater();
                         if (generation != m_generation)
                             return;
                         if (Job *job = find(jobId, dataUrl)) {
                             job->reportStatus =
                                 reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
                             job->reportAnswer = QJsonDocument::fromJson(reply->readAll()).object();
                         }
                     });
}

QJsonObject ExchangePullConsumerState::jobJson(const Job &job)
{
    QJsonArray pulls;
    for (int status : job.pullStatuses)
        pulls.append(status);
    return {{u"jobId"_s, job.jobId},
            {u"list"_s, job.list},
            {u"action"_s, job.action},
            {u"state"_s, job.state},
            {u"rows"_s, job.rows},
            {u"bytes"_s, job.bytes},
            {u"sha256"_s, QString::fromLatin1(job.sha256)},
            {u"columns"_s, QJsonArray::fromStringList(job.columns)},
            {u"expiresAt"_s, job.expiresAt},
            {u"notifiedAt"_s, rfc3339(job.notifiedAt)},
            {u"pullStatuses"_s, pulls},
            {u"bytesPulled"_s, job.bytesPulled},
            {u"rowsPulled"_s, job.rowsPulled},
            {u"rowsAccepted"_s, job.rowsAccepted},
            {u"rowsRejected"_s, job.rowsRejected},
            {u"error"_s, job.error},
            {u"reportStatus"_s, job.reportStatus}};
}

QJsonObject ExchangePullConsumerState::listJson(const List &list)
{
    return {{u"name"_s, list.name},
            {u"keyColumn"_s, QString::fromUtf8(list.keyColumn)},
            {u"members"_s, qint64(list.members.size())},
            {u"jobsApplied"_s, list.jobsApplied}};
}

QByteArray ExchangePullConsumerState::membersCsv(const List &list)
{
    QByteArrayList keys(list.members.cbegin(), list.members.cend());
    std::sort(keys.begin(), keys.end());
    QByteArray out;
    SyntheticAudience::appendCsvField(list.keyColumn, out);
    out += "\r\n";
    for (const QByteArray &key : std::as_const(keys)) {
        SyntheticAudience::appendCsvField(key, out);
        out += "\r\n";
    }
    return out;
}

QJsonObject ExchangePullConsumerState::toJson() const
{
    QJsonArray jobs;
    for (const Job &job : m_jobs)
        jobs.append(jobJson(job));
    QJsonArray lists;
    for (const List *list : this->lists())
        lists.append(listJson(*list));
    return {{u"behaviour"_s, m_behaviour.toJson()}, {u"jobs"_s, jobs}, {u"lists"_s, lists}};
}

void ExchangePullConsumerState::reset()
{
    ++m_generation; // pulls and reports under way are forgotten when they finish
    m_behaviour = {};
    m_jobs.clear();
    m_lists.clear();
    m_listOrder.clear();
}

// --- Routes ------------------------------------------------------------------------------------

namespace {

bool authorized(SandboxContext &context, const Request &req, Responder &res)
{
    return requireBearerKey(req, res, context.options().exchange.key, u"exchange"_s);
}

// The notification's fields, checked; nullopt (and a 400 sent) when one is missing or wrong.
std::optional<ExchangePullConsumerState::Job> parseNotification(const QJsonObject &body,
                                                                Responder &res)
{
    const auto refuse = [&res](const QString &message) {
        res.sendError(400, message);
        return std::nullopt;
    };
    ExchangePullConsumerState::Job job;
    const QJsonValue jobId = body.value(u"jobId"_s);
    job.jobId = jobId.isDouble() ? QString::number(jobId.toInteger()) : jobId.toString();
    if (job.jobId.isEmpty())
        return refuse(u"\"jobId\" (a non-empty string) is required."_s);
    job.dataUrl = QUrl(body.value(u"dataUrl"_s).toString(), QUrl::StrictMode);
    job.statusUrl = QUrl(body.value(u"statusUrl"_s).toString(), QUrl::StrictMode);
    for (const QUrl *url : {&job.dataUrl, &job.statusUrl}) {
        if (!url->isValid() || (url->scheme() != u"http"_s && url->scheme() != u"https"_s) ||
            url->host().isEmpty())
            return refuse(u"\"dataUrl\" and \"statusUrl\" must be absolute http(s) URLs."_s);
    }
    job.action = body.value(u"action"_s).toString();
    if (job.action != u"add"_s && job.action != u"replace"_s && job.action != u"remove"_s)
        return refuse(u"\"action\" must be add, replace or remove."_s);
    if (!isCount(body.value(u"rows"_s)) || !isCount(body.value(u"bytes"_s)))
        return refuse(u"\"rows\" and \"bytes\" must be whole non-negative numbers."_s);
    job.rows = body.value(u"rows"_s).toInteger();
    job.bytes = body.value(u"bytes"_s).toInteger();
    job.sha256 = body.value(u"sha256"_s).toString().toLatin1();
    static const QRegularExpression hex(u"^[0-9a-f]{64}$"_s);
    if (!hex.match(QString::fromLatin1(job.sha256)).hasMatch())
        return refuse(u"\"sha256\" must be 64 lower-case hex digits."_s);
    const QJsonArray columns = body.value(u"columns"_s).toArray();
    for (const QJsonValue &column : columns) {
        if (!column.isString() || column.toString().isEmpty())
            return refuse(u"\"columns\" must be a list of column names."_s);
        job.columns.append(column.toString());
    }
    if (job.columns.isEmpty())
        return refuse(u"\"columns\" must name at least the member key's column."_s);
    job.list = body.value(u"list"_s).toString();
    if (job.list.isEmpty())
        job.list = u"default"_s;
    job.expiresAt = body.value(u"expiresAt"_s).toString();
    return job;
}

void receiveNotification(SandboxContext &context, const Request &req, Responder &res)
{
    if (!authorized(context, req, res))
        return;
    const auto body = jsonBodyOrReject(req, res);
    if (!body)
        return;
    auto job = parseNotification(*body, res);
    if (!job)
        return;
    const QString jobId = job->jobId;
    auto &state = context.state<ExchangePullConsumerState>();
    if (!state.notify(std::move(*job))) {
        res.sendJson(
            200,
            QJsonObject{{u"jobId"_s, jobId}, {u"status"_s, u"ACCEPTED"_s}, {u"duplicate"_s, true}});
        return;
    }
    res.sendJson(
        202,
        QJsonObject{{u"jobId"_s, jobId}, {u"status"_s, u"ACCEPTED"_s}, {u"duplicate"_s, false}},
        {{"Location"_ba, "/exchange/v1/pull-jobs/"_ba + QUrl::toPercentEncoding(jobId)}});
}

void getJob(SandboxContext &context, const Request &req, Responder &res)
{
    if (!authorized(context, req, res))
        return;
    const auto *job = context.state<ExchangePullConsumerState>().job(req.param(u"jobId"_s));
    if (!job) {
        res.sendError(404, u"No pull job \"%1\"."_s.arg(req.param(u"jobId"_s)));
        return;
    }
    res.sendJson(200, ExchangePullConsumerState::jobJson(*job));
}

} // namespace

void registerExchangePullConsumerRoutes(Router &router, SandboxContext &context)
{
    router.post(u"/exchange/v1/pull-jobs"_s, Router::bind(context, receiveNotification));
    router.get(u"/exchange/v1/pull-jobs/{jobId}"_s, Router::bind(context, getJob));

    // What the consumer did, and how it behaves; no credentials, no faults.
    constexpr auto Exempt = Router::Faults::Exempt;
    router.get(
        u"/sandbox/pull-consumer"_s,
        [&context](const Request &, Responder &res) {
            res.sendJson(200, context.state<ExchangePullConsumerState>().toJson());
        },
        Exempt);
    router.get(
        u"/sandbox/pull-consumer/behaviour"_s,
        [&context](const Request &, Responder &res) {
            res.sendJson(200, context.state<ExchangePullConsumerState>().behaviour().toJson());
        },
        Exempt);
    router.put(
        u"/sandbox/pull-consumer/behaviour"_s,
        [&context](const Request &req, Responder &res) {
            const auto body = jsonBodyOrReject(req, res, true);
            if (!body)
                return;
            auto &state = context.state<ExchangePullConsumerState>();
            QString error;
            if (!ExchangePullConsumerState::Behaviour::fromJson(*body, &state.behaviour(),
                                                                &error)) {
                res.sendError(400, error);
                return;
            }
            res.sendJson(200, state.behaviour().toJson());
        },
        Exempt);
    router.get(
        u"/sandbox/pull-consumer/lists/{name}/members.csv"_s,
        [&context](const Request &req, Responder &res) {
            const auto *list =
                context.state<ExchangePullConsumerState>().list(req.param(u"name"_s));
            if (!list) {
                res.sendError(404, u"No list \"%1\"."_s.arg(req.param(u"name"_s)));
                return;
            }
            res.send(200, "text/csv; charset=utf-8"_ba,
                     ExchangePullConsumerState::membersCsv(*list));
        },
        Exempt);
}

} // namespace courier::sandbox
