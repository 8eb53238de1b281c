#include "FountFetch.h"

#include "common/Logging.h"
#include "connectors/csv/CsvPartsReader.h"
#include "connectors/csv/CsvWriter.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QThread>
#include <QTimer>

namespace courier {

namespace {

const QString PayloadCsv = QStringLiteral("fount-payload.csv");
const QString DefinitionCsv = QStringLiteral("fount-definition.csv");
const QString SourceApi = QStringLiteral("api");
const QString SourcePayload = QStringLiteral("payload");
// A server that keeps saying "next page" is broken, not big (1000 × 1000 ids).
constexpr int MaxPages = 100'000;

bool looksLikeUuid(const QString &id)
{
    static const QRegularExpression uuid(QStringLiteral(
        "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$"));
    return uuid.match(id).hasMatch();
}

QByteArray cellText(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Bool:
        return value.toBool() ? QByteArrayLiteral("true") : QByteArrayLiteral("false");
    case QJsonValue::Double: {
        const double d = value.toDouble();
        return d == double(qint64(d)) ? QByteArray::number(qint64(d)) : QByteArray::number(d);
    }
    case QJsonValue::String:
        return value.toString().toUtf8();
    case QJsonValue::Array:
    case QJsonValue::Object:
        return QJsonDocument::fromVariant(value.toVariant()).toJson(QJsonDocument::Compact);
    default:
        return {};
    }
}

// bc_filters: [{"field":"gender","value":"female"}, …] → "gender=female; …"; another shape as
// compact JSON.
QByteArray filtersText(const QJsonValue &value)
{
    if (!value.isArray())
        return cellText(value);
    QByteArrayList conditions;
    for (const QJsonValue &item : value.toArray()) {
        const QJsonObject condition = item.toObject();
        if (!condition.contains(QStringLiteral("field")))
            return cellText(value);
        conditions << cellText(condition.value(QStringLiteral("field"))) + '=' +
                          cellText(condition.value(QStringLiteral("value")));
    }
    return conditions.join("; ");
}

} // namespace

FountFetch::FountFetch(ConnectorContext &context, const FetchRequest &request)
    : m_context(context)
    , m_request(request)
    , m_session(context)
    , m_api(context, m_session)
{
    bool numeric = false;
    const qint64 id = request.audience.externalId.trimmed().toLongLong(&numeric);
    if (!numeric || id < 1)
        m_setupError = tr("“%1” is not a Fount audience id; refresh the audiences of this "
                          "endpoint.")
                           .arg(request.audience.externalId);
    m_audienceId = QString::number(id);
    if (m_request.audience.name.isEmpty())
        m_request.audience.name = tr("audience %1").arg(m_audienceId);

    m_payloadFile = request.options.value(QStringLiteral("payloadFile")).toString().trimmed();
    if (m_setupError.isEmpty() && !m_payloadFile.isEmpty() && !QFileInfo(m_payloadFile).isFile())
        m_setupError = tr("The saved Fount export “%1” does not exist or is not a file; choose "
                          "the JSON file the export webhook delivered.")
                           .arg(m_payloadFile);
    m_perPage = FountApi::perPage(context);

    // Decided now when the cached details say enough: nothing is sent for a format the
    // audience does not allow.
    if (m_setupError.isEmpty() && FountFormats::hasStudyFacts(request.audience.details))
        decideFormat(request.audience.details);
}

FountFetch::~FountFetch()
{
    cancel();
    if (m_worker)
        m_worker->wait(); // the reader stops at its next few thousand ids
}

