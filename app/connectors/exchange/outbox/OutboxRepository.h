#pragma once

#include <optional>
#include <QCoreApplication>
#include <QDateTime>
#include <QList>
#include <QString>

namespace courier {

class Database;

// One prepared file an exchange PULL consumer fetches from the app's listener (table outbox,
// schema v6). The one-time token that unlocks the file is never stored: only its SHA-256.
struct OutboxJob
{
    // ready → pulled → completed | failed; ready/pulled → expired when the link runs out.
    enum class Status { Ready, Pulled, Completed, Failed, Expired };

    qint64 id = 0;    // the job id the consumer sees
    qint64 runId = 0; // 0: not known
    qint64 endpointId = 0;
    QString tokenSha256; // lower-case hex
    QString filePath;    // relative to the profile folder, '/' separators
    QString action;      // "add", "replace" or "remove"
    qint64 rows = 0;
    qint64 bytes = 0;
    QString sha256; // of the file, lower-case hex
    QDateTime createdAt;
    QDateTime expiresAt;
    QDateTime pulledAt; // invalid until a pull started (and again after one broke off)
    Status status = Status::Ready;

    // What the consumer reported (Completed / Failed). Kept in the status_message column as
    // {"message": …, "rowsAccepted": n, "rowsRejected": n}; -1 = not said.
    QString message;
    qint64 rowsAccepted = -1;
    qint64 rowsRejected = -1;

    bool isFinal() const
    {
        return status == Status::Completed || status == Status::Failed || status == Status::Expired;
    }
};

// Stable lower-case keys, as stored; never translate them.
QString outboxStatusToString(OutboxJob::Status status);
std::optional<OutboxJob::Status> outboxStatusFromString(QStringView key);

// The outbox table. Usable from any thread (the run's and the listener's).
class OutboxRepository
{
    Q_DECLARE_TR_FUNCTIONS(courier::OutboxRepository)

public:
    explicit OutboxRepository(const Database &database);

    // Records a new job (status ready); its id, or nullopt + *error.
    std::optional<qint64> add(const OutboxJob &job, QString *error);
    // nullopt with *error empty: no such job.
    std::optional<OutboxJob> find(qint64 id, QString *error = nullptr) const;

    // Marks the start of a pull, atomically, so two requests with the same link cannot both
    // get the file.
    enum class Claim {
        Claimed,
        AlreadyPulled, // or already reported on: the link is used up
        Expired,
        Missing,
        Failed, // the cache could not be read or written: *error
    };
    Claim claim(qint64 id, const QDateTime &now, QString *error);
    // A pull that broke off before the whole file went out does not use the link up.
    bool release(qint64 id, QString *error);

    // The consumer's report. Stored while the job is ready, pulled or expired; the same final
    // status again is a Duplicate (nothing changes), another one a Conflict.
    enum class Report { Stored, Duplicate, Conflict, Missing, Failed };
    Report report(qint64 id, OutboxJob::Status status, const QString &message, qint64 rowsAccepted,
                  qint64 rowsRejected, QString *error);

    // A new one-time token (the old link stops working) and expiry, for a job whose
    // notification may never have reached the consumer.
    bool renew(qint64 id, const QString &tokenSha256, const QDateTime &expiresAt, QString *error);
    bool setStatus(qint64 id, OutboxJob::Status status, QString *error);
    bool remove(qint64 id, QString *error);

    // Jobs still ready or pulled whose link ran out.
    QList<OutboxJob> expired(const QDateTime &now, QString *error) const;
    // The files of every job whose file may still be needed (ready or pulled), relative.
    QStringList liveFiles(QString *error) const;
    // Forgets final jobs whose link ran out before olderThan.
    bool prune(const QDateTime &olderThan, QString *error);

private:
    const Database &m_database;
};

} // namespace courier
