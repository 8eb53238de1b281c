#include "FountConnectors.h"

#include "FountFetch.h"
#include "FountListing.h"

namespace courier {

QStringList FountSourceConnector::secretNames() const
{
    return {QStringLiteral("token")};
}

std::unique_ptr<QObject> FountSourceConnector::listAudiences(ConnectorContext &context,
                                                             ListDone done)
{
    auto listing = std::make_unique<FountListing>(context, std::move(done));
    listing->start();
    return listing;
}

std::unique_ptr<SourceFetch> FountSourceConnector::createFetch(ConnectorContext &context,
                                                               const FetchRequest &request)
{
    return std::make_unique<FountFetch>(context, request);
}

} // namespace courier
