#include "DemoSandbox.h"

#include "CacheReader.h"
#include "common/Logging.h"
#include "engine/AudienceRefresh.h"
#include "mapping/Mapping.h"
#include "model/Endpoint.h"
#include "sandbox/SandboxServer.h"
#include "secrets/SecretStore.h"
#include "store/AudienceRepository.h"
#include "store/Database.h"
#include "store/EndpointRepository.h"
#include "store/RunRepository.h"
#include "store/ShareRepository.h"

#include <QtConcurrent>

namespace courier::ui {

namespace {

const auto DemoKey = QStringLiteral("demo");
// Set on the demo source once the demo share was created, so it is created once, even if the
// first start could not (no keychain yet, say), and never again after the user deletes it.
const auto DemoShareKey = QStringLiteral("demoShareCreated");
const auto SecretName = QStringLiteral("key");
const auto ExchangeKind = QStringLiteral("exchange");
const auto DemoSegment = QStringLiteral("newsletter-subscribers");

QString tr(const char *text)
{
    return QCoreApplication::translate("courier::ui::DemoSandbox", text);
}

Mapping demoMapping()
{
    const QList<Transform> clean{Transform(TransformKind::Trim),
                                 Transform(TransformKind::Lowercase)};
    Mapping mapping;
    mapping.fields = {
        {QStringLiteral("email"), QStringLiteral("email"), true, clean},
        {QStringLiteral("phone"), QStringLiteral("phone"), false, {Transform(TransformKind::Trim)}},
        {QStringLiteral("first_name"), QStringLiteral("first_name"), false, {}},
        {QStringLiteral("last_name"), QStringLiteral("last_name"), false, {}},
        {QStringLiteral("country"), QStringLiteral("country"), false, {}},
    };
    return mapping;
}

struct ShareCreation
{
    qint64 shareId = 0;
    QString error;
};

// On a worker: the demo share for the refreshed "Newsletter subscribers" audience, and the mark
// on the source that it exists.
ShareCreation createDemoShare(const Database &database, qint64 sourceId, qint64 destinationId)
{
    ShareCreation result;
    qint64 audienceId = 0;
    for (const AudienceInfo &audience :
         AudienceRepository(database).listByEndpoint(sourceId, &result.error)) {
        if (audience.externalId == DemoSegment)
            audienceId = audience.id;
    }
    if (!audienceId) {
        if (result.error.isEmpty())
            result.error = tr("The demo exchange has no “%1” audience.").arg(DemoSegment);
        return result;
    }
    Share share;
    share.name = tr("Newsletter subscribers → demo list");
    share.audienceId = audienceId;
    share.destinationId = destinationId;
    share.mapping = demoMapping().toJson();
    share.action = Share::ShareAction::Add;
    EndpointRepository endpoints(database);
    std::optional<Endpoint> source = endpoints.find(sourceId, &result.error);
    if (!source)
        return result;
    const auto shareId = ShareRepository(database).add(share, &result.error);
    if (!shareId)
        return result;
    result.shareId = *shareId;
    source->settings.insert(DemoShareKey, true);
    endpoints.update(*source, &result.error); // at worst, a second demo share next time
    return result;
}

} // namespace

bool DemoSandbox::isDemoEndpoint(const Endpoint &endpoint)
{
    return endpoint.settings.value(DemoKey).toBool();
}

DemoSandbox::DemoSandbox(const Database &database, SecretStore &secrets, ConnectorRegistry registry,
                         QObject *parent)
    : QObject(parent)
    , m_database(database)
    , m_secrets(secrets)
    , m_registry(std::move(registry))
{}

DemoSandbox::~DemoSandbox()
{
    m_refresh.reset(); // its listing talks to the server
    m_server.reset();
}

bool DemoSandbox::isRunning() const
{
    return m_server != nullptr;
}

bool DemoSandbox::start(QString *error)
{
    QString listError;
    const QList<Endpoint> endpoints = EndpointRepository(m_database).list(&listError);
    if (!listError.isEmpty()) {
        if (error)
            *error = listError;
        return false;
    }
    const bool hasDemo = std::any_of(endpoints.cbegin(), endpoints.cend(), isDemoEndpoint);
    if (!endpoints.isEmpty() && !hasDemo) {
        qCInfo(lcUi) << "No demo: the profile has endpoints of its own";
        return false;
    }

    auto server = std::make_unique<sandbox::SandboxServer>();
    QString listenError;
    if (!server->listen(0, &listenError)) {
        if (error)
            *error = tr("The demo sandbox could not start: %1").arg(listenError);
        return false;
    }
    m_server = std::move(server);
    if (!registerEndpoints(endpoints, error)) {
        m_server.reset();
        return false;
    }
    qCInfo(lcUi).noquote() << "Demo sandbox on" << m_server->baseUrl().toString();
    m_refresh = std::make_unique<AudienceRefresh>(m_database, &m_secrets, m_registry);
    connect(m_refresh.get(), &AudienceRefresh::finished, this,
            [this](qint64, bool ok, int count, const QString &refreshError) {
                if (!ok) {
                    finish(false, refreshError);
                    return;
                }
                qCInfo(lcUi) << "Demo audiences refreshed:" << count;
                createShareIfNew();
            });
    storeKeys();
    return true;
}

bool DemoSandbox::registerEndpoints(const QList<Endpoint> &existing, QString *error)
{
    const QUrl url = m_server->url(QStringLiteral("/exchange"));
    std::optional<Endpoint> source;
    std::optional<Endpoint> destination;
    for (const Endpoint &endpoint : existing) {
        if (!isDemoEndpoint(endpoint) || endpoint.kind != ExchangeKind)
            continue;
        if (endpoint.role == Endpoint::Role::Source && !source)
            source = endpoint;
        else if (endpoint.role == Endpoint::Role::Destination && !destination)
            destination = endpoint;
    }

    EndpointRepository endpoints(m_database);
    const auto save = [&](std::optional<Endpoint> &stored, Endpoint fresh) -> qint64 {
        if (stored) {
            // Keep what the user may have changed (the name); only the port is new.
            stored->contactUrl = url;
            stored->secretStored = true;
            return endpoints.update(*stored, error) ? stored->id : 0;
        }
        return endpoints.add(fresh, error).value_or(0);
    };

    Endpoint newSource;
    newSource.name = tr("Sandbox exchange (demo)");
    newSource.kind = ExchangeKind;
    newSource.contactUrl = url;
    newSource.role = Endpoint::Role::Source;
    newSource.transfer = Endpoint::Transfer::Pull;
    newSource.identifiers = {QStringLiteral("email"), QStringLiteral("phone"),
                             QStringLiteral("device_id"), QStringLiteral("user_id")};
    newSource.attributes = {QStringLiteral("first_name"),  QStringLiteral("last_name"),
                            QStringLiteral("country"),     QStringLiteral("city"),
                            QStringLiteral("postal_code"), QStringLiteral("lifetime_value"),
                            QStringLiteral("last_seen")};
    newSource.settings = QJsonObject{{DemoKey, true}};
    newSource.secretStored = true;
    const qint64 sourceId = save(source, newSource);
    if (!sourceId)
        return false;
    m_source = source ? *source : newSource;
    m_source.id = sourceId;
    m_shareCreatedBefore = source && source->settings.value(DemoShareKey).toBool();

    Endpoint newDestination = newSource;
    newDestination.name = tr("Sandbox consumer (demo)");
    newDestination.role = Endpoint::Role::Destination;
    newDestination.transfer = Endpoint::Transfer::Push;
    newDestination.identifiers = {QStringLiteral("email"), QStringLiteral("phone")};
    newDestination.attributes = {QStringLiteral("first_name"), QStringLiteral("last_name"),
                                 QStringLiteral("country"), QStringLiteral("city")};
    m_destinationId = save(destination, newDestination);
    if (!m_destinationId)
        return false;

    // The new sandbox has none of the lists earlier starts created: shares to the demo consumer
    // forget theirs and create a new one at their next run.
    // Their interrupted runs cannot resume either: the export jobs they would continue are gone.
    ShareRepository shares(m_database);
    RunRepository runs(m_database);
    QString shareError;
    for (Share share : shares.list(&shareError)) {
        const QString listKey = QStringLiteral("destinationId");
        if (share.destinationId != m_destinationId)
            continue;
        runs.forgetResumption(share.id, tr("Not resumed: the demo sandbox starts afresh with each "
                                           "start of the app."));
        if (!share.destinationOptions.contains(listKey))
            continue;
        share.destinationOptions.remove(listKey);
        shares.setDestinationOptions(share.id, share.destinationOptions, &shareError);
    }
    if (!shareError.isEmpty()) // the share's next run says the list is gone; not fatal here
        qCWarning(lcUi).noquote() << "Demo shares keep their old lists:" << shareError;
    return true;
}

void DemoSandbox::storeKeys()
{
    // The demo key is public (it is the sandbox's), but it goes where every endpoint's key goes,
    // so the demo runs exactly like a real share.
    struct Pending
    {
        int remaining = 2;
        QString error;
    };
    auto pending = std::make_shared<Pending>();
    const QPointer<DemoSandbox> self(this);
    const QByteArray key = m_server->options().exchange.key;
    for (const qint64 endpointId : {m_source.id, m_destinationId}) {
        m_secrets.write(endpointId, SecretName, key,
                        [self, pending](bool ok, const QString &writeError) {
                            if (!ok && pending->error.isEmpty())
                                pending->error = writeError;
                            if (--pending->remaining > 0 || !self)
                                return;
                            if (!pending->error.isEmpty())
                                self->finish(false, tr("The demo's key could not be stored in "
                                                       "the keychain: %1")
                                                        .arg(pending->error));
                            else
                                self->refreshAudiences();
                        });
    }
}

void DemoSandbox::refreshAudiences()
{
    QString error;
    if (!m_refresh->refresh(m_source, &error))
        finish(false, error);
}

void DemoSandbox::createShareIfNew()
{
    if (m_shareCreatedBefore) {
        finish(true, {});
        return;
    }
    const Database *database = &m_database;
    const qint64 sourceId = m_source.id;
    const qint64 destinationId = m_destinationId;
    whenFinished(QtConcurrent::run([database, sourceId, destinationId] {
                     ShareCreation result = createDemoShare(*database, sourceId, destinationId);
                     database->releaseThreadConnection(); // a pool thread may retire
                     return result;
                 }),
                 this, [this](const ShareCreation &result) {
                     if (!result.shareId) {
                         finish(false, result.error);
                         return;
                     }
                     m_createdShareId = result.shareId;
                     m_shareCreatedBefore = true;
                     qCInfo(lcUi) << "Demo share created:" << result.shareId;
                     finish(true, {});
                 });
}

void DemoSandbox::finish(bool ok, const QString &error)
{
    if (!ok)
        qCWarning(lcUi).noquote() << "The demo is not ready:" << error;
    emit ready(ok, error);
}

} // namespace courier::ui
