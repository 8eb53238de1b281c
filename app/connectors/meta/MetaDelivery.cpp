#include "MetaDelivery.h"

#include "common/Logging.h"
#include "connectors/common/ApiRequests.h"
#include "MetaCall.h"
#include "MetaSchema.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QSaveFile>
#include <QSet>
#include <QTimer>

namespace courier {

namespace {

const QString CheckpointPart = QStringLiteral("destination");
constexpr int ReasonsLogged = 3; // distinct reasons for invalid entries quoted in the run log

bool isIdentifier(const QString &column)
{
    return column == QLatin1StringView("EMAIL") || column == QLatin1StringView("PHONE") ||
           column == QLatin1StringView("MADID") || column == QLatin1StringView("EXTERN_ID");
}

// An id Graph may send as a number or a string.
QString idText(const QJsonValue &value)
{
    return value.isDouble() ? QString::number(value.toInteger()) : value.toString();
}

qint64 count(const QJsonValue &value)
{
    return value.isString() ? value.toString().toLongLong() : value.toInteger();
}

void appendJsonString(QByteArray &out, QByteArrayView cell)
{
    static constexpr char Hex[] = "0123456789abcdef";
    out.append('"');
    for (const char c : cell) {
        const auto u = static_cast<unsigned char>(c);
        if (c == '"' || c == '\\') {
            out.append('\\');
            out.append(c);
        } else if (u < 0x20) {
            out.append("\\u00", 4);
            out.append(Hex[u >> 4]);
            out.append(Hex[u & 0xf]);
        } else {
            out.append(c);
        }
    }
    out.append('"');
}

bool isAscii(QByteArrayView cell)
{
    for (const char c : cell) {
        if (static_cast<unsigned char>(c) >= 0x80)
            return false;
    }
    return true;
}

// A session id: Meta wants a number the advertiser chooses. Below 2^53, so that every JSON
// reader on the way keeps it exact.
qint64 newSessionId()
{
    return static_cast<qint64>(QRandomGenerator::global()->bounded(quint64(1) << 53)) + 1;
}

} // namespace

MetaDelivery::MetaDelivery(ConnectorContext &context, DeliveryTarget target)
    : m_api(context)
    , m_context(context)
    , m_target(std::move(target))
{}

MetaDelivery::~MetaDelivery()
{
    MetaCall::drop(m_call);
}

QByteArray MetaDelivery::payloadJson(const QStringList &columns, const RowBatch &batch)
{
    QByteArray out;
    out.reserve(batch.byteSize() + qsizetype(batch.rowCount()) * (batch.columnCount() * 3 + 3) +
                64);
    out.append("{\"schema\":[", 11);
    for (qsizetype i = 0; i < columns.size(); ++i) {
        if (i > 0)
            out.append(',');
        appendJsonString(out, columns.at(i).toUtf8());
    }
    out.append("],\"data\":[", 10);
    for (int row = 0; row < batch.rowCount(); ++row) {
        if (row > 0)
            out.append(',');
        out.append('[');
        for (int column = 0; column < batch.columnCount(); ++column) {
            if (column > 0)
                out.append(',');
            const QByteArrayView cell = batch.cell(row, column);
            // Hashes are ASCII; anything else is made valid UTF-8, or Meta refuses the body.
            if (isAscii(cell))
                appendJsonString(out, cell);
            else
                appendJsonString(out, QString::fromUtf8(cell).toUtf8());
        }
        out.append(']');
    }
    out.append("]}", 2);
    return out;
}

void MetaDelivery::open(const QStringList &columns, Share::ShareAction action, bool resuming,
                        StepDone done)
{
    m_columns = columns;
    m_action = action;
    m_done = std::move(done);

    // The mapping was checked against MetaSchema before the run; this only guards the payload.
    QSet<QString> seen;
    bool identifier = false;
    for (const QString &column : columns) {
        if (!MetaSchema::isField(column)) {
            return completeLater(false, tr("The mapping sends the column “%1”, which Meta's "
                                           "customer list does not have. Map the columns to "
                                           "Meta's fields (EMAIL, PHONE, MADID, EXTERN_ID, FN, "
                                           "LN, …) in the share.")
                                            .arg(column));
        }
        if (seen.contains(column)) {
            return completeLater(
                false, tr("The mapping sends the field %1 twice; map it once.").arg(column));
        }
        seen.insert(column);
        identifier = identifier || isIdentifier(column);
    }
    if (!identifier) {
        return completeLater(false, tr("The mapping sends no identifier Meta can match people "
                                       "by: map at least one of EMAIL, PHONE, MADID or "
                                       "EXTERN_ID."));
    }
    if (const QString problem = m_api.settingsProblem(false); !problem.isEmpty())
        return completeLater(false, problem);

    const QJsonObject checkpoint = resuming ? m_context.checkpoint(CheckpointPart) : QJsonObject();
    QString id = idText(m_target.options.value(QStringLiteral("customAudienceId"))).trimmed();
    const QString checkpointId = checkpoint.value(QStringLiteral("customAudienceId")).toString();
    if (id.isEmpty() && !checkpointId.isEmpty()) {
        // The interrupted run created an audience: keep filling that one, not a second.
        id = checkpointId;
        m_created = checkpoint.value(QStringLiteral("created")).toBool();
    }
    const QJsonObject held = checkpoint.value(QStringLiteral("held")).toObject();
    m_held.number = held.value(QStringLiteral("number")).toInteger();
    m_held.file = held.value(QStringLiteral("file")).toString();
    m_held.rows = held.value(QStringLiteral("rows")).toInt();
    m_received = checkpoint.value(QStringLiteral("received")).toInteger();
    m_invalid = checkpoint.value(QStringLiteral("invalid")).toInteger();
    // A session belongs to its audience: if the share now names another, start a new one.
    if (checkpointId.isEmpty() || checkpointId == id) {
        m_sessionId = checkpoint.value(QStringLiteral("session")).toString().toLongLong();
        m_nextSeq = std::max(1, checkpoint.value(QStringLiteral("nextSeq")).toInt());
        m_closed = checkpoint.value(QStringLiteral("closed")).toBool();
    }
    if (m_sessionId <= 0) {
        m_sessionId = newSessionId();
        m_nextSeq = 1;
        m_closed = false;
    }
    if (resuming) {
        qCDebug(lcConnectors) << "meta delivery resumed: session" << m_sessionId << "next seq"
                              << m_nextSeq << "held batch" << m_held.number << "closed" << m_closed;
    }

    if (!id.isEmpty())
        return opened(id);
    if (const QString problem = m_api.settingsProblem(true); !problem.isEmpty())
        return completeLater(false, problem);
    createAudience();
}

void MetaDelivery::createAudience()
{
    const QString account = m_api.adAccountId();
    const QString name = audienceName();
    const QString source =
        m_target.audience.name.isEmpty() ? m_target.shareName : m_target.audience.name;
    const QJsonObject params{
        {QStringLiteral("name"), name},
        {QStringLiteral("subtype"), QStringLiteral("CUSTOM")},
        {QStringLiteral("customer_file_source"), QStringLiteral("USER_PROVIDED_ONLY")},
        {QStringLiteral("description"), tr("Shared by Audience Courier from “%1”").arg(source)},
    };
    MetaRequest request;
    request.verb = QNetworkAccessManager::PostOperation;
    request.path = QStringLiteral("act_%1/customaudiences").arg(api::pathSegment(account));
    request.params = QJsonDocument(params).toJson(QJsonDocument::Compact);
    request.object = tr("the ad account act_%1").arg(account);
    m_call = MetaCall::start(
        m_api, std::move(request), &m_owner, [this, name, account](const MetaReply &reply) {
            m_call = nullptr;
            if (!reply.ok)
                return complete(false, reply.error);
            const QString id = idText(reply.answer.value(QStringLiteral("id")));
            if (id.isEmpty()) {
                return complete(false, tr("Meta created the custom "
                                          "audience but sent no id."));
            }
            m_created = true;
            m_context.log(RunEvent::Level::Info, tr("Created the custom audience “%1” (%2) in the "
                                                    "ad account act_%3.")
                                                     .arg(name, id, account));
            opened(id);
        });
}

void MetaDelivery::opened(const QString &id)
{
    m_audienceId = id;
    saveCheckpoint();
    completeLater(true);
}

bool MetaDelivery::hold(const QByteArray &payload, qint64 number, int rows, QString *error)
{
    const QString name = QStringLiteral("meta-batch-%1.json").arg(number);
    const QString path = QDir(m_context.workDirectory()).filePath(name);
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(payload) != payload.size() ||
        !file.commit()) {
        *error = tr("Cannot keep batch %1 in the run's work folder (%2): %3")
                     .arg(number)
                     .arg(QDir::toNativeSeparators(path), file.errorString());
        return false;
    }
    const Held previous = m_held;
    m_held = Held{number, name, rows};
    saveCheckpoint();
    // Only now: until the checkpoint named the new file, a resume needed the old one.
    if (!previous.file.isEmpty() && previous.file != name)
        QFile::remove(QDir(m_context.workDirectory()).filePath(previous.file));
    return true;
}

