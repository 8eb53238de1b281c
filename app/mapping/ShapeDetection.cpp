#include "ShapeDetection.h"

#include "pipeline/RowBatch.h"

#include <array>
#include <QDate>
#include <QList>
#include <QLocale>

namespace courier {

namespace {

// Hand-written checks rather than regular expressions: they run on a worker thread for every
// column of a sample, and stay readable as the rules of thumb they are.

bool isHexDigit(QChar c)
{
    const char16_t u = c.unicode();
    return (u >= '0' && u <= '9') || (u >= 'a' && u <= 'f') || (u >= 'A' && u <= 'F');
}

bool isAsciiDigit(QChar c)
{
    return c.unicode() >= '0' && c.unicode() <= '9';
}

bool isAsciiLetter(QChar c)
{
    const char16_t u = c.unicode();
    return (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z');
}

bool isSha256(QStringView v)
{
    return v.size() == 64 && std::all_of(v.begin(), v.end(), isHexDigit);
}

bool isUuid(QStringView v)
{
    if (v.size() != 36)
        return false;
    for (qsizetype i = 0; i < v.size(); ++i) {
        const bool dash = i == 8 || i == 13 || i == 18 || i == 23;
        if (dash ? v[i] != QLatin1Char('-') : !isHexDigit(v[i]))
            return false;
    }
    return true;
}

bool isEmail(QStringView v)
{
    const qsizetype at = v.indexOf(QLatin1Char('@'));
    if (at <= 0 || at != v.lastIndexOf(QLatin1Char('@')))
        return false;
    if (std::any_of(v.begin(), v.end(), [](QChar c) { return c.isSpace(); }))
        return false;
    const QStringView domain = v.sliced(at + 1);
    const qsizetype dot = domain.lastIndexOf(QLatin1Char('.'));
    // "a@b.c" is too short a top-level domain to be real; "a@.se" has no domain name.
    return dot > 0 && domain.size() - dot - 1 >= 2 && !domain.contains(QLatin1String(".."));
}

// Reads up to maxDigits digits at pos (at least one); -1 when there are none.
int readNumber(QStringView v, qsizetype &pos, int maxDigits)
{
    int value = 0;
    int digits = 0;
    while (pos < v.size() && digits < maxDigits && isAsciiDigit(v[pos])) {
        value = value * 10 + (v[pos].unicode() - '0');
        ++pos;
        ++digits;
    }
    return digits > 0 ? value : -1;
}

bool isPlausibleDate(int year, int month, int day)
{
    return year >= 1900 && year <= 2100 && QDate(year, month, day).isValid();
}

// ISO (2024-03-31, optionally followed by a time), compact (20240331), European (31.03.2024)
// and slashed dates in either day/month order (31/03/2024, 03/31/2024, 2024/03/31).
bool isDate(QStringView v)
{
    if (v.size() == 8 && std::all_of(v.begin(), v.end(), isAsciiDigit)) {
        qsizetype pos = 0;
        const int year = readNumber(v, pos, 4);
        const int month = readNumber(v, pos, 2);
        const int day = readNumber(v, pos, 2);
        return isPlausibleDate(year, month, day);
    }
    qsizetype pos = 0;
    const int first = readNumber(v, pos, 4);
    if (first < 0 || pos >= v.size())
        return false;
    const QChar separator = v[pos];
    if (separator != QLatin1Char('-') && separator != QLatin1Char('.') &&
        separator != QLatin1Char('/'))
        return false;
    const bool yearFirst = pos == 4;
    ++pos;
    const int second = readNumber(v, pos, 2);
    if (second < 0 || pos >= v.size() || v[pos] != separator)
        return false;
    ++pos;
    const qsizetype thirdStart = pos;
    const int third = readNumber(v, pos, 4);
    if (third < 0)
        return false;
    // Whatever follows must be a time ("T10:00:00Z", " 10:00"), not more digits.
    if (pos < v.size() && v[pos] != QLatin1Char('T') && v[pos] != QLatin1Char(' '))
        return false;
    if (yearFirst)
        return pos - thirdStart <= 2 && isPlausibleDate(first, second, third);
    if (pos - thirdStart != 4)
        return false;
    return isPlausibleDate(third, second, first) || isPlausibleDate(third, first, second);
}

// Three groups of digits laid out like a date ("2023-02-30", "32.01.2020"), valid or not:
// such a value is a mistyped date, not a phone number.
bool hasDateLayout(QStringView v)
{
    QList<qsizetype> groups;
    QChar separator;
    qsizetype length = 0;
    for (QChar c : v) {
        if (isAsciiDigit(c)) {
            ++length;
            continue;
        }
        if (length == 0 || (!separator.isNull() && c != separator))
            return false;
        separator = c;
        groups.append(length);
        length = 0;
    }
    groups.append(length);
    if (groups.size() != 3 || (separator != QLatin1Char('-') && separator != QLatin1Char('.') &&
                               separator != QLatin1Char('/')))
        return false;
    const auto isDayOrMonth = [](qsizetype n) { return n == 1 || n == 2; };
    return (groups[0] == 4 && isDayOrMonth(groups[1]) && isDayOrMonth(groups[2])) ||
           (isDayOrMonth(groups[0]) && isDayOrMonth(groups[1]) && groups[2] == 4);
}

enum class PhoneMatch { No, Weak, Strong };

// 7 to 15 digits (E.164 allows 15), written with a leading + or with the usual separators is
// a phone number for sure; bare digits only when long (10+) or with a trunk prefix (0…).
PhoneMatch phoneMatch(QStringView v)
{
    int digits = 0;
    bool formatted = false;
    for (qsizetype i = 0; i < v.size(); ++i) {
        const QChar c = v[i];
        if (isAsciiDigit(c)) {
            ++digits;
        } else if (c == QLatin1Char('+') && i == 0) {
            formatted = true;
        } else if (c == QLatin1Char(' ') || c == QLatin1Char('-') || c == QLatin1Char('(') ||
                   c == QLatin1Char(')') || c == QLatin1Char('.') || c == QLatin1Char('/')) {
            formatted = true;
        } else {
            return PhoneMatch::No;
        }
    }
    if (digits < 7 || digits > 15 || hasDateLayout(v))
        return PhoneMatch::No;
    if (formatted)
        return PhoneMatch::Strong;
    if (digits >= 10 || v.startsWith(QLatin1Char('0')))
        return PhoneMatch::Weak;
    return PhoneMatch::No;
}

bool isCountryCode(QStringView v)
{
    if (v.size() != 2 || !isAsciiLetter(v[0]) || !isAsciiLetter(v[1]))
        return false;
    return QLocale::codeToTerritory(v.toString().toUpper()) != QLocale::AnyTerritory;
}

enum class PostalMatch { No, DigitsOnly, Alphanumeric };

// "10115", "94105-1234", "SW1A 1AA", "1012 AB", "M5V 3L7".
PostalMatch postalMatch(QStringView v)
{
    int digits = 0;
    int letters = 0;
    int separators = 0;
    for (QChar c : v) {
        if (isAsciiDigit(c))
            ++digits;
        else if (isAsciiLetter(c))
            ++letters;
        else if (c == QLatin1Char(' ') || c == QLatin1Char('-'))
            ++separators;
        else
            return PostalMatch::No;
    }
    const int characters = digits + letters;
    if (digits == 0 || separators > 1 || characters < 4 || characters > 9 || letters > 5)
        return PostalMatch::No;
    if (letters == 0)
        return separators == 0 && digits > 6 ? PostalMatch::No : PostalMatch::DigitsOnly;
    return PostalMatch::Alphanumeric;
}

bool isNumber(QStringView v)
{
    qsizetype pos = 0;
    if (pos < v.size() && (v[pos] == QLatin1Char('-') || v[pos] == QLatin1Char('+')))
        ++pos;
    int digits = 0;
    bool decimal = false;
    for (; pos < v.size(); ++pos) {
        const QChar c = v[pos];
        if (isAsciiDigit(c)) {
            ++digits;
        } else if ((c == QLatin1Char('.') || c == QLatin1Char(',')) && !decimal && digits > 0 &&
                   pos + 1 < v.size()) {
            decimal = true;
        } else {
            return false;
        }
    }
    return digits > 0;
}

bool isName(QStringView v)
{
    if (v.size() > 60)
        return false;
    int letters = 0;
    int words = 1;
    for (QChar c : v) {
        if (c.isLetter())
            ++letters;
        else if (c == QLatin1Char(' '))
            ++words;
        else if (c != QLatin1Char('-') && c != QLatin1Char('\'') && c != QChar(0x2019) &&
                 c != QLatin1Char('.'))
            return false;
    }
    return letters >= 2 && words <= 5;
}

// Most specific first: the first shape most values have wins.
constexpr std::array<ValueShape, 9> shapesBySpecificity{
    ValueShape::Sha256,     ValueShape::DeviceId, ValueShape::Email,
    ValueShape::Date,       ValueShape::Phone,    ValueShape::CountryCode,
    ValueShape::PostalCode, ValueShape::Number,   ValueShape::Name,
};

constexpr double decisiveShare = 0.8;

// Counts shape matches over values; weak matches are kept apart to lower the confidence when
// they are all a column has.
class ShapeTally
{
public:
    void add(QStringView raw)
    {
        const QStringView value = raw.trimmed();
        if (value.isEmpty())
            return;
        ++m_values;
        for (size_t i = 0; i < shapesBySpecificity.size(); ++i) {
            const ValueShape shape = shapesBySpecificity[i];
            if (shape == ValueShape::Phone) {
                const PhoneMatch match = phoneMatch(value);
                m_matches[i] += match != PhoneMatch::No;
                m_strongPhones += match == PhoneMatch::Strong;
            } else if (shape == ValueShape::PostalCode) {
                const PostalMatch match = postalMatch(value);
                m_matches[i] += match != PostalMatch::No;
                m_alphanumericPostal += match == PostalMatch::Alphanumeric;
            } else {
                m_matches[i] += valueHasShape(value, shape);
            }
        }
    }

    int values() const { return m_values; }

    ShapeGuess guess() const
    {
        ShapeGuess result;
        result.values = m_values;
        if (m_values == 0)
            return result;
        double best = 0.0;
        for (size_t i = 0; i < shapesBySpecificity.size(); ++i) {
            const double share = double(m_matches[i]) / m_values;
            best = std::max(best, share);
            if (share < decisiveShare)
                continue;
            result.shape = shapesBySpecificity[i];
            result.confidence = share;
            // Bare digits and single words are phone numbers, postal codes and names only
            // sometimes: say so with a confidence below what the auto-suggest acts on.
            if (result.shape == ValueShape::Phone && m_strongPhones * 2 < m_values)
                result.confidence = std::min(share, 0.7);
            else if (result.shape == ValueShape::PostalCode && m_alphanumericPostal * 2 < m_values)
                result.confidence = std::min(share, 0.6);
            else if (result.shape == ValueShape::Name)
                result.confidence = std::min(share, 0.6);
            return result;
        }
        result.confidence = 1.0 - best; // how sure it is that no shape fits
        return result;
    }

private:
    int m_values = 0;
    std::array<int, shapesBySpecificity.size()> m_matches{};
    int m_strongPhones = 0;
    int m_alphanumericPostal = 0;
};

constexpr int maxSampledValues = 1000;

} // namespace

QString ShapeGuess::shapeDescription(ValueShape shape)
{
    switch (shape) {
    case ValueShape::Any:
        return tr("any text");
    case ValueShape::Email:
        return tr("e-mail addresses");
    case ValueShape::Phone:
        return tr("phone numbers");
    case ValueShape::DeviceId:
        return tr("mobile advertising ids");
    case ValueShape::Sha256:
        return tr("SHA-256 hashes");
    case ValueShape::Date:
        return tr("dates");
    case ValueShape::Number:
        return tr("numbers");
    case ValueShape::CountryCode:
        return tr("country codes");
    case ValueShape::PostalCode:
        return tr("postal codes");
    case ValueShape::Name:
        return tr("names");
    }
    Q_UNREACHABLE();
    return QString();
}

bool valueHasShape(QStringView value, ValueShape shape)
{
    switch (shape) {
    case ValueShape::Any:
        return true;
    case ValueShape::Email:
        return isEmail(value);
    case ValueShape::Phone:
        return phoneMatch(value) != PhoneMatch::No;
    case ValueShape::DeviceId:
        return isUuid(value);
    case ValueShape::Sha256:
        return isSha256(value);
    case ValueShape::Date:
        return isDate(value);
    case ValueShape::Number:
        return isNumber(value);
    case ValueShape::CountryCode:
        return isCountryCode(value);
    case ValueShape::PostalCode:
        return postalMatch(value) != PostalMatch::No;
    case ValueShape::Name:
        return isName(value);
    }
    Q_UNREACHABLE();
    return false;
}

ShapeGuess detectShape(const QStringList &values)
{
    ShapeTally tally;
    for (const QString &value : values) {
        if (tally.values() >= maxSampledValues)
            break;
        tally.add(value);
    }
    return tally.guess();
}

ShapeGuess detectShape(const RowBatch &sample, int column, int maxRows)
{
    ShapeTally tally;
    if (column < 0 || column >= sample.columnCount())
        return tally.guess();
    const int rows = std::min(sample.rowCount(), std::min(maxRows, maxSampledValues));
    for (int row = 0; row < rows; ++row) {
        const QByteArrayView cell = sample.cell(row, column);
        if (!cell.isEmpty())
            tally.add(QString::fromUtf8(cell));
    }
    return tally.guess();
}

} // namespace courier
