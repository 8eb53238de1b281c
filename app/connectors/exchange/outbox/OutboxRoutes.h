#pragma once

#include "connectors/exchange/inbox/InboxService.h"

#include <memory>
#include <QCoreApplication>
#include <QFile>
#include <variant>

namespace courier {

class Outbox;

namespace inbox {

// An admitted pull: the answer's head, then the file's bytes.
struct OutboxDownload
{
    qint64 jobId = 0;
    QByteArray head;             // status line and headers, Content-Length = size
    std::unique_ptr<QFile> file; // open for reading
    qint64 size = 0;
};

// An admitted status report: its body (contentLength bytes, small) is to be read.
struct OutboxReport
{
    qint64 jobId = 0;
    qint64 contentLength = 0;
    bool expectContinue = false;
};

using OutboxAdmission = std::variant<OutboxDownload, OutboxReport, Answer>;

// The PULL consumer's side of the app's exchange listener (docs/exchange-protocol.md, "PULL
// consumer"), next to the PUSH producers' inbox on the same port:
//   GET  /exchange/v1/outbox/{jobId}/data?token=…    the prepared file, once
//   POST /exchange/v1/outbox/{jobId}/status?token=…  the consumer's report
// Both need the consumer endpoint's key as a bearer token, and the job's token (one pull).
// Everything is decided from the request head before a byte is read or sent. Lives on the
// listener's thread.
class OutboxRoutes
{
    Q_DECLARE_TR_FUNCTIONS(courier::inbox::OutboxRoutes)

public:
    static constexpr qint64 MaxReportBytes = 64 * 1024;
    static constexpr qsizetype MaxMessageLength = 2000;

    OutboxRoutes(std::shared_ptr<Outbox> outbox, Service::KeyLookup keys);

    // True for every path under /exchange/v1/outbox/.
    static bool handles(const QByteArray &path);

    OutboxAdmission admit(const RequestHead &head) const;
    // The download went out whole (the file is no longer needed: the link is used up), or it
    // broke off (the link may be used again).
    void downloadEnded(qint64 jobId, bool complete) const;
    // Stores a report whose body has arrived.
    Answer report(const OutboxReport &report, const QByteArray &body) const;

private:
    OutboxAdmission admitDownload(qint64 jobId) const;
    OutboxAdmission admitReport(const RequestHead &head, qint64 jobId) const;

    std::shared_ptr<Outbox> m_outbox;
    Service::KeyLookup m_keys;
};

} // namespace inbox
} // namespace courier
