#include "sandbox/protocols/meta/MetaPayload.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSet>

using namespace Qt::StringLiterals;

namespace courier::sandbox {

namespace {

// The hash of "", which Meta's guides warn about: an empty value must be sent empty.
constexpr QByteArrayView EmptyHash =
    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

bool isSha256Hex(QByteArrayView value)
{
    if (value.size() != 64)
        return false;
    for (const char c : value) {
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')))
            return false;
    }
    return true;
}

bool isDeviceId(QByteArrayView value)
{
    // GAID / IDFA: a UUID, either case.
    static const QRegularExpression uuid(
        u"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$"_s);
    return uuid.match(QString::fromLatin1(value)).hasMatch();
}

QString singleKeyField(const QString &schema)
{
    if (schema == u"EMAIL_SHA256"_s)
        return u"EMAIL"_s;
    if (schema == u"PHONE_SHA256"_s)
        return u"PHONE"_s;
    if (schema == u"MOBILE_ADVERTISER_ID"_s)
        return u"MADID"_s;
    return schema;
}

// The reason a cell makes its row invalid; empty when it is fine.
QString cellProblem(const QString &field, QByteArrayView value)
{
    if (value.isEmpty())
        return {};
    if (MetaPayload::isHashedField(field)) {
        if (value == EmptyHash)
            return u"%1 is the hash of an empty value"_s.arg(field);
        if (!isSha256Hex(value))
            return u"%1 is not a SHA-256 hash (64 lower-case hex digits)"_s.arg(field);
    } else if (field == u"MADID"_s && !isDeviceId(value)) {
        return u"MADID is not a mobile advertiser id"_s;
    }
    return {};
}

QByteArray cellText(const QJsonValue &cell, bool *ok)
{
    *ok = true;
    if (cell.isString())
        return cell.toString().toUtf8();
    if (cell.isDouble())
        return QByteArray::number(cell.toDouble(), 'g', 17);
    if (cell.isNull() || cell.isUndefined())
        return {};
    *ok = false;
    return {};
}

} // namespace

bool MetaPayload::isKnownField(const QString &name)
{
    static const QSet<QString> known{u"EXTERN_ID"_s,
                                     u"EMAIL"_s,
                                     u"PHONE"_s,
                                     u"GEN"_s,
                                     u"DOBY"_s,
                                     u"DOBM"_s,
                                     u"DOBD"_s,
                                     u"LN"_s,
                                     u"FN"_s,
                                     u"FI"_s,
                                     u"CT"_s,
                                     u"ST"_s,
                                     u"ZIP"_s,
                                     u"MADID"_s,
                                     u"COUNTRY"_s,
                                     u"LOOKALIKE_VALUE"_s,
                                     u"DATA_PROCESSING_OPTIONS"_s,
                                     u"DATA_PROCESSING_OPTIONS_COUNTRY"_s,
                                     u"DATA_PROCESSING_OPTIONS_STATE"_s};
    return known.contains(name);
}

bool MetaPayload::isHashedField(const QString &name)
{
    static const QSet<QString> hashed{u"EMAIL"_s, u"PHONE"_s, u"GEN"_s,    u"DOBY"_s, u"DOBM"_s,
                                      u"DOBD"_s,  u"LN"_s,    u"FN"_s,     u"FI"_s,   u"CT"_s,
                                      u"ST"_s,    u"ZIP"_s,   u"COUNTRY"_s};
    return hashed.contains(name);
}

bool MetaPayload::isIdentifierField(const QString &name)
{
    return name == u"EMAIL"_s || name == u"PHONE"_s || name == u"MADID"_s || name == u"EXTERN_ID"_s;
}

std::optional<MetaPayload> MetaPayload::read(const QJsonValue &value, int maxRows, int maxSamples,
                                             QString *error)
{
    QJsonObject payload = value.toObject();
    if (value.isString())
        payload = QJsonDocument::fromJson(value.toString().toUtf8()).object();
    if (payload.isEmpty()) {
        *error = u"(#100) The parameter payload is required: {\"schema\": …, \"data\": […]}"_s;
        return std::nullopt;
    }

    MetaPayload out;
    const QJsonValue schema = payload.value(u"schema"_s);
    bool singleKey = false;
    if (schema.isString()) {
        singleKey = true;
        out.schema << singleKeyField(schema.toString());
    } else {
        for (const QJsonValue &field : schema.toArray())
            out.schema << field.toString();
    }
    if (out.schema.isEmpty()) {
        *error = u"(#100) payload.schema must be a field name or an array of field names"_s;
        return std::nullopt;
    }
    QSet<QString> seen;
    for (const QString &field : std::as_const(out.schema)) {
        if (!isKnownField(field)) {
            *error = u"(#100) Invalid schema field: \"%1\""_s.arg(field);
            return std::nullopt;
        }
        if (seen.contains(field)) {
            *error = u"(#100) The schema names %1 twice"_s.arg(field);
            return std::nullopt;
        }
        seen.insert(field);
    }

    const QJsonArray data = payload.value(u"data"_s).toArray();
    if (data.isEmpty()) {
        *error = u"(#100) payload.data must be a non-empty array of users"_s;
        return std::nullopt;
    }
    if (data.size() > maxRows) {
        *error =
            u"(#100) Too many users in one request: %1; at most %2 are allowed"_s.arg(data.size())
                .arg(maxRows);
        return std::nullopt;
    }

    out.received = data.size();
    const qsizetype width = out.schema.size();
    for (const QJsonValue &entry : data) {
        QJsonArray cells;
        if (entry.isArray())
            cells = entry.toArray();
        else if (singleKey || width == 1)
            cells.append(entry); // a 1-D data array of a single-key schema
        QString reason;
        MetaRow row;
        if (cells.size() != width) {
            reason =
                u"the entry has %1 values where the schema has %2"_s.arg(cells.size()).arg(width);
        }
        for (qsizetype i = 0; reason.isEmpty() && i < width; ++i) {
            bool ok = false;
            const QByteArray text = cellText(cells.at(i), &ok);
            if (!ok) {
                reason = u"%1 is not a string"_s.arg(out.schema.at(i));
                break;
            }
            reason = cellProblem(out.schema.at(i), text);
            if (reason.isEmpty() && !text.isEmpty())
                row.append({out.schema.at(i), text});
        }
        if (reason.isEmpty() && row.isEmpty())
            reason = u"the entry has no values"_s;
        if (reason.isEmpty()) {
            out.rows.append(std::move(row));
            continue;
        }
        ++out.invalid;
        if (out.samples.size() < maxSamples) {
            const QString sample = QString::fromUtf8(
                QJsonDocument(entry.isArray() ? entry.toArray() : QJsonArray{entry})
                    .toJson(QJsonDocument::Compact));
            out.samples.insert(sample.left(200), reason);
        }
    }
    return out;
}

} // namespace courier::sandbox
