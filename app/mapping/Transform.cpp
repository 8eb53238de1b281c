#include "Transform.h"

#include "DateReformat.h"
#include "EmailNormaliser.h"

#include <algorithm>
#include <array>
#include <QJsonObject>
#include <QString>
#include <string_view>
#include <utility>
#include <vector>

namespace courier {

namespace {

struct TransformName
{
    TransformKind kind;
    const char *key;
};

constexpr std::array<TransformName, 11> transformNames{{
    {TransformKind::Trim, "trim"},
    {TransformKind::Lowercase, "lowercase"},
    {TransformKind::Uppercase, "uppercase"},
    {TransformKind::Email, "email"},
    {TransformKind::EmailGmail, "email_gmail"},
    {TransformKind::PhoneE164, "phone_e164"},
    {TransformKind::PhoneDigits, "phone_digits"},
    {TransformKind::Sha256, "sha256"},
    {TransformKind::DateFormat, "date"},
    {TransformKind::ValueMap, "map"},
    {TransformKind::DefaultValue, "default"},
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

QString quoted(QByteArrayView value)
{
    constexpr qsizetype MaxCharacters = 48;
    QString text = QString::fromUtf8(value);
    for (QChar &c : text) {
        if (c.category() == QChar::Other_Control)
            c = QLatin1Char('?');
    }
    if (text.size() > MaxCharacters)
        text = text.left(MaxCharacters - 1) + QChar(0x2026);
    return QChar(0x201C) + text + QChar(0x201D);
}

} // namespace text

namespace {

constexpr QLatin1StringView IgnoreCaseMapName("map_i");
// Characters with a meaning inside a transform's parentheses; a backslash escapes them.
constexpr QStringView SpecSpecials(u"\\,=>()");

QString unknownTransformError(QStringView name)
{
    return Transform::tr("Unknown transform \"%1\". Known transforms: %2.")
        .arg(name.toString(), Transform::names().join(QStringLiteral(", ")));
}

// Splits at separators outside parentheses and not escaped; pieces keep their escapes.
QList<QStringView> splitOutside(QStringView text, QChar separator)
{
    QList<QStringView> pieces;
    int depth = 0;
    qsizetype start = 0;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (c == QLatin1Char('\\')) {
            ++i;
        } else if (c == QLatin1Char('(')) {
            ++depth;
        } else if (c == QLatin1Char(')')) {
            depth = std::max(0, depth - 1);
        } else if (c == separator && depth == 0) {
            pieces.append(text.sliced(start, i - start));
            start = i + 1;
        }
    }
    pieces.append(text.sliced(start));
    return pieces;
}

QString unescape(QStringView text)
{
    QString result;
    result.reserve(text.size());
    for (qsizetype i = 0; i < text.size(); ++i) {
        if (text.at(i) == QLatin1Char('\\') && i + 1 < text.size())
            ++i;
        result.append(text.at(i));
    }
    return result;
}

QString escape(const QString &text)
{
    QString result;
    result.reserve(text.size());
    for (QChar c : text) {
        if (SpecSpecials.contains(c))
            result.append(QLatin1Char('\\'));
        result.append(c);
    }
    return result;
}

std::string utf8(const QString &text)
{
    const QByteArray bytes = text.toUtf8();
    return std::string(bytes.constData(), static_cast<size_t>(bytes.size()));
}

std::string_view viewOf(QByteArrayView bytes)
{
    return std::string_view(bytes.data(), static_cast<size_t>(bytes.size()));
}

QByteArrayView copyTo(std::string &scratch, std::string_view text)
{
    scratch.assign(text);
    return QByteArrayView(scratch.data(), static_cast<qsizetype>(scratch.size()));
}

bool views(QByteArrayView value, const std::string &buffer)
{
    return !value.isEmpty() && value.data() >= buffer.data() &&
           value.data() < buffer.data() + buffer.size();
}

} // namespace

struct Transform::Compiled
{
    TransformParameters parameters;
    QString error; // why the parameters do not work; empty when they do
    std::optional<DateReformat> date;
    // map: keys (trimmed; lower-cased when case is ignored) with their replacements, sorted.
    std::vector<std::pair<std::string, std::string>> values;
    std::string defaultValue;
};

Transform::Transform(TransformKind kind)
    : Transform(kind, TransformParameters{})
{}

Transform::Transform(TransformKind kind, TransformParameters parameters)
    : m_kind(kind)
{
    if (!takesParameters())
        return;
    auto compiled = std::make_shared<Compiled>();
    compiled->parameters = std::move(parameters);
    const TransformParameters &p = compiled->parameters;
    switch (kind) {
    case TransformKind::DateFormat:
        compiled->date = DateReformat::create(p.from, p.to, &compiled->error);
        break;
    case TransformKind::ValueMap:
        if (p.values.isEmpty())
            compiled->error = tr("The map transform needs at least one value to replace, for "
                                 "example map(Female=f,Male=m).");
        for (auto it = p.values.cbegin(); it != p.values.cend(); ++it) {
            const QString key = p.ignoreCase ? it.key().trimmed().toLower() : it.key().trimmed();
            compiled->values.emplace_back(utf8(key), utf8(it.value()));
        }
        std::sort(compiled->values.begin(), compiled->values.end());
        for (size_t i = 1; i < compiled->values.size() && compiled->error.isEmpty(); ++i) {
            if (compiled->values[i - 1].first == compiled->values[i].first)
                compiled->error = tr("The map transform lists “%1” more than once.")
                                      .arg(QString::fromStdString(compiled->values[i].first));
        }
        break;
    case TransformKind::DefaultValue:
        if (p.value.isEmpty())
            compiled->error = tr("The default transform needs the value for empty cells, for "
                                 "example default(SE).");
        compiled->defaultValue = utf8(p.value);
        break;
    default:
        break;
    }
    m_compiled = std::move(compiled);
}

Transform Transform::date(const QString &from, const QString &to)
{
    TransformParameters parameters;
    parameters.from = from;
    parameters.to = to.isEmpty() ? isoDatePattern() : to;
    return Transform(TransformKind::DateFormat, std::move(parameters));
}

Transform Transform::valueMap(const QMap<QString, QString> &values, bool ignoreCase)
{
    TransformParameters parameters;
    parameters.values = values;
    parameters.ignoreCase = ignoreCase;
    return Transform(TransformKind::ValueMap, std::move(parameters));
}

Transform Transform::defaultValue(const QString &value)
{
    TransformParameters parameters;
    parameters.value = value;
    return Transform(TransformKind::DefaultValue, std::move(parameters));
}

const TransformParameters &Transform::parameters() const
{
    static const TransformParameters none;
    return m_compiled ? m_compiled->parameters : none;
}

bool Transform::takesParameters() const
{
    return m_kind == TransformKind::DateFormat || m_kind == TransformKind::ValueMap ||
           m_kind == TransformKind::DefaultValue;
}

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
    case TransformKind::Email:
        return tr("E-mail address (trimmed, lower case)");
    case TransformKind::EmailGmail:
        return tr("E-mail address, Gmail dots removed (Google)");
    case TransformKind::PhoneE164:
        return tr("Phone number as +46701234567 (Google)");
    case TransformKind::PhoneDigits:
        return tr("Phone number as 46701234567 (Meta)");
    case TransformKind::Sha256:
        return tr("SHA-256 hash");
    case TransformKind::DateFormat:
        return tr("Date format");
    case TransformKind::ValueMap:
        return tr("Replace values");
    case TransformKind::DefaultValue:
        return tr("Value for empty cells");
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

bool Transform::isValid(QString *error) const
{
    if (!m_compiled || m_compiled->error.isEmpty())
        return true;
    if (error)
        *error = m_compiled->error;
    return false;
}

QJsonValue Transform::toJson() const
{
    const TransformParameters &p = parameters();
    switch (m_kind) {
    case TransformKind::DateFormat:
        return QJsonObject{{QStringLiteral("name"), name()},
                           {QStringLiteral("from"), p.from},
                           {QStringLiteral("to"), p.to}};
    case TransformKind::ValueMap: {
        QJsonObject values;
        for (auto it = p.values.cbegin(); it != p.values.cend(); ++it)
            values.insert(it.key(), it.value());
        QJsonObject object{{QStringLiteral("name"), name()}, {QStringLiteral("values"), values}};
        if (p.ignoreCase)
            object.insert(QStringLiteral("ignoreCase"), true);
        return object;
    }
    case TransformKind::DefaultValue:
        return QJsonObject{{QStringLiteral("name"), name()}, {QStringLiteral("value"), p.value}};
    default:
        return name();
    }
}

std::optional<Transform> Transform::fromJson(const QJsonValue &json, QString *error)
{
    auto fail = [&](const QString &message) -> std::optional<Transform> {
        if (error)
            *error = message;
        return std::nullopt;
    };
    if (!json.isString() && !json.isObject())
        return fail(tr("A transform must be a name or an object with a \"name\"."));
    const QJsonObject object = json.toObject();
    const QString name =
        json.isString() ? json.toString() : object.value(QStringLiteral("name")).toString();
    auto transform = fromName(name);
    if (!transform)
        return fail(unknownTransformError(name));

    switch (transform->kind()) {
    case TransformKind::DateFormat:
        transform = date(object.value(QStringLiteral("from")).toString(),
                         object.value(QStringLiteral("to")).toString());
        break;
    case TransformKind::ValueMap: {
        QMap<QString, QString> values;
        const QJsonObject table = object.value(QStringLiteral("values")).toObject();
        for (auto it = table.constBegin(); it != table.constEnd(); ++it)
            values.insert(it.key(), it.value().toString());
        transform = valueMap(values, object.value(QStringLiteral("ignoreCase")).toBool());
        break;
    }
    case TransformKind::DefaultValue:
        transform = defaultValue(object.value(QStringLiteral("value")).toString());
        break;
    default:
        break;
    }
    QString problem;
    if (!transform->isValid(&problem))
        return fail(problem);
    return transform;
}

QString Transform::toSpec() const
{
    const TransformParameters &p = parameters();
    switch (m_kind) {
    case TransformKind::DateFormat:
        return QStringLiteral("date(%1>%2)").arg(escape(p.from), escape(p.to));
    case TransformKind::ValueMap: {
        QStringList entries;
        for (auto it = p.values.cbegin(); it != p.values.cend(); ++it)
            entries.append(escape(it.key()) + QLatin1Char('=') + escape(it.value()));
        return (p.ignoreCase ? QString(IgnoreCaseMapName) : name()) + QLatin1Char('(') +
               entries.join(QLatin1Char(',')) + QLatin1Char(')');
    }
    case TransformKind::DefaultValue:
        return QStringLiteral("default(%1)").arg(escape(p.value));
    default:
        return name();
    }
}

std::optional<Transform> Transform::fromSpec(QStringView spec, QString *error)
{
    auto fail = [&](const QString &message) -> std::optional<Transform> {
        if (error)
            *error = message;
        return std::nullopt;
    };
    spec = spec.trimmed();
    const qsizetype open = spec.indexOf(QLatin1Char('('));
    const QStringView name = (open < 0 ? spec : spec.first(open)).trimmed();
    const bool ignoreCase = name.compare(IgnoreCaseMapName, Qt::CaseInsensitive) == 0;
    auto transform =
        ignoreCase ? std::optional(Transform(TransformKind::ValueMap)) : fromName(name);
    if (!transform)
        return fail(unknownTransformError(name));

    if (open >= 0) {
        if (!spec.endsWith(QLatin1Char(')')))
            return fail(tr("\"%1\" has no closing parenthesis.").arg(spec.toString()));
        const QStringView inner = spec.sliced(open + 1, spec.size() - open - 2);
        switch (transform->kind()) {
        case TransformKind::DateFormat: {
            const QList<QStringView> patterns = splitOutside(inner, QLatin1Char('>'));
            if (patterns.size() > 2)
                return fail(tr("\"%1\": write date(FROM>TO) with one \">\" between the patterns; "
                               "a \">\" inside a pattern is written \\>.")
                                .arg(spec.toString()));
            transform =
                date(unescape(patterns.at(0)).trimmed(),
                     patterns.size() > 1 ? unescape(patterns.at(1)).trimmed() : isoDatePattern());
            break;
        }
        case TransformKind::ValueMap: {
            QMap<QString, QString> values;
            for (QStringView entry : splitOutside(inner, QLatin1Char(','))) {
                const QList<QStringView> parts = splitOutside(entry, QLatin1Char('='));
                if (parts.size() != 2)
                    return fail(tr("\"%1\": write each replacement as VALUE=REPLACEMENT, for "
                                   "example map(Female=f,Male=m); a \"=\" or \",\" inside a value "
                                   "is written \\= or \\,.")
                                    .arg(entry.toString()));
                const QString key = unescape(parts.at(0)).trimmed();
                if (values.contains(key))
                    return fail(tr("The map transform lists “%1” more than once.").arg(key));
                values.insert(key, unescape(parts.at(1)).trimmed());
            }
            transform = valueMap(values, ignoreCase);
            break;
        }
        case TransformKind::DefaultValue:
            transform = defaultValue(unescape(inner).trimmed());
            break;
        default:
            return fail(tr("The transform \"%1\" takes no parameters.").arg(name.toString()));
        }
    }
    QString problem;
    if (!transform->isValid(&problem))
        return fail(problem);
    return transform;
}

std::optional<QList<Transform>> Transform::listFromSpec(QStringView spec, QString *error)
{
    QList<Transform> transforms;
    if (spec.trimmed().isEmpty())
        return transforms;
    for (QStringView piece : splitOutside(spec, QLatin1Char(','))) {
        if (piece.trimmed().isEmpty())
            continue;
        const auto transform = fromSpec(piece, error);
        if (!transform)
            return std::nullopt;
        transforms.append(*transform);
    }
    return transforms;
}

QString Transform::listToSpec(const QList<Transform> &transforms)
{
    QStringList specs;
    for (const Transform &transform : transforms)
        specs.append(transform.toSpec());
    return specs.join(QLatin1Char(','));
}

std::optional<QByteArrayView> Transform::apply(QByteArrayView in, std::string &scratch,
                                               TransformWorkspace &workspace,
                                               QString *problem) const
{
    switch (m_kind) {
    case TransformKind::Trim:
        return text::trimmed(in);
    case TransformKind::Lowercase:
        return text::toLower(in, scratch);
    case TransformKind::Uppercase:
        return text::toUpper(in, scratch);
    case TransformKind::Email:
        return EmailNormaliser::normalise(in, scratch, EmailNormaliser::Rule::Standard, problem);
    case TransformKind::EmailGmail:
        return EmailNormaliser::normalise(in, scratch, EmailNormaliser::Rule::GmailDots, problem);
    case TransformKind::PhoneE164:
        return workspace.phone.normalise(in, scratch, PhoneNormaliser::Format::E164, problem);
    case TransformKind::PhoneDigits:
        return workspace.phone.normalise(in, scratch, PhoneNormaliser::Format::Digits, problem);
    case TransformKind::Sha256: {
        // A blank value is a missing one: its hash would be a real-looking identifier that
        // matches nobody (or, worse, everybody else's blank).
        if (text::trimmed(in).isEmpty())
            return QByteArrayView();
        // Hashing a hash is a classic mistake that silently matches nobody: a value that
        // already is 64 hex digits passes, lower-cased as the platforms want it.
        if (Sha256Hasher::looksLikeHexDigest(in))
            return text::toLower(in, scratch);
        scratch.resize(Sha256Hasher::HexLength);
        if (!workspace.sha256.hexDigest(in, scratch.data())) {
            if (problem)
                *problem =
                    tr("%1 could not be hashed: OpenSSL's SHA-256 failed.").arg(text::quoted(in));
            return std::nullopt;
        }
        return QByteArrayView(scratch.data(), Sha256Hasher::HexLength);
    }
    default:
        break;
    }

    // The parametrised transforms.
    Q_ASSERT(m_compiled);
    if (!m_compiled->error.isEmpty()) {
        if (problem)
            *problem = m_compiled->error;
        return std::nullopt;
    }
    switch (m_kind) {
    case TransformKind::DateFormat:
        return m_compiled->date->apply(in, scratch, problem);
    case TransformKind::ValueMap: {
        QByteArrayView key = text::trimmed(in);
        if (m_compiled->parameters.ignoreCase)
            key = text::toLower(key, scratch);
        const auto &values = m_compiled->values;
        const auto found = std::lower_bound(
            values.cbegin(), values.cend(), viewOf(key),
            [](const auto &entry, std::string_view wanted) { return entry.first < wanted; });
        if (found == values.cend() || found->first != viewOf(key))
            return in; // unlisted values pass unchanged
        return copyTo(scratch, found->second);
    }
    case TransformKind::DefaultValue:
        if (!text::trimmed(in).isEmpty())
            return in;
        return copyTo(scratch, m_compiled->defaultValue);
    default:
        break;
    }
    Q_UNREACHABLE();
    return in;
}

QByteArrayView Transform::apply(QByteArrayView in, std::string &scratch) const
{
    TransformWorkspace workspace;
    return apply(in, scratch, workspace, nullptr).value_or(QByteArrayView());
}

std::optional<QByteArrayView> applyTransforms(const QList<Transform> &transforms, QByteArrayView in,
                                              std::string &scratch, std::string &scratch2,
                                              TransformWorkspace &workspace, QString *problem)
{
    std::string *buffers[2] = {&scratch, &scratch2};
    int next = 0;
    QByteArrayView value = in;
    for (const Transform &transform : transforms) {
        std::string &buffer = *buffers[next];
        const auto result = transform.apply(value, buffer, workspace, problem);
        if (!result)
            return std::nullopt;
        // The next transform writes into the other buffer, so it never overwrites its input.
        if (views(*result, buffer))
            next ^= 1;
        value = *result;
    }
    return value;
}

} // namespace courier
