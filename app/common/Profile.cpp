#include "Profile.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QStandardPaths>

namespace courier {

QString Profile::resolveDirectory(const QString &explicitDirectory)
{
    if (!explicitDirectory.isEmpty())
        return QDir(explicitDirectory).absolutePath();
    const QString fromEnvironment = qEnvironmentVariable(EnvironmentVariable);
    if (!fromEnvironment.isEmpty())
        return QDir(fromEnvironment).absolutePath();
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
}

Profile::Profile(QString directory)
    : m_directory(std::move(directory))
{}

QString Profile::databasePath() const
{
    return QDir(m_directory).filePath(QStringLiteral("courier.sqlite"));
}

QString Profile::runsDirectory() const
{
    return QDir(m_directory).filePath(QStringLiteral("runs"));
}

bool Profile::ensureExists(QString *errorString) const
{
    QDir dir(m_directory);
    if (!dir.exists() && !dir.mkpath(QStringLiteral("."))) {
        if (errorString)
            *errorString = QCoreApplication::translate("courier::Profile",
                                                       "Cannot create the profile folder %1.")
                               .arg(QDir::toNativeSeparators(m_directory));
        return false;
    }
    // The cache describes the user's audiences and endpoints: keep it to the owner.
    QFile::setPermissions(m_directory,
                          QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    return true;
}

} // namespace courier
