// Deltas between deliveries: member fingerprints, the external sort, member snapshots in a real
// SQLite cache, and the adds.csv / removes.csv a DeltaBuilder writes. Every test works in its own
// QTemporaryDir.
#include "connectors/csv/CsvReader.h"
#include "delta/DeltaBuilder.h"
#include "delta/ExternalSorter.h"
#include "delta/MemberFingerprint.h"
#include "delta/SnapshotFormat.h"
#include "delta/SnapshotRepository.h"
#include "delta/SpoolFile.h"
#include "pipeline/RowBatch.h"
#include "store/Database.h"

#include <algorithm>
#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QtTest>

using namespace courier;
using courier::delta::hash64;
namespace cells = courier::delta::cells;

namespace {

using Rows = QList<QStringList>;

const QStringList Columns = {QStringLiteral("email"), QStringLiteral("phone"),
                             QStringLiteral("city"), QStringLiteral("score")};
constexpr qint64 ShareId = 1;
constexpr qint64 Destination = 2;
constexpr qint64 OtherDestination = 3;
constexpr qint64 ActiveRun = 10;
constexpr qint64 FailedRun = 11;

QStringList member(int i, int version = 0)
{
    static const QStringList cities = {QStringLiteral("Malmö"), QStringLiteral("Roma"),
                                       QStringLiteral("Lund, Skåne"), QStringLiteral("Torino"),
                                       QStringLiteral("Say \"hi\"")};
    return {QStringLiteral("m%1@example.com").arg(i),
            QStringLiteral("+4670%1").arg(i, 7, 10, QChar('0')), cities[i % cities.size()],
            QString::number(i * 7 + version)};
}

Rows members(int from, int to)
{
    Rows rows;
    for (int i = from; i < to; ++i)
        rows.append(member(i));
    return rows;
}

qint64 scalar(const Database &database, const QString &sql)
{
    QSqlQuery query(database.connection());
    if (!query.exec(sql) || !query.next())
        return -1;
    return query.value(0).toLongLong();
}

bool exec(const Database &database, const QString &sql)
{
    QSqlQuery query(database.connection());
    if (!query.exec(sql)) {
        qWarning() << sql << query.lastError().text();
        return false;
    }
    return true;
}

// A cache with a share (audience 1 → destination 2), a second destination, and two runs.
struct Fixture
{
    QTemporaryDir dir;
    std::unique_ptr<Database> database;
    QString work;

