#pragma once

#include "model/Endpoint.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QHash>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QStringList>

namespace courier {

class AudienceRefresh;
class Database;
class SecretStore;

namespace ui {

// An endpoint as a "Connect …" dialog filled it in, with the credentials that go to the
// keychain and never into the cache.
struct EndpointDraft
{
    Endpoint endpoint; // id 0: a new endpoint; otherwise the one an earlier attempt saved
    QHash<QString, QByteArray> secrets;
    // The connector's other secret names: removed when an earlier attempt stored them (the
    // user switched from a key file to a Google sign-in, say), so no stale credential lingers.
    QStringList unusedSecrets;
    // Refresh its audiences once stored; false where there is nothing to list yet (an exchange
    // PUSH producer, a destination): the attempt then ends ok with 0 audiences.
    bool listAudiences = true;
};

// Registers an endpoint the way a connect dialog needs it, one step after the other and never
// waiting on the UI thread: the endpoint is saved in the cache on a worker thread, its secrets
// are written to the keychain (asynchronously), it is marked as having them, and its audiences
// are refreshed through the window's AudienceRefresh. Each attempt reports once, by finished().
class EndpointRegistration : public QObject
{
    Q_OBJECT

public:
    enum class Step { Saving, StoringSecrets, LoadingAudiences };
    Q_ENUM(Step)

    // database must outlive this object; secrets and refresh are watched (QPointer).
    EndpointRegistration(const Database &database, SecretStore *secrets, AudienceRefresh *refresh,
                         QObject *parent = nullptr);

    // Starts an attempt; ignored while one runs.
    void start(EndpointDraft draft);
    bool isRunning() const { return m_running; }
    Step step() const { return m_step; }

signals:
    void stepStarted(courier::ui::EndpointRegistration::Step step);
    // The endpoint is in the cache (its id set); the keychain and the refresh may follow.
    void saved(const courier::Endpoint &endpoint);
    // endpointId 0: nothing was saved. secretsStored: the keychain holds the credentials.
    // ok: the audiences were refreshed, count of them. error: translated, specific, when !ok.
    void finished(qint64 endpointId, bool secretsStored, bool ok, int count, const QString &error);

private:
    void onSaved(const Endpoint &endpoint, const QString &error);
    void storeSecrets();
    void removeUnusedSecrets();
    void markSecretsStored();
    void loadAudiences();
    void setStep(Step step);
    void finish(bool secretsStored, bool ok, int count, const QString &error);

    const Database &m_database;
    QPointer<SecretStore> m_secrets;
    QPointer<AudienceRefresh> m_refresh;
    EndpointDraft m_draft;
    bool m_existed = false; // an earlier attempt had saved the endpoint
    bool m_running = false;
    Step m_step = Step::Saving;
    QMetaObject::Connection m_refreshed; // to the refresh of this attempt's endpoint
};

} // namespace ui
} // namespace courier
