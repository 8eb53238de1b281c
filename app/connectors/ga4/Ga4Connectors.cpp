#include "Ga4Connectors.h"

namespace courier {

QStringList Ga4SourceConnector::secretNames() const
{
    return {};
}

std::unique_ptr<QObject> Ga4SourceConnector::listAudiences(ConnectorContext &, ListDone done)
{
    done(false, {}, QStringLiteral("not yet"));
    return nullptr;
}

std::unique_ptr<SourceFetch> Ga4SourceConnector::createFetch(ConnectorContext &,
                                                             const FetchRequest &)
{
    return nullptr;
}

} // namespace courier
