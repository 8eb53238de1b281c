#include "InboxConnection.h"

#include "common/Logging.h"

#include <QTcpSocket>
#include <QTemporaryFile>

namespace courier::inbox {

namespace {

// Bytes read from the socket at a time; also what Qt buffers for us, so a fast client is held
// back by TCP flow control instead of filling memory.
constexpr qint64 ReadChunk = 64 * 1024;
// A download is read from its file this much at a time, and no more than WriteWindow bytes
// wait in the socket's buffer: a slow consumer holds the file back, not memory.
constexpr qint64 FileChunk = 64 * 1024;
constexpr qint64 WriteWindow = 256 * 1024;

} // namespace

Connection::Connection(QTcpSocket *socket, const Service &service,
                       const ExchangeInboxSettings &settings, QObject *parent)
    : QObject(parent)
    , m_socket(socket)
    , m_service(service)
    , m_settings(settings)
{
    m_socket->setParent(this);
    m_socket->setReadBufferSize(ReadChunk);
    connect(m_socket, &QTcpSocket::readyRead, this, &Connection::onReadyRead);
    connect(m_socket, &QTcpSocket::disconnected, this, &QObject::deleteLater);
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &Connection::onIdle);
    m_timer.start(m_settings.idleTimeout);
    // Bytes may have arrived before the signal was connected.
    QMetaObject::invokeMethod(this, &Connection::onReadyRead, Qt::QueuedConnection);
}

Connection::~Connection()
{
    // An unfinished spool file is removed with m_spool; an unfinished download gives its link
    // back.
    if (m_download)
        endDownload(false);
}

void Connection::refuse(int status, const QString &message, const HeaderList &headers)
{
    answer(Service::refusal(status, message, headers));
}

void Connection::onReadyRead()
{
    switch (m_state) {
    case State::Head:
        readHead();
        break;
    case State::Body:
    case State::ReportBody:
        break;
    case State::Streaming:
    case State::Lingering:
    case State::Closing:
        m_socket->skip(m_socket->bytesAvailable());
        return;
    }
    while ((m_state == State::Body || m_state == State::ReportBody) &&
           m_socket->bytesAvailable() > 0) {
        m_timer.start(m_settings.idleTimeout);
        const QByteArray data = m_socket->read(ReadChunk);
        if (m_state == State::Body)
            readBody(data);
        else
            readReport(data);
    }
}

void Connection::readHead()
{
    const qint64 room = m_settings.maxHeadBytes - m_head.size();
    if (room > 0)
        m_head += m_socket->read(room);
    if (m_head.isEmpty())
        return;
    m_timer.start(m_settings.idleTimeout);
    const qsizetype size = headSize(m_head);
    if (size < 0) {
        if (m_head.size() >= m_settings.maxHeadBytes)
            answer(
                Service::refusal(431, Service::tr("The request line and headers exceed %1 bytes.")
                                          .arg(m_settings.maxHeadBytes)));
        return;
    }

    int status = 400;
    QString error;
    const auto head = parseHead(QByteArrayView(m_head).first(size), &status, &error);
    if (!head)
        return answer(Service::refusal(status, error));
    if (const OutboxRoutes *outbox = m_service.outboxRoutes();
        outbox && OutboxRoutes::handles(head->path))
        return admitOutbox(*outbox, *head, size);
    auto admitted = m_service.admit(*head);
    if (auto *refused = std::get_if<Answer>(&admitted))
        return answer(*refused);

    m_ticket = std::get<PushTicket>(std::move(admitted));
    QString spoolError;
    m_spool = m_service.createSpool(*m_ticket, &spoolError);
    if (!m_spool) {
        qCWarning(lcConnectors).noquote() << "exchange inbox:" << spoolError;
        return answer(Service::refusal(500, Service::tr("The app could not keep the audience.")));
    }
    const QByteArray early = m_head.mid(size); // body bytes that came with the head
    m_head.clear();
    m_state = State::Body;
    if (m_ticket->expectContinue && early.isEmpty())
        m_socket->write(continueResponse());
    if (m_ticket->contentLength == 0)
        return finishBody();
    if (!early.isEmpty())
        readBody(early);
}

void Connection::readBody(QByteArrayView data)
{
    const qint64 take = std::min<qint64>(data.size(), m_ticket->contentLength - m_received);
    const QByteArrayView part = data.first(take);
    if (m_spool->write(part.data(), part.size()) != part.size()) {
        qCWarning(lcConnectors) << "exchange inbox: cannot write the spool:"
                                << m_spool->errorString();
        return answer(Service::refusal(
            500, Service::tr("The app could not keep the audience (is the disk full?).")));
    }
    m_hash.addData(part);
    m_received += take;
    if (m_received == m_ticket->contentLength)
        finishBody();
}

void Connection::finishBody()
{
    m_timer.stop();
    m_state = State::Closing; // the whole body is read; what may follow is not ours
    answer(m_service.store(*m_ticket, *m_spool, QString::fromLatin1(m_hash.result().toHex())));
}

