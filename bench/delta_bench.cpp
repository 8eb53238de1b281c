// Deltas between large member snapshots: the time to work out what changed since the last
// delivery and to store the new snapshot, and the memory it takes.
//
//   bench_delta [--members 10000000] [--changed-percent 1] [--budget-mib 64] [--dir DIR]
//
// First delivers N members (no previous snapshot: everyone is added) through DeltaBuilder and
// SnapshotRepository into a real SQLite cache, and reports that separately. Then builds the
// current audience with the given share of members changed — half of them churn (a quarter of
// the changed share leaves, another quarter joins), half keep their identifier and get another
// attribute value — and times DeltaBuilder::finish() against the stored snapshot, which merges,
// writes adds.csv / removes.csv and stores the new snapshot.

#include "delta/DeltaBuilder.h"
#include "delta/SnapshotRepository.h"
#include "pipeline/RowBatch.h"
#include "store/Database.h"

#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <sys/resource.h>

using namespace courier;

namespace {

const QStringList Columns = {QStringLiteral("email"), QStringLiteral("phone"),
                             QStringLiteral("first_name"), QStringLiteral("city"),
                             QStringLiteral("score")};

double cpuSeconds(clockid_t clock = CLOCK_PROCESS_CPUTIME_ID)
{
    timespec now{};
    clock_gettime(clock, &now);
    return static_cast<double>(now.tv_sec) + static_cast<double>(now.tv_nsec) / 1e9;
}

// Seconds the calling thread has waited for a CPU (Linux schedstat): on a busy machine, the part
// of the wall time that is not the benchmark's own.
double runQueueSeconds()
{
    QFile file(QStringLiteral("/proc/thread-self/schedstat"));
    if (!file.open(QIODevice::ReadOnly))
        return 0;
    const QList<QByteArray> fields = file.readAll().simplified().split(' ');
    return fields.size() >= 2 ? fields[1].toDouble() / 1e9 : 0;
}

// The machine's 1-minute load average: timings taken on a busy machine are not comparable.
double loadAverage()
{
    double load[1] = {-1};
    return getloadavg(load, 1) == 1 ? load[0] : -1;
}

double peakRssMiB()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return static_cast<double>(usage.ru_maxrss) / 1024.0; // Linux reports KiB
}

// One mapped member row; version changes the attributes but not who it is.
void appendMember(RowBatch &batch, qint64 id, int version)
{
    static const char *const names[] = {"Anna", "Björn",   "Chiara", "Dario",
                                        "Elin", "Fredrik", "Giulia", "Hugo"};
    static const char *const cities[] = {"Stockholm", "Malmö",   "Göteborg", "Milano",
                                         "Roma",      "Uppsala", "Torino",   "Lund"};
    const unsigned long long h =
        (static_cast<unsigned long long>(id) * 0x9E3779B97F4A7C15ULL) >> 20;
    char cell[64];
    int n = std::snprintf(cell, sizeof cell, "member%lld@example.com", static_cast<long long>(id));
    batch.appendCell(QByteArrayView(cell, n));
    n = std::snprintf(cell, sizeof cell, "+4670%07llu",
                      static_cast<unsigned long long>(id % 10000000));
    batch.appendCell(QByteArrayView(cell, n));
    batch.appendCell(QByteArrayView(names[h % 8]));
    batch.appendCell(QByteArrayView(cities[(h >> 3) % 8]));
    n = std::snprintf(cell, sizeof cell, "%llu",
                      (h % 1000) + static_cast<unsigned long long>(version));
    batch.appendCell(QByteArrayView(cell, n));
    batch.finishRow(0);
}

