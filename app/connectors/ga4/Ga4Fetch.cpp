#include "Ga4Fetch.h"

#include "common/Logging.h"
#include "connectors/auth/TokenSession.h"
#include "connectors/csv/CsvPartsReader.h"
#include "connectors/csv/CsvWriter.h"
#include "Ga4QueryPage.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QLocale>
#include <QRegularExpression>
#include <QSet>
#include <QTimer>

namespace courier {

namespace {

// New exports one fetch may create after the one before went away, before giving up.
constexpr int MaxGoneExports = 3;
// Pages that may arrive unreadable (a body cut short that Qt took for a whole one).
constexpr int MaxBadPages = 3;
// A server that keeps saying "next page" is broken, not big.
constexpr int MaxListPages = 1000;
// audienceExports.list's largest page.
constexpr int ExportsPageSize = 1000;

bool isExportName(const QString &name)
{
    static const QRegularExpression pattern(
        QStringLiteral("^properties/[0-9]+/audienceExports/[A-Za-z0-9_-]{1,64}$"));
    return pattern.match(name).hasMatch();
}

// Google writes RFC 3339 with up to nine fractional digits; Qt reads milliseconds.
QDateTime parseRfc3339(const QString &text)
{
    static const QRegularExpression pattern(
        QStringLiteral(
            "^(\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d)(?:\\.(\\d+))?(Z|[+-]\\d\\d:\\d\\d)$"),
        QRegularExpression::CaseInsensitiveOption);
    const QRegularExpressionMatch match = pattern.match(text.trimmed());
    if (!match.hasMatch())
        return {};
    QString iso = match.captured(1);
    if (const QString fraction = match.captured(2); !fraction.isEmpty())
        iso += QLatin1Char('.') + fraction.left(3).leftJustified(3, QLatin1Char('0'));
    iso += match.captured(3).toUpper();
    return QDateTime::fromString(iso, Qt::ISODateWithMs).toUTC();
}

QStringList dimensionNames(const QJsonObject &audienceExport)
{
    QStringList names;
    const QJsonArray dimensions = audienceExport.value(QStringLiteral("dimensions")).toArray();
    for (const QJsonValue &dimension : dimensions)
        names << dimension.toObject().value(QStringLiteral("dimensionName")).toString();
    return names;
}

bool sameSet(const QStringList &a, const QStringList &b)
{
    return a.size() == b.size() &&
           QSet<QString>(a.begin(), a.end()) == QSet<QString>(b.begin(), b.end());
}

qint64 int64Value(const QJsonValue &value)
{
    // proto3 JSON writes int64 as a string; int32 as a number.
    return value.isString() ? value.toString().toLongLong() : value.toInteger();
}

} // namespace

Ga4Fetch::Ga4Fetch(ConnectorContext &context, const FetchRequest &request)
    : m_context(context)
    , m_audience(request.audience)
{
    QString error;
    if (const auto dimensions = requestedDimensions(request, &error))
        m_dimensions = *dimensions;
    else
        m_setupError = error;
    // Cached audiences carry the bare id; a resource name is taken too.
    QString id = m_audience.externalId.trimmed();
    if (const qsizetype slash = id.lastIndexOf(QLatin1Char('/')); slash >= 0)
        id = id.mid(slash + 1);
    static const QRegularExpression plainId(QStringLiteral("^[A-Za-z0-9_-]{1,64}$"));
    if (m_setupError.isEmpty() && !plainId.match(id).hasMatch())
        m_setupError = tr("“%1” is not a GA4 audience id; refresh the audiences of this endpoint.")
                           .arg(m_audience.externalId);
    m_audience.externalId = id;
    if (m_audience.name.isEmpty())
        m_audience.name = id;
}

Ga4Fetch::~Ga4Fetch()
{
    cancel();
}

std::optional<QStringList> Ga4Fetch::requestedDimensions(const FetchRequest &request,
                                                         QString *error)
{
    const QStringList known = ga4::exportDimensions();
    QStringList asked;
    const QJsonValue option = request.options.value(QStringLiteral("dimensions"));
    if (option.isArray()) {
        for (const QJsonValue &value : option.toArray())
            asked << value.toString();
    } else if (option.isString()) {
        asked = option.toString().split(QLatin1Char(','));
    }
    asked += request.columns;

    QStringList dimensions;
    for (const QString &raw : std::as_const(asked)) {
        const QString name = raw.trimmed();
        if (name.isEmpty())
            continue;
        // GA4 names are camelCase; a mapping typed by hand may not be.
        const auto it = std::find_if(known.begin(), known.end(), [&name](const QString &k) {
            return k.compare(name, Qt::CaseInsensitive) == 0;
        });
        if (it == known.end()) {
            if (error)
                *error = tr("“%1” is not a dimension of GA4 audience exports, which have only "
                            "%2. Change the share's mapping to use those.")
                             .arg(name, known.join(QLatin1String(", ")));
            return std::nullopt;
        }
        if (!dimensions.contains(*it))
            dimensions << *it;
    }
    return dimensions.isEmpty() ? known : dimensions;
}

void Ga4Fetch::fetch(StepDone done)
{
    m_done = std::move(done);
    m_running = true;
    if (m_setupError.isEmpty() && !m_session) {
        QString error;
        m_api = Ga4Api::prepare(m_context, &m_session, &error);
        if (!m_api)
            m_setupError = error;
    }
    if (!m_setupError.isEmpty()) {
        // Not from inside fetch(): the caller may not expect done() before it returns.
        finishLater(false, m_setupError);
        return;
    }
    m_audienceName =
        m_api->settings().propertyName() + QStringLiteral("/audiences/") + m_audience.externalId;
    if (resume())
        return;
    m_context.enterPhase(RunState::Requesting);
    if (m_api->settings().reuseHours > 0)
        findReusable({});
    else
        createExport();
}

void Ga4Fetch::cancel()
{
    m_running = false;
    m_done = nullptr;
    Ga4Api::drop(m_job);
    if (m_poller) {
        m_poller->cancel();
        m_poller.release()->deleteLater(); // we may be inside one of its callbacks
    }
    // Drops token requests under way, and the calls waiting for them.
    m_api.reset();
    m_session.reset();
}

bool Ga4Fetch::resume()
{
    const QJsonObject checkpoint = m_context.checkpoint(QStringLiteral("source"));
    const QString exportName = checkpoint.value(QStringLiteral("exportName")).toString();
    QStringList dimensions;
    for (const QJsonValue &value : checkpoint.value(QStringLiteral("dimensions")).toArray())
        dimensions << value.toString();
    if (!isExportName(exportName) ||
        checkpoint.value(QStringLiteral("audience")).toString() != m_audienceName ||
        !sameSet(dimensions, m_dimensions))
        return false;

    m_exportName = exportName;
    m_dimensions = dimensions;
    m_rowCount = checkpoint.value(QStringLiteral("rowCount")).toInteger(-1);
    // The parts still on disk, in order from the first row; anything after a gap is fetched
    // again.
    qint64 next = 0;
    for (const QJsonValue &value : checkpoint.value(QStringLiteral("parts")).toArray()) {
        const QJsonObject object = value.toObject();
        Part part{object.value(QStringLiteral("file")).toString(),
                  object.value(QStringLiteral("offset")).toInteger(-1),
                  object.value(QStringLiteral("rows")).toInteger(-1)};
        const bool usable = !part.file.isEmpty() && !part.file.contains(QLatin1Char('/')) &&
                            !part.file.contains(QLatin1Char('\\')) && part.offset == next &&
                            part.rows > 0 && QFileInfo(path(part.file)).isFile();
        if (!usable)
            break;
        m_parts << part;
        next += part.rows;
    }
    m_sameSnapshot = true;
    m_context.log(RunEvent::Level::Info,
                  tr("Resuming the audience export %1 of “%2”; %3 row(s) already downloaded.")
                      .arg(m_exportName, m_audience.name)
                      .arg(rowsDone()));
    if (m_rowCount >= 0 && rowsDone() >= m_rowCount) {
        // Every row is on disk: that is the snapshot, whatever became of the export since.
        finishLater(true);
        return true;
    }
    poll();
    return true;
}

void Ga4Fetch::findReusable(const QString &pageToken)
{
    QUrlQuery query;
    const int pageSize = m_api->settings().pageSize;
    query.addQueryItem(QStringLiteral("pageSize"),
                       QString::number(pageSize > 0 ? pageSize : ExportsPageSize));
    if (!pageToken.isEmpty())
        query.addQueryItem(QStringLiteral("pageToken"), pageToken);
    Ga4Call call;
    call.spec = Ga4Api::get(m_api->dataUrl(
        m_api->settings().propertyName() + QStringLiteral("/audienceExports"), query));
    m_api->send(&m_owner, &m_job, std::move(call),
                [this](const Ga4Reply &reply) { onExportsPage(reply); });
}

void Ga4Fetch::onExportsPage(const Ga4Reply &reply)
{
    if (!reply.ok)
        return fail(reply.error);
    QJsonObject page;
    QString error;
    if (!Ga4Api::parseObject(reply.body, &page, &error))
        return fail(error);
    ++m_listedPages;

    const QDateTime now = QDateTime::currentDateTimeUtc();
    const qint64 window = qint64(m_api->settings().reuseHours) * 3600;
    const auto newer = [](const QJsonObject &candidate, const QJsonObject &best) {
        return best.isEmpty() ||
               parseRfc3339(candidate.value(QStringLiteral("beginCreatingTime")).toString()) >=
                   parseRfc3339(best.value(QStringLiteral("beginCreatingTime")).toString());
    };
    for (const QJsonValue &value : page.value(QStringLiteral("audienceExports")).toArray()) {
        const QJsonObject candidate = value.toObject();
        if (candidate.value(QStringLiteral("audience")).toString() != m_audienceName ||
            !isExportName(candidate.value(QStringLiteral("name")).toString()) ||
            !sameSet(dimensionNames(candidate), m_dimensions))
            continue;
        const QString state = candidate.value(QStringLiteral("state")).toString();
        if (state == QLatin1String("ACTIVE")) {
            const QDateTime begun =
                parseRfc3339(candidate.value(QStringLiteral("beginCreatingTime")).toString());
            // An export of unknown age might expire under our feet: not reused.
            if (begun.isValid() && begun.secsTo(now) <= window && newer(candidate, m_reusable))
                m_reusable = candidate;
        } else if (state == QLatin1String("CREATING") && newer(candidate, m_reusableStart)) {
            m_reusableStart = candidate;
        }
    }

    const QString next = page.value(QStringLiteral("nextPageToken")).toString();
    if (!next.isEmpty()) {
        if (m_listedPages >= MaxListPages)
            return fail(tr("Google Analytics listed more than %1 pages of audience exports.")
                            .arg(MaxListPages));
        findReusable(next);
        return;
    }

    if (!m_reusable.isEmpty()) {
        m_reused = true;
        m_exportName = m_reusable.value(QStringLiteral("name")).toString();
        const QDateTime begun =
            parseRfc3339(m_reusable.value(QStringLiteral("beginCreatingTime")).toString());
        m_context.log(RunEvent::Level::Info,
                      tr("Reusing the audience export %1 of “%2”, created %3, instead of creating "
                         "a new one.")
                          .arg(m_exportName, m_audience.name,
                               QLocale().toString(begun.toLocalTime(), QLocale::ShortFormat)));
        saveCheckpoint();
        onExportReady(m_reusable);
        return;
    }
    if (!m_reusableStart.isEmpty()) {
        m_exportName = m_reusableStart.value(QStringLiteral("name")).toString();
        m_context.log(RunEvent::Level::Info,
                      tr("An audience export of “%1” is already being created (%2); waiting for "
                         "it instead of creating another.")
                          .arg(m_audience.name, m_exportName));
        saveCheckpoint();
        poll();
        return;
    }
    createExport();
}

void Ga4Fetch::createExport()
{
    m_context.enterPhase(RunState::Requesting);
    QJsonArray dimensions;
    for (const QString &dimension : std::as_const(m_dimensions))
        dimensions.append(QJsonObject{{QStringLiteral("dimensionName"), dimension}});
    const QJsonObject body{{QStringLiteral("audience"), m_audienceName},
                           {QStringLiteral("dimensions"), dimensions}};
    Ga4Call call;
    call.spec = Ga4Api::post(
        m_api->dataUrl(m_api->settings().propertyName() + QStringLiteral("/audienceExports")),
        body);
    m_api->send(&m_owner, &m_job, std::move(call),
                [this](const Ga4Reply &reply) { onCreated(reply); });
}

void Ga4Fetch::onCreated(const Ga4Reply &reply)
{
    if (!reply.ok)
        return fail(reply.error);
    QJsonObject operation;
    QString error;
    if (!Ga4Api::parseObject(reply.body, &operation, &error))
        return fail(error);
    // Google's sample shows the export in "response"; the metadata names it too.
    QString name = operation.value(QStringLiteral("response"))
                       .toObject()
                       .value(QStringLiteral("name"))
                       .toString();
    if (!isExportName(name))
        name = operation.value(QStringLiteral("metadata"))
                   .toObject()
                   .value(QStringLiteral("audienceExport"))
                   .toString();
    if (!isExportName(name))
        return fail(tr("Google Analytics accepted the audience export of “%1” but did not say "
                       "its name.")
                        .arg(m_audience.name));
    ++m_exportsCreated;
    m_exportName = name;
    m_rowCount = -1;
    m_reused = false;
    saveCheckpoint();
    m_context.log(RunEvent::Level::Info, tr("Requested an audience export of “%1” from Google "
                                            "Analytics (%2).")
                                             .arg(m_audience.name, m_exportName));
    poll();
}

void Ga4Fetch::poll()
{
    m_context.enterPhase(RunState::Waiting);
    // The poller's requests carry the current token; make sure it is a fresh one first.
    m_session->ensureFresh([this](bool ok, const QString &error) {
        if (!m_running)
            return;
        if (!ok)
            return fail(error);
        startPoller();
    });
}

void Ga4Fetch::startPoller()
{
    if (m_poller)
        m_poller.release()->deleteLater(); // we may be inside its callback
    m_poller = std::make_unique<Poller>(
        m_context.network(), Ga4Api::get(m_api->dataUrl(m_exportName)),
        [this](int status, const QByteArray &body) { return classify(status, body); });
    m_api->configure(*m_poller);
    m_poller->setAcceptedStatuses({404});
    m_poller->setDeadline(std::chrono::minutes(m_api->settings().exportTimeoutMinutes));
    m_poller->setProgressHandler([this](int percent) {
        qCDebug(lcConnectors) << "GA4 audience export" << m_exportName << percent << "% complete";
        if (percent >= 0)
            m_context.reportWaiting(percent);
    });
    m_poller->start([this](Poller::Outcome outcome) { onPolled(outcome); });
}

PollVerdict Ga4Fetch::classify(int status, const QByteArray &body)
{
    if (status == 404)
        return PollVerdict::gone(tr("Google Analytics no longer has it; exports expire 72 hours "
                                    "after they are created"));
    QJsonObject audienceExport;
    QString error;
    if (!Ga4Api::parseObject(body, &audienceExport, &error))
        return PollVerdict::failed(error);
    const QString state = audienceExport.value(QStringLiteral("state")).toString();
    if (state == QLatin1String("ACTIVE"))
        return PollVerdict::ready();
    if (state == QLatin1String("FAILED")) {
        const QString why =
            audienceExport.value(QStringLiteral("errorMessage")).toString().simplified().left(300);
        return PollVerdict::failed(why.isEmpty() ? tr("no reason given") : why);
    }
    if (state != QLatin1String("CREATING"))
        qCWarning(lcConnectors) << "GA4 audience export" << m_exportName << "in unknown state"
                                << state << "; polling on";
    const QJsonValue percent = audienceExport.value(QStringLiteral("percentageCompleted"));
    // proto3 leaves 0 out: no field while CREATING means nothing done yet.
    return PollVerdict::notReady(percent.isDouble() ? int(percent.toDouble()) : 0);
}

void Ga4Fetch::onPolled(Poller::Outcome outcome)
{
    switch (outcome) {
    case Poller::Outcome::Ready: {
        QJsonObject audienceExport;
        QString error;
        if (!Ga4Api::parseObject(m_poller->body(), &audienceExport, &error))
            return fail(error);
        onExportReady(audienceExport);
        return;
    }
    case Poller::Outcome::Gone:
        exportGone(m_poller->message());
        return;
    case Poller::Outcome::Failed:
    case Poller::Outcome::RequestAgain:
        exportFailed(m_poller->message());
        return;
    case Poller::Outcome::TimedOut:
        fail(tr("Google Analytics did not finish the audience export of “%1” within %2 minutes. "
                "Large audiences can take long; run the share again later, or raise the "
                "endpoint's export timeout.")
                 .arg(m_audience.name)
                 .arg(m_api->settings().exportTimeoutMinutes));
        return;
    case Poller::Outcome::RequestFailed:
        fail(m_api->errorMessage(m_poller->httpStatus(), m_poller->errorBody(),
                                 m_poller->message()));
        return;
    }
}

void Ga4Fetch::onExportReady(const QJsonObject &audienceExport)
{
    const QStringList dimensions = dimensionNames(audienceExport);
    if (!dimensions.isEmpty()) {
        if (!sameSet(dimensions, m_dimensions))
            return fail(tr("The audience export %1 has other dimensions (%2) than were asked "
                           "for (%3).")
                            .arg(m_exportName, dimensions.join(QLatin1String(", ")),
                                 m_dimensions.join(QLatin1String(", "))));
        // The rows come in the export's order.
        m_dimensions = dimensions;
    }
    // proto3 leaves 0 out: an empty audience has no rowCount.
    const qint64 rowCount =
        std::max<qint64>(int64Value(audienceExport.value(QStringLiteral("rowCount"))), 0);
    if (m_rowCount >= 0 && m_rowCount != rowCount && !m_parts.isEmpty()) {
        m_context.log(RunEvent::Level::Warning,
                      tr("The audience export %1 now has %2 rows instead of %3; downloading it "
                         "again from the start.")
                          .arg(m_exportName)
                          .arg(rowCount)
                          .arg(m_rowCount));
        discardParts();
        m_sameSnapshot = false;
    }
    m_rowCount = rowCount;
    saveCheckpoint();
    m_context.enterPhase(RunState::Downloading);
    m_context.log(RunEvent::Level::Info, tr("The audience export of “%1” is ready: %2 row(s).")
                                             .arg(m_audience.name)
                                             .arg(m_rowCount));
    queryNext();
}

void Ga4Fetch::queryNext()
{
    const qint64 offset = rowsDone();
    if (offset >= m_rowCount) {
        m_context.reportDownload(m_bytesDone, m_bytesDone);
        finish(true);
        return;
    }
    // The largest page allowed: fewer round trips, and each counts against the quotas.
    const qint64 limit = std::min(m_api->settings().queryLimit, m_rowCount - offset);
    const QString jsonFile = QStringLiteral("ga4-page-%1.json").arg(m_parts.size() + 1);
    const QJsonObject body{{QStringLiteral("offset"), QString::number(offset)},
                           {QStringLiteral("limit"), QString::number(limit)}};
    Ga4Call call;
    call.spec = Ga4Api::post(m_api->dataUrl(m_exportName + QStringLiteral(":query")), body);
    call.responseFile = path(jsonFile);
    call.progress = [this](qint64 received) {
        m_context.reportDownload(m_bytesDone + received, -1);
    };
    ++m_pagesQueried;
    m_api->send(&m_owner, &m_job, std::move(call), [this, offset, jsonFile](const Ga4Reply &reply) {
        onPage(reply, offset, jsonFile);
    });
}

void Ga4Fetch::onPage(const Ga4Reply &reply, qint64 offset, const QString &jsonFile)
{
    const QString jsonPath = path(jsonFile);
    if (!reply.ok) {
        QFile::remove(jsonPath);
        if (reply.status == 404)
            return exportGone(tr("Google Analytics no longer has it; exports expire 72 hours after "
                                 "they are created"));
        return fail(reply.error);
    }
    const qint64 bytes = QFileInfo(jsonPath).size();
    const QString csvFile = QStringLiteral("ga4-part-%1.csv").arg(m_parts.size() + 1);
    QString error;
    const auto page = Ga4QueryPage::toCsv(jsonPath, path(csvFile), m_dimensions, &error);
    QFile::remove(jsonPath); // converted (or useless): the JSON is not kept
    if (!page) {
        if (++m_badPages > MaxBadPages)
            return fail(error);
        m_context.log(RunEvent::Level::Warning,
                      tr("%1 Asking for the rows from %2 again.").arg(error).arg(offset));
        queryNext();
        return;
    }
    const auto reject = [this, &csvFile](const QString &why) {
        QFile::remove(path(csvFile));
        fail(why);
    };
    if (page->rowCount != m_rowCount)
        return reject(tr("The audience export %1 changed while it was read (%2 rows, then %3). "
                         "Run the share again.")
                          .arg(m_exportName)
                          .arg(m_rowCount)
                          .arg(page->rowCount));
    if (page->rows == 0)
        return reject(tr("Google Analytics sent no rows from row %1 of the audience export of "
                         "“%2”, which has %3. Run the share again later.")
                          .arg(offset)
                          .arg(m_audience.name)
                          .arg(m_rowCount));
    if (page->rows > m_rowCount - offset)
        return reject(tr("Google Analytics sent more rows than the audience export of “%1” has "
                         "(%2 from row %3 of %4).")
                          .arg(m_audience.name)
                          .arg(page->rows)
                          .arg(offset)
                          .arg(m_rowCount));
    m_parts.append(Part{csvFile, offset, page->rows});
    m_bytesDone += bytes;
    qCDebug(lcConnectors) << "GA4 audience export" << m_exportName << "rows" << offset << "to"
                          << offset + page->rows << "of" << m_rowCount;
    saveCheckpoint();
    queryNext();
}

void Ga4Fetch::exportGone(const QString &why)
{
    if (++m_goneExports > MaxGoneExports)
        return fail(tr("Google Analytics kept losing the audience export of “%1” (%2).")
                        .arg(m_audience.name, why));
    m_context.log(RunEvent::Level::Warning,
                  tr("The audience export %1 is no longer available (%2); creating a new one.")
                      .arg(m_exportName, why));
    discardParts();
    m_sameSnapshot = false;
    m_rowCount = -1;
    createExport();
}

void Ga4Fetch::exportFailed(const QString &why)
{
    if (++m_failedExports == 1) {
        m_context.log(RunEvent::Level::Warning,
                      tr("Google Analytics could not create the audience export of “%1” (%2); "
                         "requesting it once more.")
                          .arg(m_audience.name, why));
        discardParts();
        m_sameSnapshot = false;
        m_rowCount = -1;
        createExport();
        return;
    }
    fail(tr("Google Analytics could not create the audience export of “%1”: %2")
             .arg(m_audience.name, why));
}

void Ga4Fetch::saveCheckpoint()
{
    QJsonObject checkpoint{
        {QStringLiteral("exportName"), m_exportName},
        {QStringLiteral("audience"), m_audienceName},
        {QStringLiteral("dimensions"), QJsonArray::fromStringList(m_dimensions)}};
    if (m_rowCount >= 0)
        checkpoint.insert(QStringLiteral("rowCount"), m_rowCount);
    QJsonArray parts;
    for (const Part &part : std::as_const(m_parts)) {
        parts.append(QJsonObject{{QStringLiteral("file"), part.file},
                                 {QStringLiteral("offset"), part.offset},
                                 {QStringLiteral("rows"), part.rows}});
    }
    checkpoint.insert(QStringLiteral("parts"), parts);
    m_context.saveCheckpoint(QStringLiteral("source"), checkpoint);
}

void Ga4Fetch::discardParts()
{
    for (const Part &part : std::as_const(m_parts))
        QFile::remove(path(part.file));
    m_parts.clear();
    m_bytesDone = 0;
}

qint64 Ga4Fetch::rowsDone() const
{
    qint64 rows = 0;
    for (const Part &part : m_parts)
        rows += part.rows;
    return rows;
}

QString Ga4Fetch::path(const QString &file) const
{
    return QDir(m_context.workDirectory()).filePath(file);
}

std::unique_ptr<RowReader> Ga4Fetch::openRows(QString *error)
{
    QStringList paths;
    for (const Part &part : std::as_const(m_parts))
        paths << path(part.file);
    return CsvPartsReader::openOwnParts(paths, path(QStringLiteral("ga4-part-empty.csv")),
                                        m_dimensions, error);
}

void Ga4Fetch::fail(const QString &error)
{
    finish(false, error);
}

void Ga4Fetch::finish(bool ok, const QString &error)
{
    if (!m_running)
        return;
    m_running = false;
    if (m_poller)
        m_poller.release()->deleteLater(); // we may be inside its callback
    if (ok) {
        qCDebug(lcConnectors) << "GA4 fetch of" << m_audienceName << "done: export" << m_exportName
                              << "rows" << rowsDone() << "parts" << m_parts.size()
                              << "pages queried" << m_pagesQueried << "reused" << m_reused
                              << "same snapshot" << m_sameSnapshot;
    }
    StepDone done = std::move(m_done);
    m_done = nullptr;
    if (done)
        done(ok, error); // may delete this
}

void Ga4Fetch::finishLater(bool ok, const QString &error)
{
    QTimer::singleShot(0, &m_owner, [this, ok, error] { finish(ok, error); });
}

} // namespace courier
