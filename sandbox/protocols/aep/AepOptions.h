#pragma once

#include <chrono>
#include <QByteArray>
#include <QString>

namespace courier::sandbox {

// Adobe Experience Platform emulation, under /aep (docs/sandbox.md, "Adobe Experience
// Platform"): IMS at {sandbox}/aep/ims, Platform (platform.adobe.io) at {sandbox}/aep/platform.
struct AepOptions
{
    // The Developer Console credentials the sandbox accepts (client id = x-api-key).
    QString clientId = QStringLiteral("sandbox-aep-client");
    QByteArray clientSecret = QByteArrayLiteral("sandbox-aep-secret");
    // x-gw-ims-org-id every Platform call must carry.
    QString imsOrgId = QStringLiteral("0A1B2C3D4E5F60718293A4B5@AdobeOrg");
    // The real Platform resolves a call without x-sandbox-name to the "prod" sandbox; the
    // emulation refuses it by default so that a client that forgets the header is caught.
    bool requireSandboxName = true;
    // Lifetime of IMS access tokens (a tokenTtlSeconds fault shortens it).
    std::chrono::seconds tokenTtl{86'399};
    // Export files hold the profiles of at most this many candidate members each.
    qint64 rowsPerFile = 50'000;
    // Batch ingestion: a single PUT file larger than this → 413; files per batch.
    qint64 maxFileBytes = qint64(256) << 20;
    int maxFilesPerBatch = 1500;
};

} // namespace courier::sandbox
