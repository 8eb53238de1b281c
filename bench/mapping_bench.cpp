// Normalisation + hashing throughput of the Mapper: rows/s and peak memory.
//
//   bench_mapping [--rows 1000000] [--batch 5000] [--region SE] [--only email|phone]
//
// Generates synthetic rows batch by batch (never the whole audience in memory): an e-mail
// column with mixed case and stray spaces, a phone column in mixed national and international
// formats for Sweden and the US (a third already compact E.164). Maps them through a Mapper with
//   email = E-mail : email, sha256        (identifier)
//   phone = Phone  : phone_e164, sha256   (identifier)
// and the default region SE (--only maps one of the two). Every 100th row has an invalid phone
// number and every 250th has neither identifier, so rejections are exercised and their count is
// checked. Only map() is timed (wall clock, and this thread's CPU time, which a busy machine
// disturbs less). A last line measures libphonenumber alone (CPU time) with and without the E.164
// fast path, on the same mix of formats and on compact E.164 values only.
//
// Output:
//   rows=1000000 seconds=… rows_per_s=… peak_rss_mib=… rejected=14000 cpu_seconds=…
//   first_reject="…"
//   phone_values=100000 parse_per_cpu_s=… fast_path_per_cpu_s=… compact_parse_per_cpu_s=…
//       compact_fast_path_per_cpu_s=…

#include "mapping/Mapper.h"
#include "mapping/PhoneNormaliser.h"

#include <chrono>
#include <cstdio>
#include <ctime>
#include <QCommandLineParser>
#include <QCoreApplication>
#include <sys/resource.h>

using namespace courier;