std::optional<FountFormat> FountFetch::chooseFormat(const FetchRequest &request,
                                                    const QJsonObject &audience,
                                                    const FountFormats::Approvals &approvals,
                                                    QString *error)
{
    const auto refuse = [error](const QString &message) {
        if (error)
            *error = message;
        return std::nullopt;
    };
    QStringList names;
    for (FountFormat format : FountFormats::all())
        names << FountFormats::name(format);

    std::optional<FountFormat> format;
    const QString option = request.options.value(QStringLiteral("format")).toString().trimmed();
    if (!option.isEmpty()) {
        format = FountFormats::fromName(option);
        if (!format)
            return refuse(tr("“%1” is not a Fount export format; use one of %2.")
                              .arg(option, names.join(QLatin1String(", "))));
    }
    // The columns the mapping reads must come from one export.
    const QStringList definitionColumns = FountFormats::definitionColumns();
    for (const QString &raw : request.columns) {
        const QString column = raw.trimmed();
        if (column.isEmpty())
            continue;
        std::optional<FountFormat> wanted;
        for (FountFormat candidate : FountFormats::respondentFormats()) {
            if (column.compare(FountFormats::column(candidate), Qt::CaseInsensitive) == 0)
                wanted = candidate;
        }
        if (!wanted && definitionColumns.contains(column, Qt::CaseInsensitive))
            wanted = FountFormat::Definition;
        if (!wanted) {
            QStringList columns;
            for (FountFormat candidate : FountFormats::respondentFormats())
                columns << FountFormats::column(candidate);
            return refuse(tr("“%1” is not a column of Fount exports, which have %2 (one per "
                             "export), or the definition's %3.")
                              .arg(column, columns.join(QLatin1String(", ")),
                                   definitionColumns.join(QLatin1String(", "))));
        }
        if (format && *format != *wanted)
            return refuse(tr("The share reads “%1”, which the %2 export does not have: a Fount "
                             "export holds one format. Map only the columns of one format, or "
                             "choose another format.")
                              .arg(column, FountFormats::label(*format)));
        format = wanted;
    }
    if (!format) {
        const QList<FountFormat> allowed =
            FountFormats::allowedRespondentFormats(audience, approvals);
        format = allowed.isEmpty() ? FountFormat::Definition : allowed.first();
    }
    const FountFormatAvailability availability = FountFormats::check(*format, audience, approvals);
    if (!availability.available)
        return refuse(
            tr("The Fount does not offer %1 for “%2”: %3")
                .arg(FountFormats::label(*format), request.audience.name, availability.reason));
    return format;
}

QList<QByteArray> FountFetch::definitionRow(const QJsonObject &audience)
{
    const auto field = [&audience](const char *key) {
        return cellText(audience.value(QString::fromLatin1(key)));
    };
    return {
        field("id"),
        field("name"),
        field("description"),
        cellText(audience.value(QStringLiteral("group")).toObject().value(QStringLiteral("name"))),
        field("is_active"),
        field("is_public"),
        field("is_standard"),
        field("available_for_bav"),
        field("available_for_bc"),
        filtersText(audience.value(QStringLiteral("bc_filters"))),
        field("available_for_diversity"),
        field("is_ethnic_minority"),
        field("deployed_at"),
        field("created_at"),
        field("updated_at")};
}

bool FountFetch::decideFormat(const QJsonObject &facts)
{
    QString error;
    m_format = chooseFormat(m_request, facts,
                            FountFormats::approvals(m_context.endpoint().settings), &error);
    if (!m_format)
        m_setupError = error;
    return m_format.has_value();
}

void FountFetch::fetch(StepDone done)
{
    m_done = std::move(done);
    m_running = true;
    // Not from inside fetch(): the caller may not expect done() before it returns.
    QTimer::singleShot(0, &m_owner, [this] { begin(); });
}

void FountFetch::begin()
{
    if (!m_running)
        return;
    if (!m_setupError.isEmpty()) {
        // Refused here: nothing was sent.
        finish(false, m_setupError);
        return;
    }
    m_context.enterPhase(RunState::Requesting);
    if (!m_format) {
        // Cached without the flags (an old cache, a hand-made share): ask The Fount first.
        loadAudience();
        return;
    }
    afterFormat();
}

void FountFetch::loadAudience()
{
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("include"), QStringLiteral("group"));
    m_api.send(&m_owner, &m_job,
               FountApi::get(m_api.url(QStringLiteral("audiences/") + m_audienceId, query)), {},
               [this](const FountReply &reply) { onAudience(reply); });
}