    bool open()
    {
        QString error;
        database = Database::open(dir.filePath(QStringLiteral("courier.sqlite")), &error);
        if (!database) {
            qWarning() << error;
            return false;
        }
        work = dir.filePath(QStringLiteral("work"));
        const QString now = QStringLiteral("'2026-01-01T00:00:00.000Z'");
        return QDir().mkpath(work) &&
               exec(*database,
                    QStringLiteral("INSERT INTO endpoints (id, name, kind, role, created_at, "
                                   "updated_at) VALUES (1, 'Shop', 'csv', 'source', %1, %1), "
                                   "(2, 'Ads', 'csv', 'destination', %1, %1), "
                                   "(3, 'Mail', 'csv', 'destination', %1, %1)")
                        .arg(now)) &&
               exec(*database,
                    QStringLiteral("INSERT INTO audiences (id, endpoint_id, "
                                   "external_id, name) VALUES (1, 1, 'a1', 'Buyers')")) &&
               exec(*database,
                    QStringLiteral("INSERT INTO shares (id, name, audience_id, destination_id, "
                                   "created_at, updated_at) VALUES (1, 'Buyers', 1, 2, %1, %1)")
                        .arg(now)) &&
               exec(*database,
                    QStringLiteral("INSERT INTO runs (id, share_id, kind, state, queued_at) VALUES "
                                   "(10, 1, 'share', 'delivering', %1), "
                                   "(11, 1, 'share', 'failed', %1)")
                        .arg(now));
    }
};

RowBatch batchOf(const Rows &rows, int from, int count)
{
    RowBatch batch(static_cast<int>(Columns.size()));
    for (int i = from; i < std::min<int>(from + count, rows.size()); ++i) {
        QList<QByteArray> cells;
        for (const QString &cell : rows[i])
            cells.append(cell.toUtf8());
        batch.appendRow(cells, i + 2);
    }
    return batch;
}

// The data rows of a CSV file (its header must be Columns).
Rows readCsv(const QString &path)
{
    CsvReader reader;
    if (!reader.open(path)) {
        qWarning() << reader.errorString();
        return {{QStringLiteral("<unreadable>")}};
    }
    if (reader.columns() != Columns)
        return {QStringList{QStringLiteral("<header>")} + reader.columns()};
    Rows rows;
    RowBatch batch;
    bool more = true;
    while (more) {
        more = reader.read(batch, 1000);
        for (int row = 0; row < batch.rowCount(); ++row) {
            QStringList cells;
            for (int column = 0; column < batch.columnCount(); ++column)
                cells.append(QString::fromUtf8(batch.cell(row, column)));
            rows.append(cells);
        }
    }
    return rows;
}

Rows sorted(Rows rows)
{
    std::sort(rows.begin(), rows.end(), [](const QStringList &a, const QStringList &b) {
        return a.join('\n') < b.join('\n');
    });
    return rows;
}

QStringList removal(const QString &email)
{
    return {email, QString(), QString(), QString()};
}

struct Delivery
{
    DeltaResult result;
    qint64 snapshotId = 0; // the new snapshot (0 on a dry run)
    int sortRuns = 0;
    Rows adds;
    Rows removes;
};

struct Options
{
    bool write = true;    // false: a dry run
    bool complete = true; // complete the new snapshot
    qsizetype budget = DeltaBuilder::DefaultMemoryBudget;
    qint64 destination = Destination;
    QList<int> identifiers = {0};
    QString work; // default: the fixture's work folder
};

// One run's delta work as the engine does it: previous snapshot, builder, new snapshot.
Delivery deliver(Fixture &fixture, const Rows &audience, const Options &options = {})
{
    Delivery delivery;
    SnapshotRepository snapshots(*fixture.database);
    QString error;
    std::unique_ptr<SnapshotReader> previous;
    if (const auto latest = snapshots.latest(ShareId, options.destination, &error)) {
        previous = snapshots.open(latest->id, &error);
        if (!previous)
            qWarning() << error;
    }
    const QString work = options.work.isEmpty() ? fixture.work : options.work;
    DeltaBuilder builder(work, Columns, options.identifiers, options.budget);
    for (int from = 0; from < audience.size(); from += 97) {
        if (!builder.add(batchOf(audience, from, 97))) {
            delivery.result.error = builder.errorString();
            return delivery;
        }
    }
    std::unique_ptr<SnapshotWriter> next;
    if (options.write) {
        SnapshotInfo header;
        header.shareId = ShareId;
        header.destinationId = options.destination;
        header.runId = ActiveRun;
        header.columns = Columns;
        header.identifierColumns = builder.identifierColumns();
        next = snapshots.create(header, &error);
        if (!next) {
            delivery.result.error = error;
            return delivery;
        }
        delivery.snapshotId = next->id();
    }
    delivery.result = builder.finish(previous.get(), next.get());
    delivery.sortRuns = builder.sortRuns();
    if (!delivery.result.ok)
        return delivery;
    if (next && options.complete && !snapshots.complete(next->id(), &error)) {
        delivery.result.ok = false;
        delivery.result.error = error;
        return delivery;
    }
    delivery.adds = readCsv(delivery.result.addsPath);
    delivery.removes = readCsv(delivery.result.removesPath);
    return delivery;
}

struct StoredRecord
{
    quint64 keyFp;
    quint64 rowFp;
    QByteArray keyCells;
    friend bool operator==(const StoredRecord &, const StoredRecord &) = default;
};

QList<StoredRecord> readSnapshot(const Database &database, qint64 id, QString *error)
{
    QList<StoredRecord> records;
    auto reader = SnapshotRepository(database).open(id, error);
    if (!reader)
        return records;
    SnapshotRecord record;
    while (reader->next(record))
        records.append({record.keyFp, record.rowFp, record.keyCells.toByteArray()});
    *error = reader->errorString();
    return records;
}

QStringList decodeCells(QByteArrayView encoded)
{
    QStringList cellList;
    if (!cells::forEach(encoded,
                        [&](QByteArrayView cell) { cellList.append(QString::fromUtf8(cell)); }))
        cellList.append(QStringLiteral("<malformed>"));
    return cellList;
}

} // namespace

