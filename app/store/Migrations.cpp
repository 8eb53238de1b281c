#include "Migrations.h"

#include "common/Logging.h"
#include "Database.h"

#include <algorithm>
#include <QSqlError>
#include <QSqlQuery>

namespace courier {

namespace {

// Schema v1: the model tables. Lists and settings are JSON text: they are read whole with
// their row and never queried by element. Timestamps are UTC ISO-8601 text, which sorts.
// runs.state and run_events.level have no CHECK so a later build can add a state without
// rebuilding the table (SQLite cannot alter a CHECK constraint in place).
QStringList schemaV1()
{
    return {
        QStringLiteral(R"(CREATE TABLE endpoints (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL,
            kind TEXT NOT NULL,
            contact_url TEXT NOT NULL DEFAULT '',
            role TEXT NOT NULL CHECK (role IN ('source', 'destination', 'both')),
            transfer TEXT NOT NULL DEFAULT 'none' CHECK (transfer IN ('none', 'push', 'pull')),
            identifiers TEXT NOT NULL DEFAULT '[]',
            attributes TEXT NOT NULL DEFAULT '[]',
            settings TEXT NOT NULL DEFAULT '{}',
            secret_stored INTEGER NOT NULL DEFAULT 0 CHECK (secret_stored IN (0, 1)),
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL))"),
        QStringLiteral(R"(CREATE TABLE audiences (
            id INTEGER PRIMARY KEY,
            endpoint_id INTEGER NOT NULL REFERENCES endpoints (id) ON DELETE CASCADE,
            external_id TEXT NOT NULL,
            name TEXT NOT NULL,
            description TEXT NOT NULL DEFAULT '',
            size INTEGER,
            identifiers TEXT NOT NULL DEFAULT '[]',
            attributes TEXT NOT NULL DEFAULT '[]',
            refreshed_at TEXT,
            UNIQUE (endpoint_id, external_id)))"),
        // A share is meaningless without its audience or destination, so it goes with them;
        // its runs stay as history (runs.share_id is set to NULL).
        QStringLiteral(R"(CREATE TABLE shares (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL,
            audience_id INTEGER NOT NULL REFERENCES audiences (id) ON DELETE CASCADE,
            destination_id INTEGER NOT NULL REFERENCES endpoints (id) ON DELETE CASCADE,
            mapping TEXT NOT NULL DEFAULT '{}',
            schedule TEXT NOT NULL DEFAULT '',
            action TEXT NOT NULL DEFAULT 'add' CHECK (action IN ('add', 'replace', 'remove')),
            enabled INTEGER NOT NULL DEFAULT 1 CHECK (enabled IN (0, 1)),
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL))"),
        QStringLiteral(R"(CREATE TABLE runs (
            id INTEGER PRIMARY KEY,
            share_id INTEGER REFERENCES shares (id) ON DELETE SET NULL,
            kind TEXT NOT NULL,
            state TEXT NOT NULL,
            attempt INTEGER NOT NULL DEFAULT 1,
            rows_read INTEGER NOT NULL DEFAULT 0,
            rows_written INTEGER NOT NULL DEFAULT 0,
            rows_rejected INTEGER NOT NULL DEFAULT 0,
            bytes_read INTEGER NOT NULL DEFAULT 0,
            queued_at TEXT NOT NULL,
            started_at TEXT,
            finished_at TEXT,
            error TEXT NOT NULL DEFAULT '',
            source TEXT NOT NULL DEFAULT '',
            destination TEXT NOT NULL DEFAULT '',
            output_path TEXT NOT NULL DEFAULT '',
            rejected_path TEXT NOT NULL DEFAULT ''))"),
        QStringLiteral(R"(CREATE TABLE run_events (
            id INTEGER PRIMARY KEY,
            run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
            at TEXT NOT NULL,
            level TEXT NOT NULL,
            message TEXT NOT NULL))"),
        QStringLiteral("CREATE INDEX runs_by_queued_at ON runs (queued_at)"),
        QStringLiteral("CREATE INDEX runs_by_state ON runs (state)"),
        QStringLiteral("CREATE INDEX run_events_by_run ON run_events (run_id, at, id)"),
        // Foreign-key children need an index, or every parent delete scans the whole child.
        // (audiences.endpoint_id is covered by its UNIQUE constraint.)
        QStringLiteral("CREATE INDEX shares_by_audience ON shares (audience_id)"),
        QStringLiteral("CREATE INDEX shares_by_destination ON shares (destination_id)"),
        QStringLiteral("CREATE INDEX runs_by_share ON runs (share_id)"),
    };
}

