#pragma once

#include <optional>
#include <QByteArrayView>
#include <QCoreApplication>
#include <QDate>
#include <QString>
#include <string>
#include <vector>

namespace courier {

// Rewrites dates from one Qt date pattern to another, e.g. "dd/MM/yyyy" → "yyyy-MM-dd", or
// "d MMM yyyy" → "yyyy" for Meta's DOBY. Patterns are those of QDate::fromString() and
// QDate::toString() (C locale: "MMM" is "Jan", "Feb", …; "yy" reads as 19yy); text in single
// quotes is literal. Dates only: a pattern with hours, minutes or seconds is refused.
//
// The usual numeric patterns ("dd", "MM", "yyyy" and separators) are parsed and written on the
// bytes without a QString per value. Anything else, and any value that fast path does not
// match, goes through QDate, so the fast path changes nothing but the speed.
class DateReformat
{
    Q_DECLARE_TR_FUNCTIONS(DateReformat)

public:
    // Fails, with the reason in *error, when a pattern is empty, has no date field or has time
    // fields.
    static std::optional<DateReformat> create(const QString &from, const QString &to,
                                              QString *error = nullptr);

    QString from() const { return m_from; }
    QString to() const { return m_to; }

    // Returns the date in the output pattern, viewing scratch (which must outlive it). An
    // empty or blank value gives an empty result. On failure, returns nothing and sets
    // *problem to a translated sentence naming the value and the pattern it does not match.
    std::optional<QByteArrayView> apply(QByteArrayView in, std::string &scratch,
                                        QString *problem) const;

    // For tests and measurements: whether the byte-level reader and writer apply, and a switch
    // to turn them off.
    bool hasFastPath() const { return !m_read.empty() && !m_write.empty(); }
    void setFastPathEnabled(bool enabled) { m_fastPathEnabled = enabled; }

private:
    struct Token
    {
        enum Kind : unsigned char { Literal, Day, Month, Year } kind;
        unsigned char width; // digits: 1 = as few as needed, 2 or 4 = zero-padded
        char literal;
    };
    using Tokens = std::vector<Token>;

    bool readFast(QByteArrayView value, QDate *date) const;
    void writeFast(QDate date, std::string &out) const;

    QString m_from;
    QString m_to;
    Tokens m_read;  // empty: m_from needs QDate
    Tokens m_write; // empty: m_to needs QDate
    bool m_fastPathEnabled = true;
};

} // namespace courier
