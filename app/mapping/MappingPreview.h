#pragma once

#include "Mapping.h"
#include "pipeline/RejectedRow.h"

#include <QCoreApplication>
#include <QList>
#include <QLocale>
#include <QString>
#include <QStringList>

namespace courier {

class RowBatch;

// How many sample rows give an identifier field a usable value.
struct IdentifierCoverage
{
    QString target;
    int validRows = 0;  // non-empty after the field's transforms, and not rejected because of it
    int sampleRows = 0; // rows in the sample
    double percent = 0.0;
    QString sentence; // translated, e.g. "78 % of rows carry a valid email"
};

// What a mapping makes of a sample of the source's rows, for a person to judge before a run.
struct MappingPreview
{
    Q_DECLARE_TR_FUNCTIONS(MappingPreview)

public:
    QString error; // translated; set when the mapping cannot be applied at all (nothing else is)
    QStringList columns;                // the destination's columns, in output order
    QList<QStringList> rows;            // the first mapped rows, one cell per column
    QList<RejectedRow> rejected;        // every sample row the mapping rejects, with the reason
    QList<IdentifierCoverage> coverage; // per identifier field, in mapping order
    int sampleRows = 0;
    int mappedRows = 0; // sample rows that pass (rows holds at most maxRows of them)

    bool isValid() const { return error.isEmpty(); }
};

constexpr int defaultPreviewRows = 20;

// Maps the sample (the first rows a source provides; its columns are sourceColumns) and
// measures each identifier on its own. A pure function with no QObject: safe on a worker
// thread. locale formats the percentages.
MappingPreview previewMapping(const Mapping &mapping, const QStringList &sourceColumns,
                              const RowBatch &sample, int maxRows = defaultPreviewRows,
                              const QLocale &locale = QLocale());

} // namespace courier
