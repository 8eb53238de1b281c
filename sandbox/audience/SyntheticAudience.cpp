#include "sandbox/audience/SyntheticAudience.h"

#include "sandbox/audience/SplitMix.h"

#include <array>

using namespace Qt::StringLiterals;

namespace courier::sandbox {

namespace {

// '#' in a pattern is a digit, '@' an upper-case letter.
struct CountryData
{
    const char *iso;
    std::array<const char *, 8> first;
    std::array<const char *, 8> last;
    std::array<const char *, 4> city;
    const char *postal;
    std::array<const char *, 4> phone;
    std::array<const char *, 3> domain;
};

// Weights (percent): SE 25, US 20, GB 15, DE 15, FR 13, IT 12.
constexpr int CountryWeights[] = {25, 45, 60, 75, 88, 100};

const CountryData Countries[] = {
    {"SE",
     {"Åsa", "Björn", "Karl", "Märta", "Linnéa", "Sören", "Erik", "Maja"},
     {"Svensson", "Öberg", "Ångström", "Lindqvist", "Sjöberg", "Johansson", "Nilsson", "Håkansson"},
     {"Stockholm", "Göteborg", "Malmö", "Uppsala"},
     "### ##",
     {"+46 7#-### ## ##", "07#-### ## ##", "07########", "+467########"},
     {"gmail.com", "telia.com", "example.se"}},
    {"US",
     {"Jane", "Michael", "José", "Emily", "David", "Sarah", "Robert \"Bob\"", "Mary"},
     {"Doe", "Smith", "García", "Johnson", "O'Connor", "Nguyen", "Williams", "Brown"},
     {"New York", "Washington, D.C.", "Chicago", "San José"},
     "#####",
     {"(212) 5##-####", "+1 212 5## ####", "212-5##-####", "+1 (646) ###-####"},
     {"gmail.com", "outlook.com", "example.com"}},
    {"GB",
     {"Oliver", "Amelia", "Harry", "Isla", "Siân", "George", "Olivia", "Jack"},
     {"Smith", "Jones", "O'Brien", "Taylor", "Brown", "Davies", "Evans", "Wilson"},
     {"London", "Manchester", "Leeds", "Bristol"},
     "@@# #@@",
     {"020 7946 0###", "+44 20 7946 0###", "07700 9#####", "+44 7700 9#####"},
     {"gmail.com", "yahoo.co.uk", "example.co.uk"}},
    {"DE",
     {"Jürgen", "Anna", "Lukas", "Sophie", "Jörg", "Max", "Lena", "Günter"},
     {"Müller", "Schröder", "Groß", "Schmidt", "Fischer", "Weiß", "Köhler", "Becker"},
     {"Berlin", "München", "Köln", "Hamburg"},
     "#####",
     {"+49 30 ########", "030 ########", "0151 ########", "+49 151 ########"},
     {"web.de", "gmx.de", "example.de"}},
    {"FR",
     {"Hélène", "Benoît", "Chloé", "Léa", "Jérôme", "Camille", "Théo", "Zoé"},
     {"Lefèvre", "Dupont", "Martin", "Bernard", "Moreau", "Girard", "Rousseau", "Fontaine"},
     {"Paris", "Lyon", "Orléans", "Nantes"},
     "#####",
     {"+33 1 ## ## ## ##", "01 ## ## ## ##", "06 ## ## ## ##", "+33 6 ## ## ## ##"},
     {"orange.fr", "gmail.com", "example.fr"}},
    {"IT",
     {"Niccolò", "Francesca", "Giulia", "Lorenzo", "Matteo", "Chiara", "Alessandro", "Sofia"},
     {"Rossi", "Bianchi", "D'Angelo", "Romano", "Colombo", "Ricci", "Marino", "Greco"},
     {"Roma", "Milano", "Torino", "Napoli"},
     "#####",
     {"+39 06 6988 ####", "06 6988 ####", "+39 347 ### ####", "347 ### ####"},
     {"libero.it", "gmail.com", "example.it"}},
};

// Salts: one independent hash per decision.
enum Salt : quint64 {
    SaltCountry = 1,
    SaltFirst,
    SaltLast,
    SaltDevice1,
    SaltDevice2,
    SaltUser,
    SaltEmail,
    SaltPhone,
    SaltPhoneDigits,
    SaltCity,
    SaltPostal,
    SaltValue,
    SaltSeen,
};

constexpr char Hex[] = "0123456789abcdef";

void appendNumber(QByteArray &out, quint64 value, int minDigits = 1)
{
    char buffer[24];
    int n = 0;
    do {
        buffer[n++] = char('0' + value % 10);
        value /= 10;
    } while (value != 0);
    while (n < minDigits)
        buffer[n++] = '0';
    while (n > 0)
        out += buffer[--n];
}

// ASCII for an e-mail local part: letters lower-cased, Latin-1 accents folded (å→a, ß→s),
// apostrophes, quotes and spaces dropped.
void appendFolded(QByteArray &out, const char *utf8)
{
    // U+00C0..U+00DF and U+00E0..U+00FF fold alike; '_' marks × and ÷ (dropped).
    static constexpr char Fold[] = "aaaaaaaceeeeiiiidnooooo_ouuuuyts";
    for (auto *p = reinterpret_cast<const unsigned char *>(utf8); *p; ++p) {
        const unsigned char c = *p;
        if (c < 0x80) {
            if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')
                out += char(c);
            else if (c >= 'A' && c <= 'Z')
                out += char(c - 'A' + 'a');
        } else if (c == 0xC3 && p[1] >= 0x80 && p[1] < 0xC0) {
            const char folded = Fold[(p[1] - 0x80) & 0x1F];
            if (folded != '_')
                out += folded;
            ++p;
        }
    }
}

void appendPattern(QByteArray &out, const char *pattern, quint64 digits)
{
    for (const char *p = pattern; *p; ++p) {
        if (*p == '#') {
            out += char('0' + digits % 10);
            digits /= 10;
            if (digits == 0)
                digits = splitMix64(digits + quint64(p - pattern));
        } else if (*p == '@') {
            out += char('A' + digits % 26);
            digits /= 26;
        } else {
            out += *p;
        }
    }
}

// Proleptic Gregorian calendar (H. Hinnant's algorithm): days since 1970-01-01 → y, m, d.
void appendDate(QByteArray &out, qint64 days)
{
    days += 719468;
    const qint64 era = (days >= 0 ? days : days - 146096) / 146097;
    const qint64 doe = days - era * 146097;
    const qint64 yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const qint64 doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const qint64 mp = (5 * doy + 2) / 153;
    const qint64 d = doy - (153 * mp + 2) / 5 + 1;
    const qint64 m = mp < 10 ? mp + 3 : mp - 9;
    const qint64 y = yoe + era * 400 + (m <= 2 ? 1 : 0);
    appendNumber(out, quint64(y), 4);
    out += '-';
    appendNumber(out, quint64(m), 2);
    out += '-';
    appendNumber(out, quint64(d), 2);
}

bool needsQuotes(QByteArrayView value)
{
    if (!value.isEmpty() && (value.front() == ' ' || value.back() == ' '))
        return true;
    for (const char c : value) {
        if (c == ',' || c == '"' || c == '\r' || c == '\n')
            return true;
    }
    return false;
}

constexpr qint64 Epoch2023 = 19358; // 2023-01-01 in days since 1970-01-01

const QByteArrayList &columnNames()
{
    static const QByteArrayList names{"device_id"_ba,      "user_id"_ba,    "email"_ba,
                                      "phone"_ba,          "first_name"_ba, "last_name"_ba,
                                      "country"_ba,        "city"_ba,       "postal_code"_ba,
                                      "lifetime_value"_ba, "last_seen"_ba};
    return names;
}

} // namespace

struct SyntheticAudience::Draw
{
    qint64 index;
    quint64 base;
    const CountryData *country;
    const char *first;
    const char *last;
    quint64 hash(quint64 salt) const { return mix64(base, salt); }
};

SyntheticAudience::SyntheticAudience(quint64 seed, qint64 size)
    : m_seed(seed)
    , m_size(size)
{}

SyntheticAudience::Draw SyntheticAudience::draw(qint64 index) const
{
    Draw d{index, mix64(m_seed, quint64(index)), nullptr, nullptr, nullptr};
    const int roll = int(d.hash(SaltCountry) % 100);
    int c = 0;
    while (roll >= CountryWeights[c])
        ++c;
    d.country = &Countries[c];
    d.first = d.country->first[d.hash(SaltFirst) % 8];
    d.last = d.country->last[d.hash(SaltLast) % 8];
    return d;
}

void SyntheticAudience::appendField(const Draw &d, Column column, QByteArray &out)
{
    switch (column) {
    case DeviceId: {
        const quint64 parts[2] = {d.hash(SaltDevice1), d.hash(SaltDevice2)};
        for (int nibble = 0; nibble < 32; ++nibble) {
            if (nibble == 8 || nibble == 12 || nibble == 16 || nibble == 20)
                out += '-';
            int v = int((parts[nibble / 16] >> ((nibble % 16) * 4)) & 0xF);
            if (nibble == 12)
                v = 4; // version 4, like a random UUID
            else if (nibble == 16)
                v = 8 | (v & 3); // RFC 4122 variant
            out += Hex[v];
        }
        return;
    }
    case UserId:
        if (d.hash(SaltUser) % 5 == 0)
            return; // not logged in: no user id
        out += 'U';
        appendNumber(out, quint64(d.index) + 1, 8);
        return;
    case Email: {
        const quint64 h = d.hash(SaltEmail);
        const bool spaced = (h >> 24) % 20 == 0; // 5 %: pasted with stray spaces
        const bool shouty = (h >> 16) % 10 == 0; // 10 %: typed with capitals
        if (spaced)
            out += ' ';
        const qsizetype start = out.size();
        const quint64 index = quint64(d.index);
        switch (h % 5) {
        case 0: // jane.doe.1234@
            appendFolded(out, d.first);
            out += '.';
            appendFolded(out, d.last);
            out += '.';
            appendNumber(out, index);
            break;
        case 1: // karl.svensson+news1234@
            appendFolded(out, d.first);
            out += '.';
            appendFolded(out, d.last);
            out += "+news";
            appendNumber(out, index);
            break;
        case 2: { // j.doe1234@
            const qsizetype initial = out.size();
            appendFolded(out, d.first);
            out.truncate(initial + 1);
            out += '.';
            appendFolded(out, d.last);
            appendNumber(out, index);
            break;
        }
        case 3: // doe_jane1234@
            appendFolded(out, d.last);
            out += '_';
            appendFolded(out, d.first);
            appendNumber(out, index);
            break;
        default: // jane1234@
            appendFolded(out, d.first);
            appendNumber(out, index);
            break;
        }
        out += '@';
        const qsizetype at = out.size();
        out += d.country->domain[(h >> 8) % 3];
        if (shouty) {
            // Jane.Doe.1234@Example.COM
            bool wordStart = true;
            for (qsizetype i = start; i < at; ++i) {
                char &ch = out[i];
                if (wordStart && ch >= 'a' && ch <= 'z')
                    ch = char(ch - 'a' + 'A');
                wordStart = ch == '.' || ch == '_';
            }
            out[at] = char(out[at] >= 'a' && out[at] <= 'z' ? out[at] - 'a' + 'A' : out[at]);
            for (qsizetype i = out.lastIndexOf('.') + 1; i < out.size(); ++i)
                out[i] = char(out[i] >= 'a' && out[i] <= 'z' ? out[i] - 'a' + 'A' : out[i]);
        }
        if (spaced)
            out += (h >> 32) % 2 ? " "_ba : "  "_ba;
        return;
    }
    case Phone: {
        const quint64 h = d.hash(SaltPhone);
        if (h % 12 == 0)
            return; // no phone on file
        appendPattern(out, d.country->phone[(h >> 8) % 4], d.hash(SaltPhoneDigits));
        return;
    }
    case FirstName:
        out += d.first;
        return;
    case LastName:
        out += d.last;
        return;
    case Country:
        out += d.country->iso;
        return;
    case City:
        out += d.country->city[d.hash(SaltCity) % 4];
        return;
    case PostalCode:
        appendPattern(out, d.country->postal, d.hash(SaltPostal));
        return;
    case LifetimeValue: {
        const quint64 h = d.hash(SaltValue);
        const quint64 cents = h % 10 == 0 ? 0 : (h >> 8) % 500000;
        appendNumber(out, cents / 100);
        out += '.';
        appendNumber(out, cents % 100, 2);
        return;
    }
    case LastSeen:
        appendDate(out, Epoch2023 + qint64(d.hash(SaltSeen) % 912));
        return;
    case ColumnCount:
        return;
    }
}

SyntheticAudience::Member SyntheticAudience::member(qint64 index) const
{
    const Draw d = draw(index);
    Member m;
    appendField(d, DeviceId, m.deviceId);
    appendField(d, UserId, m.userId);
    appendField(d, Email, m.email);
    appendField(d, Phone, m.phone);
    appendField(d, FirstName, m.firstName);
    appendField(d, LastName, m.lastName);
    appendField(d, Country, m.country);
    appendField(d, City, m.city);
    appendField(d, PostalCode, m.postalCode);
    appendField(d, LifetimeValue, m.lifetimeValue);
    appendField(d, LastSeen, m.lastSeen);
    return m;
}

QByteArray SyntheticAudience::field(qint64 index, Column column) const
{
    QByteArray out;
    appendField(draw(index), column, out);
    return out;
}

void SyntheticAudience::appendCsvField(QByteArrayView value, QByteArray &out)
{
    if (!needsQuotes(value)) {
        out += value;
        return;
    }
    out += '"';
    for (const char c : value) {
        if (c == '"')
            out += '"';
        out += c;
    }
    out += '"';
}

void SyntheticAudience::appendCsvRow(qint64 index, const QList<Column> &columns,
                                     QByteArray &out) const
{
    const Draw d = draw(index);
    const qsizetype rowStart = out.size();
    bool firstColumn = true;
    for (const Column column : columns) {
        if (!firstColumn)
            out += ',';
        firstColumn = false;
        const qsizetype start = out.size();
        appendField(d, column, out);
        // Only these columns can hold a comma, a quote or edge spaces; the rest never need
        // quoting, so they skip the scan.
        if (column == Email || column == FirstName || column == LastName || column == City) {
            if (needsQuotes(QByteArrayView(out).sliced(start))) {
                const QByteArray value = out.mid(start);
                out.truncate(start);
                appendCsvField(value, out);
            }
        }
    }
    // A record of one empty field would be a blank line, which CSV readers skip as no record
    // at all; quoting it keeps the row (and the row count the job announced).
    if (columns.size() == 1 && out.size() == rowStart)
        out += "\"\"";
    out += "\r\n";
}

void SyntheticAudience::appendCsvHeader(const QList<Column> &columns, QByteArray &out)
{
    bool firstColumn = true;
    for (const Column column : columns) {
        if (!firstColumn)
            out += ',';
        firstColumn = false;
        out += columnName(column);
    }
    out += "\r\n";
}

QByteArray SyntheticAudience::columnName(Column column)
{
    return column >= 0 && column < ColumnCount ? columnNames().at(column) : QByteArray();
}

std::optional<SyntheticAudience::Column> SyntheticAudience::columnFromName(QByteArrayView name)
{
    const qsizetype index = columnNames().indexOf(name.toByteArray());
    if (index < 0)
        return std::nullopt;
    return Column(index);
}

QList<SyntheticAudience::Column> SyntheticAudience::allColumns()
{
    QList<Column> columns;
    for (int c = 0; c < ColumnCount; ++c)
        columns.append(Column(c));
    return columns;
}

QByteArrayList SyntheticAudience::identifierNames()
{
    return {"email"_ba, "phone"_ba, "device_id"_ba, "user_id"_ba};
}

QByteArrayList SyntheticAudience::attributeNames()
{
    return {"first_name"_ba,  "last_name"_ba,      "country"_ba,  "city"_ba,
            "postal_code"_ba, "lifetime_value"_ba, "last_seen"_ba};
}

} // namespace courier::sandbox
