// The one place that names every connector this build ships. A new connector adds its folder
// and one line here; the engine never changes.
#include "connectors/ConnectorRegistry.h"
#include "connectors/exchange/ExchangeConnectors.h"
#include "connectors/file/CsvFileDestination.h"

namespace courier {

ConnectorRegistry ConnectorRegistry::builtin()
{
    ConnectorRegistry registry;
    registry.addSource(std::make_unique<ExchangeSourceConnector>());
    registry.addDestination(std::make_unique<ExchangeDestinationConnector>());
    registry.addDestination(std::make_unique<CsvFileDestinationConnector>());
    return registry;
}

} // namespace courier
