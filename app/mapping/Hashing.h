#pragma once

#include <memory>
#include <QByteArray>
#include <QByteArrayView>

namespace courier {

// SHA-256 as the ad platforms want it: 64 lower-case hex digits. The algorithm is fetched from
// OpenSSL once per process and every hasher reuses one digest context, which in OpenSSL 3 is
// several times faster than the one-shot SHA256(), whose implicit fetch costs more than hashing
// an e-mail address. Not thread-safe: each thread (each Mapper) has its own hasher.
class Sha256Hasher
{
public:
    static constexpr qsizetype HexLength = 64;

    Sha256Hasher();
    ~Sha256Hasher();
    // A copy gets a context of its own: the context is scratch, not state.
    Sha256Hasher(const Sha256Hasher &);
    Sha256Hasher &operator=(const Sha256Hasher &);
    Sha256Hasher(Sha256Hasher &&) noexcept;
    Sha256Hasher &operator=(Sha256Hasher &&) noexcept;

    // Writes the digest of in as HexLength lower-case hex digits to out. False only when
    // OpenSSL fails (out of memory, a provider missing), which leaves out untouched.
    bool hexDigest(QByteArrayView in, char *out);
    QByteArray hexDigest(QByteArrayView in);

    // True for exactly HexLength hex digits in either case: what a SHA-256 hash looks like.
    static bool looksLikeHexDigest(QByteArrayView value);

private:
    struct ContextFree
    {
        void operator()(void *context) const;
    };
    // An EVP_MD_CTX, created on first use so an idle hasher costs nothing.
    std::unique_ptr<void, ContextFree> m_context;
};

} // namespace courier
