#pragma once

#include <optional>
#include <QByteArray>
#include <QCoreApplication>
#include <QDateTime>
#include <QString>
#include <QUrl>

namespace courier {

// A Google service-account key file (the JSON the Cloud console downloads) and the signed JWT
// assertion of the jwt-bearer grant made with it (RS256 over OpenSSL). The private key never
// leaves this object: not in messages, not in logs.
class Ga4ServiceAccountKey
{
    Q_DECLARE_TR_FUNCTIONS(Ga4ServiceAccountKey)

public:
    // Reads and checks the key file — JSON, a service account, an e-mail, an RSA private key
    // OpenSSL can load — so a bad paste is reported before anything is sent. nullopt + *error
    // (translated, without any of the key) when it cannot be used.
    static std::optional<Ga4ServiceAccountKey> parse(const QByteArray &keyFile, QString *error);

    QString clientEmail() const { return m_clientEmail; }
    QString privateKeyId() const { return m_privateKeyId; } // empty when the file has none
    QUrl tokenUri() const { return m_tokenUri; }            // empty when the file has none
    QString projectId() const { return m_projectId; }

    // header.claims.signature, base64url each: {"alg":"RS256","typ":"JWT","kid":…} and
    // {iss, scope, aud, iat, exp = iat + 1 h}. Empty + *error when signing fails.
    QByteArray assertion(const QString &audience, const QString &scope, const QDateTime &now,
                         QString *error) const;

private:
    QString m_clientEmail;
    QString m_privateKeyId;
    QString m_projectId;
    QUrl m_tokenUri;
    QByteArray m_privateKeyPem;
};

} // namespace courier
