#pragma once

#include <chrono>
#include <functional>
#include <optional>
#include <QByteArray>
#include <QHash>
#include <QObject>
#include <QString>
#include <QStringList>

namespace QKeychain {
class Job;
} // namespace QKeychain

namespace courier {

// Endpoint secrets (API keys, refresh tokens, …) in the operating system's keychain, through
// QtKeychain. Secrets are never written anywhere else: there is no plain-text fallback, and no
// secret is ever logged (only key names and outcomes are).
//
// Keys are namespaced per endpoint, "endpoint/<id>/<name>", under the service
// "audience-courier", so two endpoints never share a secret and removing an endpoint can
// remove exactly its own secrets.
//
// Every call is asynchronous: `done` runs later on this object's thread (never inside the
// call), so the UI thread never waits on the keychain. If the store is destroyed first, the
// pending callbacks are dropped. Right after login the keychain may not be up yet, so
// "no backend" and generic failures are retried a few times before giving up with a clear
// error.
class SecretStore : public QObject
{
    Q_OBJECT

public:
    // ok is true when the keychain did what was asked; otherwise error says why (translated).
    using Done = std::function<void(bool ok, QString error)>;
    // A value: the stored secret. nullopt with an empty error: nothing stored under that key.
    // nullopt with an error: the keychain failed (translated message).
    using ReadDone = std::function<void(std::optional<QByteArray> secret, QString error)>;

    explicit SecretStore(QObject *parent = nullptr);
    // Another service name, so tests never touch the real "audience-courier" entries.
    explicit SecretStore(const QString &service, QObject *parent = nullptr);

    static QString defaultService() { return QStringLiteral("audience-courier"); }
    static QString keyFor(qint64 endpointId, const QString &name);
    QString service() const { return m_service; }

    // Tries per request (at least 1) and the pause between them when the keychain is not up.
    void setRetryPolicy(int attempts, std::chrono::milliseconds delay);

    void write(qint64 endpointId, const QString &name, const QByteArray &secret, Done done);
    void read(qint64 endpointId, const QString &name, ReadDone done);
    // Several secrets of one endpoint: done(values, error) once every read answered. A secret
    // that is not stored is absent from values; error is the first keychain failure, if any.
    // With no names, done runs later all the same (never inside the call).
    using ReadAllDone = std::function<void(QHash<QString, QByteArray> values, QString error)>;
    void readAll(qint64 endpointId, const QStringList &names, ReadAllDone done);

    // Removing a key that is not stored succeeds.
    void remove(qint64 endpointId, const QString &name, Done done);
    // Removes every named secret of one endpoint (e.g. when the endpoint is deleted); ok only
    // if all were removed, otherwise error lists the failures.
    void removeAllFor(qint64 endpointId, const QStringList &names, Done done);

    // read() for headless commands and tests: spins a local QEventLoop until the answer
    // arrives. Never call it on the UI thread (the window would freeze and re-enter event
    // handlers); call it on the thread this store lives in. Returns as read() reports: a value,
    // or nullopt with *error empty (not stored) or set (the keychain failed).
    std::optional<QByteArray> readBlocking(qint64 endpointId, const QString &name,
                                           QString *error = nullptr);

private:
    using JobFactory = std::function<QKeychain::Job *()>;
    using JobFinished = std::function<void(QKeychain::Job *job)>;

    // Starts the job that makeJob creates and calls finished with it once the outcome is
    // final: success, or a failure that retrying cannot fix, or the last try.
    void run(const QString &key, JobFactory makeJob, JobFinished finished, int attempt = 1);

    QString m_service;
    int m_attempts = 3;
    std::chrono::milliseconds m_retryDelay{500};
};

} // namespace courier
