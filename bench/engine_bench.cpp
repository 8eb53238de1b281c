// Sandbox → engine → CSV file: the whole sharing path at scale, with rows/s, MB/s, peak memory
// and where the time goes.
//
//   bench_engine --members 1000000 [--source exchange|ga4|apsis] [--sandbox PATH] [--keep]
//                [--work-dir DIR] [--job-ready-after-ms MS] [--log]
//
// Starts courier-sandbox as a separate process (its memory and CPU are not this process's),
// creates a throwaway profile with a source endpoint on it, the audience "synthetic-<N>", a
// CSV file destination and a share with a realistic mapping, stores the source's credentials in
// the keychain, resets the peak-RSS counter and runs the share through a real Engine. Sources:
//  - exchange (default): the generic exchange's CSV parts; e-mail identifier with trim +
//    lowercase, phone, first and last name, country, lifetime value;
//  - ga4: a GA4 audience export (service-account sign-in, export created, polled, then read
//    in query pages of 250,000 rows of JSON); device id identifier, user id, the two flags;
//  - apsis: an APSIS One profile export (client-credentials sign-in, export requested, poll
//    URL polled, one gzip JSON file streamed to CSV); profile key, e-mail with trim +
//    lowercase, phone, first name, country, lifetime value, the VIP tag.
//
// The key goes through the real SecretStore (service "audience-courier-bench"), so run it in a
// session with a Secret Service: scripts/bench-engine.sh starts a throwaway one, as
// scripts/test.sh does for CTest.
//
// Output: one line of figures (members, rows, seconds, rows/s, MB downloaded (decoded CSV,
// 10^6 bytes), MB/s end to end, peak RSS) with the phase split taken from the run's state
// changes (queue: keychain + thread start; request+wait: export job requested until ready;
// download: parts to the spool; transform+write: read, map, write, commit), then a detail line:
// bytes on the wire, CPU seconds of this process and of the sandbox (in all and per phase), the
// sandbox's peak RSS, and how busy the machine was (run-queue wait of both processes, load
// average): on a shared machine, compare CPU seconds rather than wall time.

#include "connectors/ConnectorRegistry.h"
#include "engine/AudienceRefresh.h"
#include "engine/Engine.h"
#include "mapping/Mapping.h"
#include "secrets/SecretStore.h"
#include "store/AudienceRepository.h"
#include "store/Database.h"
#include "store/EndpointRepository.h"
#include "store/RunRepository.h"
#include "store/ShareRepository.h"

#include <cstdio>
#include <map>
#include <optional>
#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTimer>
#include <sys/resource.h>
#include <unistd.h>

#ifndef COURIER_SANDBOX_EXECUTABLE
#define COURIER_SANDBOX_EXECUTABLE ""
#endif

using namespace courier;

