#include "sandbox/http/BodyWriter.h"

#include "sandbox/Logging.h"

#include <QTcpSocket>

using namespace Qt::StringLiterals;

namespace courier::sandbox {

QString BodyWriter::outcomeName(Outcome outcome)
{
    switch (outcome) {
    case Outcome::Complete:
        return u"complete"_s;
    case Outcome::Truncated:
        return u"gzip truncated"_s;
    case Outcome::Dropped:
        return u"dropped"_s;
    case Outcome::Stalled:
        return u"stalled"_s;
    case Outcome::ClientGone:
        return u"client went away"_s;
    }
    return {};
}

BodyWriter::BodyWriter(QTcpSocket *socket, Setup setup)
    : QObject(socket)
    , m_socket(socket)
    , m_setup(std::move(setup))
{
    if (!m_setup.faults)
        m_setup.faults = std::make_shared<FaultPlan>();
    const FaultPlan &plan = *m_setup.faults;
    if (const FaultRule *rule = plan.peek(FaultKind::DropAfterBytes))
        m_dropAt = rule->dropAfterBytes;
    if (const FaultRule *rule = plan.peek(FaultKind::StallAfterBytes))
        m_stallAt = rule->stallAfterBytes;
    m_truncate = m_setup.gzip && plan.peek(FaultKind::TruncateGzip);

    m_throttle.setSingleShot(true);
    connect(&m_throttle, &QTimer::timeout, this, &BodyWriter::pump);
    connect(m_socket, &QTcpSocket::bytesWritten, this, &BodyWriter::pump);
    connect(m_socket, &QTcpSocket::disconnected, this, [this] { end(Outcome::ClientGone); });
}

BodyWriter::~BodyWriter()
{
    // The socket died under us (the client closed it, or the server is shutting down).
    if (!m_ended && m_setup.done)
        m_setup.done(Outcome::ClientGone, m_sent);
}

void BodyWriter::start()
{
    // A throttle is decided for the whole body, so it is taken (and counted) up front.
    if (m_setup.faults->peek(FaultKind::SlowBody)) {
        if (const auto rule = m_setup.faults->take(FaultKind::SlowBody)) {
            m_rate = rule->slowBytesPerSecond;
            m_clock.start();
        }
    }
    pump();
}

qint64 BodyWriter::allowance()
{
    if (m_rate <= 0)
        return std::numeric_limits<qint64>::max();
    // A token bucket holding at most a fifth of a second's worth, so the rate is smooth.
    const double elapsed = double(m_clock.restart()) / 1000.0;
    const double burst = std::max(double(m_rate) / 5.0, 1.0);
    m_tokens = std::min(m_tokens + elapsed * double(m_rate), burst);
    return qint64(m_tokens);
}

void BodyWriter::pump()
{
    if (m_ended || m_dropping)
        return;
    if (m_socket->state() != QAbstractSocket::ConnectedState) {
        end(Outcome::ClientGone);
        return;
    }
    for (;;) {
        if (m_dropAt >= 0 && m_sent >= m_dropAt && triggerDrop())
            return;
        if (m_stallAt >= 0 && m_sent >= m_stallAt && triggerStall())
            return;
        if (m_socket->bytesToWrite() >= HighWater)
            return; // resumed by bytesWritten
        if (m_offset >= m_pending.size()) {
            m_pending.resize(0); // keeps the capacity for the next piece
            m_offset = 0;
            if (!refill()) {
                end(m_truncated ? Outcome::Truncated : Outcome::Complete);
                return;
            }
            continue;
        }
        qint64 n = m_pending.size() - m_offset;
        if (m_dropAt >= 0)
            n = std::min(n, m_dropAt - m_sent);
        if (m_stallAt >= 0)
            n = std::min(n, m_stallAt - m_sent);
        n = std::min(n, allowance());
        if (n <= 0) {
            m_throttle.start(20);
            return;
        }
        const qint64 written = m_socket->write(m_pending.constData() + m_offset, n);
        if (written <= 0) {
            end(Outcome::ClientGone);
            return;
        }
        m_offset += written;
        m_sent += written;
        if (m_rate > 0)
            m_tokens -= double(written);
    }
}

void BodyWriter::frame(const QByteArray &data)
{
    if (data.isEmpty())
        return; // an empty chunk would end a chunked body
    if (m_setup.chunked) {
        m_pending += QByteArray::number(data.size(), 16);
        m_pending += "\r\n";
        m_pending += data;
        m_pending += "\r\n";
    } else {
        m_pending += data;
    }
}

bool BodyWriter::refill()
{
    while (m_pending.isEmpty()) {
        if (m_sourceDone)
            return false;
        m_raw.resize(0);
        m_coded.resize(0);
        if (!m_setup.source->atEnd())
            m_setup.source->produce(m_raw, ChunkBudget);
        const bool last = m_setup.source->atEnd();
        if (m_setup.gzip) {
            m_setup.gzip->feed(m_raw, m_coded);
            const double progress = m_setup.source->progress();
            // Cut near the middle when the source can tell where that is, else just before the
            // trailer: either way the gzip member never ends, though HTTP framing does.
            if (m_truncate && (last || progress >= 0.5) &&
                m_setup.faults->take(FaultKind::TruncateGzip)) {
                m_setup.gzip->sync(m_coded);
                m_truncated = true;
                m_sourceDone = true;
            } else if (last) {
                m_setup.gzip->finish(m_coded);
                m_sourceDone = true;
            }
            frame(m_coded);
        } else {
            frame(m_raw);
            m_sourceDone = last;
        }
        if (m_sourceDone && m_setup.chunked)
            m_pending += "0\r\n\r\n";
    }
    return true;
}

bool BodyWriter::triggerDrop()
{
    if (!m_setup.faults->take(FaultKind::DropAfterBytes)) {
        m_dropAt = -1; // another request used the rule's last time first
        return false;
    }
    m_dropping = true;
    qCDebug(lcSandbox).noquote() << u"dropping the connection after %1 body bytes"_s.arg(m_sent);
    abortWhenFlushed();
    return true;
}

void BodyWriter::abortWhenFlushed()
{
    // abort() discards what is still buffered: wait until the N bytes are really sent.
    if (m_socket->bytesToWrite() > 0) {
        connect(m_socket, &QTcpSocket::bytesWritten, this, &BodyWriter::abortWhenFlushed,
                Qt::UniqueConnection);
        return;
    }
    end(Outcome::Dropped);
    m_socket->abort();
}

bool BodyWriter::triggerStall()
{
    if (!m_setup.faults->take(FaultKind::StallAfterBytes)) {
        m_stallAt = -1;
        return false;
    }
    qCDebug(lcSandbox).noquote() << u"stalling after %1 body bytes"_s.arg(m_sent);
    // Stays alive, silent, until the client gives up and closes the connection.
    end(Outcome::Stalled);
    return true;
}

void BodyWriter::end(Outcome outcome)
{
    if (m_ended)
        return;
    m_ended = true;
    m_throttle.stop();
    if (m_setup.done)
        m_setup.done(outcome, m_sent);
    if (outcome == Outcome::Stalled || outcome == Outcome::Dropped)
        return; // stalled: the socket stays open and silent; dropped: being aborted
    disconnect(m_socket, nullptr, this, nullptr);
    if (outcome != Outcome::ClientGone && m_setup.closeAfter)
        m_socket->disconnectFromHost();
    deleteLater();
}

} // namespace courier::sandbox
