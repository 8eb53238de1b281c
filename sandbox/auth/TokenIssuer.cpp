#include "sandbox/auth/TokenIssuer.h"

#include <QRandomGenerator>

using namespace Qt::StringLiterals;

namespace courier::sandbox {

TokenIssuer::Issued TokenIssuer::issue(std::chrono::seconds ttl, const QString &subject)
{
    // Unguessable, and recognisable in a packet capture as the sandbox's.
    quint32 words[6];
    QRandomGenerator::system()->fillRange(words);
    const QByteArray token =
        "sbx." + QByteArray(reinterpret_cast<const char *>(words), sizeof words).toHex();
    // Expired tokens are dropped lazily here, so a long demo does not grow without bound.
    const auto now = std::chrono::steady_clock::now();
    m_tokens.removeIf([now](QHash<QByteArray, Entry>::iterator it) {
        return it->expires + std::chrono::hours(1) < now;
    });
    m_tokens.insert(token, Entry{now + ttl, subject});
    return {token, ttl};
}

TokenIssuer::Validity TokenIssuer::check(QByteArrayView token, QString *subject) const
{
    const auto it = m_tokens.constFind(token.toByteArray());
    if (it == m_tokens.cend())
        return Validity::Unknown;
    if (subject)
        *subject = it->subject;
    return std::chrono::steady_clock::now() < it->expires ? Validity::Valid : Validity::Expired;
}

void TokenIssuer::revoke(QByteArrayView token)
{
    m_tokens.remove(token.toByteArray());
}

} // namespace courier::sandbox
