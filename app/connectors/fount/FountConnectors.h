#pragma once

#include "connectors/Source.h"

namespace courier {

// The Fount audiences (respondent cuts) and their exports. Placeholder: being written.
class FountSourceConnector final : public SourceConnector
{
public:
    QString kind() const override { return QStringLiteral("fount"); }
    QStringList secretNames() const override;
    std::unique_ptr<QObject> listAudiences(ConnectorContext &context, ListDone done) override;
    std::unique_ptr<SourceFetch> createFetch(ConnectorContext &context,
                                             const FetchRequest &request) override;
};

} // namespace courier