bool seed(const Database &database)
{
    const QString now = QStringLiteral("'2026-01-01T00:00:00.000Z'");
    const QStringList statements = {
        QStringLiteral("INSERT INTO endpoints (id, name, kind, role, created_at, updated_at) "
                       "VALUES (1, 'Source', 'csv', 'source', %1, %1), "
                       "(2, 'Destination', 'csv', 'destination', %1, %1)"),
        QStringLiteral("INSERT INTO audiences (id, endpoint_id, external_id, name) "
                       "VALUES (1, 1, 'a', 'Audience')"),
        QStringLiteral("INSERT INTO shares (id, name, audience_id, destination_id, created_at, "
                       "updated_at) VALUES (1, 'Share', 1, 2, %1, %1)"),
        QStringLiteral(
            "INSERT INTO runs (id, share_id, kind, state, queued_at) "
            "VALUES (1, 1, 'share', 'delivering', %1), (2, 1, 'share', 'delivering', %1)"),
    };
    for (const QString &statement : statements) {
        QSqlQuery query(database.connection());
        if (!query.exec(statement.contains(QStringLiteral("%1")) ? statement.arg(now) : statement))
            return false;
    }
    return true;
}

struct Timings
{
    double add = 0;
    double finish = 0;
    double complete = 0;
    double finishCpu = 0;     // CPU time of finish(), all threads
    double finishMainCpu = 0; // of the calling thread (the snapshot's chunks are stored by another)
    double scratchMiB = 0;    // the builder's files in the work folder when finish() starts
    double finishWaitCpu = 0; // the calling thread's wait for a CPU during finish()
    int sortRuns = 0;
    DeltaResult result;
};

