#pragma once

#include "connectors/ConnectorContext.h"
#include "model/Audience.h"
#include "pipeline/RowReader.h"

#include <memory>
#include <QJsonObject>
#include <QList>
#include <QStringList>

namespace courier {

// What one run asks of a source.
struct FetchRequest
{
    AudienceInfo audience; // as cached, with its details
    // Source columns the mapping reads, in first-use order; empty = every column the audience
    // offers (a pass-through share).
    QStringList columns;
    // The share's source options (Share::sourceOptions), e.g. an APSIS event window.
    QJsonObject options;
};

// One run's fetch of one audience: request an export, wait for it, download it to the run's
// work directory, then read it back as rows. Lives and is called on the run's thread.
class SourceFetch
{
public:
    virtual ~SourceFetch() = default;

    // Requests, polls and downloads. Resumes from context.checkpoint("source") where it can
    // (an export already requested, files already downloaded). done is called exactly once,
    // unless cancel() is called first.
    virtual void fetch(StepDone done) = 0;

    // Stops whatever is in flight; done will not be called.
    virtual void cancel() = 0;

    // After a successful fetch: the rows, streamed from the downloaded files (the run's thread
    // is a worker; reading may take a while). nullptr + *error when they cannot be read.
    virtual std::unique_ptr<RowReader> openRows(QString *error) = 0;

    // True when the rows come from the same snapshot as before the interruption (same export,
    // same files), so a resumed delivery may skip the batches already delivered.
    virtual bool resumedSameSnapshot() const = 0;
};

// A kind of source system ("exchange", "ga4", ...). Stateless; one instance per kind.
class SourceConnector
{
public:
    virtual ~SourceConnector() = default;

    virtual QString kind() const = 0;
    // Names of the keychain secrets this kind needs (see ConnectorContext::secret).
    virtual QStringList secretNames() const = 0;

    using ListDone =
        std::function<void(bool ok, const QList<AudienceInfo> &audiences, const QString &error)>;
    // Lists the endpoint's audiences (all pages). The returned object runs the listing;
    // destroying it cancels. done is called exactly once unless cancelled.
    virtual std::unique_ptr<QObject> listAudiences(ConnectorContext &context, ListDone done) = 0;

    // A fetch for one run. A request the source would refuse (bad options) makes fetch()
    // fail with the reason before any network call.
    virtual std::unique_ptr<SourceFetch> createFetch(ConnectorContext &context,
                                                     const FetchRequest &request) = 0;
};

} // namespace courier
