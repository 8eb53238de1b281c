#include "RunCommand.h"

#include "CommandLine.h"
#include "common/Logging.h"
#include "common/Profile.h"
#include "connectors/ConnectorRegistry.h"
#include "connectors/exchange/inbox/ExchangeInbox.h"
#include "connectors/exchange/inbox/InboxKeys.h"
#include "connectors/exchange/inbox/InboxStore.h"
#include "connectors/exchange/outbox/ListenerKeys.h"
#include "connectors/exchange/outbox/Outbox.h"
#include "engine/Engine.h"
#include "engine/ProfileLock.h"
#include "secrets/SecretStore.h"
#include "store/Database.h"
#include "store/EndpointRepository.h"
#include "store/RunRepository.h"
#include "store/ShareRepository.h"

#include <algorithm>
#include <atomic>
#include <csignal>
#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QLocale>
#include <QSet>
#include <QSettings>
#include <QTextStream>
#include <QTimer>

namespace courier::cli {

namespace {

QString tr(const char *text, const char *disambiguation = nullptr, int n = -1)
{
    return QCoreApplication::translate("courier::cli", text, disambiguation, n);
}

// Set from the signal handlers, read by a timer on the event loop (a handler may do no more).
// SIGINT (Ctrl+C) cancels the runs; SIGTERM (a service manager stopping) interrupts them so
// the next start resumes them.
std::atomic<int> receivedSignal = 0;

extern "C" void rememberSignal(int signal)
{
    receivedSignal.store(signal);
}

// The app's exchange listener, when an exchange endpoint pulls from the app: its runs hand out
// links to it and wait for the endpoint to fetch them. On the app's usual port when that is
// free (so links handed out earlier still work), else on any.
std::unique_ptr<ExchangeInbox> startListenerForConsumers(const Database &database,
                                                         SecretStore &secrets,
                                                         std::shared_ptr<const InboxStore> store,
                                                         std::shared_ptr<Outbox> outbox,
                                                         const std::shared_ptr<InboxKeys> &keys)
{
    const QList<Endpoint> endpoints = EndpointRepository(database).list();
    if (std::none_of(endpoints.cbegin(), endpoints.cend(), pullsFromListener))
        return nullptr;
    loadListenerKeys(database, secrets, keys);
    ExchangeInboxSettings settings;
    settings.port = quint16(QSettings().value(QStringLiteral("exchangeInbox/port"), 0).toUInt());
    for (;;) {
        auto listener = std::make_unique<ExchangeInbox>(
            store, [keys](qint64 id) { return keys->key(id); }, settings);
        listener->setOutbox(outbox);
        QString error;
        if (listener->start(&error)) {
            qCInfo(lcCli).noquote() << "exchange listener on" << listener->listenerUrl().toString();
            return listener;
        }
        qCWarning(lcCli).noquote() << error;
        if (settings.port == 0)
            return nullptr;
        settings.port = 0;
    }
}

int usageError(const QString &message)
{
    QTextStream(stderr) << QStringLiteral("audience-courier run: ") << message << '\n'
                        << tr("Run audience-courier run --help for the options.") << '\n';
    return ExitUsage;
}

// A share named by its id or its exact name (case-insensitive when unambiguous).
std::optional<Share> findShare(const QList<Share> &shares, const QString &text, QString *error)
{
    bool isNumber = false;
    const qint64 id = text.toLongLong(&isNumber);
    QList<Share> byName;
    for (const Share &share : shares) {
        if (isNumber && share.id == id)
            return share;
        if (share.name == text)
            return share;
        if (share.name.compare(text, Qt::CaseInsensitive) == 0)
            byName.append(share);
    }
    if (byName.size() == 1)
        return byName.constFirst();
    *error = byName.isEmpty() ? tr("no share is called \"%1\".").arg(text)
                              : tr("\"%1\" names several shares; use the id.").arg(text);
    return std::nullopt;
}

} // namespace

int runShares(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("Runs shares without a window and waits until they end. Name shares by id or name, "
           "or use --all-due for every share whose scheduled time has come (for cron or a "
           "systemd timer). Runs interrupted by a crash or a shutdown are resumed first.\n\n"
           "Ctrl+C cancels the runs; a TERM signal stops them so the next start resumes them.\n\n"
           "Exit status: 0 every run succeeded (or nothing was due), 1 a run failed or was "
           "cancelled, 2 the command line is wrong, 75 another Audience Courier is running "
           "shares for this profile (try again later), 130 interrupted."));
    parser.addHelpOption();
    parser.addOption({profileOptionName(), tr("Use the profile in <dir>."), tr("dir")});
    const QCommandLineOption allDueOption(QStringLiteral("all-due"),
                                          tr("Run every share that is due."));
    const QCommandLineOption quietOption({QStringLiteral("q"), QStringLiteral("quiet")},
                                         tr("Print failures only."));
    const QCommandLineOption dryRunOption(
        QStringLiteral("dry-run"),
        tr("Fetch and map the named shares and print what would change at the destination "
           "(new, changed and removed members), without sending anything."));
    parser.addOption(allDueOption);
    parser.addOption(quietOption);
    parser.addOption(dryRunOption);
    parser.addPositionalArgument(QStringLiteral("run"), tr("The command."));
    parser.addPositionalArgument(QStringLiteral("share"), tr("A share's id or name."),
                                 tr("[share...]"));
    if (!parser.parse(arguments))
        return usageError(parser.errorText());
    if (parser.isSet(QStringLiteral("help"))) {
        QTextStream(stdout) << parser.helpText();
        return ExitSuccess;
    }
    const QStringList names = parser.positionalArguments().mid(1);
    const bool allDue = parser.isSet(allDueOption);
    if (names.isEmpty() && !allDue)
        return usageError(tr("name a share, or use --all-due."));
    const bool quiet = parser.isSet(quietOption);
    const bool dryRun = parser.isSet(dryRunOption);
    if (dryRun && allDue)
        return usageError(tr("--dry-run takes named shares, not --all-due."));

