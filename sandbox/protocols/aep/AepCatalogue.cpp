#include "sandbox/protocols/aep/AepCatalogue.h"

#include "sandbox/audience/SplitMix.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace courier::sandbox {

namespace {

quint64 fnv1a(const QString &text)
{
    quint64 hash = 0xcbf29ce484222325ULL;
    for (const char c : text.toUtf8()) {
        hash ^= quint8(c);
        hash *= 0x100000001b3ULL;
    }
    return splitMix64(hash);
}

QList<AepCatalogue::Segment> makeListed()
{
    struct Seed
    {
        const char *id;
        const char *name;
        const char *description;
        const char *pql;
        qint64 begin, end;
    };
    static constexpr Seed Seeds[] = {
        {"4a1b2c3d-0e1f-4a5b-9c6d-7e8f90a1b2c3", "Luma - Gold loyalty members",
         "Members of the loyalty programme at Gold tier or above.",
         "loyalty.tier in [\"gold\", \"platinum\"]", 0, 1'200},
        {"5b2c3d4e-1f20-4b6c-8d7e-8f90a1b2c3d4", "Newsletter subscribers (EU)",
         "Profiles with an e-mail consent, resident in the EU.",
         "consents.marketing.email.val = \"y\" and homeAddress.countryCode in [\"SE\", \"DE\", "
         "\"FR\", \"IT\"]",
         800, 5'000},
        {"6c3d4e5f-2031-4c7d-9e8f-90a1b2c3d4e5", "High lifetime value",
         "Top decile of predicted customer lifetime value.", "_luma.clv.decile = 10", 3'000, 3'900},
        {"7d4e5f60-3142-4d8e-af90-a1b2c3d4e5f6", "Lapsed customers (180 days)",
         "No purchase in the last 180 days after at least two before.",
         "not(xEvent.any(commerce.purchases.value > 0 and timestamp occurs <= 180 days before "
         "now))",
         4'500, 7'500},
        {"8e5f6071-4253-4e9f-b0a1-b2c3d4e5f607", "Cart abandoners - last 30 days",
         "Added to cart without purchasing in the last 30 days.",
         "xEvent.any(commerce.productListAdds.value > 0 and timestamp occurs <= 30 days before "
         "now)",
         10'000, 260'000},
    };
    QList<AepCatalogue::Segment> list;
    int n = 0;
    for (const Seed &seed : Seeds) {
        AepCatalogue::Segment s;
        s.id = QString::fromLatin1(seed.id);
        s.name = QString::fromLatin1(seed.name);
        s.description = QString::fromLatin1(seed.description);
        s.pql = QString::fromLatin1(seed.pql);
        s.begin = seed.begin;
        s.end = seed.end;
        s.salt = fnv1a(s.id);
        s.createdAt = QDateTime(QDate(2023, 2, 6), QTime(10, 15), Qt::UTC).addDays(n * 37);
        s.updatedAt = s.createdAt.addDays(120);
        ++n;
        list.append(s);
    }
    return list;
}

void appendDigits(QByteArray &out, qint64 value, int width)
{
    char buffer[20];
    for (int i = width - 1; i >= 0; --i) {
        buffer[i] = char('0' + value % 10);
        value /= 10;
    }
    out.append(buffer, width);
}

} // namespace

AepCatalogue::Status AepCatalogue::Segment::status(qint64 index) const
{
    if (synthetic)
        return Realized;
    const int roll = int(mix64(salt, quint64(index)) % 100);
    return roll < 6 ? Exited : roll < 20 ? Existing : Realized;
}

void AepCatalogue::Segment::appendQualificationTime(qint64 index, QByteArray &out) const
{
    // A second of 2024, then Y-M-D (H. Hinnant's days → civil) and h:m:s.
    const qint64 second = qint64(mix64(salt ^ 0x51, quint64(index)) % (366 * 86'400));
    qint64 days = 19'723 + second / 86'400 + 719'468; // 2024-01-01 is day 19723 since 1970
    const qint64 era = days / 146'097;
    const qint64 doe = days - era * 146'097;
    const qint64 yoe = (doe - doe / 1460 + doe / 36'524 - doe / 146'096) / 365;
    const qint64 doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const qint64 mp = (5 * doy + 2) / 153;
    const qint64 d = doy - (153 * mp + 2) / 5 + 1;
    const qint64 m = mp < 10 ? mp + 3 : mp - 9;
    const qint64 y = yoe + era * 400 + (m <= 2 ? 1 : 0);
    const qint64 s = second % 86'400;
    appendDigits(out, y, 4);
    out += '-';
    appendDigits(out, m, 2);
    out += '-';
    appendDigits(out, d, 2);
    out += 'T';
    appendDigits(out, s / 3600, 2);
    out += ':';
    appendDigits(out, s / 60 % 60, 2);
    out += ':';
    appendDigits(out, s % 60, 2);
    out += 'Z';
}

QJsonObject AepCatalogue::Segment::toJson(const QString &imsOrgId, const QString &sandboxName) const
{
    return {
        {u"id"_s, id},
        {u"schema"_s, QJsonObject{{u"name"_s, u"_xdm.context.profile"_s}}},
        {u"ttlInDays"_s, 30},
        {u"profileInstanceId"_s, u"ups"_s},
        {u"imsOrgId"_s, imsOrgId},
        {u"sandbox"_s,
         QJsonObject{{u"sandboxId"_s, QString(u"sbx-"_s + sandboxName)},
                     {u"sandboxName"_s, sandboxName},
                     {u"type"_s, sandboxName == "prod"_L1 ? u"production"_s : u"development"_s},
                     {u"default"_s, sandboxName == "prod"_L1}}},
        {u"name"_s, name},
        {u"description"_s, description},
        {u"expression"_s,
         QJsonObject{{u"type"_s, u"PQL"_s}, {u"format"_s, u"pql/text"_s}, {u"value"_s, pql}}},
        {u"evaluationInfo"_s, QJsonObject{{u"batch"_s, QJsonObject{{u"enabled"_s, true}}},
                                          {u"continuous"_s, QJsonObject{{u"enabled"_s, false}}},
                                          {u"synchronous"_s, QJsonObject{{u"enabled"_s, false}}}}},
        {u"dataGovernancePolicy"_s, QJsonObject{{u"excludeOptOut"_s, true}}},
        {u"creationTime"_s, createdAt.toMSecsSinceEpoch()},
        {u"updateEpoch"_s, updatedAt.toSecsSinceEpoch()},
        {u"updateTime"_s, updatedAt.toMSecsSinceEpoch()}};
}

const QList<AepCatalogue::Segment> &AepCatalogue::listed()
{
    static const QList<Segment> list = makeListed();
    return list;
}

std::optional<AepCatalogue::Segment> AepCatalogue::find(const QString &id)
{
    for (const Segment &segment : listed()) {
        if (segment.id == id)
            return segment;
    }
    if (id.startsWith("synthetic-"_L1)) {
        bool ok = false;
        const qint64 size = id.mid(10).toLongLong(&ok);
        if (!ok || size < 0 || size > UniverseSize || id.mid(10) != QString::number(size))
            return std::nullopt;
        Segment s;
        s.id = id;
        s.name = u"Synthetic audience of %1 profiles"_s.arg(size);
        s.description =
            u"The first %1 profiles of the sandbox's universe, all realized."_s.arg(size);
        s.pql = u"true"_s;
        s.begin = 0;
        s.end = size;
        s.synthetic = true;
        s.salt = fnv1a(id);
        s.createdAt = QDateTime(QDate(2024, 1, 1), QTime(0, 0), Qt::UTC);
        s.updatedAt = s.createdAt;
        return s;
    }
    return std::nullopt;
}

const char *AepCatalogue::statusName(Status status)
{
    switch (status) {
    case Realized:
        return "realized";
    case Existing:
        return "existing";
    case Exited:
        return "exited";
    }
    return "realized";
}

std::optional<AepCatalogue::Status> AepCatalogue::statusFromName(const QString &name)
{
    if (name == "realized"_L1)
        return Realized;
    if (name == "existing"_L1)
        return Existing;
    if (name == "exited"_L1)
        return Exited;
    return std::nullopt;
}

} // namespace courier::sandbox