void FountFetch::onAudience(const FountReply &reply)
{
    if (!reply.ok)
        return finish(false, tr("Looking up “%1” in The Fount failed: %2")
                                 .arg(m_request.audience.name, reply.error));
    QJsonObject answer;
    QString error;
    if (!FountApi::parseObject(reply.body, &answer, &error))
        return finish(false, error);
    m_loadedAudience = answer.value(QStringLiteral("data")).toObject();
    if (FountIdStream::integer(m_loadedAudience.value(QStringLiteral("id"))) !=
        m_audienceId.toLongLong())
        return finish(false, tr("The Fount answered the lookup of audience %1 with another "
                                "audience.")
                                 .arg(m_audienceId));
    if (!m_format) {
        if (!decideFormat(m_loadedAudience))
            return finish(false, m_setupError);
        afterFormat();
        return;
    }
    writeDefinition(m_loadedAudience);
}

void FountFetch::afterFormat()
{
    if (resumeFinished())
        return;
    if (!m_payloadFile.isEmpty()) {
        if (*m_format == FountFormat::Definition)
            readDefinitionPayload();
        else
            readPayload();
        return;
    }
    if (*m_format == FountFormat::Definition) {
        if (!m_loadedAudience.isEmpty())
            writeDefinition(m_loadedAudience);
        else
            loadAudience();
        return;
    }
    m_context.enterPhase(RunState::Downloading);
    if (resumePages())
        return;
    requestPage(1);
}

bool FountFetch::resumeFinished()
{
    const QJsonObject checkpoint = m_context.checkpoint(QStringLiteral("source"));
    const bool payload = !m_payloadFile.isEmpty();
    if (checkpoint.value(QStringLiteral("audience")).toString() != m_audienceId ||
        checkpoint.value(QStringLiteral("format")).toString() != FountFormats::name(*m_format) ||
        checkpoint.value(QStringLiteral("source")).toString() !=
            (payload ? SourcePayload : SourceApi) ||
        !checkpoint.value(QStringLiteral("done")).toBool())
        return false;
    const QString file = checkpoint.value(QStringLiteral("file")).toString();
    if (file.isEmpty()) // pages: resumePages() takes them
        return false;
    if ((file != PayloadCsv && file != DefinitionCsv) || !QFileInfo(path(file)).isFile())
        return false;
    if (payload) {
        const QFileInfo info(m_payloadFile);
        if (checkpoint.value(QStringLiteral("payload")).toString() != info.absoluteFilePath() ||
            checkpoint.value(QStringLiteral("size")).toInteger() != info.size() ||
            checkpoint.value(QStringLiteral("modified")).toString() !=
                info.lastModified().toUTC().toString(Qt::ISODateWithMs))
            return false;
    }
    m_singleFile = file;
    m_singleRows = checkpoint.value(QStringLiteral("rows")).toInteger();
    m_sameSnapshot = true;
    m_context.log(RunEvent::Level::Info,
                  tr("Resuming: the %1 of “%2” was already read before the interruption.")
                      .arg(FountFormats::label(*m_format), m_request.audience.name));
    finishLater(true);
    return true;
}

bool FountFetch::resumePages()
{
    const QJsonObject checkpoint = m_context.checkpoint(QStringLiteral("source"));
    if (checkpoint.value(QStringLiteral("audience")).toString() != m_audienceId ||
        checkpoint.value(QStringLiteral("format")).toString() != FountFormats::name(*m_format) ||
        checkpoint.value(QStringLiteral("source")).toString() != SourceApi ||
        checkpoint.value(QStringLiteral("perPage")).toInt() != m_perPage)
        return false;
    // The parts still on disk, in order from page 1; anything after a gap is fetched again.
    int next = 1;
    for (const QJsonValue &value : checkpoint.value(QStringLiteral("parts")).toArray()) {
        const QJsonObject object = value.toObject();
        Part part{object.value(QStringLiteral("file")).toString(),
                  object.value(QStringLiteral("page")).toInt(),
                  object.value(QStringLiteral("rows")).toInteger(-1),
                  object.value(QStringLiteral("skipped")).toInteger()};
        const bool usable = part.file == QStringLiteral("fount-part-%1.csv").arg(next) &&
                            part.page == next && part.rows >= 0 &&
                            QFileInfo(path(part.file)).isFile();
        if (!usable)
            break;
        m_parts << part;
        ++next;
    }
    if (m_parts.isEmpty())
        return false;
    m_total = checkpoint.value(QStringLiteral("total")).toInteger(-1);
    m_lastPage = checkpoint.value(QStringLiteral("lastPage")).toInt(-1);
    m_sameSnapshot = true;
    m_context.log(
        RunEvent::Level::Info,
        tr("Resuming the %1 of “%2”: %n page(s) already read.", nullptr, int(m_parts.size()))
            .arg(FountFormats::label(*m_format), m_request.audience.name));
    if (m_lastPage >= 1 && m_parts.size() >= m_lastPage) {
        finishLater(true);
        return true;
    }
    requestPage(int(m_parts.size()) + 1);
    return true;
}

