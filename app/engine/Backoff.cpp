#include "Backoff.h"

#include <algorithm>
#include <cmath>
#include <QRegularExpression>

namespace courier {

using std::chrono::milliseconds;

milliseconds backoffDelay(const BackoffPolicy &policy, int attempt, double random01)
{
    const double cap = static_cast<double>(std::max<qint64>(policy.cap.count(), 0));
    // Computed in double and capped before converting back, so a large attempt number or
    // factor saturates at the cap instead of overflowing.
    double delay = static_cast<double>(policy.initial.count()) *
                   std::pow(policy.factor, std::max(attempt, 1) - 1);
    if (!std::isfinite(delay) || delay > cap)
        delay = cap;
    const double r = std::clamp(random01, 0.0, 1.0);
    delay *= 1.0 + policy.jitter * (2.0 * r - 1.0);
    return milliseconds(static_cast<qint64>(std::llround(std::clamp(delay, 0.0, cap))));
}

namespace {

int monthFromName(QStringView name)
{
    static const QString months[] = {
        QStringLiteral("Jan"), QStringLiteral("Feb"), QStringLiteral("Mar"), QStringLiteral("Apr"),
        QStringLiteral("May"), QStringLiteral("Jun"), QStringLiteral("Jul"), QStringLiteral("Aug"),
        QStringLiteral("Sep"), QStringLiteral("Oct"), QStringLiteral("Nov"), QStringLiteral("Dec"),
    };
    for (int i = 0; i < 12; ++i) {
        if (name.compare(months[i], Qt::CaseInsensitive) == 0)
            return i + 1;
    }
    return 0;
}

// Parsed by hand rather than with QDateTime::fromString: that goes through local time and
// accepts neither the RFC 850 nor the asctime form, which RFC 9110 says recipients must read.
QDateTime parseHttpDate(const QString &text)
{
    static const QRegularExpression imf(QStringLiteral(
        R"(^[A-Za-z]{3}, (\d{2}) ([A-Za-z]{3}) (\d{4}) (\d{2}):(\d{2}):(\d{2}) GMT$)"));
    static const QRegularExpression rfc850(QStringLiteral(
        R"(^[A-Za-z]{6,9}, (\d{2})-([A-Za-z]{3})-(\d{2}) (\d{2}):(\d{2}):(\d{2}) GMT$)"));
    static const QRegularExpression asctime(QStringLiteral(
        R"(^[A-Za-z]{3} ([A-Za-z]{3}) +(\d{1,2}) (\d{2}):(\d{2}):(\d{2}) (\d{4})$)"));

    int day = 0, month = 0, year = 0, hour = 0, minute = 0, second = 0;
    if (const auto m = imf.match(text); m.hasMatch()) {
        day = m.captured(1).toInt();
        month = monthFromName(m.capturedView(2));
        year = m.captured(3).toInt();
        hour = m.captured(4).toInt();
        minute = m.captured(5).toInt();
        second = m.captured(6).toInt();
    } else if (const auto m = rfc850.match(text); m.hasMatch()) {
        day = m.captured(1).toInt();
        month = monthFromName(m.capturedView(2));
        // Two-digit years: RFC 9110 says take the most recent past century that fits; 1970
        // as a pivot is close enough for a retry hint.
        year = m.captured(3).toInt();
        year += year < 70 ? 2000 : 1900;
        hour = m.captured(4).toInt();
        minute = m.captured(5).toInt();
        second = m.captured(6).toInt();
    } else if (const auto m = asctime.match(text); m.hasMatch()) {
        month = monthFromName(m.capturedView(1));
        day = m.captured(2).toInt();
        hour = m.captured(3).toInt();
        minute = m.captured(4).toInt();
        second = m.captured(5).toInt();
        year = m.captured(6).toInt();
    } else {
        return {};
    }
    const QDate date(year, month, day);
    const QTime time(hour, minute, second);
    if (!date.isValid() || !time.isValid())
        return {};
    return QDateTime(date, time, Qt::UTC);
}

} // namespace

std::optional<milliseconds> parseRetryAfter(QByteArrayView value, const QDateTime &now)
{
    const QByteArrayView trimmed = value.trimmed();
    if (trimmed.isEmpty())
        return std::nullopt;
    if (std::all_of(trimmed.begin(), trimmed.end(), [](char c) { return c >= '0' && c <= '9'; })) {
        // More digits than fit a qint64 of milliseconds is "a very long time", not garbage.
        if (trimmed.size() > 12)
            return milliseconds::max();
        return milliseconds(trimmed.toLongLong() * 1000);
    }
    const QDateTime when = parseHttpDate(QString::fromLatin1(trimmed));
    if (!when.isValid())
        return std::nullopt;
    return milliseconds(std::max<qint64>(now.msecsTo(when), 0));
}

RetryDecision classify(int httpStatus, QNetworkReply::NetworkError error)
{
    using E = QNetworkReply::NetworkError;
    if (error == E::OperationCanceledError)
        return RetryDecision::Fail;
    switch (httpStatus) {
    case 401:
        return RetryDecision::RefreshToken;
    case 408: // request timeout
    case 429: // too many requests
    case 500:
    case 502:
    case 503:
    case 504:
        return RetryDecision::Retry;
    default:
        if (httpStatus >= 400)
            return RetryDecision::Fail;
        break;
    }
    // No (usable) status: a transport failure, possibly after a 200 header (dropped mid-body).
    switch (error) {
    case E::ConnectionRefusedError:
    case E::RemoteHostClosedError:
    case E::TimeoutError:
    case E::TemporaryNetworkFailureError:
    case E::NetworkSessionFailedError:
    case E::UnknownNetworkError: // e.g. ECONNRESET surfaces as this
    case E::ProxyConnectionRefusedError:
    case E::ProxyConnectionClosedError:
    case E::ProxyTimeoutError:
        return RetryDecision::Retry;
    default:
        return RetryDecision::Fail;
    }
}

} // namespace courier
