#include "sandbox/protocols/apsis/ApsisExportFile.h"

#include "sandbox/audience/SplitMix.h"
#include "sandbox/http/Json.h"
#include "sandbox/http/JsonText.h"

#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace courier::sandbox {

namespace {

QByteArray memberField(const SyntheticAudience::Member &m, SyntheticAudience::Column column)
{
    switch (column) {
    case SyntheticAudience::DeviceId:
        return m.deviceId;
    case SyntheticAudience::UserId:
        return m.userId;
    case SyntheticAudience::Email:
        return m.email;
    case SyntheticAudience::Phone:
        return m.phone;
    case SyntheticAudience::FirstName:
        return m.firstName;
    case SyntheticAudience::LastName:
        return m.lastName;
    case SyntheticAudience::Country:
        return m.country;
    case SyntheticAudience::City:
        return m.city;
    case SyntheticAudience::PostalCode:
        return m.postalCode;
    case SyntheticAudience::LifetimeValue:
        return m.lifetimeValue;
    case SyntheticAudience::LastSeen:
        return m.lastSeen;
    case SyntheticAudience::ColumnCount:
        break;
    }
    return {};
}

void appendUuid(quint64 a, quint64 b, QByteArray &out)
{
    static constexpr char Hex[] = "0123456789abcdef";
    const quint64 parts[2] = {a, b};
    for (int nibble = 0; nibble < 32; ++nibble) {
        if (nibble == 8 || nibble == 12 || nibble == 16 || nibble == 20)
            out += '-';
        int v = int((parts[nibble / 16] >> ((nibble % 16) * 4)) & 0xF);
        if (nibble == 12)
            v = 4;
        else if (nibble == 16)
            v = 8 | (v & 3);
        out += Hex[v];
    }
}

const char *const Products[] = {"Linen shirt", "Trail shoes \"Fjäll\"", "Espresso cups, 4 pack",
                                "Wool socks", "Rain jacket"};
const char *const Currencies[] = {"SEK", "EUR", "GBP", "USD"};
const char *const Campaigns[] = {"Spring sale", "Weekly digest", "Back in stock"};

} // namespace

ApsisExportFile::ApsisExportFile(const ApsisExports::Export &e, bool keySectionsByDiscriminator)
    : m_export(e)
    , m_audience(e.segment.audience())
{
    for (const ApsisCatalogue::Section &section : ApsisCatalogue::sections()) {
        SectionPlan plan;
        plan.key = keySectionsByDiscriminator ? section.discriminator.toUtf8()
                                              : QByteArray::number(section.id);
        for (const auto &a : e.attributes) {
            if (a.section == section.discriminator)
                plan.attributes.append(a);
        }
        for (const auto &t : e.tags) {
            if (t.section == section.discriminator)
                plan.tags.append(t);
        }
        for (const auto &ev : e.events) {
            if (ev.section == section.discriminator)
                plan.events.append(ev);
        }
        if (!plan.attributes.isEmpty() || !plan.tags.isEmpty() || !plan.events.isEmpty())
            m_sections.append(plan);
    }
}

