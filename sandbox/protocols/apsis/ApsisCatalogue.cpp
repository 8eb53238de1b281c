#include "sandbox/protocols/apsis/ApsisCatalogue.h"

#include "sandbox/audience/SplitMix.h"

using namespace Qt::StringLiterals;

namespace courier::sandbox {

namespace {

const QString Webshop = u"usercreated.sections.webshop-rppfuhvt6a"_s;
const QString Newsletter = u"usercreated.sections.newsletter-eu-k3m9x2qj7d"_s;

using Attribute = ApsisCatalogue::Attribute;
using Tag = ApsisCatalogue::Tag;
using EventType = ApsisCatalogue::EventType;
using Segment = ApsisCatalogue::Segment;

const QList<Attribute> &allAttributes()
{
    using C = SyntheticAudience::Column;
    static const QList<Attribute> list{
        {Webshop, u"com.apsis1.attributes.email"_s, u"Email"_s, u"string"_s, 9820534, 0, C::Email},
        {Webshop, u"com.apsis1.attributes.phone"_s, u"Phone"_s, u"string"_s, 9820541, 0, C::Phone},
        {Webshop, u"com.apsis1.attributes.firstname"_s, u"First name"_s, u"string"_s, 9820547,
         8700047, C::FirstName},
        {Webshop, u"com.apsis1.attributes.lastname"_s, u"Last name"_s, u"string"_s, 9820552, 0,
         C::LastName},
        {Webshop, u"com.apsis1.attributes.country"_s, u"Country"_s, u"string"_s, 9820560, 0,
         C::Country},
        {Webshop, u"com.apsis1.attributes.city"_s, u"City"_s, u"string"_s, 9820563, 0, C::City},
        {Webshop, u"com.apsis1.attributes.zipcode"_s, u"Postal code"_s, u"string"_s, 9820570, 0,
         C::PostalCode},
        {Webshop, u"usercreated.attributes.lifetime-value-x8k2pq7mzn"_s, u"Lifetime value"_s,
         u"double"_s, 9820588, 0, C::LifetimeValue},
        {Webshop, u"usercreated.attributes.last-seen-t4w9c1hv5b"_s, u"Last seen"_s, u"date"_s,
         9820593, 0, C::LastSeen},
        {Newsletter, u"com.apsis1.attributes.email"_s, u"Email"_s, u"string"_s, 9911201, 0,
         C::Email},
        {Newsletter, u"com.apsis1.attributes.firstname"_s, u"First name"_s, u"string"_s, 9911202, 0,
         C::FirstName},
        {Newsletter, u"com.apsis1.attributes.country"_s, u"Country"_s, u"string"_s, 9911203, 0,
         C::Country},
    };
    return list;
}

const QList<Tag> &allTags()
{
    static const QList<Tag> list{
        {Webshop, u"usercreated.tags.vip-p2k8d5s1xq"_s, u"VIP"_s, 9830001, 10},
        {Webshop, u"usercreated.tags.newsletter-c7v3n6b0ra"_s, u"Newsletter"_s, 9830002, 55},
        {Webshop, u"usercreated.tags.churn-risk-h1y4e8u2lm"_s, u"Churn risk"_s, 9830003, 15},
        {Newsletter, u"usercreated.tags.double-opt-in-z9x8c7v6bn"_s, u"Double opt-in"_s, 9931001,
         80},
    };
    return list;
}

const QList<EventType> &allEvents()
{
    static const QList<EventType> list{
        {Webshop, u"usercreated.events.order-placed-f6g2h8j4kl"_s, u"Order placed"_s, 9840001},
        {Webshop, u"usercreated.events.product-viewed-m5n1b7v3cx"_s, u"Product viewed"_s, 9840002},
        {Newsletter, u"com.apsis1.events.email.opened"_s, u"Email opened"_s, 9940001},
    };
    return list;
}

Segment listedSegment(const QString &section, const char *discriminator, const char *name,
                      qint64 size)
{
    Segment s;
    s.section = section;
    s.discriminator = QString::fromLatin1(discriminator);
    s.name = QString::fromUtf8(name);
    s.size = size;
    s.seed = mix64(0xA951'5E6D, qHash(s.discriminator, 0xA95));
    return s;
}

const QList<Segment> &allSegments()
{
    static const QList<Segment> list{
        listedSegment(Webshop, "usercreated.segments.newsletter-xyz7k2m9pq",
                      "Newsletter subscribers", 14'210),
        listedSegment(Webshop, "usercreated.segments.vip-customers-r8t2w6y1zc", "VIP customers",
                      1'318),
        listedSegment(Webshop, "usercreated.segments.lapsed-90d-b5n7m3k9qa",
                      "Lapsed customers (90 days)", 6'052),
        listedSegment(Webshop, "usercreated.segments.empty-test-d3f5g7h9jk", "Test segment (empty)",
                      0),
        listedSegment(Newsletter, "usercreated.segments.eu-openers-q1w2e3r4t5",
                      "Opened in the last 30 days", 4'480),
    };
    return list;
}

std::optional<Segment> synthetic(const QString &discriminator, const QString &section)
{
    if (!discriminator.startsWith(u"synthetic-"_s))
        return std::nullopt;
    const QString digits = discriminator.mid(10);
    bool ok = false;
    const qint64 size = digits.toLongLong(&ok);
    if (!ok || size < 0 || size > ApsisCatalogue::MaxSyntheticSize || digits.front() == u'+' ||
        (digits.size() > 1 && digits.front() == u'0'))
        return std::nullopt;
    Segment s;
    s.section = section;
    s.discriminator = discriminator;
    s.name = u"Synthetic %1"_s.arg(size);
    s.size = size;
    s.seed = ApsisCatalogue::SyntheticSeed;
    return s;
}

// A key that is all digits is a version id; anything else a discriminator of `section`.
template <class T>
std::optional<T> lookup(const QList<T> &list, const QString &key, const QString &section)
{
    bool numeric = false;
    const qint64 id = key.toLongLong(&numeric);
    const QString inSection =
        section.isEmpty() ? ApsisCatalogue::sections().first().discriminator : section;
    for (const T &item : list) {
        if (numeric ? item.versionId == id
                    : (item.discriminator == key && item.section == inSection))
            return item;
    }
    return std::nullopt;
}

QJsonArray versions(qint64 current, qint64 deprecated)
{
    QJsonArray out{QJsonObject{{u"id"_s, current}, {u"deprecated_at"_s, QJsonValue::Null}}};
    if (deprecated != 0)
        out.append(
            QJsonObject{{u"id"_s, deprecated}, {u"deprecated_at"_s, u"2023-02-01T09:00:00Z"_s}});
    return out;
}

} // namespace

QJsonObject ApsisCatalogue::Section::toJson() const
{
    return {{u"id"_s, id}, {u"discriminator"_s, discriminator}, {u"name"_s, name}};
}

QJsonObject ApsisCatalogue::Attribute::toJson() const
{
    return {{u"discriminator"_s, discriminator},
            {u"name"_s, name},
            {u"type"_s, type},
            {u"versions"_s, versions(versionId, deprecatedVersionId)}};
}

QJsonObject ApsisCatalogue::Tag::toJson() const
{
    return {{u"discriminator"_s, discriminator},
            {u"name"_s, name},
            {u"versions"_s, versions(versionId, 0)}};
}

QJsonObject ApsisCatalogue::EventType::toJson() const
{
    return {{u"discriminator"_s, discriminator},
            {u"name"_s, name},
            {u"versions"_s, versions(versionId, 0)}};
}

QJsonObject ApsisCatalogue::Segment::toJson() const
{
    return {{u"discriminator"_s, discriminator},
            {u"name"_s, name},
            {u"section_discriminator"_s, section},
            {u"profile_count"_s, size}};
}

QJsonArray ApsisCatalogue::keyspaces()
{
    return {
        QJsonObject{{u"discriminator"_s, u"com.apsis1.keyspaces.email"_s}, {u"name"_s, u"Email"_s}},
        QJsonObject{{u"discriminator"_s, u"com.apsis1.keyspaces.mobile"_s},
                    {u"name"_s, u"Mobile"_s}},
        QJsonObject{{u"discriminator"_s, u"com.apsis1.keyspaces.one-id"_s},
                    {u"name"_s, u"APSIS One ID"_s}},
        QJsonObject{{u"discriminator"_s, u"usercreated.keyspaces.crm-id-w3e5r7t9y1"_s},
                    {u"name"_s, u"CRM ID"_s}}};
}

const QList<ApsisCatalogue::Section> &ApsisCatalogue::sections()
{
    static const QList<Section> list{{4101, Webshop, u"Webshop"_s},
                                     {4102, Newsletter, u"Newsletter EU"_s}};
    return list;
}

const ApsisCatalogue::Section *ApsisCatalogue::section(const QString &key)
{
    for (const Section &s : sections()) {
        if (s.discriminator == key || QString::number(s.id) == key)
            return &s;
    }
    return nullptr;
}

QList<ApsisCatalogue::Attribute> ApsisCatalogue::attributes(const QString &section)
{
    QList<Attribute> out;
    for (const Attribute &a : allAttributes()) {
        if (a.section == section)
            out.append(a);
    }
    return out;
}

QList<ApsisCatalogue::Tag> ApsisCatalogue::tags(const QString &section)
{
    QList<Tag> out;
    for (const Tag &t : allTags()) {
        if (t.section == section)
            out.append(t);
    }
    return out;
}

QList<ApsisCatalogue::EventType> ApsisCatalogue::events(const QString &section)
{
    QList<EventType> out;
    for (const EventType &e : allEvents()) {
        if (e.section == section)
            out.append(e);
    }
    return out;
}

QList<ApsisCatalogue::Segment> ApsisCatalogue::segments(const QString &section)
{
    QList<Segment> out;
    for (const Segment &s : allSegments()) {
        if (s.section == section)
            out.append(s);
    }
    // Two synthetic ones are listed as examples; any synthetic-<N> works.
    if (section == Webshop) {
        out.append(*synthetic(u"synthetic-1000"_s, section));
        out.append(*synthetic(u"synthetic-100000"_s, section));
    }
    return out;
}

std::optional<ApsisCatalogue::Attribute> ApsisCatalogue::attribute(const QString &key,
                                                                   const QString &section)
{
    bool numeric = false;
    const qint64 id = key.toLongLong(&numeric);
    if (numeric) {
        for (const Attribute &a : allAttributes()) {
            if (a.versionId == id)
                return a;
            if (a.deprecatedVersionId != 0 && a.deprecatedVersionId == id) {
                Attribute old = a;
                old.versionId = id; // exported under the version asked for
                return old;
            }
        }
        return std::nullopt;
    }
    return lookup(allAttributes(), key, section);
}

std::optional<ApsisCatalogue::Tag> ApsisCatalogue::tag(const QString &key, const QString &section)
{
    return lookup(allTags(), key, section);
}

std::optional<ApsisCatalogue::EventType> ApsisCatalogue::eventType(const QString &key,
                                                                   const QString &section)
{
    return lookup(allEvents(), key, section);
}

std::optional<ApsisCatalogue::Segment> ApsisCatalogue::segment(const QString &discriminator)
{
    if (auto s = synthetic(discriminator, Webshop))
        return s;
    for (const Segment &s : allSegments()) {
        if (s.discriminator == discriminator)
            return s;
    }
    return std::nullopt;
}

ApsisCatalogue::Segment ApsisCatalogue::wholeAccount(qint64 profiles)
{
    Segment s;
    s.name = u"All profiles"_s;
    s.size = profiles;
    s.seed = AccountSeed;
    return s;
}

} // namespace courier::sandbox
