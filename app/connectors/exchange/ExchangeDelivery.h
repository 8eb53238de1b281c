#pragma once

#include "connectors/Destination.h"
#include "ExchangeApi.h"

#include <QCoreApplication>
#include <QObject>
#include <QPointer>

namespace courier {

// One run's delivery to an exchange consumer list (docs/exchange-protocol.md, PUSH):
//  - open: the list in target.options "destinationId" (checked with a GET), else the one a
//    resumed delivery created, else a new list named after the share (POST), exposed through
//    resolvedOptions() so the share keeps it;
//  - send: the batch as CSV (header + rows, RFC 4180, first column = member key) with
//    Idempotency-Key = the batch's key: Add = POST, Remove = DELETE, Replace = PUT in a session
//    (Exchange-Session, Exchange-Batch = the batch number, Exchange-Last-Batch: false);
//  - commit: Add/Remove have nothing to do; Replace sends one more, header-only batch numbered
//    after the last one with Exchange-Last-Batch: true, which applies the staged session at
//    once. (Marking the last data batch instead would mean holding every batch back until the
//    next one shows it was not the last; the empty closing batch also replaces with nothing
//    when the audience is empty.)
//
// Checkpoint "destination":
//   {"destinationId": "...", "session": "<uuid>" (Replace only), "lastBatch": n}
// so a resumed delivery reuses the list it created and continues the same replace session;
// lastBatch (Replace: saved after every acknowledged batch) is the highest batch number
// acknowledged, so commit numbers its closing batch right (the exchange wants them in order)
// even when the resumed run had nothing left to send. The closing batch's Idempotency-Key is
// "<session>:last", so a commit repeated after an interruption is not applied twice.
class ExchangeDelivery final : public DestinationDelivery
{
    Q_DECLARE_TR_FUNCTIONS(ExchangeDelivery)

public:
    // The exchange takes at most this much per batch (rows are limited by maxBatchRows()).
    static constexpr qsizetype MaxBatchBytes = 16 << 20;

    ExchangeDelivery(ConnectorContext &context, DeliveryTarget target);
    ~ExchangeDelivery() override;

    void open(const QStringList &columns, Share::ShareAction action, bool resuming,
              StepDone done) override;
    void send(const RowBatch &batch, const DeliveryBatch &info, StepDone done) override;
    void commit(StepDone done) override;
    void abort() override;
    QString outputDescription() const override;
    QJsonObject resolvedOptions() const override;

    // The exchange's counts, summed over the answers of this delivery.
    qint64 acceptedRows() const { return m_accepted; }
    qint64 rejectedRows() const { return m_rejected; }
    int duplicateBatches() const { return m_duplicates; }
    QString destinationId() const { return m_destinationId; }
    QString sessionId() const { return m_session; }

    // header + rows as RFC 4180 CSV (CRLF, quotes only where needed, no formula guard: the
    // exchange is a machine and must get the values as they are).
    static QByteArray toCsv(const QStringList &columns, const RowBatch &batch);

private:
    void verifyDestination(const QString &id);
    void createDestination();
    void opened(const QString &id, const QString &name);
    void transfer(const QByteArray &csv, qint64 number, const QByteArray &key, bool last, int rows);
    void onTransferred(const ExchangeReply &reply, qint64 number, int rows, qsizetype bytes,
                       bool last);
    void saveCheckpoint();
    void complete(bool ok, const QString &error = {});
    void completeLater(bool ok, const QString &error = {});

    ExchangeApi m_api;
    ConnectorContext &m_context;
    DeliveryTarget m_target;
    QStringList m_columns;
    Share::ShareAction m_action = Share::ShareAction::Add;
    bool m_resuming = false;

    QObject m_owner; // parent of the jobs; their callbacks die with it
    QPointer<HttpJob> m_job;
    StepDone m_done; // of the step in progress

    QString m_destinationId;
    QString m_destinationName;
    bool m_created = false; // this delivery (or the one it resumes) created the list
    QString m_session;
    qint64 m_lastBatch = 0;
    qint64 m_accepted = 0;
    qint64 m_rejected = 0;
    int m_duplicates = 0;
};

} // namespace courier