void MetaDelivery::send(const RowBatch &batch, const DeliveryBatch &info, StepDone done)
{
    m_done = std::move(done);
    if (m_audienceId.isEmpty())
        return completeLater(false, tr("The delivery was not opened."));
    if (batch.rowCount() > MaxRowsPerRequest) {
        return completeLater(false, tr("Batch %1 has %2 rows; Meta takes at most %3 per request.")
                                        .arg(info.number)
                                        .arg(batch.rowCount())
                                        .arg(MaxRowsPerRequest));
    }
    if (m_held.number > info.number) {
        return completeLater(false, tr("Batch %1 arrived after batch %2; the Meta delivery "
                                       "cannot continue. Run the share again.")
                                        .arg(info.number)
                                        .arg(m_held.number));
    }
    QByteArray payload = payloadJson(m_columns, batch);
    const int rows = batch.rowCount();
    const qint64 number = info.number;
    if (m_held.number == 0 || m_held.number == number) {
        // Nothing held yet, or a resumed run sending again the batch it held: hold this one.
        QString error;
        if (!hold(payload, number, rows, &error))
            return completeLater(false, error);
        return completeLater(true);
    }
    // Send the batch held (it was not the last), then hold this one.
    transfer(false, [this, payload = std::move(payload), number, rows] {
        QString error;
        if (!hold(payload, number, rows, &error))
            return complete(false, error);
        complete(true);
    });
}

