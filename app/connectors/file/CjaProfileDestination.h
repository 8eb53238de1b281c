#pragma once

#include "connectors/Destination.h"

#include <QUuid>

namespace courier {

// Adobe Customer Journey Analytics audience membership as a destination: the profile JSON the
// CJA use case (seed 003, "Transform the output") has people build by hand, ready to drop on an
// Experience Platform dataset. One JSON array, one object per member, one per line:
//
//     [
//     {"_id":"…","personID":"…","_mytenant":{"audienceMembershipId":"…","audienceMembershipName":"…"}},
//     …
//     ]
//
// Written atomically at commit into the endpoint's folder (setting "directory"; share option
// "fileName", else "<share name>-<UTC timestamp>.json"). Endpoint setting "tenantId" is the
// tenant object's name ("_mytenant", leading underscore required). The membership id and name
// are the audience's external id and name, unless the share options "audienceMembershipId" /
// "audienceMembershipName" say otherwise. `_id` is deterministic (see profileId()), so a re-run
// writes the same ids and the dataset does not gain duplicates. Add and Replace write the same
// file (it is the whole audience); no secrets.
class CjaProfileDestinationConnector final : public DestinationConnector
{
public:
    static QString personField() { return QStringLiteral("personID"); }

    QString kind() const override { return QStringLiteral("cja_profile"); }
    QStringList secretNames() const override { return {}; }
    QList<Share::ShareAction> supportedActions() const override
    {
        return {Share::ShareAction::Add, Share::ShareAction::Replace};
    }
    DestinationSchema schema(const Endpoint &endpoint) const override;
    int maxBatchRows() const override { return 50000; }
    bool deliveredBatchesSurvive() const override { return false; }
    std::unique_ptr<DestinationDelivery> createDelivery(ConnectorContext &context,
                                                        const DeliveryTarget &target) override;

    // What is wrong with a tenant id, for the endpoint form and the run; empty when it is fine.
    static QString tenantIdProblem(const QString &tenantId);

    // A member's `_id`: the UUID v5 (RFC 4122, SHA-1) of the UTF-8 membership id, a NUL byte and
    // the person id's bytes, in the namespace idNamespace(). Same person and audience, same id.
    static QString profileId(const QString &membershipId, QByteArrayView personId);
    static QUuid idNamespace();
};

} // namespace courier
