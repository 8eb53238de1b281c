#pragma once

#include "connectors/Destination.h"

namespace courier {

// A CSV file in a folder (endpoint settings: "directory"; share options: optional "fileName",
// else "<share name>-<UTC timestamp>.csv"). Written atomically at commit, so an interrupted
// delivery leaves nothing and starts over. Add only; no secrets.
class CsvFileDestinationConnector final : public DestinationConnector
{
public:
    QString kind() const override { return QStringLiteral("csv"); }
    QStringList secretNames() const override { return {}; }
    QList<Share::ShareAction> supportedActions() const override
    {
        return {Share::ShareAction::Add};
    }
    int maxBatchRows() const override { return 50000; }
    bool deliveredBatchesSurvive() const override { return false; }
    std::unique_ptr<DestinationDelivery> createDelivery(ConnectorContext &context,
                                                        const DeliveryTarget &target) override;
};

} // namespace courier
