#pragma once

#include "sandbox/auth/TokenIssuer.h"

#include <QByteArray>
#include <QString>

namespace courier::sandbox {

class Responder;
struct Request;

// The token of "Authorization: Bearer <token>"; empty when absent or another scheme.
QByteArray bearerToken(const Request &request);

// Compares credentials in the same time whatever the first difference.
bool constantTimeEquals(QByteArrayView a, QByteArrayView b);

// Answers 401 (with WWW-Authenticate) and returns false unless the request carries exactly
// `key` as its bearer token — the static per-endpoint keys of the exchange protocol.
bool requireBearerKey(const Request &request, Responder &responder, QByteArrayView key,
                      const QString &realm);

// Answers 401 and returns false unless the bearer token was issued by `issuer` and has not
// expired; an expired token gets error="invalid_token" so a client knows to refresh.
bool requireIssuedToken(const Request &request, Responder &responder, const TokenIssuer &issuer,
                        const QString &realm, QString *subject = nullptr);

} // namespace courier::sandbox
