#pragma once

#include "sandbox/audience/SyntheticAudience.h"

#include <optional>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QString>

namespace courier::sandbox {

// The definitions of the emulated APSIS One account: keyspaces, two sections with their
// attributes (addressed by numeric version ids), tags, event types and segments. A segment is a
// SyntheticAudience; "synthetic-<N>" (N up to 100,000,000) is a valid segment of every
// section, and the profiles of an export without segment_filter are the whole account
// (ApsisOptions::accountProfiles).
class ApsisCatalogue
{
public:
    struct Section
    {
        qint64 id;
        QString discriminator;
        QString name;
        QJsonObject toJson() const;
    };

    struct Attribute
    {
        QString section; // discriminator
        QString discriminator;
        QString name;
        QString type; // "string", "double", "date"
        qint64 versionId = 0;
        qint64 deprecatedVersionId = 0; // 0: none; an older version, still exportable
        SyntheticAudience::Column column = SyntheticAudience::Email;
        QJsonObject toJson() const;
    };

    struct Tag
    {
        QString section;
        QString discriminator;
        QString name;
        qint64 versionId = 0;
        int percent = 0; // share of profiles carrying it
        QJsonObject toJson() const;
    };

    struct EventType
    {
        QString section;
        QString discriminator;
        QString name;
        qint64 versionId = 0;
        QJsonObject toJson() const;
    };

    struct Segment
    {
        QString section; // empty: the whole account (no segment_filter)
        QString discriminator;
        QString name;
        qint64 size = 0;
        quint64 seed = 0;
        SyntheticAudience audience() const { return {seed, size}; }
        QJsonObject toJson() const;
    };

    static constexpr qint64 MaxSyntheticSize = 100'000'000;
    static constexpr quint64 SyntheticSeed = 0x5EED'0002;
    static constexpr quint64 AccountSeed = 0x5EED'0A11;

    static QJsonArray keyspaces();
    static const QList<Section> &sections();
    // By discriminator or by numeric id.
    static const Section *section(const QString &key);

    static QList<Attribute> attributes(const QString &section);
    static QList<Tag> tags(const QString &section);
    static QList<EventType> events(const QString &section);
    static QList<Segment> segments(const QString &section);

    // An attribute by one of its version ids (current or deprecated), or by its discriminator
    // within `section` (the first section when empty).
    static std::optional<Attribute> attribute(const QString &key, const QString &section);
    static std::optional<Tag> tag(const QString &key, const QString &section);
    static std::optional<EventType> eventType(const QString &key, const QString &section);
    // A listed segment of any section, or synthetic-<N>.
    static std::optional<Segment> segment(const QString &discriminator);
    static Segment wholeAccount(qint64 profiles);
};

} // namespace courier::sandbox