namespace {

const QByteArray SandboxKey = "sandbox-key";
const QString SecretService = QStringLiteral("audience-courier-bench");

// Cleaned up by die() too: the sandbox child and the (possibly large) temporary profile.
QProcess *g_sandbox = nullptr;
QTemporaryDir *g_dir = nullptr;

void stopSandbox()
{
    if (!g_sandbox || g_sandbox->state() == QProcess::NotRunning)
        return;
    g_sandbox->terminate();
    if (!g_sandbox->waitForFinished(5000))
        g_sandbox->kill();
    g_sandbox->waitForFinished(1000);
}

[[noreturn]] void die(const QString &message)
{
    std::fprintf(stderr, "bench_engine: %s\n", qPrintable(message));
    std::fflush(stderr);
    stopSandbox();
    if (g_dir && g_dir->autoRemove())
        g_dir->remove();
    std::_Exit(1); // the rest (the engine's thread, the database) need not be torn down
}

// A "Key: 123 kB" line of /proc/<pid>/status, in MiB; -1 when unreadable.
double statusMiB(const QString &pid, const char *key)
{
    QFile status(QStringLiteral("/proc/%1/status").arg(pid));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    const QString text = QString::fromLatin1(status.readAll());
    const auto match =
        QRegularExpression(QStringLiteral("%1:\\s+(\\d+) kB").arg(QLatin1String(key))).match(text);
    return match.hasMatch() ? match.captured(1).toDouble() / 1024.0 : -1;
}

// Peak resident memory of this process since the last reset, in MiB (Linux: VmHWM).
double peakRssMiB()
{
    return statusMiB(QStringLiteral("self"), "VmHWM");
}

void resetPeakRss()
{
    QFile clear(QStringLiteral("/proc/self/clear_refs"));
    if (clear.open(QIODevice::WriteOnly))
        clear.write("5");
}

double cpuSecondsSelf()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return static_cast<double>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
           static_cast<double>(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

// Time the threads of a process spent runnable but waiting for a CPU (field 2 of
// /proc/<pid>/task/<tid>/schedstat): what other work on the machine cost this run. Threads end
// (the run's own does), so it is sampled during the run, keeping each thread's last value.
class RunQueueWait
{
public:
    explicit RunQueueWait(QString pid)
        : m_pid(std::move(pid))
    {}

    void sample()
    {
        const QDir tasks(QStringLiteral("/proc/%1/task").arg(m_pid));
        for (const QString &tid : tasks.entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
            QFile stat(tasks.filePath(tid + QStringLiteral("/schedstat")));
            if (!stat.open(QIODevice::ReadOnly))
                continue;
            const QList<QByteArray> fields = stat.readAll().simplified().split(' ');
            if (fields.size() >= 2)
                m_waitNs[tid] = fields.at(1).toLongLong();
        }
    }
    void start()
    {
        sample();
        m_startNs = m_waitNs;
    }
    double seconds() const
    {
        qint64 total = 0;
        for (auto it = m_waitNs.begin(); it != m_waitNs.end(); ++it)
            total += it.value() - m_startNs.value(it.key(), 0);
        return static_cast<double>(total) / 1e9;
    }

private:
    QString m_pid;
    QHash<QString, qint64> m_waitNs;
    QHash<QString, qint64> m_startNs;
};

// User + system CPU seconds of another process (fields 14 and 15 of /proc/<pid>/stat).
double cpuSecondsOf(qint64 pid)
{
    QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!stat.open(QIODevice::ReadOnly))
        return -1;
    const QByteArray text = stat.readAll();
    // The command name (field 2) is in parentheses and may hold spaces: count after it.
    const QList<QByteArray> fields = text.mid(text.lastIndexOf(')') + 2).split(' ');
    if (fields.size() < 13)
        return -1;
    const double ticks = static_cast<double>(sysconf(_SC_CLK_TCK));
    return (fields.at(11).toDouble() + fields.at(12).toDouble()) / ticks;
}

// Waits for `done` with the event loop running; false on timeout.
bool waitFor(const std::function<bool()> &done, int timeoutMs)
{
    QElapsedTimer clock;
    clock.start();
    while (!done()) {
        if (clock.elapsed() > timeoutMs)
            return false;
        QEventLoop loop;
        QTimer::singleShot(20, &loop, &QEventLoop::quit);
        loop.exec();
    }
    return true;
}

// Lines in a file ('\n' count; the synthetic data has no line breaks inside fields).
qint64 countLines(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return -1;
    QByteArray buffer(1 << 20, Qt::Uninitialized);
    qint64 lines = 0;
    for (;;) {
        const qint64 n = file.read(buffer.data(), buffer.size());
        if (n <= 0)
            break;
        lines += std::count(buffer.constData(), buffer.constData() + n, '\n');
    }
    return lines;
}

// Starts courier-sandbox and returns its base URL (e.g. http://127.0.0.1:PORT).
QUrl startSandbox(QProcess &process, const QString &program, qint64 readyAfterMs)
{
    process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    process.start(program,
                  {QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--exchange-key"),
                   QString::fromLatin1(SandboxKey), QStringLiteral("--job-ready-after-ms"),
                   QString::number(readyAfterMs), QStringLiteral("--quiet")});
    if (!process.waitForStarted(10000))
        die(QStringLiteral("cannot start %1: %2").arg(program, process.errorString()));
    static const QRegularExpression line(
        QStringLiteral("^courier-sandbox listening on (http://\\S+)\\s*$"));
    QElapsedTimer clock;
    clock.start();
    while (clock.elapsed() < 15000) {
        if (!process.canReadLine() && !process.waitForReadyRead(1000)) {
            if (process.state() == QProcess::NotRunning)
                break;
            continue;
        }
        while (process.canReadLine()) {
            const QString text = QString::fromUtf8(process.readLine());
            const auto match = line.match(text);
            if (match.hasMatch())
                return QUrl(match.captured(1));
        }
    }
    die(QStringLiteral("%1 did not say it was listening").arg(program));
}

// Bytes the sandbox sent for the export's data parts (gzip on the wire), from its request log.
qint64 wireBytes(const QUrl &base)
{
    QNetworkAccessManager network;
    QUrl url = base;
    url.setPath(QStringLiteral("/sandbox/requests"));
    url.setQuery(QStringLiteral("last=1000"));
    QNetworkReply *reply = network.get(QNetworkRequest(url));
    waitFor([reply] { return reply->isFinished(); }, 10000);
    const QJsonArray requests = QJsonDocument::fromJson(reply->readAll())
                                    .object()
                                    .value(QStringLiteral("requests"))
                                    .toArray();
    reply->deleteLater();
    qint64 bytes = 0;
    // The data: exchange parts, GA4 query pages, the APSIS export file.
    static const QRegularExpression data(QStringLiteral(
        "/v1/jobs/[^/]+/data/|/audienceExports/[^/:]+:query|/audience/profiles/exports/"));
    for (const QJsonValue &value : requests) {
        const QJsonObject request = value.toObject();
        if (data.match(request.value(QStringLiteral("target")).toString()).hasMatch())
            bytes += request.value(QStringLiteral("bodyBytes")).toInteger();
    }
    return bytes;
}

FieldMapping field(const char *target, const char *source, bool identifier,
                   const QStringList &transforms = {})
{
    FieldMapping mapping;
    mapping.target = QString::fromLatin1(target);
    mapping.source = QString::fromLatin1(source);
    mapping.identifier = identifier;
    for (const QString &name : transforms)
        mapping.transforms.append(*Transform::fromName(name));
    return mapping;
}

// GET {base}{path} → the body; dies on failure.
QByteArray fetch(const QUrl &base, const QString &path)
{
    QNetworkAccessManager network;
    QUrl url = base;
    url.setPath(path);
    QNetworkReply *reply = network.get(QNetworkRequest(url));
    waitFor([reply] { return reply->isFinished(); }, 10000);
    if (reply->error() != QNetworkReply::NoError)
        die(QStringLiteral("GET %1: %2").arg(path, reply->errorString()));
    const QByteArray body = reply->readAll();
    reply->deleteLater();
    return body;
}

// Stores a secret through the keychain as the app does; dies when the keychain cannot.
void storeSecret(SecretStore &secrets, qint64 endpointId, const QString &name,
                 const QByteArray &value)
{
    std::optional<QString> written;
    secrets.write(endpointId, name, value,
                  [&](bool stored, const QString &why) { written = stored ? QString() : why; });
    if (!waitFor([&] { return written.has_value(); }, 30000))
        die(QStringLiteral("the keychain did not answer (run inside scripts/bench-engine.sh)"));
    if (!written->isEmpty())
        die(QStringLiteral("cannot store a secret in the keychain: %1 (run inside "
                           "scripts/bench-engine.sh)")
                .arg(*written));
}

// The source endpoint, its credentials and the mapping of each --source.
struct SourceSetup
{
    Endpoint endpoint;
    QHash<QString, QByteArray> secrets;
    QList<FieldMapping> fields;
};

SourceSetup sourceSetup(const QString &kind, const QUrl &base)
{
    SourceSetup setup;
    Endpoint &source = setup.endpoint;
    source.role = Endpoint::Role::Source;
    source.transfer = Endpoint::Transfer::Pull;
    source.secretStored = true;
    const auto at = [&base](const char *path) {
        QUrl url = base;
        url.setPath(QString::fromLatin1(path));
        return url;
    };
    if (kind == QLatin1String("exchange")) {
        source.name = QStringLiteral("Sandbox exchange");
        source.kind = kind;
        source.contactUrl = at("/exchange");
        setup.secrets.insert(QStringLiteral("key"), SandboxKey);
        setup.fields = {
            field("email", "email", true, {QStringLiteral("trim"), QStringLiteral("lowercase")}),
            field("phone", "phone", false, {QStringLiteral("trim")}),
            field("first_name", "first_name", false),
            field("last_name", "last_name", false),
            field("country", "country", false),
            field("lifetime_value", "lifetime_value", false),
        };
    } else if (kind == QLatin1String("ga4")) {
        source.name = QStringLiteral("Sandbox GA4");
        source.kind = kind;
        source.contactUrl = at("/ga4/analyticsdata");
        source.settings = QJsonObject{
            {QStringLiteral("propertyId"), QStringLiteral("555")},
            {QStringLiteral("authMethod"), QStringLiteral("serviceAccount")},
            {QStringLiteral("adminUrl"), at("/ga4/analyticsadmin").toString()},
            {QStringLiteral("dataUrl"), at("/ga4/analyticsdata").toString()},
            {QStringLiteral("tokenUrl"), at("/ga4/token").toString()},
        };
        setup.secrets.insert(QStringLiteral("serviceAccountKey"),
                             fetch(base, QStringLiteral("/sandbox/ga4/service-account.json")));
        setup.fields = {
            field("device_id", "deviceId", true),
            field("user_id", "userId", false),
            field("ads_personalization", "isAdsPersonalizationAllowed", false),
            field("limited_ad_tracking", "isLimitedAdTracking", false),
        };
    } else if (kind == QLatin1String("apsis")) {
        source.name = QStringLiteral("Sandbox APSIS");
        source.kind = kind;
        source.contactUrl = at("/apsis");
        source.settings =
            QJsonObject{{QStringLiteral("clientId"), QStringLiteral("sandbox-apsis-client")}};
        setup.secrets.insert(QStringLiteral("clientSecret"), "sandbox-apsis-secret");
        setup.fields = {
            field("profile_key", "profileKey", true),
            field("email", "Email", false, {QStringLiteral("trim"), QStringLiteral("lowercase")}),
            field("phone", "Phone", false, {QStringLiteral("trim")}),
            field("first_name", "First name", false),
            field("country", "Country", false),
            field("lifetime_value", "Lifetime value", false),
            field("vip", "Tag: VIP", false),
        };
    } else {
        die(QStringLiteral("--source must be exchange, ga4 or apsis"));
    }
    return setup;
}

// The audience "synthetic-<members>" of the source. APSIS audiences carry their section's
// definitions (attribute and tag ids) in their details, as a refresh stores them: refresh the
// endpoint and take them from the listed synthetic example.
AudienceInfo syntheticAudience(const Database &database, SecretStore &secrets,
                               const Endpoint &source, qint64 members)
{
    AudienceInfo audience;
    audience.endpointId = source.id;
    audience.externalId = QStringLiteral("synthetic-%1").arg(members);
    audience.name = audience.externalId;
    audience.size = members;
    if (source.kind != QLatin1String("apsis"))
        return audience;
    AudienceRefresh refresh(database, &secrets, ConnectorRegistry::builtin());
    std::optional<QString> refreshed;
    QObject::connect(
        &refresh, &AudienceRefresh::finished,
        [&](qint64, bool ok, int, const QString &why) { refreshed = ok ? QString() : why; });
    QString error;
    if (!refresh.refresh(source, &error))
        die(error);
    if (!waitFor([&] { return refreshed.has_value(); }, 30000) || !refreshed->isEmpty())
        die(QStringLiteral("cannot list the APSIS segments: %1")
                .arg(refreshed.value_or(QStringLiteral("no answer"))));
    for (const AudienceInfo &listed : AudienceRepository(database).listByEndpoint(source.id)) {
        if (listed.externalId.startsWith(QLatin1String("synthetic-"))) {
            audience.details = listed.details;
            audience.identifiers = listed.identifiers;
            audience.attributes = listed.attributes;
            return audience;
        }
    }
    die(QStringLiteral("the APSIS sandbox listed no synthetic segment"));
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("bench_engine"));
    QLoggingCategory::setFilterRules(QStringLiteral("courier.*.debug=false"));

