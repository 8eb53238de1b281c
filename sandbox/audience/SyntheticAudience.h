#pragma once

#include <optional>
#include <QByteArray>
#include <QByteArrayList>
#include <QList>

namespace courier::sandbox {

// A deterministic, made-up audience: member(i) is a pure function of (seed, i), so any slice
// of a 100-million-member audience can be generated on demand, in any order, and the same
// request always gives the same bytes. The data is deliberately untidy the way real exports
// are: mixed-case e-mails with stray spaces, phone numbers in national and international
// formats, names with Å, ö and è, a city with a comma, missing user ids and phones.
class SyntheticAudience
{
public:
    enum Column {
        DeviceId,
        UserId,
        Email,
        Phone,
        FirstName,
        LastName,
        Country,
        City,
        PostalCode,
        LifetimeValue,
        LastSeen,
        ColumnCount
    };

    struct Member
    {
        QByteArray deviceId;  // UUID-like, lower-case hex
        QByteArray userId;    // "U00001234", empty for about a fifth
        QByteArray email;     // unique per index; case and spacing vary
        QByteArray phone;     // national or international format; empty for some
        QByteArray firstName; // UTF-8
        QByteArray lastName;
        QByteArray country; // ISO 3166-1 alpha-2
        QByteArray city;
        QByteArray postalCode;
        QByteArray lifetimeValue; // "123.45"
        QByteArray lastSeen;      // "2024-05-17"
    };

    SyntheticAudience(quint64 seed, qint64 size);

    quint64 seed() const { return m_seed; }
    qint64 size() const { return m_size; }

    Member member(qint64 index) const;
    QByteArray field(qint64 index, Column column) const;

    // One CSV record (RFC 4180 quoting where needed, CRLF) of these columns, in this order.
    void appendCsvRow(qint64 index, const QList<Column> &columns, QByteArray &out) const;
    static void appendCsvHeader(const QList<Column> &columns, QByteArray &out);
    // Quotes when the value holds a comma, quote, CR or LF, or starts or ends with a space.
    static void appendCsvField(QByteArrayView value, QByteArray &out);

    static QByteArray columnName(Column column);
    static std::optional<Column> columnFromName(QByteArrayView name);
    static QList<Column> allColumns();
    static QByteArrayList identifierNames(); // email, phone, device_id, user_id
    static QByteArrayList attributeNames();  // first_name … last_seen

private:
    struct Draw;
    Draw draw(qint64 index) const;
    static void appendField(const Draw &draw, Column column, QByteArray &out);

    quint64 m_seed;
    qint64 m_size;
};

} // namespace courier::sandbox
