#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QString>
#include <QUrl>

namespace courier::sandbox {

// The sandbox's THROWAWAY test service account (sandbox/protocols/ga4/TestServiceAccount.json,
// compiled in as a resource): a Google key file whose RSA key the emulated token endpoint
// trusts, and nothing else does. Served at GET /sandbox/ga4/service-account.json with its
// token_uri pointing at the sandbox, so the app's demo and the tests sign with it.
namespace Ga4ServiceAccount {

// The key file as committed (token_uri is Google's).
QJsonObject keyFile();
// The key file with token_uri replaced, as served to clients.
QByteArray keyFileJson(const QUrl &tokenUri);

QByteArray privateKeyPem();
QString clientEmail();
QString privateKeyId();

} // namespace Ga4ServiceAccount

} // namespace courier::sandbox
