#pragma once

#include "ValueShape.h"

#include <QCoreApplication>
#include <QString>
#include <QStringList>
#include <QStringView>

namespace courier {

class RowBatch;

// What a column's sample values look like, and how sure the guess is.
struct ShapeGuess
{
    Q_DECLARE_TR_FUNCTIONS(ShapeGuess)

public:
    ValueShape shape = ValueShape::Any;
    // 0..1: the share of the non-empty sample values that have the shape, lowered for shapes
    // that ordinary numbers or words also have (digits-only phone numbers and postal codes,
    // names).
    double confidence = 0.0;
    int values = 0; // non-empty values looked at

    // A confident guess, good enough to act on (0.8 or more).
    bool isConfident() const { return shape != ValueShape::Any && confidence >= 0.8; }

    // "e-mail addresses", "SHA-256 hashes", ... (translated), for explanations.
    static QString shapeDescription(ValueShape shape);
};

// True when value (already trimmed, non-empty) has the shape. A value can have several shapes
// ("12345" is a number and a postal code); detectShape() picks the most specific one.
bool valueHasShape(QStringView value, ValueShape shape);

// Classifies a column from its sample values. Empty values are ignored. The most specific
// shape that at least 80 % of the values have wins: SHA-256, device id, e-mail address, date,
// phone number, country code, postal code, number, name; else Any.
ShapeGuess detectShape(const QStringList &values);
// The same for one column of a batch, looking at up to maxRows rows.
ShapeGuess detectShape(const RowBatch &sample, int column, int maxRows = 1000);

} // namespace courier
