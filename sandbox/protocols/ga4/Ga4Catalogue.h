#pragma once

#include "sandbox/audience/SyntheticAudience.h"

#include <optional>
#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>

namespace courier::sandbox {

// The audiences of the emulated GA4 properties (Admin API audiences.list) and the rows their
// exports hold (Data API audienceExports.query). Two properties have listed audiences;
// "synthetic-<N>" (N up to 100,000,000) is a valid, unlisted audience of every property, for
// tests and benchmarks. Every audience is a SyntheticAudience, so rows are a pure function of
// (audience, row index).
class Ga4Catalogue
{
public:
    struct Audience
    {
        QString property; // "1234567"
        QString id;       // "12345", "synthetic-25000"
        QString displayName;
        QString description;
        int membershipDurationDays = 540;
        bool adsPersonalizationEnabled = true;
        QString exclusionDurationMode; // empty: not set (default audiences)
        QDateTime createTime;
        qint64 size = 0;
        quint64 seed = 0;

        QString name() const; // properties/{property}/audiences/{id}
        SyntheticAudience audience() const { return {seed, size}; }
        QJsonObject toJson() const; // the Admin API Audience resource
    };

    static constexpr qint64 MaxSyntheticSize = 100'000'000;
    static constexpr quint64 SyntheticSeed = 0x5EED'0004;

    // A property id is a positive decimal number.
    static bool isPropertyId(const QString &property);
    // Properties whose audiences are listed (1234567, 7654321).
    static QStringList knownProperties();
    static bool isKnownProperty(const QString &property);
    // Listed audiences of a property, in a stable order; empty for unknown properties.
    static QList<Audience> listed(const QString &property);
    // A listed audience of the property, or synthetic-<N> under any property.
    static std::optional<Audience> find(const QString &property, const QString &audienceId);
};

// The audience export schema dimensions.
enum class Ga4Dimension { DeviceId, UserId, IsAdsPersonalizationAllowed, IsLimitedAdTracking };

std::optional<Ga4Dimension> ga4DimensionFromName(const QString &name);
QString ga4DimensionName(Ga4Dimension dimension);
QStringList ga4DimensionNames();

// The value of one dimension for row `index` of an audience, as audienceExports.query returns
// it. deviceId is a web client id ("1804289383.1698765432") for about two thirds of the users
// and a 32-hex app-instance id for the rest, both derived from the member's device id; userId
// is the member's user id or "(not set)"; isAdsPersonalizationAllowed and isLimitedAdTracking
// are "true", "false" or "(not set)".
void appendGa4DimensionValue(const SyntheticAudience &audience, qint64 index,
                             Ga4Dimension dimension, QByteArray &out);
QByteArray ga4DimensionValue(const SyntheticAudience &audience, qint64 index,
                             Ga4Dimension dimension);

} // namespace courier::sandbox
