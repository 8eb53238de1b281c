#pragma once

#include "connectors/Source.h"

namespace courier {

// Adobe Experience Platform audiences, exported by Segmentation Service jobs and read through Query Service. Placeholder: being written.
class AepSourceConnector final : public SourceConnector
{
public:
    QString kind() const override { return QStringLiteral("aep"); }
    QStringList secretNames() const override;
    std::unique_ptr<QObject> listAudiences(ConnectorContext &context, ListDone done) override;
    std::unique_ptr<SourceFetch> createFetch(ConnectorContext &context,
                                             const FetchRequest &request) override;
};

} // namespace courier
