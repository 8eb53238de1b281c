// The SQLite cache: schema migrations, the repositories' round trips, audience search, and
// per-thread connections. Every test works in its own QTemporaryDir.
#include "model/Audience.h"
#include "model/Endpoint.h"
#include "model/Run.h"
#include "model/Share.h"
#include "store/AudienceRepository.h"
#include "store/Database.h"
#include "store/EndpointRepository.h"
#include "store/Migrations.h"
#include "store/RunRepository.h"
#include "store/ShareRepository.h"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QThread>
#include <QtTest>
#include <sys/stat.h>

using namespace courier;

namespace {

QString cachePath(const QTemporaryDir &dir)
{
    return dir.filePath(QStringLiteral("courier.sqlite"));
}

// Reads one value with plain SQL, the way a test inspects the schema behind the API.
QVariant scalar(const QSqlDatabase &db, const QString &sql)
{
    QSqlQuery query(db);
    if (!query.exec(sql) || !query.next())
        return {};
    return query.value(0);
}

bool tableExists(const QSqlDatabase &db, const QString &name)
{
    QSqlQuery query(db);
    query.prepare(QStringLiteral("SELECT count(*) FROM sqlite_master WHERE name = ?"));
    query.addBindValue(name);
    return query.exec() && query.next() && query.value(0).toInt() == 1;
}

int fileMode(const QString &path)
{
    struct stat info;
    if (::stat(QFile::encodeName(path).constData(), &info) != 0)
        return -1;
    return int(info.st_mode & 07777);
}

QStringList names(const QList<AudienceInfo> &audiences)
{
    QStringList result;
    for (const AudienceInfo &audience : audiences)
        result.append(audience.name);
    return result;
}

Endpoint makeEndpoint(const QString &name)
{
    Endpoint endpoint;
    endpoint.name = name;
    endpoint.kind = QStringLiteral("csv");
    return endpoint;
}

AudienceInfo makeAudience(qint64 endpointId, const QString &externalId, const QString &name,
                          const QString &description = {})
{
    AudienceInfo audience;
    audience.endpointId = endpointId;
    audience.externalId = externalId;
    audience.name = name;
    audience.description = description;
    return audience;
}

} // namespace

class TestStore : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanupTestCase() { m_catalogue.reset(); }

    void migratesAnEmptyFile();
    void migratesFromAnOlderSchema();
    void refusesANewerSchema();
    void failingMigrationStepRollsBack();
    void enumKeysRoundTrip();

    void endpointRoundTrip();
    void audienceRoundTripAndUpsert();
    void shareRoundTrip();
    void removingAnEndpointCascades();

    void searchMatchesWordPrefixes();
    void searchIgnoresCaseAndDiacritics();
    void searchRanksNameMatchesFirst();
    void searchToleratesHostileInput_data();
    void searchToleratesHostileInput();
    void searchWithoutWordsListsAll();
    void searchFollowsUpdatesAndDeletes();

    void upsertManyIsFast();
    void upsertManyIsAllOrNothing();

    void runLifecycle();
    void recentRunsNewestFirst();
    void markInterrupted();
    void checkpointsAndResumableRuns();
    void dueShares();

    void connectionPerThread();
    void severalDatabasesInOneProcess();

private:
    std::unique_ptr<Database> openFresh(const QTemporaryDir &dir)
    {
        QString error;
        auto database = Database::open(cachePath(dir), &error);
        if (!database)
            qCritical("open failed: %s", qPrintable(error));
        return database;
    }
    // A small catalogue for the search tests; returns the endpoint id.
    qint64 seedCatalogue(Database &database);
    // One seeded cache shared by the read-only search tests, which keeps the suite fast.
    Database *catalogue()
    {
        if (!m_catalogue) {
            m_catalogue = openFresh(m_catalogueDir);
            if (m_catalogue && !seedCatalogue(*m_catalogue))
                m_catalogue.reset();
        }
        return m_catalogue.get();
    }

    QTemporaryDir m_catalogueDir;
    std::unique_ptr<Database> m_catalogue;
};

void TestStore::init()
{
    // Any warning (a failed statement, a connection still in use) is a bug, except in the
    // tests that provoke failures on purpose.
    static const QStringList provoking = {
        QStringLiteral("refusesANewerSchema"),
        QStringLiteral("failingMigrationStepRollsBack"),
        QStringLiteral("audienceRoundTripAndUpsert"),
        QStringLiteral("shareRoundTrip"),
        QStringLiteral("upsertManyIsAllOrNothing"),
        QStringLiteral("runLifecycle"),
    };
    if (!provoking.contains(QLatin1StringView(QTest::currentTestFunction())))
        QTest::failOnWarning(QRegularExpression(QStringLiteral(".*")));
}

void TestStore::migratesAnEmptyFile()
{
    QTemporaryDir dir;
    // An existing, empty, world-readable file: the store adopts it and makes it private.
    QFile file(cachePath(dir));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.close();
    QVERIFY(QFile::setPermissions(file.fileName(), QFile::ReadOwner | QFile::WriteOwner |
                                                       QFile::ReadGroup | QFile::ReadOther));

    QString error;
    auto database = Database::open(cachePath(dir), &error);
    QVERIFY2(database, qPrintable(error));
    QCOMPARE(database->schemaVersion(), Migrations::latestVersion());
    QCOMPARE(Migrations::latestVersion(), 6);
    QCOMPARE(database->path(), cachePath(dir));

    const QSqlDatabase db = database->connection();
    QCOMPARE(scalar(db, QStringLiteral("PRAGMA user_version")).toInt(), 6);
    for (const char *table : {"endpoints", "audiences", "shares", "runs", "run_events",
                              "audiences_fts", "audience_versions", "member_snapshots",
                              "member_snapshot_chunks", "outbox"})
        QVERIFY2(tableExists(db, QString::fromLatin1(table)), table);
    QCOMPARE(scalar(db, QStringLiteral("PRAGMA journal_mode")).toString(), QStringLiteral("wal"));
    QCOMPARE(scalar(db, QStringLiteral("PRAGMA foreign_keys")).toInt(), 1);
    QCOMPARE(scalar(db, QStringLiteral("PRAGMA synchronous")).toInt(), 1); // NORMAL
    QCOMPARE(scalar(db, QStringLiteral("PRAGMA busy_timeout")).toInt(), 5000);

    QCOMPARE(fileMode(cachePath(dir)), 0600);
    QVERIFY(QFile::exists(cachePath(dir) + QStringLiteral("-wal")));
    QCOMPARE(fileMode(cachePath(dir) + QStringLiteral("-wal")), 0600);

    // A file the store creates itself is private from the start.
    QTemporaryDir other;
    auto created = openFresh(other);
    QVERIFY(created);
    QCOMPARE(fileMode(cachePath(other)), 0600);
}