namespace {

using Clock = std::chrono::steady_clock;

double secondsSince(Clock::time_point start)
{
    return std::chrono::duration<double>(Clock::now() - start).count();
}

// CPU time of this thread: on a shared machine the wall clock also counts other processes.
double threadCpuSeconds()
{
    timespec now{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
    return static_cast<double>(now.tv_sec) + static_cast<double>(now.tv_nsec) / 1e9;
}

double peakRssMiB()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return static_cast<double>(usage.ru_maxrss) / 1024.0; // Linux reports KiB
}

unsigned long long mix(qint64 i)
{
    return (static_cast<unsigned long long>(i) * 0x9E3779B97F4A7C15ULL) >> 17;
}

int phoneOf(qint64 i, char *out, size_t size)
{
    if (i % 100 == 7)
        return std::snprintf(out, size, "12345"); // too short for Sweden: rejected
    const unsigned long long h = mix(i);
    const unsigned long long subscriber = h % 10000000ULL;
    const char *const mobile[] = {"70", "72", "73", "76", "79"};
    const char *prefix = mobile[(h >> 24) % 5];
    switch ((h >> 28) % 6) {
    case 0:
        return std::snprintf(out, size, "0%s-%03llu %02llu %02llu", prefix, subscriber / 10000,
                             subscriber / 100 % 100, subscriber % 100);
    case 1:
        return std::snprintf(out, size, "+46 %s %03llu %02llu %02llu", prefix, subscriber / 10000,
                             subscriber / 100 % 100, subscriber % 100);
    case 2:
        return std::snprintf(out, size, "0046%s%07llu", prefix, subscriber);
    case 3:
        return std::snprintf(out, size, "+1 (212) 565-%04llu", subscriber % 10000);
    case 4:
        return std::snprintf(out, size, " +46%s%07llu", prefix, subscriber);
    default:
        return std::snprintf(out, size, "+1212565%04llu", subscriber % 10000);
    }
}

int emailOf(qint64 i, char *out, size_t size)
{
    static const char *const names[] = {"Anna", "björn",   "CHIARA", "Dario",
                                        "Elin", "Fredrik", "giulia", "Hugo"};
    static const char *const domains[] = {"Example.COM", "gmail.com", "Mail.SE", "exAmple.org"};
    const unsigned long long h = mix(i);
    const bool spaced = h % 3 == 0;
    return std::snprintf(out, size, "%s%s.Berg%lld@%s%s", spaced ? "  " : "", names[h % 8],
                         static_cast<long long>(i), domains[(h >> 5) % 4], spaced ? " \t" : "");
}

void fillBatch(RowBatch &batch, qint64 first, int count)
{
    batch.reset(3);
    char email[96];
    char phone[64];
    for (qint64 i = first; i < first + count; ++i) {
        const bool noIdentity = i % 250 == 3;
        const int emailSize = noIdentity || i % 17 == 0 ? 0 : emailOf(i, email, sizeof email);
        const int phoneSize = noIdentity ? 0 : phoneOf(i, phone, sizeof phone);
        const QByteArray id = QByteArray::number(i);
        batch.appendCell(id);
        batch.appendCell(QByteArrayView(email, emailSize));
        batch.appendCell(QByteArrayView(phone, phoneSize));
        batch.finishRow(i + 2);
    }
}

bool isLowerHex(QByteArrayView value)
{
    if (value.size() != 64)
        return false;
    for (char c : value) {
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')))
            return false;
    }
    return true;
}

// Phone values per CPU second through PhoneNormaliser, without and with the fast path.
std::pair<double, double> phonesPerCpuSecond(const QString &region,
                                             const std::vector<QByteArray> &values)
{
    double perSecond[2] = {};
    for (int fast = 0; fast < 2; ++fast) {
        PhoneNormaliser normaliser(region);
        normaliser.setFastPathEnabled(fast == 1);
        std::string scratch;
        const double start = threadCpuSeconds();
        for (const QByteArray &value : values)
            normaliser.normalise(value, scratch, PhoneNormaliser::Format::E164, nullptr);
        perSecond[fast] =
            static_cast<double>(values.size()) / std::max(threadCpuSeconds() - start, 1e-9);
    }
    return {perSecond[0], perSecond[1]};
}

// libphonenumber alone: the bench's mix of formats, then compact E.164 values only (the ones
// the fast path is for).
void measurePhones(const QString &region)
{
    constexpr int Count = 100000;
    std::vector<QByteArray> mixed;
    std::vector<QByteArray> compact;
    mixed.reserve(Count);
    compact.reserve(Count);
    char phone[64];
    for (qint64 i = 0; i < Count; ++i) {
        mixed.emplace_back(phone, phoneOf(i, phone, sizeof phone));
        compact.emplace_back(
            phone, std::snprintf(phone, sizeof phone, "+4670%07llu", mix(i) % 10000000ULL));
    }
    const auto [mixedParse, mixedFast] = phonesPerCpuSecond(region, mixed);
    const auto [compactParse, compactFast] = phonesPerCpuSecond(region, compact);
    std::printf("phone_values=%d parse_per_cpu_s=%.0f fast_path_per_cpu_s=%.0f "
                "compact_parse_per_cpu_s=%.0f compact_fast_path_per_cpu_s=%.0f\n",
                Count, mixedParse, mixedFast, compactParse, compactFast);
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Maps synthetic rows with email+sha256 and phone_e164+sha256."));
    parser.addHelpOption();
    const QCommandLineOption rowsOption(QStringLiteral("rows"), QStringLiteral("Rows to map."),
                                        QStringLiteral("N"), QStringLiteral("1000000"));
    const QCommandLineOption batchOption(QStringLiteral("batch"), QStringLiteral("Rows a batch."),
                                         QStringLiteral("N"), QStringLiteral("5000"));
    const QCommandLineOption regionOption(QStringLiteral("region"),
                                          QStringLiteral("Default phone region."),
                                          QStringLiteral("CC"), QStringLiteral("SE"));
    const QCommandLineOption onlyOption(QStringLiteral("only"),
                                        QStringLiteral("Map one field only: email or phone."),
                                        QStringLiteral("FIELD"));
    parser.addOptions({rowsOption, batchOption, regionOption, onlyOption});
    parser.process(app);
    const qint64 rows = parser.value(rowsOption).toLongLong();
    const int batchRows = parser.value(batchOption).toInt();
    const QString region = parser.value(regionOption);
    if (rows <= 0 || batchRows <= 0) {
        std::fprintf(stderr, "bench_mapping: --rows and --batch must be positive\n");
        return 2;
    }

    const QString only = parser.value(onlyOption);
    if (!only.isEmpty() && only != QLatin1String("email") && only != QLatin1String("phone")) {
        std::fprintf(stderr, "bench_mapping: --only takes email or phone\n");
        return 2;
    }
    Mapping mapping;
    mapping.defaultRegion = region;
    if (only != QLatin1String("phone"))
        mapping.fields.append(
            {QStringLiteral("email"),
             QStringLiteral("E-mail"),
             true,
             {Transform(TransformKind::Email), Transform(TransformKind::Sha256)}});
    if (only != QLatin1String("email"))
        mapping.fields.append(
            {QStringLiteral("phone"),
             QStringLiteral("Phone"),
             true,
             {Transform(TransformKind::PhoneE164), Transform(TransformKind::Sha256)}});
    QString error;
    auto mapper = Mapper::bind(
        mapping, {QStringLiteral("Id"), QStringLiteral("E-mail"), QStringLiteral("Phone")}, &error);
    if (!mapper) {
        std::fprintf(stderr, "bench_mapping: %s\n", qPrintable(error));
        return 1;
    }

    RowBatch in;
    RowBatch out;
    qint64 rejected = 0;
    qint64 written = 0;
    double mapSeconds = 0;
    double mapCpuSeconds = 0;
    QString firstReject;
    const RejectSink sink = [&](RejectedRow &&row) {
        if (firstReject.isEmpty())
            firstReject = row.reason;
    };
    for (qint64 first = 0; first < rows; first += batchRows) {
        const int count = static_cast<int>(std::min<qint64>(batchRows, rows - first));
        fillBatch(in, first, count);
        const auto start = Clock::now();
        const double cpuStart = threadCpuSeconds();
        rejected += mapper->map(in, out, sink);
        mapCpuSeconds += threadCpuSeconds() - cpuStart;
        mapSeconds += secondsSince(start);
        written += out.rowCount();
        // Every identifier that came out is a lower-case SHA-256 hash (or empty).
        for (int row = 0; row < out.rowCount(); ++row) {
            for (int column = 0; column < out.columnCount(); ++column) {
                const QByteArrayView cell = out.cell(row, column);
                if (!cell.isEmpty() && !isLowerHex(cell)) {
                    std::fprintf(stderr, "bench_mapping: row %lld column %d is not a hash\n",
                                 static_cast<long long>(out.sourceLine(row)), column);
                    return 1;
                }
            }
        }
    }
    if (written + rejected != rows) {
        std::fprintf(stderr, "bench_mapping: %lld written + %lld rejected != %lld rows\n",
                     static_cast<long long>(written), static_cast<long long>(rejected),
                     static_cast<long long>(rows));
        return 1;
    }

    std::printf("rows=%lld seconds=%.3f rows_per_s=%.0f peak_rss_mib=%.1f rejected=%lld "
                "cpu_seconds=%.3f\n",
                static_cast<long long>(rows), mapSeconds, rows / std::max(mapSeconds, 1e-9),
                peakRssMiB(), static_cast<long long>(rejected), mapCpuSeconds);
    if (!firstReject.isEmpty())
        std::printf("first_reject=\"%s\"\n", qPrintable(firstReject));
    measurePhones(region);
    return 0;
}