    QCommandLineParser parser;
    parser.addHelpOption();
    const QCommandLineOption membersOption(QStringLiteral("members"),
                                           QStringLiteral("Members of the synthetic audience."),
                                           QStringLiteral("n"), QStringLiteral("1000000"));
    const QCommandLineOption sandboxOption(
        QStringLiteral("sandbox"), QStringLiteral("The courier-sandbox executable."),
        QStringLiteral("path"), QStringLiteral(COURIER_SANDBOX_EXECUTABLE));
    const QCommandLineOption keepOption(QStringLiteral("keep"),
                                        QStringLiteral("Keep the profile and the output file."));
    const QCommandLineOption workOption(QStringLiteral("work-dir"),
                                        QStringLiteral("Where the temporary profile goes."),
                                        QStringLiteral("dir"), QDir::tempPath());
    const QCommandLineOption readyOption(
        QStringLiteral("job-ready-after-ms"),
        QStringLiteral("How long the sandbox prepares the export (default 0)."),
        QStringLiteral("ms"), QStringLiteral("0"));
    const QCommandLineOption logOption(QStringLiteral("log"),
                                       QStringLiteral("Print the run log with timestamps."));
    const QCommandLineOption sourceOption(
        QStringLiteral("source"), QStringLiteral("The source: exchange (default), ga4 or apsis."),
        QStringLiteral("kind"), QStringLiteral("exchange"));
    parser.addOptions({membersOption, sourceOption, sandboxOption, keepOption, workOption,
                       readyOption, logOption});
    parser.process(app);

