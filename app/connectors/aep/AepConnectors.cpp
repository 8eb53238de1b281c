#include "AepConnectors.h"

#include "AepFetch.h"
#include "AepListing.h"

namespace courier {

QStringList AepSourceConnector::secretNames() const
{
    return {QStringLiteral("clientSecret")};
}

std::unique_ptr<QObject> AepSourceConnector::listAudiences(ConnectorContext &context, ListDone done)
{
    auto listing = std::make_unique<AepListing>(context, std::move(done));
    listing->start();
    return listing;
}

std::unique_ptr<SourceFetch> AepSourceConnector::createFetch(ConnectorContext &context,
                                                             const FetchRequest &request)
{
    return std::make_unique<AepFetch>(context, request);
}

} // namespace courier