void TestStore::migratesFromAnOlderSchema()
{
    QTemporaryDir dir;
    {
        QSqlDatabase legacy = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"),
                                                        QStringLiteral("tst_store_legacy"));
        legacy.setDatabaseName(cachePath(dir));
        QVERIFY(legacy.open());
        QString error;
        QVERIFY2(Migrations::migrate(legacy, 1, &error), qPrintable(error));
        QCOMPARE(Migrations::currentVersion(legacy), 1);
        QVERIFY(!tableExists(legacy, QStringLiteral("audiences_fts")));

        // Rows as a v1 build wrote them.
        QSqlQuery query(legacy);
        QVERIFY(query.exec(QStringLiteral(
            "INSERT INTO endpoints (id, name, kind, role, transfer, identifiers, created_at, "
            "updated_at) VALUES (7, 'Shop', 'csv', 'source', 'none', '[\"email\"]', "
            "'2024-03-01T08:00:00.000Z', '2024-03-01T08:00:00.000Z')")));
        QVERIFY(query.exec(QStringLiteral(
            "INSERT INTO audiences (endpoint_id, external_id, name, description, size, "
            "refreshed_at) VALUES (7, 'a1', 'Summer buyers', 'Bought in June', 1200, "
            "'2024-03-02T09:30:00.250Z'), (7, 'a2', 'Malmö newsletter', '', NULL, NULL)")));
        QVERIFY(query.exec(QStringLiteral(
            "INSERT INTO shares (id, name, audience_id, destination_id, created_at, updated_at) "
            "VALUES (3, 'Summer to shop', 1, 7, '2024-03-03T10:00:00.000Z', "
            "'2024-03-03T10:00:00.000Z')")));
        QVERIFY(query.exec(QStringLiteral(
            "INSERT INTO runs (id, share_id, kind, state, rows_read, queued_at) VALUES "
            "(5, 3, 'share', 'succeeded', 1200, '2024-03-03T11:00:00.000Z')")));
        query.finish();
        legacy.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("tst_store_legacy"));

    QString error;
    auto database = Database::open(cachePath(dir), &error);
    QVERIFY2(database, qPrintable(error));
    QCOMPARE(database->schemaVersion(), Migrations::latestVersion());

    const auto shop = EndpointRepository(*database).find(7);
    QVERIFY(shop);
    QCOMPARE(shop->name, QStringLiteral("Shop"));
    QCOMPARE(shop->identifiers, QStringList{QStringLiteral("email")});
    QCOMPARE(shop->createdAt, QDateTime(QDate(2024, 3, 1), QTime(8, 0), Qt::UTC));

    AudienceRepository audiences(*database);
    QCOMPARE(audiences.count(), 2);
    const auto summer = audiences.search(QStringLiteral("summ"));
    QCOMPARE(names(summer), QStringList{QStringLiteral("Summer buyers")});
    QCOMPARE(summer.first().size, 1200);
    QCOMPARE(summer.first().refreshedAt,
             QDateTime(QDate(2024, 3, 2), QTime(9, 30, 0, 250), Qt::UTC));
    const auto malmo = audiences.search(QStringLiteral("malmo"));
    QCOMPARE(names(malmo), QStringList{QStringLiteral("Malmö newsletter")});
    QCOMPARE(malmo.first().size, -1);
    QVERIFY(!malmo.first().refreshedAt.isValid());
    QVERIFY(malmo.first().details.isEmpty()); // v4

    // v3's columns arrive with neutral defaults on old rows.
    const auto share = ShareRepository(*database).find(3);
    QVERIFY(share);
    QVERIFY(share->destinationOptions.isEmpty());
    QVERIFY(!share->nextRunAt.isValid());
    QVERIFY(share->sourceOptions.isEmpty()); // v4
    RunRepository runs(*database);
    const auto run = runs.find(5);
    QVERIFY(run);
    QCOMPARE(run->rowsRead, 1200);
    QCOMPARE(run->batchesDelivered, 0);
    QVERIFY(!run->resumedFrom);
    QVERIFY(runs.checkpoint(5).isEmpty());
}

void TestStore::refusesANewerSchema()
{
    QTemporaryDir dir;
    {
        auto database = openFresh(dir);
        QVERIFY(database);
        QSqlQuery query(database->connection());
        QVERIFY(query.exec(QStringLiteral("PRAGMA user_version = 99")));
    }
    QString error;
    QVERIFY(!Database::open(cachePath(dir), &error));
    QCOMPARE(error, QStringLiteral("This cache was written by a newer version of Audience Courier "
                                   "(schema 99; this version knows up to 6)."));
    {
        // Refused, not touched.
        QSqlDatabase raw =
            QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("tst_store_raw"));
        raw.setDatabaseName(cachePath(dir));
        QVERIFY(raw.open());
        QCOMPARE(scalar(raw, QStringLiteral("PRAGMA user_version")).toInt(), 99);
        raw.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("tst_store_raw"));

    // A folder that does not exist.
    error.clear();
    QVERIFY(!Database::open(dir.filePath(QStringLiteral("missing/courier.sqlite")), &error));
    QVERIFY2(error.contains(QStringLiteral("Cannot create the cache file")), qPrintable(error));

    // Not a database at all.
    QFile junk(dir.filePath(QStringLiteral("junk.sqlite")));
    QVERIFY(junk.open(QIODevice::WriteOnly));
    junk.write(QByteArray(4096, 'x'));
    junk.close();
    error.clear();
    QVERIFY(!Database::open(junk.fileName(), &error));
    QVERIFY2(error.contains(QStringLiteral("Cannot open the cache file")), qPrintable(error));
}

void TestStore::failingMigrationStepRollsBack()
{
    QTemporaryDir dir;
    auto database = openFresh(dir);
    QVERIFY(database);
    const QSqlDatabase db = database->connection();

    QList<Migration> steps = Migrations::all();
    steps.append({7,
                  QStringLiteral("broken"),
                  {QStringLiteral("CREATE TABLE half_done (id INTEGER)"),
                   QStringLiteral("INSERT INTO half_done VALUES (1)"),
                   QStringLiteral("INSERT INTO no_such_table VALUES (1)")}});
    QString error;
    QVERIFY(!Migrations::migrate(db, 7, steps, &error));
    QVERIFY2(error.contains(QStringLiteral("schema 7")), qPrintable(error));
    QCOMPARE(Migrations::currentVersion(db), 6);
    QVERIFY(!tableExists(db, QStringLiteral("half_done")));

    // A fresh file whose very first step fails stays at 0 with nothing created.
    QList<Migration> brokenFirst = {{1,
                                     QStringLiteral("broken"),
                                     {QStringLiteral("CREATE TABLE t (id)"), QStringLiteral("x")}}};
    QTemporaryDir empty;
    {
        QSqlDatabase raw =
            QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("tst_store_first"));
        raw.setDatabaseName(cachePath(empty));
        QVERIFY(raw.open());
        QVERIFY(!Migrations::migrate(raw, 1, brokenFirst, &error));
        QCOMPARE(Migrations::currentVersion(raw), 0);
        QVERIFY(!tableExists(raw, QStringLiteral("t")));
        // Asking for a schema no step produces is refused up front.
        QVERIFY(!Migrations::migrate(raw, 42, &error));
        QCOMPARE(Migrations::currentVersion(raw), 0);
        raw.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("tst_store_first"));
}

