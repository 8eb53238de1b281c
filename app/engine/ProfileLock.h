#pragma once

#include <memory>
#include <QCoreApplication>
#include <QLockFile>
#include <QString>

namespace courier {

// Only one process at a time runs shares for a profile: the app, or a headless `run`. The
// holder alone may mark unfinished runs as interrupted and resume them, so two processes
// never take each other's runs for dead. The lock is released when the holder exits, and a
// lock left by a killed process is taken over.
class ProfileLock
{
    Q_DECLARE_TR_FUNCTIONS(ProfileLock)

public:
    // nullptr when another live process holds the lock; *holder then says which (translated).
    static std::unique_ptr<ProfileLock> tryAcquire(const QString &profileDirectory,
                                                   QString *holder = nullptr);

private:
    explicit ProfileLock(const QString &path);
    QLockFile m_lock;
};

} // namespace courier
