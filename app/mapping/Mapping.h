#pragma once

#include "Transform.h"

#include <optional>
#include <QCoreApplication>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

namespace courier {

// One destination field: where its value comes from and how it is cleaned up on the way.
struct FieldMapping
{
    QString target;          // the destination's column or field name
    QString source;          // the source column that feeds it; empty when constant is used
    bool identifier = false; // identifiers say who a member is; attributes describe them
    QList<Transform> transforms;
    QString constant = {}; // a fixed value for every row, used when source is empty; the
                           // transforms apply to it too (once, when the mapping is bound)

    bool isConstant() const { return source.isEmpty() && !constant.isEmpty(); }

    friend bool operator==(const FieldMapping &, const FieldMapping &) = default;
};

// A share's mapping: destination fields in output order. Saved with the share as JSON:
//   {"version": 2, "defaultRegion": "SE", "rejectLimitPercent": 5,
//    "fields": [{"target": "email", "source": "E-mail", "identifier": true,
//                "transforms": ["email", "sha256"]},
//               {"target": "birth", "source": "dob",
//                "transforms": [{"name": "date", "from": "dd/MM/yyyy", "to": "yyyy-MM-dd"}]},
//               {"target": "country", "source": "", "constant": "SE"}]}
// (see Transform for the transforms' forms). Version 1 mappings — plain transform names, no
// constants, region or limit — read unchanged.
struct Mapping
{
    Q_DECLARE_TR_FUNCTIONS(Mapping)

public:
    QList<FieldMapping> fields;
    QString defaultRegion; // ISO 3166-1 alpha-2 for phone numbers without a country code
    double rejectLimitPercent = 100.0; // a run fails when more of its rows are rejected

    bool isEmpty() const { return fields.isEmpty(); }
    QStringList targets() const;

    // Every source column to a destination column of the same name, unchanged.
    static Mapping passThrough(const QStringList &columns);

    QJsonObject toJson() const;
    // Fails, naming the field, on an unknown transform or unusable parameters, a field without
    // target or without source and constant, an unknown default region, or a reject limit
    // outside 0–100.
    static std::optional<Mapping> fromJson(const QJsonObject &json, QString *error = nullptr);

    // The command line's form of one field:
    //   SOURCE                    a column under its own name
    //   TARGET=SOURCE             a column under another name
    //   TARGET=SOURCE:T1,T2,...   with transforms, applied in order
    //   TARGET==VALUE             a constant: VALUE (taken literally, trimmed) on every row
    // Transforms are names, or take parameters in parentheses (see Transform):
    //   email=E-mail:email,sha256          phone=Mobile:phone_e164,sha256
    //   birth=dob:date(dd/MM/yyyy>yyyy-MM-dd)   gender=Sex:map_i(female=f,male=m)
    //   country=Country:trim,default(SE)   country==SE
    // The transforms follow the last colon outside parentheses, so a source column may itself
    // contain colons ("utm:source") as long as a transform list follows, even an empty one:
    // "src=utm:source:".
    static std::optional<FieldMapping> parseSpec(const QString &spec, QString *error = nullptr);
    // The inverse: the spec that parseSpec reads back as field (constants without transforms).
    static QString toSpec(const FieldMapping &field);

    friend bool operator==(const Mapping &, const Mapping &) = default;
};

} // namespace courier
