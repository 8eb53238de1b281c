#pragma once

#include <QByteArray>
#include <QString>
#include <QUrl>

namespace courier {

// Masks credentials in text bound for logs, keeping the key names so a line still says what
// was sent: "Authorization: Bearer ***", "access_token=***", "\"client_secret\":\"***\"".
// Covers bearer tokens, access/refresh/id tokens, client secrets, API keys (query strings,
// form bodies, JSON and the x-api-key header) and anything shaped like a JWT. Not a hot path.
QString redactSecrets(QString text);
QByteArray redactSecrets(const QByteArray &text);

// The URL without user name and password, with secret query items (and a fragment that
// carries a token) masked; safe to log.
QUrl redactedUrl(const QUrl &url);

} // namespace courier
