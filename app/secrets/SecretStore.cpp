#include "SecretStore.h"

#include "common/Logging.h"

#include <memory>
#include <QEventLoop>
#include <QLoggingCategory>
#include <qt6keychain/keychain.h>
#include <QThread>
#include <QTimer>

// lcSecrets (courier.secrets) logs only key names, operations and outcomes, never a secret's bytes.

namespace courier {

namespace {

// Errors that mean "the keychain is not (yet) reachable": right after login the Secret
// Service / KWallet may still be starting, which QtKeychain reports as one of these.
bool isRetryable(QKeychain::Error error)
{
    return error == QKeychain::NoBackendAvailable || error == QKeychain::OtherError;
}

QLatin1StringView operationName(const QKeychain::Job *job)
{
    if (qobject_cast<const QKeychain::ReadPasswordJob *>(job))
        return QLatin1StringView("read");
    if (qobject_cast<const QKeychain::WritePasswordJob *>(job))
        return QLatin1StringView("write");
    return QLatin1StringView("remove");
}

// The message the user sees when a job failed for good.
QString describeFailure(const QKeychain::Job *job)
{
    if (isRetryable(job->error())) {
        return SecretStore::tr("The system keychain is not available: %1. Audience Courier keeps "
                               "secrets only in the keychain.")
            .arg(job->errorString());
    }
    return SecretStore::tr("The system keychain refused the request: %1").arg(job->errorString());
}

template <typename JobType> JobType *newJob(const QString &service, const QString &key)
{
    // No parent and auto-delete: a job that is still running when the store goes away finishes
    // and deletes itself; deleting it mid-flight could leave the backend calling into freed
    // memory.
    auto *job = new JobType(service);
    job->setAutoDelete(true);
    // Never store secrets in a plain-text file when the keychain is missing: fail instead.
    job->setInsecureFallback(false);
    job->setKey(key);
    return job;
}

} // namespace

SecretStore::SecretStore(QObject *parent)
    : SecretStore(defaultService(), parent)
{}

SecretStore::SecretStore(const QString &service, QObject *parent)
    : QObject(parent)
    , m_service(service)
{}

QString SecretStore::keyFor(qint64 endpointId, const QString &name)
{
    return QStringLiteral("endpoint/%1/%2").arg(endpointId).arg(name);
}

void SecretStore::setRetryPolicy(int attempts, std::chrono::milliseconds delay)
{
    m_attempts = qMax(1, attempts);
    m_retryDelay = delay;
}

void SecretStore::write(qint64 endpointId, const QString &name, const QByteArray &secret, Done done)
{
    const QString key = keyFor(endpointId, name);
    // The factory keeps its own copy of the secret so a retry can write it again.
    auto makeJob = [service = m_service, key, secret]() -> QKeychain::Job * {
        auto *job = newJob<QKeychain::WritePasswordJob>(service, key);
        job->setBinaryData(secret);
        return job;
    };
    run(key, makeJob, [done = std::move(done)](QKeychain::Job *job) {
        if (job->error() == QKeychain::NoError)
            done(true, QString());
        else
            done(false, describeFailure(job));
    });
}

void SecretStore::read(qint64 endpointId, const QString &name, ReadDone done)
{
    const QString key = keyFor(endpointId, name);
    auto makeJob = [service = m_service, key]() -> QKeychain::Job * {
        return newJob<QKeychain::ReadPasswordJob>(service, key);
    };
    run(key, makeJob, [done = std::move(done)](QKeychain::Job *job) {
        switch (job->error()) {
        case QKeychain::NoError:
            done(static_cast<QKeychain::ReadPasswordJob *>(job)->binaryData(), QString());
            break;
        case QKeychain::EntryNotFound:
            done(std::nullopt, QString());
            break;
        default:
            done(std::nullopt, describeFailure(job));
        }
    });
}

void SecretStore::readAll(qint64 endpointId, const QStringList &names, ReadAllDone done)
{
    if (names.isEmpty()) {
        QMetaObject::invokeMethod(
            this, [done = std::move(done)] { done({}, {}); }, Qt::QueuedConnection);
        return;
    }
    struct Gathering
    {
        QHash<QString, QByteArray> values;
        QString error;
        qsizetype remaining = 0;
        ReadAllDone done;
    };
    auto gathering = std::make_shared<Gathering>();
    gathering->remaining = names.size();
    gathering->done = std::move(done);
    for (const QString &name : names) {
        read(endpointId, name, [gathering, name](std::optional<QByteArray> secret, QString error) {
            if (secret)
                gathering->values.insert(name, *secret);
            else if (!error.isEmpty() && gathering->error.isEmpty())
                gathering->error = std::move(error);
            if (--gathering->remaining == 0)
                gathering->done(std::move(gathering->values), gathering->error);
        });
    }
}

void SecretStore::remove(qint64 endpointId, const QString &name, Done done)
{
    const QString key = keyFor(endpointId, name);
    auto makeJob = [service = m_service, key]() -> QKeychain::Job * {
        return newJob<QKeychain::DeletePasswordJob>(service, key);
    };
    run(key, makeJob, [done = std::move(done)](QKeychain::Job *job) {
        // Already gone is what the caller wanted.
        const auto error = job->error();
        if (error == QKeychain::NoError || error == QKeychain::EntryNotFound)
            done(true, QString());
        else
            done(false, describeFailure(job));
    });
}

void SecretStore::removeAllFor(qint64 endpointId, const QStringList &names, Done done)
{
    if (names.isEmpty()) {
        // Still answer later, never inside the call, like every other request.
        QTimer::singleShot(0, this, [done = std::move(done)] { done(true, QString()); });
        return;
    }
    // QtKeychain runs its jobs one after the other anyway; count the answers and report once.
    struct Pending
    {
        qsizetype left = 0;
        QStringList errors;
        Done done;
    };
    auto pending = std::make_shared<Pending>(Pending{names.size(), {}, std::move(done)});
    for (const QString &name : names) {
        remove(endpointId, name, [pending](bool ok, const QString &error) {
            if (!ok)
                pending->errors.append(error);
            if (--pending->left == 0)
                pending->done(pending->errors.isEmpty(), pending->errors.join(u'\n'));
        });
    }
}

std::optional<QByteArray> SecretStore::readBlocking(qint64 endpointId, const QString &name,
                                                    QString *error)
{
    // The jobs and retry timers live in this object's thread; a loop on another thread would
    // never see them finish.
    Q_ASSERT(QThread::currentThread() == thread());
    std::optional<QByteArray> result;
    QString failure;
    bool answered = false;
    QEventLoop loop;
    read(endpointId, name, [&](std::optional<QByteArray> secret, const QString &readError) {
        result = std::move(secret);
        failure = readError;
        answered = true;
        loop.quit();
    });
    // The answer always comes later, but guard anyway so a synchronous answer cannot hang us.
    if (!answered)
        loop.exec(QEventLoop::ExcludeUserInputEvents);
    if (error)
        *error = failure;
    return result;
}

void SecretStore::run(const QString &key, JobFactory makeJob, JobFinished finished, int attempt)
{
    QKeychain::Job *job = makeJob();
    // Context `this`: if the store is destroyed first, the job still finishes (and deletes
    // itself) but nobody is called back.
    connect(job, &QKeychain::Job::finished, this,
            [this, key, attempt, makeJob = std::move(makeJob),
             finished = std::move(finished)](QKeychain::Job *done) mutable {
                const auto op = operationName(done);
                const auto error = done->error();
                if (isRetryable(error) && attempt < m_attempts) {
                    qCInfo(lcSecrets).nospace().noquote()
                        << "keychain " << op << " " << key << ": not available (try " << attempt
                        << "/" << m_attempts << "): " << done->errorString() << "; retrying";
                    QTimer::singleShot(m_retryDelay, this,
                                       [this, key, attempt, makeJob = std::move(makeJob),
                                        finished = std::move(finished)]() mutable {
                                           run(key, std::move(makeJob), std::move(finished),
                                               attempt + 1);
                                       });
                    return;
                }
                if (error == QKeychain::NoError)
                    qCDebug(lcSecrets).nospace().noquote()
                        << "keychain " << op << " " << key << ": ok";
                else if (error == QKeychain::EntryNotFound)
                    qCDebug(lcSecrets).nospace().noquote()
                        << "keychain " << op << " " << key << ": not stored";
                else
                    qCWarning(lcSecrets).nospace().noquote()
                        << "keychain " << op << " " << key << ": failed: " << done->errorString();
                finished(done);
            });
    qCDebug(lcSecrets).nospace().noquote()
        << "keychain " << operationName(job) << " " << key << ": started";
    job->start();
}

} // namespace courier