class TstDelta : public QObject
{
    Q_OBJECT

private slots:
    void fingerprintsAreStableAndUnambiguous();
    void externalSortIsStableWithManyRuns();
    void firstDeliveryAddsEveryone();
    void secondDeliverySendsOnlyTheChanges();
    void unchangedAudienceGivesAnEmptyDelta();
    void duplicatesAreDeliveredOnce();
    void tinyMemoryBudgetGivesTheSameResult();
    void completeReplacesTheOldSnapshot();
    void incompleteSnapshotsAreSwept();
    void readerStreamsChunkByChunk();
    void dryRunLeavesTheSnapshotUntouched();
    void changedIdentifiersAreRefused();
    void damagedSnapshotIsReported();
    void failedChunkStoreIsReported();
    void fullDiskIsSaidPlainly();
};

void TstDelta::fingerprintsAreStableAndUnambiguous()
{
    // The values are stored in snapshots: a change to the hash must be deliberate (and come
    // with a new chunk format version).
    QCOMPARE(hash64(QByteArrayView("")), Q_UINT64_C(0x0f66a73c0186b712));
    QCOMPARE(hash64(QByteArrayView("m1@example.com")), Q_UINT64_C(0xb7b037825a41d7eb));
    QCOMPARE(hash64(QByteArrayView("m1@example.com"), 7), Q_UINT64_C(0xbeb321111d5e25e3));

    RowBatch batch(4);
    batch.appendRow(QList<QByteArray>{"ab", "c", "Roma", "1"}, 1);
    batch.appendRow(QList<QByteArray>{"a", "bc", "Roma", "1"}, 2);
    batch.appendRow(QList<QByteArray>{"ab", "c", "Roma", "2"}, 3);
    batch.appendRow(QList<QByteArray>{"", "", "Roma", "2"}, 4);
    MemberFingerprint fingerprint({0, 1});
    fingerprint.compute(batch, 0);
    const quint64 key0 = fingerprint.keyFp();
    const quint64 row0 = fingerprint.rowFp();
    QVERIFY(fingerprint.hasKey());
    QCOMPARE(decodeCells(fingerprint.keyCells()), QStringList({"ab", "c"}));
    QCOMPARE(decodeCells(fingerprint.rowCells()), QStringList({"ab", "c", "Roma", "1"}));
    fingerprint.compute(batch, 1);
    QVERIFY(fingerprint.keyFp() != key0); // same bytes, other cells
    QVERIFY(fingerprint.rowFp() != row0);
    fingerprint.compute(batch, 2);
    QCOMPARE(fingerprint.keyFp(), key0); // an attribute changed: same member, other row
    QVERIFY(fingerprint.rowFp() != row0);
    fingerprint.compute(batch, 3);
    QVERIFY(!fingerprint.hasKey());

    // No collisions among many near-identical keys, and every output bit in use.
    QList<quint64> seen;
    quint64 ored = 0;
    quint64 anded = ~quint64(0);
    for (int i = 0; i < 200000; ++i) {
        const QByteArray key = "m" + QByteArray::number(i) + "@example.com";
        const quint64 h = hash64(key);
        seen.append(h);
        ored |= h;
        anded &= h;
    }
    std::sort(seen.begin(), seen.end());
    QVERIFY(std::adjacent_find(seen.begin(), seen.end()) == seen.end());
    QCOMPARE(ored, ~quint64(0));
    QCOMPARE(anded, quint64(0));
}

void TstDelta::externalSortIsStableWithManyRuns()
{
    QTemporaryDir dir;
    const int count = 30000;
    QList<quint64> keys;
    {
        // 4 KiB (the smallest budget) holds about 200 of these records: well over MaxFanIn runs,
        // so the merge needs an intermediate pass.
        ExternalSorter sorter(dir.path(), QStringLiteral("t"), 1);
        quint64 state = 42;
        for (int i = 0; i < count; ++i) {
            state = state * 6364136223846793005ULL + 1442695040888963407ULL;
            const quint64 key = (state >> 33) % 500; // many equal keys
            keys.append(key);
            const QByteArray payload = QByteArray::number(i);
            QVERIFY2(sorter.add(key, payload), qPrintable(sorter.errorString()));
        }
        // A record bigger than the whole budget still sorts.
        QVERIFY(sorter.add(250, QByteArray(10000, 'x')));
        QVERIFY2(sorter.finish(), qPrintable(sorter.errorString()));
        QVERIFY2(sorter.runsWritten() > ExternalSorter::MaxFanIn,
                 qPrintable(QString::number(sorter.runsWritten())));
        QCOMPARE(sorter.count(), count + 1);

        ExternalSorter::Record record;
        int read = 0;
        quint64 lastKey = 0;
        int lastIndex = -1;
        bool sawBig = false;
        while (sorter.next(record)) {
            ++read;
            QVERIFY(record.key >= lastKey);
            if (record.payload.size() == 10000) {
                sawBig = true;
                QCOMPARE(record.key, quint64(250));
                lastIndex = count; // added after every other record
                lastKey = record.key;
                continue;
            }
            const int index = record.payload.toByteArray().toInt();
            QCOMPARE(record.key, keys[index]);
            if (record.key == lastKey)
                QVERIFY2(index > lastIndex, "equal keys must keep the order they were added in");
            lastKey = record.key;
            lastIndex = index;
        }
        QVERIFY(sorter.errorString().isEmpty());
        QCOMPARE(read, count + 1);
        QVERIFY(sawBig);
    }
    // The run files are gone with the sorter.
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files), QStringList());
}

