#pragma once

#include <optional>
#include <QDateTime>
#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <QStringView>
#include <QUrl>

namespace courier {

// A system audiences come from or go to (a CSV folder, GA4, APSIS, ...), as the cache keeps it.
struct Endpoint
{
    enum class Role { Source, Destination, Both };
    // How members travel: pushed by us, pulled by the other side, or not at all (files).
    enum class Transfer { None, Push, Pull };

    qint64 id = 0; // 0 = not stored yet
    QString name;
    QString kind; // "csv", "ga4", "apsis", "fount", "aep", "exchange", "meta"
    QUrl contactUrl;
    Role role = Role::Source;
    Transfer transfer = Transfer::None;
    QStringList identifiers;   // member identifiers it understands, e.g. "email", "phone"
    QStringList attributes;    // member attributes it can carry
    QJsonObject settings;      // connector-specific, never secrets
    bool secretStored = false; // the secret itself lives only in the OS keychain
    QDateTime createdAt;       // UTC, set by the store
    QDateTime updatedAt;       // UTC, set by the store

    friend bool operator==(const Endpoint &, const Endpoint &) = default;
};

// Stable lower-case keys, as stored in the cache; never translate or rename them.
inline QString endpointRoleToString(Endpoint::Role role)
{
    switch (role) {
    case Endpoint::Role::Source:
        return QStringLiteral("source");
    case Endpoint::Role::Destination:
        return QStringLiteral("destination");
    case Endpoint::Role::Both:
        return QStringLiteral("both");
    }
    return QStringLiteral("source");
}

inline std::optional<Endpoint::Role> endpointRoleFromString(QStringView key)
{
    for (auto role : {Endpoint::Role::Source, Endpoint::Role::Destination, Endpoint::Role::Both}) {
        if (key == endpointRoleToString(role))
            return role;
    }
    return std::nullopt;
}

inline QString endpointTransferToString(Endpoint::Transfer transfer)
{
    switch (transfer) {
    case Endpoint::Transfer::None:
        return QStringLiteral("none");
    case Endpoint::Transfer::Push:
        return QStringLiteral("push");
    case Endpoint::Transfer::Pull:
        return QStringLiteral("pull");
    }
    return QStringLiteral("none");
}

inline std::optional<Endpoint::Transfer> endpointTransferFromString(QStringView key)
{
    for (auto transfer :
         {Endpoint::Transfer::None, Endpoint::Transfer::Push, Endpoint::Transfer::Pull}) {
        if (key == endpointTransferToString(transfer))
            return transfer;
    }
    return std::nullopt;
}

} // namespace courier