void MetaDelivery::commit(StepDone done)
{
    m_done = std::move(done);
    const auto summary = [this] {
        const QString audience = audienceObject();
        QString text;
        switch (m_action) {
        case Share::ShareAction::Add:
            text = tr("Meta received %1 row(s) to add to %2; %3 of them could not be used.");
            break;
        case Share::ShareAction::Remove:
            text = tr("Meta received %1 row(s) to remove from %2; %3 of them could not be used.");
            break;
        case Share::ShareAction::Replace:
            text = tr("Meta received %1 row(s) to replace the members of %2; %3 of them could "
                      "not be used.");
            break;
        }
        m_context.log(RunEvent::Level::Info,
                      text.arg(m_received).arg(audience).arg(m_invalid) + QLatin1Char(' ') +
                          tr("Meta may take up to 24 hours to update the audience."));
    };
    if (m_closed) {
        // A resumed run whose last batch Meta had already acknowledged.
        summary();
        return completeLater(true);
    }
    if (m_held.number == 0) {
        if (m_action == Share::ShareAction::Replace) {
            return completeLater(false,
                                 tr("There were no members to send, and Meta cannot replace the "
                                    "members of a custom audience with none: %1 was left as it "
                                    "was. To empty it, share its members with the Remove action.")
                                     .arg(audienceObject()));
        }
        m_context.log(RunEvent::Level::Info,
                      tr("There were no rows to send to %1.").arg(audienceObject()));
        return completeLater(true);
    }
    transfer(true, [this, summary] {
        const QString file = m_held.file;
        m_held = {};
        saveCheckpoint();
        QFile::remove(QDir(m_context.workDirectory()).filePath(file));
        summary();
        complete(true);
    });
}

void MetaDelivery::transfer(bool last, std::function<void()> then)
{
    const QString path = QDir(m_context.workDirectory()).filePath(m_held.file);
    QFile file(path);
    if (m_held.file.isEmpty() || !file.open(QIODevice::ReadOnly)) {
        return completeLater(false,
                             tr("Batch %1, held back for the end of the Meta session, cannot be "
                                "read from the run's work folder (%2). Run the share again: it "
                                "starts a new session.")
                                 .arg(m_held.number)
                                 .arg(QDir::toNativeSeparators(path)));
    }
    const QByteArray payload = file.readAll();
    file.close();

    QJsonObject session{
        {QStringLiteral("session_id"), m_sessionId},
        {QStringLiteral("batch_seq"), m_nextSeq},
        {QStringLiteral("last_batch_flag"), last},
    };
    if (m_target.audience.size > 0)
        session.insert(QStringLiteral("estimated_num_total"), m_target.audience.size);
    QByteArray params = QByteArrayLiteral("{\"session\":");
    params += QJsonDocument(session).toJson(QJsonDocument::Compact);
    params += QByteArrayLiteral(",\"payload\":");
    params += payload;
    params += '}';

    MetaRequest request;
    request.params = std::move(params);
    request.object = audienceObject();
    const QString id = api::pathSegment(m_audienceId);
    switch (m_action) {
    case Share::ShareAction::Add:
        request.verb = QNetworkAccessManager::PostOperation;
        request.path = id + QStringLiteral("/users");
        break;
    case Share::ShareAction::Remove:
        request.verb = QNetworkAccessManager::DeleteOperation;
        request.path = id + QStringLiteral("/users");
        break;
    case Share::ShareAction::Replace:
        request.verb = QNetworkAccessManager::PostOperation;
        request.path = id + QStringLiteral("/usersreplace");
        break;
    }
    qCDebug(lcConnectors) << "meta batch" << m_held.number << "as batch_seq" << m_nextSeq
                          << "of session" << m_sessionId << (last ? "(last)" : "") << "rows"
                          << m_held.rows;
    const Held sent = m_held;
    m_call = MetaCall::start(m_api, std::move(request), &m_owner,
                             [this, sent, last, then = std::move(then)](const MetaReply &reply) {
                                 m_call = nullptr;
                                 onTransferred(reply, sent, last, then);
                             });
}