void TstDelta::firstDeliveryAddsEveryone()
{
    Fixture fixture;
    QVERIFY(fixture.open());
    const Rows audience = members(0, 1000);
    const Delivery delivery = deliver(fixture, audience);
    QVERIFY2(delivery.result.ok, qPrintable(delivery.result.error));
    DeltaCounts expected;
    expected.current = expected.added = 1000;
    QCOMPARE(delivery.result.counts, expected);
    QCOMPARE(delivery.adds, audience); // whole rows, in the audience's order
    QCOMPARE(delivery.removes, Rows());
    QCOMPARE(QFileInfo(delivery.result.addsPath).fileName(), QStringLiteral("adds.csv"));

    SnapshotRepository snapshots(*fixture.database);
    const auto latest = snapshots.latest(ShareId, Destination);
    QVERIFY(latest);
    QCOMPARE(latest->id, delivery.snapshotId);
    QVERIFY(latest->complete);
    QCOMPARE(latest->members, 1000);
    QCOMPARE(latest->columns, Columns);
    QCOMPARE(latest->identifierColumns, QStringList{"email"});
    QCOMPARE(latest->runId, ActiveRun);
    QString error;
    const auto records = readSnapshot(*fixture.database, latest->id, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(records.size(), 1000);
    QVERIFY(std::is_sorted(records.begin(), records.end(),
                           [](const auto &a, const auto &b) { return a.keyFp < b.keyFp; }));
    QStringList emails;
    for (const auto &record : records)
        emails.append(decodeCells(record.keyCells));
    emails.sort();
    QStringList expectedEmails;
    for (const QStringList &row : audience)
        expectedEmails.append(row[0]);
    expectedEmails.sort();
    QCOMPARE(emails, expectedEmails);
    // Only the two CSV files stay in the work folder.
    QCOMPARE(QDir(fixture.work).entryList(QDir::Files), QStringList({"adds.csv", "removes.csv"}));
}

void TstDelta::secondDeliverySendsOnlyTheChanges()
{
    Fixture fixture;
    QVERIFY(fixture.open());
    QVERIFY(deliver(fixture, members(0, 1000)).result.ok);

    // 30 members leave (0-29), 20 join (1000-1019), 10 get another score (100-109).
    Rows audience;
    Rows expectedAdds;
    for (int i = 30; i < 1020; ++i) {
        const bool changed = i >= 100 && i < 110;
        audience.append(member(i, changed ? 1 : 0));
        if (changed || i >= 1000)
            expectedAdds.append(audience.constLast());
    }
    const Delivery delivery = deliver(fixture, audience);
    QVERIFY2(delivery.result.ok, qPrintable(delivery.result.error));
    DeltaCounts expected;
    expected.current = 990;
    expected.previous = 1000;
    expected.added = 20;
    expected.changed = 10;
    expected.removed = 30;
    expected.unchanged = 960;
    QCOMPARE(delivery.result.counts, expected);
    QCOMPARE(delivery.adds, expectedAdds);
    Rows expectedRemoves;
    for (int i = 0; i < 30; ++i)
        expectedRemoves.append(removal(member(i)[0]));
    QCOMPARE(sorted(delivery.removes), sorted(expectedRemoves));

    // The next delta starts from this delivery.
    const Delivery again = deliver(fixture, audience);
    QVERIFY2(again.result.ok, qPrintable(again.result.error));
    QCOMPARE(again.result.counts.unchanged, 990);
    QCOMPARE(again.adds, Rows());
    QCOMPARE(again.removes, Rows());
}

void TstDelta::unchangedAudienceGivesAnEmptyDelta()
{
    Fixture fixture;
    QVERIFY(fixture.open());
    const Rows audience = members(0, 500);
    QVERIFY(deliver(fixture, audience).result.ok);
    const Delivery delivery = deliver(fixture, audience);
    QVERIFY2(delivery.result.ok, qPrintable(delivery.result.error));
    DeltaCounts expected;
    expected.current = expected.previous = expected.unchanged = 500;
    QCOMPARE(delivery.result.counts, expected);
    QCOMPARE(delivery.adds, Rows());
    QCOMPARE(delivery.removes, Rows());
    // Both files still exist, with their header: an empty delta is a valid delivery.
    QCOMPARE(QFile(delivery.result.addsPath).size(),
             QByteArray("email,phone,city,score\r\n").size());

    // An empty audience removes everyone.
    const Delivery emptied = deliver(fixture, Rows());
    QVERIFY2(emptied.result.ok, qPrintable(emptied.result.error));
    QCOMPARE(emptied.result.counts.removed, 500);
    QCOMPARE(emptied.result.counts.current, 0);
    QCOMPARE(emptied.removes.size(), 500);
    QCOMPARE(SnapshotRepository(*fixture.database).latest(ShareId, Destination)->members, 0);
}

void TstDelta::duplicatesAreDeliveredOnce()
{
    Fixture fixture;
    QVERIFY(fixture.open());
    Rows audience = members(0, 100);
    audience.insert(10, member(50, 5)); // m50 first appears here, with another score
    audience.append(member(3, 9));      // and m3 again at the end
    audience.append(member(3, 8));
    audience.append({QString(), QStringLiteral("+46700"), QStringLiteral("Lund"), "1"});
    const Delivery delivery = deliver(fixture, audience);
    QVERIFY2(delivery.result.ok, qPrintable(delivery.result.error));
    QCOMPARE(delivery.result.counts.current, 100);
    QCOMPARE(delivery.result.counts.added, 100);
    QCOMPARE(delivery.result.counts.duplicates, 3);
    QCOMPARE(delivery.result.counts.withoutIdentifier, 1);
    // The first row of each member is the one delivered, in the audience's order.
    Rows expectedAdds = members(0, 100);
    expectedAdds.removeAt(50);
    expectedAdds.insert(10, member(50, 5));
    QCOMPARE(delivery.adds, expectedAdds);
    QCOMPARE(SnapshotRepository(*fixture.database).latest(ShareId, Destination)->members, 100);

    // Next time m50's first row is its usual one: that is a change.
    const Delivery next = deliver(fixture, members(0, 100));
    QVERIFY2(next.result.ok, qPrintable(next.result.error));
    QCOMPARE(next.result.counts.changed, 1);
    QCOMPARE(next.adds, Rows{member(50)});
}

void TstDelta::tinyMemoryBudgetGivesTheSameResult()
{
    Fixture fixture;
    QVERIFY(fixture.open());
    const QString tinyWork = fixture.dir.filePath(QStringLiteral("tiny"));
    QVERIFY(QDir().mkpath(tinyWork));
    Options big;
    Options tiny;
    tiny.destination = OtherDestination;
    tiny.budget = 1; // raised to the 4 KiB minimum: about 70 members a sorted run
    tiny.work = tinyWork;

    QVERIFY(deliver(fixture, members(0, 6000), big).result.ok);
    QVERIFY(deliver(fixture, members(0, 6000), tiny).result.ok);
    Rows audience = members(200, 6300);
    for (int i = 1000; i < 1100; ++i)
        audience[i] = member(i + 200, 3);
    const Delivery a = deliver(fixture, audience, big);
    const Delivery b = deliver(fixture, audience, tiny);
    QVERIFY2(a.result.ok, qPrintable(a.result.error));
    QVERIFY2(b.result.ok, qPrintable(b.result.error));
    QCOMPARE(a.sortRuns, 0);
    QVERIFY2(b.sortRuns > ExternalSorter::MaxFanIn, qPrintable(QString::number(b.sortRuns)));
    QCOMPARE(a.result.counts, b.result.counts);
    QCOMPARE(a.result.counts.added, 300);
    QCOMPARE(a.result.counts.changed, 100);
    QCOMPARE(a.result.counts.removed, 200);

    const auto bytes = [](const QString &path) {
        QFile file(path);
        return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray("<unreadable>");
    };
    QCOMPARE(bytes(b.result.addsPath), bytes(a.result.addsPath));
    QCOMPARE(bytes(b.result.removesPath), bytes(a.result.removesPath));
    QString error;
    const auto snapshotA = readSnapshot(*fixture.database, a.snapshotId, &error);
    QVERIFY(error.isEmpty());
    const auto snapshotB = readSnapshot(*fixture.database, b.snapshotId, &error);
    QVERIFY(error.isEmpty());
    QCOMPARE(snapshotA.size(), 6100);
    QVERIFY(snapshotA == snapshotB);
    // No scratch file is left behind.
    QCOMPARE(QDir(tinyWork).entryList(QDir::Files), QStringList({"adds.csv", "removes.csv"}));
}

void TstDelta::completeReplacesTheOldSnapshot()
{
    Fixture fixture;
    QVERIFY(fixture.open());
    SnapshotRepository snapshots(*fixture.database);
    const Delivery first = deliver(fixture, members(0, 300));
    QVERIFY(first.result.ok);
    Options other;
    other.destination = OtherDestination;
    const Delivery elsewhere = deliver(fixture, members(0, 300), other);
    QVERIFY(elsewhere.result.ok);

    // Written but not completed: the old snapshot is still the one deltas start from.
    Options pending;
    pending.complete = false;
    const Delivery second = deliver(fixture, members(100, 400), pending);
    QVERIFY2(second.result.ok, qPrintable(second.result.error));
    QCOMPARE(snapshots.latest(ShareId, Destination)->id, first.snapshotId);
    const auto written = snapshots.find(second.snapshotId);
    QVERIFY(written);
    QVERIFY(!written->complete);
    QCOMPARE(written->members, 300);
    const qint64 chunksBefore =
        scalar(*fixture.database,
               QStringLiteral("SELECT count(*) FROM member_snapshot_chunks WHERE snapshot_id = %1")
                   .arg(first.snapshotId));
    QVERIFY(chunksBefore > 0);

    // Completing something that is gone fails and changes nothing.
    QString error;
    QVERIFY(!snapshots.complete(987654, &error));
    QVERIFY(error.contains(QStringLiteral("whole audience")));
    QCOMPARE(snapshots.latest(ShareId, Destination)->id, first.snapshotId);

    QVERIFY2(snapshots.complete(second.snapshotId, &error), qPrintable(error));
    QCOMPARE(snapshots.latest(ShareId, Destination)->id, second.snapshotId);
    QVERIFY(!snapshots.find(first.snapshotId));
    QCOMPARE(scalar(*fixture.database, QStringLiteral("SELECT count(*) FROM member_snapshot_chunks "
                                                      "WHERE snapshot_id = %1")
                                           .arg(first.snapshotId)),
             0);
    // The other destination's snapshot is its own.
    QCOMPARE(snapshots.latest(ShareId, OtherDestination)->id, elsewhere.snapshotId);
    QCOMPARE(scalar(*fixture.database, QStringLiteral("SELECT count(*) FROM member_snapshots")), 2);

    // discard() drops a snapshot with its chunks.
    QVERIFY(snapshots.discard(elsewhere.snapshotId, &error));
    QVERIFY(!snapshots.latest(ShareId, OtherDestination));
    QCOMPARE(scalar(*fixture.database, QStringLiteral("SELECT count(*) FROM member_snapshot_chunks "
                                                      "WHERE snapshot_id = %1")
                                           .arg(elsewhere.snapshotId)),
             0);
}

void TstDelta::incompleteSnapshotsAreSwept()
{
    Fixture fixture;
    QVERIFY(fixture.open());
    SnapshotRepository snapshots(*fixture.database);
    const Delivery done = deliver(fixture, members(0, 50));
    QVERIFY(done.result.ok);

    const auto start = [&](std::optional<qint64> runId) -> qint64 {
        SnapshotInfo header;
        header.shareId = ShareId;
        header.destinationId = Destination;
        header.runId = runId;
        header.columns = Columns;
        header.identifierColumns = {QStringLiteral("email")};
        auto writer = snapshots.create(header);
        if (!writer || !writer->append(1, 2, QByteArrayView("\x01x", 2)) || !writer->close())
            return 0;
        return writer->id();
    };
    const qint64 running = start(ActiveRun); // its run is delivering: left alone
    const qint64 killed = start(FailedRun);  // its run is over: left by a kill
    const qint64 orphan = start(std::nullopt);
    QVERIFY(running && killed && orphan);

    QString error;
    QCOMPARE(snapshots.sweepIncomplete(&error), 2);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QVERIFY(snapshots.find(running));
    QVERIFY(!snapshots.find(killed));
    QVERIFY(!snapshots.find(orphan));
    QVERIFY(snapshots.find(done.snapshotId)); // complete ones are never swept
    QCOMPARE(scalar(*fixture.database, QStringLiteral("SELECT count(*) FROM member_snapshot_chunks "
                                                      "WHERE snapshot_id IN (%1, %2)")
                                           .arg(killed)
                                           .arg(orphan)),
             0);

    // Once the run is over, its leftover goes too.
    QVERIFY(exec(*fixture.database, QStringLiteral("UPDATE runs SET state = 'interrupted' "
                                                   "WHERE id = 10")));
    QCOMPARE(snapshots.sweepIncomplete(&error), 1);
    QVERIFY(!snapshots.find(running));
    QCOMPARE(snapshots.sweepIncomplete(&error), 0);
}

void TstDelta::readerStreamsChunkByChunk()
{
    Fixture fixture;
    QVERIFY(fixture.open());
    // Long identifiers make a few 1 MiB chunks out of a small audience.
    Rows audience;
    const QString padding(200, QChar('p'));
    for (int i = 0; i < 15000; ++i) {
        QStringList row = member(i);
        row[0] = padding + row[0];
        audience.append(row);
    }
    const Delivery delivery = deliver(fixture, audience);
    QVERIFY2(delivery.result.ok, qPrintable(delivery.result.error));

    QList<qint64> chunkMembers;
    QSqlQuery query(fixture.database->connection());
    QVERIFY(query.exec(QStringLiteral("SELECT members, length(data) FROM member_snapshot_chunks "
                                      "WHERE snapshot_id = %1 ORDER BY seq")
                           .arg(delivery.snapshotId)));
    while (query.next()) {
        chunkMembers.append(query.value(0).toLongLong());
        QVERIFY(query.value(1).toLongLong() < snapshotformat::ChunkTargetBytes + 1024);
    }
    query.finish();
    QVERIFY2(chunkMembers.size() >= 3, qPrintable(QString::number(chunkMembers.size())));

    QString error;
    auto reader = SnapshotRepository(*fixture.database).open(delivery.snapshotId, &error);
    QVERIFY2(reader, qPrintable(error));
    QCOMPARE(reader->chunksRead(), 0); // nothing is read before it is asked for
    SnapshotRecord record;
    qint64 read = 0;
    qint64 chunkEnd = 0;
    int chunk = 0;
    quint64 lastKey = 0;
    while (reader->next(record)) {
        if (read == chunkEnd)
            chunkEnd += chunkMembers[chunk++];
        ++read;
        // Exactly the chunks that hold the records read so far are loaded.
        QCOMPARE(reader->chunksRead(), chunk);
        QVERIFY(read == 1 || record.keyFp > lastKey);
        lastKey = record.keyFp;
    }
    QVERIFY2(reader->errorString().isEmpty(), qPrintable(reader->errorString()));
    QCOMPARE(read, 15000);
    QCOMPARE(reader->chunksRead(), chunkMembers.size());
}

void TstDelta::dryRunLeavesTheSnapshotUntouched()
{
    Fixture fixture;
    QVERIFY(fixture.open());
    const Delivery first = deliver(fixture, members(0, 400));
    QVERIFY(first.result.ok);
    const auto state = [&] {
        return QStringList{
            QString::number(
                scalar(*fixture.database, QStringLiteral("SELECT count(*) FROM member_snapshots"))),
            QString::number(scalar(*fixture.database,
                                   QStringLiteral("SELECT count(*) FROM member_snapshot_chunks"))),
            QString::number(
                scalar(*fixture.database, QStringLiteral("SELECT sum(length(data)) FROM "
                                                         "member_snapshot_chunks"))),
            QString::number(SnapshotRepository(*fixture.database)
                                .latest(ShareId, Destination)
                                .value_or(SnapshotInfo())
                                .id)};
    };
    const QStringList before = state();
    QString error;
    const auto recordsBefore = readSnapshot(*fixture.database, first.snapshotId, &error);

    Options dry;
    dry.write = false;
    const Delivery preview = deliver(fixture, members(10, 420), dry);
    QVERIFY2(preview.result.ok, qPrintable(preview.result.error));
    QCOMPARE(preview.result.counts.added, 20);
    QCOMPARE(preview.result.counts.removed, 10);
    QCOMPARE(preview.adds, members(400, 420));
    QCOMPARE(preview.removes.size(), 10);
    QCOMPARE(state(), before);
    QVERIFY(readSnapshot(*fixture.database, first.snapshotId, &error) == recordsBefore);

    // A real run afterwards still works from the first delivery.
    const Delivery real = deliver(fixture, members(10, 420));
    QVERIFY(real.result.ok);
    QCOMPARE(real.result.counts, preview.result.counts);
}

void TstDelta::changedIdentifiersAreRefused()
{
    Fixture fixture;
    QVERIFY(fixture.open());
    QVERIFY(deliver(fixture, members(0, 10)).result.ok);
    const auto previous = SnapshotRepository(*fixture.database).latest(ShareId, Destination);
    QVERIFY(previous);

    DeltaBuilder sameKey(fixture.work, Columns, {0});
    QVERIFY(sameKey.canCompareWith(*previous));
    DeltaBuilder otherKey(fixture.work, Columns, {0, 1});
    QVERIFY(!otherKey.canCompareWith(*previous));
    QCOMPARE(otherKey.identifierColumns(), QStringList({"email", "phone"}));

    Options both;
    both.identifiers = {0, 1};
    const Delivery delivery = deliver(fixture, members(0, 10), both);
    QVERIFY(!delivery.result.ok);
    QVERIFY2(delivery.result.error.contains(QStringLiteral("email, phone")),
             qPrintable(delivery.result.error));

    // And a mapping without any identifier cannot make a delta at all.
    DeltaBuilder none(fixture.work, Columns, {});
    QVERIFY(!none.add(batchOf(members(0, 3), 0, 3)));
    QVERIFY(none.errorString().contains(QStringLiteral("identifier")));
}

void TstDelta::damagedSnapshotIsReported()
{
    Fixture fixture;
    QVERIFY(fixture.open());
    const Delivery first = deliver(fixture, members(0, 100));
    QVERIFY(first.result.ok);
    QVERIFY(exec(*fixture.database,
                 QStringLiteral("UPDATE member_snapshot_chunks SET data = substr(data, 1, 100)")));
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression("has a damaged chunk 0"));
    const Delivery second = deliver(fixture, members(0, 100));
    QVERIFY(!second.result.ok);
    QVERIFY2(second.result.error.contains(QStringLiteral("damaged")),
             qPrintable(second.result.error));

    // A lost chunk shows as a snapshot that ends early.
    QVERIFY(exec(*fixture.database, QStringLiteral("DELETE FROM member_snapshot_chunks")));
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression("ends after 0 of 100 members"));
    QString error;
    const auto records = readSnapshot(*fixture.database, first.snapshotId, &error);
    QVERIFY(records.isEmpty());
    QVERIFY2(error.contains(QStringLiteral("incomplete")), qPrintable(error));
}

