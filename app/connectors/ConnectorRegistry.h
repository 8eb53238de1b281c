#pragma once

#include "connectors/Destination.h"
#include "connectors/Source.h"

#include <map>
#include <memory>
#include <QString>

namespace courier {

class InboxStore;
class Outbox;

// The connectors this build knows, by endpoint kind. The engine looks connectors up here and
// never names one itself, so adding a connector touches only its folder and
// registerBuiltinConnectors().
class ConnectorRegistry
{
public:
    void addSource(std::unique_ptr<SourceConnector> connector);
    void addDestination(std::unique_ptr<DestinationConnector> connector);

    SourceConnector *source(const QString &kind) const;
    DestinationConnector *destination(const QString &kind) const;

    QStringList sourceKinds() const;
    QStringList destinationKinds() const;

    // Every connector this build ships. inbox: where pushed audience versions are kept (the
    // profile's exchange inbox), for exchange endpoints that push to the app; without it their
    // shares fail with "the app's exchange inbox is not running". outbox: where files for
    // exchange endpoints that pull from the app are prepared (served by the same listener);
    // without it their shares fail saying the listener is not running.
    static ConnectorRegistry builtin(std::shared_ptr<const InboxStore> inbox = {},
                                     std::shared_ptr<Outbox> outbox = {});

private:
    std::map<QString, std::shared_ptr<SourceConnector>> m_sources;
    std::map<QString, std::shared_ptr<DestinationConnector>> m_destinations;
};

} // namespace courier
