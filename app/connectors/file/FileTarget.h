#pragma once

#include "connectors/Destination.h"

#include <QCoreApplication>
#include <QString>
#include <QStringList>

namespace courier {

// What the file destinations (JSON payloads and profiles) share: where the file goes and which
// column holds the one identifier they write.
class FileTarget
{
    Q_DECLARE_TR_FUNCTIONS(FileTarget)

public:
    // <endpoint setting "directory">/<share option "fileName">, or "<share name>-<UTC
    // yyyyMMdd-HHmmss>.<extension>" when no file name is given. Empty, with a user-visible
    // reason, when the folder is missing, not a folder or not writable, or the file name
    // names a folder.
    static QString resolvePath(const Endpoint &endpoint, const DeliveryTarget &target,
                               const QString &extension, QString *error);

    // The share's name as a file name: letters, digits, space, dot, dash and underscore kept,
    // anything else made an underscore; no leading dots; at most 100 characters.
    static QString sanitisedStem(const QString &name);

    // The column that holds `field`: its own name, else one of its synonyms (compared without
    // case, spaces, dashes and underscores), else the only column there is. -1 when none or
    // more than one synonym matches.
    static int findColumn(const QStringList &columns, const DestinationField &field);
};

} // namespace courier
