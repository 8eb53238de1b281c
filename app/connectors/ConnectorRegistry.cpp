#include "connectors/ConnectorRegistry.h"

namespace courier {

void ConnectorRegistry::addSource(std::unique_ptr<SourceConnector> connector)
{
    const QString kind = connector->kind();
    m_sources[kind] = std::move(connector);
}

void ConnectorRegistry::addDestination(std::unique_ptr<DestinationConnector> connector)
{
    const QString kind = connector->kind();
    m_destinations[kind] = std::move(connector);
}

SourceConnector *ConnectorRegistry::source(const QString &kind) const
{
    const auto it = m_sources.find(kind);
    return it == m_sources.end() ? nullptr : it->second.get();
}

DestinationConnector *ConnectorRegistry::destination(const QString &kind) const
{
    const auto it = m_destinations.find(kind);
    return it == m_destinations.end() ? nullptr : it->second.get();
}

QStringList ConnectorRegistry::sourceKinds() const
{
    QStringList kinds;
    for (const auto &[kind, connector] : m_sources)
        kinds.append(kind);
    return kinds;
}

QStringList ConnectorRegistry::destinationKinds() const
{
    QStringList kinds;
    for (const auto &[kind, connector] : m_destinations)
        kinds.append(kind);
    return kinds;
}

} // namespace courier
