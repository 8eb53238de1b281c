#include "EmailNormaliser.h"

#include "Hashing.h"
#include "Transform.h"

#include <algorithm>

namespace courier {

namespace {

bool isSpace(QByteArrayView value, qsizetype i)
{
    const auto c = static_cast<unsigned char>(value[i]);
    if (c == ' ' || (c >= '\t' && c <= '\r'))
        return true;
    return c == 0xC2 && i + 1 < value.size() && static_cast<unsigned char>(value[i + 1]) == 0xA0;
}

// Empty when the domain is acceptable, else what is wrong with it.
QString domainProblem(QByteArrayView domain)
{
    if (domain.isEmpty())
        return EmailNormaliser::tr("there is nothing after the @");
    if (!domain.contains('.'))
        return EmailNormaliser::tr("the domain “%1” has no dot").arg(QString::fromUtf8(domain));
    if (domain.front() == '.' || domain.back() == '.' || domain.indexOf("..") >= 0)
        return EmailNormaliser::tr("the domain “%1” has a misplaced dot")
            .arg(QString::fromUtf8(domain));
    return QString();
}

} // namespace

bool EmailNormaliser::isGmailDomain(QByteArrayView domain)
{
    return domain == QByteArrayView("gmail.com") || domain == QByteArrayView("googlemail.com");
}

std::optional<QByteArrayView> EmailNormaliser::normalise(QByteArrayView in, std::string &scratch,
                                                         Rule rule, QString *problem)
{
    const QByteArrayView trimmed = text::trimmed(in);
    if (trimmed.isEmpty())
        return trimmed;

    auto fail = [&](const QString &what) -> std::optional<QByteArrayView> {
        if (problem)
            *problem = tr("%1 is not an e-mail address: %2.").arg(text::quoted(trimmed), what);
        return std::nullopt;
    };
    if (Sha256Hasher::looksLikeHexDigest(trimmed)) {
        if (problem)
            *problem = tr("%1 is already a SHA-256 hash, not an e-mail address; leave the e-mail "
                          "transform out for a column of hashes.")
                           .arg(text::quoted(trimmed));
        return std::nullopt;
    }

    qsizetype at = -1;
    for (qsizetype i = 0; i < trimmed.size(); ++i) {
        if (isSpace(trimmed, i))
            return fail(tr("it contains a space"));
        if (trimmed[i] == '@') {
            if (at >= 0)
                return fail(tr("it has more than one @"));
            at = i;
        }
    }
    if (at < 0)
        return fail(tr("it has no @"));
    if (at == 0)
        return fail(tr("there is nothing before the @"));

    // Lower-casing leaves the @ where it was only for ASCII; find it again afterwards.
    QByteArrayView address = text::toLower(trimmed, scratch);
    at = address.indexOf('@');
    const QByteArrayView domain = address.sliced(at + 1);
    if (const QString what = domainProblem(domain); !what.isEmpty())
        return fail(what);

    if (rule == Rule::GmailDots && isGmailDomain(domain) && address.first(at).indexOf('.') >= 0) {
        if (address.data() != scratch.data())
            scratch.assign(address.data(), static_cast<size_t>(address.size()));
        std::string::iterator end = scratch.begin() + at;
        const auto kept = std::remove(scratch.begin(), end, '.');
        // A local part of dots only ("...@gmail.com") has nothing left to name an account.
        if (kept == scratch.begin())
            return fail(tr("there is nothing but dots before the @"));
        scratch.erase(kept, end);
        address = QByteArrayView(scratch.data(), static_cast<qsizetype>(scratch.size()));
    }
    return address;
}

} // namespace courier