void TestStore::enumKeysRoundTrip()
{
    QStringList keys;
    for (RunState state : allRunStates()) {
        const QString key = runStateToString(state);
        QCOMPARE(key, key.toLower());
        QVERIFY(!keys.contains(key));
        keys.append(key);
        QCOMPARE(runStateFromString(key), std::optional(state));
        QVERIFY(!runStateDisplayName(state).isEmpty());
    }
    QCOMPARE(keys.size(), 10);
    QCOMPARE(runStateToString(RunState::Queued), QStringLiteral("queued"));
    QCOMPARE(runStateToString(RunState::Interrupted), QStringLiteral("interrupted"));
    QVERIFY(!runStateFromString(u"Queued"));
    QVERIFY(!isTerminal(RunState::Delivering));
    QVERIFY(isTerminal(RunState::Succeeded) && isTerminal(RunState::Failed) &&
            isTerminal(RunState::Cancelled) && isTerminal(RunState::Interrupted));

    QCOMPARE(endpointRoleFromString(endpointRoleToString(Endpoint::Role::Both)),
             std::optional(Endpoint::Role::Both));
    QCOMPARE(endpointTransferToString(Endpoint::Transfer::Pull), QStringLiteral("pull"));
    QVERIFY(!endpointTransferFromString(u"sideways"));
    QCOMPARE(shareActionFromString(u"replace"), std::optional(Share::ShareAction::Replace));
    QCOMPARE(runEventLevelFromString(runEventLevelToString(RunEvent::Level::Warning)),
             std::optional(RunEvent::Level::Warning));
}

// ---- repositories: round trips

void TestStore::endpointRoundTrip()
{
    QTemporaryDir dir;
    auto database = openFresh(dir);
    QVERIFY(database);
    EndpointRepository endpoints(*database);

    Endpoint endpoint;
    endpoint.name = QStringLiteral("GA4 main property");
    endpoint.kind = QStringLiteral("ga4");
    endpoint.contactUrl = QUrl(QStringLiteral("https://analytics.example/p/1?x=a b&y=ö"));
    endpoint.role = Endpoint::Role::Both;
    endpoint.transfer = Endpoint::Transfer::Pull;
    endpoint.identifiers = {QStringLiteral("email"), QStringLiteral("client_id")};
    endpoint.attributes = {QStringLiteral("country"), QStringLiteral("lifetime value")};
    endpoint.settings = {{QStringLiteral("property"), QStringLiteral("123")},
                         {QStringLiteral("nested"), QJsonObject{{QStringLiteral("n"), 1.5}}},
                         {QStringLiteral("list"), QJsonArray{1, QStringLiteral("två")}}};
    endpoint.secretStored = true;

    const QDateTime before = QDateTime::currentDateTimeUtc();
    QString error;
    const auto id = endpoints.add(endpoint, &error);
    QVERIFY2(id, qPrintable(error));
    QVERIFY(*id > 0);

    auto found = endpoints.find(*id);
    QVERIFY(found);
    QCOMPARE(found->createdAt.timeSpec(), Qt::UTC);
    QVERIFY(found->createdAt >= before.addMSecs(-1));
    QCOMPARE(found->updatedAt, found->createdAt);
    Endpoint expected = endpoint;
    expected.id = *id;
    expected.createdAt = found->createdAt;
    expected.updatedAt = found->updatedAt;
    QCOMPARE(found->contactUrl, endpoint.contactUrl);
    QCOMPARE(found->settings, endpoint.settings);
    QVERIFY(*found == expected);

    QThread::msleep(3); // so updatedAt moves on
    found->name = QStringLiteral("GA4");
    found->role = Endpoint::Role::Destination;
    found->transfer = Endpoint::Transfer::Push;
    found->identifiers.clear();
    found->settings.remove(QStringLiteral("nested"));
    found->secretStored = false;
    QVERIFY2(endpoints.update(*found, &error), qPrintable(error));
    const auto updated = endpoints.find(*id);
    QVERIFY(updated);
    QCOMPARE(updated->name, QStringLiteral("GA4"));
    QCOMPARE(updated->role, Endpoint::Role::Destination);
    QCOMPARE(updated->transfer, Endpoint::Transfer::Push);
    QVERIFY(updated->identifiers.isEmpty());
    QCOMPARE(updated->settings, found->settings);
    QVERIFY(!updated->secretStored);
    QCOMPARE(updated->createdAt, expected.createdAt);
    QVERIFY(updated->updatedAt > updated->createdAt);

    Endpoint missing = *updated;
    missing.id = 9999;
    error.clear();
    QVERIFY(!endpoints.update(missing, &error));
    QVERIFY(!error.isEmpty());

    QVERIFY(endpoints.add(makeEndpoint(QStringLiteral("beta"))));
    QVERIFY(endpoints.add(makeEndpoint(QStringLiteral("Alpha"))));
    QStringList listed;
    for (const Endpoint &each : endpoints.list())
        listed.append(each.name);
    QCOMPARE(listed,
             (QStringList{QStringLiteral("Alpha"), QStringLiteral("beta"), QStringLiteral("GA4")}));

    QVERIFY(endpoints.remove(*id, &error));
    QVERIFY(!endpoints.find(*id));
    QVERIFY(!endpoints.remove(*id, &error));
    QCOMPARE(endpoints.list().size(), 2);
}