void FountFetch::writeDefinition(const QJsonObject &audience)
{
    CsvWriter writer(path(DefinitionCsv), CsvWriterOptions{',', false, false});
    if (!writer.open(FountFormats::definitionColumns()) ||
        !writer.writeRow(definitionRow(audience)) || !writer.commit())
        return finish(false, writer.errorString());
    m_singleFile = DefinitionCsv;
    m_singleRows = 1;
    saveCheckpoint();
    m_context.log(RunEvent::Level::Info,
                  tr("Read the definition of “%1” from The Fount.").arg(m_request.audience.name));
    finish(true);
}

void FountFetch::requestPage(int page)
{
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("format"), FountFormats::name(*m_format));
    query.addQueryItem(QStringLiteral("per_page"), QString::number(m_perPage));
    query.addQueryItem(QStringLiteral("page"), QString::number(page));
    const QString jsonFile = QStringLiteral("fount-page-%1.json").arg(page);
    ++m_pagesRequested;
    m_api.send(&m_owner, &m_job,
               FountApi::get(
                   m_api.url(QStringLiteral("audiences/%1/respondents").arg(m_audienceId), query)),
               path(jsonFile),
               [this, page, jsonFile](const FountReply &reply) { onPage(reply, page, jsonFile); });
}

void FountFetch::onPage(const FountReply &reply, int page, const QString &jsonFile)
{
    const QString jsonPath = path(jsonFile);
    if (!reply.ok) {
        QFile::remove(jsonPath);
        return finish(false, tr("Reading the respondents of “%1” from The Fount failed: %2")
                                 .arg(m_request.audience.name, reply.error));
    }
    const qint64 bytes = QFileInfo(jsonPath).size();
    const QString csvFile = QStringLiteral("fount-part-%1.csv").arg(page);
    const QString formatName = FountFormats::name(*m_format);
    const qint64 audienceId = m_audienceId.toLongLong();
    const auto validate = [page, formatName, audienceId](const FountIdStream::Result &result) {
        if (!result.arraySeen)
            return tr("the page has no “data” list");
        const qint64 current =
            FountIdStream::integer(result.field(QStringLiteral("meta.current_page")));
        if (current >= 0 && current != page)
            return tr("page %1 came when page %2 was asked for").arg(current).arg(page);
        const QJsonValue format = result.field(QStringLiteral("meta.format"));
        if (format.isString() && format.toString() != formatName)
            return tr("it holds %1 ids, not %2").arg(format.toString(), formatName);
        const QJsonValue audience = result.field(QStringLiteral("meta.audience_id"));
        if (!audience.isUndefined() && FountIdStream::integer(audience) != audienceId)
            return tr("it lists the respondents of audience %1")
                .arg(FountIdStream::integer(audience));
        return QString();
    };
    QString error;
    bool badContent = false;
    const auto result = FountIdStream::toCsv(jsonPath, QStringLiteral("data"), path(csvFile),
                                             FountFormats::column(*m_format), &error, validate,
                                             nullptr, &badContent);
    QFile::remove(jsonPath); // converted (or useless): the JSON is not kept
    if (!result) {
        if (badContent && ++m_badPages <= MaxBadPages) {
            m_context.log(RunEvent::Level::Warning,
                          tr("Page %1 of the respondents of “%2” could not be read (%3); asking "
                             "for it again.")
                              .arg(page)
                              .arg(m_request.audience.name, error));
            requestPage(page);
            return;
        }
        return finish(false, badContent ? tr("The Fount sent page %1 of the respondents of “%2” "
                                             "in a form that cannot be read: %3")
                                              .arg(page)
                                              .arg(m_request.audience.name, error)
                                        : error);
    }

    const qint64 total = FountIdStream::integer(result->field(QStringLiteral("meta.total")));
    if (m_total >= 0 && total >= 0 && total != m_total) {
        QFile::remove(path(csvFile));
        if (m_restarted)
            return finish(false, tr("The respondents of “%1” kept changing while they were read "
                                    "(%2, then %3). Run the share again later.")
                                     .arg(m_request.audience.name)
                                     .arg(m_total)
                                     .arg(total));
        m_restarted = true;
        m_context.log(RunEvent::Level::Warning,
                      tr("“%1” now has %2 respondents instead of %3; reading them again from the "
                         "start.")
                          .arg(m_request.audience.name)
                          .arg(total)
                          .arg(m_total));
        discardParts();
        m_sameSnapshot = false;
        m_total = -1;
        m_lastPage = -1;
        requestPage(1);
        return;
    }
    if (total >= 0)
        m_total = total;
    const qint64 lastPage = FountIdStream::integer(result->field(QStringLiteral("meta.last_page")));
    if (lastPage >= 1)
        m_lastPage = int(std::min<qint64>(lastPage, MaxPages));
    const bool more =
        lastPage >= 1 ? page < lastPage
                      : result->field(QStringLiteral("links.next")).isString() && result->rows > 0;
    if (more && result->rows == 0) {
        QFile::remove(path(csvFile));
        return finish(false, tr("The Fount sent no respondents on page %1 of %2 for “%3”. Run the "
                                "share again later.")
                                 .arg(page)
                                 .arg(m_lastPage)
                                 .arg(m_request.audience.name));
    }
    m_parts.append(Part{csvFile, page, result->rows, result->emptyIds});
    m_bytesDone += bytes;
    m_context.reportDownload(m_bytesDone, -1);
    if (result->emptyIds > 0)
        qCWarning(lcConnectors) << "fount: page" << page << "had" << result->emptyIds
                                << "empty ids, skipped";
    saveCheckpoint();
    if (more) {
        if (page >= MaxPages)
            return finish(false,
                          tr("The Fount listed more than %1 pages of respondents.").arg(MaxPages));
        requestPage(page + 1);
        return;
    }
    qint64 listed = 0;
    for (const Part &part : std::as_const(m_parts))
        listed += part.rows + part.skipped;
    if (m_total >= 0 && listed != m_total)
        return finish(false, tr("The Fount counted %1 respondents in “%2” but sent %3. Run the "
                                "share again later.")
                                 .arg(m_total)
                                 .arg(m_request.audience.name)
                                 .arg(listed));
    m_context.reportDownload(m_bytesDone, m_bytesDone);
    m_context.log(
        RunEvent::Level::Info,
        tr("Read %1 %2 of “%3” from The Fount (%n page(s)).", nullptr, int(m_parts.size()))
            .arg(rowsDone())
            .arg(FountFormats::label(*m_format), m_request.audience.name));
    finish(true);
}

