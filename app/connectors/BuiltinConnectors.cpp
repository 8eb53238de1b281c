// The one place that names every connector this build ships. A new connector adds its folder
// and one line here; the engine never changes.
#include "connectors/aep/AepConnectors.h"
#include "connectors/apsis/ApsisConnectors.h"
#include "connectors/ConnectorRegistry.h"
#include "connectors/exchange/ExchangeConnectors.h"
#include "connectors/file/CjaProfileDestination.h"
#include "connectors/file/CsvFileDestination.h"
#include "connectors/file/FountPayloadDestination.h"
#include "connectors/fount/FountConnectors.h"
#include "connectors/ga4/Ga4Connectors.h"
#include "connectors/meta/MetaConnectors.h"

namespace courier {

ConnectorRegistry ConnectorRegistry::builtin(std::shared_ptr<const InboxStore> inbox,
                                             std::shared_ptr<Outbox> outbox)
{
    ConnectorRegistry registry;
    registry.addSource(std::make_unique<ExchangeSourceConnector>(std::move(inbox)));
    registry.addSource(std::make_unique<Ga4SourceConnector>());
    registry.addSource(std::make_unique<ApsisSourceConnector>());
    registry.addSource(std::make_unique<FountSourceConnector>());
    registry.addSource(std::make_unique<AepSourceConnector>());
    registry.addDestination(std::make_unique<ExchangeDestinationConnector>(std::move(outbox)));
    registry.addDestination(std::make_unique<CsvFileDestinationConnector>());
    registry.addDestination(std::make_unique<FountPayloadDestinationConnector>());
    registry.addDestination(std::make_unique<CjaProfileDestinationConnector>());
    registry.addDestination(std::make_unique<MetaDestinationConnector>());
    return registry;
}

} // namespace courier
