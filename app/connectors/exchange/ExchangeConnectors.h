#pragma once

#include "connectors/Destination.h"
#include "connectors/Source.h"

namespace courier {

// The generic audience exchange (docs/exchange-protocol.md): a PULL producer we fetch
// segments from, and a PUSH consumer we deliver CSV batches to. Secret: "key" (the bearer key).
class ExchangeSourceConnector final : public SourceConnector
{
public:
    QString kind() const override { return QStringLiteral("exchange"); }
    QStringList secretNames() const override { return {QStringLiteral("key")}; }
    std::unique_ptr<QObject> listAudiences(ConnectorContext &context, ListDone done) override;
    std::unique_ptr<SourceFetch> createFetch(ConnectorContext &context,
                                             const FetchRequest &request) override;
};

class ExchangeDestinationConnector final : public DestinationConnector
{
public:
    QString kind() const override { return QStringLiteral("exchange"); }
    QStringList secretNames() const override { return {QStringLiteral("key")}; }
    QList<Share::ShareAction> supportedActions() const override;
    int maxBatchRows() const override { return 10000; }
    bool deliveredBatchesSurvive() const override { return true; }
    std::unique_ptr<DestinationDelivery> createDelivery(ConnectorContext &context,
                                                        const DeliveryTarget &target) override;
};

} // namespace courier