QString FountFetch::payloadMismatch(const FountIdStream::Result &result) const
{
    const qint64 id = FountIdStream::integer(result.field(QStringLiteral("id")));
    if (id != m_audienceId.toLongLong()) {
        const QString name = result.field(QStringLiteral("name")).toString();
        return id < 0 ? tr("The file “%1” is not a Fount audience export (it has no audience id).")
                            .arg(m_payloadFile)
                      : tr("The file “%1” is the export of audience %2 (“%3”), not of “%4” (%5); "
                           "choose the export of this audience.")
                            .arg(m_payloadFile, QString::number(id), name, m_request.audience.name,
                                 m_audienceId);
    }
    if (!result.arraySeen)
        return tr("The export “%1” holds no respondents (it may be an audience definition "
                  "export); export the audience as %2 in The Fount.")
            .arg(m_payloadFile, FountFormats::label(*m_format));
    if (!result.firstId.isEmpty()) {
        const bool uuid = looksLikeUuid(result.firstId);
        if ((*m_format == FountFormat::BavRespondentIds && !uuid) ||
            (*m_format == FountFormat::AoProgressiveNumbers && uuid))
            return tr("The export “%1” does not hold %2 (its first id is “%3”); set the share's "
                      "format to the one the export was made in.")
                .arg(m_payloadFile, FountFormats::label(*m_format), result.firstId.left(60));
    }
    return {};
}