void TestStore::audienceRoundTripAndUpsert()
{
    QTemporaryDir dir;
    auto database = openFresh(dir);
    QVERIFY(database);
    EndpointRepository endpoints(*database);
    AudienceRepository audiences(*database);
    const qint64 shop = endpoints.add(makeEndpoint(QStringLiteral("Shop"))).value_or(0);
    const qint64 crm = endpoints.add(makeEndpoint(QStringLiteral("CRM"))).value_or(0);
    QVERIFY(shop > 0 && crm > 0);

    AudienceInfo audience =
        makeAudience(shop, QStringLiteral("seg-1"), QStringLiteral("Loyal customers"),
                     QStringLiteral("Three or more orders"));
    audience.size = 4200;
    audience.identifiers = {QStringLiteral("email")};
    audience.attributes = {QStringLiteral("first_name"), QStringLiteral("city")};
    audience.refreshedAt = QDateTime(QDate(2024, 5, 1), QTime(10, 0, 0, 123), Qt::UTC);
    audience.details = {
        {QStringLiteral("section"), QStringLiteral("webshop")},
        {QStringLiteral("attributeIds"), QJsonObject{{QStringLiteral("Email"), 9820534}}}};
    QString error;
    const auto id = audiences.upsert(audience, &error);
    QVERIFY2(id, qPrintable(error));
    auto found = audiences.find(*id);
    QVERIFY(found);
    audience.id = *id;
    QCOMPARE(found->refreshedAt, audience.refreshedAt);
    QVERIFY(*found == audience);

    // The same (endpoint, external id) updates in place; an unset refresh time means now.
    AudienceInfo changed = makeAudience(shop, QStringLiteral("seg-1"), QStringLiteral("Loyal"));
    QCOMPARE(audiences.upsert(changed, &error), id);
    found = audiences.find(*id);
    QVERIFY(found);
    QCOMPARE(found->name, QStringLiteral("Loyal"));
    QCOMPARE(found->size, -1);
    QVERIFY(found->identifiers.isEmpty());
    QVERIFY(found->details.isEmpty()); // a refresh replaces the details too
    QVERIFY(found->refreshedAt > audience.refreshedAt);
    QCOMPARE(audiences.count(), 1);

    // The same external id on another endpoint is another audience.
    const auto other =
        audiences.upsert(makeAudience(crm, QStringLiteral("seg-1"), QStringLiteral("CRM loyal")));
    QVERIFY(other && *other != *id);
    QVERIFY(
        audiences.upsert(makeAudience(shop, QStringLiteral("seg-2"), QStringLiteral("arrivals"))));
    QCOMPARE(names(audiences.listByEndpoint(shop)),
             (QStringList{QStringLiteral("arrivals"), QStringLiteral("Loyal")}));
    QCOMPARE(audiences.count(), 3);

    // A missing endpoint is refused by the foreign key.
    error.clear();
    QVERIFY(!audiences.upsert(makeAudience(999, QStringLiteral("x"), QStringLiteral("x")), &error));
    QVERIFY(error.contains(QStringLiteral("Could not save the audience")));
    QVERIFY(!audiences.find(12345));
}

void TestStore::shareRoundTrip()
{
    QTemporaryDir dir;
    auto database = openFresh(dir);
    QVERIFY(database);
    EndpointRepository endpoints(*database);
    const qint64 source = endpoints.add(makeEndpoint(QStringLiteral("Shop"))).value_or(0);
    const qint64 destination = endpoints.add(makeEndpoint(QStringLiteral("Ads"))).value_or(0);
    const qint64 audience =
        AudienceRepository(*database)
            .upsert(makeAudience(source, QStringLiteral("a"), QStringLiteral("Buyers")))
            .value_or(0);
    QVERIFY(source && destination && audience);

    ShareRepository shares(*database);
    Share share;
    share.name = QStringLiteral("Buyers to ads");
    share.audienceId = audience;
    share.destinationId = destination;
    share.mapping = {{QStringLiteral("fields"),
                      QJsonArray{QJsonObject{{QStringLiteral("target"), QStringLiteral("email")},
                                             {QStringLiteral("source"), QStringLiteral("E-mail")},
                                             {QStringLiteral("identifier"), true}}}}};
    share.schedule = QStringLiteral("daily");
    share.sourceOptions = {{QStringLiteral("dimensions"), QJsonArray{QStringLiteral("deviceId")}}};
    share.action = Share::ShareAction::Replace;
    share.enabled = false;
    QString error;
    const auto id = shares.add(share, &error);
    QVERIFY2(id, qPrintable(error));
    auto found = shares.find(*id);
    QVERIFY(found);
    QVERIFY(found->createdAt.isValid());
    share.id = *id;
    share.createdAt = found->createdAt;
    share.updatedAt = found->updatedAt;
    QCOMPARE(found->mapping, share.mapping);
    QVERIFY(*found == share);

    found->action = Share::ShareAction::Remove;
    found->enabled = true;
    found->schedule.clear();
    found->sourceOptions = {{QStringLiteral("startAt"), QStringLiteral("2026-01-01")}};
    QVERIFY2(shares.update(*found, &error), qPrintable(error));
    const auto updated = shares.find(*id);
    QVERIFY(updated);
    QCOMPARE(updated->sourceOptions, found->sourceOptions);
    QCOMPARE(updated->action, Share::ShareAction::Remove);
    QVERIFY(updated->enabled);
    QVERIFY(updated->schedule.isEmpty());

    Share second = share;
    second.name = QStringLiteral("Another");
    QVERIFY(shares.add(second));
    QCOMPARE(shares.list().size(), 2);
    QCOMPARE(shares.list().first().name, QStringLiteral("Another"));

    Share orphan = share;
    orphan.audienceId = 4242;
    error.clear();
    QVERIFY(!shares.add(orphan, &error));
    QVERIFY(!error.isEmpty());

    // Removing a share keeps its runs as history, detached.
    RunRepository runs(*database);
    Run run;
    run.kind = QStringLiteral("share");
    run.shareId = *id;
    const auto runId = runs.create(run);
    QVERIFY(runId);
    QCOMPARE(runs.find(*runId)->shareId, std::optional<qint64>(*id));
    QVERIFY(shares.remove(*id, &error));
    QVERIFY(!shares.find(*id));
    QVERIFY(!shares.remove(*id));
    QCOMPARE(runs.find(*runId)->shareId, std::nullopt);
}

void TestStore::removingAnEndpointCascades()
{
    QTemporaryDir dir;
    auto database = openFresh(dir);
    QVERIFY(database);
    EndpointRepository endpoints(*database);
    AudienceRepository audiences(*database);
    ShareRepository shares(*database);
    const qint64 doomed = endpoints.add(makeEndpoint(QStringLiteral("Old shop"))).value_or(0);
    const qint64 kept = endpoints.add(makeEndpoint(QStringLiteral("New shop"))).value_or(0);
    const auto first = audiences.upsert(
        makeAudience(doomed, QStringLiteral("1"), QStringLiteral("Summer buyers")));
    QVERIFY(
        audiences.upsert(makeAudience(doomed, QStringLiteral("2"), QStringLiteral("Summer fans"))));
    const auto survivor =
        audiences.upsert(makeAudience(kept, QStringLiteral("1"), QStringLiteral("Summer guests")));
    QVERIFY(first && survivor);
    Share share;
    share.name = QStringLiteral("Old to new");
    share.audienceId = *first;
    share.destinationId = kept;
    QVERIFY(shares.add(share));

    QString error;
    QVERIFY2(endpoints.remove(doomed, &error), qPrintable(error));
    QVERIFY(audiences.listByEndpoint(doomed).isEmpty());
    QCOMPARE(audiences.count(), 1);
    QVERIFY(shares.list().isEmpty());
    // The search index follows the cascade.
    QCOMPARE(names(audiences.search(QStringLiteral("summer"))),
             QStringList{QStringLiteral("Summer guests")});
    QVERIFY(audiences.find(*survivor));
}
// ---- audience search

