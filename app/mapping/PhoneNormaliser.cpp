#include "PhoneNormaliser.h"

#include "Hashing.h"
#include "Transform.h"

#include <array>
#include <phonenumbers/phonenumber.pb.h>
#include <phonenumbers/phonenumberutil.h>

namespace courier {

using i18n::phonenumbers::PhoneNumber;
using i18n::phonenumbers::PhoneNumberUtil;

namespace {

constexpr char UnknownRegion[] = "ZZ";

const PhoneNumberUtil &util()
{
    return *PhoneNumberUtil::GetInstance();
}

// Which 1–3 digit numbers are country codes. ITU country codes are prefix-free, so at most
// one prefix of a number matches.
const std::array<bool, 1000> &countryCodes()
{
    static const std::array<bool, 1000> table = [] {
        std::array<bool, 1000> codes{};
        std::string region;
        for (int code = 1; code < 1000; ++code) {
            util().GetRegionCodeForCountryCode(code, &region);
            codes[static_cast<size_t>(code)] = region != UnknownRegion;
        }
        return codes;
    }();
    return table;
}

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

} // namespace

struct PhoneNormaliser::Parser
{
    PhoneNumber number;
    std::string input;
    std::string output;
};

PhoneNormaliser::PhoneNormaliser(QStringView defaultRegion)
    : m_region(defaultRegion.isEmpty() ? std::string(UnknownRegion)
                                       : defaultRegion.toString().toUpper().toStdString())
{}

PhoneNormaliser::~PhoneNormaliser() = default;

PhoneNormaliser::PhoneNormaliser(const PhoneNormaliser &other)
    : m_region(other.m_region)
    , m_fastPath(other.m_fastPath)
{}

PhoneNormaliser &PhoneNormaliser::operator=(const PhoneNormaliser &other)
{
    m_region = other.m_region;
    m_fastPath = other.m_fastPath;
    return *this;
}

PhoneNormaliser::PhoneNormaliser(PhoneNormaliser &&) noexcept = default;
PhoneNormaliser &PhoneNormaliser::operator=(PhoneNormaliser &&) noexcept = default;

bool PhoneNormaliser::isKnownRegion(QStringView region)
{
    if (region.size() != 2)
        return false;
    return util().GetCountryCodeForRegion(region.toString().toUpper().toStdString()) != 0;
}

QString PhoneNormaliser::defaultRegion() const
{
    return m_region == UnknownRegion ? QString() : QString::fromStdString(m_region);
}

std::optional<QByteArrayView> PhoneNormaliser::fastPath(QByteArrayView value, Format format)
{
    // "+" and 3 to 15 digits, nothing else; a national number starting with 0 (Italy keeps its
    // leading zero in E.164) is left to Parse(), which knows how to store it.
    if (value.size() < 4 || value.size() > 16 || value.front() != '+')
        return std::nullopt;
    for (qsizetype i = 1; i < value.size(); ++i) {
        if (!isDigit(value[i]))
            return std::nullopt;
    }
    int countryCode = 0;
    qsizetype national = 1;
    for (; national <= 3; ++national) {
        countryCode = countryCode * 10 + (value[national] - '0');
        if (countryCodes()[static_cast<size_t>(countryCode)])
            break;
    }
    ++national;
    if (national > 4 || value.size() - national < 2 || value[national] == '0')
        return std::nullopt;
    quint64 nationalNumber = 0;
    for (qsizetype i = national; i < value.size(); ++i)
        nationalNumber = nationalNumber * 10 + static_cast<quint64>(value[i] - '0');

    if (!m_parser)
        m_parser = std::make_unique<Parser>();
    PhoneNumber &number = m_parser->number;
    number.Clear();
    number.set_country_code(countryCode);
    number.set_national_number(nationalNumber);
    if (!util().IsValidNumber(number))
        return std::nullopt;
    // Compact E.164 is its own formatting.
    return format == Format::E164 ? value : value.sliced(1);
}

std::optional<QByteArrayView> PhoneNormaliser::normalise(QByteArrayView in, std::string &scratch,
                                                         Format format, QString *problem)
{
    const QByteArrayView value = text::trimmed(in);
    if (value.isEmpty())
        return value;
    if (m_fastPath) {
        if (const auto fast = fastPath(value, format))
            return fast;
    }

    auto fail = [&](const QString &message) -> std::optional<QByteArrayView> {
        if (problem)
            *problem = message;
        return std::nullopt;
    };
    if (Sha256Hasher::looksLikeHexDigest(value))
        return fail(tr("%1 is already a SHA-256 hash, not a phone number; leave the phone "
                       "transform out for a column of hashes.")
                        .arg(text::quoted(value)));

    if (!m_parser)
        m_parser = std::make_unique<Parser>();
    Parser &parser = *m_parser;
    parser.input.assign(value.data(), static_cast<size_t>(value.size()));
    parser.number.Clear();
    const bool hasRegion = m_region != UnknownRegion;
    switch (util().Parse(parser.input, m_region, &parser.number)) {
    case PhoneNumberUtil::NO_PARSING_ERROR:
        break;
    case PhoneNumberUtil::INVALID_COUNTRY_CODE_ERROR:
        if (!hasRegion && value.front() != '+')
            return fail(tr("%1 has no country code and the share has no default region: write "
                           "numbers with +country code, or set the default region.")
                            .arg(text::quoted(value)));
        return fail(tr("%1 does not start with a known country code.").arg(text::quoted(value)));
    case PhoneNumberUtil::NOT_A_NUMBER:
        return fail(tr("%1 is not a phone number.").arg(text::quoted(value)));
    case PhoneNumberUtil::TOO_SHORT_AFTER_IDD:
    case PhoneNumberUtil::TOO_SHORT_NSN:
        return fail(tr("%1 is too short to be a phone number.").arg(text::quoted(value)));
    case PhoneNumberUtil::TOO_LONG_NSN:
        return fail(tr("%1 is too long to be a phone number.").arg(text::quoted(value)));
    }

    if (!util().IsValidNumber(parser.number)) {
        const int countryCode = parser.number.country_code();
        if (hasRegion && countryCode == util().GetCountryCodeForRegion(m_region))
            return fail(tr("%1 is not a valid number for region %2.")
                            .arg(text::quoted(value), QString::fromStdString(m_region)));
        return fail(tr("%1 is not a valid number for country code +%2.")
                        .arg(text::quoted(value))
                        .arg(countryCode));
    }

    util().Format(parser.number, PhoneNumberUtil::E164, &parser.output);
    const size_t skip = format == Format::Digits && !parser.output.empty() ? 1 : 0;
    scratch.assign(parser.output, skip);
    return QByteArrayView(scratch.data(), static_cast<qsizetype>(scratch.size()));
}

} // namespace courier
