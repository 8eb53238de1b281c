#include "Hashing.h"

#include <openssl/evp.h>

namespace courier {

namespace {

// EVP_MD_fetch is thread-safe and the fetched algorithm is immutable, so one is shared by all
// hashers. It stays alive for the process (freeing it at exit would race with OpenSSL's own
// clean-up handlers).
const EVP_MD *sha256Algorithm()
{
    static EVP_MD *const algorithm = EVP_MD_fetch(nullptr, "SHA256", nullptr);
    return algorithm;
}

bool isHexDigit(char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

} // namespace

void Sha256Hasher::ContextFree::operator()(void *context) const
{
    EVP_MD_CTX_free(static_cast<EVP_MD_CTX *>(context));
}

Sha256Hasher::Sha256Hasher() = default;
Sha256Hasher::~Sha256Hasher() = default;
Sha256Hasher::Sha256Hasher(const Sha256Hasher &) {}

Sha256Hasher &Sha256Hasher::operator=(const Sha256Hasher &)
{
    return *this; // keep this hasher's own context
}

Sha256Hasher::Sha256Hasher(Sha256Hasher &&) noexcept = default;
Sha256Hasher &Sha256Hasher::operator=(Sha256Hasher &&) noexcept = default;

bool Sha256Hasher::hexDigest(QByteArrayView in, char *out)
{
    const EVP_MD *algorithm = sha256Algorithm();
    if (!algorithm)
        return false;
    if (!m_context) {
        m_context.reset(EVP_MD_CTX_new());
        if (!m_context)
            return false;
    }
    auto *context = static_cast<EVP_MD_CTX *>(m_context.get());
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    if (EVP_DigestInit_ex2(context, algorithm, nullptr) != 1 ||
        EVP_DigestUpdate(context, in.data(), static_cast<size_t>(in.size())) != 1 ||
        EVP_DigestFinal_ex(context, digest, &length) != 1 || length * 2 != HexLength)
        return false;
    static constexpr char hex[] = "0123456789abcdef";
    for (unsigned int i = 0; i < length; ++i) {
        out[2 * i] = hex[digest[i] >> 4];
        out[2 * i + 1] = hex[digest[i] & 0x0F];
    }
    return true;
}

QByteArray Sha256Hasher::hexDigest(QByteArrayView in)
{
    QByteArray result(HexLength, Qt::Uninitialized);
    if (!hexDigest(in, result.data()))
        return QByteArray();
    return result;
}

bool Sha256Hasher::looksLikeHexDigest(QByteArrayView value)
{
    if (value.size() != HexLength)
        return false;
    for (char c : value) {
        if (!isHexDigit(c))
            return false;
    }
    return true;
}

} // namespace courier
