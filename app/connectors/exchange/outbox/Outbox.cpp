#include "Outbox.h"

#include "common/Logging.h"
#include "connectors/exchange/inbox/InboxKeys.h"
#include "store/Database.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QMutexLocker>
#include <QRandomGenerator>
#include <QSet>

namespace courier {

namespace {

constexpr int TokenBytes = 32;
// A file no job names is only an orphan once it is this old: a delivery writes its file just
// before it records the job.
constexpr std::chrono::seconds OrphanAge{3600};

} // namespace

Outbox::Outbox(const Database &database, QString profileDirectory, std::shared_ptr<InboxKeys> keys)
    : m_database(database)
    , m_profileDirectory(QDir(profileDirectory).absolutePath())
    , m_keys(std::move(keys))
{}

QString Outbox::endpointDirectory(qint64 endpointId) const
{
    return QDir(m_profileDirectory)
        .filePath(QStringLiteral("outbox/") + QString::number(endpointId));
}

QString Outbox::absolutePath(const QString &relativePath) const
{
    return QDir(m_profileDirectory).filePath(relativePath);
}

QString Outbox::relativePath(const QString &absolutePath) const
{
    return QDir::fromNativeSeparators(QDir(m_profileDirectory).relativeFilePath(absolutePath));
}

void Outbox::setListenerUrl(const QUrl &url)
{
    const QMutexLocker lock(&m_mutex);
    m_listenerUrl = url;
}

QUrl Outbox::listenerUrl() const
{
    const QMutexLocker lock(&m_mutex);
    return m_listenerUrl;
}

QUrl Outbox::dataUrl(qint64 jobId, const QByteArray &token) const
{
    QUrl url = listenerUrl();
    url.setPath(QStringLiteral("/exchange/v1/outbox/%1/data").arg(jobId));
    // base64url needs no escaping in a query.
    url.setQuery(QStringLiteral("token=") + QString::fromLatin1(token));
    return url;
}

QUrl Outbox::statusUrl(qint64 jobId, const QByteArray &token) const
{
    QUrl url = listenerUrl();
    url.setPath(QStringLiteral("/exchange/v1/outbox/%1/status").arg(jobId));
    url.setQuery(QStringLiteral("token=") + QString::fromLatin1(token));
    return url;
}

void Outbox::rememberKey(qint64 endpointId, const QByteArray &key) const
{
    if (m_keys && !key.isEmpty())
        m_keys->set(endpointId, key);
}

QByteArray Outbox::newToken()
{
    QByteArray random(TokenBytes, Qt::Uninitialized);
    QRandomGenerator::system()->generate(reinterpret_cast<quint32 *>(random.data()),
                                         reinterpret_cast<quint32 *>(random.data() + TokenBytes));
    return random.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

QString Outbox::tokenHash(QByteArrayView token)
{
    return QString::fromLatin1(QCryptographicHash::hash(token, QCryptographicHash::Sha256).toHex());
}

void Outbox::removeFile(const OutboxJob &job) const
{
    if (job.filePath.isEmpty())
        return;
    const QString path = absolutePath(job.filePath);
    if (QFile::exists(path) && !QFile::remove(path))
        qCWarning(lcConnectors).noquote()
            << "exchange outbox: cannot remove" << QDir::toNativeSeparators(path);
}

bool Outbox::discard(qint64 jobId, QString *error) const
{
    OutboxRepository jobs(m_database);
    if (const auto job = jobs.find(jobId, error))
        removeFile(*job);
    return jobs.remove(jobId, error);
}

int Outbox::sweep() const
{
    OutboxRepository jobs(m_database);
    const QDateTime now = QDateTime::currentDateTimeUtc();
    QString error;
    int removed = 0;
    for (const OutboxJob &job : jobs.expired(now, &error)) {
        removeFile(job);
        ++removed;
        jobs.setStatus(job.id, OutboxJob::Status::Expired, &error);
    }
    jobs.prune(now.addSecs(-KeepFinishedJobs.count()), &error);

    const QStringList live = jobs.liveFiles(&error);
    if (!error.isEmpty()) {
        // Not knowing which files are needed, delete none.
        qCWarning(lcConnectors).noquote() << "exchange outbox: sweep stopped:" << error;
        return removed;
    }
    const QSet<QString> needed(live.cbegin(), live.cend());
    const QDateTime orphanBefore = now.addSecs(-OrphanAge.count());
    QDirIterator it(QDir(m_profileDirectory).filePath(QStringLiteral("outbox")), QDir::Files,
                    QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        if (needed.contains(relativePath(path)) ||
            QFileInfo(path).lastModified().toUTC() > orphanBefore)
            continue;
        if (QFile::remove(path))
            ++removed;
    }
    if (removed > 0)
        qCInfo(lcConnectors) << "exchange outbox: removed" << removed << "file(s) no longer needed";
    return removed;
}

} // namespace courier
