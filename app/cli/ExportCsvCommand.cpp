#include "ExportCsvCommand.h"

#include "CommandLine.h"
#include "common/Logging.h"
#include "common/Profile.h"
#include "export/CsvExportJob.h"
#include "store/Database.h"

#include <csignal>
#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QTextStream>

namespace courier::cli {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("courier::cli", text);
}

// Ctrl+C or a TERM from a scheduler cancels the export cleanly: QSaveFile removes its
// temporary file, so an interrupted export leaves nothing behind.
std::atomic<CsvExportJob *> runningJob = nullptr;

extern "C" void cancelRunningJob(int)
{
    if (CsvExportJob *job = runningJob.load())
        job->cancel();
}

std::optional<char> parseDelimiter(const QString &text)
{
    const QString value = text.trimmed().toLower();
    if (value == QLatin1String("tab") || value == QLatin1String("\\t"))
        return '\t';
    if (value == QLatin1String(",") || value == QLatin1String("comma"))
        return ',';
    if (value == QLatin1String(";") || value == QLatin1String("semicolon"))
        return ';';
    if (value == QLatin1String("|") || value == QLatin1String("pipe"))
        return '|';
    return std::nullopt;
}

int usageError(const QString &message)
{
    QTextStream(stderr) << QStringLiteral("audience-courier export-csv: ") << message << '\n'
                        << tr("Run audience-courier export-csv --help for the options.") << '\n';
    return ExitUsage;
}

} // namespace

