#include "sandbox/protocols/fount/FountCatalogue.h"

#include "sandbox/audience/SplitMix.h"
#include "sandbox/audience/SyntheticAudience.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace courier::sandbox {

namespace {

QDateTime day(int year, int month, int dayOfMonth, int hour = 9)
{
    return QDateTime(QDate(year, month, dayOfMonth), QTime(hour, 0), Qt::UTC);
}

QList<FountCatalogue::Group> makeGroups()
{
    const auto g = [](int id, const QString &name, const QString &description) {
        FountCatalogue::Group group;
        group.id = id;
        group.name = name;
        group.description = description;
        group.createdAt = day(2020, 11, 2).addDays(id);
        group.updatedAt = day(2023, 3, 14).addDays(id * 7);
        return group;
    };
    return {
        g(1, u"Demographics"_s, u"The standard demographic cuts every study carries."_s),
        g(2, u"Generations"_s, u"Birth cohorts, as BAV defines them."_s),
        g(3, u"Lifestyle & Interests"_s, u"What respondents do, buy and care about."_s),
        g(4, u"Media & Gaming"_s, u"How respondents spend their screen time."_s),
        g(5, u"Custom"_s, u"Audiences built by users of The Fount."_s),
    };
}

struct AudienceSeed
{
    const char *name;
    int group;
    int perMille;
    const char *bcFilter; // "" when not available for Best Countries
    unsigned flags;
};

enum : unsigned {
    Inactive = 1,
    Private = 2,
    Diversity = 4,
    Minority = 8,
    NotBav = 16,
    Custom = 32,
};

// Id = position + 1; id 1 is All Adults, always.
constexpr AudienceSeed Seeds[] = {
    {"All Adults", 1, 1000, "all", 0},
    {"Female", 1, 510, "gender=female", 0},
    {"Male", 1, 490, "gender=male", 0},
    {"Female 18-25", 1, 70, "gender=female;age=18-25", 0},
    {"Male 18-25", 1, 68, "gender=male;age=18-25", 0},
    {"Adults 18-34", 1, 290, "age=18-34", 0},
    {"Adults 35-54", 1, 330, "age=35-54", 0},
    {"Adults 55+", 1, 380, "age=55+", 0},
    {"Gen Z", 2, 150, "age=18-27", 0},
    {"Millennials", 2, 260, "age=28-43", 0},
    {"Gen X", 2, 250, "age=44-59", 0},
    {"Baby Boomers", 2, 240, "age=60-78", 0},
    {"Gen Z Gamers", 4, 60, "", 0},
    {"Heavy Social Media Users", 4, 220, "", 0},
    {"Podcast Listeners", 4, 180, "", 0},
    {"Streaming-Only Households", 4, 140, "", 0},
    {"Esports Fans", 4, 45, "", 0},
    {"Parents of Children Under 12", 3, 200, "", 0},
    {"Pet Owners", 3, 330, "", 0},
    {"Frequent Travellers", 3, 120, "", 0},
    {"Fitness Enthusiasts", 3, 160, "", 0},
    {"Eco-Conscious Shoppers", 3, 190, "", 0},
    {"Luxury Buyers", 3, 50, "", 0},
    {"Foodies", 3, 170, "", 0},
    {"Early Tech Adopters", 3, 110, "", 0},
    {"DIY & Home Improvers", 3, 150, "", 0},
    {"High Income Households", 1, 140, "income=top-20", 0},
    {"University Educated", 1, 310, "education=university", 0},
    {"Urban Dwellers", 1, 420, "", 0},
    {"Rural Residents", 1, 180, "", 0},
    {"Retirees", 1, 170, "employment=retired", 0},
    {"Students", 1, 90, "employment=student", 0},
    {"Small Business Owners", 3, 60, "", 0},
    {"Car Intenders (next 12 months)", 3, 80, "", 0},
    {"Hispanic / Latino Adults", 1, 150, "", Diversity | Minority},
    {"Black / African American Adults", 1, 130, "", Diversity | Minority},
    {"Asian American Adults", 1, 60, "", Diversity | Minority},
    {"LGBTQ+ Adults", 1, 80, "", Diversity},
    {"Q4 Campaign – Sports Fans", 5, 230, "", Private | Custom},
    {"Legacy: Print Readers", 5, 100, "", Inactive | Custom},
    {"Test cut – do not use", 5, 20, "", Inactive | Private | Custom | NotBav},
    {"Brand Loyalists (Coffee)", 5, 140, "", Private | Custom},
};

QList<FountCatalogue::Audience> makeAudiences()
{
    QList<FountCatalogue::Audience> list;
    int id = 0;
    for (const AudienceSeed &seed : Seeds) {
        FountCatalogue::Audience a;
        a.id = ++id;
        a.name = QString::fromUtf8(seed.name);
        a.groupId = seed.group;
        a.perMille = seed.perMille;
        a.active = !(seed.flags & Inactive);
        a.isPublic = !(seed.flags & Private);
        a.availableForBav = !(seed.flags & NotBav);
        a.bcFilter = QString::fromLatin1(seed.bcFilter);
        a.availableForBc = !a.bcFilter.isEmpty();
        a.availableForDiversity = seed.flags & Diversity;
        a.ethnicMinority = seed.flags & Minority;
        a.standard = !(seed.flags & Custom);
        a.description =
            a.id == 1 ? u"Every respondent: the unfiltered base of every study."_s
                      : u"Respondents in \"%1\" (about %2 % of all adults)."_s.arg(a.name).arg(
                            double(a.perMille) / 10.0);
        a.createdAt = day(2021, 1, 4).addDays(id * 11);
        a.updatedAt = a.createdAt.addDays(200 + id * 3);
        list.append(a);
    }
    return list;
}

QJsonArray bcFilters(const QString &filter)
{
    // [U] The docs only say "array": one {field, value} object per condition.
    QJsonArray out;
    if (filter.isEmpty() || filter == "all"_L1)
        return out;
    for (const QString &condition : filter.split(u';')) {
        const auto parts = condition.split(u'=');
        out.append(QJsonObject{{u"field"_s, parts.value(0)}, {u"value"_s, parts.value(1)}});
    }
    return out;
}

} // namespace

