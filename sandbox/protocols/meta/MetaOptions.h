#pragma once

#include <QByteArray>
#include <QString>

namespace courier::sandbox {

// The Meta Marketing API emulation (custom audiences and their users), under /meta
// (docs/sandbox.md, "Meta custom audiences").
struct MetaOptions
{
    // The system-user access token the sandbox accepts: the access_token parameter (JSON or
    // form body, or the query string, which it counts as a leak), or Authorization: Bearer.
    QByteArray accessToken = QByteArrayLiteral("sandbox-meta-token");
    // A token the sandbox reports as expired (error 190, subcode 463); any other is invalid
    // (190 without subcode).
    QByteArray expiredToken = QByteArrayLiteral("sandbox-meta-expired-token");
    // The one ad account the token may use ("act_" + digits); empty: any.
    QString adAccountId;
    // Meta's limit of rows per users / usersreplace request.
    int maxRowsPerRequest = 10'000;
    // invalid_entry_samples listed per answer, at most.
    int invalidSamples = 5;
};

} // namespace courier::sandbox
