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
    QString constant = {}; // a fixed value for every row, used when source is empty

    friend bool operator==(const FieldMapping &, const FieldMapping &) = default;
};

// A share's mapping: destination fields in output order. Saved with the share as JSON.
struct Mapping
{
    Q_DECLARE_TR_FUNCTIONS(Mapping)

public:
    QList<FieldMapping> fields;
    QString defaultRegion;      // ISO 3166-1 alpha-2 for phone numbers without a country code
    double rejectLimitPercent = 100.0; // a run fails when more of its rows are rejected

    bool isEmpty() const { return fields.isEmpty(); }
    QStringList targets() const;

    // Every source column to a destination column of the same name, unchanged.
    static Mapping passThrough(const QStringList &columns);

    QJsonObject toJson() const;
    static std::optional<Mapping> fromJson(const QJsonObject &json, QString *error = nullptr);

    // The command line's form: "TARGET=SOURCE" or "TARGET=SOURCE:transform,transform",
    // or just "SOURCE" to keep a column under its own name.
    static std::optional<FieldMapping> parseSpec(const QString &spec, QString *error = nullptr);

    friend bool operator==(const Mapping &, const Mapping &) = default;
};

} // namespace courier