void FountFetch::readPayload()
{
    m_context.enterPhase(RunState::Downloading);
    QFile::remove(path(PayloadCsv));
    m_cancelRead = false;
    m_payloadResult.reset();
    m_payloadError.clear();
    const QString json = m_payloadFile;
    const QString csv = path(PayloadCsv);
    const QString column = FountFormats::column(*m_format);
    // Large exports take seconds to read: not on the run's thread, which keeps answering.
    m_worker.reset(QThread::create([this, json, csv, column] {
        m_payloadResult = FountIdStream::toCsv(
            json, QStringLiteral("respondents"), csv, column, &m_payloadError,
            [this](const FountIdStream::Result &result) { return payloadMismatch(result); },
            &m_cancelRead);
    }));
    m_worker->setObjectName(QStringLiteral("fount-payload"));
    QObject::connect(m_worker.get(), &QThread::finished, &m_owner, [this] { onPayloadRead(); });
    m_worker->start();
}

void FountFetch::onPayloadRead()
{
    m_worker->wait(); // finished: returns at once, and makes the worker's writes visible
    if (!m_running)
        return;
    if (!m_payloadResult)
        return finish(false, m_payloadError);
    const FountIdStream::Result &result = *m_payloadResult;
    m_singleFile = PayloadCsv;
    m_singleRows = result.rows;
    saveCheckpoint();
    const QString by = result.field(QStringLiteral("user.name")).toString();
    const QString company = result.field(QStringLiteral("user.operating_company.name")).toString();
    const QString when = result.field(QStringLiteral("webhookDate")).toString();
    m_context.log(RunEvent::Level::Info,
                  tr("Read %1 %2 of “%3” from the saved Fount export (exported %4 by %5, %6).")
                      .arg(result.rows)
                      .arg(FountFormats::label(*m_format), m_request.audience.name,
                           when.isEmpty() ? tr("at an unknown time") : when,
                           by.isEmpty() ? tr("an unknown user") : by,
                           company.isEmpty() ? tr("unknown operating company") : company));
    finish(true);
}

void FountFetch::readDefinitionPayload()
{
    QFile file(m_payloadFile);
    if (!file.open(QIODevice::ReadOnly))
        return finish(false, tr("Cannot open “%1”: %2").arg(m_payloadFile, file.errorString()));
    if (file.size() > MaxDefinitionBytes)
        return finish(false, tr("The file “%1” is too large for an audience definition export; "
                                "choose the definition export, or set the share's format to "
                                "the respondent format the export holds.")
                                 .arg(m_payloadFile));
    QJsonObject payload;
    QString error;
    if (!FountApi::parseObject(file.readAll(), &payload, &error))
        return finish(false,
                      tr("The file “%1” is not a Fount audience export.").arg(m_payloadFile));
    FountIdStream::Result facts;
    facts.fields.insert(QStringLiteral("id"), payload.value(QStringLiteral("id")));
    facts.fields.insert(QStringLiteral("name"), payload.value(QStringLiteral("name")));
    facts.arraySeen = true; // a definition needs no respondents
    if (const QString mismatch = payloadMismatch(facts); !mismatch.isEmpty())
        return finish(false, mismatch);
    CsvWriter writer(path(DefinitionCsv), CsvWriterOptions{',', false, false});
    if (!writer.open(FountFormats::definitionColumns()) ||
        !writer.writeRow(definitionRow(payload)) || !writer.commit())
        return finish(false, writer.errorString());
    m_singleFile = DefinitionCsv;
    m_singleRows = 1;
    saveCheckpoint();
    finish(true);
}