void Connection::admitOutbox(const OutboxRoutes &routes, const RequestHead &head,
                             qsizetype headSize)
{
    m_outbox = &routes;
    auto admitted = routes.admit(head);
    if (auto *refused = std::get_if<Answer>(&admitted))
        return answer(*refused);
    if (auto *download = std::get_if<OutboxDownload>(&admitted)) {
        m_head.clear();
        return startDownload(std::move(*download));
    }
    m_report = std::get<OutboxReport>(admitted);
    const QByteArray early = m_head.mid(headSize);
    m_head.clear();
    m_state = State::ReportBody;
    if (m_report->expectContinue && early.isEmpty())
        m_socket->write(continueResponse());
    if (m_report->contentLength == 0 || !early.isEmpty())
        readReport(early);
}

void Connection::readReport(QByteArrayView data)
{
    m_reportBody.append(
        data.first(std::min<qint64>(data.size(), m_report->contentLength - m_reportBody.size())));
    if (m_reportBody.size() < m_report->contentLength)
        return;
    m_timer.stop();
    m_state = State::Closing; // the whole body is read; what may follow is not ours
    answer(m_outbox->report(*m_report, m_reportBody));
}

void Connection::startDownload(OutboxDownload download)
{
    m_download = std::move(download);
    m_state = State::Streaming;
    connect(m_socket, &QTcpSocket::bytesWritten, this, &Connection::pumpDownload);
    m_socket->write(m_download->head);
    pumpDownload();
}

void Connection::pumpDownload()
{
    if (m_state != State::Streaming || !m_download)
        return;
    m_timer.start(m_settings.idleTimeout); // the consumer is taking bytes
    while (m_sent < m_download->size && m_socket->bytesToWrite() < WriteWindow) {
        const QByteArray chunk =
            m_download->file->read(std::min<qint64>(FileChunk, m_download->size - m_sent));
        if (chunk.isEmpty()) {
            qCWarning(lcConnectors) << "exchange outbox: cannot read the file of job"
                                    << m_download->jobId << ":" << m_download->file->errorString();
            endDownload(false);
            m_socket->abort(); // the consumer sees a short body, never a wrong one
            deleteLater();
            return;
        }
        m_socket->write(chunk);
        m_sent += chunk.size();
    }
    if (m_sent == m_download->size && m_socket->bytesToWrite() == 0) {
        endDownload(true);
        close();
    }
}

void Connection::endDownload(bool complete)
{
    const qint64 jobId = m_download->jobId;
    m_download.reset(); // closes the file before the routes may delete it
    m_outbox->downloadEnded(jobId, complete);
}

void Connection::onIdle()
{
    switch (m_state) {
    case State::Head:
        if (m_head.isEmpty()) {
            m_socket->abort(); // a connection that never said anything gets no answer
            return;
        }
        [[fallthrough]];
    case State::Body:
    case State::ReportBody:
        answer(Service::refusal(408, Service::tr("The request was not sent in time.")));
        return;
    case State::Streaming:
        endDownload(false); // the consumer stopped reading; the link may be used again
        m_socket->abort();
        deleteLater();
        return;
    case State::Lingering:
        close();
        return;
    case State::Closing:
        m_socket->abort(); // the client does not read its answer; give up
        return;
    }
}

void Connection::answer(const Answer &result)
{
    m_spool.reset(); // removed unless the Service kept it as a version
    Answer answered = result;
    if (answered.endpointId == 0 && m_ticket)
        answered.endpointId = m_ticket->endpoint.id;
    if (answered.stored)
        emit versionStored(answered.audienceId, answered.versionId);
    if (m_outbox) {
        // Not a push: the outbox's requests are only logged.
        if (answered.status >= 400)
            qCInfo(lcConnectors).noquote() << "exchange outbox: refused a request with"
                                           << answered.status << "-" << answered.message;
    } else if (answered.status >= 400) {
        qCInfo(lcConnectors).noquote()
            << "exchange inbox: refused a push for endpoint" << answered.endpointId << "with"
            << answered.status << "-" << answered.message;
        emit pushRefused(answered.endpointId, answered.status, answered.message);
    }
    m_socket->write(answered.bytes);
    if (m_state == State::Closing) {
        close();
        return;
    }
    // The body may still be on its way: keep reading (and dropping) it for a while, or the
    // client could get a reset connection instead of the answer.
    m_state = State::Lingering;
    m_socket->skip(m_socket->bytesAvailable());
    m_timer.start(m_settings.lingerTimeout);
}

void Connection::close()
{
    m_state = State::Closing;
    m_timer.start(m_settings.lingerTimeout);
    if (m_socket->state() == QAbstractSocket::UnconnectedState)
        deleteLater();
    else
        m_socket->disconnectFromHost(); // after the answer is written; then disconnected()
}

} // namespace courier::inbox
