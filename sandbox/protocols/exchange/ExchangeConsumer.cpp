// The PUSH consumer side of the exchange protocol (docs/exchange-protocol.md): a destination
// we push audiences to. Destinations are listed and created; members are added, replaced
// (staged batches of a session, applied atomically) and removed with CSV batches, each made
// idempotent by its Idempotency-Key. What arrived is recorded for tests under /sandbox.
#include "sandbox/audience/CsvRecords.h"
#include "sandbox/auth/BearerAuth.h"
#include "sandbox/http/Json.h"
#include "sandbox/http/Responder.h"
#include "sandbox/http/Router.h"
#include "sandbox/protocols/exchange/ExchangeConsumerState.h"
#include "sandbox/protocols/Protocols.h"
#include "sandbox/SandboxContext.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace courier::sandbox {

namespace {

using Destination = ExchangeConsumerState::Destination;

enum class Operation { Add, Replace, Remove };

constexpr int ErrorsListed = 20; // rejected rows described in an answer, at most

bool authorized(SandboxContext &context, const Request &req, Responder &res)
{
    return requireBearerKey(req, res, context.options().exchange.key, u"exchange"_s);
}

struct Batch
{
    QByteArray keyColumn;
    QByteArrayList keys; // of the usable rows, in order
    qint64 rows = 0;     // data rows, usable or not
    qint64 rejected = 0;
    QJsonArray errors;
};

// Header row, then rows whose first field is the member key. False (with a reason) when the
// body has no header row at all.
bool parseBatch(const QByteArray &body, Batch &batch, QString *error)
{
    CsvRecords records(body);
    QByteArrayList header;
    if (!records.next(header)) {
        *error = u"The CSV body is empty; it needs a header row and member rows."_s;
        return false;
    }
    if (!records.ok() || header.first().isEmpty()) {
        *error = u"The CSV header row is not valid (its first column names the member key)."_s;
        return false;
    }
    batch.keyColumn = header.first();
    QByteArrayList fields;
    while (records.next(fields)) {
        ++batch.rows;
        QString reason;
        if (!records.ok())
            reason = u"broken quoting"_s;
        else if (fields.size() != header.size())
            reason = u"%1 fields where the header has %2"_s.arg(fields.size()).arg(header.size());
        else if (fields.first().isEmpty())
            reason = u"empty key"_s;
        if (reason.isEmpty()) {
            batch.keys.append(fields.first());
            continue;
        }
        ++batch.rejected;
        if (batch.errors.size() < ErrorsListed)
            batch.errors.append(QJsonObject{{u"line"_s, records.line()}, {u"reason"_s, reason}});
    }
    return true;
}

struct ReplaceHeaders
{
    QString session;
    int batch = 0;
    bool last = false;
};

std::optional<ReplaceHeaders> replaceHeaders(const Request &req, QString *error)
{
    ReplaceHeaders out;
    out.session = QString::fromUtf8(req.header("Exchange-Session").trimmed());
    if (out.session.isEmpty()) {
        *error = u"A replace batch needs an \"Exchange-Session\" header."_s;
        return std::nullopt;
    }
    bool ok = false;
    out.batch = req.header("Exchange-Batch").trimmed().toInt(&ok);
    if (!ok || out.batch < 1) {
        *error = u"\"Exchange-Batch\" must be the batch number, starting at 1."_s;
        return std::nullopt;
    }
    const QByteArray last = req.header("Exchange-Last-Batch").trimmed().toLower();
    if (last != "true" && last != "false" && !last.isEmpty()) {
        *error = u"\"Exchange-Last-Batch\" must be true or false."_s;
        return std::nullopt;
    }
    out.last = last == "true";
    return out;
}

// Applies a parsed batch; the answer's fields, or nullopt with a 409 reason.
std::optional<QJsonObject> apply(Destination &d, Operation operation, const Batch &batch,
                                 const ReplaceHeaders &replace, QString *conflict)
{
    QJsonObject result{{u"accepted"_s, qint64(batch.keys.size())}, {u"rejected"_s, batch.rejected}};
    if (!batch.errors.isEmpty())
        result.insert(u"errors"_s, batch.errors);

    switch (operation) {
    case Operation::Add:
        for (const QByteArray &key : batch.keys) {
            if (d.members.contains(key))
                ++d.duplicateRows;
            else
                d.members.insert(key);
        }
        ++d.batchesApplied;
        break;
    case Operation::Remove: {
        qint64 removed = 0;
        for (const QByteArray &key : batch.keys)
            removed += d.members.remove(key) ? 1 : 0;
        d.rowsRemoved += removed;
        result.insert(u"removed"_s, removed);
        result.insert(u"notFound"_s, qint64(batch.keys.size()) - removed);
        ++d.batchesApplied;
        break;
    }
    case Operation::Replace: {
        if (d.appliedSessions.contains(replace.session)) {
            *conflict =
                u"Session \"%1\" was already applied; start a new session."_s.arg(replace.session);
            return std::nullopt;
        }
        ExchangeConsumerState::Session &session = d.sessions[replace.session];
        if (replace.batch != session.nextBatch) {
            *conflict = replace.batch < session.nextBatch
                            ? u"Batch %1 of session \"%2\" was already received under another "
                              "Idempotency-Key."_s.arg(replace.batch)
                                  .arg(replace.session)
                            : u"Batch %1 of session \"%2\" arrived before batch %3; send the "
                              "batches in order."_s.arg(replace.batch)
                                  .arg(replace.session)
                                  .arg(session.nextBatch);
            if (session.nextBatch == 1 && session.staged.isEmpty())
                d.sessions.remove(replace.session); // do not keep a session nobody started
            return std::nullopt;
        }
        for (const QByteArray &key : batch.keys) {
            if (session.staged.contains(key))
                ++d.duplicateRows;
            else
                session.staged.insert(key);
        }
        session.rows += batch.rows;
        ++session.nextBatch;
        result.insert(u"session"_s, replace.session);
        result.insert(u"batch"_s, replace.batch);
        result.insert(u"lastBatch"_s, replace.last);
        result.insert(u"applied"_s, replace.last);
        if (replace.last) {
            // All at once: until now the destination kept its old members.
            d.members = std::move(session.staged);
            d.batchesApplied += session.nextBatch - 1;
            d.sessions.remove(replace.session);
            d.appliedSessions.insert(replace.session);
        }
        break;
    }
    }
    result.insert(u"members"_s, qint64(d.members.size()));
    return result;
}

void receiveBatch(SandboxContext &context, Operation operation, const Request &req, Responder &res)
{
    if (!authorized(context, req, res))
        return;
    Destination *d = context.state<ExchangeConsumerState>().find(req.param(u"id"_s));
    if (!d) {
        res.sendError(404, u"No destination \"%1\"."_s.arg(req.param(u"id"_s)));
        return;
    }
    auto refuse = [d, &res](int status, const QString &message) {
        ++d->batchesRefused;
        res.sendError(status, message);
    };

    const QByteArray key = req.header("Idempotency-Key").trimmed();
    if (key.isEmpty()) {
        refuse(400, u"Every data request needs an \"Idempotency-Key\" header."_s);
        return;
    }
    if (const auto it = d->results.constFind(key); it != d->results.cend()) {
        // A retry of a batch that was applied: not applied again, same answer.
        ++d->batchesReceived;
        ++d->duplicateBatches;
        QJsonObject result = *it;
        result.insert(u"duplicate"_s, true);
        res.sendJson(200, result);
        return;
    }
    const QByteArray contentType = req.header("Content-Type").trimmed().toLower();
    if (!contentType.startsWith("text/csv")) {
        refuse(415, u"The body must be CSV (Content-Type: text/csv)."_s);
        return;
    }
    const qint64 maxBytes = context.options().exchange.maxBatchBytes;
    if (req.body.size() > maxBytes) {
        refuse(413, u"A batch may be at most %1 bytes; this one is %2."_s.arg(maxBytes).arg(
                        req.body.size()));
        return;
    }
    ReplaceHeaders replace;
    if (operation == Operation::Replace) {
        QString error;
        const auto headers = replaceHeaders(req, &error);
        if (!headers) {
            refuse(400, error);
            return;
        }
        replace = *headers;
    }
    Batch batch;
    QString error;
    if (!parseBatch(req.body, batch, &error)) {
        refuse(400, error);
        return;
    }
    const qint64 maxRows = context.options().exchange.maxBatchRows;
    if (batch.rows > maxRows) {
        refuse(413,
               u"A batch may hold at most %1 rows; this one has %2. Split it."_s.arg(maxRows).arg(
                   batch.rows));
        return;
    }
    QString conflict;
    const auto result = apply(*d, operation, batch, replace, &conflict);
    if (!result) {
        refuse(409, conflict);
        return;
    }
    ++d->batchesReceived;
    d->rowsReceived += batch.rows;
    d->rowsRejected += batch.rejected;
    d->keyColumn = batch.keyColumn;
    d->lastBatchAt = QDateTime::currentDateTimeUtc();
    for (const QByteArray &member : std::as_const(batch.keys))
        d->keysSeen.insert(ExchangeConsumerState::keyHash(member));
    QJsonObject answer = *result;
    answer.insert(u"duplicate"_s, false);
    d->results.insert(key, answer);
    res.sendJson(200, answer);
}

void listDestinations(SandboxContext &context, const Request &req, Responder &res)
{
    if (!authorized(context, req, res))
        return;
    QJsonArray segments;
    for (const Destination *d : context.state<ExchangeConsumerState>().destinations())
        segments.append(ExchangeConsumerState::summaryJson(*d));
    res.sendJson(200, QJsonObject{{u"segments"_s, segments}});
}

void createDestination(SandboxContext &context, const Request &req, Responder &res)
{
    if (!authorized(context, req, res))
        return;
    const auto body = jsonBodyOrReject(req, res);
    if (!body)
        return;
    const QString name = body->value(u"name"_s).toString().trimmed();
    if (name.isEmpty()) {
        res.sendError(400, u"\"name\" (a non-empty string) is required."_s);
        return;
    }
    const Destination &d = context.state<ExchangeConsumerState>().create(
        name, body->value(u"description"_s).toString());
    res.sendJson(201, ExchangeConsumerState::summaryJson(d),
                 {{"Location"_ba, u"/exchange/v1/destinations/%1"_s.arg(d.id).toUtf8()}});
}

void getDestination(SandboxContext &context, const Request &req, Responder &res)
{
    if (!authorized(context, req, res))
        return;
    const Destination *d = context.state<ExchangeConsumerState>().destination(req.param(u"id"_s));
    if (!d) {
        res.sendError(404, u"No destination \"%1\"."_s.arg(req.param(u"id"_s)));
        return;
    }
    res.sendJson(200, ExchangeConsumerState::summaryJson(*d));
}

} // namespace

