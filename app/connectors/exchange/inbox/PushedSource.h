#pragma once

#include "connectors/Source.h"
#include "store/AudienceVersionRepository.h"

#include <memory>
#include <QCoreApplication>
#include <QObject>

namespace courier {

class InboxStore;

// The exchange source for endpoints that push (transfer Push): no network at all; what they
// pushed to the inbox is already in the profile.

// Lists the endpoint's audiences that have a pushed version, as the cache holds them.
// Destroying the returned object before done is called cancels.
std::unique_ptr<QObject> listPushedAudiences(ConnectorContext &context,
                                             std::shared_ptr<const InboxStore> store,
                                             SourceConnector::ListDone done);

// One run's read of a pushed audience: its latest version when the run starts, kept in the
// checkpoint so a resumed run reads the same version (when it still exists).
//
// Checkpoint "source": {"versionId": 12}
class PushedFetch final : public SourceFetch
{
    Q_DECLARE_TR_FUNCTIONS(PushedFetch)

public:
    // store may be null (the app runs without an inbox): fetch() then fails saying so.
    PushedFetch(ConnectorContext &context, AudienceInfo audience,
                std::shared_ptr<const InboxStore> store);
    ~PushedFetch() override;

    void fetch(StepDone done) override;
    void cancel() override;
    std::unique_ptr<RowReader> openRows(QString *error) override;
    bool resumedSameSnapshot() const override { return m_sameSnapshot; }

    // For tests: the version read.
    qint64 versionId() const { return m_version.id; }

private:
    bool choose(QString *error);

    ConnectorContext &m_context;
    AudienceInfo m_audience;
    std::shared_ptr<const InboxStore> m_store;
    std::unique_ptr<QObject> m_owner; // the queued completion dies with it
    AudienceVersion m_version;
    bool m_sameSnapshot = false;
};

} // namespace courier
