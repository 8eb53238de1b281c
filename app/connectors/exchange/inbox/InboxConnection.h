#pragma once

#include "connectors/exchange/outbox/OutboxRoutes.h"
#include "ExchangeInbox.h"
#include "InboxService.h"

#include <memory>
#include <optional>
#include <QByteArray>
#include <QCryptographicHash>
#include <QObject>
#include <QTimer>

class QTcpSocket;
class QTemporaryFile;

namespace courier::inbox {

// One client connection, one request: reads the head, lets the Service admit or refuse it
// before any of the body is read, streams an admitted body to a spool file (hashing it on the
// way), then has the Service store it and answers. Deletes itself when done.
//
//   Head ──admit──▶ Body ──store──▶ Closing
//     └──refuse──────────────────▶ Lingering (discarding what still comes) ──▶ Closing
//
// Requests under /exchange/v1/outbox/ go to the OutboxRoutes instead: a pull streams the file
// as the socket drains (Streaming), a status report's small body is read into memory
// (ReportBody) and stored.
class Connection final : public QObject
{
    Q_OBJECT

public:
    // Takes ownership of socket.
    Connection(QTcpSocket *socket, const Service &service, const ExchangeInboxSettings &settings,
               QObject *parent = nullptr);
    ~Connection() override;

    // Answers at once and closes (too many connections, shutting down).
    void refuse(int status, const QString &message, const HeaderList &headers = {});

signals:
    void versionStored(qint64 audienceId, qint64 versionId);
    void pushRefused(qint64 endpointId, int status, const QString &message);

private:
    enum class State { Head, Body, ReportBody, Streaming, Lingering, Closing };

    void onReadyRead();
    void readHead();
    void readBody(QByteArrayView data);
    void finishBody();
    void admitOutbox(const OutboxRoutes &routes, const RequestHead &head, qsizetype headSize);
    void readReport(QByteArrayView data);
    void startDownload(OutboxDownload download);
    void pumpDownload();
    void endDownload(bool complete);
    void onIdle();
    void answer(const Answer &answer);
    void close();

    QTcpSocket *m_socket; // owned (child)
    const Service &m_service;
    const ExchangeInboxSettings m_settings;
    State m_state = State::Head;
    QByteArray m_head;
    std::optional<PushTicket> m_ticket;
    std::unique_ptr<QTemporaryFile> m_spool;
    QCryptographicHash m_hash{QCryptographicHash::Sha256};
    qint64 m_received = 0;
    QTimer m_timer; // idle while reading or sending; the linger deadline after a refusal

    const OutboxRoutes *m_outbox = nullptr; // set when the request is the outbox's
    std::optional<OutboxReport> m_report;
    QByteArray m_reportBody;
    std::optional<OutboxDownload> m_download; // while its bytes go out
    qint64 m_sent = 0;
};

} // namespace courier::inbox
