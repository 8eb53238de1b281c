// courier-sandbox: the sandbox server as a process, for demos, scripts and benchmarks.
// Prints exactly one line on stdout once listening ("courier-sandbox listening on URL");
// everything else (the request log) goes to stderr.
#include "sandbox/SandboxServer.h"

#include <csignal>
#include <cstdio>
#include <QCommandLineParser>
#include <QCoreApplication>
#include <QLoggingCategory>
#include <QSocketNotifier>
#include <sys/socket.h>
#include <unistd.h>

using namespace Qt::StringLiterals;
using namespace courier::sandbox;

namespace {

int g_signalPipe[2] = {-1, -1};

void onSignal(int)
{
    // Only async-signal-safe work here: the event loop reads the pipe and quits.
    const char byte = 1;
    [[maybe_unused]] const auto ignored = ::write(g_signalPipe[1], &byte, 1);
}

// SIGINT and SIGTERM end the event loop, so the server closes its sockets cleanly.
void quitOnSignals(QCoreApplication &app)
{
    if (::socketpair(AF_UNIX, SOCK_STREAM, 0, g_signalPipe) != 0)
        return;
    auto *notifier = new QSocketNotifier(g_signalPipe[0], QSocketNotifier::Read, &app);
    QObject::connect(notifier, &QSocketNotifier::activated, &app, [notifier] {
        notifier->setEnabled(false);
        char byte;
        [[maybe_unused]] const auto ignored = ::read(g_signalPipe[0], &byte, 1);
        QCoreApplication::quit();
    });
    struct sigaction action = {};
    action.sa_handler = onSignal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    sigaction(SIGINT, &action, nullptr);
    sigaction(SIGTERM, &action, nullptr);
}

[[noreturn]] void fail(const QString &message)
{
    std::fprintf(stderr, "courier-sandbox: %s\n", qPrintable(message));
    std::exit(2);
}

qint64 number(const QCommandLineParser &parser, const QString &name, qint64 min, qint64 max)
{
    bool ok = false;
    const qint64 value = parser.value(name).toLongLong(&ok);
    if (!ok || value < min || value > max)
        fail(u"--%1 must be a whole number from %2 to %3."_s.arg(name).arg(min).arg(max));
    return value;
}

// The fault flags describe one rule per fault kind, so that --error-rate 0.1 together with
// --drop-after-bytes hits a tenth of the responses with each, independently.
QList<FaultRule> faultRules(const QCommandLineParser &parser)
{
    FaultRule scope;
    scope.pathPrefix = parser.value(u"fault-path"_s);
    if (parser.isSet(u"fault-times"_s))
        scope.times = int(number(parser, u"fault-times"_s, 1, 1'000'000'000));
    if (parser.isSet(u"error-rate"_s)) {
        bool ok = false;
        scope.errorRate = parser.value(u"error-rate"_s).toDouble(&ok);
        if (!ok || scope.errorRate < 0.0 || scope.errorRate > 1.0)
            fail(u"--error-rate must be a number from 0 to 1."_s);
    }

    QList<FaultRule> rules;
    auto add = [&rules, &scope](auto set) {
        FaultRule rule = scope;
        set(rule);
        rules.append(rule);
    };
    if (parser.isSet(u"error-status"_s) || parser.isSet(u"error-rate"_s)) {
        const int status = parser.isSet(u"error-status"_s)
                               ? int(number(parser, u"error-status"_s, 400, 599))
                               : 503;
        const int retryAfter =
            parser.isSet(u"retry-after"_s) ? int(number(parser, u"retry-after"_s, 0, 86400)) : 1;
        add([=](FaultRule &r) {
            r.errorStatus = status;
            r.retryAfterSeconds = retryAfter;
        });
    }
    if (parser.isSet(u"drop-after-bytes"_s)) {
        const qint64 n = number(parser, u"drop-after-bytes"_s, 0, qint64(1) << 50);
        add([=](FaultRule &r) { r.dropAfterBytes = n; });
    }
    if (parser.isSet(u"stall-after-bytes"_s)) {
        const qint64 n = number(parser, u"stall-after-bytes"_s, 0, qint64(1) << 50);
        add([=](FaultRule &r) { r.stallAfterBytes = n; });
    }
    if (parser.isSet(u"slow-bytes-per-second"_s)) {
        const qint64 n = number(parser, u"slow-bytes-per-second"_s, 1, qint64(1) << 50);
        add([=](FaultRule &r) { r.slowBytesPerSecond = n; });
    }
    if (parser.isSet(u"truncate-gzip"_s))
        add([](FaultRule &r) { r.truncateGzip = true; });
    if (parser.isSet(u"malformed-json"_s))
        add([](FaultRule &r) { r.malformedJson = true; });
    if (parser.isSet(u"fail-jobs"_s))
        add([](FaultRule &r) { r.failJobs = true; });
    if (parser.isSet(u"token-ttl"_s)) {
        const int ttl = int(number(parser, u"token-ttl"_s, 0, 86400 * 365));
        add([=](FaultRule &r) { r.tokenTtlSeconds = ttl; });
    }
    return rules;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(u"courier-sandbox"_s);
    QCoreApplication::setApplicationVersion(QStringLiteral(COURIER_VERSION));

    QCommandLineParser parser;
    parser.setApplicationDescription(
        u"A loopback HTTP server emulating the protocols Audience Courier speaks, with fault "
        "injection. Listens on 127.0.0.1 only. See docs/sandbox.md."_s);
    parser.addHelpOption();
    parser.addVersionOption();
    const QList<QCommandLineOption> options{
        {u"port"_s, u"Port to listen on (0: a free one, the default)."_s, u"N"_s, u"0"_s},
        {u"exchange-key"_s, u"Bearer key of the exchange endpoints (default sandbox-key)."_s,
         u"KEY"_s, u"sandbox-key"_s},
        {u"job-ready-after-ms"_s, u"How long export jobs stay in progress (default 1500)."_s,
         u"MS"_s, u"1500"_s},
        {u"job-ttl-seconds"_s, u"How long a job's data can be fetched (default 86400)."_s, u"S"_s,
         u"86400"_s},
        {u"part-rows"_s, u"Rows per exchange data part (default 1000000)."_s, u"N"_s, u"1000000"_s},
        {u"max-batch-rows"_s, u"Rows a pushed batch may hold (default 10000)."_s, u"N"_s,
         u"10000"_s},
        {u"max-batch-bytes"_s, u"Bytes a pushed batch may hold (default 16777216)."_s, u"N"_s,
         u"16777216"_s},
        {u"error-status"_s, u"Answer this HTTP status (503, 500, 429…) instead of the route."_s,
         u"STATUS"_s},
        {u"error-rate"_s, u"Probability (0..1) that each fault below hits a request (default 1)."_s,
         u"P"_s},
        {u"retry-after"_s, u"Retry-After seconds sent with 429 and 503 (default 1)."_s, u"S"_s},
        {u"drop-after-bytes"_s, u"Abort the connection after N body bytes."_s, u"N"_s},
        {u"stall-after-bytes"_s, u"Go silent (connection open) after N body bytes."_s, u"N"_s},
        {u"slow-bytes-per-second"_s, u"Throttle response bodies to N bytes a second."_s, u"N"_s},
        {u"truncate-gzip"_s, u"Cut gzip bodies short (a complete HTTP response)."_s},
        {u"malformed-json"_s, u"Cut JSON answers off half-way."_s},
        {u"fail-jobs"_s, u"Export jobs end FAILED."_s},
        {u"token-ttl"_s, u"Issued access tokens expire after S seconds."_s, u"S"_s},
        {u"fault-path"_s, u"Only requests whose path starts with this get the faults."_s,
         u"PREFIX"_s},
        {u"fault-times"_s, u"Each fault fires for this many requests, then stops."_s, u"N"_s},
        {u"seed"_s, u"Seed of the --error-rate draws (default 1)."_s, u"N"_s, u"1"_s},
        {u"quiet"_s, u"Do not log every request on stderr."_s},
        {u"routes"_s, u"List the routes and exit."_s},
    };
    parser.addOptions(options);
    parser.process(app);
    if (!parser.positionalArguments().isEmpty())
        fail(u"unexpected argument \"%1\" (see --help)."_s.arg(
            parser.positionalArguments().first()));

    SandboxOptions sandboxOptions;
    sandboxOptions.exchange.key = parser.value(u"exchange-key"_s).toUtf8();
    if (sandboxOptions.exchange.key.isEmpty())
        fail(u"--exchange-key must not be empty."_s);
    sandboxOptions.jobReadyAfter =
        std::chrono::milliseconds(number(parser, u"job-ready-after-ms"_s, 0, 86'400'000));
    sandboxOptions.jobTtl =
        std::chrono::seconds(number(parser, u"job-ttl-seconds"_s, 1, 86400 * 365));
    sandboxOptions.exchange.partRows = number(parser, u"part-rows"_s, 1, 100'000'000);
    sandboxOptions.exchange.maxBatchRows = number(parser, u"max-batch-rows"_s, 1, 100'000'000);
    sandboxOptions.exchange.maxBatchBytes =
        number(parser, u"max-batch-bytes"_s, 1, qint64(1) << 40);
    sandboxOptions.faultSeed = quint64(number(parser, u"seed"_s, 0, qint64(1) << 53));
    sandboxOptions.faults = faultRules(parser);
    const auto port = quint16(number(parser, u"port"_s, 0, 65535));

    if (parser.isSet(u"quiet"_s))
        QLoggingCategory::setFilterRules(u"courier.sandbox.debug=false"_s);

    SandboxServer server(std::move(sandboxOptions));
    if (parser.isSet(u"routes"_s)) {
        for (const QString &route : server.routes())
            std::printf("%s\n", qPrintable(route));
        return 0;
    }
    QString error;
    if (!server.listen(port, &error)) {
        std::fprintf(stderr, "courier-sandbox: cannot listen on 127.0.0.1:%u: %s\n", port,
                     qPrintable(error));
        return 1;
    }
    quitOnSignals(app);
    std::printf("courier-sandbox listening on %s\n",
                qPrintable(server.baseUrl().toString(QUrl::FullyEncoded)));
    std::fflush(stdout);
    const int status = app.exec();
    std::fprintf(stderr, "courier-sandbox: stopped\n");
    return status;
}
