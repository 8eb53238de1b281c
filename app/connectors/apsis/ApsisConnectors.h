#pragma once

#include "connectors/Source.h"

namespace courier {

// APSIS One segments (with their sections, attributes, tags and events) and their profile
// exports. Placeholder: being written.
class ApsisSourceConnector final : public SourceConnector
{
public:
    QString kind() const override { return QStringLiteral("apsis"); }
    QStringList secretNames() const override;
    std::unique_ptr<QObject> listAudiences(ConnectorContext &context, ListDone done) override;
    std::unique_ptr<SourceFetch> createFetch(ConnectorContext &context,
                                             const FetchRequest &request) override;
};

} // namespace courier