    bool ok = false;
    const qint64 members = parser.value(membersOption).toLongLong(&ok);
    if (!ok || members < 1)
        die(QStringLiteral("--members must be a positive number"));
    const QString sandboxPath = parser.value(sandboxOption);
    if (sandboxPath.isEmpty() || !QFile::exists(sandboxPath))
        die(QStringLiteral("no courier-sandbox at \"%1\" (use --sandbox)").arg(sandboxPath));

    QTemporaryDir dir(
        QDir(parser.value(workOption)).filePath(QStringLiteral("courier-bench-XXXXXX")));
    if (!dir.isValid())
        die(QStringLiteral("cannot create a temporary folder: %1").arg(dir.errorString()));
    dir.setAutoRemove(!parser.isSet(keepOption));

    g_dir = &dir;
    QProcess sandbox;
    g_sandbox = &sandbox;
    const QUrl base = startSandbox(sandbox, sandboxPath, parser.value(readyOption).toLongLong());

    // The profile.
    QString error;
    const auto database = Database::open(dir.filePath(QStringLiteral("courier.sqlite")), &error);
    if (!database)
        die(QStringLiteral("cannot open the profile: %1").arg(error));
    EndpointRepository endpoints(*database);
    const QString sourceKind = parser.value(sourceOption);
    SourceSetup setup = sourceSetup(sourceKind, base);
    Endpoint source = setup.endpoint;
    source.id = endpoints.add(source, &error).value_or(0);
    if (!source.id)
        die(error);
    const qint64 sourceId = source.id;
    // The credentials, through the keychain as the app stores them.
    SecretStore secrets(SecretService);
    for (auto it = setup.secrets.constBegin(); it != setup.secrets.constEnd(); ++it)
        storeSecret(secrets, sourceId, it.key(), it.value());
    const QString exportsDir = dir.filePath(QStringLiteral("exports"));
    QDir().mkpath(exportsDir);
    Endpoint file;
    file.name = QStringLiteral("Exports folder");
    file.kind = QStringLiteral("csv");
    file.role = Endpoint::Role::Destination;
    file.settings = QJsonObject{{QStringLiteral("directory"), exportsDir}};
    const qint64 fileId = endpoints.add(file, &error).value_or(0);
    if (!fileId)
        die(error);

