#pragma once

#include <optional>
#include <QDateTime>
#include <QJsonObject>
#include <QString>
#include <QStringView>

namespace courier {

// A saved "send this audience there" instruction, run by hand or on a schedule.
struct Share
{
    // What the delivery does to the destination's copy of the audience.
    enum class ShareAction { Add, Replace, Remove };

    qint64 id = 0; // 0 = not stored yet
    QString name;
    qint64 audienceId = 0;
    qint64 destinationId = 0;       // an Endpoint id
    QJsonObject mapping;            // Mapping::toJson()
    QString schedule;               // empty = manual; later a cron expression or preset
    QJsonObject destinationOptions; // connector-specific, e.g. {"destinationId": "..."}
    QJsonObject sourceOptions; // connector-specific, e.g. GA4 {"dimensions": [...]}, APSIS tags
    QDateTime nextRunAt;       // UTC; invalid = not due (the scheduler sets it)
    ShareAction action = ShareAction::Add;
    bool enabled = true;
    QDateTime createdAt; // UTC, set by the store
    QDateTime updatedAt; // UTC, set by the store

    friend bool operator==(const Share &, const Share &) = default;
};

// Stable lower-case keys, as stored in the cache; never translate or rename them.
inline QString shareActionToString(Share::ShareAction action)
{
    switch (action) {
    case Share::ShareAction::Add:
        return QStringLiteral("add");
    case Share::ShareAction::Replace:
        return QStringLiteral("replace");
    case Share::ShareAction::Remove:
        return QStringLiteral("remove");
    }
    return QStringLiteral("add");
}

inline std::optional<Share::ShareAction> shareActionFromString(QStringView key)
{
    for (auto action :
         {Share::ShareAction::Add, Share::ShareAction::Replace, Share::ShareAction::Remove}) {
        if (key == shareActionToString(action))
            return action;
    }
    return std::nullopt;
}

} // namespace courier
