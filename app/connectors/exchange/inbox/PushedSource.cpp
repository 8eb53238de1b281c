#include "PushedSource.h"

#include "common/Logging.h"
#include "connectors/csv/CsvReader.h"
#include "InboxStore.h"

#include <climits>
#include <QDir>
#include <QFileInfo>
#include <QJsonObject>
#include <QLocale>
#include <QPointer>

namespace courier {

namespace {

const auto VersionIdKey = QStringLiteral("versionId");

QString noInboxMessage(const Endpoint &endpoint)
{
    return PushedFetch::tr("“%1” pushes its audiences to Audience Courier, but the app's "
                           "exchange inbox is not running; restart the app to receive them.")
        .arg(endpoint.name);
}

} // namespace

std::unique_ptr<QObject> listPushedAudiences(ConnectorContext &context,
                                             std::shared_ptr<const InboxStore> store,
                                             SourceConnector::ListDone done)
{
    auto listing = std::make_unique<QObject>();
    // Reported later, never inside the call; destroying the listing first cancels.
    QMetaObject::invokeMethod(
        listing.get(),
        [endpoint = context.endpoint(), store = std::move(store), done = std::move(done)] {
            if (!store)
                return done(false, {}, noInboxMessage(endpoint));
            QString error;
            const QList<AudienceInfo> audiences =
                AudienceVersionRepository(store->database()).pushedAudiences(endpoint.id, &error);
            done(error.isEmpty(), audiences, error); // may delete the listing
        },
        Qt::QueuedConnection);
    return listing;
}

PushedFetch::PushedFetch(ConnectorContext &context, AudienceInfo audience,
                         std::shared_ptr<const InboxStore> store)
    : m_context(context)
    , m_audience(std::move(audience))
    , m_store(std::move(store))
{}

PushedFetch::~PushedFetch() = default;

void PushedFetch::fetch(StepDone done)
{
    m_owner = std::make_unique<QObject>();
    QMetaObject::invokeMethod(
        m_owner.get(),
        [this, done = std::move(done)] {
            QString error;
            const bool ok = choose(&error);
            done(ok, error);
        },
        Qt::QueuedConnection);
}

void PushedFetch::cancel()
{
    m_owner.reset(); // drops the queued completion: done is not called after cancel()
}

bool PushedFetch::choose(QString *error)
{
    if (!m_store) {
        *error = noInboxMessage(m_context.endpoint());
        return false;
    }
    const AudienceVersionRepository versions(m_store->database());
    QString readError;
    // A resumed run keeps reading the version it started with, while that is still there.
    const qint64 checkpointed =
        m_context.checkpoint(QStringLiteral("source")).value(VersionIdKey).toInteger();
    std::optional<AudienceVersion> version;
    if (checkpointed > 0) {
        version = versions.find(checkpointed, &readError);
        if (version && (version->audienceId != m_audience.id ||
                        !QFileInfo::exists(m_store->filePath(*version))))
            version.reset();
        m_sameSnapshot = version.has_value();
    }
    if (!version)
        version = versions.latest(m_audience.id, &readError);
    if (!version) {
        *error = !readError.isEmpty()
                     ? readError
                     : tr("Nothing has been pushed for “%1” yet: its endpoint “%2” has to push "
                          "it to the app's exchange inbox first.")
                           .arg(m_audience.name, m_context.endpoint().name);
        return false;
    }
    const QFileInfo file(m_store->filePath(*version));
    if (!file.isFile() || file.size() != version->bytes) {
        *error =
            tr("The file of the audience “%1” pushed on %2 is missing or changed (%3); ask "
               "“%4” to push it again.")
                .arg(m_audience.name,
                     QLocale().toString(version->receivedAt.toLocalTime(), QLocale::ShortFormat),
                     QDir::toNativeSeparators(file.filePath()), m_context.endpoint().name);
        return false;
    }
    m_version = *version;
    m_context.saveCheckpoint(QStringLiteral("source"), {{VersionIdKey, m_version.id}});
    m_context.enterPhase(RunState::Downloading);
    m_context.reportDownload(m_version.bytes, m_version.bytes);
    m_context.log(RunEvent::Level::Info,
                  tr("Reading the version of “%1” pushed on %2: %n row(s).", nullptr,
                     static_cast<int>(std::min<qint64>(m_version.rows, INT_MAX)))
                      .arg(m_audience.name, QLocale().toString(m_version.receivedAt.toLocalTime(),
                                                               QLocale::ShortFormat)));
    qCDebug(lcConnectors) << "exchange push source: audience" << m_audience.id << "version"
                          << m_version.id << (m_sameSnapshot ? "(resumed)" : "");
    return true;
}

std::unique_ptr<RowReader> PushedFetch::openRows(QString *error)
{
    if (m_version.id == 0 || !m_store) {
        if (error)
            *error = tr("The pushed audience has not been fetched.");
        return nullptr;
    }
    CsvReaderOptions options;
    options.delimiter = ','; // the protocol's; the inbox checked the file with it
    auto reader = std::make_unique<CsvReader>(options);
    if (!reader->open(m_store->filePath(m_version))) {
        if (error)
            *error = reader->errorString();
        return nullptr;
    }
    return reader;
}

} // namespace courier
