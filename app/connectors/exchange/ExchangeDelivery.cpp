#include "ExchangeDelivery.h"

#include "common/Logging.h"

#include <cstring>
#include <QJsonDocument>
#include <QTimer>
#include <QUuid>

namespace courier {

namespace {

void appendCell(QByteArray &out, QByteArrayView cell)
{
    bool quote = false;
    for (char c : cell) {
        if (c == ',' || c == '"' || c == '\n' || c == '\r') {
            quote = true;
            break;
        }
    }
    if (!quote) {
        out.append(cell);
        return;
    }
    out.append('"');
    const char *p = cell.data();
    const char *end = p + cell.size();
    while (p < end) {
        const void *found = std::memchr(p, '"', static_cast<size_t>(end - p));
        const char *q = found ? static_cast<const char *>(found) : end;
        out.append(p, q - p);
        if (q == end)
            break;
        out.append("\"\"", 2);
        p = q + 1;
    }
    out.append('"');
}

QByteArray verbName(Share::ShareAction action)
{
    switch (action) {
    case Share::ShareAction::Add:
        return QByteArrayLiteral("POST");
    case Share::ShareAction::Replace:
        return QByteArrayLiteral("PUT");
    case Share::ShareAction::Remove:
        return QByteArrayLiteral("DELETE");
    }
    return QByteArrayLiteral("POST");
}

} // namespace

ExchangeDelivery::ExchangeDelivery(ConnectorContext &context, DeliveryTarget target)
    : m_api(context)
    , m_context(context)
    , m_target(std::move(target))
{}

ExchangeDelivery::~ExchangeDelivery()
{
    ExchangeApi::drop(m_job);
}

QByteArray ExchangeDelivery::toCsv(const QStringList &columns, const RowBatch &batch)
{
    QByteArray out;
    out.reserve(batch.byteSize() + batch.rowCount() * (batch.columnCount() + 2) + 256);
    for (qsizetype i = 0; i < columns.size(); ++i) {
        if (i > 0)
            out.append(',');
        appendCell(out, columns.at(i).toUtf8());
    }
    out.append("\r\n", 2);
    for (int row = 0; row < batch.rowCount(); ++row) {
        for (int column = 0; column < batch.columnCount(); ++column) {
            if (column > 0)
                out.append(',');
            appendCell(out, batch.cell(row, column));
        }
        out.append("\r\n", 2);
    }
    return out;
}

void ExchangeDelivery::open(const QStringList &columns, Share::ShareAction action, bool resuming,
                            StepDone done)
{
    m_columns = columns;
    m_action = action;
    m_resuming = resuming;
    m_done = std::move(done);
    if (m_columns.isEmpty())
        return completeLater(false, tr("There are no columns to send; the first one must be the "
                                       "member key."));

    const QJsonObject checkpoint = m_context.checkpoint(QStringLiteral("destination"));
    if (resuming) {
        m_session = checkpoint.value(QStringLiteral("session")).toString();
        m_lastBatch = checkpoint.value(QStringLiteral("lastBatch")).toInteger();
    }
    if (m_action == Share::ShareAction::Replace && m_session.isEmpty())
        m_session = QUuid::createUuid().toString(QUuid::WithoutBraces);

    QString id = m_target.options.value(QStringLiteral("destinationId")).toString();
    if (id.isEmpty() && resuming) {
        // The interrupted run created a list: keep filling that one, not a second.
        id = checkpoint.value(QStringLiteral("destinationId")).toString();
        m_created = !id.isEmpty();
    }
    if (id.isEmpty())
        createDestination();
    else
        verifyDestination(id);
}

void ExchangeDelivery::verifyDestination(const QString &id)
{
    m_job = m_api.send(
        &m_owner,
        ExchangeApi::request(QNetworkAccessManager::GetOperation,
                             m_api.url(QStringLiteral("v1/destinations/") + ExchangeApi::id(id))),
        [this, id](const ExchangeReply &reply) {
            m_job = nullptr;
            if (!reply.ok) {
                if (reply.status == 404) {
                    return complete(false,
                                    tr("The list %1 no longer exists on the exchange “%2”; edit "
                                       "the share to create a new one.")
                                        .arg(id, m_api.endpointName()));
                }
                return complete(false, reply.error);
            }
            QJsonObject destination;
            QString error;
            if (!ExchangeApi::parseObject(reply.body, &destination, &error))
                return complete(false, error);
            opened(id, destination.value(QStringLiteral("name")).toString());
        });
}

void ExchangeDelivery::createDestination()
{
    const QString name =
        m_target.shareName.isEmpty() ? tr("Audience Courier share") : m_target.shareName;
    const QJsonObject body{
        {QStringLiteral("name"), name},
        {QStringLiteral("description"), tr("Shared by Audience Courier")},
    };
    m_job = m_api.send(
        &m_owner,
        ExchangeApi::jsonRequest(QNetworkAccessManager::PostOperation,
                                 m_api.url(QStringLiteral("v1/destinations")), body),
        [this, name](const ExchangeReply &reply) {
            m_job = nullptr;
            if (!reply.ok)
                return complete(false, reply.error);
            QJsonObject created;
            QString error;
            if (!ExchangeApi::parseObject(reply.body, &created, &error))
                return complete(false, error);
            const QJsonValue id = created.value(QStringLiteral("id"));
            const QString idText = id.isDouble() ? QString::number(id.toInteger()) : id.toString();
            if (idText.isEmpty()) {
                return complete(false, tr("The exchange “%1” created the list but sent no id.")
                                           .arg(m_api.endpointName()));
            }
            m_created = true;
            m_context.log(RunEvent::Level::Info,
                          tr("Created the list “%1” (%2) on the exchange.").arg(name, idText));
            opened(idText, name);
        });
}

void ExchangeDelivery::opened(const QString &id, const QString &name)
{
    m_destinationId = id;
    m_destinationName = name;
    saveCheckpoint();
    if (m_action == Share::ShareAction::Replace) {
        qCDebug(lcConnectors) << "exchange replace session" << m_session << "for list" << id
                              << (m_resuming ? "resumed after batch" : "new") << m_lastBatch;
    }
    complete(true);
}

void ExchangeDelivery::send(const RowBatch &batch, const DeliveryBatch &info, StepDone done)
{
    m_done = std::move(done);
    if (m_destinationId.isEmpty())
        return completeLater(false, tr("The delivery was not opened."));
    const QByteArray csv = toCsv(m_columns, batch);
    if (csv.size() > MaxBatchBytes) {
        return completeLater(false, tr("Batch %1 is too large for the exchange (%2 MiB; at most %3 "
                                       "MiB per batch).")
                                        .arg(info.number)
                                        .arg((csv.size() + (1 << 20) - 1) >> 20)
                                        .arg(MaxBatchBytes >> 20));
    }
    transfer(csv, info.number, info.idempotencyKey, false, batch.rowCount());
}

void ExchangeDelivery::commit(StepDone done)
{
    m_done = std::move(done);
    if (m_action != Share::ShareAction::Replace) {
        m_context.log(
            RunEvent::Level::Info,
            tr("The exchange accepted %1 and rejected %2 row(s).").arg(m_accepted).arg(m_rejected));
        return completeLater(true);
    }
    // The closing batch: header only, numbered after the last data batch. Its key is the
    // session's, so a resumed commit is not applied twice.
    const QByteArray key = m_session.toLatin1() + QByteArrayLiteral(":last");
    transfer(toCsv(m_columns, RowBatch(static_cast<int>(m_columns.size()))), m_lastBatch + 1, key,
             true, 0);
}

void ExchangeDelivery::transfer(const QByteArray &csv, qint64 number, const QByteArray &key,
                                bool last, int rows)
{
    HttpRequestSpec spec = ExchangeApi::request(
        QNetworkAccessManager::PostOperation,
        m_api.url(QStringLiteral("v1/destinations/%1/data").arg(ExchangeApi::id(m_destinationId))));
    switch (m_action) {
    case Share::ShareAction::Add:
        spec.verb = QNetworkAccessManager::PostOperation;
        break;
    case Share::ShareAction::Replace:
        spec.verb = QNetworkAccessManager::PutOperation;
        spec.headers.append({QByteArrayLiteral("Exchange-Session"), m_session.toLatin1()});
        spec.headers.append({QByteArrayLiteral("Exchange-Batch"), QByteArray::number(number)});
        spec.headers.append({QByteArrayLiteral("Exchange-Last-Batch"),
                             last ? QByteArrayLiteral("true") : QByteArrayLiteral("false")});
        break;
    case Share::ShareAction::Remove:
        spec.verb = QNetworkAccessManager::DeleteOperation;
        break;
    }
    spec.headers.append({QByteArrayLiteral("Idempotency-Key"), key});
    spec.contentType = QByteArrayLiteral("text/csv; charset=utf-8");
    spec.body = csv;
    qCDebug(lcConnectors).noquote() << QStringLiteral("exchange %1 batch %2 (%3 rows, %4 bytes)%5")
                                           .arg(QString::fromLatin1(verbName(m_action)))
                                           .arg(number)
                                           .arg(rows)
                                           .arg(csv.size())
                                           .arg(last ? QStringLiteral(", last") : QString());
    const qsizetype bytes = csv.size();
    m_job = m_api.send(&m_owner, std::move(spec),
                       [this, number, rows, bytes, last](const ExchangeReply &reply) {
                           onTransferred(reply, number, rows, bytes, last);
                       });
}

void ExchangeDelivery::onTransferred(const ExchangeReply &reply, qint64 number, int rows,
                                     qsizetype bytes, bool last)
{
    m_job = nullptr;
    if (!reply.ok) {
        if (reply.status == 413) {
            return complete(false, tr("The exchange refused batch %1 (%n row(s), %2 KiB): batch "
                                      "too large.",
                                      nullptr, rows)
                                       .arg(number)
                                       .arg((bytes + 1023) / 1024));
        }
        return complete(false, reply.error);
    }
    QJsonObject answer;
    QString error;
    if (!reply.body.trimmed().isEmpty() && !ExchangeApi::parseObject(reply.body, &answer, &error))
        return complete(false, error);
    const qint64 accepted = answer.value(QStringLiteral("accepted")).toInteger();
    const qint64 rejected = answer.value(QStringLiteral("rejected")).toInteger();
    const bool duplicate = answer.value(QStringLiteral("duplicate")).toBool();
    qCDebug(lcConnectors) << "exchange batch" << number << "answered: accepted" << accepted
                          << "rejected" << rejected << "duplicate" << duplicate;
    if (duplicate) {
        // Sent before an interruption and already applied: the exchange ignored it.
        ++m_duplicates;
    } else {
        m_accepted += accepted;
        m_rejected += rejected;
    }
    if (last) {
        m_context.log(RunEvent::Level::Info,
                      tr("The exchange replaced the list: %1 row(s) accepted, %2 rejected.")
                          .arg(m_accepted)
                          .arg(m_rejected));
    } else if (number > m_lastBatch) {
        m_lastBatch = number;
        // Only a replace needs it (to number its closing batch after a resume).
        if (m_action == Share::ShareAction::Replace)
            saveCheckpoint();
    }
    complete(true);
}

void ExchangeDelivery::abort()
{
    // Nothing to undo: Add/Remove batches are applied one by one (and acknowledged as such),
    // and a replace session that is never closed is never applied.
    m_done = nullptr;
    ExchangeApi::drop(m_job);
}

QString ExchangeDelivery::outputDescription() const
{
    if (m_destinationId.isEmpty())
        return tr("a list on the exchange “%1”").arg(m_api.endpointName());
    const QString name = m_destinationName.isEmpty() ? m_destinationId : m_destinationName;
    return tr("the list “%1” (%2) on the exchange “%3”")
        .arg(name, m_destinationId, m_api.endpointName());
}

QJsonObject ExchangeDelivery::resolvedOptions() const
{
    if (!m_created || m_destinationId.isEmpty())
        return {};
    QJsonObject options = m_target.options;
    options.insert(QStringLiteral("destinationId"), m_destinationId);
    return options;
}

void ExchangeDelivery::saveCheckpoint()
{
    QJsonObject checkpoint{
        {QStringLiteral("destinationId"), m_destinationId},
        {QStringLiteral("lastBatch"), m_lastBatch},
    };
    if (!m_session.isEmpty())
        checkpoint.insert(QStringLiteral("session"), m_session);
    m_context.saveCheckpoint(QStringLiteral("destination"), checkpoint);
}

void ExchangeDelivery::completeLater(bool ok, const QString &error)
{
    // A step never completes from inside its own call: the caller may not expect re-entry.
    QTimer::singleShot(0, &m_owner, [this, ok, error] { complete(ok, error); });
}

void ExchangeDelivery::complete(bool ok, const QString &error)
{
    StepDone done = std::move(m_done);
    m_done = nullptr;
    if (done)
        done(ok, error); // may delete this
}

} // namespace courier
