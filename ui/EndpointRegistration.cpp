#include "EndpointRegistration.h"

#include "CacheReader.h"
#include "common/Logging.h"
#include "engine/AudienceRefresh.h"
#include "secrets/SecretStore.h"
#include "store/Database.h"
#include "store/EndpointRepository.h"

#include <memory>

namespace courier::ui {

namespace {

struct Saved
{
    Endpoint endpoint;
    QString error; // empty when saved
};

// On a worker thread: adds the endpoint, or updates the one an earlier attempt added.
Saved saveEndpoint(const Database &database, Endpoint endpoint)
{
    Saved saved;
    EndpointRepository endpoints(database);
    if (endpoint.id) {
        if (!endpoints.update(endpoint, &saved.error) && saved.error.isEmpty())
            saved.error = EndpointRegistration::tr("it was removed in the meantime");
    } else if (const auto id = endpoints.add(endpoint, &saved.error)) {
        endpoint.id = *id;
    }
    saved.endpoint = endpoint;
    database.releaseThreadConnection(); // a pool thread may retire
    return saved;
}

} // namespace

EndpointRegistration::EndpointRegistration(const Database &database, SecretStore *secrets,
                                           AudienceRefresh *refresh, QObject *parent)
    : QObject(parent)
    , m_database(database)
    , m_secrets(secrets)
    , m_refresh(refresh)
{}

void EndpointRegistration::start(EndpointDraft draft)
{
    if (m_running)
        return;
    m_running = true;
    m_draft = std::move(draft);
    m_existed = m_draft.endpoint.id != 0;
    // Until the keychain has them, the cache must not claim the credentials are stored.
    m_draft.endpoint.secretStored = false;
    setStep(Step::Saving);
    const Database *database = &m_database;
    whenFinished(QtConcurrent::run([database, endpoint = m_draft.endpoint] {
                     return saveEndpoint(*database, endpoint);
                 }),
                 this, [this](const Saved &result) { onSaved(result.endpoint, result.error); });
}

void EndpointRegistration::onSaved(const Endpoint &endpoint, const QString &error)
{
    if (!error.isEmpty()) {
        finish(false, false, 0, tr("“%1” could not be saved: %2").arg(endpoint.name, error));
        return;
    }
    m_draft.endpoint = endpoint;
    emit saved(endpoint);
    storeSecrets();
}

void EndpointRegistration::storeSecrets()
{
    setStep(Step::StoringSecrets);
    const QString name = m_draft.endpoint.name;
    if (!m_secrets) {
        finish(false, false, 0,
               tr("“%1” is saved, but its credentials cannot be stored: no keychain is available "
                  "to this window.")
                   .arg(name));
        return;
    }
    if (m_draft.secrets.isEmpty()) {
        removeUnusedSecrets();
        return;
    }
    struct Pending
    {
        qsizetype remaining = 0;
        QString error;
    };
    auto pending = std::make_shared<Pending>();
    pending->remaining = m_draft.secrets.size();
    const QPointer<EndpointRegistration> self(this);
    for (auto it = m_draft.secrets.constBegin(); it != m_draft.secrets.constEnd(); ++it) {
        m_secrets->write(
            m_draft.endpoint.id, it.key(), it.value(),
            [self, pending, name](bool ok, const QString &writeError) {
                if (!ok && pending->error.isEmpty())
                    pending->error = writeError;
                if (--pending->remaining > 0 || !self)
                    return;
                if (!pending->error.isEmpty())
                    self->finish(false, false, 0,
                                 tr("“%1” is saved, but its credentials could not be stored in the "
                                    "keychain: %2 Check that the keychain is unlocked, then "
                                    "connect again.")
                                     .arg(name, pending->error));
                else
                    self->removeUnusedSecrets();
            });
    }
}

void EndpointRegistration::removeUnusedSecrets()
{
    if (!m_existed || m_draft.unusedSecrets.isEmpty() || !m_secrets) {
        markSecretsStored();
        return;
    }
    const QPointer<EndpointRegistration> self(this);
    const qint64 id = m_draft.endpoint.id;
    m_secrets->removeAllFor(id, m_draft.unusedSecrets, [self, id](bool ok, const QString &error) {
        // Not worth failing the attempt for: the settings name the method that is used.
        if (!ok)
            qCWarning(lcUi).noquote()
                << "Unused credentials of endpoint" << id << "not removed:" << error;
        if (self)
            self->markSecretsStored();
    });
}

void EndpointRegistration::markSecretsStored()
{
    m_draft.endpoint.secretStored = true;
    const Database *database = &m_database;
    whenFinished(
        QtConcurrent::run(
            [database, endpoint = m_draft.endpoint] { return saveEndpoint(*database, endpoint); }),
        this, [this](const Saved &result) {
            if (!result.error.isEmpty()) {
                finish(true, false, 0,
                       tr("“%1” could not be saved: %2").arg(result.endpoint.name, result.error));
                return;
            }
            m_draft.endpoint = result.endpoint;
            emit saved(result.endpoint);
            if (m_draft.listAudiences)
                loadAudiences();
            else
                finish(true, true, 0, {});
        });
}

void EndpointRegistration::loadAudiences()
{
    setStep(Step::LoadingAudiences);
    if (!m_refresh) {
        finish(true, false, 0,
               tr("“%1” is connected, but its audiences cannot be loaded from this window.")
                   .arg(m_draft.endpoint.name));
        return;
    }
    const qint64 id = m_draft.endpoint.id;
    m_refreshed = connect(m_refresh, &AudienceRefresh::finished, this,
                          [this, id](qint64 endpointId, bool ok, int count, const QString &error) {
                              if (endpointId == id)
                                  finish(true, ok, count, error);
                          });
    QString error;
    if (!m_refresh->refresh(m_draft.endpoint, &error))
        finish(true, false, 0, error);
}

void EndpointRegistration::setStep(Step step)
{
    m_step = step;
    emit stepStarted(step);
}

void EndpointRegistration::finish(bool secretsStored, bool ok, int count, const QString &error)
{
    disconnect(m_refreshed);
    m_running = false;
    emit finished(m_draft.endpoint.id, secretsStored, ok, count, error);
}

} // namespace courier::ui
