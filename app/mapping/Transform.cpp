#include "Transform.h"

#include <array>
#include <QString>

namespace courier {

namespace {

struct TransformName
{
    TransformKind kind;
    const char *key;
};

constexpr std::array<TransformName, 3> transformNames{{
    {TransformKind::Trim, "trim"},
    {TransformKind::Lowercase, "lowercase"},
    {TransformKind::Uppercase, "uppercase"},
}};

bool isAsciiSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

// U+00A0 NO-BREAK SPACE is what spreadsheets put where people typed a space; it is the one
// non-ASCII space common enough in audience files to be worth trimming on the byte level.
bool startsWithNoBreakSpace(QByteArrayView v)
{
    return v.size() >= 2 && static_cast<unsigned char>(v[0]) == 0xC2 &&
           static_cast<unsigned char>(v[1]) == 0xA0;
}

bool endsWithNoBreakSpace(QByteArrayView v)
{
    return v.size() >= 2 && static_cast<unsigned char>(v[v.size() - 2]) == 0xC2 &&
           static_cast<unsigned char>(v[v.size() - 1]) == 0xA0;
}

bool isAscii(QByteArrayView v)
{
    for (char c : v) {
        if (static_cast<unsigned char>(c) >= 0x80)
            return false;
    }
    return true;
}

template <typename CaseFn>
QByteArrayView changeCase(QByteArrayView in, std::string &scratch, char from, char to,
                          CaseFn unicodeFallback)
{
    // Only copy when something changes: most identifiers are already in the wanted case.
    qsizetype first = 0;
    for (; first < in.size(); ++first) {
        const auto c = static_cast<unsigned char>(in[first]);
        if (c >= 0x80 ||
            (c >= static_cast<unsigned char>(from) && c <= static_cast<unsigned char>(to)))
            break;
    }
    if (first == in.size())
        return in;
    if (!isAscii(in.sliced(first))) {
        const QByteArray converted = unicodeFallback(QString::fromUtf8(in)).toUtf8();
        scratch.assign(converted.constData(), static_cast<size_t>(converted.size()));
        return QByteArrayView(scratch.data(), static_cast<qsizetype>(scratch.size()));
    }
    scratch.assign(in.data(), static_cast<size_t>(in.size()));
    const char delta = static_cast<char>('a' - 'A');
    const bool lowering = from == 'A';
    for (size_t i = static_cast<size_t>(first); i < scratch.size(); ++i) {
        char &c = scratch[i];
        if (c >= from && c <= to)
            c = static_cast<char>(lowering ? c + delta : c - delta);
    }
    return QByteArrayView(scratch.data(), static_cast<qsizetype>(scratch.size()));
}

} // namespace

namespace text {

QByteArrayView trimmed(QByteArrayView in)
{
    for (;;) {
        if (!in.isEmpty() && isAsciiSpace(in.front()))
            in = in.sliced(1);
        else if (startsWithNoBreakSpace(in))
            in = in.sliced(2);
        else
            break;
    }
    for (;;) {
        if (!in.isEmpty() && isAsciiSpace(in.back()))
            in.chop(1);
        else if (endsWithNoBreakSpace(in))
            in.chop(2);
        else
            break;
    }
    return in;
}

QByteArrayView toLower(QByteArrayView in, std::string &scratch)
{
    return changeCase(in, scratch, 'A', 'Z', [](const QString &s) { return s.toLower(); });
}

QByteArrayView toUpper(QByteArrayView in, std::string &scratch)
{
    return changeCase(in, scratch, 'a', 'z', [](const QString &s) { return s.toUpper(); });
}

} // namespace text

QString Transform::name() const
{
    for (const auto &entry : transformNames) {
        if (entry.kind == m_kind)
            return QString::fromLatin1(entry.key);
    }
    Q_UNREACHABLE();
    return QString();
}

QString Transform::displayName() const
{
    switch (m_kind) {
    case TransformKind::Trim:
        return tr("Trim spaces");
    case TransformKind::Lowercase:
        return tr("Lower case");
    case TransformKind::Uppercase:
        return tr("Upper case");
    }
    Q_UNREACHABLE();
    return QString();
}

std::optional<Transform> Transform::fromName(QStringView name)
{
    for (const auto &entry : transformNames) {
        if (name.compare(QLatin1StringView(entry.key), Qt::CaseInsensitive) == 0)
            return Transform(entry.kind);
    }
    return std::nullopt;
}

QStringList Transform::names()
{
    QStringList result;
    for (const auto &entry : transformNames)
        result.append(QString::fromLatin1(entry.key));
    return result;
}

QByteArrayView Transform::apply(QByteArrayView in, std::string &scratch) const
{
    switch (m_kind) {
    case TransformKind::Trim:
        return text::trimmed(in);
    case TransformKind::Lowercase:
        return text::toLower(in, scratch);
    case TransformKind::Uppercase:
        return text::toUpper(in, scratch);
    }
    Q_UNREACHABLE();
    return in;
}

} // namespace courier
