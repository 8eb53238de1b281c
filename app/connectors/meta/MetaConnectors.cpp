#include "MetaConnectors.h"

#include "MetaDelivery.h"
#include "MetaSchema.h"

namespace courier {

QList<Share::ShareAction> MetaDestinationConnector::supportedActions() const
{
    return {Share::ShareAction::Add, Share::ShareAction::Replace, Share::ShareAction::Remove};
}

DestinationSchema MetaDestinationConnector::schema(const Endpoint &endpoint) const
{
    Q_UNUSED(endpoint) // every Meta endpoint takes the same customer-list fields
    return MetaSchema::schema();
}

int MetaDestinationConnector::maxBatchRows() const
{
    return MetaDelivery::MaxRowsPerRequest;
}

std::unique_ptr<DestinationDelivery>
MetaDestinationConnector::createDelivery(ConnectorContext &context, const DeliveryTarget &target)
{
    return std::make_unique<MetaDelivery>(context, target);
}

} // namespace courier
