// CSV → mapped CSV through the real export job: rows/s, MB/s and peak memory.
//
//   bench_csv_export --rows 1000000 [--input FILE] [--keep]
//
// Generates a deterministic audience file (7 columns, ~85 bytes a row, mixed-case e-mails with
// stray spaces, 1 % of rows without an e-mail), resets the peak-RSS counter, then exports it
// with an e-mail identifier mapping (trim + lowercase) and three attributes.

#include "export/CsvExportJob.h"

#include <cstdio>
#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTextStream>

using namespace courier;

namespace {

bool generate(const QString &path, qint64 rows)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return false;
    static const char *const cities[] = {"Stockholm", "Malmö",   "Göteborg", "Milano",
                                         "Roma",      "Uppsala", "Torino",   "Lund"};
    static const char *const names[] = {"Anna", "Björn",   "Chiara", "Dario",
                                        "Elin", "Fredrik", "Giulia", "Hugo"};
    QByteArray buffer = "id,Email,Phone,First name,City,Score,Signed up\n";
    char line[256];
    for (qint64 i = 0; i < rows; ++i) {
        const unsigned long long h =
            (static_cast<unsigned long long>(i) * 0x9E3779B97F4A7C15ULL) >> 17;
        const bool noEmail = h % 100 == 0;
        const int n = std::snprintf(
            line, sizeof line,
            "%lld,%s%s.%llu@Example.COM%s,+46 70 %03llu %02llu "
            "%02llu,%s,%s,%llu,2026-%02llu-%02llu\n",
            static_cast<long long>(i), noEmail ? "" : " ", noEmail ? "" : names[h % 8],
            noEmail ? 0ULL : static_cast<unsigned long long>(i), noEmail ? "" : " ", h % 1000,
            (h >> 10) % 100, (h >> 20) % 100, names[(h >> 3) % 8], cities[(h >> 6) % 8], h % 1000,
            1 + (h >> 9) % 12, 1 + (h >> 13) % 28);
        if (noEmail) {
            // Drop the generated e-mail entirely: "id,,phone,..."
            QByteArray row(line, n);
            const qsizetype first = row.indexOf(',');
            const qsizetype second = row.indexOf(',', first + 1);
            row.remove(first + 1, second - first - 1);
            buffer += row;
        } else {
            buffer.append(line, n);
        }
        if (buffer.size() > (1 << 20)) {
            file.write(buffer);
            buffer.clear();
        }
    }
    file.write(buffer);
    return file.error() == QFile::NoError;
}

// Peak resident memory since the last reset, in MiB (Linux: VmHWM).
double peakRssMiB()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    const QByteArray text = status.readAll();
    const auto match =
        QRegularExpression(QStringLiteral("VmHWM:\\s+(\\d+) kB")).match(QString::fromLatin1(text));
    return match.hasMatch() ? match.captured(1).toDouble() / 1024.0 : -1;
}

void resetPeakRss()
{
    QFile clear(QStringLiteral("/proc/self/clear_refs"));
    if (clear.open(QIODevice::WriteOnly))
        clear.write("5");
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    const QCommandLineOption rowsOption(QStringLiteral("rows"), QStringLiteral("Rows to generate."),
                                        QStringLiteral("n"), QStringLiteral("1000000"));
    const QCommandLineOption inputOption(QStringLiteral("input"),
                                         QStringLiteral("Use (or create) this input file."),
                                         QStringLiteral("file"));
    parser.addOptions({rowsOption, inputOption});
    parser.process(app);

    const qint64 rows = parser.value(rowsOption).toLongLong();
    QTemporaryDir dir;
    const QString input = parser.isSet(inputOption) ? parser.value(inputOption)
                                                    : dir.filePath(QStringLiteral("audience.csv"));
    if (!QFile::exists(input) && !generate(input, rows)) {
        std::fprintf(stderr, "cannot generate %s\n", qPrintable(input));
        return 1;
    }

    CsvExportRequest request;
    request.inputPath = input;
    request.outputPath = dir.filePath(QStringLiteral("out.csv"));
    request.mapping.fields = {
        {QStringLiteral("email"),
         QStringLiteral("Email"),
         true,
         {Transform(TransformKind::Trim), Transform(TransformKind::Lowercase)}},
        {QStringLiteral("phone"), QStringLiteral("Phone"), false, {Transform(TransformKind::Trim)}},
        {QStringLiteral("city"), QStringLiteral("City"), false, {}},
        {QStringLiteral("score"), QStringLiteral("Score"), false, {}},
    };

    resetPeakRss();
    const CsvExportResult result = CsvExportJob(request).run();
    const double peak = peakRssMiB();
    if (result.state != RunState::Succeeded) {
        std::fprintf(stderr, "export failed: %s\n", qPrintable(result.error));
        return 1;
    }
    const double inputMiB = static_cast<double>(QFile(input).size()) / (1 << 20);
    const double outputMiB = static_cast<double>(QFile(request.outputPath).size()) / (1 << 20);
    std::printf("csv-export rows=%lld input_mib=%.1f output_mib=%.1f seconds=%.3f rows_per_s=%.0f "
                "mib_per_s=%.1f peak_rss_mib=%.1f written=%lld rejected=%lld\n",
                static_cast<long long>(result.counters.rowsRead), inputMiB, outputMiB,
                result.seconds, static_cast<double>(result.counters.rowsRead) / result.seconds,
                inputMiB / result.seconds, peak,
                static_cast<long long>(result.counters.rowsWritten),
                static_cast<long long>(result.counters.rowsRejected));
    return 0;
}
