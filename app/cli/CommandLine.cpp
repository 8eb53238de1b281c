#include "CommandLine.h"

#include "common/Logging.h"
#include "ExportCsvCommand.h"
#include "RunCommand.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QTextStream>

namespace courier::cli {

namespace {

struct Command
{
    const char *name;
    const char *summary; // translated in help through QT_TRANSLATE_NOOP
    int (*run)(const QStringList &arguments);
};

const Command commands[] = {
    {"export-csv",
     QT_TRANSLATE_NOOP("courier::cli",
                       "Map a CSV audience file to a new CSV file (see export-csv --help)."),
     &runExportCsv},
    {"run",
     QT_TRANSLATE_NOOP("courier::cli",
                       "Run shares now, or every share that is due (see run --help)."),
     &runShares},
};

const Command *findCommand(const QString &name)
{
    for (const Command &command : commands) {
        if (name == QLatin1String(command.name))
            return &command;
    }
    return nullptr;
}

QString tr(const char *text)
{
    return QCoreApplication::translate("courier::cli", text);
}

QString firstPositional(const QStringList &arguments)
{
    for (qsizetype i = 1; i < arguments.size(); ++i) {
        const QString &argument = arguments.at(i);
        if (argument == QLatin1String("--profile")) {
            ++i; // its value
            continue;
        }
        if (argument.startsWith(QLatin1Char('-')))
            continue;
        return argument;
    }
    return {};
}

} // namespace

QString profileOptionName()
{
    return QStringLiteral("profile");
}

bool isHeadlessInvocation(const QStringList &arguments)
{
    static const QStringList informational = {
        QStringLiteral("-h"), QStringLiteral("--help"),    QStringLiteral("--help-all"),
        QStringLiteral("-v"), QStringLiteral("--version"), QStringLiteral("-?")};
    for (qsizetype i = 1; i < arguments.size(); ++i) {
        if (informational.contains(arguments.at(i)))
            return true;
    }
    return !firstPositional(arguments).isEmpty();
}

int run(const QStringList &arguments)
{
    const QString name = firstPositional(arguments);
    if (const Command *command = findCommand(name))
        return command->run(arguments);

    QString description =
        tr("Audience Courier shares audiences between the marketing systems you use.\n"
           "Without a command it opens its window.") +
        u'\n' + u'\n' + tr("Commands:");
    for (const Command &command : commands)
        description +=
            u'\n' +
            QStringLiteral("  %1  %2").arg(QLatin1String(command.name), tr(command.summary));
    QCommandLineParser parser;
    parser.setApplicationDescription(description);
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addOption(
        {profileOptionName(), tr("Use the profile (cache and settings) in <dir>."), tr("dir")});
    parser.addPositionalArgument(tr("command"), tr("A headless command, listed below."),
                                 tr("[command]"));
    parser.process(arguments); // handles --help and --version, exiting

    QTextStream err(stderr);
    err << tr("audience-courier: unknown command \"%1\".").arg(name) << '\n'
        << tr("Run audience-courier --help to see the commands.") << '\n';
    return ExitUsage;
}

} // namespace courier::cli
