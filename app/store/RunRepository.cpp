#include "RunRepository.h"

#include "common/Logging.h"
#include "Database.h"

#include <QSqlQuery>

namespace courier {

namespace {

const auto SelectColumns = QStringLiteral(
    "SELECT id, share_id, kind, state, attempt, rows_read, rows_written, rows_rejected, "
    "bytes_read, queued_at, started_at, finished_at, error, source, destination, output_path, "
    "rejected_path, resumed_from, batches_delivered, dry_run FROM runs");

QList<RunState> terminalStates()
{
    QList<RunState> states = allRunStates();
    states.removeIf([](RunState state) { return !isTerminal(state); });
    return states;
}

// "state NOT IN (?, ?, ...)": the state keys are bound like any other value.
QString unfinishedCondition()
{
    QStringList placeholders;
    for (qsizetype i = 0; i < terminalStates().size(); ++i)
        placeholders.append(QStringLiteral("?"));
    return QStringLiteral("state NOT IN (") + placeholders.join(QStringLiteral(", ")) +
           QLatin1Char(')');
}

void bindTerminalStates(QSqlQuery &query)
{
    const QList<RunState> states = terminalStates();
    for (RunState state : states)
        query.addBindValue(runStateToString(state));
}

Run readRun(const QSqlQuery &query)
{
    Run run;
    run.id = query.value(0).toLongLong();
    if (!query.value(1).isNull())
        run.shareId = query.value(1).toLongLong();
    run.kind = query.value(2).toString();
    const QString state = query.value(3).toString();
    if (const auto known = runStateFromString(state)) {
        run.state = *known;
    } else {
        qCWarning(lcStore) << "Unknown run state in the cache:" << state;
        run.state = RunState::Failed;
    }
    run.attempt = query.value(4).toInt();
    run.rowsRead = query.value(5).toLongLong();
    run.rowsWritten = query.value(6).toLongLong();
    run.rowsRejected = query.value(7).toLongLong();
    run.bytesRead = query.value(8).toLongLong();
    run.queuedAt = storage::toDateTime(query.value(9));
    run.startedAt = storage::toDateTime(query.value(10));
    run.finishedAt = storage::toDateTime(query.value(11));
    run.error = query.value(12).toString();
    run.source = query.value(13).toString();
    run.destination = query.value(14).toString();
    run.outputPath = query.value(15).toString();
    run.rejectedPath = query.value(16).toString();
    if (!query.value(17).isNull())
        run.resumedFrom = query.value(17).toLongLong();
    run.batchesDelivered = query.value(18).toLongLong();
    run.dryRun = query.value(19).toBool();
    return run;
}

} // namespace

RunRepository::RunRepository(const Database &database)
    : m_database(database)
{}

QString RunRepository::interruptedMessage()
{
    return tr("Interrupted: the app stopped while this run was in progress");
}

std::optional<qint64> RunRepository::create(const Run &run, QString *error)
{
    return create(run, QJsonObject(), error);
}

std::optional<qint64> RunRepository::create(const Run &run, const QJsonObject &checkpoint,
                                            QString *error)
{
    QSqlQuery query(m_database.connection());
    if (!query.prepare(QStringLiteral(
            "INSERT INTO runs (share_id, kind, state, attempt, rows_read, rows_written, "
            "rows_rejected, bytes_read, queued_at, started_at, finished_at, error, source, "
            "destination, output_path, rejected_path, resumed_from, checkpoint, dry_run) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"))) {
        storage::fail(query, error, tr("Could not record the run."));
        return std::nullopt;
    }
    query.addBindValue(run.shareId ? QVariant(*run.shareId)
                                   : QVariant(QMetaType::fromType<qint64>()));
    query.addBindValue(storage::text(run.kind));
    query.addBindValue(runStateToString(run.state));
    query.addBindValue(run.attempt);
    query.addBindValue(run.rowsRead);
    query.addBindValue(run.rowsWritten);
    query.addBindValue(run.rowsRejected);
    query.addBindValue(run.bytesRead);
    query.addBindValue(storage::timestamp(run.queuedAt.isValid() ? run.queuedAt : storage::now()));
    query.addBindValue(storage::timestamp(run.startedAt));
    query.addBindValue(storage::timestamp(run.finishedAt));
    query.addBindValue(storage::text(run.error));
    query.addBindValue(storage::text(run.source));
    query.addBindValue(storage::text(run.destination));
    query.addBindValue(storage::text(run.outputPath));
    query.addBindValue(storage::text(run.rejectedPath));
    query.addBindValue(run.resumedFrom ? QVariant(*run.resumedFrom)
                                       : QVariant(QMetaType::fromType<qint64>()));
    query.addBindValue(storage::jsonText(checkpoint));
    query.addBindValue(run.dryRun ? 1 : 0);
    if (!query.exec()) {
        storage::fail(query, error, tr("Could not record the run."));
        return std::nullopt;
    }
    return query.lastInsertId().toLongLong();
}

bool RunRepository::start(qint64 id, RunState state, QString *error)
{
    QSqlQuery query(m_database.connection());
    if (!query.prepare(
            QStringLiteral("UPDATE runs SET state = ?, started_at = ? WHERE id = ? AND ") +
            unfinishedCondition()))
        return storage::fail(query, error, tr("Could not record the run's start."));
    query.addBindValue(runStateToString(state));
    query.addBindValue(storage::timestamp(storage::now()));
    query.addBindValue(id);
    bindTerminalStates(query);
    if (!query.exec())
        return storage::fail(query, error, tr("Could not record the run's start."));
    if (query.numRowsAffected() == 0) {
        if (error)
            *error = tr("The run no longer exists or has already finished.");
        return false;
    }
    return true;
}

bool RunRepository::updateProgress(qint64 id, RunState state, qint64 rowsRead, qint64 rowsWritten,
                                   qint64 rowsRejected, qint64 bytesRead, QString *error)
{
    QSqlQuery query(m_database.connection());
    if (!query.prepare(QStringLiteral("UPDATE runs SET state = ?, rows_read = ?, rows_written = ?, "
                                      "rows_rejected = ?, bytes_read = ? WHERE id = ? AND ") +
                       unfinishedCondition()))
        return storage::fail(query, error, tr("Could not record the run's progress."));
    query.addBindValue(runStateToString(state));
    query.addBindValue(rowsRead);
    query.addBindValue(rowsWritten);
    query.addBindValue(rowsRejected);
    query.addBindValue(bytesRead);
    query.addBindValue(id);
    bindTerminalStates(query);
    if (!query.exec())
        return storage::fail(query, error, tr("Could not record the run's progress."));
    if (query.numRowsAffected() == 0) {
        if (error)
            *error = tr("The run no longer exists or has already finished.");
        return false;
    }
    return true;
}

bool RunRepository::saveCheckpoint(qint64 id, const RunProgress &progress,
                                   const QJsonObject &checkpoint, QString *error)
{
    QSqlQuery query(m_database.connection());
    if (!query.prepare(QStringLiteral("UPDATE runs SET state = ?, rows_read = ?, rows_written = ?, "
                                      "rows_rejected = ?, bytes_read = ?, batches_delivered = ?, "
                                      "checkpoint = ? WHERE id = ? AND ") +
                       unfinishedCondition()))
        return storage::fail(query, error, tr("Could not record the run's checkpoint."));
    query.addBindValue(runStateToString(progress.state));
    query.addBindValue(progress.rowsRead);
    query.addBindValue(progress.rowsWritten);
    query.addBindValue(progress.rowsRejected);
    query.addBindValue(progress.bytesRead);
    query.addBindValue(progress.batchesDelivered);
    query.addBindValue(storage::jsonText(checkpoint));
    query.addBindValue(id);
    bindTerminalStates(query);
    if (!query.exec())
        return storage::fail(query, error, tr("Could not record the run's checkpoint."));
    if (query.numRowsAffected() == 0) {
        if (error)
            *error = tr("The run no longer exists or has already finished.");
        return false;
    }
    return true;
}

QJsonObject RunRepository::checkpoint(qint64 id, QString *error) const
{
    QSqlQuery query(m_database.connection());
    query.setForwardOnly(true);
    if (!storage::prepareAndExec(query, QStringLiteral("SELECT checkpoint FROM runs WHERE id = ?"),
                                 {id}, error, tr("Could not read the run's checkpoint.")) ||
        !query.next())
        return {};
    return storage::toJsonObject(query.value(0));
}

std::optional<qint64> RunRepository::unfinishedRunOf(qint64 shareId, QString *error) const
{
    QSqlQuery query(m_database.connection());
    query.setForwardOnly(true);
    if (!query.prepare(QStringLiteral("SELECT id FROM runs WHERE share_id = ? AND ") +
                       unfinishedCondition() + QStringLiteral(" ORDER BY id LIMIT 1"))) {
        storage::fail(query, error, tr("Could not read the share's runs."));
        return std::nullopt;
    }
    query.addBindValue(shareId);
    bindTerminalStates(query);
    if (!query.exec()) {
        storage::fail(query, error, tr("Could not read the share's runs."));
        return std::nullopt;
    }
    if (!query.next())
        return std::nullopt;
    return query.value(0).toLongLong();
}

QList<Run> RunRepository::resumable(const QDateTime &interruptedSince, QString *error) const
{
    QList<Run> runs;
    QSqlQuery query(m_database.connection());
    query.setForwardOnly(true);
    // The newest run of each share only: an interrupted run that a later run superseded, or
    // that was already resumed, stays as history.
    if (!storage::prepareAndExec(
            query,
            SelectColumns +
                QStringLiteral(" WHERE state = ? AND share_id IS NOT NULL AND checkpoint <> '{}' "
                               "AND dry_run = 0 "
                               "AND finished_at >= ? AND NOT EXISTS (SELECT 1 FROM runs later "
                               "WHERE later.share_id = runs.share_id AND later.id > runs.id "
                               "AND later.dry_run = 0) "
                               "ORDER BY id"),
            {runStateToString(RunState::Interrupted), storage::timestamp(interruptedSince)}, error,
            tr("Could not read the interrupted runs.")))
        return runs;
    while (query.next())
        runs.append(readRun(query));
    return runs;
}

bool RunRepository::forgetResumption(qint64 shareId, const QString &reason, QString *error)
{
    QSqlDatabase db = m_database.connection();
    Transaction transaction(db);
    if (!transaction.begin(error))
        return false;
    const QString condition =
        QStringLiteral(" WHERE share_id = ? AND state = ? AND checkpoint <> '{}'");
    QSqlQuery events(db);
    if (!storage::prepareAndExec(
            events,
            QStringLiteral("INSERT INTO run_events (run_id, at, level, message) SELECT id, ?, ?, ? "
                           "FROM runs") +
                condition,
            {storage::timestamp(storage::now()), runEventLevelToString(RunEvent::Level::Info),
             storage::text(reason), shareId, runStateToString(RunState::Interrupted)},
            error, tr("Could not update the interrupted runs.")))
        return false;
    QSqlQuery runs(db);
    if (!storage::prepareAndExec(runs,
                                 QStringLiteral("UPDATE runs SET checkpoint = '{}'") + condition,
                                 {shareId, runStateToString(RunState::Interrupted)}, error,
                                 tr("Could not update the interrupted runs.")))
        return false;
    return transaction.commit(error);
}

bool RunRepository::finish(qint64 id, const RunOutcome &outcome, QString *error)
{
    if (!isTerminal(outcome.state)) {
        qCWarning(lcStore) << "finish() with a non-terminal state"
                           << runStateToString(outcome.state);
        if (error)
            *error = tr("A run cannot finish as “%1”.").arg(runStateDisplayName(outcome.state));
        return false;
    }
    QSqlQuery query(m_database.connection());
    if (!query.prepare(QStringLiteral("UPDATE runs SET state = ?, finished_at = ?, error = ?, "
                                      "output_path = COALESCE(NULLIF(?, ''), output_path), "
                                      "rejected_path = COALESCE(NULLIF(?, ''), rejected_path) "
                                      "WHERE id = ? AND ") +
                       unfinishedCondition()))
        return storage::fail(query, error, tr("Could not record the run's result."));
    query.addBindValue(runStateToString(outcome.state));
    query.addBindValue(storage::timestamp(storage::now()));
    query.addBindValue(storage::text(outcome.error));
    query.addBindValue(storage::text(outcome.outputPath));
    query.addBindValue(storage::text(outcome.rejectedPath));
    query.addBindValue(id);
    bindTerminalStates(query);
    if (!query.exec())
        return storage::fail(query, error, tr("Could not record the run's result."));
    if (query.numRowsAffected() == 0) {
        if (error)
            *error = tr("The run no longer exists or has already finished.");
        return false;
    }
    return true;
}

std::optional<qint64> RunRepository::appendEvent(qint64 runId, RunEvent::Level level,
                                                 const QString &message, QString *error)
{
    QSqlQuery query(m_database.connection());
    if (!query.prepare(QStringLiteral(
            "INSERT INTO run_events (run_id, at, level, message) VALUES (?, ?, ?, ?)"))) {
        storage::fail(query, error, tr("Could not record the run's event."));
        return std::nullopt;
    }
    query.addBindValue(runId);
    query.addBindValue(storage::timestamp(storage::now()));
    query.addBindValue(runEventLevelToString(level));
    query.addBindValue(storage::text(message));
    if (!query.exec()) {
        storage::fail(query, error, tr("Could not record the run's event."));
        return std::nullopt;
    }
    return query.lastInsertId().toLongLong();
}

QList<RunEvent> RunRepository::events(qint64 runId, QString *error) const
{
    QList<RunEvent> events;
    QSqlQuery query(m_database.connection());
    query.setForwardOnly(true);
    if (!query.prepare(QStringLiteral("SELECT id, run_id, at, level, message FROM run_events "
                                      "WHERE run_id = ? ORDER BY at, id"))) {
        storage::fail(query, error, tr("Could not read the run's events."));
        return events;
    }
    query.addBindValue(runId);
    if (!query.exec()) {
        storage::fail(query, error, tr("Could not read the run's events."));
        return events;
    }
    while (query.next()) {
        RunEvent event;
        event.id = query.value(0).toLongLong();
        event.runId = query.value(1).toLongLong();
        event.at = storage::toDateTime(query.value(2));
        event.level =
            runEventLevelFromString(query.value(3).toString()).value_or(RunEvent::Level::Info);
        event.message = query.value(4).toString();
        events.append(event);
    }
    return events;
}

std::optional<Run> RunRepository::find(qint64 id, QString *error) const
{
    QSqlQuery query(m_database.connection());
    query.setForwardOnly(true);
    if (!storage::prepareAndExec(query, SelectColumns + QStringLiteral(" WHERE id = ?"), {id},
                                 error, tr("Could not read the run.")) ||
        !query.next())
        return std::nullopt;
    return readRun(query);
}

QList<Run> RunRepository::recent(int limit, QString *error) const
{
    QList<Run> runs;
    QSqlQuery query(m_database.connection());
    query.setForwardOnly(true);
    if (!query.prepare(SelectColumns +
                       QStringLiteral(" ORDER BY queued_at DESC, id DESC LIMIT ?"))) {
        storage::fail(query, error, tr("Could not read the runs."));
        return runs;
    }
    query.addBindValue(limit > 0 ? limit : -1); // SQLite: a negative LIMIT means none
    if (!query.exec()) {
        storage::fail(query, error, tr("Could not read the runs."));
        return runs;
    }
    while (query.next())
        runs.append(readRun(query));
    return runs;
}

int RunRepository::markInterrupted(QString *error)
{
    QSqlDatabase db = m_database.connection();
    // The events and the state change go together, or a retry would log twice.
    Transaction transaction(db);
    if (!transaction.begin(error))
        return -1;
    const QVariant now = storage::timestamp(storage::now());
    const QString message = interruptedMessage();

    QSqlQuery events(db);
    if (!events.prepare(QStringLiteral("INSERT INTO run_events (run_id, at, level, message) "
                                       "SELECT id, ?, ?, ? FROM runs WHERE ") +
                        unfinishedCondition())) {
        storage::fail(events, error, tr("Could not mark the interrupted runs."));
        return -1;
    }
    events.addBindValue(now);
    events.addBindValue(runEventLevelToString(RunEvent::Level::Warning));
    events.addBindValue(message);
    bindTerminalStates(events);
    if (!events.exec()) {
        storage::fail(events, error, tr("Could not mark the interrupted runs."));
        return -1;
    }

    QSqlQuery runs(db);
    if (!runs.prepare(QStringLiteral("UPDATE runs SET state = ?, finished_at = ?, "
                                     "error = COALESCE(NULLIF(error, ''), ?) WHERE ") +
                      unfinishedCondition())) {
        storage::fail(runs, error, tr("Could not mark the interrupted runs."));
        return -1;
    }
    runs.addBindValue(runStateToString(RunState::Interrupted));
    runs.addBindValue(now);
    runs.addBindValue(message);
    bindTerminalStates(runs);
    if (!runs.exec()) {
        storage::fail(runs, error, tr("Could not mark the interrupted runs."));
        return -1;
    }
    const int count = runs.numRowsAffected();
    if (!transaction.commit(error))
        return -1;
    if (count > 0)
        qCInfo(lcStore) << "Marked" << count << "unfinished runs as interrupted";
    return count;
}

} // namespace courier