    QTextStream out(stdout);
    QTextStream err(stderr);
    const Profile profile(Profile::resolveDirectory(parser.value(profileOptionName())));
    QString error;
    std::unique_ptr<Database> database;
    if (profile.ensureExists(&error))
        database = Database::open(profile.databasePath(), &error);
    if (!database) {
        err << QStringLiteral("audience-courier run: ") << error << '\n';
        return ExitFailure;
    }
    QString holder;
    const auto lock = ProfileLock::tryAcquire(profile.directory(), &holder);
    if (!lock) {
        err << QStringLiteral("audience-courier run: ") << holder << '\n';
        return ExitBusy;
    }
    RunRepository runs(*database);
    runs.markInterrupted();

    ShareRepository shareRepository(*database);
    const QList<Share> shares = shareRepository.list(&error);
    if (!error.isEmpty()) {
        err << QStringLiteral("audience-courier run: ") << error << '\n';
        return ExitFailure;
    }
    QList<Share> selected;
    for (const QString &name : names) {
        const auto share = findShare(shares, name, &error);
        if (!share)
            return usageError(error);
        selected.append(*share);
    }

    SecretStore secrets;
    // Pushed audience versions are read here too. Exchange endpoints that pull from the app
    // fetch their files from its listener, so it listens here too while runs go on.
    const auto listenerKeys = std::make_shared<InboxKeys>();
    const auto inboxStore = std::make_shared<InboxStore>(*database, profile.directory());
    const auto outbox = std::make_shared<Outbox>(*database, profile.directory(), listenerKeys);
    Engine engine(*database, profile.runsDirectory(), &secrets,
                  ConnectorRegistry::builtin(inboxStore, outbox));
    const auto listener =
        startListenerForConsumers(*database, secrets, inboxStore, outbox, listenerKeys);
    QSet<qint64> waitingFor;
    bool anyFailed = false;
    const QLocale locale;
    QObject::connect(
        &engine, &Engine::runFinished, &engine,
        [&](qint64 runId, RunState state, const QString &runError) {
            waitingFor.remove(runId);
            const auto run = runs.find(runId);
            const QString what =
                run ? tr("run #%1 (%2 → %3)").arg(runId).arg(run->source, run->destination)
                    : tr("run #%1").arg(runId);
            if (state == RunState::Succeeded && run && run->dryRun) {
                // A dry run's outcome is its summary of what would change.
                out << tr("%1: %2").arg(what, run->outputPath) << '\n';
            } else if (state == RunState::Succeeded) {
                if (!quiet && run)
                    out << tr("%1: succeeded; %2 rows read, %3 delivered, %4 "
                              "rejected")
                               .arg(what, locale.toString(run->rowsRead),
                                    locale.toString(run->rowsWritten),
                                    locale.toString(run->rowsRejected))
                        << '\n';
            } else {
                anyFailed = true;
                err << tr("%1: %2: %3").arg(what, runStateDisplayName(state).toLower(), runError)
                    << '\n';
            }
            out.flush();
            err.flush();
        });

    // Interrupted runs first (of the named shares, or all of them with --all-due).
    if (allDue) {
        for (qint64 id : engine.resumeInterrupted())
            waitingFor.insert(id);
    }
    QList<Share> toRun = selected;
    if (allDue) {
        const QDateTime now = QDateTime::currentDateTimeUtc();
        for (const Share &share : shareRepository.due(now, &error)) {
            // Claimed now, so a second --all-due does not run it again; the scheduler sets the
            // next time for recurring shares.
            shareRepository.setNextRunAt(share.id, QDateTime());
            toRun.append(share);
        }
    }
    for (const Share &share : std::as_const(toRun)) {
        const auto runId =
            dryRun ? engine.dryRunShare(share.id, &error) : engine.runShare(share.id, &error);
        if (!runId) {
            err << tr("share \"%1\": %2").arg(share.name, error) << '\n';
            anyFailed = true;
            continue;
        }
        waitingFor.insert(*runId);
        if (!quiet)
            out << (dryRun ? tr("run #%1: dry run of \"%2\"") : tr("run #%1: sharing \"%2\""))
                       .arg(*runId)
                       .arg(share.name)
                << '\n';
    }
    out.flush();
    if (waitingFor.isEmpty()) {
        if (!quiet && !anyFailed)
            out << tr("Nothing to run.") << '\n';
        return anyFailed ? ExitFailure : ExitSuccess;
    }

    receivedSignal.store(0);
    auto previousInt = std::signal(SIGINT, rememberSignal);
    auto previousTerm = std::signal(SIGTERM, rememberSignal);
    QEventLoop loop;
    QTimer signalCheck;
    bool interrupted = false;
    QObject::connect(&signalCheck, &QTimer::timeout, &loop, [&] {
        const int signal = receivedSignal.exchange(0);
        if (signal == SIGINT) {
            interrupted = true;
            engine.cancelAll();
        } else if (signal == SIGTERM) {
            interrupted = true;
            loop.quit(); // the Engine's destructor interrupts what still runs
        }
    });
    signalCheck.start(100);
    QObject::connect(&engine, &Engine::runFinished, &loop, [&] {
        if (waitingFor.isEmpty())
            loop.quit();
    });
    loop.exec();
    signalCheck.stop();
    std::signal(SIGINT, previousInt);
    std::signal(SIGTERM, previousTerm);
    if (interrupted)
        return ExitInterrupted;
    return anyFailed ? ExitFailure : ExitSuccess;
}

} // namespace courier::cli
