#include "DemoSandbox.h"

#include "CacheReader.h"
#include "common/Logging.h"
#include "engine/AudienceRefresh.h"
#include "mapping/Mapping.h"
#include "model/Endpoint.h"
#include "sandbox/protocols/ga4/Ga4ServiceAccount.h"
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
    connect(m_refresh.get(), &AudienceRefresh::finished, this, &DemoSandbox::onRefreshed);
    storeKeys();
    return true;
}

QList<DemoSandbox::DemoEndpoint> DemoSandbox::demoEndpoints() const
{
    const QUrl exchangeUrl = m_server->url(QStringLiteral("/exchange"));
    const QByteArray exchangeKey = m_server->options().exchange.key;

    Endpoint exchange;
    exchange.name = tr("Sandbox exchange (demo)");
    exchange.kind = ExchangeKind;
    exchange.contactUrl = exchangeUrl;
    exchange.role = Endpoint::Role::Source;
    exchange.transfer = Endpoint::Transfer::Pull;
    exchange.identifiers = {QStringLiteral("email"), QStringLiteral("phone"),
                            QStringLiteral("device_id"), QStringLiteral("user_id")};
    exchange.attributes = {QStringLiteral("first_name"),  QStringLiteral("last_name"),
                           QStringLiteral("country"),     QStringLiteral("city"),
                           QStringLiteral("postal_code"), QStringLiteral("lifetime_value"),
                           QStringLiteral("last_seen")};
    exchange.settings = QJsonObject{{DemoKey, true}};
    exchange.secretStored = true;

    Endpoint consumer = exchange;
    consumer.name = tr("Sandbox consumer (demo)");
    consumer.role = Endpoint::Role::Destination;
    consumer.transfer = Endpoint::Transfer::Push;
    consumer.identifiers = {QStringLiteral("email"), QStringLiteral("phone")};
    consumer.attributes = {QStringLiteral("first_name"), QStringLiteral("last_name"),
                           QStringLiteral("country"), QStringLiteral("city")};

    // Google Analytics 4 through the sandbox's throwaway service account.
    const QUrl tokenUrl = m_server->url(QStringLiteral("/ga4/token"));
    Endpoint ga4;
    ga4.name = tr("Google Analytics 4 (demo)");
    ga4.kind = QStringLiteral("ga4");
    ga4.contactUrl = m_server->url(QStringLiteral("/ga4/analyticsdata"));
    ga4.role = Endpoint::Role::Source;
    ga4.transfer = Endpoint::Transfer::Pull;
    ga4.identifiers = {QStringLiteral("deviceId"), QStringLiteral("userId")};
    ga4.attributes = {QStringLiteral("isAdsPersonalizationAllowed"),
                      QStringLiteral("isLimitedAdTracking")};
    ga4.settings = QJsonObject{
        {DemoKey, true},
        {QStringLiteral("propertyId"), QStringLiteral("1234567")},
        {QStringLiteral("authMethod"), QStringLiteral("serviceAccount")},
        {QStringLiteral("adminUrl"),
         m_server->url(QStringLiteral("/ga4/analyticsadmin")).toString()},
        {QStringLiteral("dataUrl"), ga4.contactUrl.toString()},
        {QStringLiteral("tokenUrl"), tokenUrl.toString()},
    };
    ga4.secretStored = true;

    // APSIS One with the sandbox's client credentials.
    const sandbox::SandboxOptions &options = m_server->options();
    Endpoint apsis;
    apsis.name = tr("APSIS One (demo)");
    apsis.kind = QStringLiteral("apsis");
    apsis.contactUrl = m_server->url(QStringLiteral("/apsis"));
    apsis.role = Endpoint::Role::Source;
    apsis.transfer = Endpoint::Transfer::Pull;
    apsis.identifiers = {QStringLiteral("profileKey"), QStringLiteral("Email"),
                         QStringLiteral("Phone")};
    apsis.settings = QJsonObject{
        {DemoKey, true}, {QStringLiteral("clientId"), QString::fromLatin1(options.apsis.clientId)}};
    apsis.secretStored = true;

    // The Fount with the sandbox's personal access token.
    Endpoint fount;
    fount.name = tr("The Fount (demo)");
    fount.kind = QStringLiteral("fount");
    fount.contactUrl = m_server->url(QStringLiteral("/fount/api/v2"));
    fount.role = Endpoint::Role::Source;
    fount.transfer = Endpoint::Transfer::Pull;
    fount.identifiers = {QStringLiteral("bavRespondentId"), QStringLiteral("aoRespondentId")};
    fount.settings = QJsonObject{{DemoKey, true}};
    fount.secretStored = true;

    return {
        {exchange, {{SecretName, exchangeKey}}},
        {consumer, {{SecretName, exchangeKey}}},
        {ga4,
         {{QStringLiteral("serviceAccountKey"),
           sandbox::Ga4ServiceAccount::keyFileJson(tokenUrl)}}},
        {apsis, {{QStringLiteral("clientSecret"), options.apsis.clientSecret}}},
        {fount, {{QStringLiteral("token"), options.fount.token}}},
    };
}

