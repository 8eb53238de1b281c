// The Fount (WPP BAV) emulation under /fount: the v2 REST API a source connector reads
// audiences from (https://fount.wppbav.com/api/v2 ↔ {sandbox}/fount/api/v2), the audience
// export webhooks The Fount pushes to a registered destination, and two sandbox-only additions:
// a trigger that starts an export (in the real product a person does that in The Fount's UI)
// and a respondents listing for pull-style clients. docs/sandbox.md, "The Fount".
#include "sandbox/auth/BearerAuth.h"
#include "sandbox/http/Json.h"
#include "sandbox/http/Responder.h"
#include "sandbox/http/Router.h"
#include "sandbox/protocols/fount/FountCatalogue.h"
#include "sandbox/protocols/fount/FountState.h"
#include "sandbox/protocols/Protocols.h"
#include "sandbox/SandboxContext.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QSet>

using namespace Qt::StringLiterals;

namespace courier::sandbox {

namespace {

constexpr int DefaultPerPage = 25;
constexpr int MaxPerPage = 1000;
const QString Api = u"/fount/api/v2"_s;

// Laravel's expectsJson(): The Fount answers errors in JSON only to clients that ask for it.
bool expectsJson(const Request &req)
{
    const QByteArray accept = req.header("Accept").toLower();
    return accept.contains("/json") || accept.contains("+json");
}

// {"data":{"message":…}} for JSON clients; otherwise an HTML error page, as a Laravel app
// renders one (the real API may redirect to a login page instead: clients must send Accept).
void fountError(const Request &req, Responder &res, int status, const QString &message,
                const HeaderList &headers, const QJsonObject &errors = {})
{
    if (expectsJson(req)) {
        QJsonObject data{{u"message"_s, message}};
        if (!errors.isEmpty())
            data.insert(u"errors"_s, errors);
        res.sendJson(status, QJsonObject{{u"data"_s, data}}, headers);
        return;
    }
    const QString escaped = message.toHtmlEscaped();
    const QString html =
        u"<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        "<title>%1 | The Fount</title></head>\n<body><div class=\"error\">"
        "<h1>%1</h1><p>%2</p></div></body></html>\n"_s.arg(
            QString::number(status) + u' ' + QString::fromLatin1(Responder::reasonPhrase(status)),
            escaped);
    res.send(status, "text/html; charset=UTF-8"_ba, html.toUtf8(), headers);
}

// Rate limit (every answer carries X-RateLimit-*), then the personal access token. Returns
// the rate-limit headers for the answer, or nullopt when it has answered 429 or 401 itself.
std::optional<HeaderList> admit(SandboxContext &context, const Request &req, Responder &res)
{
    auto &state = context.state<FountState>();
    const QByteArray token = bearerToken(req);
    const bool valid = !token.isEmpty() && constantTimeEquals(token, context.options().fount.token);
    // Per user when authenticated (all of a user's tokens share it), else per client address.
    const FountState::RateDecision rate = state.hit(valid ? u"user:1"_s : u"ip:127.0.0.1"_s);
    HeaderList headers{{"X-RateLimit-Limit"_ba, QByteArray::number(rate.limit)},
                       {"X-RateLimit-Remaining"_ba, QByteArray::number(rate.remaining)}};
    if (!rate.allowed) {
        headers.append({"Retry-After"_ba, QByteArray::number(rate.retryAfter)});
        headers.append({"X-RateLimit-Reset"_ba, QByteArray::number(rate.resetAt)});
        fountError(req, res, 429, u"Too Many Attempts."_s, headers);
        return std::nullopt;
    }
    if (!valid) {
        fountError(req, res, 401, u"Unauthenticated."_s, headers);
        return std::nullopt;
    }
    return headers;
}

// Scheme, host and port the client used, for absolute links.
QString origin(SandboxContext &context, const Request &req)
{
    const QByteArray host = req.header("Host");
    if (!host.isEmpty())
        return u"http://"_s + QString::fromLatin1(host);
    return context.baseUrl().toString(QUrl::StripTrailingSlash);
}

struct Paging
{
    qint64 page = 1;
    qint64 perPage = DefaultPerPage;
};

// Lenient like the real API: a missing or unreadable value is the default, per_page above the
// maximum is the maximum.
Paging paging(const Request &req)
{
    Paging p;
    bool ok = false;
    const qint64 page = req.queryValue(u"page"_s).toLongLong(&ok);
    if (ok && page >= 1)
        p.page = page;
    const qint64 perPage = req.queryValue(u"per_page"_s).toLongLong(&ok);
    if (ok && perPage >= 1)
        p.perPage = std::min<qint64>(perPage, MaxPerPage);
    return p;
}

QString pageUrl(const QString &base, const QUrlQuery &query, qint64 page)
{
    QUrlQuery q(query);
    q.removeAllQueryItems(u"page"_s);
    q.addQueryItem(u"page"_s, QString::number(page));
    return base + u'?' + q.toString(QUrl::FullyEncoded);
}

// Laravel's paginated resource collection: {data, links, meta}. Links keep the request's
// other query parameters (per_page, filters), so a client can simply follow "next".
QJsonObject paginated(const QString &base, const Request &req, const Paging &p, qint64 total,
                      const QJsonArray &data)
{
    const qint64 lastPage = std::max<qint64>(1, (total + p.perPage - 1) / p.perPage);
    const qint64 first = (p.page - 1) * p.perPage;
    const bool any = !data.isEmpty();
    auto url = [&](qint64 page) { return QJsonValue(pageUrl(base, req.query, page)); };

    QJsonArray pageLinks;
    pageLinks.append(QJsonObject{{u"url"_s, p.page > 1 ? url(p.page - 1) : QJsonValue()},
                                 {u"label"_s, u"&laquo; Previous"_s},
                                 {u"active"_s, false}});
    qint64 previous = 0;
    for (qint64 n = 1; n <= lastPage; ++n) {
        // Laravel's window: the first two, three either side of the current, the last two.
        const bool shown =
            lastPage <= 13 || n <= 2 || n > lastPage - 2 || (n >= p.page - 3 && n <= p.page + 3);
        if (!shown)
            continue;
        if (previous && n > previous + 1)
            pageLinks.append(QJsonObject{
                {u"url"_s, QJsonValue()}, {u"label"_s, u"..."_s}, {u"active"_s, false}});
        pageLinks.append(QJsonObject{
            {u"url"_s, url(n)}, {u"label"_s, QString::number(n)}, {u"active"_s, n == p.page}});
        previous = n;
    }
    pageLinks.append(QJsonObject{{u"url"_s, p.page < lastPage ? url(p.page + 1) : QJsonValue()},
                                 {u"label"_s, u"Next &raquo;"_s},
                                 {u"active"_s, false}});

    return QJsonObject{
        {u"data"_s, data},
        {u"links"_s, QJsonObject{{u"first"_s, url(1)},
                                 {u"last"_s, url(lastPage)},
                                 {u"prev"_s, p.page > 1 ? url(p.page - 1) : QJsonValue()},
                                 {u"next"_s, p.page < lastPage ? url(p.page + 1) : QJsonValue()}}},
        {u"meta"_s, QJsonObject{{u"current_page"_s, p.page},
                                {u"from"_s, any ? QJsonValue(first + 1) : QJsonValue()},
                                {u"last_page"_s, lastPage},
                                {u"links"_s, pageLinks},
                                {u"path"_s, base},
                                {u"per_page"_s, p.perPage},
                                {u"to"_s, any ? QJsonValue(first + data.size()) : QJsonValue()},
                                {u"total"_s, total}}}};
}

bool includes(const Request &req, const QString &relation)
{
    const QStringList list = req.queryValue(u"include"_s).split(u',', Qt::SkipEmptyParts);
    for (const QString &item : list) {
        if (item.trimmed() == relation)
            return true;
    }
    return false;
}

bool flag(const Request &req, const QString &name)
{
    const QString value = req.queryValue(name);
    return value == "1"_L1 || value.compare("true"_L1, Qt::CaseInsensitive) == 0;
}

const FountCatalogue::Audience *audienceOrError(const Request &req, Responder &res,
                                                const HeaderList &headers)
{
    bool ok = false;
    const int id = req.param(u"id"_s).toInt(&ok);
    const FountCatalogue::Audience *audience = ok ? FountCatalogue::audience(id) : nullptr;
    if (!audience)
        fountError(req, res, 404, u"Audience %1 not found."_s.arg(req.param(u"id"_s)), headers);
    return audience;
}

void health(SandboxContext &context, const Request &req, Responder &res)
{
    const auto headers = admit(context, req, res);
    if (!headers)
        return;
    res.sendJson(200,
                 QJsonObject{{u"status"_s, u"ok"_s},
                             {u"timestamp"_s, fountTime(QDateTime::currentDateTimeUtc())}},
                 *headers);
}

void listAudiences(SandboxContext &context, const Request &req, Responder &res)
{
    const auto headers = admit(context, req, res);
    if (!headers)
        return;
    QSet<int> groups;
    const QStringList groupList = req.queryValue(u"groups"_s).split(u',', Qt::SkipEmptyParts);
    for (const QString &g : groupList) {
        bool ok = false;
        const int id = g.trimmed().toInt(&ok);
        if (!ok) {
            fountError(req, res, 422, u"The groups filter must be a comma-separated list of ids."_s,
                       *headers, {{u"groups"_s, QJsonArray{u"The groups must be integers."_s}}});
            return;
        }
        groups.insert(id);
    }
    const bool active = flag(req, u"active"_s), inactive = flag(req, u"inactive"_s);
    const bool pub = flag(req, u"public"_s), priv = flag(req, u"private"_s);
    QList<const FountCatalogue::Audience *> matching;
    for (const auto &audience : FountCatalogue::audiences()) {
        if ((active && !audience.active) || (inactive && audience.active) ||
            (pub && !audience.isPublic) || (priv && audience.isPublic) ||
            (!groups.isEmpty() && !groups.contains(audience.groupId)))
            continue;
        matching.append(&audience);
    }
    const Paging p = paging(req);
    const bool withGroup = includes(req, u"group"_s);
    QJsonArray data;
    for (qint64 i = (p.page - 1) * p.perPage;
         i < std::min<qint64>(matching.size(), p.page * p.perPage); ++i)
        data.append(matching.at(i)->toJson(withGroup));
    res.sendJson(200, paginated(origin(context, req) + req.path, req, p, matching.size(), data),
                 *headers);
}

void getAudience(SandboxContext &context, const Request &req, Responder &res)
{
    const auto headers = admit(context, req, res);
    if (!headers)
        return;
    if (const auto *audience = audienceOrError(req, res, *headers))
        res.sendJson(200, QJsonObject{{u"data"_s, audience->toJson(includes(req, u"group"_s))}},
                     *headers);
}

void listGroups(SandboxContext &context, const Request &req, Responder &res)
{
    const auto headers = admit(context, req, res);
    if (!headers)
        return;
    const auto &all = FountCatalogue::groups();
    const Paging p = paging(req);
    QJsonArray data;
    for (qint64 i = (p.page - 1) * p.perPage; i < std::min<qint64>(all.size(), p.page * p.perPage);
         ++i)
        data.append(all.at(i).toJson());
    res.sendJson(200, paginated(origin(context, req) + req.path, req, p, all.size(), data),
                 *headers);
}

void getGroup(SandboxContext &context, const Request &req, Responder &res)
{
    const auto headers = admit(context, req, res);
    if (!headers)
        return;
    bool ok = false;
    const int id = req.param(u"id"_s).toInt(&ok);
    const FountCatalogue::Group *group = ok ? FountCatalogue::group(id) : nullptr;
    if (!group) {
        fountError(req, res, 404, u"Audience group %1 not found."_s.arg(req.param(u"id"_s)),
                   *headers);
        return;
    }
    QJsonObject json = group->toJson();
    if (includes(req, u"audiences"_s)) {
        QJsonArray audiences;
        for (const auto &audience : FountCatalogue::audiences()) {
            if (audience.groupId == id)
                audiences.append(QJsonObject{{u"id"_s, audience.id},
                                             {u"name"_s, audience.name},
                                             {u"is_active"_s, audience.active},
                                             {u"is_public"_s, audience.isPublic},
                                             {u"available_for_bav"_s, audience.availableForBav},
                                             {u"available_for_bc"_s, audience.availableForBc}});
        }
        json.insert(u"audiences"_s, audiences);
    }
    res.sendJson(200, QJsonObject{{u"data"_s, json}}, *headers);
}

// Sandbox extension (not in The Fount's API): the respondents of an audience, paged like
// every list, for connectors that pull instead of receiving the export webhook.
void listRespondents(SandboxContext &context, const Request &req, Responder &res)
{
    auto headers = admit(context, req, res);
    if (!headers)
        return;
    headers->append(
        {"X-Sandbox-Extension"_ba, "respondents listing; not part of The Fount API"_ba});
    const auto *audience = audienceOrError(req, res, *headers);
    if (!audience)
        return;
    const QString formatName = req.queryValue(u"format"_s).isEmpty() ? u"bav_respondent_ids"_s
                                                                     : req.queryValue(u"format"_s);
    const auto format = FountCatalogue::idFormatFromName(formatName);
    if (!format) {
        fountError(req, res, 422, u"The selected format is invalid."_s, *headers,
                   {{u"format"_s,
                     QJsonArray{u"The format must be bav_respondent_ids, ao_respondent_ids or "
                                "ao_progressive_numbers."_s}}});
        return;
    }
    const QList<qint32> &members = context.state<FountState>().members(*audience);
    const Paging p = paging(req);
    QJsonArray data;
    for (qint64 i = (p.page - 1) * p.perPage;
         i < std::min<qint64>(members.size(), p.page * p.perPage); ++i)
        data.append(FountCatalogue::respondentId(*format, members.at(i)));
    QJsonObject body = paginated(origin(context, req) + req.path, req, p, members.size(), data);
    QJsonObject meta = body.value(u"meta"_s).toObject();
    meta.insert(u"format"_s, formatName);
    meta.insert(u"audience_id"_s, audience->id);
    body.insert(u"meta"_s, meta);
    res.sendJson(200, body, *headers);
}

// Sandbox-only trigger: what a user's "Export to <destination>" click in The Fount does.
// {"format": "definition" | "bav_respondent_ids" | "ao_respondent_ids" |
// "ao_progressive_numbers"} → the export webhook goes to every enabled registered receiver.
void startExport(SandboxContext &context, const Request &req, Responder &res)
{
    auto headers = admit(context, req, res);
    if (!headers)
        return;
    headers->append({"X-Sandbox-Extension"_ba, "export trigger; not part of The Fount API"_ba});
    const auto *audience = audienceOrError(req, res, *headers);
    if (!audience)
        return;
    QJsonObject body;
    if (!req.body.trimmed().isEmpty()) {
        QJsonParseError error;
        const QJsonDocument document = QJsonDocument::fromJson(req.body, &error);
        if (error.error != QJsonParseError::NoError || !document.isObject()) {
            fountError(req, res, 400, u"The body must be a JSON object."_s, *headers);
            return;
        }
        body = document.object();
    }
    const QString format = body.value(u"format"_s).toString(req.queryValue(u"format"_s));
    if (format != "definition"_L1 && !FountCatalogue::idFormatFromName(format)) {
        fountError(req, res, 422, u"The selected format is invalid."_s, *headers,
                   {{u"format"_s, QJsonArray{u"The format must be definition, bav_respondent_ids, "
                                             "ao_respondent_ids or ao_progressive_numbers."_s}}});
        return;
    }
    auto &state = context.state<FountState>();
    if (state.receiversOf(context.options().fount.exportEvent) == 0) {
        fountError(req, res, 422,
                   u"No export destination is registered (or all are disabled): "
                   "POST /sandbox/fount/webhooks first."_s,
                   *headers);
        return;
    }
    const FountState::Export started = state.exportAudience(*audience, format);
    res.sendJson(202,
                 QJsonObject{{u"data"_s, QJsonObject{{u"id"_s, started.id},
                                                     {u"audience_id"_s, audience->id},
                                                     {u"format"_s, format},
                                                     {u"status"_s, u"queued"_s},
                                                     {u"respondents"_s, started.respondents},
                                                     {u"deliveries"_s, QJsonArray::fromStringList(
                                                                           started.deliveries)}}}},
                 *headers);
}

// --- Control routes: the sandbox's stand-in for "ask support@ to register a webhook".

void registerWebhook(SandboxContext &context, const Request &req, Responder &res)
{
    const auto body = jsonBodyOrReject(req, res);
    if (!body)
        return;
    const QUrl url(body->value(u"url"_s).toString(), QUrl::StrictMode);
    if (!url.isValid() || (url.scheme() != "http"_L1 && url.scheme() != "https"_L1) ||
        url.host().isEmpty()) {
        res.sendError(400, u"\"url\" must be an absolute http(s) URL."_s);
        return;
    }
    const QString secret = body->value(u"secret"_s).toString();
    if (secret.isEmpty()) {
        res.sendError(400, u"\"secret\" (a non-empty string) is required."_s);
        return;
    }
    QStringList events;
    const QJsonValue eventsValue = body->value(u"events"_s);
    if (eventsValue.isArray()) {
        const QJsonArray array = eventsValue.toArray();
        for (const QJsonValue &event : array)
            events.append(event.toString());
    } else if (!eventsValue.isUndefined() && !eventsValue.isNull()) {
        res.sendError(400, u"\"events\" must be an array of event names."_s);
        return;
    }
    auto &state = context.state<FountState>();
    const FountState::Webhook &hook = state.addWebhook(url, secret.toUtf8(), events);
    res.sendJson(201, state.webhookJson(hook));
}

void registerControl(Router &router, SandboxContext &context)
{
    constexpr auto Exempt = Router::Faults::Exempt;
    router.post(
        u"/sandbox/fount/webhooks"_s,
        [&context](const Request &req, Responder &res) { registerWebhook(context, req, res); },
        Exempt);
    router.get(
        u"/sandbox/fount/webhooks"_s,
        [&context](const Request &, Responder &res) {
            res.sendJson(200, context.state<FountState>().webhooksJson());
        },
        Exempt);
    router.del(
        u"/sandbox/fount/webhooks/{id}"_s,
        [&context](const Request &req, Responder &res) {
            if (context.state<FountState>().removeWebhook(req.param(u"id"_s).toInt()))
                res.sendEmpty(204);
            else
                res.sendError(404, u"No webhook %1."_s.arg(req.param(u"id"_s)));
        },
        Exempt);
    router.post(
        u"/sandbox/fount/webhooks/{id}/enable"_s,
        [&context](const Request &req, Responder &res) {
            auto &state = context.state<FountState>();
            const int id = req.param(u"id"_s).toInt();
            if (!state.enableWebhook(id)) {
                res.sendError(404, u"No webhook %1."_s.arg(req.param(u"id"_s)));
                return;
            }
            res.sendJson(200, state.webhookJson(*state.webhook(id)));
        },
        Exempt);
}

} // namespace

void registerFountRoutes(Router &router, SandboxContext &context)
{
    const auto bind = [&context](Router::ContextHandler handler) {
        return Router::bind(context, handler);
    };
    router.get(Api + u"/health"_s, bind(health));
    router.get(Api + u"/audiences"_s, bind(listAudiences));
    router.get(Api + u"/audiences/{id}"_s, bind(getAudience));
    router.get(Api + u"/audiences/{id}/respondents"_s, bind(listRespondents));
    router.post(Api + u"/audiences/{id}/exports"_s, bind(startExport));
    router.get(Api + u"/audience-groups"_s, bind(listGroups));
    router.get(Api + u"/audience-groups/{id}"_s, bind(getGroup));
    registerControl(router, context);
}

} // namespace courier::sandbox
