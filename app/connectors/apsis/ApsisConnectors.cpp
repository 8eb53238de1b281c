#include "ApsisConnectors.h"

#include "ApsisFetch.h"
#include "ApsisListing.h"

namespace courier {

QStringList ApsisSourceConnector::secretNames() const
{
    return {QStringLiteral("clientSecret")};
}

std::unique_ptr<QObject> ApsisSourceConnector::listAudiences(ConnectorContext &context,
                                                             ListDone done)
{
    auto listing = std::make_unique<ApsisListing>(context, std::move(done));
    listing->start();
    return listing;
}

std::unique_ptr<SourceFetch> ApsisSourceConnector::createFetch(ConnectorContext &context,
                                                               const FetchRequest &request)
{
    return std::make_unique<ApsisFetch>(context, request);
}

} // namespace courier
