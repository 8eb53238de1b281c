#pragma once

#include <chrono>
#include <QByteArray>

namespace courier::sandbox {

// The Fount (WPP BAV) emulation, under /fount (docs/sandbox.md, "The Fount").
struct FountOptions
{
    // The one personal access token the sandbox accepts ("Authorization: Bearer …"). Real
    // tokens are Laravel Sanctum tokens, "<id>|<secret>"; the sandbox's has the same shape.
    QByteArray token = QByteArrayLiteral("1|sandbox-fount-pat");
    // Requests a user may make per window (the real API: 500 a minute, all tokens combined).
    int rateLimit = 500;
    std::chrono::milliseconds rateWindow{60'000};
    // Respondents of "All Adults" (audience 1); every other audience is a subset of them.
    qint64 panelSize = 24'000;
    // [U] BAV-Event header of an audience export webhook (not documented by The Fount).
    QByteArray exportEvent = QByteArrayLiteral("AudienceExport");
    // A receiver that does not answer 200 is tried again this many times, after
    // webhookBackoff, then twice that, …; then the webhook is disabled.
    int webhookRetries = 3;
    std::chrono::milliseconds webhookBackoff{1000};
    std::chrono::milliseconds webhookTimeout{10'000};
};

} // namespace courier::sandbox