qint64 TestStore::seedCatalogue(Database &database)
{
    const qint64 endpoint =
        EndpointRepository(database).add(makeEndpoint(QStringLiteral("Shop"))).value_or(0);
    const QList<AudienceInfo> catalogue = {
        makeAudience(endpoint, QStringLiteral("1"), QStringLiteral("Summer buyers"),
                     QStringLiteral("People who bought in June")),
        makeAudience(endpoint, QStringLiteral("2"), QStringLiteral("Winter buyers"),
                     QStringLiteral("Bought a summer jacket in December")),
        makeAudience(endpoint, QStringLiteral("3"), QStringLiteral("Malmö newsletter"),
                     QStringLiteral("Subscribers in Skåne")),
        makeAudience(endpoint, QStringLiteral("4"), QStringLiteral("Summary readers")),
        makeAudience(endpoint, QStringLiteral("5"), QStringLiteral("VIP customers"),
                     QStringLiteral("High value; summer sale")),
    };
    const auto ids = AudienceRepository(database).upsertMany(catalogue);
    return ids && ids->size() == catalogue.size() ? endpoint : 0;
}

void TestStore::searchMatchesWordPrefixes()
{
    Database *database = catalogue();
    QVERIFY(database);
    AudienceRepository audiences(*database);

    // Every word must match, in the name or the description; the name match ranks first.
    QCOMPARE(names(audiences.search(QStringLiteral("summ buy"))),
             (QStringList{QStringLiteral("Summer buyers"), QStringLiteral("Winter buyers")}));
    QCOMPARE(names(audiences.search(QStringLiteral("buyers jun"))),
             QStringList{QStringLiteral("Summer buyers")});
    QCOMPARE(names(audiences.search(QStringLiteral("news"))),
             QStringList{QStringLiteral("Malmö newsletter")});
    // Prefixes only: "ummer" is inside a word, not at its start.
    QVERIFY(audiences.search(QStringLiteral("ummer")).isEmpty());
    QVERIFY(audiences.search(QStringLiteral("zebra")).isEmpty());
    QCOMPARE(audiences.search(QStringLiteral("summ"), 2).size(), 2);
    QCOMPARE(AudienceRepository::ftsQuery(QStringLiteral("summ buy")),
             QStringLiteral("\"summ\"* \"buy\"*"));
}

void TestStore::searchIgnoresCaseAndDiacritics()
{
    Database *database = catalogue();
    QVERIFY(database);
    AudienceRepository audiences(*database);
    const QStringList malmo = {QStringLiteral("Malmö newsletter")};
    QCOMPARE(names(audiences.search(QStringLiteral("malmo"))), malmo);
    QCOMPARE(names(audiences.search(QStringLiteral("MALMÖ"))), malmo);
    QCOMPARE(names(audiences.search(QStringLiteral("Malmo\u0308"))), malmo); // decomposed ö
    QCOMPARE(names(audiences.search(QStringLiteral("skane"))), malmo);
    QCOMPARE(names(audiences.search(QStringLiteral("SUMMER BUYERS"))).first(),
             QStringLiteral("Summer buyers"));
}

void TestStore::searchRanksNameMatchesFirst()
{
    Database *database = catalogue();
    QVERIFY(database);
    const QStringList found = names(AudienceRepository(*database).search(QStringLiteral("summ")));
    QCOMPARE(found.size(), 4);
    // Name hits (either order by rank) before description-only hits.
    QCOMPARE(QSet<QString>(found.cbegin(), found.cbegin() + 2),
             (QSet<QString>{QStringLiteral("Summer buyers"), QStringLiteral("Summary readers")}));
    QCOMPARE(QSet<QString>(found.cbegin() + 2, found.cend()),
             (QSet<QString>{QStringLiteral("Winter buyers"), QStringLiteral("VIP customers")}));
}

void TestStore::searchToleratesHostileInput_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QStringList>("expected"); // empty: only "no error" matters
    const QStringList summerBuyers = {QStringLiteral("Summer buyers"),
                                      QStringLiteral("Winter buyers")};
    QTest::newRow("unbalanced quote") << QStringLiteral("\"summ buy") << summerBuyers;
    QTest::newRow("operators") << QStringLiteral("\"a OR b*") << QStringList();
    QTest::newRow("near") << QStringLiteral("NEAR(") << QStringList();
    QTest::newRow("near group") << QStringLiteral("NEAR(summ buy, 2)") << QStringList();
    QTest::newRow("not") << QStringLiteral("summ NOT buy") << QStringList();
    QTest::newRow("and alone") << QStringLiteral("AND") << QStringList();
    QTest::newRow("star") << QStringLiteral("summ* buy*") << summerBuyers;
    QTest::newRow("column filter") << QStringLiteral("name:summ") << QStringList();
    QTest::newRow("braces") << QStringLiteral("{name description}: summ") << QStringList();
    QTest::newRow("caret minus") << QStringLiteral("^summ -buy +") << summerBuyers;
    QTest::newRow("parentheses") << QStringLiteral("((summ) buy))") << summerBuyers;
    QTest::newRow("sql") << QStringLiteral("'; DROP TABLE audiences; --") << QStringList();
    QTest::newRow("quotes only") << QStringLiteral("\"\"\"") << QStringList();
    QTest::newRow("emoji") << QStringLiteral("😀 summ 🎉 buy") << summerBuyers;
    QTest::newRow("long") << QStringLiteral("summ ").repeated(300) << QStringList();
}

void TestStore::searchToleratesHostileInput()
{
    QFETCH(QString, text);
    QFETCH(QStringList, expected);
    Database *database = catalogue();
    QVERIFY(database);
    AudienceRepository audiences(*database);
    QString error;
    const QStringList found = names(audiences.search(text, 200, &error));
    QVERIFY2(error.isEmpty(), qPrintable(error));
    if (!expected.isEmpty())
        QCOMPARE(found, expected);
    QCOMPARE(audiences.count(), 5);
}

void TestStore::searchWithoutWordsListsAll()
{
    Database *database = catalogue();
    QVERIFY(database);
    AudienceRepository audiences(*database);
    const QStringList all = {QStringLiteral("Malmö newsletter"), QStringLiteral("Summary readers"),
                             QStringLiteral("Summer buyers"), QStringLiteral("VIP customers"),
                             QStringLiteral("Winter buyers")};
    QCOMPARE(names(audiences.search(QString())), all);
    QCOMPARE(names(audiences.search(QStringLiteral("  \t "))), all);
    QCOMPARE(names(audiences.search(QStringLiteral("*"))), all);
    QCOMPARE(names(audiences.search(QString(), 2)), all.first(2));
    QCOMPARE(audiences.search(QString(), 0).size(), 5);
}

