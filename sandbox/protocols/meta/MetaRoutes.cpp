// The Meta Marketing API emulation under /meta ({sandbox}/meta ↔ https://graph.facebook.com):
// custom audiences of an ad account and their users — add (POST …/users), remove (DELETE
// …/users) and replace (POST …/usersreplace, sessions applied when their last batch arrives),
// checked the way Meta checks them (docs/sandbox.md, "Meta custom audiences"). What arrived is
// recorded for tests under /sandbox/meta, where Graph errors can also be queued.
#include "sandbox/auth/BearerAuth.h"
#include "sandbox/http/Json.h"
#include "sandbox/http/Responder.h"
#include "sandbox/http/Router.h"
#include "sandbox/protocols/meta/MetaPayload.h"
#include "sandbox/protocols/meta/MetaState.h"
#include "sandbox/protocols/Protocols.h"
#include "sandbox/SandboxContext.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QUrlQuery>

using namespace Qt::StringLiterals;

namespace courier::sandbox {

namespace {

using Audience = MetaState::Audience;

enum class Edge { Users, UsersReplace };

struct GraphFailure
{
    int httpStatus = 400;
    int code = 100;
    int subcode = 0;
    QString type = u"OAuthException"_s;
    QString message;
    bool transient = false;
};

void sendGraphError(SandboxContext &context, Responder &res, const GraphFailure &failure)
{
    QJsonObject error{{u"message"_s, failure.message},
                      {u"type"_s, failure.type},
                      {u"code"_s, failure.code},
                      {u"fbtrace_id"_s, context.state<MetaState>().nextTraceId()}};
    if (failure.subcode != 0)
        error.insert(u"error_subcode"_s, failure.subcode);
    if (failure.transient)
        error.insert(u"is_transient"_s, true);
    res.sendJson(failure.httpStatus, QJsonObject{{u"error"_s, error}});
}

GraphFailure invalidParameter(const QString &message)
{
    return GraphFailure{400, 100, 0, u"OAuthException"_s, message};
}

GraphFailure unknownObject(const QString &id)
{
    return GraphFailure{400, 100, 33, u"GraphMethodException"_s,
                        u"Unsupported post request. Object with ID '%1' does not exist, cannot "
                        "be loaded due to missing permissions, or does not support this "
                        "operation."_s.arg(id)};
}

// Every parameter of the request: the query string, then a form or JSON body over it. Values
// of a form body are strings; payload and session then hold JSON text.
QJsonObject parameters(const Request &req, bool *tokenInQuery)
{
    QJsonObject params;
    for (const auto &[key, value] : req.query.queryItems(QUrl::FullyDecoded))
        params.insert(key, value);
    *tokenInQuery = params.contains(u"access_token"_s);
    const QByteArray type = req.header("Content-Type").toLower();
    const QByteArray body = req.body.trimmed();
    if (type.contains("json") || body.startsWith('{')) {
        const QJsonObject json = QJsonDocument::fromJson(body).object();
        for (auto it = json.begin(); it != json.end(); ++it)
            params.insert(it.key(), it.value());
    } else if (!body.isEmpty()) {
        QByteArray form = body;
        form.replace('+', "%20"); // QUrlQuery keeps '+' as it is
        const QUrlQuery query(QString::fromLatin1(form));
        for (const auto &[key, value] : query.queryItems(QUrl::FullyDecoded))
            params.insert(key, value);
    }
    return params;
}

// The JSON parameter that a form body carries as text.
QJsonObject objectParam(const QJsonObject &params, const QString &name)
{
    const QJsonValue value = params.value(name);
    if (value.isString())
        return QJsonDocument::fromJson(value.toString().toUtf8()).object();
    return value.toObject();
}

qint64 integerParam(const QJsonObject &object, const QString &name, qint64 fallback)
{
    const QJsonValue value = object.value(name);
    if (value.isString()) {
        bool ok = false;
        const qint64 number = value.toString().toLongLong(&ok);
        return ok ? number : fallback;
    }
    return value.isDouble() ? value.toInteger(fallback) : fallback;
}

bool boolParam(const QJsonObject &object, const QString &name)
{
    const QJsonValue value = object.value(name);
    return value.isString() ? value.toString() == u"true"_s : value.toBool();
}

// The checks every Graph call passes before its route runs: a version in the path, a queued
// error, the access token. Returns the parameters, or nullopt when it has answered.
std::optional<QJsonObject> admit(SandboxContext &context, const Request &req, Responder &res,
                                 const QString &edge)
{
    MetaState &state = context.state<MetaState>();
    ++state.requests;
    static const QRegularExpression version(u"^v\\d+\\.\\d+$"_s);
    if (!version.match(req.param(u"version"_s)).hasMatch()) {
        sendGraphError(
            context, res,
            GraphFailure{400, 2500, 0, u"OAuthException"_s,
                         u"Unknown path components: /%1"_s.arg(req.param(u"version"_s))});
        return std::nullopt;
    }
    if (const auto injected = state.takeError(edge, req.methodName())) {
        if (Audience *audience = state.find(req.param(u"node"_s)))
            ++audience->refusedRequests;
        sendGraphError(context, res,
                       GraphFailure{injected->httpStatus, injected->code, injected->subcode,
                                    injected->type, injected->message, injected->transient});
        return std::nullopt;
    }
    bool inQuery = false;
    const QJsonObject params = parameters(req, &inQuery);
    if (inQuery)
        ++state.tokensInQuery;
    QByteArray token = params.value(u"access_token"_s).toString().toUtf8();
    if (token.isEmpty())
        token = bearerToken(req);
    const MetaOptions &options = context.options().meta;
    if (token.isEmpty()) {
        sendGraphError(context, res,
                       GraphFailure{400, 104, 0, u"OAuthException"_s,
                                    u"An access token is required to request this resource."_s});
        return std::nullopt;
    }
    if (constantTimeEquals(token, options.expiredToken)) {
        sendGraphError(context, res,
                       GraphFailure{400, 190, 463, u"OAuthException"_s,
                                    u"Error validating access token: Session has expired."_s});
        return std::nullopt;
    }
    if (!constantTimeEquals(token, options.accessToken)) {
        sendGraphError(context, res,
                       GraphFailure{400, 190, 0, u"OAuthException"_s,
                                    u"Invalid OAuth access token - Cannot parse access token"_s});
        return std::nullopt;
    }
    return params;
}

void createAudience(SandboxContext &context, const Request &req, Responder &res)
{
    const auto params = admit(context, req, res, u"customaudiences"_s);
    if (!params)
        return;
    const QString node = req.param(u"node"_s);
    static const QRegularExpression account(u"^act_\\d+$"_s);
    const QString allowed = context.options().meta.adAccountId;
    if (!account.match(node).hasMatch() || (!allowed.isEmpty() && node != allowed)) {
        sendGraphError(context, res, unknownObject(node));
        return;
    }
    const QString name = params->value(u"name"_s).toString().trimmed();
    if (name.isEmpty()) {
        sendGraphError(context, res, invalidParameter(u"(#100) The parameter name is required"_s));
        return;
    }
    const QString subtype = params->value(u"subtype"_s).toString();
    if (subtype != u"CUSTOM"_s) {
        sendGraphError(context, res,
                       invalidParameter(u"(#100) subtype must be CUSTOM for a customer list "
                                        "audience"_s));
        return;
    }
    const QString source = params->value(u"customer_file_source"_s).toString();
    static const QStringList sources{u"USER_PROVIDED_ONLY"_s, u"PARTNER_PROVIDED_ONLY"_s,
                                     u"BOTH_USER_AND_PARTNER_PROVIDED"_s};
    if (!sources.contains(source)) {
        sendGraphError(context, res,
                       invalidParameter(u"(#100) customer_file_source must be one of %1"_s.arg(
                           sources.join(u", "_s))));
        return;
    }
    Audience &audience = context.state<MetaState>().create(node, name);
    audience.subtype = subtype;
    audience.customerFileSource = source;
    audience.description = params->value(u"description"_s).toString();
    res.sendJson(200, QJsonObject{{u"id"_s, audience.id}});
}

void getAudience(SandboxContext &context, const Request &req, Responder &res)
{
    if (!admit(context, req, res, QString()))
        return;
    const Audience *audience = context.state<MetaState>().find(req.param(u"node"_s));
    if (!audience) {
        sendGraphError(context, res, unknownObject(req.param(u"node"_s)));
        return;
    }
    QJsonObject json = MetaState::audienceJson(*audience);
    json.insert(u"approximate_count_lower_bound"_s, audience->members.size());
    res.sendJson(200, json);
}

// Add (POST) or remove (DELETE) users: applied at once, in or out of a session.
void receiveUsers(SandboxContext &context, bool remove, const Request &req, Responder &res)
{
    const auto params = admit(context, req, res, u"users"_s);
    if (!params)
        return;
    Audience *audience = context.state<MetaState>().find(req.param(u"node"_s));
    if (!audience) {
        sendGraphError(context, res, unknownObject(req.param(u"node"_s)));
        return;
    }
    const MetaOptions &options = context.options().meta;
    QString error;
    const auto payload = MetaPayload::read(params->value(u"payload"_s), options.maxRowsPerRequest,
                                           options.invalidSamples, &error);
    if (!payload) {
        ++audience->refusedRequests;
        sendGraphError(context, res, invalidParameter(error));
        return;
    }
    const QJsonObject session = objectParam(*params, u"session"_s);
    const qint64 sessionId = integerParam(session, u"session_id"_s, 0);
    if (sessionId > 0)
        audience->userSessions.insert(sessionId);

    ++(remove ? audience->removeRequests : audience->addRequests);
    audience->rowsReceived += payload->received;
    audience->invalidEntries += payload->invalid;
    audience->largestRequest = std::max(audience->largestRequest, payload->received);
    for (const MetaRow &row : payload->rows) {
        if (remove)
            audience->rowsRemoved += audience->members.remove(row) ? 1 : 0;
        else if (!audience->members.add(row))
            ++audience->duplicateRows;
    }
    QJsonObject answer{{u"audience_id"_s, audience->id},
                       {u"num_received"_s, payload->received},
                       {u"num_invalid_entries"_s, payload->invalid},
                       {u"invalid_entry_samples"_s, payload->samples}};
    if (sessionId > 0)
        answer.insert(u"session_id"_s, sessionId);
    res.sendJson(200, answer);
}

void replaceUsers(SandboxContext &context, const Request &req, Responder &res)
{
    const auto params = admit(context, req, res, u"usersreplace"_s);
    if (!params)
        return;
    Audience *audience = context.state<MetaState>().find(req.param(u"node"_s));
    if (!audience) {
        sendGraphError(context, res, unknownObject(req.param(u"node"_s)));
        return;
    }
    auto refuse = [&](const QString &message) {
        ++audience->refusedRequests;
        sendGraphError(context, res, invalidParameter(message));
    };
    const QJsonObject session = objectParam(*params, u"session"_s);
    const qint64 sessionId = integerParam(session, u"session_id"_s, 0);
    const qint64 seq = integerParam(session, u"batch_seq"_s, 0);
    const bool last = boolParam(session, u"last_batch_flag"_s);
    if (sessionId <= 0 || seq <= 0 || seq > 1'000'000) {
        refuse(u"(#100) usersreplace needs session {session_id (a positive number), batch_seq "
               "(from 1), last_batch_flag, estimated_num_total}"_s);
        return;
    }
    if (const auto done = audience->finishedSessions.constFind(sessionId);
        done != audience->finishedSessions.cend()) {
        // The closing batch sent again (its answer was lost): the same answer, nothing redone.
        if (last && seq == audience->finishedLastSeq.value(sessionId)) {
            res.sendJson(200, *done);
            return;
        }
        refuse(u"(#100) The replace session %1 has already finished; start a new session"_s.arg(
            sessionId));
        return;
    }
    const MetaOptions &options = context.options().meta;
    QString error;
    const auto payload = MetaPayload::read(params->value(u"payload"_s), options.maxRowsPerRequest,
                                           options.invalidSamples, &error);
    if (!payload) {
        refuse(error);
        return;
    }

    ++audience->replaceRequests;
    audience->rowsReceived += payload->received;
    audience->invalidEntries += payload->invalid;
    audience->largestRequest = std::max(audience->largestRequest, payload->received);
    MetaState::ReplaceSession &staged = audience->openSessions[sessionId];
    if (!staged.startedAt.isValid())
        staged.startedAt = QDateTime::currentDateTimeUtc();
    staged.estimatedTotal = integerParam(session, u"estimated_num_total"_s, staged.estimatedTotal);
    // A batch_seq sent again (a retry, a resumed upload) replaces its earlier copy.
    staged.rows += payload->rows.size() - staged.batches.value(int(seq)).size();
    staged.batches.insert(int(seq), payload->rows);

    QJsonObject answer{{u"audience_id"_s, audience->id},
                       {u"session_id"_s, sessionId},
                       {u"num_received"_s, payload->received},
                       {u"num_invalid_entries"_s, payload->invalid},
                       {u"invalid_entry_samples"_s, payload->samples}};
    if (last) {
        for (int expected = 1; expected <= int(seq); ++expected) {
            if (!staged.batches.contains(expected)) {
                refuse(u"(#100) Batch %1 of the replace session %2 never arrived; send every "
                       "batch_seq from 1 before the last one"_s.arg(expected)
                           .arg(sessionId));
                return;
            }
        }
        // All at once: until now the audience kept its old members.
        MetaMemberSet members;
        for (auto it = staged.batches.cbegin(); it != staged.batches.cend(); ++it) {
            for (const MetaRow &row : it.value())
                members.add(row);
        }
        audience->members = std::move(members);
        audience->openSessions.remove(sessionId);
        audience->finishedSessions.insert(sessionId, answer);
        audience->finishedLastSeq.insert(sessionId, int(seq));
        ++audience->sessionsApplied;
    }
    res.sendJson(200, answer);
}

void injectErrors(SandboxContext &context, const Request &req, Responder &res)
{
    const auto body = jsonBodyOrReject(req, res);
    if (!body)
        return;
    QList<QJsonObject> items;
    if (body->contains(u"errors"_s)) {
        for (const QJsonValue &item : body->value(u"errors"_s).toArray())
            items.append(item.toObject());
    } else {
        items.append(*body);
    }
    QList<MetaState::InjectedError> errors;
    for (const QJsonObject &item : std::as_const(items)) {
        QString error;
        const auto parsed = MetaState::InjectedError::fromJson(item, &error);
        if (!parsed) {
            res.sendError(400, error);
            return;
        }
        errors.append(*parsed);
    }
    MetaState &state = context.state<MetaState>();
    for (MetaState::InjectedError &error : errors)
        state.inject(std::move(error));
    res.sendJson(200, QJsonObject{{u"errors"_s, state.injectedJson()}});
}

} // namespace

void registerMetaRoutes(Router &router, SandboxContext &context)
{
    const auto bind = [&context](Router::ContextHandler handler) {
        return Router::bind(context, handler);
    };
    const QString node = u"/meta/{version}/{node}"_s;
    router.get(node, bind(getAudience));
    router.post(node + u"/customaudiences"_s, bind(createAudience));
    router.post(node + u"/users"_s, [&context](const Request &req, Responder &res) {
        receiveUsers(context, false, req, res);
    });
    router.del(node + u"/users"_s, [&context](const Request &req, Responder &res) {
        receiveUsers(context, true, req, res);
    });
    router.post(node + u"/usersreplace"_s, bind(replaceUsers));

    // What the emulation recorded, and Graph errors to answer next; no credentials, no faults.
    constexpr auto Exempt = Router::Faults::Exempt;
    router.get(
        u"/sandbox/meta/audiences"_s,
        [&context](const Request &, Responder &res) {
            const MetaState &state = context.state<MetaState>();
            QJsonArray all;
            for (const Audience *audience : state.audiences())
                all.append(MetaState::countersJson(*audience));
            res.sendJson(200, QJsonObject{{u"audiences"_s, all},
                                          {u"requests"_s, state.requests},
                                          {u"tokensInQuery"_s, state.tokensInQuery}});
        },
        Exempt);
    router.get(
        u"/sandbox/meta/audiences/{id}"_s,
        [&context](const Request &req, Responder &res) {
            const Audience *audience = context.state<MetaState>().find(req.param(u"id"_s));
            if (!audience) {
                res.sendError(404, u"No custom audience \"%1\"."_s.arg(req.param(u"id"_s)));
                return;
            }
            res.sendJson(200, MetaState::countersJson(*audience));
        },
        Exempt);
    router.get(
        u"/sandbox/meta/audiences/{id}/members"_s,
        [&context](const Request &req, Responder &res) {
            const Audience *audience = context.state<MetaState>().find(req.param(u"id"_s));
            if (!audience) {
                res.sendError(404, u"No custom audience \"%1\"."_s.arg(req.param(u"id"_s)));
                return;
            }
            res.sendJson(200, QJsonObject{{u"members"_s, audience->members.toJson()}});
        },
        Exempt);
    router.get(
        u"/sandbox/meta/errors"_s,
        [&context](const Request &, Responder &res) {
            res.sendJson(200,
                         QJsonObject{{u"errors"_s, context.state<MetaState>().injectedJson()}});
        },
        Exempt);
    router.post(u"/sandbox/meta/errors"_s, bind(injectErrors), Exempt);
}

} // namespace courier::sandbox
