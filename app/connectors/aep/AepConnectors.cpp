#include "AepConnectors.h"

namespace courier {

QStringList AepSourceConnector::secretNames() const
{
    return {};
}

std::unique_ptr<QObject> AepSourceConnector::listAudiences(ConnectorContext &, ListDone done)
{
    done(false, {}, QStringLiteral("not yet"));
    return nullptr;
}

std::unique_ptr<SourceFetch> AepSourceConnector::createFetch(ConnectorContext &,
                                                             const FetchRequest &)
{
    return nullptr;
}

} // namespace courier
