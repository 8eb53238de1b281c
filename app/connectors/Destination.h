#pragma once

#include "connectors/ConnectorContext.h"
#include "mapping/ValueShape.h"
#include "model/Audience.h"
#include "model/Share.h"
#include "pipeline/RowBatch.h"

#include <memory>
#include <QJsonObject>
#include <QList>
#include <QStringList>

namespace courier {

// Where a share's rows go on the destination: the share's name (to name a new list), its
// destination options (connector-specific, e.g. {"listId": "..."}; none = create a new list) and
// the audience being shared (formats that describe the audience, such as a webhook payload).
struct DeliveryTarget
{
    QString shareName;
    QJsonObject options;
    AudienceInfo audience = {};
};

// One field a destination accepts. A mapping is checked against these before a run sends
// anything: required fields must be mapped, hashed fields must end in SHA-256.
struct DestinationField
{
    QString name;            // as the destination spells it ("EMAIL_SHA256", "personID")
    QString label;           // for people, translated
    bool identifier = false; // says who a member is (as opposed to describing them)
    bool required = false;   // a run cannot start unless it is mapped
    bool hashed = false;     // values must arrive as lower-case SHA-256 hex
    ValueShape shape = ValueShape::Any;
    QStringList synonyms; // other names the auto-suggest matches ("e-mail", "mail")

    friend bool operator==(const DestinationField &, const DestinationField &) = default;
};

// Everything a destination accepts.
struct DestinationSchema
{
    QList<DestinationField> fields;
    bool acceptsOtherFields = true; // false: only the fields above (a fixed API schema)
    int minIdentifiers = 1;         // at least this many identifier fields must be mapped

    const DestinationField *field(const QString &name) const
    {
        for (const DestinationField &f : fields) {
            if (f.name == name)
                return &f;
        }
        return nullptr;
    }

    friend bool operator==(const DestinationSchema &, const DestinationSchema &) = default;
};

// One batch as the destination receives it.
struct DeliveryBatch
{
    qint64 number = 0;         // 1-based, stable across resumes of the same delivery
    QByteArray idempotencyKey; // "<delivery id>:<number>": a resent batch is applied once
};

// One run's delivery to one destination. Lives and is called on the run's thread; each step
// completes asynchronously, one at a time: open, send × n, commit.
class DestinationDelivery
{
public:
    virtual ~DestinationDelivery() = default;

    // Prepares the delivery (creates the list, starts a replace session, ...). resuming is
    // true when batches of this delivery were already sent before an interruption.
    virtual void open(const QStringList &columns, Share::ShareAction action, bool resuming,
                      StepDone done) = 0;

    // Sends one batch. The batch is only valid during the call (copy what you keep).
    virtual void send(const RowBatch &batch, const DeliveryBatch &info, StepDone done) = 0;

    // Makes the delivery final (closes the session, renames the file into place, ...).
    virtual void commit(StepDone done) = 0;

    // Gives up: nothing more is sent; whatever can be undone is undone. No callback follows.
    virtual void abort() = 0;

    // Where the rows went, for the run's record (a file path, a list name, ...).
    virtual QString outputDescription() const = 0;

    // After open(): the options the share should keep for its next runs (e.g. the id of the
    // list open() created, so the next run adds to the same list). Empty = unchanged.
    virtual QJsonObject resolvedOptions() const { return {}; }
};

// A kind of destination ("exchange", "csv", ...). Stateless; one instance per kind.
class DestinationConnector
{
public:
    virtual ~DestinationConnector() = default;

    virtual QString kind() const = 0;
    virtual QStringList secretNames() const = 0;

    // What a share to this kind may ask for.
    virtual QList<Share::ShareAction> supportedActions() const = 0;
    // The fields an endpoint of this kind accepts. The default takes any field and requires
    // none (a CSV file); API destinations declare their own, and exchange endpoints the
    // identifiers and attributes they registered.
    virtual DestinationSchema schema(const Endpoint &endpoint) const
    {
        Q_UNUSED(endpoint)
        return DestinationSchema{{}, true, 0};
    }
    // Rows per batch the destination takes at most (the engine may send fewer).
    virtual int maxBatchRows() const = 0;
    // True when batches already acknowledged stay applied after an interruption, so a resumed
    // run may skip them (an HTTP API with idempotency keys); false when an interrupted
    // delivery leaves nothing behind and must start over (a file written atomically).
    virtual bool deliveredBatchesSurvive() const = 0;

    virtual std::unique_ptr<DestinationDelivery> createDelivery(ConnectorContext &context,
                                                                const DeliveryTarget &target) = 0;
};

} // namespace courier