QString fountTime(const QDateTime &time)
{
    return time.toUTC().toString(Qt::ISODate);
}

QJsonObject FountCatalogue::Group::toJson() const
{
    return {{u"id"_s, id},
            {u"name"_s, name},
            {u"description"_s, description},
            {u"created_at"_s, fountTime(createdAt)},
            {u"updated_at"_s, fountTime(updatedAt)}};
}

QJsonObject FountCatalogue::Group::toSlimJson() const
{
    return {{u"id"_s, id}, {u"name"_s, name}};
}

QJsonObject FountCatalogue::Audience::toJson(bool includeGroup) const
{
    QJsonObject json{{u"id"_s, id},
                     {u"name"_s, name},
                     {u"description"_s, description},
                     {u"is_active"_s, active},
                     {u"is_public"_s, isPublic},
                     {u"available_for_bav"_s, availableForBav},
                     {u"available_for_bc"_s, availableForBc},
                     {u"bc_filters"_s, bcFilters(bcFilter)},
                     {u"available_for_diversity"_s, availableForDiversity},
                     {u"is_ethnic_minority"_s, ethnicMinority},
                     {u"created_at"_s, fountTime(createdAt)},
                     {u"updated_at"_s, fountTime(updatedAt)}};
    if (includeGroup) {
        const Group *g = FountCatalogue::group(groupId);
        json.insert(u"group"_s, g ? QJsonValue(g->toSlimJson()) : QJsonValue());
    }
    return json;
}

bool FountCatalogue::Audience::contains(qint64 respondent) const
{
    if (perMille >= 1000)
        return true;
    return int(mix64(0xF0B7'A000ULL + quint64(id), quint64(respondent)) % 1000) < perMille;
}

const QList<FountCatalogue::Audience> &FountCatalogue::audiences()
{
    static const QList<Audience> list = makeAudiences();
    return list;
}

const QList<FountCatalogue::Group> &FountCatalogue::groups()
{
    static const QList<Group> list = makeGroups();
    return list;
}

const FountCatalogue::Audience *FountCatalogue::audience(int id)
{
    const auto &list = audiences();
    return id >= 1 && id <= list.size() ? &list.at(id - 1) : nullptr;
}

const FountCatalogue::Group *FountCatalogue::group(int id)
{
    const auto &list = groups();
    return id >= 1 && id <= list.size() ? &list.at(id - 1) : nullptr;
}

std::optional<FountCatalogue::IdFormat> FountCatalogue::idFormatFromName(const QString &name)
{
    if (name == "bav_respondent_ids"_L1)
        return IdFormat::BavRespondentIds;
    if (name == "ao_respondent_ids"_L1)
        return IdFormat::AoRespondentIds;
    if (name == "ao_progressive_numbers"_L1)
        return IdFormat::AoProgressiveNumbers;
    return std::nullopt;
}

QString FountCatalogue::idFormatName(IdFormat format)
{
    switch (format) {
    case IdFormat::BavRespondentIds:
        return u"bav_respondent_ids"_s;
    case IdFormat::AoRespondentIds:
        return u"ao_respondent_ids"_s;
    case IdFormat::AoProgressiveNumbers:
        return u"ao_progressive_numbers"_s;
    }
    return {};
}

QString FountCatalogue::respondentId(IdFormat format, qint64 index)
{
    switch (format) {
    case IdFormat::BavRespondentIds:
        return QString::fromLatin1(
            SyntheticAudience(BavSeed, index + 1).field(index, SyntheticAudience::DeviceId));
    case IdFormat::AoRespondentIds:
        return QString::fromLatin1(
            SyntheticAudience(AoSeed, index + 1).field(index, SyntheticAudience::DeviceId));
    case IdFormat::AoProgressiveNumbers:
        // As in The Fount's example: "808_2x_4", "809_2x_4", …
        return u"%1_2x_4"_s.arg(808 + index);
    }
    return {};
}

} // namespace courier::sandbox
