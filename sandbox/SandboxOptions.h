#pragma once

#include "sandbox/faults/FaultRule.h"
#include "sandbox/protocols/aep/AepOptions.h"
#include "sandbox/protocols/apsis/ApsisOptions.h"
#include "sandbox/protocols/fount/FountOptions.h"
#include "sandbox/protocols/ga4/Ga4Options.h"
#include "sandbox/protocols/meta/MetaOptions.h"

#include <chrono>
#include <QByteArray>
#include <QList>

namespace courier::sandbox {

// The exchange protocol (docs/exchange-protocol.md).
struct ExchangeOptions
{
    QByteArray key = QByteArrayLiteral("sandbox-key"); // the bearer key every call must carry
    qint64 partRows = 1'000'000;     // an export's data parts hold at most this many rows
    qint64 maxBatchBytes = 16 << 20; // a pushed batch bigger than this → 413
    qint64 maxBatchRows = 10'000;    // a pushed batch with more rows than this → 413
};

// Everything a SandboxServer is started with. Protocols added later put their own struct
// here, next to `exchange`.
struct SandboxOptions
{
    // Export jobs of every protocol report progress for this long, then complete.
    std::chrono::milliseconds jobReadyAfter{1500};
    // A completed job's data can be fetched for this long; after that → 410 Gone.
    std::chrono::milliseconds jobTtl{std::chrono::hours(24)};
    // Lifetime of tokens issued by token endpoints unless a tokenTtlSeconds fault says less.
    std::chrono::seconds tokenTtl{3600};

    ExchangeOptions exchange;
    Ga4Options ga4;
    ApsisOptions apsis;
    FountOptions fount;
    AepOptions aep;
    MetaOptions meta;

    // Fault rules in force from the start (see Faults), and the seed of their errorRate draws.
    QList<FaultRule> faults;
    quint64 faultSeed = 1;
};

} // namespace courier::sandbox