bool DemoSandbox::registerEndpoints(const QList<Endpoint> &existing, QString *error)
{
    EndpointRepository endpoints(m_database);
    m_endpoints.clear();
    for (DemoEndpoint demo : demoEndpoints()) {
        // A demo endpoint is known by its kind and role; the user may have renamed it.
        const auto stored =
            std::find_if(existing.cbegin(), existing.cend(), [&](const Endpoint &endpoint) {
                return isDemoEndpoint(endpoint) && endpoint.kind == demo.endpoint.kind &&
                       endpoint.role == demo.endpoint.role;
            });
        if (stored != existing.cend()) {
            // Keep the name and the marks of earlier starts; the URLs are this start's.
            Endpoint updated = *stored;
            updated.contactUrl = demo.endpoint.contactUrl;
            for (auto it = demo.endpoint.settings.constBegin();
                 it != demo.endpoint.settings.constEnd(); ++it)
                updated.settings.insert(it.key(), it.value());
            updated.secretStored = true;
            if (!endpoints.update(updated, error))
                return false;
            demo.endpoint = updated;
        } else {
            const auto id = endpoints.add(demo.endpoint, error);
            if (!id)
                return false;
            demo.endpoint.id = *id;
        }
        if (demo.endpoint.kind == ExchangeKind && demo.endpoint.role == Endpoint::Role::Source) {
            m_source = demo.endpoint;
            m_shareCreatedBefore = m_source.settings.value(DemoShareKey).toBool();
        } else if (demo.endpoint.kind == ExchangeKind) {
            m_destinationId = demo.endpoint.id;
        }
        m_endpoints << demo;
    }

    // The new sandbox has none of the lists earlier starts created: shares to the demo consumer
    // forget theirs and create a new one at their next run.
    // Their interrupted runs cannot resume either: the export jobs they would continue are gone.
    ShareRepository shares(m_database);
    RunRepository runs(m_database);
    QString shareError;
    for (Share share : shares.list(&shareError)) {
        const QString listKey = QStringLiteral("destinationId");
        const bool fromDemo =
            std::any_of(m_endpoints.cbegin(), m_endpoints.cend(), [&](const DemoEndpoint &demo) {
                return demo.endpoint.id == share.destinationId;
            });
        if (!fromDemo)
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
    // The demo credentials are public (they are the sandbox's), but they go where every
    // endpoint's secrets go, so the demo runs exactly like a real share.
    struct Pending
    {
        int remaining = 0;
        QString error;
    };
    auto pending = std::make_shared<Pending>();
    for (const DemoEndpoint &demo : std::as_const(m_endpoints))
        pending->remaining += int(demo.secrets.size());
    const QPointer<DemoSandbox> self(this);
    for (const DemoEndpoint &demo : std::as_const(m_endpoints)) {
        for (auto it = demo.secrets.constBegin(); it != demo.secrets.constEnd(); ++it) {
            m_secrets.write(demo.endpoint.id, it.key(), it.value(),
                            [self, pending](bool ok, const QString &writeError) {
                                if (!ok && pending->error.isEmpty())
                                    pending->error = writeError;
                                if (--pending->remaining > 0 || !self)
                                    return;
                                if (!pending->error.isEmpty())
                                    self->finish(false, tr("The demo's keys could not be stored "
                                                           "in the keychain: %1")
                                                            .arg(pending->error));
                                else
                                    self->refreshAudiences();
                            });
        }
    }
}

void DemoSandbox::refreshAudiences()
{
    m_refreshing.clear();
    for (const DemoEndpoint &demo : std::as_const(m_endpoints)) {
        if (demo.endpoint.role == Endpoint::Role::Destination)
            continue;
        QString error;
        if (m_refresh->refresh(demo.endpoint, &error)) {
            m_refreshing.insert(demo.endpoint.id);
        } else if (demo.endpoint.id == m_source.id) {
            finish(false, error);
            return;
        } else {
            qCWarning(lcUi).noquote()
                << "Demo endpoint" << demo.endpoint.name << "not refreshed:" << error;
        }
    }
}

void DemoSandbox::onRefreshed(qint64 endpointId, bool ok, int count, const QString &error)
{
    if (!m_refreshing.remove(endpointId))
        return;
    if (endpointId == m_source.id && !ok) {
        m_refreshing.clear();
        finish(false, error);
        return;
    }
    if (ok)
        qCInfo(lcUi) << "Demo audiences of endpoint" << endpointId << "refreshed:" << count;
    else // the demo's other sources are extras: the demo share does not need them
        qCWarning(lcUi).noquote() << "Demo endpoint" << endpointId << "not refreshed:" << error;
    if (m_refreshing.isEmpty())
        createShareIfNew();
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
