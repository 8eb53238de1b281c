#include "engine/AudienceRefresh.h"

#include "common/Logging.h"
#include "common/Redaction.h"
#include "engine/RunJob.h"
#include "secrets/SecretStore.h"
#include "store/AudienceRepository.h"
#include "store/Database.h"

#include <QNetworkAccessManager>
#include <QTemporaryDir>

namespace courier {

namespace {

using SecretsDone = std::function<void(QHash<QString, QByteArray> secrets, const QString &error)>;

// Reads the named secrets of one endpoint; done(secrets, error) on the store's thread, unless
// guard is gone by then. A secret that is not stored is simply absent.
void readSecrets(SecretStore *store, const Endpoint &endpoint, const QStringList &names,
                 const QPointer<QObject> &guard, SecretsDone done)
{
    if (!store || names.isEmpty()) {
        QMetaObject::invokeMethod(
            guard.data(), [done = std::move(done)] { done({}, {}); }, Qt::QueuedConnection);
        return;
    }
    const QString endpointName = endpoint.name;
    store->readAll(endpoint.id, names,
                   [endpointName, guard, done = std::move(done)](QHash<QString, QByteArray> values,
                                                                 const QString &error) {
                       if (!guard)
                           return;
                       done(std::move(values),
                            error.isEmpty() ? QString()
                                            : AudienceRefresh::tr("Could not read the credentials "
                                                                  "of %1 from the keychain: %2")
                                                  .arg(endpointName, error));
                   });
}

} // namespace

// What a source connector may use while it lists one endpoint's audiences: its own network
// access on this thread, the secrets read from the keychain, the log. Listings have no run,
// so there are no checkpoints and no phases.
class AudienceRefresh::Context final : public QObject, public ConnectorContext
{
public:
    Context(AudienceRefresh &owner, Endpoint endpoint, QHash<QString, QByteArray> secrets,
            QStringList secretNames)
        : m_owner(owner)
        , m_endpoint(std::move(endpoint))
        , m_secrets(std::move(secrets))
        , m_secretNames(std::move(secretNames))
    {
        m_network.setAutoDeleteReplies(false);
    }

    QNetworkAccessManager &network() override { return m_network; }
    const Endpoint &endpoint() const override { return m_endpoint; }
    QByteArray secret(const QString &name) const override { return m_secrets.value(name); }

    void reloadSecrets(std::function<void(bool changed)> done) override
    {
        const QPointer<Context> self(this);
        readSecrets(
            m_owner.m_secrets, m_endpoint, m_secretNames, QPointer<QObject>(this),
            [self, done = std::move(done)](QHash<QString, QByteArray> fresh, const QString &) {
                if (!self)
                    return;
                const bool changed = fresh != self->m_secrets;
                self->m_secrets = std::move(fresh);
                done(changed);
            });
    }

    QString workDirectory() const override
    {
        if (!m_workDirectory)
            m_workDirectory = std::make_unique<QTemporaryDir>();
        return m_workDirectory->path();
    }

    void log(RunEvent::Level level, const QString &message) override
    {
        const QString safe = redactSecrets(message);
        if (level == RunEvent::Level::Info)
            qCInfo(lcEngine).noquote() << "refresh of endpoint" << m_endpoint.id << safe;
        else
            qCWarning(lcEngine).noquote() << "refresh of endpoint" << m_endpoint.id << safe;
    }

    void enterPhase(RunState) override {}
    void reportDownload(qint64, qint64) override {}
    void reportWaiting(int) override {}
    QJsonObject checkpoint(const QString &) const override { return {}; }
    void saveCheckpoint(const QString &, const QJsonObject &) override {}

