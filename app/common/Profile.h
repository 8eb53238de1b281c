#pragma once

#include <QString>

namespace courier {

// The folder that holds one profile's cache (SQLite) and run files. Resolved from, in order:
// an explicit --profile DIR, the AUDIENCE_COURIER_PROFILE environment variable, and the
// platform's app-data folder (QStandardPaths::AppDataLocation).
class Profile
{
public:
    static constexpr const char *EnvironmentVariable = "AUDIENCE_COURIER_PROFILE";

    static QString resolveDirectory(const QString &explicitDirectory = {});

    explicit Profile(QString directory);

    QString directory() const { return m_directory; }
    QString databasePath() const;
    // Where runs keep their rejected-rows files and spools; created on demand.
    QString runsDirectory() const;
    // Creates the folder (owner-only) if needed; false with errorString() on failure.
    bool ensureExists(QString *errorString = nullptr) const;

private:
    QString m_directory;
};

} // namespace courier
