// Entry point for both faces of the app: headless commands (export-csv, --help, ...) run
// without a display under QCoreApplication; everything else opens the main window.
#include "cli/CommandLine.h"
#include "common/Logging.h"
#include "common/Profile.h"
#include "common/Translations.h"
#include "connectors/ConnectorRegistry.h"
#include "connectors/exchange/inbox/ExchangeInbox.h"
#include "connectors/exchange/inbox/InboxKeys.h"
#include "connectors/exchange/inbox/InboxStore.h"
#include "connectors/exchange/outbox/ListenerKeys.h"
#include "connectors/exchange/outbox/Outbox.h"
#include "DemoSandbox.h"
#include "engine/Engine.h"
#include "engine/ProfileLock.h"
#include "MainWindow.h"
#include "secrets/SecretStore.h"
#include "SharesPage.h"
#include "store/Database.h"
#include "store/RunRepository.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QCoreApplication>
#include <QIcon>
#include <QMessageBox>
#include <QSettings>

namespace {

void setApplicationNames()
{
    // These name the QSettings file and the default profile folder: never translate them.
    QCoreApplication::setOrganizationName(QStringLiteral("AudienceCourier"));
    QCoreApplication::setApplicationName(QStringLiteral("audience-courier"));
    QCoreApplication::setApplicationVersion(QStringLiteral(COURIER_VERSION));
}

QString tr(const char *text)
{
    return QCoreApplication::translate("main", text);
}

int fail(const QString &message)
{
    QMessageBox::critical(nullptr, tr("Audience Courier"), message);
    return courier::cli::ExitFailure;
}

} // namespace

// The listener exchange endpoints that push to the app send their audiences to, and that
// exchange endpoints that pull from the app fetch prepared files from: on 127.0.0.1, on the
// port it had last time (so producers keep their URL and consumers' links stay valid), with
// those endpoints' keys read from the keychain (asynchronously; a request before its key
// arrives is refused with 401).
std::unique_ptr<courier::ExchangeInbox>
startExchangeInbox(const courier::Database &database, courier::SecretStore &secrets,
                   std::shared_ptr<const courier::InboxStore> store,
                   std::shared_ptr<courier::Outbox> outbox,
                   const std::shared_ptr<courier::InboxKeys> &keys)
{
    courier::loadListenerKeys(database, secrets, keys);
    QSettings settings;
    courier::ExchangeInboxSettings inboxSettings;
    inboxSettings.port = quint16(settings.value(QStringLiteral("exchangeInbox/port"), 0).toUInt());
    auto inbox = std::make_unique<courier::ExchangeInbox>(
        std::move(store), [keys](qint64 id) { return keys->key(id); }, inboxSettings);
    inbox->setOutbox(std::move(outbox));
    QString error;
    if (!inbox->start(&error)) {
        qCWarning(lcUi).noquote() << "The exchange inbox is not listening:" << error;
        return nullptr;
    }
    settings.setValue(QStringLiteral("exchangeInbox/port"), inbox->port());
    qCInfo(lcUi).noquote() << "Exchange inbox on" << inbox->baseUrl().toString();
    return inbox;
}

int main(int argc, char *argv[])
{
    QStringList arguments;
    arguments.reserve(argc);
    for (int i = 0; i < argc; ++i)
        arguments.append(QString::fromLocal8Bit(argv[i]));

    if (courier::cli::isHeadlessInvocation(arguments)) {
        QCoreApplication app(argc, argv);
        setApplicationNames();
        courier::installTranslations(app);
        return courier::cli::run(QCoreApplication::arguments());
    }

    QApplication app(argc, argv);
    setApplicationNames();
    courier::installTranslations(app);
    QApplication::setApplicationDisplayName(tr("Audience Courier"));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/audience-courier.svg")));

    // The GUI accepts --profile too, so a second profile (a test account, say) opens the same
    // way as in scripts. Unknown options are ignored: desktop launchers add their own.
    QCommandLineParser parser;
    const QCommandLineOption profileOption(courier::cli::profileOptionName(),
                                           tr("Use the profile in <dir>."), tr("dir"));
    parser.addOption(profileOption);
    const QCommandLineOption noDemoOption(courier::ui::DemoSandbox::disableOptionName(),
                                          tr("Do not start the built-in demo sandbox."));
    parser.addOption(noDemoOption);
    parser.parse(QApplication::arguments());

    const courier::Profile profile(courier::Profile::resolveDirectory(parser.value(profileOption)));
    QString error;
    if (!profile.ensureExists(&error))
        return fail(error);
    const std::unique_ptr<courier::Database> database =
        courier::Database::open(profile.databasePath(), &error);
    if (!database)
        return fail(tr("Audience Courier cannot open its cache.\n\n%1").arg(error));

    // Only the process holding the profile's lock runs shares: it marks what a previous session
    // left in progress as interrupted and resumes it. Without the lock (a headless `run` is
    // busy with this profile) the window still opens, to browse.
    QString lockHolder;
    const auto lock = courier::ProfileLock::tryAcquire(profile.directory(), &lockHolder);
    std::unique_ptr<courier::SecretStore> secrets;
    std::unique_ptr<courier::Engine> engine;
    std::unique_ptr<courier::ExchangeInbox> inbox;
    // Shared with the window, which adds the keys of the PUSH producers connected there.
    const auto inboxKeys = std::make_shared<courier::InboxKeys>();
    if (lock) {
        courier::RunRepository(*database).markInterrupted();
        secrets = std::make_unique<courier::SecretStore>();
        const auto inboxStore =
            std::make_shared<courier::InboxStore>(*database, profile.directory());
        const auto outbox =
            std::make_shared<courier::Outbox>(*database, profile.directory(), inboxKeys);
        engine = std::make_unique<courier::Engine>(
            *database, profile.runsDirectory(), secrets.get(),
            courier::ConnectorRegistry::builtin(inboxStore, outbox));
        inbox = startExchangeInbox(*database, *secrets, inboxStore, outbox, inboxKeys);
    } else {
        qCWarning(lcUi).noquote() << lockHolder;
    }

    // The demo (a sandbox exchange with a share to run) on a first start, and on later starts
    // of a profile that still has it; only where shares can run.
    std::unique_ptr<courier::ui::DemoSandbox> demo;
    if (engine && !parser.isSet(noDemoOption)) {
        demo = std::make_unique<courier::ui::DemoSandbox>(*database, *secrets, engine->registry());
        QString demoError;
        if (!demo->start(&demoError)) {
            if (!demoError.isEmpty())
                qCWarning(lcUi).noquote() << demoError;
            demo.reset();
        }
    }

    courier::ui::MainWindow window(*database, profile, engine.get(), secrets.get());
    if (demo) {
        QObject::connect(demo.get(), &courier::ui::DemoSandbox::ready, &window,
                         [&window](bool ok, const QString &demoError) {
                             window.refresh();
                             if (!ok)
                                 window.sharesPage()->showNotice(
                                     tr("The demo could not be set up. %1").arg(demoError));
                         });
    }
    window.setExchangeInboxKeys(inboxKeys);
    if (inbox) {
        window.setExchangeInboxUrl(inbox->baseUrl());
        QObject::connect(inbox.get(), &courier::ExchangeInbox::versionStored, &window,
                         &courier::ui::MainWindow::refresh);
    }
    window.show();
    if (engine)
        engine->resumeInterrupted();
    const int status = QApplication::exec();
    // Runs still in progress stop here and resume at the next start; then the demo server
    // they may have been talking to goes.
    inbox.reset(); // no new versions while the engine stops
    engine.reset();
    demo.reset();
    return status;
}