void registerExchangeConsumerRoutes(Router &router, SandboxContext &context)
{
    const auto bind = [&context](Router::ContextHandler handler) {
        return Router::bind(context, handler);
    };
    auto batch = [&context](Operation operation) {
        return [&context, operation](const Request &req, Responder &res) {
            receiveBatch(context, operation, req, res);
        };
    };
    router.get(u"/exchange/v1/destinations"_s, bind(listDestinations));
    router.post(u"/exchange/v1/destinations"_s, bind(createDestination));
    router.get(u"/exchange/v1/destinations/{id}"_s, bind(getDestination));
    router.post(u"/exchange/v1/destinations/{id}/data"_s, batch(Operation::Add));
    router.put(u"/exchange/v1/destinations/{id}/data"_s, batch(Operation::Replace));
    router.del(u"/exchange/v1/destinations/{id}/data"_s, batch(Operation::Remove));

    // What the consumer recorded, for tests and people; no credentials, no faults.
    constexpr auto Exempt = Router::Faults::Exempt;
    router.get(
        u"/sandbox/destinations"_s,
        [&context](const Request &, Responder &res) {
            QJsonArray all;
            for (const Destination *d : context.state<ExchangeConsumerState>().destinations())
                all.append(ExchangeConsumerState::countersJson(*d));
            res.sendJson(200, QJsonObject{{u"destinations"_s, all}});
        },
        Exempt);
    router.get(
        u"/sandbox/destinations/{id}"_s,
        [&context](const Request &req, Responder &res) {
            const Destination *d =
                context.state<ExchangeConsumerState>().destination(req.param(u"id"_s));
            if (!d) {
                res.sendError(404, u"No destination \"%1\"."_s.arg(req.param(u"id"_s)));
                return;
            }
            res.sendJson(200, ExchangeConsumerState::countersJson(*d));
        },
        Exempt);
    router.get(
        u"/sandbox/destinations/{id}/members.csv"_s,
        [&context](const Request &req, Responder &res) {
            const Destination *d =
                context.state<ExchangeConsumerState>().destination(req.param(u"id"_s));
            if (!d) {
                res.sendError(404, u"No destination \"%1\"."_s.arg(req.param(u"id"_s)));
                return;
            }
            res.send(200, "text/csv; charset=utf-8"_ba, ExchangeConsumerState::membersCsv(*d));
        },
        Exempt);
}

} // namespace courier::sandbox