// One delivery: the members generate() yields go through a builder, against the stored
// snapshot, into a new one that is then completed.
template <typename Generate>
bool deliver(const Database &database, const QString &work, qint64 runId, qsizetype budget,
             Generate &&generate, Timings &timings)
{
    QDir().mkpath(work);
    SnapshotRepository snapshots(database);
    QString error;
    std::unique_ptr<SnapshotReader> previous;
    if (const auto latest = snapshots.latest(1, 2, &error))
        previous = snapshots.open(latest->id, &error);
    DeltaBuilder builder(work, Columns, {0}, budget);

    QElapsedTimer timer;
    timer.start();
    RowBatch batch(static_cast<int>(Columns.size()));
    while (generate(batch)) {
        if (!builder.add(batch)) {
            std::fprintf(stderr, "add failed: %s\n", qPrintable(builder.errorString()));
            return false;
        }
        batch.clear();
    }
    timings.add = timer.nsecsElapsed() / 1e9;

    SnapshotInfo header;
    header.shareId = 1;
    header.destinationId = 2;
    header.runId = runId;
    header.columns = Columns;
    header.identifierColumns = builder.identifierColumns();
    auto next = snapshots.create(header, &error);
    if (!next) {
        std::fprintf(stderr, "create failed: %s\n", qPrintable(error));
        return false;
    }
    for (const QFileInfo &file : QDir(work).entryInfoList(QDir::Files))
        timings.scratchMiB += static_cast<double>(file.size()) / (1 << 20);
    timer.restart();
    const double cpuBefore = cpuSeconds();
    const double mainCpuBefore = cpuSeconds(CLOCK_THREAD_CPUTIME_ID);
    const double waitBefore = runQueueSeconds();
    timings.result = builder.finish(previous.get(), next.get());
    timings.finish = timer.nsecsElapsed() / 1e9;
    timings.finishCpu = cpuSeconds() - cpuBefore;
    timings.finishMainCpu = cpuSeconds(CLOCK_THREAD_CPUTIME_ID) - mainCpuBefore;
    timings.finishWaitCpu = runQueueSeconds() - waitBefore;
    timings.sortRuns = builder.sortRuns();
    if (!timings.result.ok) {
        std::fprintf(stderr, "finish failed: %s\n", qPrintable(timings.result.error));
        return false;
    }
    timer.restart();
    if (!snapshots.complete(next->id(), &error)) {
        std::fprintf(stderr, "complete failed: %s\n", qPrintable(error));
        return false;
    }
    timings.complete = timer.nsecsElapsed() / 1e9;
    return true;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    const QCommandLineOption membersOption(QStringLiteral("members"),
                                           QStringLiteral("Members in each audience."),
                                           QStringLiteral("n"), QStringLiteral("10000000"));
    const QCommandLineOption changedOption(QStringLiteral("changed-percent"),
                                           QStringLiteral("Share of members changed."),
                                           QStringLiteral("p"), QStringLiteral("1"));
    const QCommandLineOption budgetOption(QStringLiteral("budget-mib"),
                                          QStringLiteral("The sort's memory budget."),
                                          QStringLiteral("mib"), QStringLiteral("64"));
    const QCommandLineOption dirOption(QStringLiteral("dir"),
                                       QStringLiteral("Work in this folder (default: a "
                                                      "temporary one)."),
                                       QStringLiteral("dir"));
    parser.addOptions({membersOption, changedOption, budgetOption, dirOption});
    parser.process(app);

    const qint64 members = parser.value(membersOption).toLongLong();
    const double percent = parser.value(changedOption).toDouble();
    const qsizetype budget = parser.value(budgetOption).toLongLong() << 20;
    // Of the changed members: a quarter leave, as many join, half get another attribute value.
    const auto changed = static_cast<qint64>(static_cast<double>(members) * percent / 100.0);
    const qint64 churn = changed / 4;
    const qint64 edited = changed - 2 * churn;

    QTemporaryDir temporary(
        parser.isSet(dirOption)
            ? QDir(parser.value(dirOption)).filePath(QStringLiteral("bench-XXXXXX"))
            : QDir::tempPath() + QStringLiteral("/bench_delta-XXXXXX"));
    if (!temporary.isValid()) {
        std::fprintf(stderr, "cannot create a work folder\n");
        return 1;
    }
    QString error;
    auto database = Database::open(temporary.filePath(QStringLiteral("courier.sqlite")), &error);
    if (!database || !seed(*database)) {
        std::fprintf(stderr, "cannot open the cache: %s\n", qPrintable(error));
        return 1;
    }

    constexpr int BatchRows = 4096;
    Timings first;
    qint64 next = 0;
    const auto firstAudience = [&](RowBatch &batch) {
        for (int i = 0; i < BatchRows && next < members; ++i)
            appendMember(batch, next++, 0);
        return !batch.isEmpty();
    };
    if (!deliver(*database, temporary.filePath(QStringLiteral("run1")), 1, budget, firstAudience,
                 first))
        return 1;
    std::printf("first_snapshot members=%lld seconds=%.3f add_seconds=%.3f finish_seconds=%.3f "
                "complete_seconds=%.3f\n",
                static_cast<long long>(members), first.add + first.finish + first.complete,
                first.add, first.finish, first.complete);
    std::fflush(stdout);

    // The second audience: members churn..members-1 stay (the first `edited` of them with
    // another score), members..members+churn-1 join.
    Timings second;
    next = churn;
    const auto secondAudience = [&](RowBatch &batch) {
        for (int i = 0; i < BatchRows && next < members + churn; ++i, ++next)
            appendMember(batch, next, next < churn + edited ? 1 : 0);
        return !batch.isEmpty();
    };
    if (!deliver(*database, temporary.filePath(QStringLiteral("run2")), 2, budget, secondAudience,
                 second))
        return 1;
    const DeltaCounts &counts = second.result.counts;
    std::printf("members=%lld previous=%lld added=%lld changed=%lld removed=%lld seconds=%.3f "
                "peak_rss_mib=%.1f cpu_seconds=%.3f main_thread_cpu_seconds=%.3f "
                "main_thread_runqueue_seconds=%.3f add_seconds=%.3f "
                "complete_seconds=%.3f sort_runs=%d scratch_mib=%.0f load=%.1f\n",
                static_cast<long long>(counts.current), static_cast<long long>(counts.previous),
                static_cast<long long>(counts.added), static_cast<long long>(counts.changed),
                static_cast<long long>(counts.removed), second.finish, peakRssMiB(),
                second.finishCpu, second.finishMainCpu, second.finishWaitCpu, second.add,
                second.complete, second.sortRuns, second.scratchMiB, loadAverage());
    return 0;
}