    const AudienceInfo audience = syntheticAudience(*database, secrets, source, members);
    const auto audienceId = AudienceRepository(*database).upsert(audience, &error);
    if (!audienceId)
        die(error);

    Mapping mapping;
    mapping.fields = setup.fields;
    Share share;
    share.name = QStringLiteral("Engine benchmark");
    share.audienceId = *audienceId;
    share.destinationId = fileId;
    share.mapping = mapping.toJson();
    const QString outputName = QStringLiteral("audience.csv");
    share.destinationOptions = QJsonObject{{QStringLiteral("fileName"), outputName}};
    const qint64 shareId = ShareRepository(*database).add(share, &error).value_or(0);
    if (!shareId)
        die(error);

    Engine engine(*database, dir.filePath(QStringLiteral("runs")), &secrets,
                  ConnectorRegistry::builtin());
    engine.setRunSettings(RunSettings{}); // the app's defaults

    // Phase boundaries: the first time each state is reported.
    QElapsedTimer clock;
    std::map<RunState, qint64> firstSeen;
    // CPU seconds (this process, the sandbox) when each state was first reported: unlike wall
    // time, they hold up on a busy machine.
    std::map<RunState, std::pair<double, double>> cpuAt;
    qint64 downloadedBytes = -1; // decoded bytes spooled, as reported entering Transforming
    std::optional<RunState> finalState;
    QString finalError;
    qint64 finishedAt = 0;
    QObject::connect(&engine, &Engine::runProgressed, [&](qint64, const RunProgress &progress) {
        if (!firstSeen.count(progress.state)) {
            firstSeen[progress.state] = clock.nsecsElapsed();
            cpuAt[progress.state] = {cpuSecondsSelf(), cpuSecondsOf(sandbox.processId())};
            if (progress.state == RunState::Transforming)
                downloadedBytes = progress.bytesRead;
        }
    });
    QObject::connect(&engine, &Engine::runFinished,
                     [&](qint64, RunState state, const QString &why) {
                         finishedAt = clock.nsecsElapsed();
                         finalState = state;
                         finalError = why;
                     });