// Schema v2: full-text search over audience names and descriptions. External content keeps a
// single copy of the text; the triggers keep the index in step with every write.
QStringList schemaV2()
{
    return {
        QStringLiteral(R"(CREATE VIRTUAL TABLE audiences_fts USING fts5 (
            name, description,
            content = 'audiences', content_rowid = 'id',
            tokenize = 'unicode61 remove_diacritics 2'))"),
        QStringLiteral(R"(CREATE TRIGGER audiences_fts_insert AFTER INSERT ON audiences BEGIN
            INSERT INTO audiences_fts (rowid, name, description)
                VALUES (new.id, new.name, new.description);
            END)"),
        QStringLiteral(R"(CREATE TRIGGER audiences_fts_delete AFTER DELETE ON audiences BEGIN
            INSERT INTO audiences_fts (audiences_fts, rowid, name, description)
                VALUES ('delete', old.id, old.name, old.description);
            END)"),
        // Refreshes rewrite every audience; re-indexing only changed text keeps them fast.
        QStringLiteral(R"(CREATE TRIGGER audiences_fts_update AFTER UPDATE OF name, description
            ON audiences
            WHEN old.name IS NOT new.name OR old.description IS NOT new.description BEGIN
            INSERT INTO audiences_fts (audiences_fts, rowid, name, description)
                VALUES ('delete', old.id, old.name, old.description);
            INSERT INTO audiences_fts (rowid, name, description)
                VALUES (new.id, new.name, new.description);
            END)"),
        QStringLiteral("INSERT INTO audiences_fts (audiences_fts) VALUES ('rebuild')"),
    };
}

// Schema v3: what the sharing engine needs. A run keeps a checkpoint (JSON: the source's and the
// destination's resume data, batches delivered, the delivery id behind the idempotency keys)
// and, when it resumes an interrupted run, a link to it. A share keeps its destination options
// (e.g. the list it adds to) and when it is next due (computed by the scheduler).
QStringList schemaV3()
{
    return {
        QStringLiteral("ALTER TABLE runs ADD COLUMN checkpoint TEXT NOT NULL DEFAULT '{}'"),
        QStringLiteral("ALTER TABLE runs ADD COLUMN batches_delivered INTEGER NOT NULL DEFAULT 0"),
        QStringLiteral("ALTER TABLE runs ADD COLUMN resumed_from INTEGER "
                       "REFERENCES runs (id) ON DELETE SET NULL"),
        QStringLiteral(
            "ALTER TABLE shares ADD COLUMN destination_options TEXT NOT NULL DEFAULT '{}'"),
        QStringLiteral("ALTER TABLE shares ADD COLUMN next_run_at TEXT"),
        QStringLiteral("CREATE INDEX runs_by_resumed_from ON runs (resumed_from)"),
        QStringLiteral("CREATE INDEX shares_by_next_run ON shares (next_run_at)"),
    };
}

// Schema v4: what source connectors need besides the common fields. An audience keeps the
// connector's own facts about it (an APSIS segment's section and attribute ids, a GA4
// audience's membership duration, ...) and a share its source options (the dimensions, tags or
// event window to export).
QStringList schemaV4()
{
    return {
        QStringLiteral("ALTER TABLE audiences ADD COLUMN details TEXT NOT NULL DEFAULT '{}'"),
        QStringLiteral("ALTER TABLE shares ADD COLUMN source_options TEXT NOT NULL DEFAULT '{}'"),
    };
}