    BackoffPolicy retryPolicy() const override { return m_owner.m_retry; }
    BackoffPolicy pollPolicy() const override { return RunSettings().poll; }

private:
    AudienceRefresh &m_owner;
    Endpoint m_endpoint;
    QHash<QString, QByteArray> m_secrets;
    QStringList m_secretNames;
    QNetworkAccessManager m_network;
    mutable std::unique_ptr<QTemporaryDir> m_workDirectory;
};

struct AudienceRefresh::Task
{
    quint64 serial = 0; // tells this refresh from a later one of the same endpoint
    Endpoint endpoint;
    QStringList secretNames;
    // Destroyed in reverse order: the listing (and its requests) before the network it uses.
    std::unique_ptr<Context> context;
    std::unique_ptr<QObject> listing;
};

AudienceRefresh::AudienceRefresh(const Database &database, SecretStore *secrets,
                                 ConnectorRegistry registry, QObject *parent)
    : QObject(parent)
    , m_database(database)
    , m_secrets(secrets)
    , m_registry(std::move(registry))
{
    m_writer.setMaxThreadCount(1);
}

AudienceRefresh::~AudienceRefresh()
{
    m_tasks.clear(); // cancels the listings
    m_writer.waitForDone();
}

bool AudienceRefresh::refresh(const Endpoint &endpoint, QString *error)
{
    SourceConnector *connector = m_registry.source(endpoint.kind);
    if (!connector) {
        if (error)
            *error = tr("This version of Audience Courier cannot read audiences from “%1” "
                        "endpoints.")
                         .arg(endpoint.kind);
        return false;
    }
    if (m_tasks.contains(endpoint.id))
        return true;

    auto task = std::make_unique<Task>();
    task->serial = ++m_nextSerial;
    task->endpoint = endpoint;
    task->secretNames = connector->secretNames();
    m_tasks.emplace(endpoint.id, std::move(task));
    qCInfo(lcEngine) << "Refreshing the audiences of endpoint" << endpoint.id;

    const qint64 endpointId = endpoint.id;
    readSecrets(m_secrets, endpoint, connector->secretNames(), QPointer<QObject>(this),
                [this, endpointId](QHash<QString, QByteArray> secrets, const QString &readError) {
                    onSecretsRead(endpointId, std::move(secrets), readError);
                });
    return true;
}

void AudienceRefresh::onSecretsRead(qint64 endpointId, QHash<QString, QByteArray> secrets,
                                    const QString &error)
{
    const auto it = m_tasks.find(endpointId);
    if (it == m_tasks.end())
        return;
    if (!error.isEmpty()) {
        finish(endpointId, false, 0, error);
        return;
    }
    Task &task = *it->second;
    const quint64 serial = task.serial;
    SourceConnector *connector = m_registry.source(task.endpoint.kind);
    task.context =
        std::make_unique<Context>(*this, task.endpoint, std::move(secrets), task.secretNames);
    std::unique_ptr<QObject> listing = connector->listAudiences(
        *task.context, [this, endpointId](bool ok, const QList<AudienceInfo> &audiences,
                                          const QString &listError) {
            onListed(endpointId, ok, audiences, listError);
        });
    // A connector may report before it returns; if that ended the task, the listing goes too.
    const auto again = m_tasks.find(endpointId);
    if (again != m_tasks.end() && again->second->serial == serial)
        again->second->listing = std::move(listing);
    else if (listing)
        listing.release()->deleteLater();
}

void AudienceRefresh::onListed(qint64 endpointId, bool ok, const QList<AudienceInfo> &audiences,
                               const QString &error)
{
    const auto it = m_tasks.find(endpointId);
    if (it == m_tasks.end())
        return;
    Task &task = *it->second;
    // We are inside the listing's callback: it and the network it uses go once it returns.
    if (QObject *listing = task.listing.release())
        listing->deleteLater();
    if (Context *context = task.context.release())
        context->deleteLater();
    if (!ok) {
        finish(endpointId, false, 0, error);
        return;
    }

    QList<AudienceInfo> stored = audiences;
    for (AudienceInfo &audience : stored)
        audience.endpointId = endpointId; // whatever the connector filled in, they are this one's
    const Database *database = &m_database;
    m_writer.start([this, database, endpointId, stored = std::move(stored)] {
        QString writeError;
        const auto ids = AudienceRepository(*database).upsertMany(stored, &writeError);
        // The pool may retire this thread; its connection must not outlive it.
        database->releaseThreadConnection();
        const bool written = ids.has_value();
        const int count = written ? static_cast<int>(ids->size()) : 0;
        // Delivered on this object's thread; dropped if it is destroyed meanwhile (the
        // destructor waits for this worker, so `this` is still valid here).
        QMetaObject::invokeMethod(
            this,
            [this, endpointId, written, count, writeError] {
                finish(endpointId, written, count, writeError);
            },
            Qt::QueuedConnection);
    });
}

void AudienceRefresh::finish(qint64 endpointId, bool ok, int count, const QString &error)
{
    if (auto node = m_tasks.extract(endpointId)) {
        // finish() may run inside the listing's callback: its objects go once that returns.
        Task &task = *node.mapped();
        if (task.listing)
            task.listing.release()->deleteLater();
        if (task.context)
            task.context.release()->deleteLater();
    }
    if (ok)
        qCInfo(lcEngine) << "Refreshed" << count << "audience(s) of endpoint" << endpointId;
    else
        qCWarning(lcEngine).noquote() << "Could not refresh the audiences of endpoint" << endpointId
                                      << ":" << redactSecrets(error);
    emit finished(endpointId, ok, count, error);
}

} // namespace courier
