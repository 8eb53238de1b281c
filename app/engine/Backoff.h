#pragma once

#include <chrono>
#include <optional>
#include <QByteArrayView>
#include <QDateTime>
#include <QNetworkReply>

namespace courier {

// How an HttpJob spaces its attempts. Pure data; the functions below do no I/O.
struct BackoffPolicy
{
    std::chrono::milliseconds initial{500}; // wait before the 2nd attempt
    double factor = 2.0;                    // growth per attempt
    std::chrono::milliseconds cap{60000};   // no wait is ever longer (Retry-After included)
    double jitter = 0.2; // ± fraction, so clients that failed together spread out
    int maxAttempts = 6; // attempts in total, the first included
};

// The wait after failed attempt number `attempt` (1-based): initial · factor^(attempt-1),
// scaled by 1 ± jitter according to `random01` in [0, 1) (0.5 means no jitter), then capped.
// The random number is injected so tests are deterministic.
std::chrono::milliseconds backoffDelay(const BackoffPolicy &policy, int attempt, double random01);

// A Retry-After header value (RFC 9110 §10.2.3): delta-seconds or an HTTP-date (IMF-fixdate,
// or the obsolete RFC 850 and asctime forms). A date in the past gives 0; garbage gives nullopt.
std::optional<std::chrono::milliseconds> parseRetryAfter(QByteArrayView value,
                                                         const QDateTime &now);

enum class RetryDecision {
    Retry,        // transient: wait and try again
    RefreshToken, // the credentials were refused: refresh them once, then try again
    Fail,         // retrying cannot help (a client error, a cancel, a refused redirect…)
};

// What to do after a failed attempt. `httpStatus` is 0 when no response arrived.
RetryDecision classify(int httpStatus, QNetworkReply::NetworkError error);

} // namespace courier
