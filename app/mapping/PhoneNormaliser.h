#pragma once

#include <memory>
#include <optional>
#include <QByteArrayView>
#include <QCoreApplication>
#include <QString>
#include <string>

namespace courier {

// Phone numbers in E.164 (Google: "+12125650000") or as its digits without the plus (Meta's
// PHONE: "12125650000"), parsed and validated with Google's libphonenumber. A number written
// without a country code ("070-123 45 67", "(212) 565-0000") is read as a number of the
// default region (ISO 3166-1 alpha-2, e.g. "SE"); one with a "+" or an international prefix
// ("0046…" from Sweden) keeps its own country. Numbers libphonenumber does not consider valid
// for their country are rejected, with the reason.
//
// Parsing is libphonenumber's slow part (~12 µs a number). A value that already is compact
// E.164 ("+46701234567") takes a fast path: its country code is split off by table and the
// number is validated as it is, without Parse() (~3x faster). A value the fast path does not
// accept goes through Parse(), so the fast path never changes what is accepted or rejected,
// only how fast.
//
// Not thread-safe (it keeps parse buffers); each Mapper has its own.
class PhoneNormaliser
{
    Q_DECLARE_TR_FUNCTIONS(PhoneNormaliser)

public:
    enum class Format {
        E164,   // "+12125650000"
        Digits, // "12125650000"
    };

    explicit PhoneNormaliser(QStringView defaultRegion = {});
    ~PhoneNormaliser();
    PhoneNormaliser(const PhoneNormaliser &other);
    PhoneNormaliser &operator=(const PhoneNormaliser &other);
    PhoneNormaliser(PhoneNormaliser &&) noexcept;
    PhoneNormaliser &operator=(PhoneNormaliser &&) noexcept;

    // A region libphonenumber has numbering data for (two letters, either case).
    static bool isKnownRegion(QStringView region);

    // Upper case, as given to the constructor; empty when numbers must carry a country code.
    QString defaultRegion() const;

    // On by default; off only to measure or to check that it changes nothing.
    void setFastPathEnabled(bool enabled) { m_fastPath = enabled; }

    // Returns the number in format, viewing in or scratch (which must outlive it). An empty or
    // blank value gives an empty result. On failure, returns nothing and sets *problem to a
    // translated sentence naming the value and what is wrong with it.
    std::optional<QByteArrayView> normalise(QByteArrayView in, std::string &scratch, Format format,
                                            QString *problem);

private:
    struct Parser; // libphonenumber's types stay out of this header
    std::optional<QByteArrayView> fastPath(QByteArrayView value, Format format);

    std::string m_region; // "ZZ" (libphonenumber's "unknown") when there is no default region
    bool m_fastPath = true;
    std::unique_ptr<Parser> m_parser; // created on first use
};

} // namespace courier
