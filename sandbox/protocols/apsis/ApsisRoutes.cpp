// The emulated APSIS One API under /apsis: the client-credentials token endpoint, the
// definitions the APSIS source connector reads (keyspaces, sections, attributes, tags, events,
// segments) and the profile export — POST a request, then poll the returned URL: 404 until
// ready, 200 streaming the JSON file (gzip on request), 410 once gone, 503 when processing
// failed. Errors are RFC 7807 problem documents {status, title, detail}; the account's rate
// limits answer 429 with Retry-After.
#include "sandbox/auth/BearerAuth.h"
#include "sandbox/http/Json.h"
#include "sandbox/http/Responder.h"
#include "sandbox/http/Router.h"
#include "sandbox/protocols/apsis/ApsisCatalogue.h"
#include "sandbox/protocols/apsis/ApsisExportFile.h"
#include "sandbox/protocols/apsis/ApsisExports.h"
#include "sandbox/protocols/ga4/Jwt.h"
#include "sandbox/protocols/Protocols.h"
#include "sandbox/SandboxContext.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QMessageAuthenticationCode>

using namespace Qt::StringLiterals;

namespace courier::sandbox {

namespace {

// Signs the sandbox's APSIS tokens so a tampered one is refused; not a secret worth keeping.
constexpr QByteArrayView TokenSigningKey = "courier-sandbox-apsis-token-signing-key";

void sendProblem(Responder &res, int status, const QString &detail, const HeaderList &headers = {})
{
    const QJsonObject problem{{u"type"_s, u"about:blank"_s},
                              {u"title"_s, QString::fromLatin1(Responder::reasonPhrase(status))},
                              {u"status"_s, status},
                              {u"detail"_s, detail}};
    res.send(status, "application/problem+json"_ba,
             QJsonDocument(problem).toJson(QJsonDocument::Compact), headers);
}

void tooManyRequests(Responder &res, int retryAfter, const QString &detail)
{
    sendProblem(res, 429, detail, {{"Retry-After"_ba, QByteArray::number(retryAfter)}});
}

// The body as a JSON object, or nullopt with a 400 problem sent.
std::optional<QJsonObject> jsonBody(const Request &req, Responder &res)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(req.body, &error);
    if (error.error != QJsonParseError::NoError || !document.isObject()) {
        sendProblem(res, 400,
                    error.error != QJsonParseError::NoError
                        ? u"The body is not valid JSON: %1 at offset %2."_s.arg(error.errorString())
                              .arg(error.offset)
                        : u"The body must be a JSON object."_s);
        return std::nullopt;
    }
    return document.object();
}

// ---- tokens ----------------------------------------------------------------------------------

QByteArray tokenSignature(QByteArrayView signingInput)
{
    return base64UrlEncode(QMessageAuthenticationCode::hash(
        signingInput.toByteArray(), TokenSigningKey.toByteArray(), QCryptographicHash::Sha256));
}

// A JWT (HS256) whose payload carries exp, as APSIS's do; its jti is the TokenIssuer token
// that decides whether it is still valid.
QByteArray tokenJwt(const TokenIssuer::Issued &issued, const QString &clientId)
{
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    const QJsonObject header{{u"alg"_s, u"HS256"_s}, {u"typ"_s, u"JWT"_s}};
    const QJsonObject claims{{u"iss"_s, u"courier-sandbox/apsis"_s},
                             {u"sub"_s, clientId},
                             {u"aud"_s, u"apsis-one-api"_s},
                             {u"iat"_s, now},
                             {u"exp"_s, now + qint64(issued.expiresIn.count())},
                             {u"jti"_s, QString::fromLatin1(issued.token)}};
    const QByteArray input = base64UrlEncode(QJsonDocument(header).toJson(QJsonDocument::Compact)) +
                             '.' +
                             base64UrlEncode(QJsonDocument(claims).toJson(QJsonDocument::Compact));
    return input + '.' + tokenSignature(input);
}

bool authorized(SandboxContext &context, const Request &req, Responder &res)
{
    const QByteArray token = bearerToken(req);
    if (token.isEmpty()) {
        sendProblem(res, 401, u"Missing \"Authorization: Bearer <access token>\" header."_s,
                    {{"WWW-Authenticate"_ba, "Bearer"_ba}});
        return false;
    }
    const auto jwt = decodeJwt(token);
    QString subject;
    const auto validity =
        jwt && base64UrlEncode(jwt->signature) == tokenSignature(jwt->signingInput)
            ? context.tokens().check(jwt->claims.value(u"jti"_s).toString().toLatin1(), &subject)
            : TokenIssuer::Validity::Unknown;
    if (validity == TokenIssuer::Validity::Valid && subject.startsWith(u"apsis|"_s))
        return true;
    sendProblem(res, 401,
                validity == TokenIssuer::Validity::Expired
                    ? u"The access token has expired; request a new one."_s
                    : u"The access token is not valid."_s,
                {{"WWW-Authenticate"_ba, "Bearer error=\"invalid_token\""_ba}});
    return false;
}

void issueToken(SandboxContext &context, const Request &req, Responder &res)
{
    const ApsisOptions &options = context.options().apsis;
    int retryAfter = 1;
    if (!context.state<ApsisExports>().tokenRequests().admit(&retryAfter)) {
        tooManyRequests(res, retryAfter,
                        u"The token endpoint allows %1 requests a minute; cache the token (it "
                        "is valid for 24 hours)."_s.arg(options.tokenRequestsPerMinute));
        return;
    }
    const auto body = jsonBody(req, res);
    if (!body)
        return;
    if (body->value(u"grant_type"_s).toString() != u"client_credentials"_s) {
        sendProblem(res, 400, u"grant_type must be \"client_credentials\"."_s);
        return;
    }
    const QString clientId = body->value(u"client_id"_s).toString();
    if (clientId.toUtf8() != options.clientId ||
        body->value(u"client_secret"_s).toString().toUtf8() != options.clientSecret) {
        sendProblem(res, 401, u"Invalid client_id or client_secret."_s);
        return;
    }
    const auto ttl = res.faults().peek(FaultKind::TokenTtl) ? context.tokenTtlFor(res.faults())
                                                            : options.tokenTtl;
    const auto issued = context.tokens().issue(ttl, u"apsis|"_s + clientId);
    res.sendJson(200,
                 QJsonObject{{u"access_token"_s, QString::fromLatin1(tokenJwt(issued, clientId))},
                             {u"expires_in"_s, qint64(issued.expiresIn.count())},
                             {u"token_type"_s, u"Bearer"_s}});
}

// ---- definitions -----------------------------------------------------------------------------

const ApsisCatalogue::Section *sectionOrProblem(const Request &req, Responder &res)
{
    const ApsisCatalogue::Section *section = ApsisCatalogue::section(req.param(u"section"_s));
    if (!section)
        sendProblem(res, 404, u"No section \"%1\"."_s.arg(req.param(u"section"_s)));
    return section;
}

template <class T> QJsonObject items(const QList<T> &list)
{
    QJsonArray array;
    for (const T &item : list)
        array.append(item.toJson());
    return QJsonObject{{u"items"_s, array}};
}

// ---- exports ---------------------------------------------------------------------------------

// The keys of an array of ids: numbers (version ids) or strings (ids or discriminators).
std::optional<QStringList> keyList(const QJsonObject &body, const QString &field, Responder &res)
{
    const QJsonValue value = body.value(field);
    if (value.isUndefined() || value.isNull())
        return QStringList();
    if (!value.isArray()) {
        sendProblem(res, 400,
                    u"\"%1\" must be an array of version ids or discriminators."_s.arg(field));
        return std::nullopt;
    }
    QStringList keys;
    const QJsonArray array = value.toArray();
    for (const QJsonValue &entry : array) {
        if (entry.isDouble())
            keys.append(QString::number(entry.toInteger()));
        else if (entry.isString() && !entry.toString().isEmpty())
            keys.append(entry.toString());
        else {
            sendProblem(res, 400,
                        u"\"%1\" holds an entry that is neither a version id nor a "
                        "discriminator."_s.arg(field));
            return std::nullopt;
        }
    }
    return keys;
}

// segment_filter: a segment discriminator, or an object naming one.
std::optional<QString> segmentKey(const QJsonValue &filter, Responder &res)
{
    if (filter.isString())
        return filter.toString();
    if (filter.isObject()) {
        const QJsonObject object = filter.toObject();
        for (const QString &name : {u"segment_discriminator"_s, u"discriminator"_s, u"segment"_s}) {
            if (object.value(name).isString())
                return object.value(name).toString();
        }
    }
    sendProblem(res, 400,
                u"segment_filter must be a segment discriminator or "
                "{\"segment_discriminator\": \"…\"}."_s);
    return std::nullopt;
}

std::optional<QDateTime> timeField(const QJsonObject &body, const QString &field, Responder &res)
{
    const QJsonValue value = body.value(field);
    if (value.isUndefined() || value.isNull())
        return QDateTime();
    QDateTime time;
    if (value.isString())
        time = QDateTime::fromString(value.toString(), Qt::ISODateWithMs);
    if (!time.isValid()) {
        sendProblem(res, 400,
                    u"\"%1\" must be an ISO 8601 date and time, e.g. "
                    "2025-01-31T00:00:00Z."_s.arg(field));
        return std::nullopt;
    }
    return time.toUTC();
}

void requestExport(SandboxContext &context, const Request &req, Responder &res)
{
    if (!authorized(context, req, res))
        return;
    const ApsisOptions &options = context.options().apsis;
    auto &exports = context.state<ApsisExports>();
    int retryAfter = 1;
    if (!exports.exportRequests().admit(&retryAfter)) {
        tooManyRequests(res, retryAfter,
                        u"Profile exports may be requested %1 time(s) a "
                        "second."_s.arg(options.exportRequestsPerSecond));
        return;
    }
    if (req.body.size() > options.maxBodyBytes) {
        sendProblem(res, 413,
                    u"The request body may be at most %1 bytes."_s.arg(options.maxBodyBytes));
        return;
    }
    const auto body = jsonBody(req, res);
    if (!body)
        return;

    // Segment first: attribute discriminators are looked up in its section.
    ApsisExports::Export e;
    e.segment = ApsisCatalogue::wholeAccount(options.accountProfiles);
    if (const QJsonValue filter = body->value(u"segment_filter"_s);
        !filter.isUndefined() && !filter.isNull()) {
        const auto key = segmentKey(filter, res);
        if (!key)
            return;
        const auto segment = ApsisCatalogue::segment(*key);
        if (!segment) {
            sendProblem(res, 400, u"segment_filter names no segment \"%1\"."_s.arg(*key));
            return;
        }
        e.segment = *segment;
        e.segmentFiltered = true;
    }

    const auto attributeKeys = keyList(*body, u"attributes"_s, res);
    if (!attributeKeys)
        return;
    const auto tagKeys = keyList(*body, u"tags"_s, res);
    if (!tagKeys)
        return;
    const auto eventKeys = keyList(*body, u"events"_s, res);
    if (!eventKeys)
        return;
    if (attributeKeys->isEmpty() && tagKeys->isEmpty()) {
        sendProblem(res, 400,
                    u"Request at least one attribute or tag: without one no profile "
                    "appears in the export."_s);
        return;
    }
    if (attributeKeys->size() > options.maxAttributes) {
        sendProblem(res, 400,
                    u"An export may include at most %1 attributes; %2 were requested."_s
                        .arg(options.maxAttributes)
                        .arg(attributeKeys->size()));
        return;
    }
    if (tagKeys->size() > options.maxTags) {
        sendProblem(
            res, 400,
            u"An export may include at most %1 tags; %2 were requested."_s.arg(options.maxTags)
                .arg(tagKeys->size()));
        return;
    }
    for (const QString &key : *attributeKeys) {
        const auto attribute = ApsisCatalogue::attribute(key, e.segment.section);
        if (!attribute) {
            sendProblem(res, 400,
                        u"Unknown attribute \"%1\" (give a version id from GET "
                        "/audience/sections/{section}/attributes)."_s.arg(key));
            return;
        }
        if (!std::any_of(e.attributes.cbegin(), e.attributes.cend(),
                         [&](const auto &a) { return a.versionId == attribute->versionId; }))
            e.attributes.append(*attribute);
    }
    for (const QString &key : *tagKeys) {
        const auto tag = ApsisCatalogue::tag(key, e.segment.section);
        if (!tag) {
            sendProblem(res, 400, u"Unknown tag \"%1\"."_s.arg(key));
            return;
        }
        if (!std::any_of(e.tags.cbegin(), e.tags.cend(),
                         [&](const auto &t) { return t.versionId == tag->versionId; }))
            e.tags.append(*tag);
    }
    for (const QString &key : *eventKeys) {
        const auto type = ApsisCatalogue::eventType(key, e.segment.section);
        if (!type) {
            sendProblem(res, 400, u"Unknown event type \"%1\"."_s.arg(key));
            return;
        }
        if (!std::any_of(e.events.cbegin(), e.events.cend(),
                         [&](const auto &t) { return t.versionId == type->versionId; }))
            e.events.append(*type);
    }

    const auto startAt = timeField(*body, u"start_at"_s, res);
    if (!startAt)
        return;
    const auto endAt = timeField(*body, u"end_at"_s, res);
    if (!endAt)
        return;
    if (!e.events.isEmpty() && !startAt->isValid()) {
        sendProblem(res, 400, u"start_at is mandatory when events are requested."_s);
        return;
    }
    if (endAt->isValid() && !startAt->isValid()) {
        sendProblem(res, 400, u"end_at needs a start_at."_s);
        return;
    }
    if (startAt->isValid()) {
        const QDateTime end = endAt->isValid() ? *endAt : startAt->addDays(7);
        if (end <= *startAt) {
            sendProblem(res, 400, u"end_at must be after start_at."_s);
            return;
        }
        if (end > startAt->addMonths(options.maxWindowMonths)) {
            sendProblem(res, 400,
                        u"The export time window for events may be at most %1 "
                        "months."_s.arg(options.maxWindowMonths));
            return;
        }
        e.startAtMs = startAt->toMSecsSinceEpoch();
        e.endAtMs = end.toMSecsSinceEpoch();
    }

    if (options.maxPendingExports > 0 && exports.pending() >= options.maxPendingExports) {
        tooManyRequests(res, 1,
                        u"Too many pending exports (%1); wait for one to finish."_s.arg(
                            options.maxPendingExports));
        return;
    }

    e.fails = res.faults().take(FaultKind::FailJobs).has_value();
    const ApsisExports::Export &created = exports.create(std::move(e));
    QUrl pollUrl = context.baseUrl();
    pollUrl.setPath(u"/apsis/audience/profiles/exports/"_s + created.id);
    const QString poll = pollUrl.toString();
    res.sendJson(options.exportCreatedStatus,
                 QJsonObject{{u"poll_url"_s, poll},
                             {u"export_id"_s, created.id},
                             {u"expires_at"_s, rfc3339(exports.expiresAt(created))}},
                 {{"Location"_ba, poll.toUtf8()}});
}

void pollExport(SandboxContext &context, const Request &req, Responder &res)
{
    if (!authorized(context, req, res))
        return;
    auto &exports = context.state<ApsisExports>();
    int retryAfter = 1;
    if (!exports.downloads().admit(&retryAfter)) {
        tooManyRequests(res, retryAfter,
                        u"Export downloads are limited to %1 a minute."_s.arg(
                            context.options().apsis.downloadsPerMinute));
        return;
    }
    const ApsisExports::Export *e = exports.find(req.param(u"exportId"_s));
    if (!e) {
        sendProblem(res, 410, u"The export is no longer available or the id is not valid."_s);
        return;
    }
    switch (exports.phase(*e)) {
    case ApsisExports::Phase::Expired:
        sendProblem(res, 410,
                    u"The export is no longer available (poll URLs are valid for one "
                    "day); request a new one."_s);
        return;
    case ApsisExports::Phase::Pending:
        sendProblem(res, 404,
                    u"The export is not ready yet; poll again with exponential "
                    "back-off."_s);
        return;
    case ApsisExports::Phase::Failed:
        sendProblem(res, 503, u"Processing the export failed; request a new export."_s);
        return;
    case ApsisExports::Phase::Ready:
        break;
    }
    res.stream(
        200, "application/json"_ba,
        std::make_unique<ApsisExportFile>(*e, context.options().apsis.keySectionsByDiscriminator),
        {{"Content-Disposition"_ba,
          "attachment; filename=\"profile-export-" + e->id.toUtf8() + ".json\""}});
}

} // namespace

