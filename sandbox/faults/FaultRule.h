#pragma once

#include <optional>
#include <QByteArray>
#include <QJsonObject>
#include <QString>

namespace courier::sandbox {

// The kinds of trouble the sandbox can make. Each is an action of a FaultRule.
enum class FaultKind {
    ErrorStatus,     // answer errorStatus (503/500/429…) instead of running the route
    DropAfterBytes,  // send the head and N body bytes, then abort the connection
    StallAfterBytes, // send the head and N body bytes, then go silent (connection kept)
    SlowBody,        // throttle the body to slowBytesPerSecond
    TruncateGzip,    // a complete HTTP answer whose gzip stream stops early
    MalformedJson,   // a JSON answer cut off half-way (a complete HTTP answer)
    FailJobs,        // export jobs created by the request end FAILED
    TokenTtl,        // tokens issued by the request expire after tokenTtlSeconds
};

QString faultKindName(FaultKind kind);

// One fault rule: which requests (pathPrefix, method), how often (times, errorRate) and what
// happens to them. A rule may combine several actions; a request hit by it gets all of them.
struct FaultRule
{
    // Scope.
    QString pathPrefix;     // empty: every path
    QByteArray method;      // empty: every method, else "GET", "POST"…
    int times = -1;         // requests it may still change; -1: no limit
    double errorRate = 1.0; // probability that a matching request is hit (seeded)

    // Actions; a negative or zero value is "off".
    int errorStatus = 0;
    int retryAfterSeconds = 1; // sent with 429 and 503
    qint64 dropAfterBytes = -1;
    qint64 stallAfterBytes = -1;
    qint64 slowBytesPerSecond = 0;
    bool truncateGzip = false;
    bool malformedJson = false;
    bool failJobs = false;
    int tokenTtlSeconds = -1;

    // Bookkeeping, read by GET /sandbox/faults.
    quint64 fired = 0;

    bool has(FaultKind kind) const;
    bool isEmpty() const;
    bool matches(const QByteArray &requestMethod, const QString &path) const;

    QJsonObject toJson() const;
    // Unknown fields are refused (a typo must not silently disable a fault).
    static std::optional<FaultRule> fromJson(const QJsonObject &json, QString *error);
};

} // namespace courier::sandbox
