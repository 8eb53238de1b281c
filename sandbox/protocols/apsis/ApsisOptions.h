#pragma once

#include <chrono>
#include <QByteArray>

namespace courier::sandbox {

// The APSIS One emulation (docs/sandbox.md, "APSIS One"). Exports become ready after
// SandboxOptions::jobReadyAfter and their poll URL answers 410 SandboxOptions::jobTtl after the
// export was requested (1 day by default, as APSIS documents).
struct ApsisOptions
{
    QByteArray clientId = QByteArrayLiteral("sandbox-apsis-client");
    QByteArray clientSecret = QByteArrayLiteral("sandbox-apsis-secret");
    // Lifetime of access tokens (APSIS: 24 h); a tokenTtlSeconds fault overrides it.
    std::chrono::seconds tokenTtl{86400};

    // Rate limits of one account; exceeding one → 429 with Retry-After. 0 or less: no limit.
    int tokenRequestsPerMinute = 10;
    int exportRequestsPerSecond = 1;
    int downloadsPerMinute = 60; // GETs of poll URLs, whatever they answer
    int maxPendingExports = 10;  // requested exports that are not ready yet

    // Validation limits of an export request.
    int maxAttributes = 75;
    int maxTags = 25;
    int maxWindowMonths = 3; // end_at − start_at
    qint64 maxBodyBytes = 100 * 1024;

    // Profiles of an export without segment_filter ("all profiles on the account").
    qint64 accountProfiles = 25'000;
    // The POST answers this status (202 or 201) with {"poll_url": …}.
    int exportCreatedStatus = 202;
    // The export file keys its sections by the numeric section id (false) or by the section's
    // discriminator (true); APSIS documents "section IDs" without saying which.
    bool keySectionsByDiscriminator = false;
};

} // namespace courier::sandbox
