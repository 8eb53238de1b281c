#include "InboxStore.h"

#include <QDir>

namespace courier {

InboxStore::InboxStore(const Database &database, QString profileDirectory)
    : m_database(database)
    , m_profileDirectory(QDir(profileDirectory).absolutePath())
{}

QString InboxStore::endpointDirectory(qint64 endpointId) const
{
    return QDir(m_profileDirectory)
        .filePath(QStringLiteral("inbox/") + QString::number(endpointId));
}

QString InboxStore::filePath(const AudienceVersion &version) const
{
    return QDir(m_profileDirectory).filePath(version.filePath);
}

QString InboxStore::relativePath(const QString &absolutePath) const
{
    return QDir::fromNativeSeparators(QDir(m_profileDirectory).relativeFilePath(absolutePath));
}

} // namespace courier
