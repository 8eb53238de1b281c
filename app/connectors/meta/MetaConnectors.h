#pragma once

#include "connectors/Destination.h"

namespace courier {

// Meta (Facebook/Instagram ads) custom audiences as a destination: the Marketing API's
// customer-list users endpoints (MetaDelivery). Endpoint settings: "adAccountId",
// "apiVersion"; contact URL: the Graph base URL. Secret: "accessToken" (a system-user token).
// Share option: "customAudienceId" (none: a new audience named after the share).
class MetaDestinationConnector final : public DestinationConnector
{
public:
    QString kind() const override { return QStringLiteral("meta"); }
    QStringList secretNames() const override { return {QStringLiteral("accessToken")}; }
    QList<Share::ShareAction> supportedActions() const override;
    DestinationSchema schema(const Endpoint &endpoint) const override;
    int maxBatchRows() const override;
    // Add and remove are idempotent; a replace session is continued by its id (checkpoint).
    bool deliveredBatchesSurvive() const override { return true; }
    std::unique_ptr<DestinationDelivery> createDelivery(ConnectorContext &context,
                                                        const DeliveryTarget &target) override;
};

} // namespace courier
