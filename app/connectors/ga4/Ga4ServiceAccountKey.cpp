#include "Ga4ServiceAccountKey.h"

#include <memory>
#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <QJsonDocument>
#include <QJsonObject>

namespace courier {

namespace {

// The key stays valid this long after iat: Google's maximum.
constexpr qint64 AssertionLifetimeSeconds = 3600;

struct BioFree
{
    void operator()(BIO *bio) const { BIO_free(bio); }
};
struct PkeyFree
{
    void operator()(EVP_PKEY *key) const { EVP_PKEY_free(key); }
};
struct MdCtxFree
{
    void operator()(EVP_MD_CTX *context) const { EVP_MD_CTX_free(context); }
};
using Pkey = std::unique_ptr<EVP_PKEY, PkeyFree>;

// The private key of a PEM (PKCS#8 as in Google key files, or PKCS#1); null when unreadable.
Pkey loadPrivateKey(const QByteArray &pem)
{
    std::unique_ptr<BIO, BioFree> bio(BIO_new_mem_buf(pem.constData(), int(pem.size())));
    if (!bio)
        return {};
    // No passphrase callback: Google's keys are not encrypted, and a prompt must never appear.
    Pkey key(PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, const_cast<char *>("")));
    // Whatever failed, the queue must not leak into the next OpenSSL user on this thread.
    ERR_clear_error();
    return key;
}

QByteArray base64Url(const QByteArray &data)
{
    return data.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

} // namespace

std::optional<Ga4ServiceAccountKey> Ga4ServiceAccountKey::parse(const QByteArray &keyFile,
                                                                QString *error)
{
    const auto fail = [error](const QString &why) {
        if (error)
            *error = why;
        return std::nullopt;
    };
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(keyFile.trimmed(), &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject())
        return fail(tr("it is not a JSON key file (download a JSON key, not a P12 one)"));
    const QJsonObject json = document.object();
    const QString type = json.value(QStringLiteral("type")).toString();
    if (!type.isEmpty() && type != QLatin1String("service_account"))
        return fail(tr("it is a “%1” file, not the key of a service account").arg(type));

    Ga4ServiceAccountKey key;
    key.m_clientEmail = json.value(QStringLiteral("client_email")).toString().trimmed();
    if (key.m_clientEmail.isEmpty() || !key.m_clientEmail.contains(QLatin1Char('@')))
        return fail(tr("it names no service account (client_email is missing)"));
    key.m_privateKeyPem = json.value(QStringLiteral("private_key")).toString().toUtf8();
    if (key.m_privateKeyPem.isEmpty())
        return fail(tr("it holds no private key (private_key is missing)"));
    const Pkey pkey = loadPrivateKey(key.m_privateKeyPem);
    if (!pkey)
        return fail(tr("its private key cannot be read (the file may have been edited or cut "
                       "short)"));
    if (EVP_PKEY_base_id(pkey.get()) != EVP_PKEY_RSA)
        return fail(tr("its private key is not an RSA key"));
    key.m_privateKeyId = json.value(QStringLiteral("private_key_id")).toString().trimmed();
    key.m_projectId = json.value(QStringLiteral("project_id")).toString();
    const QString tokenUri = json.value(QStringLiteral("token_uri")).toString().trimmed();
    if (!tokenUri.isEmpty()) {
        key.m_tokenUri = QUrl(tokenUri, QUrl::StrictMode);
        if (!key.m_tokenUri.isValid() || key.m_tokenUri.host().isEmpty())
            return fail(tr("its token_uri is not a URL"));
    }
    return key;
}

QByteArray Ga4ServiceAccountKey::assertion(const QString &audience, const QString &scope,
                                           const QDateTime &now, QString *error) const
{
    QJsonObject header{{QStringLiteral("alg"), QStringLiteral("RS256")},
                       {QStringLiteral("typ"), QStringLiteral("JWT")}};
    if (!m_privateKeyId.isEmpty())
        header.insert(QStringLiteral("kid"), m_privateKeyId);
    const qint64 iat = now.toSecsSinceEpoch();
    const QJsonObject claims{{QStringLiteral("iss"), m_clientEmail},
                             {QStringLiteral("scope"), scope},
                             {QStringLiteral("aud"), audience},
                             {QStringLiteral("iat"), iat},
                             {QStringLiteral("exp"), iat + AssertionLifetimeSeconds}};
    const QByteArray signingInput =
        base64Url(QJsonDocument(header).toJson(QJsonDocument::Compact)) + '.' +
        base64Url(QJsonDocument(claims).toJson(QJsonDocument::Compact));

    const auto fail = [error](const QString &why) {
        ERR_clear_error();
        if (error)
            *error = why;
        return QByteArray();
    };
    const Pkey pkey = loadPrivateKey(m_privateKeyPem);
    if (!pkey)
        return fail(tr("the private key of the service account cannot be read"));
    std::unique_ptr<EVP_MD_CTX, MdCtxFree> context(EVP_MD_CTX_new());
    size_t length = 0;
    if (!context ||
        EVP_DigestSignInit(context.get(), nullptr, EVP_sha256(), nullptr, pkey.get()) != 1 ||
        EVP_DigestSign(context.get(), nullptr, &length,
                       reinterpret_cast<const unsigned char *>(signingInput.constData()),
                       size_t(signingInput.size())) != 1)
        return fail(tr("the assertion could not be signed with the service account's key"));
    QByteArray signature(qsizetype(length), Qt::Uninitialized);
    if (EVP_DigestSign(context.get(), reinterpret_cast<unsigned char *>(signature.data()), &length,
                       reinterpret_cast<const unsigned char *>(signingInput.constData()),
                       size_t(signingInput.size())) != 1)
        return fail(tr("the assertion could not be signed with the service account's key"));
    signature.truncate(qsizetype(length));
    return signingInput + '.' + base64Url(signature);
}

} // namespace courier