void registerApsisRoutes(Router &router, SandboxContext &context)
{
    router.post(u"/apsis/oauth/token"_s,
                [&context](const Request &req, Responder &res) { issueToken(context, req, res); });

    router.get(u"/apsis/audience/keyspaces"_s, [&context](const Request &req, Responder &res) {
        if (authorized(context, req, res))
            res.sendJson(200, QJsonObject{{u"items"_s, ApsisCatalogue::keyspaces()}});
    });
    router.get(u"/apsis/audience/sections"_s, [&context](const Request &req, Responder &res) {
        if (authorized(context, req, res))
            res.sendJson(200, items(ApsisCatalogue::sections()));
    });
    auto sectionList = [&context](auto list) {
        return [&context, list](const Request &req, Responder &res) {
            if (!authorized(context, req, res))
                return;
            if (const auto *section = sectionOrProblem(req, res))
                res.sendJson(200, items(list(section->discriminator)));
        };
    };
    router.get(u"/apsis/audience/sections/{section}/attributes"_s,
               sectionList(&ApsisCatalogue::attributes));
    router.get(u"/apsis/audience/sections/{section}/tags"_s, sectionList(&ApsisCatalogue::tags));
    router.get(u"/apsis/audience/sections/{section}/events"_s,
               sectionList(&ApsisCatalogue::events));
    router.get(u"/apsis/audience/sections/{section}/segments"_s,
               sectionList(&ApsisCatalogue::segments));

    router.post(
        u"/apsis/audience/profiles/exports"_s,
        [&context](const Request &req, Responder &res) { requestExport(context, req, res); });
    router.get(u"/apsis/audience/profiles/exports/{exportId}"_s,
               [&context](const Request &req, Responder &res) { pollExport(context, req, res); });
}

} // namespace courier::sandbox
