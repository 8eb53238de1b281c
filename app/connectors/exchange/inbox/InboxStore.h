#pragma once

#include "store/AudienceVersionRepository.h"

#include <QString>

namespace courier {

class Database;

// Where the audience versions that exchange PUSH producers send are kept: rows in the
// profile's cache, files under <profile>/inbox/<endpoint id>/. Shared by the inbox (which
// writes them) and the exchange source connector (which reads the latest); usable from any
// thread. The database must outlive it.
class InboxStore
{
public:
    InboxStore(const Database &database, QString profileDirectory);

    const Database &database() const { return m_database; }
    QString profileDirectory() const { return m_profileDirectory; }

    // The folder an endpoint's versions (and its pushes in progress) go to.
    QString endpointDirectory(qint64 endpointId) const;
    // A version's file, absolute.
    QString filePath(const AudienceVersion &version) const;
    // path relative to the profile folder, with '/' separators, as the cache stores it.
    QString relativePath(const QString &absolutePath) const;

private:
    const Database &m_database;
    QString m_profileDirectory;
};

} // namespace courier