void FountFetch::saveCheckpoint()
{
    QJsonObject checkpoint{
        {QStringLiteral("audience"), m_audienceId},
        {QStringLiteral("format"), FountFormats::name(*m_format)},
        {QStringLiteral("source"), m_payloadFile.isEmpty() ? SourceApi : SourcePayload}};
    if (!m_singleFile.isEmpty()) {
        checkpoint.insert(QStringLiteral("file"), m_singleFile);
        checkpoint.insert(QStringLiteral("rows"), m_singleRows);
        checkpoint.insert(QStringLiteral("done"), true);
        if (!m_payloadFile.isEmpty()) {
            const QFileInfo info(m_payloadFile);
            checkpoint.insert(QStringLiteral("payload"), info.absoluteFilePath());
            checkpoint.insert(QStringLiteral("size"), info.size());
            checkpoint.insert(QStringLiteral("modified"),
                              info.lastModified().toUTC().toString(Qt::ISODateWithMs));
        }
    } else {
        checkpoint.insert(QStringLiteral("perPage"), m_perPage);
        checkpoint.insert(QStringLiteral("total"), m_total);
        checkpoint.insert(QStringLiteral("lastPage"), m_lastPage);
        QJsonArray parts;
        for (const Part &part : std::as_const(m_parts))
            parts.append(QJsonObject{{QStringLiteral("file"), part.file},
                                     {QStringLiteral("page"), part.page},
                                     {QStringLiteral("rows"), part.rows},
                                     {QStringLiteral("skipped"), part.skipped}});
        checkpoint.insert(QStringLiteral("parts"), parts);
        checkpoint.insert(QStringLiteral("done"), m_lastPage >= 1 && m_parts.size() >= m_lastPage);
    }
    m_context.saveCheckpoint(QStringLiteral("source"), checkpoint);
}

void FountFetch::discardParts()
{
    for (const Part &part : std::as_const(m_parts))
        QFile::remove(path(part.file));
    m_parts.clear();
    m_bytesDone = 0;
}

qint64 FountFetch::rowsDone() const
{
    qint64 rows = 0;
    for (const Part &part : m_parts)
        rows += part.rows;
    return rows;
}

qint64 FountFetch::respondents() const
{
    return m_singleFile.isEmpty() ? rowsDone() : (m_singleFile == PayloadCsv ? m_singleRows : 0);
}

QString FountFetch::path(const QString &file) const
{
    return QDir(m_context.workDirectory()).filePath(file);
}

std::unique_ptr<RowReader> FountFetch::openRows(QString *error)
{
    QStringList paths;
    if (!m_singleFile.isEmpty()) {
        paths << path(m_singleFile);
    } else {
        for (const Part &part : std::as_const(m_parts))
            paths << path(part.file);
    }
    if (paths.isEmpty()) {
        if (error)
            *error = tr("The audience has not been read from The Fount yet.");
        return nullptr;
    }
    return CsvPartsReader::openOwnParts(paths, error);
}

void FountFetch::cancel()
{
    m_running = false;
    m_done = nullptr;
    m_cancelRead = true;
    FountApi::drop(m_job);
}

void FountFetch::finish(bool ok, const QString &error)
{
    if (!m_running)
        return;
    m_running = false;
    qCDebug(lcConnectors) << "fount fetch of audience" << m_audienceId << (ok ? "done" : "failed")
                          << ": format" << (m_format ? FountFormats::name(*m_format) : QString())
                          << "rows" << respondents() << "pages" << m_pagesRequested
                          << "same snapshot" << m_sameSnapshot;
    StepDone done = std::move(m_done);
    m_done = nullptr;
    if (done)
        done(ok, error); // may delete this
}

void FountFetch::finishLater(bool ok, const QString &error)
{
    QTimer::singleShot(0, &m_owner, [this, ok, error] { finish(ok, error); });
}

} // namespace courier