void TestStore::searchFollowsUpdatesAndDeletes()
{
    QTemporaryDir dir;
    auto database = openFresh(dir);
    QVERIFY(database);
    const qint64 endpoint = seedCatalogue(*database);
    QVERIFY(endpoint);
    AudienceRepository audiences(*database);
    QVERIFY(audiences.upsert(
        makeAudience(endpoint, QStringLiteral("2"), QStringLiteral("Autumn buyers"))));
    QVERIFY(audiences.search(QStringLiteral("winter")).isEmpty());
    QVERIFY(audiences.search(QStringLiteral("jacket")).isEmpty());
    QCOMPARE(names(audiences.search(QStringLiteral("autu"))),
             QStringList{QStringLiteral("Autumn buyers")});
    // A refresh that changes nothing leaves the index as it was.
    QVERIFY(audiences.upsert(
        makeAudience(endpoint, QStringLiteral("2"), QStringLiteral("Autumn buyers"))));
    QCOMPARE(audiences.search(QStringLiteral("autu")).size(), 1);
    QSqlQuery check(database->connection());
    QVERIFY(check.exec(QStringLiteral(
        "INSERT INTO audiences_fts (audiences_fts, rank) VALUES ('integrity-check', 1)")));
}

void TestStore::upsertManyIsFast()
{
    QTemporaryDir dir;
    auto database = openFresh(dir);
    QVERIFY(database);
    const qint64 endpoint =
        EndpointRepository(*database).add(makeEndpoint(QStringLiteral("Big"))).value_or(0);
    QList<AudienceInfo> batch;
    batch.reserve(10000);
    for (int i = 0; i < 10000; ++i) {
        AudienceInfo audience =
            makeAudience(endpoint, QStringLiteral("ext-%1").arg(i),
                         QStringLiteral("Audience %1").arg(i, 5, 10, QLatin1Char('0')),
                         QStringLiteral("Segment number %1 for the spring campaign").arg(i));
        audience.size = i;
        audience.identifiers = {QStringLiteral("email")};
        batch.append(audience);
    }
    AudienceRepository audiences(*database);
    QElapsedTimer timer;
    timer.start();
    QString error;
    const auto ids = audiences.upsertMany(batch, &error);
    const qint64 insertMs = timer.restart();
    QVERIFY2(ids, qPrintable(error));
    QCOMPARE(ids->size(), 10000);
    // A second refresh of the same audiences takes the update path.
    batch[42].name = QStringLiteral("Renamed audience");
    const auto again = audiences.upsertMany(batch, &error);
    const qint64 updateMs = timer.elapsed();
    QVERIFY2(again, qPrintable(error));
    QCOMPARE(*again, *ids);
    qInfo("upsertMany of 10,000 audiences: %lld ms new, %lld ms again", insertMs, updateMs);
    QVERIFY(insertMs < 5000 && updateMs < 5000);
    QCOMPARE(audiences.count(), 10000);
    QCOMPARE(names(audiences.search(QStringLiteral("audience 09999"))),
             QStringList{QStringLiteral("Audience 09999")});
    QCOMPARE(names(audiences.search(QStringLiteral("renamed"))),
             QStringList{QStringLiteral("Renamed audience")});
}

void TestStore::upsertManyIsAllOrNothing()
{
    QTemporaryDir dir;
    auto database = openFresh(dir);
    QVERIFY(database);
    const qint64 endpoint =
        EndpointRepository(*database).add(makeEndpoint(QStringLiteral("Shop"))).value_or(0);
    const QList<AudienceInfo> batch = {
        makeAudience(endpoint, QStringLiteral("1"), QStringLiteral("One")),
        makeAudience(endpoint, QStringLiteral("2"), QStringLiteral("Two")),
        makeAudience(endpoint + 100, QStringLiteral("3"), QStringLiteral("Nowhere")),
    };
    AudienceRepository audiences(*database);
    QString error;
    QVERIFY(!audiences.upsertMany(batch, &error));
    QVERIFY(error.contains(QStringLiteral("Nowhere")));
    QCOMPARE(audiences.count(), 0);
    QVERIFY(audiences.search(QStringLiteral("one")).isEmpty());
    // The connection is usable afterwards (no transaction left open).
    QVERIFY(audiences.upsertMany(batch.first(2), &error));
    QCOMPARE(audiences.count(), 2);
}
// ---- runs

void TestStore::runLifecycle()
{
    QTemporaryDir dir;
    auto database = openFresh(dir);
    QVERIFY(database);
    RunRepository runs(*database);

    Run run;
    run.kind = QStringLiteral("csv-export");
    run.source = QStringLiteral("/data/in.csv");
    run.destination = QStringLiteral("/data/out.csv");
    QString error;
    const auto id = runs.create(run, &error);
    QVERIFY2(id, qPrintable(error));
    auto found = runs.find(*id);
    QVERIFY(found);
    QCOMPARE(found->state, RunState::Queued);
    QCOMPARE(found->attempt, 1);
    QCOMPARE(found->shareId, std::nullopt);
    QCOMPARE(found->source, run.source);
    QCOMPARE(found->queuedAt.timeSpec(), Qt::UTC);
    QVERIFY(found->queuedAt.isValid() && !found->startedAt.isValid());

    QVERIFY2(runs.start(*id, RunState::Transforming, &error), qPrintable(error));
    QVERIFY2(runs.updateProgress(*id, RunState::Delivering, 100, 90, 10, 4096, &error),
             qPrintable(error));
    found = runs.find(*id);
    QCOMPARE(found->state, RunState::Delivering);
    QVERIFY(found->startedAt >= found->queuedAt);
    QCOMPARE(found->rowsRead, 100);
    QCOMPARE(found->rowsWritten, 90);
    QCOMPARE(found->rowsRejected, 10);
    QCOMPARE(found->bytesRead, 4096);

    QVERIFY(runs.appendEvent(*id, RunEvent::Level::Info, QStringLiteral("Reading in.csv")));
    QVERIFY(runs.appendEvent(*id, RunEvent::Level::Warning, QStringLiteral("10 rows rejected")));
    const QList<RunEvent> events = runs.events(*id);
    QCOMPARE(events.size(), 2);
    QCOMPARE(events.at(0).message, QStringLiteral("Reading in.csv"));
    QCOMPARE(events.at(0).level, RunEvent::Level::Info);
    QCOMPARE(events.at(1).level, RunEvent::Level::Warning);
    QCOMPARE(events.at(1).runId, *id);
    QVERIFY(events.at(1).at >= events.at(0).at);

    QVERIFY2(runs.finish(*id,
                         RunOutcome::succeeded(QStringLiteral("/data/out.csv"),
                                               QStringLiteral("/data/out.rejected.csv")),
                         &error),
             qPrintable(error));
    found = runs.find(*id);
    QCOMPARE(found->state, RunState::Succeeded);
    QVERIFY(found->finishedAt >= found->startedAt);
    QVERIFY(found->error.isEmpty());
    QCOMPARE(found->outputPath, QStringLiteral("/data/out.csv"));
    QCOMPARE(found->rejectedPath, QStringLiteral("/data/out.rejected.csv"));

    // A finished run stays finished.
    error.clear();
    QVERIFY(!runs.updateProgress(*id, RunState::Delivering, 1, 1, 0, 1, &error));
    QVERIFY(!error.isEmpty());
    QVERIFY(!runs.finish(*id, RunOutcome::failed(QStringLiteral("late"))));
    QCOMPARE(runs.find(*id)->state, RunState::Succeeded);
    QCOMPARE(runs.find(*id)->rowsRead, 100);

    // Failing keeps the output path it was created with when none is given.
    Run second = run;
    second.outputPath = QStringLiteral("/data/partial.csv");
    second.attempt = 2;
    const auto secondId = runs.create(second);
    QVERIFY(secondId);
    RunOutcome notFinal;
    notFinal.state = RunState::Delivering;
    QVERIFY(!runs.finish(*secondId, notFinal, &error));
    QVERIFY(runs.finish(*secondId, RunOutcome::failed(QStringLiteral("The disk is full."))));
    found = runs.find(*secondId);
    QCOMPARE(found->state, RunState::Failed);
    QCOMPARE(found->attempt, 2);
    QCOMPARE(found->error, QStringLiteral("The disk is full."));
    QCOMPARE(found->outputPath, QStringLiteral("/data/partial.csv"));
    QVERIFY(found->finishedAt.isValid() && !found->startedAt.isValid());

    QVERIFY(!runs.start(424242, RunState::Requesting, &error));
    QVERIFY(!runs.find(424242));
}