int runExportCsv(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("Reads a CSV audience file (UTF-8; the delimiter is detected), maps its columns and "
           "writes a new CSV file atomically. Rows that cannot be used are written to a "
           "rejected-rows file beside it, with the reason.\n\n"
           "A mapping is TARGET=SOURCE, optionally followed by :transform,transform "
           "(trim, lowercase, uppercase), for example --map email=E-mail:trim,lowercase. "
           "Without --map every column is exported as it is.\n\n"
           "Exit status: 0 done (rejected rows are reported, not fatal), 1 the export failed, "
           "2 the command line is wrong, 130 interrupted."));
    parser.addHelpOption();
    parser.addOption(
        {profileOptionName(), tr("Record the run in the profile in <dir>."), tr("dir")});
    parser.addPositionalArgument(QStringLiteral("export-csv"), tr("The command."));
    const QCommandLineOption inOption({QStringLiteral("i"), QStringLiteral("in")},
                                      tr("The CSV audience file to read."), tr("file"));
    const QCommandLineOption outOption({QStringLiteral("o"), QStringLiteral("out")},
                                       tr("The CSV file to write."), tr("file"));
    const QCommandLineOption mapOption({QStringLiteral("m"), QStringLiteral("map")},
                                       tr("A column to export: TARGET=SOURCE[:transforms]. "
                                          "Repeat for each column, in output order."),
                                       tr("spec"));
    const QCommandLineOption identifierOption(
        QStringLiteral("identifier"),
        tr("Marks a mapped column as an identifier: rows where every identifier is empty are "
           "rejected. Repeatable."),
        tr("target"));
    const QCommandLineOption delimiterOption(
        {QStringLiteral("d"), QStringLiteral("delimiter")},
        tr("The output delimiter: comma, semicolon, tab or pipe (default comma)."),
        tr("delimiter"));
    const QCommandLineOption inDelimiterOption(
        QStringLiteral("in-delimiter"),
        tr("The input delimiter, when detection should not decide."), tr("delimiter"));
    const QCommandLineOption rejectedOption(
        QStringLiteral("rejected"),
        tr("Where to write rejected rows (default: <out name>.rejected.csv)."), tr("file"));
    const QCommandLineOption noGuardOption(
        QStringLiteral("no-formula-guard"),
        tr("Write cells starting with = + - @ as they are. By default they are prefixed with ' "
           "so spreadsheets do not run them as formulas."));
    const QCommandLineOption bomOption(QStringLiteral("bom"),
                                       tr("Start the file with a UTF-8 byte order mark (for "
                                          "Excel on Windows)."));
    parser.addOptions({inOption, outOption, mapOption, identifierOption, delimiterOption,
                       inDelimiterOption, rejectedOption, noGuardOption, bomOption});
    if (!parser.parse(arguments))
        return usageError(parser.errorText());
    if (parser.isSet(QStringLiteral("help"))) {
        QTextStream(stdout) << parser.helpText();
        return ExitSuccess;
    }
    if (parser.positionalArguments().size() > 1)
        return usageError(
            tr("unexpected argument \"%1\".").arg(parser.positionalArguments().at(1)));
    if (!parser.isSet(inOption) || !parser.isSet(outOption))
        return usageError(tr("both --in and --out are required."));

    CsvExportRequest request;
    request.inputPath = parser.value(inOption);
    request.outputPath = parser.value(outOption);
    request.rejectedPath = parser.value(rejectedOption);
    request.output.formulaGuard = !parser.isSet(noGuardOption);
    request.output.writeBom = parser.isSet(bomOption);
    if (parser.isSet(delimiterOption)) {
        const auto delimiter = parseDelimiter(parser.value(delimiterOption));
        if (!delimiter)
            return usageError(tr("unknown delimiter \"%1\"; use comma, semicolon, tab or pipe.")
                                  .arg(parser.value(delimiterOption)));
        request.output.delimiter = *delimiter;
    }
    if (parser.isSet(inDelimiterOption)) {
        const auto delimiter = parseDelimiter(parser.value(inDelimiterOption));
        if (!delimiter)
            return usageError(tr("unknown delimiter \"%1\"; use comma, semicolon, tab or pipe.")
                                  .arg(parser.value(inDelimiterOption)));
        request.inputDelimiter = *delimiter;
    }
    for (const QString &spec : parser.values(mapOption)) {
        QString error;
        const auto field = Mapping::parseSpec(spec, &error);
        if (!field)
            return usageError(error);
        request.mapping.fields.append(*field);
    }
    for (const QString &target : parser.values(identifierOption)) {
        auto it = std::find_if(request.mapping.fields.begin(), request.mapping.fields.end(),
                               [&](const FieldMapping &field) { return field.target == target; });
        if (it == request.mapping.fields.end())
            return usageError(
                tr("--identifier %1 names no mapped column; map it with --map first.").arg(target));
        it->identifier = true;
    }

    // The run is recorded in the profile's cache, so the Activity view shows headless runs too.
    const Profile profile(Profile::resolveDirectory(parser.value(profileOptionName())));
    QString error;
    std::unique_ptr<Database> database;
    if (profile.ensureExists(&error))
        database = Database::open(profile.databasePath(), &error);
    if (!database)
        qCWarning(lcCli).noquote() << "the run is not recorded:" << error;

    CsvExportJob job(request, database.get());
    runningJob.store(&job);
    auto previousInt = std::signal(SIGINT, cancelRunningJob);
    auto previousTerm = std::signal(SIGTERM, cancelRunningJob);
    const CsvExportResult result = job.run();
    std::signal(SIGINT, previousInt);
    std::signal(SIGTERM, previousTerm);
    runningJob.store(nullptr);

    QTextStream out(stdout);
    QTextStream err(stderr);
    switch (result.state) {
    case RunState::Succeeded: {
        const PipelineCounters &c = result.counters;
        const double rate =
            result.seconds > 0 ? static_cast<double>(c.rowsRead) / result.seconds : 0;
        out << tr("read %1 rows, wrote %2, rejected %3 in %4 s (%5 rows/s)")
                   .arg(c.rowsRead)
                   .arg(c.rowsWritten)
                   .arg(c.rowsRejected)
                   .arg(result.seconds, 0, 'f', 2)
                   .arg(qRound64(rate));
        if (!result.rejectedPath.isEmpty())
            out << tr("; rejected rows: ") << QDir::toNativeSeparators(result.rejectedPath);
        out << '\n';
        return ExitSuccess;
    }
    case RunState::Cancelled:
        err << tr("audience-courier export-csv: interrupted; no file was written.") << '\n';
        return ExitInterrupted;
    default:
        err << QStringLiteral("audience-courier export-csv: ") << result.error << '\n';
        return ExitFailure;
    }
}

} // namespace courier::cli
