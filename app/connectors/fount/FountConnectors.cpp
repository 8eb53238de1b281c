#include "FountConnectors.h"

namespace courier {

QStringList FountSourceConnector::secretNames() const
{
    return {};
}

std::unique_ptr<QObject> FountSourceConnector::listAudiences(ConnectorContext &, ListDone done)
{
    done(false, {}, QStringLiteral("not yet"));
    return nullptr;
}

std::unique_ptr<SourceFetch> FountSourceConnector::createFetch(ConnectorContext &,
                                                             const FetchRequest &)
{
    return nullptr;
}

} // namespace courier
