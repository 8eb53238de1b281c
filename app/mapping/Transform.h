#pragma once

#include "Hashing.h"
#include "PhoneNormaliser.h"

#include <memory>
#include <optional>
#include <QByteArrayView>
#include <QCoreApplication>
#include <QJsonValue>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>
#include <string>

namespace courier {

// One step in a field's transform chain, with a stable name used in saved shares and on the
// command line. Empty (or blank) values pass every normalising transform as empty values, so a
// missing phone number is "no phone number", not an error; whether a row still says who the
// member is, is the Mapper's question.
enum class TransformKind {
    Trim,         // "trim": strip leading and trailing white space (ASCII and no-break space)
    Lowercase,    // "lowercase": Unicode-aware; ASCII fast path
    Uppercase,    // "uppercase"
    Email,        // "email": trimmed, lower-cased, checked to be an address (Meta and Google)
    EmailGmail,   // "email_gmail": "email", then Google's dot removal for gmail.com/googlemail.com
    PhoneE164,    // "phone_e164": +CCNNN… (libphonenumber, the mapping's default region); Google
    PhoneDigits,  // "phone_digits": E.164 without the plus; Meta's PHONE
    Sha256,       // "sha256": lower-case hex; empty stays empty; an existing hash is kept
    DateFormat,   // "date": from one Qt date pattern to another
    ValueMap,     // "map": listed values replaced, others kept
    DefaultValue, // "default": a value where the cell is empty
};

// The parameters of "date", "map" and "default"; empty for the other transforms.
struct TransformParameters
{
    QString from;                  // date: the pattern values are written in, e.g. "dd/MM/yyyy"
    QString to;                    // date: the pattern to write, e.g. "yyyy-MM-dd"
    QMap<QString, QString> values; // map: value → replacement
    bool ignoreCase = false;       // map: values match whatever their case
    QString value;                 // default: what an empty cell becomes

    friend bool operator==(const TransformParameters &, const TransformParameters &) = default;
};

// What transforms reuse from one value to the next: the phone parser with the mapping's default
// region, a SHA-256 context. One per thread of work (a Mapper owns one); copying gives a fresh
// one with the same region.
struct TransformWorkspace
{
    explicit TransformWorkspace(QStringView defaultRegion = {})
        : phone(defaultRegion)
    {}

    PhoneNormaliser phone;
    Sha256Hasher sha256;
};

// JSON form, inside a field's "transforms" array (a plain name still reads for every transform,
// so mappings saved before parameters existed load unchanged):
//   "trim", "lowercase", "uppercase", "email", "email_gmail", "phone_e164", "phone_digits",
//   "sha256"
//   {"name": "date", "from": "dd/MM/yyyy", "to": "yyyy-MM-dd"}        ("to" defaults to ISO)
//   {"name": "map", "values": {"Female": "f", "Male": "m"}, "ignoreCase": true}
//   {"name": "default", "value": "SE"}
//
// Command-line form (see Mapping::parseSpec), a comma-separated list of:
//   trim | lowercase | … | sha256
//   date(dd/MM/yyyy>yyyy-MM-dd)      date(dd/MM/yyyy) writes yyyy-MM-dd
//   map(Female=f,Male=m)             map_i(…) matches ignoring case
//   default(SE)
// Inside the parentheses a backslash takes the next character literally: \, \= \> \) \\ .
class Transform
{
    Q_DECLARE_TR_FUNCTIONS(Transform)

public:
    // Without parameters; "date", "map" and "default" made this way are not valid until they
    // have some (see isValid()).
    explicit Transform(TransformKind kind);

    static Transform date(const QString &from, const QString &to = isoDatePattern());
    static Transform valueMap(const QMap<QString, QString> &values, bool ignoreCase = false);
    static Transform defaultValue(const QString &value);
    static QString isoDatePattern() { return QStringLiteral("yyyy-MM-dd"); }

    TransformKind kind() const { return m_kind; }
    const TransformParameters &parameters() const;
    // True for "date", "map" and "default".
    bool takesParameters() const;
    // True when the output is a hash: the value can no longer be read, only matched.
    bool producesHash() const { return m_kind == TransformKind::Sha256; }

    // The stable key: "trim", "email", "date", … (without parameters).
    QString name() const;
    QString displayName() const;

    // Any known name, case-insensitive; parametrised kinds come without parameters.
    static std::optional<Transform> fromName(QStringView name);
    static QStringList names();

    // False, with the reason, for a "date" whose patterns do not work, an empty "map" or a
    // "default" without a value.
    bool isValid(QString *error = nullptr) const;

    QJsonValue toJson() const;
    static std::optional<Transform> fromJson(const QJsonValue &json, QString *error = nullptr);

    QString toSpec() const;
    static std::optional<Transform> fromSpec(QStringView spec, QString *error = nullptr);
    // "trim,date(dd/MM/yyyy),map(a=b,c=d)": commas inside parentheses belong to the transform.
    static std::optional<QList<Transform>> listFromSpec(QStringView spec, QString *error = nullptr);
    static QString listToSpec(const QList<Transform> &transforms);

    // Applies the transform to in. The result views in or scratch (caller-owned; it must
    // outlive the result and must not hold in). When the value cannot be transformed — not an
    // address, not a valid number, not a date in the pattern — returns nothing and sets
    // *problem to a translated sentence naming the value and what is wrong.
    std::optional<QByteArrayView> apply(QByteArrayView in, std::string &scratch,
                                        TransformWorkspace &workspace, QString *problem) const;
    // Convenience for one-off values (tests, previews): a workspace without default region,
    // and an empty result where the value cannot be transformed.
    QByteArrayView apply(QByteArrayView in, std::string &scratch) const;

    friend bool operator==(const Transform &a, const Transform &b)
    {
        return a.m_kind == b.m_kind && a.parameters() == b.parameters();
    }

private:
    struct Compiled; // the parameters and what apply() derives from them, shared by copies

    Transform(TransformKind kind, TransformParameters parameters);

    TransformKind m_kind;
    std::shared_ptr<const Compiled> m_compiled; // null without parameters
};

// Runs a chain of transforms over one value. The result views in, scratch or scratch2 (both
// caller-owned; the chain alternates between them so no transform overwrites its input).
std::optional<QByteArrayView> applyTransforms(const QList<Transform> &transforms, QByteArrayView in,
                                              std::string &scratch, std::string &scratch2,
                                              TransformWorkspace &workspace, QString *problem);

namespace text {
QByteArrayView trimmed(QByteArrayView in);
QByteArrayView toLower(QByteArrayView in, std::string &scratch);
QByteArrayView toUpper(QByteArrayView in, std::string &scratch);
// A value quoted for a message (“like this”): at most 48 characters, control characters shown
// as "?", so a broken cell cannot make a log line unreadable.
QString quoted(QByteArrayView value);
} // namespace text

} // namespace courier