void TestStore::recentRunsNewestFirst()
{
    QTemporaryDir dir;
    auto database = openFresh(dir);
    QVERIFY(database);
    RunRepository runs(*database);
    const QDateTime base(QDate(2024, 6, 1), QTime(12, 0), Qt::UTC);
    // Created out of order: recent() goes by queuedAt, not by id.
    for (int offset : {10, 30, 20}) {
        Run run;
        run.kind = QStringLiteral("run-%1").arg(offset);
        run.queuedAt = base.addSecs(offset);
        QVERIFY(runs.create(run));
    }
    const QList<Run> recent = runs.recent(10);
    QCOMPARE(recent.size(), 3);
    QCOMPARE(recent.at(0).kind, QStringLiteral("run-30"));
    QCOMPARE(recent.at(1).kind, QStringLiteral("run-20"));
    QCOMPARE(recent.at(2).kind, QStringLiteral("run-10"));
    QCOMPARE(recent.at(0).queuedAt, base.addSecs(30));
    QCOMPARE(runs.recent(2).size(), 2);
}

void TestStore::markInterrupted()
{
    QTemporaryDir dir;
    auto database = openFresh(dir);
    QVERIFY(database);
    RunRepository runs(*database);
    const auto newRun = [&](RunState state) {
        Run run;
        run.kind = QStringLiteral("csv-export");
        run.state = state;
        if (state == RunState::Failed)
            run.error = QStringLiteral("Boom");
        return runs.create(run).value_or(0);
    };
    const qint64 queued = newRun(RunState::Queued);
    const qint64 downloading = newRun(RunState::Downloading);
    const qint64 succeeded = newRun(RunState::Succeeded);
    const qint64 failed = newRun(RunState::Failed);
    QVERIFY(queued && downloading && succeeded && failed);

    QString error;
    QCOMPARE(runs.markInterrupted(&error), 2);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    for (qint64 id : {queued, downloading}) {
        const auto run = runs.find(id);
        QCOMPARE(run->state, RunState::Interrupted);
        QVERIFY(run->finishedAt.isValid());
        const QList<RunEvent> events = runs.events(id);
        QCOMPARE(events.size(), 1);
        QCOMPARE(events.first().level, RunEvent::Level::Warning);
        QCOMPARE(events.first().message,
                 QStringLiteral("Interrupted: the app stopped while this run was in progress"));
    }
    QCOMPARE(runs.find(succeeded)->state, RunState::Succeeded);
    QCOMPARE(runs.find(failed)->error, QStringLiteral("Boom"));
    QVERIFY(runs.events(succeeded).isEmpty());
    QCOMPARE(runs.markInterrupted(), 0);
    QCOMPARE(runs.events(queued).size(), 1);
}
// ---- threads and instances

void TestStore::connectionPerThread()
{
    QTemporaryDir dir;
    auto database = openFresh(dir);
    QVERIFY(database);
    const QString mainName = database->connection().connectionName();
    QCOMPARE(database->connection().connectionName(), mainName); // reused, not re-created

    QString workerName;
    QString workerError;
    QString journalMode;
    int foreignKeys = -1;
    std::optional<qint64> workerId;
    bool releasedGone = false;
    std::unique_ptr<QThread> worker(QThread::create([&] {
        {
            const QSqlDatabase connection = database->connection();
            workerName = connection.connectionName();
            journalMode = scalar(connection, QStringLiteral("PRAGMA journal_mode")).toString();
            foreignKeys = scalar(connection, QStringLiteral("PRAGMA foreign_keys")).toInt();
        }
        workerId = EndpointRepository(*database).add(makeEndpoint(QStringLiteral("From a worker")),
                                                     &workerError);
        database->releaseThreadConnection();
        releasedGone = !QSqlDatabase::connectionNames().contains(workerName);
    }));
    worker->start();
    QVERIFY(worker->wait(10000));

    QVERIFY(!workerName.isEmpty());
    QVERIFY(workerName != mainName);
    QCOMPARE(journalMode, QStringLiteral("wal"));
    QCOMPARE(foreignKeys, 1);
    QVERIFY2(workerId, qPrintable(workerError));
    QVERIFY(releasedGone);
    const auto found = EndpointRepository(*database).find(*workerId);
    QVERIFY(found);
    QCOMPARE(found->name, QStringLiteral("From a worker"));
    // The main thread's connection is untouched by the worker's release.
    QVERIFY(QSqlDatabase::connectionNames().contains(mainName));
    QCOMPARE(EndpointRepository(*database).list().size(), 1);
}

