#pragma once

#include <optional>
#include <QByteArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QString>
#include <QStringList>

namespace courier::sandbox {

// One usable row of a users payload: its non-empty cells, as (schema field, value).
using MetaRow = QList<std::pair<QString, QByteArray>>;

// A users / usersreplace payload read and checked the way Meta does: the request as a whole
// is refused (error 100) when its schema names an unknown field or it holds more rows than
// allowed; single rows that break Meta's rules (a hashed field that is not 64 lower-case hex
// digits, the hash of an empty string, a MADID that is not a device id, a wrong number of
// fields, nothing at all) are counted as invalid entries and sampled, and the rest is used.
struct MetaPayload
{
    QStringList schema; // multi-key field names (single-key aliases resolved: EMAIL_SHA256 → EMAIL)
    QList<MetaRow> rows; // the valid ones
    qint64 received = 0;
    qint64 invalid = 0;
    QJsonObject samples; // invalid entry → why (at most maxSamples)

    // payload: an object, or the JSON text of one (as a form body carries it). nullopt with
    // *error (Meta's wording, for an error 100) when the request cannot be used at all.
    static std::optional<MetaPayload> read(const QJsonValue &payload, int maxRows, int maxSamples,
                                           QString *error);

    static bool isKnownField(const QString &name);
    static bool isHashedField(const QString &name);
    static bool isIdentifierField(const QString &name);
};

} // namespace courier::sandbox
