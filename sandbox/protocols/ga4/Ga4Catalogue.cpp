#include "sandbox/protocols/ga4/Ga4Catalogue.h"

#include "sandbox/audience/SplitMix.h"
#include "sandbox/http/Json.h"

using namespace Qt::StringLiterals;

namespace courier::sandbox {

namespace {

QDateTime at(int year, int month, int day, int hour, int minute)
{
    return QDateTime(QDate(year, month, day), QTime(hour, minute, 7, 412), Qt::UTC);
}

Ga4Catalogue::Audience audience(const char *property, const char *id, const char *displayName,
                                const char *description, int durationDays, bool ads,
                                const char *exclusion, QDateTime created, qint64 size)
{
    Ga4Catalogue::Audience a;
    a.property = QString::fromLatin1(property);
    a.id = QString::fromLatin1(id);
    a.displayName = QString::fromUtf8(displayName);
    a.description = QString::fromUtf8(description);
    a.membershipDurationDays = durationDays;
    a.adsPersonalizationEnabled = ads;
    a.exclusionDurationMode = QString::fromLatin1(exclusion);
    a.createTime = std::move(created);
    a.size = size;
    // Each listed audience its own people: seed from the property and id.
    a.seed = mix64(a.property.toULongLong(), qHash(a.id, 0x6A4));
    return a;
}

const QList<Ga4Catalogue::Audience> &all()
{
    static const QList<Ga4Catalogue::Audience> audiences{
        audience("1234567", "12300", "All Users", "All users", 540, true, "",
                 at(2021, 3, 14, 9, 26), 48'213),
        audience("1234567", "12345", "Purchasers", "Users who have made a purchase", 540, true, "",
                 at(2021, 3, 14, 9, 26), 3'517),
        audience("1234567", "12346", "Cart abandoners (7 days)",
                 "Added to cart, no purchase within the session", 7, true, "EXCLUDE_TEMPORARILY",
                 at(2023, 6, 2, 14, 3), 1'260),
        audience("1234567", "12347", "Engaged app users",
                 "Three or more engaged sessions in the app in 30 days", 30, false,
                 "EXCLUDE_PERMANENTLY", at(2024, 1, 19, 8, 47), 8'944),
        audience("7654321", "76001", "All Users", "All users", 540, true, "", at(2022, 9, 1, 11, 2),
                 12'000),
        audience("7654321", "76002", "Newsletter sign-ups", "Signed up since the relaunch", 90,
                 true, "EXCLUDE_TEMPORARILY", at(2024, 11, 5, 16, 40), 0),
        audience("7654321", "76003", "High-value purchasers (€500+)",
                 "Lifetime revenue of €500 or more", 365, true, "EXCLUDE_PERMANENTLY",
                 at(2024, 2, 29, 23, 59), 15),
    };
    return audiences;
}

enum Salt : quint64 { SaltDeviceKind = 0x6A401, SaltAds, SaltLat };

quint64 rowHash(const SyntheticAudience &audience, qint64 index, quint64 salt)
{
    return mix64(audience.seed() ^ salt, quint64(index));
}

quint64 hexValue(QByteArrayView hex)
{
    quint64 value = 0;
    for (const char c : hex) {
        const int digit = c >= 'a' ? c - 'a' + 10 : c - '0';
        value = value * 16 + quint64(digit);
    }
    return value;
}

void appendDeviceId(const SyntheticAudience &audience, qint64 index, QByteArray &out)
{
    const QByteArray uuid = audience.field(index, SyntheticAudience::DeviceId);
    QByteArray hex = uuid;
    hex.replace('-', QByteArrayView());
    if (rowHash(audience, index, SaltDeviceKind) % 3 == 2) {
        out += hex; // an app-instance id: 32 hex digits
        return;
    }
    // A web client id: a random 31-bit number and the Unix time of the first visit
    // (2020-01-01 … 2023-12-31).
    out += QByteArray::number(hexValue(QByteArrayView(hex).first(8)) % 2147483647u);
    out += '.';
    out +=
        QByteArray::number(1577836800u + hexValue(QByteArrayView(hex).sliced(20, 8)) % 126230400u);
}

void appendTriState(quint64 hash, int truePercent, int falsePercent, QByteArray &out)
{
    const int roll = int(hash % 100);
    if (roll < truePercent)
        out += "true";
    else if (roll < truePercent + falsePercent)
        out += "false";
    else
        out += "(not set)";
}

} // namespace

QString Ga4Catalogue::Audience::name() const
{
    return u"properties/%1/audiences/%2"_s.arg(property, id);
}

QJsonObject Ga4Catalogue::Audience::toJson() const
{
    QJsonObject json{{u"name"_s, name()},
                     {u"displayName"_s, displayName},
                     {u"description"_s, description},
                     {u"membershipDurationDays"_s, membershipDurationDays},
                     {u"adsPersonalizationEnabled"_s, adsPersonalizationEnabled},
                     {u"createTime"_s, rfc3339(createTime)}};
    if (!exclusionDurationMode.isEmpty())
        json.insert(u"exclusionDurationMode"_s, exclusionDurationMode);
    return json;
}

bool Ga4Catalogue::isPropertyId(const QString &property)
{
    bool ok = false;
    const qint64 value = property.toLongLong(&ok);
    return ok && value > 0 && property.front() != u'+' && property.front() != u'0';
}

QStringList Ga4Catalogue::knownProperties()
{
    return {u"1234567"_s, u"7654321"_s};
}

bool Ga4Catalogue::isKnownProperty(const QString &property)
{
    return knownProperties().contains(property);
}

QList<Ga4Catalogue::Audience> Ga4Catalogue::listed(const QString &property)
{
    QList<Audience> out;
    for (const Audience &a : all()) {
        if (a.property == property)
            out.append(a);
    }
    return out;
}

std::optional<Ga4Catalogue::Audience> Ga4Catalogue::find(const QString &property,
                                                         const QString &audienceId)
{
    if (audienceId.startsWith(u"synthetic-"_s)) {
        const QString digits = audienceId.mid(10);
        bool ok = false;
        const qint64 size = digits.toLongLong(&ok);
        if (!ok || size < 0 || size > MaxSyntheticSize || digits.front() == u'+' ||
            (digits.size() > 1 && digits.front() == u'0'))
            return std::nullopt;
        Audience a;
        a.property = property;
        a.id = audienceId;
        a.displayName = u"Synthetic %1"_s.arg(size);
        a.description = u"Sandbox audience of %1 generated users"_s.arg(size);
        a.createTime = at(2024, 1, 1, 0, 0);
        a.size = size;
        a.seed = SyntheticSeed; // synthetic-10 and synthetic-1000 start with the same people
        return a;
    }
    for (const Audience &a : all()) {
        if (a.property == property && a.id == audienceId)
            return a;
    }
    return std::nullopt;
}

std::optional<Ga4Dimension> ga4DimensionFromName(const QString &name)
{
    const qsizetype index = ga4DimensionNames().indexOf(name);
    if (index < 0)
        return std::nullopt;
    return Ga4Dimension(index);
}

QString ga4DimensionName(Ga4Dimension dimension)
{
    return ga4DimensionNames().value(int(dimension));
}

QStringList ga4DimensionNames()
{
    return {u"deviceId"_s, u"userId"_s, u"isAdsPersonalizationAllowed"_s, u"isLimitedAdTracking"_s};
}

void appendGa4DimensionValue(const SyntheticAudience &audience, qint64 index,
                             Ga4Dimension dimension, QByteArray &out)
{
    switch (dimension) {
    case Ga4Dimension::DeviceId:
        appendDeviceId(audience, index, out);
        return;
    case Ga4Dimension::UserId: {
        const QByteArray userId = audience.field(index, SyntheticAudience::UserId);
        out += userId.isEmpty() ? "(not set)"_ba : userId;
        return;
    }
    case Ga4Dimension::IsAdsPersonalizationAllowed:
        appendTriState(rowHash(audience, index, SaltAds), 72, 20, out);
        return;
    case Ga4Dimension::IsLimitedAdTracking:
        appendTriState(rowHash(audience, index, SaltLat), 9, 81, out);
        return;
    }
}

QByteArray ga4DimensionValue(const SyntheticAudience &audience, qint64 index,
                             Ga4Dimension dimension)
{
    QByteArray out;
    appendGa4DimensionValue(audience, index, dimension, out);
    return out;
}

} // namespace courier::sandbox