    QString loadAverage; // the machine's 1-minute load at the start: is the figure trustworthy?
    {
        QFile loadavg(QStringLiteral("/proc/loadavg"));
        if (loadavg.open(QIODevice::ReadOnly))
            loadAverage = QString::fromLatin1(loadavg.readAll()).section(QLatin1Char(' '), 0, 0);
    }
    const double cpuBefore = cpuSecondsSelf();
    const double sandboxCpuBefore = cpuSecondsOf(sandbox.processId());
    RunQueueWait ownWait(QStringLiteral("self"));
    RunQueueWait sandboxWait(QString::number(sandbox.processId()));
    ownWait.start();
    sandboxWait.start();
    resetPeakRss();
    clock.start();
    const auto runId = engine.runShare(shareId, &error);
    if (!runId)
        die(QStringLiteral("the share cannot run: %1").arg(error));
    // 10 M members take minutes; allow a generous 2 hours.
    QTimer sampler;
    QObject::connect(&sampler, &QTimer::timeout, [&] {
        ownWait.sample();
        sandboxWait.sample();
    });
    sampler.start(50);
    if (!waitFor([&] { return finalState.has_value() && engine.isIdle(); }, 2 * 3600 * 1000))
        die(QStringLiteral("the run did not finish"));
    sampler.stop();
    ownWait.sample();
    sandboxWait.sample();
    const double peak = peakRssMiB();
    const double cpuAfter = cpuSecondsSelf();
    const double sandboxCpuAfter = cpuSecondsOf(sandbox.processId());
    const double cpu = cpuAfter - cpuBefore;
    const double sandboxCpu = sandboxCpuAfter - sandboxCpuBefore;
    const double sandboxPeak = statusMiB(QString::number(sandbox.processId()), "VmHWM");
    const qint64 wire = wireBytes(base);

    RunRepository runs(*database);
    const Run run = runs.find(*runId).value_or(Run{});
    if (parser.isSet(logOption)) {
        for (const RunEvent &event : runs.events(*runId))
            std::printf("  %s %s\n", qPrintable(event.at.toString(Qt::ISODateWithMs)),
                        qPrintable(event.message));
    }
    if (*finalState != RunState::Succeeded)
        die(QStringLiteral("the run ended %1: %2").arg(runStateToString(*finalState), finalError));

    const QString outputPath = QDir(exportsDir).filePath(outputName);
    const qint64 lines = countLines(outputPath);
    const double outputMB = static_cast<double>(QFile(outputPath).size()) / 1e6;
    bool removed = false;
    secrets.removeAllFor(sourceId, setup.secrets.keys(),
                         [&](bool, const QString &) { removed = true; });
    waitFor([&] { return removed; }, 10000);

