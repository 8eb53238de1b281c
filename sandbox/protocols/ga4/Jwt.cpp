#include "sandbox/protocols/ga4/Jwt.h"

#include <memory>
#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace courier::sandbox {

namespace {

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
    void operator()(EVP_MD_CTX *ctx) const { EVP_MD_CTX_free(ctx); }
};
using Bio = std::unique_ptr<BIO, BioFree>;
using Pkey = std::unique_ptr<EVP_PKEY, PkeyFree>;
using MdCtx = std::unique_ptr<EVP_MD_CTX, MdCtxFree>;

Bio memoryBio(QByteArrayView pem)
{
    return Bio(BIO_new_mem_buf(pem.data(), int(pem.size())));
}

Pkey privateKey(QByteArrayView pem)
{
    Bio bio = memoryBio(pem);
    if (!bio)
        return {};
    return Pkey(PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr));
}

// The public key of a PEM that holds either a private key or a public one.
Pkey publicKey(QByteArrayView pem)
{
    if (QByteArrayView(pem).contains("PRIVATE KEY"))
        return privateKey(pem);
    Bio bio = memoryBio(pem);
    if (!bio)
        return {};
    return Pkey(PEM_read_bio_PUBKEY(bio.get(), nullptr, nullptr, nullptr));
}

QString opensslError()
{
    const unsigned long code = ERR_get_error();
    ERR_clear_error();
    if (code == 0)
        return u"unknown OpenSSL error"_s;
    char text[256];
    ERR_error_string_n(code, text, sizeof text);
    return QString::fromLatin1(text);
}

QByteArray compactJson(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

std::optional<QJsonObject> jsonObject(QByteArrayView part)
{
    const auto bytes = base64UrlDecode(part);
    if (!bytes)
        return std::nullopt;
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(*bytes, &error);
    if (error.error != QJsonParseError::NoError || !document.isObject())
        return std::nullopt;
    return document.object();
}

} // namespace

QByteArray base64UrlEncode(QByteArrayView data)
{
    return data.toByteArray().toBase64(QByteArray::Base64UrlEncoding |
                                       QByteArray::OmitTrailingEquals);
}

std::optional<QByteArray> base64UrlDecode(QByteArrayView text)
{
    auto result = QByteArray::fromBase64Encoding(text.toByteArray(),
                                                 QByteArray::Base64UrlEncoding |
                                                     QByteArray::AbortOnBase64DecodingErrors);
    if (!result)
        return std::nullopt;
    return std::move(*result);
}

QByteArray signJwtRs256(QByteArrayView privateKeyPem, const QJsonObject &header,
                        const QJsonObject &claims, QString *error)
{
    const Pkey key = privateKey(privateKeyPem);
    if (!key) {
        if (error)
            *error = u"The private key cannot be read: %1"_s.arg(opensslError());
        return {};
    }
    const QByteArray input =
        base64UrlEncode(compactJson(header)) + '.' + base64UrlEncode(compactJson(claims));
    MdCtx ctx(EVP_MD_CTX_new());
    size_t length = 0;
    if (!ctx || EVP_DigestSignInit(ctx.get(), nullptr, EVP_sha256(), nullptr, key.get()) != 1 ||
        EVP_DigestSign(ctx.get(), nullptr, &length,
                       reinterpret_cast<const unsigned char *>(input.constData()),
                       size_t(input.size())) != 1) {
        if (error)
            *error = u"Signing failed: %1"_s.arg(opensslError());
        return {};
    }
    QByteArray signature(qsizetype(length), Qt::Uninitialized);
    if (EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char *>(signature.data()), &length,
                       reinterpret_cast<const unsigned char *>(input.constData()),
                       size_t(input.size())) != 1) {
        if (error)
            *error = u"Signing failed: %1"_s.arg(opensslError());
        return {};
    }
    signature.truncate(qsizetype(length));
    return input + '.' + base64UrlEncode(signature);
}

bool verifyRs256(QByteArrayView keyPem, QByteArrayView signingInput, QByteArrayView signature)
{
    const Pkey key = publicKey(keyPem);
    if (!key) {
        ERR_clear_error();
        return false;
    }
    MdCtx ctx(EVP_MD_CTX_new());
    const bool ok =
        ctx && EVP_DigestVerifyInit(ctx.get(), nullptr, EVP_sha256(), nullptr, key.get()) == 1 &&
        EVP_DigestVerify(ctx.get(), reinterpret_cast<const unsigned char *>(signature.data()),
                         size_t(signature.size()),
                         reinterpret_cast<const unsigned char *>(signingInput.data()),
                         size_t(signingInput.size())) == 1;
    ERR_clear_error();
    return ok;
}

std::optional<DecodedJwt> decodeJwt(QByteArrayView compact, QString *error)
{
    auto fail = [error](const QString &reason) -> std::optional<DecodedJwt> {
        if (error)
            *error = reason;
        return std::nullopt;
    };
    const qsizetype first = compact.indexOf('.');
    const qsizetype second = first < 0 ? -1 : compact.sliced(first + 1).indexOf('.');
    if (first < 0 || second < 0 || compact.sliced(first + 1 + second + 1).contains('.'))
        return fail(u"a JWT has three dot-separated parts"_s);
    DecodedJwt jwt;
    const auto header = jsonObject(compact.first(first));
    if (!header)
        return fail(u"the JWT header is not base64url-encoded JSON"_s);
    const auto claims = jsonObject(compact.sliced(first + 1, second));
    if (!claims)
        return fail(u"the JWT claim set is not base64url-encoded JSON"_s);
    const auto signature = base64UrlDecode(compact.sliced(first + 1 + second + 1));
    if (!signature || signature->isEmpty())
        return fail(u"the JWT signature is missing or not base64url"_s);
    jwt.header = *header;
    jwt.claims = *claims;
    jwt.signingInput = compact.first(first + 1 + second).toByteArray();
    jwt.signature = *signature;
    return jwt;
}

} // namespace courier::sandbox