void TestStore::severalDatabasesInOneProcess()
{
    QTemporaryDir firstDir;
    QTemporaryDir secondDir;
    auto first = openFresh(firstDir);
    auto second = openFresh(secondDir);
    QVERIFY(first && second);
    const QString firstName = first->connection().connectionName();
    QVERIFY(firstName != second->connection().connectionName());

    QVERIFY(EndpointRepository(*first).add(makeEndpoint(QStringLiteral("Only in first"))));
    QCOMPARE(EndpointRepository(*first).list().size(), 1);
    QVERIFY(EndpointRepository(*second).list().isEmpty());

    // A worker that ends without releasing: the Database still cleans up its connection.
    QString workerName;
    std::unique_ptr<QThread> worker(QThread::create([&] {
        workerName = first->connection().connectionName();
        AudienceRepository(*first).count();
    }));
    worker->start();
    QVERIFY(worker->wait(10000));
    worker.reset();
    QVERIFY(QSqlDatabase::connectionNames().contains(workerName));

    first.reset();
    QVERIFY(!QSqlDatabase::connectionNames().contains(firstName));
    QVERIFY(!QSqlDatabase::connectionNames().contains(workerName));
    QVERIFY(EndpointRepository(*second).list().isEmpty());
    QCOMPARE(AudienceRepository(*second).count(), 0);
}

void TestStore::checkpointsAndResumableRuns()
{
    QTemporaryDir dir;
    auto database = openFresh(dir);
    QVERIFY(database);
    EndpointRepository endpoints(*database);
    const qint64 endpoint = endpoints.add(makeEndpoint(QStringLiteral("Shop"))).value_or(0);
    const qint64 audience =
        AudienceRepository(*database)
            .upsert(makeAudience(endpoint, QStringLiteral("a"), QStringLiteral("Buyers")))
            .value_or(0);
    Share share;
    share.name = QStringLiteral("Buyers");
    share.audienceId = audience;
    share.destinationId = endpoint;
    const qint64 shareId = ShareRepository(*database).add(share).value_or(0);
    QVERIFY(shareId);

    RunRepository runs(*database);
    Run run;
    run.shareId = shareId;
    run.kind = QStringLiteral("share");
    const QJsonObject initial{{QStringLiteral("deliveryId"), QStringLiteral("d-1")}};
    const auto id = runs.create(run, initial);
    QVERIFY(id);
    QCOMPARE(runs.checkpoint(*id), initial);
    QCOMPARE(runs.unfinishedRunOf(shareId), id);
    QVERIFY(runs.start(*id, RunState::Requesting));

    RunProgress progress;
    progress.state = RunState::Delivering;
    progress.rowsRead = 3000;
    progress.rowsWritten = 2990;
    progress.rowsRejected = 10;
    progress.batchesDelivered = 3;
    QJsonObject checkpoint = initial;
    checkpoint.insert(QStringLiteral("delivered"), 3);
    QVERIFY(runs.saveCheckpoint(*id, progress, checkpoint));
    QCOMPARE(runs.checkpoint(*id), checkpoint);
    QCOMPARE(runs.find(*id)->batchesDelivered, 3);
    QCOMPARE(runs.find(*id)->state, RunState::Delivering);

    // Killed here: the next start marks it interrupted, and it is the share's run to resume.
    QVERIFY(runs.resumable(QDateTime::currentDateTimeUtc().addSecs(-60)).isEmpty());
    QCOMPARE(runs.markInterrupted(), 1);
    QVERIFY(!runs.unfinishedRunOf(shareId));
    const QList<Run> resumable = runs.resumable(QDateTime::currentDateTimeUtc().addSecs(-60));
    QCOMPARE(resumable.size(), 1);
    QCOMPARE(resumable.first().id, *id);
    // Too long ago: left as history.
    QVERIFY(runs.resumable(QDateTime::currentDateTimeUtc().addSecs(60)).isEmpty());
    // A checkpoint can no longer be written to a finished run.
    QVERIFY(!runs.saveCheckpoint(*id, progress, checkpoint));

    // Once resumed, the interrupted run is no longer its share's newest: not resumed twice.
    Run resumed = run;
    resumed.resumedFrom = *id;
    resumed.attempt = 2;
    const auto second = runs.create(resumed, runs.checkpoint(*id));
    QVERIFY(second);
    QCOMPARE(runs.find(*second)->resumedFrom, id);
    QCOMPARE(runs.checkpoint(*second), checkpoint);
    QVERIFY(runs.resumable(QDateTime::currentDateTimeUtc().addSecs(-60)).isEmpty());

    // A run whose source cannot continue is made not resumable, with the reason in its log.
    QVERIFY(runs.start(*second, RunState::Downloading));
    QCOMPARE(runs.markInterrupted(), 1);
    QCOMPARE(runs.resumable(QDateTime::currentDateTimeUtc().addSecs(-60)).size(), 1);
    QVERIFY(runs.forgetResumption(shareId, QStringLiteral("The sandbox started afresh.")));
    QVERIFY(runs.resumable(QDateTime::currentDateTimeUtc().addSecs(-60)).isEmpty());
    QVERIFY(runs.checkpoint(*second).isEmpty());
    QCOMPARE(runs.events(*second).constLast().message,
             QStringLiteral("The sandbox started afresh."));
    QVERIFY(runs.checkpoint(*id).isEmpty()); // every interrupted run of the share
}

void TestStore::dueShares()
{
    QTemporaryDir dir;
    auto database = openFresh(dir);
    QVERIFY(database);
    const qint64 endpoint =
        EndpointRepository(*database).add(makeEndpoint(QStringLiteral("Shop"))).value_or(0);
    const qint64 audience =
        AudienceRepository(*database)
            .upsert(makeAudience(endpoint, QStringLiteral("a"), QStringLiteral("Buyers")))
            .value_or(0);
    ShareRepository shares(*database);
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const auto add = [&](const QString &name, const QDateTime &next, bool enabled) {
        Share share;
        share.name = name;
        share.audienceId = audience;
        share.destinationId = endpoint;
        share.nextRunAt = next;
        share.enabled = enabled;
        return shares.add(share).value_or(0);
    };
    const qint64 overdue = add(QStringLiteral("Overdue"), now.addSecs(-3600), true);
    const qint64 justDue = add(QStringLiteral("Just due"), now.addSecs(-1), true);
    add(QStringLiteral("Later"), now.addSecs(3600), true);
    add(QStringLiteral("Manual"), QDateTime(), true);
    add(QStringLiteral("Paused"), now.addSecs(-3600), false);

    const QList<Share> due = shares.due(now);
    QCOMPARE(due.size(), 2);
    QCOMPARE(due.at(0).id, overdue); // the longest overdue first
    QCOMPARE(due.at(1).id, justDue);

    QVERIFY(shares.setNextRunAt(overdue, QDateTime()));
    QVERIFY(shares.setDestinationOptions(justDue, {{QStringLiteral("destinationId"), 7}}));
    QCOMPARE(shares.due(now).size(), 1);
    QCOMPARE(shares.find(justDue)->destinationOptions.value(QStringLiteral("destinationId")), 7);
}

QTEST_GUILESS_MAIN(TestStore)
#include "tst_store.moc"
