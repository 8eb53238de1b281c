#pragma once

#include "connectors/Destination.h"

namespace courier {

// The Fount's audience export webhook payload as a destination: a JSON file (seed 000, "Export
// Types": id, name, description, is_active, is_public, is_standard, deployed_at,
// segments_updated_at, created_at, updated_at, group, user, respondents, then webhookDate,
// webhookTimestamp and webhookId), written atomically at commit into the endpoint's folder
// (setting "directory"; share option "fileName", else "<share name>-<UTC timestamp>.json").
//
// With endpoint setting "deliver": "webhook" the file is then POSTed to the endpoint's contact
// URL exactly as The Fount sends an export (BAV-* headers, BAV-Signature = hex HMAC-SHA256 of
// the body with the secret "webhookSecret"), retried with the run's back-off policy until the
// receiver answers 2xx; 401/403 means the secret is wrong. Other settings: "event" (BAV-Event,
// default "AudienceExport") and "user" ({id, name, email, operating_company{id, name}}, the
// payload's exporting user; null when not set).
//
// The audience fields come from the shared audience: id = its external id (a number when it
// is one), name, description; is_active, is_public, is_standard, the timestamps and group from
// its details when the source was The Fount. Defaults otherwise: is_active true, is_public and
// is_standard false, timestamps and group null. A payload is the whole audience: Add and
// Replace write the same file.
class FountPayloadDestinationConnector final : public DestinationConnector
{
public:
    static QString respondentField() { return QStringLiteral("respondent_id"); }
    static QString secretName() { return QStringLiteral("webhookSecret"); }

    QString kind() const override { return QStringLiteral("fount_payload"); }
    QStringList secretNames() const override { return {secretName()}; }
    QList<Share::ShareAction> supportedActions() const override
    {
        return {Share::ShareAction::Add, Share::ShareAction::Replace};
    }
    DestinationSchema schema(const Endpoint &endpoint) const override;
    int maxBatchRows() const override { return 50000; }
    bool deliveredBatchesSurvive() const override { return false; }
    std::unique_ptr<DestinationDelivery> createDelivery(ConnectorContext &context,
                                                        const DeliveryTarget &target) override;
};

} // namespace courier