// Schema v5: audience versions that exchange PUSH producers sent to the app's inbox. Each
// version is an immutable CSV file in the profile (path relative to the profile folder, so a
// moved profile keeps working); shares read an audience's latest version. push_id is the
// producer's Idempotency-Key (NULL when it sent none; SQLite lets NULLs repeat in a UNIQUE), so
// a retried push finds the version its first attempt stored instead of adding another.
QStringList schemaV5()
{
    return {
        QStringLiteral(R"(CREATE TABLE audience_versions (
            id INTEGER PRIMARY KEY,
            audience_id INTEGER NOT NULL REFERENCES audiences (id) ON DELETE CASCADE,
            endpoint_id INTEGER NOT NULL REFERENCES endpoints (id) ON DELETE CASCADE,
            received_at TEXT NOT NULL,
            file_path TEXT NOT NULL,
            rows INTEGER NOT NULL CHECK (rows >= 0),
            bytes INTEGER NOT NULL CHECK (bytes >= 0),
            sha256 TEXT NOT NULL,
            columns TEXT NOT NULL DEFAULT '[]',
            push_id TEXT,
            UNIQUE (endpoint_id, push_id)))"),
        // The latest version of an audience is the one with the highest id.
        // (audience_versions.endpoint_id is covered by its UNIQUE constraint.)
        QStringLiteral(
            "CREATE INDEX audience_versions_by_audience ON audience_versions (audience_id, id)"),
    };
}

// Schema v6: what deltas, dry runs and PULL consumers need.
// - A member snapshot is what one share last delivered to its destination: members sorted by
//   the fingerprint of their identifiers, in chunks (blobs of fixed-layout records), so the
//   next run merges it with the new audience as two sorted streams. A snapshot is written while
//   its run delivers (complete = 0) and completed in one transaction with the removal of the one
//   it replaces once the delivery is committed; incomplete ones left by a kill are swept.
// - A dry run fetches and maps but sends nothing; its record says so.
// - The outbox holds prepared CSV files a PULL consumer fetches from the app's listener: a
//   one-time token (only its SHA-256 is stored), an expiry, and the status the consumer
//   reported back.
QStringList schemaV6()
{
    return {
        QStringLiteral(R"(CREATE TABLE member_snapshots (
            id INTEGER PRIMARY KEY,
            share_id INTEGER NOT NULL REFERENCES shares (id) ON DELETE CASCADE,
            destination_id INTEGER NOT NULL REFERENCES endpoints (id) ON DELETE CASCADE,
            run_id INTEGER REFERENCES runs (id) ON DELETE SET NULL,
            created_at TEXT NOT NULL,
            columns TEXT NOT NULL DEFAULT '[]',
            identifier_columns TEXT NOT NULL DEFAULT '[]',
            members INTEGER NOT NULL DEFAULT 0 CHECK (members >= 0),
            complete INTEGER NOT NULL DEFAULT 0 CHECK (complete IN (0, 1))))"),
        QStringLiteral("CREATE INDEX member_snapshots_by_share "
                       "ON member_snapshots (share_id, destination_id, complete)"),
        QStringLiteral(R"(CREATE TABLE member_snapshot_chunks (
            id INTEGER PRIMARY KEY,
            snapshot_id INTEGER NOT NULL REFERENCES member_snapshots (id) ON DELETE CASCADE,
            seq INTEGER NOT NULL,
            members INTEGER NOT NULL CHECK (members >= 0),
            data BLOB NOT NULL,
            UNIQUE (snapshot_id, seq)))"),
        QStringLiteral("ALTER TABLE runs ADD COLUMN dry_run INTEGER NOT NULL DEFAULT 0"),
        // AUTOINCREMENT: a job id is in URLs handed out; a deleted job's id is never reused.
        QStringLiteral(R"(CREATE TABLE outbox (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            run_id INTEGER REFERENCES runs (id) ON DELETE SET NULL,
            endpoint_id INTEGER NOT NULL REFERENCES endpoints (id) ON DELETE CASCADE,
            token_sha256 TEXT NOT NULL UNIQUE,
            file_path TEXT NOT NULL,
            action TEXT NOT NULL CHECK (action IN ('add', 'replace', 'remove')),
            rows INTEGER NOT NULL CHECK (rows >= 0),
            bytes INTEGER NOT NULL CHECK (bytes >= 0),
            sha256 TEXT NOT NULL,
            created_at TEXT NOT NULL,
            expires_at TEXT NOT NULL,
            pulled_at TEXT,
            status TEXT NOT NULL DEFAULT 'ready',
            status_message TEXT NOT NULL DEFAULT ''))"),
        QStringLiteral("CREATE INDEX outbox_by_endpoint ON outbox (endpoint_id, status)"),
        QStringLiteral("CREATE INDEX outbox_by_run ON outbox (run_id)"),
    };
}

