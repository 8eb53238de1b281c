#include "sandbox/protocols/exchange/ExchangeCatalogue.h"

#include "sandbox/http/Json.h"

#include <QJsonArray>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace courier::sandbox {

namespace {
QJsonArray strings(const QByteArrayList &list)
{
    QJsonArray out;
    for (const QByteArray &item : list)
        out.append(QString::fromLatin1(item));
    return out;
}

QDateTime at(const QString &iso)
{
    return QDateTime::fromString(iso, Qt::ISODate);
}
} // namespace

QJsonObject ExchangeCatalogue::Segment::toJson() const
{
    return QJsonObject{{u"id"_s, id},
                       {u"name"_s, name},
                       {u"description"_s, description},
                       {u"size"_s, size},
                       {u"identifiers"_s, strings(SyntheticAudience::identifierNames())},
                       {u"attributes"_s, strings(SyntheticAudience::attributeNames())},
                       {u"updatedAt"_s, rfc3339(updatedAt)}};
}

const QList<ExchangeCatalogue::Segment> &ExchangeCatalogue::listed()
{
    // Fixed dates and seeds: the catalogue is the same on every run.
    static const QList<Segment> segments{
        {u"newsletter-subscribers"_s, u"Newsletter subscribers"_s,
         u"Everyone who opted in to the weekly newsletter."_s, 502, 101,
         at(u"2025-01-15T08:30:00Z"_s)},
        {u"vip-customers"_s, u"VIP customers"_s,
         u"Customers with a lifetime value in the top two percent."_s, 1'200, 102,
         at(u"2025-02-03T12:00:00Z"_s)},
        {u"lapsed-buyers"_s, u"Lapsed buyers"_s,
         u"Bought at least once, nothing in the last 12 months."_s, 10'000, 103,
         at(u"2025-02-20T06:45:00Z"_s)},
        {u"app-users"_s, u"App users"_s, u"Signed in to the mobile app in the last 90 days."_s,
         100'000, 104, at(u"2025-03-01T00:00:00Z"_s)},
        {u"all-contacts"_s, u"All contacts"_s, u"Every contact in the CRM, subscribed or not."_s,
         2'500'000, 105, at(u"2025-03-02T03:15:00Z"_s)},
    };
    return segments;
}

std::optional<ExchangeCatalogue::Segment> ExchangeCatalogue::find(const QString &id)
{
    for (const Segment &segment : listed()) {
        if (segment.id == id)
            return segment;
    }
    // synthetic-<N>: digits only, no leading zeros (one id per size).
    static const QRegularExpression synthetic(u"^synthetic-(0|[1-9][0-9]{0,8})$"_s);
    const QRegularExpressionMatch match = synthetic.match(id);
    if (!match.hasMatch())
        return std::nullopt;
    const qint64 size = match.captured(1).toLongLong();
    if (size > MaxSyntheticSize)
        return std::nullopt;
    return Segment{id,
                   u"Synthetic audience of %1 members"_s.arg(size),
                   u"Generated test audience (deterministic)."_s,
                   size,
                   SyntheticSeed,
                   at(u"2025-01-01T00:00:00Z"_s)};
}

} // namespace courier::sandbox