    const double seconds = static_cast<double>(finishedAt) / 1e9;
    const auto at = [&](RunState state, qint64 otherwise) {
        const auto it = firstSeen.find(state);
        return it == firstSeen.end() ? otherwise : it->second;
    };
    const qint64 tRequest = at(RunState::Requesting, 0);
    const qint64 tTransform = at(RunState::Transforming, finishedAt);
    const qint64 tDownload = at(RunState::Downloading, tTransform);
    const auto span = [](qint64 from, qint64 to) { return static_cast<double>(to - from) / 1e9; };
    if (downloadedBytes < 0)
        downloadedBytes = run.bytesRead;
    const double downloadMB = static_cast<double>(downloadedBytes) / 1e6;

    std::printf("engine source=%s members=%lld rows_read=%lld rows_written=%lld rows_rejected=%lld "
                "seconds=%.3f rows_per_s=%.0f download_mb=%.1f mb_per_s=%.1f peak_rss_mib=%.1f "
                "queue_s=%.3f request_wait_s=%.3f download_s=%.3f transform_write_s=%.3f\n",
                qPrintable(sourceKind), static_cast<long long>(members),
                static_cast<long long>(run.rowsRead), static_cast<long long>(run.rowsWritten),
                static_cast<long long>(run.rowsRejected), seconds,
                static_cast<double>(run.rowsRead) / seconds, downloadMB, downloadMB / seconds, peak,
                span(0, tRequest), span(tRequest, tDownload), span(tDownload, tTransform),
                span(tTransform, finishedAt));
    // CPU seconds spent in the download and in the transform+write phases.
    const auto cpuIn = [&](RunState from, std::optional<RunState> to, bool ofSandbox) {
        const auto start = cpuAt.find(from);
        if (start == cpuAt.end())
            return -1.0;
        const auto end = to ? cpuAt.find(*to) : cpuAt.end();
        const auto pick = [ofSandbox](const std::pair<double, double> &p) {
            return ofSandbox ? p.second : p.first;
        };
        const double last =
            end != cpuAt.end() ? pick(end->second) : (ofSandbox ? sandboxCpuAfter : cpuAfter);
        return last - pick(start->second);
    };
    std::printf(
        "detail wire_mb=%.1f download_mb_per_s=%.1f transform_rows_per_s=%.0f "
        "output_mb=%.1f output_lines=%lld cpu_s=%.2f cpu_download_s=%.2f "
        "cpu_transform_write_s=%.2f sandbox_cpu_s=%.2f sandbox_cpu_download_s=%.2f "
        "sandbox_peak_rss_mib=%.1f runqueue_wait_s=%.2f sandbox_runqueue_wait_s=%.2f "
        "loadavg=%s%s%s\n",
        static_cast<double>(wire) / 1e6, downloadMB / std::max(span(tDownload, tTransform), 1e-9),
        static_cast<double>(run.rowsRead) / std::max(span(tTransform, finishedAt), 1e-9), outputMB,
        static_cast<long long>(lines), cpu,
        cpuIn(RunState::Downloading, RunState::Transforming, false),
        cpuIn(RunState::Transforming, std::nullopt, false), sandboxCpu,
        cpuIn(RunState::Downloading, RunState::Transforming, true), sandboxPeak, ownWait.seconds(),
        sandboxWait.seconds(), qPrintable(loadAverage), parser.isSet(keepOption) ? " kept=" : "",
        parser.isSet(keepOption) ? qPrintable(dir.path()) : "");
    std::fflush(stdout);

    stopSandbox();

    if (run.rowsRead != members || lines != run.rowsWritten + 1) {
        std::fprintf(stderr,
                     "bench_engine: expected %lld rows read and %lld lines in %s, got %lld and "
                     "%lld\n",
                     static_cast<long long>(members), static_cast<long long>(run.rowsWritten + 1),
                     qPrintable(outputPath), static_cast<long long>(run.rowsRead),
                     static_cast<long long>(lines));
        return 1;
    }
    return 0;
}
