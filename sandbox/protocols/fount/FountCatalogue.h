#pragma once

#include <optional>
#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>

namespace courier::sandbox {

// The Fount's audiences: survey-respondent cuts ("Female 18-25", "Gen Z Gamers"…) of one
// respondent panel, in audience groups. A fixed catalogue of 42, so that paging matters; id 1
// is always "All Adults", the whole panel. Every other audience is a deterministic subset of
// the panel (respondent i belongs when a hash of (audience, i) falls under its share), so the
// same respondent shows up in several audiences, as real survey cuts overlap.
class FountCatalogue
{
public:
    struct Group
    {
        int id = 0;
        QString name;
        QString description;
        QDateTime createdAt;
        QDateTime updatedAt;

        QJsonObject toJson() const;     // the full audience-group schema
        QJsonObject toSlimJson() const; // {id, name}: as an include of an audience
    };

    struct Audience
    {
        int id = 0;
        QString name;
        QString description;
        int groupId = 0;
        int perMille = 1000; // share of the panel in this audience
        bool active = true;
        bool isPublic = true;
        bool availableForBav = true;
        bool availableForBc = false;
        bool availableForDiversity = false;
        bool ethnicMinority = false;
        bool standard = true;
        QString bcFilter; // "gender=female" style, empty: no Best Countries filter
        QDateTime createdAt;
        QDateTime updatedAt;

        // The Audiences API schema; with the group's slim schema when includeGroup.
        QJsonObject toJson(bool includeGroup) const;
        bool contains(qint64 respondent) const;
    };

    static const QList<Audience> &audiences();
    static const QList<Group> &groups();
    static const Audience *audience(int id);
    static const Group *group(int id);

    // Respondent ids of panel member `index` in each export format.
    enum class IdFormat { BavRespondentIds, AoRespondentIds, AoProgressiveNumbers };
    static std::optional<IdFormat> idFormatFromName(const QString &name);
    static QString idFormatName(IdFormat format);
    static QString respondentId(IdFormat format, qint64 index);

    static constexpr quint64 BavSeed = 0xF0B7'0001;
    static constexpr quint64 AoSeed = 0xF0B7'0002;
};

// Fount timestamps: ISO 8601 in UTC without fractions, "2021-01-01T00:00:00Z".
QString fountTime(const QDateTime &time);

} // namespace courier::sandbox
