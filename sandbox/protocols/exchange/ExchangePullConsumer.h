#pragma once

#include "sandbox/SandboxContext.h"

#include <memory>
#include <QByteArray>
#include <QDateTime>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QSet>
#include <QStringList>
#include <QUrl>

class QNetworkAccessManager;
class QObject;

namespace courier::sandbox {

// The exchange PULL consumer (docs/exchange-protocol.md, "PULL consumer"): a destination that
// is told by the app that a file is ready (POST /exchange/v1/pull-jobs), pulls it from the
// app's listener over real loopback HTTP with the exchange key, checks it (bytes, SHA-256,
// rows), applies it to one of its lists (add / replace / remove by the first column, the member
// key) and reports COMPLETED or FAILED to the job's status URL. Routes: ExchangePullConsumer.cpp.
class ExchangePullConsumerState : public ProtocolState
{
public:
    // How the consumer behaves from now on (PUT /sandbox/pull-consumer/behaviour), so tests can
    // make it slow, forgetful or unhappy.
    struct Behaviour
    {
        bool pull = true;    // false: accept notifications, never pull
        int pulls = 1;       // pull each link this many times (2: see the one-time link refused)
        int pullDelayMs = 0; // wait this long after the notification before pulling
        bool report = true;  // false: pull and apply, never report
        QString failWith;    // non-empty: report FAILED with this message after pulling

        QJsonObject toJson() const;
        static bool fromJson(const QJsonObject &json, Behaviour *out, QString *error);
    };

    struct Job
    {
        QString jobId;
        QString list;
        QUrl dataUrl;
        QUrl statusUrl;
        QString action;
        qint64 rows = 0;
        qint64 bytes = 0;
        QByteArray sha256;
        QStringList columns;
        QString expiresAt;
        QDateTime notifiedAt;

        // "waiting" (told, not pulled yet), "pulling", "applied", "failed", "held" (told never
        // to pull)
        QString state = QStringLiteral("waiting");
        QList<int> pullStatuses; // HTTP status of each pull (0: no answer)
        qint64 bytesPulled = 0;
        QByteArray sha256Pulled;
        qint64 rowsPulled = 0;
        qint64 rowsAccepted = 0;
        qint64 rowsRejected = 0;
        QString error;        // why it failed
        int reportStatus = 0; // the app's answer to the report (0: none yet / no answer)
        QJsonObject reportAnswer;
    };

    struct List
    {
        QString name;
        QByteArray keyColumn = QByteArrayLiteral("key");
        QSet<QByteArray> members;
        qint64 jobsApplied = 0;
    };

    explicit ExchangePullConsumerState(SandboxContext &context);
    ~ExchangePullConsumerState() override;

    Behaviour &behaviour() { return m_behaviour; }
    const QList<Job> &jobs() const { return m_jobs; }
    const Job *job(const QString &jobId) const;
    const List *list(const QString &name) const;
    QList<const List *> lists() const;

    // A notification: a new job (true), or a repeat of one already known (false: nothing
    // more happens).
    bool notify(Job job);

    QJsonObject toJson() const;
    static QJsonObject jobJson(const Job &job);
    static QJsonObject listJson(const List &list);
    // A list's members, sorted, as CSV (CRLF) headed by the key column's name.
    static QByteArray membersCsv(const List &list);

    void reset() override;

private:
    Job *find(const QString &jobId, const QUrl &dataUrl);
    void pull(const QString &jobId, const QUrl &dataUrl, int remaining);
    void pulled(const QString &jobId, const QUrl &dataUrl, int status, const QString &error,
                const QString &spoolPath);
    void apply(Job &job, const QString &spoolPath);
    void sendReport(Job &job, bool completed, const QString &message);

    SandboxContext &m_context;
    std::unique_ptr<QObject> m_guard; // parent of the network and timers; reset() drops them
    QNetworkAccessManager *m_network = nullptr;
    quint64 m_generation = 0;
    Behaviour m_behaviour;
    QList<Job> m_jobs;
    QHash<QString, List> m_lists;
    QStringList m_listOrder;
};

} // namespace courier::sandbox
