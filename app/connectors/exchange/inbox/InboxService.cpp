#include "InboxService.h"

#include "common/Logging.h"
#include "connectors/csv/CsvReader.h"
#include "connectors/exchange/outbox/OutboxRoutes.h"
#include "InboxStore.h"
#include "store/AudienceRepository.h"
#include "store/AudienceVersionRepository.h"
#include "store/Database.h"
#include "store/EndpointRepository.h"

#include <QDateTime>
#include <QDir>
#include <QJsonArray>
#include <QRandomGenerator>
#include <QSet>
#include <QTemporaryFile>
#include <QUrl>

namespace courier::inbox {

namespace {

constexpr qsizetype MaxExternalIdLength = 200;
constexpr qsizetype MaxNameLength = 200;
constexpr qsizetype MaxDescriptionLength = 2000;
constexpr qsizetype MaxPushIdLength = 200;
constexpr qsizetype MaxColumns = 1000;

// Columns that identify members when the endpoint names none of its own.
const QStringList DefaultIdentifiers = {QStringLiteral("email"), QStringLiteral("phone"),
                                        QStringLiteral("device_id"), QStringLiteral("user_id")};

// /exchange/v1/push/{endpointId}/audiences/{externalId}
struct Route
{
    qint64 endpointId = 0;
    QString externalId;
};

std::optional<Route> matchRoute(const QByteArray &path)
{
    const QList<QByteArray> segments = path.split('/');
    if (segments.size() != 7 || !segments.at(0).isEmpty() || segments.at(1) != "exchange" ||
        segments.at(2) != "v1" || segments.at(3) != "push" || segments.at(5) != "audiences")
        return std::nullopt;
    bool ok = false;
    Route route;
    route.endpointId = segments.at(4).toLongLong(&ok);
    if (!ok || route.endpointId <= 0)
        return std::nullopt;
    route.externalId = QUrl::fromPercentEncoding(segments.at(6));
    return route;
}

bool hasControlCharacters(const QString &text)
{
    return std::any_of(text.cbegin(), text.cend(),
                       [](QChar c) { return c.category() == QChar::Other_Control; });
}

bool isVisibleAscii(const QByteArray &text)
{
    return std::all_of(text.cbegin(), text.cend(), [](char c) { return c > 0x20 && c < 0x7f; });
}

// "text/csv" with any parameters; a charset, if named, must be UTF-8.
bool isCsvType(const QByteArray &contentType)
{
    const QList<QByteArray> parts = contentType.split(';');
    if (parts.first().trimmed().toLower() != "text/csv")
        return false;
    for (qsizetype i = 1; i < parts.size(); ++i) {
        const QByteArray parameter = parts.at(i).trimmed().toLower();
        if (parameter.startsWith("charset=")) {
            QByteArray charset = parameter.mid(8);
            charset.replace('"', QByteArray());
            if (charset != "utf-8" && charset != "utf8")
                return false;
        }
    }
    return true;
}

// An optional text parameter: the query item, else the header (UTF-8).
QString textParameter(const RequestHead &head, const QString &queryName,
                      const QByteArray &headerName)
{
    if (head.query.hasQueryItem(queryName))
        return head.query.queryItemValue(queryName, QUrl::FullyDecoded).trimmed();
    return QString::fromUtf8(head.header(headerName)).trimmed();
}

struct CsvCheck
{
    bool ok = false;
    QString error;
    QStringList columns;
    qint64 rows = 0;
};

// Reads the whole file as the protocol's CSV: a header of distinct, non-empty names, and rows
// that all fit it. Strict on purpose: the producer can fix and resend, while a half-read
// audience shared onwards cannot be taken back.
CsvCheck checkCsv(const QString &path)
{
    CsvCheck check;
    CsvReaderOptions options;
    options.delimiter = ',';
    CsvReader reader(options);
    if (!reader.open(path)) {
        check.error = reader.errorString();
        return check;
    }
    check.columns = reader.columns();
    if (check.columns.size() > MaxColumns) {
        check.error = Service::tr("The header row has %1 columns; at most %2 are accepted.")
                          .arg(check.columns.size())
                          .arg(MaxColumns);
        return check;
    }
    QSet<QString> seen;
    for (qsizetype i = 0; i < check.columns.size(); ++i) {
        const QString &name = check.columns.at(i);
        if (name.trimmed().isEmpty()) {
            check.error = Service::tr("Column %1 of the header row has no name.").arg(i + 1);
            return check;
        }
        if (seen.contains(name)) {
            check.error = Service::tr("The header row names the column “%1” twice.").arg(name);
            return check;
        }
        seen.insert(name);
    }
    QString firstReject;
    reader.setRejectSink([&firstReject](RejectedRow &&row) {
        if (firstReject.isEmpty())
            firstReject = Service::tr("Line %1: %2.").arg(row.line).arg(row.reason);
    });
    RowBatch batch;
    bool more = true;
    while (more && firstReject.isEmpty()) {
        more = reader.read(batch, 10000);
        check.rows += batch.rowCount();
    }
    if (!firstReject.isEmpty()) {
        check.error = firstReject;
        return check;
    }
    if (!reader.errorString().isEmpty()) {
        check.error = reader.errorString();
        return check;
    }
    check.ok = true;
    return check;
}

QJsonObject versionJson(const AudienceVersionRepository::Added &added)
{
    const AudienceVersion &version = added.version;
    return {
        {QStringLiteral("versionId"), version.id},
        {QStringLiteral("audienceId"), version.audienceId},
        {QStringLiteral("endpointId"), version.endpointId},
        {QStringLiteral("externalId"), added.audience.externalId},
        {QStringLiteral("name"), added.audience.name},
        {QStringLiteral("rows"), version.rows},
        {QStringLiteral("bytes"), version.bytes},
        {QStringLiteral("sha256"), version.sha256},
        {QStringLiteral("columns"), QJsonArray::fromStringList(version.columns)},
        {QStringLiteral("receivedAt"), version.receivedAt.toUTC().toString(Qt::ISODateWithMs)},
        {QStringLiteral("duplicate"), added.duplicate},
    };
}

Answer versionAnswer(int status, const AudienceVersionRepository::Added &added)
{
    Answer answer;
    answer.status = status;
    answer.bytes = jsonResponse(status, versionJson(added));
    answer.audienceId = added.version.audienceId;
    answer.versionId = added.version.id;
    answer.stored = !added.duplicate;
    return answer;
}

// <yyyyMMdd-HHmmss-zzz>-<random>.csv: sorts by arrival, and never says anything of the
// audience (its id is the producer's text, not a safe file name).
QString versionFileName()
{
    return QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyyMMdd-HHmmss-zzz")) +
           QLatin1Char('-') +
           QString::number(QRandomGenerator::global()->generate(), 16).rightJustified(8, u'0') +
           QStringLiteral(".csv");
}

} // namespace

Service::Service(std::shared_ptr<const InboxStore> store, KeyLookup keys, qint64 maxBodyBytes,
                 std::shared_ptr<Outbox> outbox)
    : m_store(std::move(store))
    , m_keys(std::move(keys))
    , m_maxBodyBytes(maxBodyBytes)
{
    if (outbox)
        m_outboxRoutes = std::make_unique<OutboxRoutes>(std::move(outbox), m_keys);
}

Service::~Service() = default;

Answer Service::refusal(int status, const QString &message, const HeaderList &headers)
{
    Answer answer;
    answer.status = status;
    answer.message = message;
    answer.bytes = errorResponse(status, message, headers);
    return answer;
}

std::variant<PushTicket, Answer> Service::admit(const RequestHead &head) const
{
    const std::optional<Route> route = matchRoute(head.path);
    if (!route)
        return refusal(404, tr("No such path; push to /exchange/v1/push/{endpointId}/audiences/"
                               "{audienceId}."));
    // Refusals from here on name the endpoint, so the app can tell the user about them.
    const auto fail = [&route](int status, const QString &message, const HeaderList &headers = {}) {
        Answer answer = refusal(status, message, headers);
        answer.endpointId = route->endpointId;
        return answer;
    };
    if (head.method != "POST")
        return fail(405, tr("Push an audience with POST."), {{"Allow", "POST"}});

    QString error;
    const auto endpoint = EndpointRepository(m_store->database()).find(route->endpointId, &error);
    if (!endpoint) {
        if (!error.isEmpty())
            return fail(503, tr("The app cannot read its endpoints right now; try again."),
                        {{"Retry-After", "5"}});
        return fail(404, tr("No endpoint %1 accepts pushes.").arg(route->endpointId));
    }
    if (endpoint->kind != QStringLiteral("exchange") ||
        endpoint->transfer != Endpoint::Transfer::Push ||
        endpoint->role == Endpoint::Role::Destination)
        return fail(404, tr("No endpoint %1 accepts pushes.").arg(route->endpointId));

    // The key before anything else the request says, so a stranger learns nothing more.
    const QByteArray presented = bearerCredentials(head);
    if (presented.isEmpty())
        return fail(401, tr("Send the endpoint's key as “Authorization: Bearer <key>”."),
                    {{"WWW-Authenticate", "Bearer realm=\"exchange-inbox\""}});
    const QByteArray key = m_keys ? m_keys(endpoint->id) : QByteArray();
    if (key.isEmpty() || !constantTimeEquals(presented, key))
        return fail(
            401, tr("The key is not this endpoint's."),
            {{"WWW-Authenticate", "Bearer realm=\"exchange-inbox\", error=\"invalid_token\""}});

    if (head.hasHeader("transfer-encoding"))
        return fail(411, tr("Chunked bodies are not accepted; send Content-Length."));
    if (!head.hasHeader("content-length"))
        return fail(411, tr("Send the body's size as Content-Length."));
    const qint64 length = parseContentLength(head.header("content-length"));
    if (length < 0)
        return fail(400, tr("Content-Length is not a number of bytes."));
    if (length > m_maxBodyBytes)
        return fail(413, tr("The body is %1 bytes; this inbox accepts at most %2.")
                             .arg(length)
                             .arg(m_maxBodyBytes));
    if (!isCsvType(head.header("content-type")))
        return fail(415, tr("Send the audience as “Content-Type: text/csv” (UTF-8)."));
    const QByteArray expect = head.header("expect");
    if (!expect.isEmpty() && expect.toLower() != "100-continue")
        return fail(417, tr("Only “Expect: 100-continue” is supported."));

    PushTicket ticket;
    ticket.endpoint = *endpoint;
    ticket.externalId = route->externalId;
    ticket.contentLength = length;
    ticket.expectContinue = !expect.isEmpty();
    if (ticket.externalId.trimmed().isEmpty() || ticket.externalId.size() > MaxExternalIdLength ||
        hasControlCharacters(ticket.externalId))
        return fail(
            400,
            tr("The audience id must be 1 to %1 printable characters.").arg(MaxExternalIdLength));
    ticket.name = textParameter(head, QStringLiteral("name"), "exchange-audience-name");
    ticket.description =
        textParameter(head, QStringLiteral("description"), "exchange-audience-description");
    if (ticket.name.size() > MaxNameLength || hasControlCharacters(ticket.name))
        return fail(400,
                    tr("The name must be at most %1 printable characters.").arg(MaxNameLength));
    if (ticket.description.size() > MaxDescriptionLength)
        return fail(400,
                    tr("The description must be at most %1 characters.").arg(MaxDescriptionLength));

    const QByteArray pushId = head.header("idempotency-key");
    if (head.hasHeader("idempotency-key") &&
        (pushId.isEmpty() || pushId.size() > MaxPushIdLength || !isVisibleAscii(pushId)))
        return fail(400, tr("The Idempotency-Key must be 1 to %1 visible ASCII characters.")
                             .arg(MaxPushIdLength));
    ticket.pushId = QString::fromLatin1(pushId);
    if (!ticket.pushId.isEmpty()) {
        const AudienceVersionRepository versions(m_store->database());
        if (auto earlier = versions.findByPushId(endpoint->id, ticket.pushId, &error)) {
            if (auto audience =
                    AudienceRepository(m_store->database()).find(earlier->audienceId, &error)) {
                qCInfo(lcConnectors) << "exchange inbox: endpoint" << endpoint->id
                                     << "repeated a push; answering with version" << earlier->id;
                return versionAnswer(200, {*earlier, *audience, true});
            }
        }
        if (!error.isEmpty())
            return fail(503, tr("The app cannot read its audiences right now; try again."),
                        {{"Retry-After", "5"}});
    }
    return ticket;
}

std::unique_ptr<QTemporaryFile> Service::createSpool(const PushTicket &ticket, QString *error) const
{
    const QString directory = m_store->endpointDirectory(ticket.endpoint.id);
    if (!QDir().mkpath(directory)) {
        if (error)
            *error = tr("Cannot create the folder %1.").arg(QDir::toNativeSeparators(directory));
        return nullptr;
    }
    auto spool =
        std::make_unique<QTemporaryFile>(QDir(directory).filePath(QStringLiteral(".push-XXXXXX")));
    if (!spool->open()) {
        if (error)
            *error = tr("Cannot create a file in %1: %2")
                         .arg(QDir::toNativeSeparators(directory), spool->errorString());
        return nullptr;
    }
    return spool;
}

Answer Service::store(const PushTicket &ticket, QTemporaryFile &spool,
                      const QString &sha256Hex) const
{
    spool.close();
    const CsvCheck csv = checkCsv(spool.fileName());
    if (!csv.ok)
        return refusal(422, tr("The body is not valid CSV: %1").arg(csv.error));

    const QString finalPath =
        QDir(m_store->endpointDirectory(ticket.endpoint.id)).filePath(versionFileName());
    if (!spool.rename(finalPath)) {
        qCWarning(lcConnectors) << "exchange inbox: cannot rename the spool:"
                                << spool.errorString();
        return refusal(500, tr("The app could not keep the audience; try again."));
    }
    spool.setAutoRemove(false);

    const QStringList known =
        ticket.endpoint.identifiers.isEmpty() ? DefaultIdentifiers : ticket.endpoint.identifiers;
    AudienceInfo audience;
    audience.endpointId = ticket.endpoint.id;
    audience.externalId = ticket.externalId;
    audience.name = ticket.name;
    audience.description = ticket.description;
    for (const QString &column : csv.columns) {
        if (known.contains(column, Qt::CaseInsensitive))
            audience.identifiers << column;
        else
            audience.attributes << column;
    }
    audience.details = {{QStringLiteral("transfer"), QStringLiteral("push")}};

    AudienceVersion version;
    version.endpointId = ticket.endpoint.id;
    version.receivedAt = storage::now();
    version.filePath = m_store->relativePath(finalPath);
    version.rows = csv.rows;
    version.bytes = ticket.contentLength;
    version.sha256 = sha256Hex;
    version.columns = csv.columns;
    version.pushId = ticket.pushId;

    QString error;
    const auto added =
        AudienceVersionRepository(m_store->database()).add(audience, version, &error);
    if (!added || added->duplicate) {
        // Not recorded (or an identical push got in first): the file must not stay.
        QFile::remove(finalPath);
        if (!added)
            return refusal(503, tr("The app could not record the audience; try again."),
                           {{"Retry-After", "5"}});
        return versionAnswer(200, *added);
    }
    qCInfo(lcConnectors) << "exchange inbox: endpoint" << ticket.endpoint.id << "pushed version"
                         << added->version.id << "of audience" << added->version.audienceId << "("
                         << added->version.rows << "rows)";
    return versionAnswer(201, *added);
}

} // namespace courier::inbox