bool setUserVersion(QSqlDatabase &db, int version, QString *error)
{
    QSqlQuery query(db);
    // PRAGMA takes no bound parameters; the value is our own integer, never user input.
    if (!query.exec(QStringLiteral("PRAGMA user_version = %1").arg(version)))
        return storage::fail(query, error,
                             Migrations::tr("Could not record the cache's schema version."));
    return true;
}

bool applyStep(QSqlDatabase &db, const Migration &step, QString *error)
{
    Transaction transaction(db);
    if (!transaction.begin(error))
        return false;
    // Another process may have migrated while we waited for the write lock.
    const int current = Migrations::currentVersion(db, error);
    if (current < 0)
        return false;
    if (current >= step.version)
        return true;
    if (current != step.version - 1) {
        qCWarning(lcStore) << "Migration" << step.version << "expects schema" << step.version - 1
                           << "but found" << current;
        if (error)
            *error =
                Migrations::tr("The cache is at an unexpected schema version (%1).").arg(current);
        return false;
    }
    for (const QString &statement : step.statements) {
        QSqlQuery query(db);
        if (!query.exec(statement)) {
            return storage::fail(query, error,
                                 Migrations::tr("Could not update the cache to schema %1 (%2).")
                                     .arg(QString::number(step.version), step.description));
        }
    }
    if (!setUserVersion(db, step.version, error))
        return false;
    if (!transaction.commit(error))
        return false;
    qCDebug(lcStore) << "Migrated the cache to schema" << step.version << "-" << step.description;
    return true;
}

} // namespace

const QList<Migration> &Migrations::all()
{
    static const QList<Migration> steps = {
        {1, QStringLiteral("endpoints, audiences, shares, runs and run events"), schemaV1()},
        {2, QStringLiteral("audience search"), schemaV2()},
        {3, QStringLiteral("run checkpoints, share destinations and due times"), schemaV3()},
        {4, QStringLiteral("audience details and share source options"), schemaV4()},
        {5, QStringLiteral("audience versions pushed to the exchange inbox"), schemaV5()},
        {6, QStringLiteral("member snapshots, dry runs and the PULL outbox"), schemaV6()},
    };
    return steps;
}

int Migrations::latestVersion()
{
    return all().isEmpty() ? 0 : all().constLast().version;
}

int Migrations::currentVersion(QSqlDatabase db, QString *error)
{
    QSqlQuery query(db);
    if (!query.exec(QStringLiteral("PRAGMA user_version")) || !query.next()) {
        storage::fail(query, error, tr("Could not read the cache's schema version."));
        return -1;
    }
    return query.value(0).toInt();
}

bool Migrations::migrate(QSqlDatabase db, int targetVersion, QString *error)
{
    return migrate(db, targetVersion, all(), error);
}

bool Migrations::migrate(QSqlDatabase db, int targetVersion, const QList<Migration> &steps,
                         QString *error)
{
    const int current = currentVersion(db, error);
    if (current < 0)
        return false;
    if (current > targetVersion) {
        qCWarning(lcStore) << "Cannot migrate down from schema" << current << "to" << targetVersion;
        if (error)
            *error = Database::newerSchemaMessage(current, targetVersion);
        return false;
    }
    const bool known =
        targetVersion == 0 || std::any_of(steps.cbegin(), steps.cend(), [&](const Migration &step) {
            return step.version == targetVersion;
        });
    if (!known) {
        qCWarning(lcStore) << "No migration step produces schema" << targetVersion;
        if (error)
            *error =
                tr("This version of Audience Courier cannot create schema %1.").arg(targetVersion);
        return false;
    }
    for (const Migration &step : steps) {
        if (step.version <= current || step.version > targetVersion)
            continue;
        if (!applyStep(db, step, error))
            return false;
    }
    return true;
}

} // namespace courier
