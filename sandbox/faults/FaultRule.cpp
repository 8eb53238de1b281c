#include "sandbox/faults/FaultRule.h"

#include <QJsonValue>
#include <QSet>

using namespace Qt::StringLiterals;

namespace courier::sandbox {

QString faultKindName(FaultKind kind)
{
    switch (kind) {
    case FaultKind::ErrorStatus:
        return u"errorStatus"_s;
    case FaultKind::DropAfterBytes:
        return u"dropAfterBytes"_s;
    case FaultKind::StallAfterBytes:
        return u"stallAfterBytes"_s;
    case FaultKind::SlowBody:
        return u"slowBytesPerSecond"_s;
    case FaultKind::TruncateGzip:
        return u"truncateGzip"_s;
    case FaultKind::MalformedJson:
        return u"malformedJson"_s;
    case FaultKind::FailJobs:
        return u"failJobs"_s;
    case FaultKind::TokenTtl:
        return u"tokenTtlSeconds"_s;
    }
    return {};
}

bool FaultRule::has(FaultKind kind) const
{
    switch (kind) {
    case FaultKind::ErrorStatus:
        return errorStatus > 0;
    case FaultKind::DropAfterBytes:
        return dropAfterBytes >= 0;
    case FaultKind::StallAfterBytes:
        return stallAfterBytes >= 0;
    case FaultKind::SlowBody:
        return slowBytesPerSecond > 0;
    case FaultKind::TruncateGzip:
        return truncateGzip;
    case FaultKind::MalformedJson:
        return malformedJson;
    case FaultKind::FailJobs:
        return failJobs;
    case FaultKind::TokenTtl:
        return tokenTtlSeconds >= 0;
    }
    return false;
}

bool FaultRule::isEmpty() const
{
    for (FaultKind kind : {FaultKind::ErrorStatus, FaultKind::DropAfterBytes,
                           FaultKind::StallAfterBytes, FaultKind::SlowBody, FaultKind::TruncateGzip,
                           FaultKind::MalformedJson, FaultKind::FailJobs, FaultKind::TokenTtl}) {
        if (has(kind))
            return false;
    }
    return true;
}

bool FaultRule::matches(const QByteArray &requestMethod, const QString &path) const
{
    if (times == 0)
        return false;
    if (!method.isEmpty() && method.compare(requestMethod, Qt::CaseInsensitive) != 0)
        return false;
    return path.startsWith(pathPrefix);
}

QJsonObject FaultRule::toJson() const
{
    QJsonObject json;
    if (!pathPrefix.isEmpty())
        json.insert(u"pathPrefix"_s, pathPrefix);
    if (!method.isEmpty())
        json.insert(u"method"_s, QString::fromLatin1(method));
    json.insert(u"times"_s, times);
    json.insert(u"errorRate"_s, errorRate);
    if (has(FaultKind::ErrorStatus)) {
        json.insert(u"errorStatus"_s, errorStatus);
        json.insert(u"retryAfterSeconds"_s, retryAfterSeconds);
    }
    if (has(FaultKind::DropAfterBytes))
        json.insert(u"dropAfterBytes"_s, dropAfterBytes);
    if (has(FaultKind::StallAfterBytes))
        json.insert(u"stallAfterBytes"_s, stallAfterBytes);
    if (has(FaultKind::SlowBody))
        json.insert(u"slowBytesPerSecond"_s, slowBytesPerSecond);
    if (truncateGzip)
        json.insert(u"truncateGzip"_s, true);
    if (malformedJson)
        json.insert(u"malformedJson"_s, true);
    if (failJobs)
        json.insert(u"failJobs"_s, true);
    if (has(FaultKind::TokenTtl))
        json.insert(u"tokenTtlSeconds"_s, tokenTtlSeconds);
    json.insert(u"fired"_s, qint64(fired));
    return json;
}

namespace {

bool readInt(const QJsonObject &json, const QString &name, qint64 min, qint64 max, qint64 *out,
             QString *error)
{
    const QJsonValue value = json.value(name);
    if (value.isUndefined() || value.isNull())
        return true;
    const double number = value.toDouble(std::numeric_limits<double>::quiet_NaN());
    if (!value.isDouble() || number != double(qint64(number)) || number < double(min) ||
        number > double(max)) {
        *error = u"\"%1\" must be a whole number from %2 to %3."_s.arg(name).arg(min).arg(max);
        return false;
    }
    *out = qint64(number);
    return true;
}

bool readBool(const QJsonObject &json, const QString &name, bool *out, QString *error)
{
    const QJsonValue value = json.value(name);
    if (value.isUndefined() || value.isNull())
        return true;
    if (!value.isBool()) {
        *error = u"\"%1\" must be true or false."_s.arg(name);
        return false;
    }
    *out = value.toBool();
    return true;
}

} // namespace

std::optional<FaultRule> FaultRule::fromJson(const QJsonObject &json, QString *error)
{
    static const QSet<QString> known{u"pathPrefix"_s,
                                     u"method"_s,
                                     u"times"_s,
                                     u"errorRate"_s,
                                     u"errorStatus"_s,
                                     u"retryAfterSeconds"_s,
                                     u"dropAfterBytes"_s,
                                     u"stallAfterBytes"_s,
                                     u"slowBytesPerSecond"_s,
                                     u"truncateGzip"_s,
                                     u"malformedJson"_s,
                                     u"failJobs"_s,
                                     u"tokenTtlSeconds"_s,
                                     u"fired"_s};
    QString ignored;
    QString &message = error ? *error : ignored;
    for (auto it = json.begin(); it != json.end(); ++it) {
        if (!known.contains(it.key())) {
            message = u"Unknown fault field \"%1\"."_s.arg(it.key());
            return std::nullopt;
        }
    }

    FaultRule rule;
    if (json.contains(u"pathPrefix"_s) && !json.value(u"pathPrefix"_s).isString()) {
        message = u"\"pathPrefix\" must be a string."_s;
        return std::nullopt;
    }
    rule.pathPrefix = json.value(u"pathPrefix"_s).toString();
    if (json.contains(u"method"_s) && !json.value(u"method"_s).isString()) {
        message = u"\"method\" must be a string such as \"GET\"."_s;
        return std::nullopt;
    }
    rule.method = json.value(u"method"_s).toString().toUpper().toLatin1();

    const QJsonValue rate = json.value(u"errorRate"_s);
    if (!rate.isUndefined() && !rate.isNull()) {
        if (!rate.isDouble() || rate.toDouble() < 0.0 || rate.toDouble() > 1.0) {
            message = u"\"errorRate\" must be a number from 0 to 1."_s;
            return std::nullopt;
        }
        rule.errorRate = rate.toDouble();
    }

    qint64 times = rule.times, status = rule.errorStatus, retryAfter = rule.retryAfterSeconds,
           ttl = rule.tokenTtlSeconds;
    constexpr qint64 Big = qint64(1) << 50;
    if (!readInt(json, u"times"_s, -1, Big, &times, &message) ||
        !readInt(json, u"errorStatus"_s, 0, 599, &status, &message) ||
        !readInt(json, u"retryAfterSeconds"_s, 0, 86400, &retryAfter, &message) ||
        !readInt(json, u"dropAfterBytes"_s, -1, Big, &rule.dropAfterBytes, &message) ||
        !readInt(json, u"stallAfterBytes"_s, -1, Big, &rule.stallAfterBytes, &message) ||
        !readInt(json, u"slowBytesPerSecond"_s, 0, Big, &rule.slowBytesPerSecond, &message) ||
        !readInt(json, u"tokenTtlSeconds"_s, -1, 86400 * 365, &ttl, &message) ||
        !readBool(json, u"truncateGzip"_s, &rule.truncateGzip, &message) ||
        !readBool(json, u"malformedJson"_s, &rule.malformedJson, &message) ||
        !readBool(json, u"failJobs"_s, &rule.failJobs, &message))
        return std::nullopt;
    if (status != 0 && status < 400) {
        message = u"\"errorStatus\" must be an HTTP error status (400–599)."_s;
        return std::nullopt;
    }
    rule.times = int(std::min<qint64>(times, std::numeric_limits<int>::max()));
    rule.errorStatus = int(status);
    rule.retryAfterSeconds = int(retryAfter);
    rule.tokenTtlSeconds = int(ttl);
    if (rule.isEmpty()) {
        message = u"A fault rule needs at least one fault (errorStatus, dropAfterBytes, "
                  "stallAfterBytes, slowBytesPerSecond, truncateGzip, malformedJson, failJobs "
                  "or tokenTtlSeconds)."_s;
        return std::nullopt;
    }
    return rule;
}

} // namespace courier::sandbox
