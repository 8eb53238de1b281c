#include "engine/ProfileLock.h"

#include <QDir>

namespace courier {

ProfileLock::ProfileLock(const QString &path)
    : m_lock(path)
{
    // Never stale by age (a share can run for hours); a dead holder is still detected, by its
    // process id.
    m_lock.setStaleLockTime(0);
}

std::unique_ptr<ProfileLock> ProfileLock::tryAcquire(const QString &profileDirectory,
                                                     QString *holder)
{
    std::unique_ptr<ProfileLock> lock(
        new ProfileLock(QDir(profileDirectory).filePath(QStringLiteral("engine.lock"))));
    // tryLock() takes over a lock whose process is gone (a kill, a crash).
    if (lock->m_lock.tryLock(0))
        return lock;
    if (holder) {
        qint64 pid = 0;
        QString hostName;
        QString appName;
        if (lock->m_lock.getLockInfo(&pid, &hostName, &appName))
            *holder = tr("Another Audience Courier (process %1) is running shares for this "
                         "profile.")
                          .arg(pid);
        else
            *holder = tr("Another Audience Courier is running shares for this profile.");
    }
    return nullptr;
}

} // namespace courier
