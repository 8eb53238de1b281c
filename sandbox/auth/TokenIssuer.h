#pragma once

#include <chrono>
#include <QByteArray>
#include <QHash>
#include <QString>

namespace courier::sandbox {

// Access tokens for the OAuth-style protocols: a token endpoint issues one with a lifetime
// (shortened by the tokenTtlSeconds fault), the API routes check it. Tokens are random; their
// expiry runs on a monotonic clock so a changed wall clock cannot extend them.
class TokenIssuer
{
public:
    enum class Validity { Valid, Expired, Unknown };

    struct Issued
    {
        QByteArray token;
        std::chrono::seconds expiresIn;
    };

    // `subject` says whom the token was issued to (a client id); checked by callers that care.
    Issued issue(std::chrono::seconds ttl, const QString &subject = {});
    Validity check(QByteArrayView token, QString *subject = nullptr) const;
    void revoke(QByteArrayView token);
    void clear() { m_tokens.clear(); }
    qsizetype size() const { return m_tokens.size(); }

private:
    struct Entry
    {
        std::chrono::steady_clock::time_point expires;
        QString subject;
    };
    QHash<QByteArray, Entry> m_tokens;
};

} // namespace courier::sandbox
