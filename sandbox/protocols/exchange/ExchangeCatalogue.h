#pragma once

#include "sandbox/audience/SyntheticAudience.h"

#include <optional>
#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>

namespace courier::sandbox {

// The segments the exchange producer offers: a fixed catalogue of named audiences, plus any
// "synthetic-<N>" (N up to 100,000,000), which is valid but not listed — for tests and
// benchmarks. Every segment is a SyntheticAudience; synthetic-N all share one seed, so the
// first members of synthetic-10 and synthetic-1000 are the same people.
class ExchangeCatalogue
{
public:
    struct Segment
    {
        QString id;
        QString name;
        QString description;
        qint64 size = 0;
        quint64 seed = 0;
        QDateTime updatedAt;

        SyntheticAudience audience() const { return {seed, size}; }
        QJsonObject toJson() const;
    };

    static constexpr qint64 MaxSyntheticSize = 100'000'000;
    static constexpr quint64 SyntheticSeed = 0x5EED'0001;

    static const QList<Segment> &listed();
    static std::optional<Segment> find(const QString &id);
};

} // namespace courier::sandbox