void MetaDelivery::onTransferred(const MetaReply &reply, const Held &sent, bool last,
                                 const std::function<void()> &then)
{
    if (!reply.ok)
        return complete(false, reply.error);
    const qint64 received = count(reply.answer.value(QStringLiteral("num_received")));
    const qint64 invalid = count(reply.answer.value(QStringLiteral("num_invalid_entries")));
    m_received += received;
    m_invalid += invalid;
    if (invalid > 0) {
        // The samples are the entries themselves (personal data, maybe unhashed): only the
        // reasons Meta gives reach the log.
        QStringList reasons;
        const QJsonObject samples =
            reply.answer.value(QStringLiteral("invalid_entry_samples")).toObject();
        for (auto it = samples.begin(); it != samples.end() && reasons.size() < ReasonsLogged;
             ++it) {
            const QString reason = it.value().toString().simplified().left(120);
            if (!reason.isEmpty() && !reasons.contains(reason))
                reasons << reason;
        }
        QString message = tr("Meta could not use %1 of the %2 row(s) of batch %3.")
                              .arg(invalid)
                              .arg(received)
                              .arg(sent.number);
        if (!reasons.isEmpty())
            message +=
                QLatin1Char(' ') + tr("Meta says: %1.").arg(reasons.join(QStringLiteral("; ")));
        message += QLatin1Char(' ') +
                   tr("Hashed fields must be the SHA-256 of the normalised value: map e-mail "
                      "addresses through “email, sha256” and phone numbers through "
                      "“phone_digits, sha256”.");
        m_context.log(RunEvent::Level::Warning, message);
    }
    ++m_nextSeq;
    if (last)
        m_closed = true;
    saveCheckpoint();
    then();
}

void MetaDelivery::abort()
{
    // Nothing to undo: add and remove requests are applied as they arrive, and a replace
    // session whose last batch never comes is never applied (Meta drops it).
    m_done = nullptr;
    MetaCall::drop(m_call);
}

QString MetaDelivery::audienceName() const
{
    return m_target.shareName.isEmpty() ? tr("Audience Courier share") : m_target.shareName;
}

QString MetaDelivery::audienceObject() const
{
    return tr("the custom audience %1").arg(m_audienceId);
}

QString MetaDelivery::outputDescription() const
{
    if (m_audienceId.isEmpty())
        return tr("a custom audience on “%1”").arg(m_api.endpointName());
    if (m_created) {
        return tr("the custom audience “%1” (%2) on “%3”")
            .arg(audienceName(), m_audienceId, m_api.endpointName());
    }
    return tr("the custom audience %1 on “%2”").arg(m_audienceId, m_api.endpointName());
}

QJsonObject MetaDelivery::resolvedOptions() const
{
    if (!m_created || m_audienceId.isEmpty())
        return {};
    QJsonObject options = m_target.options;
    options.insert(QStringLiteral("customAudienceId"), m_audienceId);
    return options;
}

void MetaDelivery::saveCheckpoint()
{
    QJsonObject checkpoint{
        {QStringLiteral("customAudienceId"), m_audienceId},
        {QStringLiteral("created"), m_created},
        {QStringLiteral("session"), QString::number(m_sessionId)},
        {QStringLiteral("nextSeq"), m_nextSeq},
        {QStringLiteral("closed"), m_closed},
        {QStringLiteral("received"), m_received},
        {QStringLiteral("invalid"), m_invalid},
    };
    if (m_held.number > 0) {
        checkpoint.insert(QStringLiteral("held"),
                          QJsonObject{{QStringLiteral("number"), m_held.number},
                                      {QStringLiteral("file"), m_held.file},
                                      {QStringLiteral("rows"), m_held.rows}});
    }
    m_context.saveCheckpoint(CheckpointPart, checkpoint);
}

void MetaDelivery::completeLater(bool ok, const QString &error)
{
    // A step never completes from inside its own call: the caller may not expect re-entry.
    QTimer::singleShot(0, &m_owner, [this, ok, error] { complete(ok, error); });
}

void MetaDelivery::complete(bool ok, const QString &error)
{
    StepDone done = std::move(m_done);
    m_done = nullptr;
    if (done)
        done(ok, error); // may delete this
}

} // namespace courier
