#include "ApsisConnectors.h"

namespace courier {

QStringList ApsisSourceConnector::secretNames() const
{
    return {};
}

std::unique_ptr<QObject> ApsisSourceConnector::listAudiences(ConnectorContext &, ListDone done)
{
    done(false, {}, QStringLiteral("not yet"));
    return nullptr;
}

std::unique_ptr<SourceFetch> ApsisSourceConnector::createFetch(ConnectorContext &,
                                                             const FetchRequest &)
{
    return nullptr;
}

} // namespace courier
