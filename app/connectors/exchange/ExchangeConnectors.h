#pragma once

#include "connectors/Destination.h"
#include "connectors/Source.h"

#include <memory>

namespace courier {

class InboxStore;
class Outbox;

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

// A destination endpoint whose transfer is Pull is a PULL consumer: the app prepares the
// audience as one file in its outbox and the consumer pulls it from the app's exchange
// listener (OutboxDelivery); otherwise batches are pushed to it (ExchangeDelivery).
class ExchangeDestinationConnector final : public DestinationConnector
{
public:
    // outbox: where files for PULL consumers go; without it, their shares fail saying the
    // app's exchange listener is not running.
    explicit ExchangeDestinationConnector(std::shared_ptr<Outbox> outbox = {})
        : m_outbox(std::move(outbox))
    {}

    QString kind() const override { return QStringLiteral("exchange"); }
    QStringList secretNames() const override { return {QStringLiteral("key")}; }
    QList<Share::ShareAction> supportedActions() const override;
    // The identifiers and attributes the endpoint declared (identifier shapes guessed from
    // their names: email, phone, maid…); nothing else is accepted when it declared any.
    // Settings {"hashing": "sha256"}: identifiers must arrive as SHA-256.
    DestinationSchema schema(const Endpoint &endpoint) const override;
    int maxBatchRows() const override { return 10000; }
    // True for both kinds of consumer: a PUSH consumer keeps acknowledged batches, and a PULL
    // consumer's delivery keeps the batches it wrote in the run's work directory, so a resumed
    // run may skip them in either case.
    bool deliveredBatchesSurvive() const override { return true; }
    std::unique_ptr<DestinationDelivery> createDelivery(ConnectorContext &context,
                                                        const DeliveryTarget &target) override;

private:
    std::shared_ptr<Outbox> m_outbox;
};

} // namespace courier