void ApsisExportFile::appendEvents(const SectionPlan &plan, qint64 index, QByteArray &out) const
{
    const qint64 window = std::max<qint64>(1, m_export.endAtMs - m_export.startAtMs);
    bool first = true;
    for (const auto &type : plan.events) {
        const quint64 h = mix64(m_audience.seed() ^ quint64(type.versionId) * 31, quint64(index));
        const int count = int(h % 4);
        QByteArray previousCorrelation;
        for (int k = 0; k < count; ++k) {
            const quint64 hk = mix64(h, quint64(k) + 1);
            const qint64 time = m_export.startAtMs + qint64(hk % quint64(window));
            QByteArray correlation;
            // Now and then a delivery retried by the source: the same correlationId again.
            if (k > 0 && (hk >> 32) % 8 == 0)
                correlation = previousCorrelation;
            else
                appendUuid(hk, mix64(hk, 7), correlation);
            previousCorrelation = correlation;
            if (!first)
                out += ',';
            first = false;
            out += "{\"correlationId\":\"" + correlation + "\",\"sourceEventTime\":";
            // The source did not always say when (or predates 2020): 0.
            out += QByteArray::number((hk >> 40) % 20 == 0 ? 0 : time);
            out += ",\"typeId\":" + QByteArray::number(type.versionId);
            out += ",\"createdAt\":" + QByteArray::number(time + qint64((hk >> 8) % 5000));
            out += ",\"data\":{";
            if (type.versionId == 9840001) { // order placed
                out +=
                    "\"order_id\":\"SO-" + QByteArray::number((hk >> 12) % 9'000'000 + 1'000'000);
                out += "\",\"total\":" +
                       QByteArray::number(double((hk >> 20) % 500'000) / 100.0, 'f', 2);
                out += ",\"currency\":\"";
                out += Currencies[(hk >> 50) % 4];
                out += '"';
            } else if (type.versionId == 9840002) { // product viewed
                out += "\"product_id\":\"SKU-" + QByteArray::number((hk >> 12) % 90'000 + 10'000);
                out += "\",\"product_name\":";
                appendJsonString(Products[(hk >> 30) % 5], out);
            } else {
                out += "\"campaign\":";
                appendJsonString(Campaigns[(hk >> 30) % 3], out);
            }
            out += "}}";
        }
    }
}

bool ApsisExportFile::appendProfile(qint64 index, QByteArray &out) const
{
    const SyntheticAudience::Member m = m_audience.member(index);
    const qsizetype start = out.size();
    bool shows = false;
    out += '"' + m.deviceId + "\":{\"sections\":{";
    bool firstSection = true;
    for (const SectionPlan &plan : m_sections) {
        const qsizetype sectionStart = out.size();
        if (!firstSection)
            out += ',';
        out += '"' + plan.key + "\":{";
        bool hasContent = false;
        if (!plan.attributes.isEmpty() || !plan.tags.isEmpty()) {
            out += "\"attributes\":{";
            bool firstEntry = true;
            for (const auto &a : plan.attributes) {
                const QByteArray value = memberField(m, a.column);
                if (value.isEmpty())
                    continue; // not set on this profile: not in the file
                if (!firstEntry)
                    out += ',';
                firstEntry = false;
                out += '"' + QByteArray::number(a.versionId) + "\":{\"value\":";
                if (a.type == u"double"_s)
                    out += value;
                else
                    appendJsonString(value, out);
                out += '}';
            }
            for (const auto &t : plan.tags) {
                if (mix64(m_audience.seed() ^ quint64(t.versionId), quint64(index)) % 100 >=
                    quint64(t.percent))
                    continue;
                if (!firstEntry)
                    out += ',';
                firstEntry = false;
                out += '"' + QByteArray::number(t.versionId) + "\":{\"value\":null}";
            }
            out += '}';
            shows = shows || !firstEntry;
            hasContent = !firstEntry;
        }
        if (!plan.events.isEmpty()) {
            out += hasContent || !plan.attributes.isEmpty() || !plan.tags.isEmpty()
                       ? ",\"events\":["_ba
                       : "\"events\":["_ba;
            appendEvents(plan, index, out);
            out += ']';
            hasContent = true;
        }
        out += '}';
        if (!hasContent)
            out.truncate(sectionStart); // nothing for this profile in this section
        else
            firstSection = false;
    }
    out += "}}";
    if (!shows)
        out.truncate(start);
    return shows;
}

QByteArray ApsisExportFile::metadata() const
{
    QJsonObject sections;
    for (const SectionPlan &plan : m_sections) {
        QJsonObject attributes;
        for (const auto &a : plan.attributes)
            attributes.insert(QString::number(a.versionId),
                              QJsonObject{{u"discriminator"_s, a.discriminator},
                                          {u"name"_s, a.name},
                                          {u"type"_s, a.type}});
        for (const auto &t : plan.tags)
            attributes.insert(QString::number(t.versionId),
                              QJsonObject{{u"discriminator"_s, t.discriminator},
                                          {u"name"_s, t.name},
                                          {u"type"_s, u"tag"_s}});
        QJsonObject events;
        for (const auto &ev : plan.events)
            events.insert(
                QString::number(ev.versionId),
                QJsonObject{{u"discriminator"_s, ev.discriminator}, {u"name"_s, ev.name}});
        QJsonObject section{{u"attributes"_s, attributes}};
        if (!events.isEmpty())
            section.insert(u"events"_s, events);
        sections.insert(QString::fromUtf8(plan.key), section);
    }
    QJsonObject json{{u"export_id"_s, m_export.id},
                     {u"created_at"_s, rfc3339(m_export.createdAt)},
                     {u"segment_discriminator"_s, m_export.segmentFiltered
                                                      ? QJsonValue(m_export.segment.discriminator)
                                                      : QJsonValue(QJsonValue::Null)},
                     {u"sections"_s, sections}};
    if (!m_export.events.isEmpty()) {
        json.insert(u"start_at"_s,
                    rfc3339(QDateTime::fromMSecsSinceEpoch(m_export.startAtMs, Qt::UTC)));
        json.insert(u"end_at"_s,
                    rfc3339(QDateTime::fromMSecsSinceEpoch(m_export.endAtMs, Qt::UTC)));
    }
    return QJsonDocument(json).toJson(QJsonDocument::Compact);
}

void ApsisExportFile::produce(QByteArray &out, qsizetype budget)
{
    if (m_done)
        return;
    const qsizetype stop = out.size() + budget;
    if (!m_started) {
        m_started = true;
        out += "{\"profiles\":{";
    }
    QByteArray profile;
    while (m_next < m_audience.size() && out.size() < stop) {
        profile.resize(0);
        if (appendProfile(m_next, profile)) {
            if (!m_first)
                out += ',';
            m_first = false;
            out += profile;
        }
        ++m_next;
    }
    if (m_next >= m_audience.size()) {
        out += "},\"metadata\":" + metadata() + '}';
        m_done = true;
    }
}

double ApsisExportFile::progress() const
{
    if (m_audience.size() <= 0)
        return m_done ? 1.0 : 0.0;
    return double(m_next) / double(m_audience.size());
}

} // namespace courier::sandbox
