#include "DateReformat.h"

#include "Transform.h"

namespace courier {

namespace {

bool isTimeLetter(QChar c)
{
    // h H m s z (hours … milliseconds), a A / ap AP (am/pm), t (time zone).
    return QStringView(u"hHmszaAt").contains(c);
}

struct PatternShape
{
    bool hasDate = false;
    bool hasTime = false;
};

// What a Qt date pattern contains, skipping quoted text.
PatternShape shapeOf(QStringView pattern)
{
    PatternShape shape;
    bool quoted = false;
    for (QChar c : pattern) {
        if (c == QLatin1Char('\'')) {
            quoted = !quoted;
            continue;
        }
        if (quoted)
            continue;
        if (c == QLatin1Char('d') || c == QLatin1Char('M') || c == QLatin1Char('y'))
            shape.hasDate = true;
        else if (isTimeLetter(c))
            shape.hasTime = true;
    }
    return shape;
}

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

} // namespace

std::optional<DateReformat> DateReformat::create(const QString &from, const QString &to,
                                                 QString *error)
{
    auto fail = [&](const QString &message) -> std::optional<DateReformat> {
        if (error)
            *error = message;
        return std::nullopt;
    };
    for (const QString &pattern : {from, to}) {
        if (pattern.trimmed().isEmpty())
            return fail(tr("The date transform needs the pattern the dates are written in and "
                           "the one to write, for example date(dd/MM/yyyy>yyyy-MM-dd)."));
        const PatternShape shape = shapeOf(pattern);
        if (shape.hasTime)
            return fail(tr("The date pattern “%1” has time fields; the date transform handles "
                           "dates only (d, M, y).")
                            .arg(pattern));
        if (!shape.hasDate)
            return fail(
                tr("The date pattern “%1” has no day, month or year (d, M, y).").arg(pattern));
    }
    DateReformat reformat;
    reformat.m_from = from;
    reformat.m_to = to;

    // The fast reader takes dd, MM and yyyy, each once, between separators that are not
    // letters; the fast writer also d and M (no leading zero).
    auto tokenise = [](const QString &pattern, bool reading) {
        Tokens tokens;
        int days = 0, months = 0, years = 0;
        for (qsizetype i = 0; i < pattern.size();) {
            const QChar c = pattern.at(i);
            qsizetype run = 1;
            while (i + run < pattern.size() && pattern.at(i + run) == c)
                ++run;
            if (c == QLatin1Char('d') || c == QLatin1Char('M')) {
                if (run > 2 || (reading && run != 2))
                    return Tokens();
                tokens.push_back({c == QLatin1Char('d') ? Token::Day : Token::Month,
                                  static_cast<unsigned char>(run), 0});
                ++(c == QLatin1Char('d') ? days : months);
            } else if (c == QLatin1Char('y')) {
                if (run != 4)
                    return Tokens();
                tokens.push_back({Token::Year, 4, 0});
                ++years;
            } else if (c.isLetter() || c == QLatin1Char('\'') || c.unicode() >= 0x80) {
                return Tokens();
            } else {
                for (qsizetype k = 0; k < run; ++k)
                    tokens.push_back({Token::Literal, 0, static_cast<char>(c.unicode())});
            }
            i += run;
        }
        if (reading && (days != 1 || months != 1 || years != 1))
            return Tokens();
        return tokens;
    };
    reformat.m_read = tokenise(from, true);
    reformat.m_write = tokenise(to, false);
    return reformat;
}

bool DateReformat::readFast(QByteArrayView value, QDate *date) const
{
    int day = 0, month = 0, year = 0;
    qsizetype at = 0;
    for (const Token &token : m_read) {
        if (token.kind == Token::Literal) {
            if (at >= value.size() || value[at] != token.literal)
                return false;
            ++at;
            continue;
        }
        if (at + token.width > value.size())
            return false;
        int number = 0;
        for (int k = 0; k < token.width; ++k) {
            const char c = value[at + k];
            if (!isDigit(c))
                return false;
            number = number * 10 + (c - '0');
        }
        at += token.width;
        (token.kind == Token::Day ? day : token.kind == Token::Month ? month : year) = number;
    }
    if (at != value.size() || !QDate::isValid(year, month, day))
        return false;
    *date = QDate(year, month, day);
    return true;
}

void DateReformat::writeFast(QDate date, std::string &out) const
{
    out.clear();
    for (const Token &token : m_write) {
        if (token.kind == Token::Literal) {
            out.push_back(token.literal);
            continue;
        }
        const int number = token.kind == Token::Day     ? date.day()
                           : token.kind == Token::Month ? date.month()
                                                        : date.year();
        char digits[4];
        int count = 0;
        for (int rest = number; count < 4 && (rest > 0 || count < token.width); rest /= 10)
            digits[count++] = static_cast<char>('0' + rest % 10);
        while (count > 0)
            out.push_back(digits[--count]);
    }
}

std::optional<QByteArrayView> DateReformat::apply(QByteArrayView in, std::string &scratch,
                                                  QString *problem) const
{
    const QByteArrayView value = text::trimmed(in);
    if (value.isEmpty())
        return value;

    QDate date;
    if (!(m_fastPathEnabled && !m_read.empty() && readFast(value, &date)))
        date = QDate::fromString(QString::fromUtf8(value), m_from);
    if (!date.isValid()) {
        if (problem)
            *problem = tr("%1 is not a date in the form %2.").arg(text::quoted(value), m_from);
        return std::nullopt;
    }
    // The fast writer has four year digits; other years (before 1000) go through Qt, which
    // pads them the same way but also handles years before the common era.
    if (m_fastPathEnabled && !m_write.empty() && date.year() >= 1000 && date.year() <= 9999) {
        writeFast(date, scratch);
    } else {
        const QByteArray text = date.toString(m_to).toUtf8();
        scratch.assign(text.constData(), static_cast<size_t>(text.size()));
    }
    return QByteArrayView(scratch.data(), static_cast<qsizetype>(scratch.size()));
}

} // namespace courier
