#pragma once

#include "connectors/Source.h"

namespace courier {

// Google Analytics 4 audiences (Admin API audiences.list) and their audience exports (Data API
// audienceExports). Placeholder: being written.
class Ga4SourceConnector final : public SourceConnector
{
public:
    QString kind() const override { return QStringLiteral("ga4"); }
    QStringList secretNames() const override;
    std::unique_ptr<QObject> listAudiences(ConnectorContext &context, ListDone done) override;
    std::unique_ptr<SourceFetch> createFetch(ConnectorContext &context,
                                             const FetchRequest &request) override;
};

} // namespace courier
