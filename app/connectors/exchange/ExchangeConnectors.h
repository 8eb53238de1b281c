#pragma once

#include "connectors/Destination.h"
#include "connectors/Source.h"

#include <memory>

namespace courier {

class InboxStore;

// The generic audience exchange (docs/exchange-protocol.md): a PULL producer we fetch
// segments from, and a PUSH consumer we deliver CSV batches to. Secret: "key" (the bearer key).
// An endpoint whose transfer is Push is a PUSH producer instead: it sends its audiences to the
// app's inbox (ExchangeInbox), and the source serves the latest version pushed, from the
// profile, without any network call.
class ExchangeSourceConnector final : public SourceConnector
{
public:
    // inbox: where pushed versions are kept; without it, PUSH producers cannot be read (their
    // listing and fetches fail saying the inbox is not running).
    explicit ExchangeSourceConnector(std::shared_ptr<const InboxStore> inbox = {})
        : m_inbox(std::move(inbox))
    {}

    QString kind() const override { return QStringLiteral("exchange"); }
    QStringList secretNames() const override { return {QStringLiteral("key")}; }
    std::unique_ptr<QObject> listAudiences(ConnectorContext &context, ListDone done) override;
    std::unique_ptr<SourceFetch> createFetch(ConnectorContext &context,
                                             const FetchRequest &request) override;

private:
    std::shared_ptr<const InboxStore> m_inbox;
};

class ExchangeDestinationConnector final : public DestinationConnector
{
public:
    QString kind() const override { return QStringLiteral("exchange"); }
    QStringList secretNames() const override { return {QStringLiteral("key")}; }
    QList<Share::ShareAction> supportedActions() const override;
    int maxBatchRows() const override { return 10000; }
    bool deliveredBatchesSurvive() const override { return true; }
    std::unique_ptr<DestinationDelivery> createDelivery(ConnectorContext &context,
                                                        const DeliveryTarget &target) override;
};

} // namespace courier
