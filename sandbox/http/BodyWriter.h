#pragma once

#include "sandbox/faults/Faults.h"
#include "sandbox/http/ChunkSource.h"
#include "sandbox/http/GzipEncoder.h"

#include <functional>
#include <memory>
#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

class QTcpSocket;

namespace courier::sandbox {

// Writes one response body to a socket, a piece at a time: it refills only while the socket
// holds less than HighWater unwritten bytes and resumes on bytesWritten, so a body of any size
// costs a bounded amount of memory and the event loop stays responsive. It also carries out
// the body faults of the request's FaultPlan: throttling, dropping or stalling after N body
// bytes, and cutting a gzip stream short. A child of the socket: if the client goes away the
// writer goes with it.
class BodyWriter : public QObject
{
    Q_OBJECT

public:
    enum class Outcome { Complete, Truncated, Dropped, Stalled, ClientGone };
    static QString outcomeName(Outcome outcome);

    struct Setup
    {
        std::unique_ptr<ChunkSource> source;
        bool chunked = false; // Transfer-Encoding: chunked, else the head gave Content-Length
        std::unique_ptr<GzipEncoder> gzip; // null: the body goes out as the source makes it
        std::shared_ptr<FaultPlan> faults;
        bool closeAfter = false;                             // Connection: close was asked for
        std::function<void(Outcome, qint64 bodyBytes)> done; // once, also when the client left
    };

    static constexpr qint64 HighWater = 1 << 20;
    static constexpr qsizetype ChunkBudget = 64 << 10;

    BodyWriter(QTcpSocket *socket, Setup setup);
    ~BodyWriter() override;

    void start();

private:
    void pump();
    bool refill();
    void frame(const QByteArray &data);
    qint64 allowance(); // bytes the throttle lets through now
    bool triggerDrop();
    bool triggerStall();
    void abortWhenFlushed();
    void end(Outcome outcome);

    QTcpSocket *m_socket;
    Setup m_setup;
    QByteArray m_raw;
    QByteArray m_coded;
    QByteArray m_pending; // framed bytes ready for the socket
    qsizetype m_offset = 0;
    qint64 m_sent = 0; // body bytes handed to the socket (framing included)
    bool m_sourceDone = false;
    bool m_truncated = false;
    bool m_dropping = false;
    bool m_ended = false;

    qint64 m_dropAt = -1;
    qint64 m_stallAt = -1;
    bool m_truncate = false;
    qint64 m_rate = 0;
    double m_tokens = 0;
    QElapsedTimer m_clock;
    QTimer m_throttle;
};

} // namespace courier::sandbox