void TstDelta::failedChunkStoreIsReported()
{
    Fixture fixture;
    QVERIFY(fixture.open());
    SnapshotRepository snapshots(*fixture.database);
    SnapshotInfo header;
    header.shareId = ShareId;
    header.destinationId = Destination;
    header.columns = Columns;
    header.identifierColumns = {QStringLiteral("email")};
    auto writer = snapshots.create(header);
    QVERIFY(writer);
    // The snapshot goes while it is written (as if swept): its chunks have nowhere to go.
    QVERIFY(snapshots.discard(writer->id()));
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression("FOREIGN KEY constraint failed"));
    const QByteArray key = "\x20" + QByteArray(32, 'k');
    bool failed = false;
    // Chunks are stored by the writer's thread: the failure shows in a later append() or in
    // close().
    for (quint64 i = 1; i <= 200000 && !failed; ++i)
        failed = !writer->append(i, i, key);
    failed = failed || !writer->close();
    QVERIFY(failed);
    QVERIFY2(writer->errorString().contains(QStringLiteral("Could not record the members")),
             qPrintable(writer->errorString()));
    QCOMPARE(
        scalar(*fixture.database, QStringLiteral("SELECT count(*) FROM member_snapshot_chunks")),
        0);
}

void TstDelta::fullDiskIsSaidPlainly()
{
    if (!QFile::exists(QStringLiteral("/dev/full")))
        QSKIP("needs /dev/full");
    SpoolWriter writer(4096);
    QVERIFY(writer.open(QStringLiteral("/dev/full")));
    QVERIFY(writer.write(QByteArray(1000, 'x'))); // buffered
    QVERIFY(!writer.write(QByteArray(5000, 'x')));
    QVERIFY2(writer.errorString().contains(QStringLiteral("is full")),
             qPrintable(writer.errorString()));
}

QTEST_GUILESS_MAIN(TstDelta)
#include "tst_delta.moc"
