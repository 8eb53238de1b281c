#pragma once

#include "sandbox/audience/SyntheticAudience.h"

#include <optional>
#include <QByteArray>
#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>

namespace courier::sandbox {

// The segment definitions of the emulated Real-Time Customer Profile. Every profile is a
// member of one synthetic universe of 100 million people; a segment is a contiguous range of
// it, and the listed segments overlap, so an exported profile usually belongs to several.
// "synthetic-<N>" (N up to 100,000,000) is valid too — the first N profiles, all "realized" —
// but not listed: for tests and benchmarks, where an export of it holds exactly N profiles.
class AepCatalogue
{
public:
    // Membership status of a profile in a segment (segmentMembership.ups.<id>.status). Bits,
    // so that an export's status filter is a mask.
    enum Status : quint8 { Realized = 1, Existing = 2, Exited = 4 };

    struct Segment
    {
        QString id;
        QString name;
        QString description;
        QString pql;
        qint64 begin = 0; // universe indices [begin, end)
        qint64 end = 0;
        bool synthetic = false;
        quint64 salt = 0;
        QDateTime createdAt;
        QDateTime updatedAt;

        qint64 size() const { return end - begin; }
        bool contains(qint64 index) const { return index >= begin && index < end; }
        Status status(qint64 index) const;
        // "2024-07-13T08:21:05Z": when the profile last qualified, deterministic.
        void appendQualificationTime(qint64 index, QByteArray &out) const;
        QJsonObject toJson(const QString &imsOrgId, const QString &sandboxName) const;
    };

    static constexpr qint64 UniverseSize = 100'000'000;
    static constexpr quint64 UniverseSeed = 0xAE9'0001;
    static SyntheticAudience universe() { return {UniverseSeed, UniverseSize}; }

    static const QList<Segment> &listed();
    static std::optional<Segment> find(const QString &id);

    static const char *statusName(Status status);
    static std::optional<Status> statusFromName(const QString &name);
};

} // namespace courier::sandbox
