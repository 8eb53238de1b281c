#pragma once

#include <optional>
#include <QByteArray>
#include <QJsonObject>
#include <QString>

namespace courier::sandbox {

// Compact JWS helpers for the emulated Google token endpoint (RS256 over OpenSSL) and for the
// tests and demos that must sign an assertion the way a Google client library does.

// base64url without padding (RFC 7515 §2).
QByteArray base64UrlEncode(QByteArrayView data);
// Strict base64url (padding tolerated); nullopt when the text is not base64url.
std::optional<QByteArray> base64UrlDecode(QByteArrayView text);

// base64url(header) "." base64url(claims) "." base64url(RSASSA-PKCS1-v1_5 SHA-256 signature),
// signed with the PEM private key (PKCS#8 "BEGIN PRIVATE KEY" as in Google key files, or
// PKCS#1). Empty, with a reason, when the key cannot be used.
QByteArray signJwtRs256(QByteArrayView privateKeyPem, const QJsonObject &header,
                        const QJsonObject &claims, QString *error = nullptr);

// True when `signature` is a valid RS256 signature of `signingInput` by the key pair of
// `keyPem` (a private key, whose public half is used, or a public key).
bool verifyRs256(QByteArrayView keyPem, QByteArrayView signingInput, QByteArrayView signature);

// A compact JWT split and decoded, before any check of its signature or claims.
struct DecodedJwt
{
    QJsonObject header;
    QJsonObject claims;
    QByteArray signingInput; // the first two parts with their dot, as signed
    QByteArray signature;
};
// nullopt, with a reason, when the text is not three base64url parts of which the first two
// are JSON objects.
std::optional<DecodedJwt> decodeJwt(QByteArrayView compact, QString *error = nullptr);

} // namespace courier::sandbox
