#pragma once

#include <optional>
#include <QByteArrayView>
#include <QCoreApplication>
#include <QString>
#include <QStringList>
#include <string>

namespace courier {

// One step in a field's transform chain. The first mapping knows text clean-up only; the
// mapping engine adds normalisation (email, E.164) and hashing as further kinds, each with a
// stable name used in saved shares and on the command line.
enum class TransformKind {
    Trim,      // strip leading and trailing white space (ASCII and no-break space)
    Lowercase, // Unicode-aware; ASCII fast path
    Uppercase,
};

class Transform
{
    Q_DECLARE_TR_FUNCTIONS(Transform)

public:
    explicit Transform(TransformKind kind)
        : m_kind(kind)
    {}

    TransformKind kind() const { return m_kind; }
    // The stable key: "trim", "lowercase", "uppercase".
    QString name() const;
    QString displayName() const;

    static std::optional<Transform> fromName(QStringView name);
    static QStringList names();

    // Applies the transform to in. The result views either in or scratch, which the caller owns
    // and which must outlive the result.
    QByteArrayView apply(QByteArrayView in, std::string &scratch) const;

    friend bool operator==(const Transform &, const Transform &) = default;

private:
    TransformKind m_kind;
};

namespace text {
QByteArrayView trimmed(QByteArrayView in);
QByteArrayView toLower(QByteArrayView in, std::string &scratch);
QByteArrayView toUpper(QByteArrayView in, std::string &scratch);
} // namespace text

} // namespace courier
