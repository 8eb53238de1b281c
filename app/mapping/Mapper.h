#pragma once

#include "Mapping.h"
#include "pipeline/RejectedRow.h"
#include "pipeline/RowBatch.h"

#include <optional>
#include <QByteArray>
#include <QCoreApplication>
#include <QStringList>
#include <string>
#include <vector>

namespace courier {

// A mapping bound to a source's columns: turns source batches into destination batches.
// Binding resolves names once, so the per-row work is index lookups and byte transforms.
// Not thread-safe (it keeps scratch buffers, a phone parser and a hash context); copies are
// independent.
class Mapper
{
    Q_DECLARE_TR_FUNCTIONS(Mapper)

public:
    // Fails with a message naming the problem: no fields, a duplicate target, a source column
    // that is missing or ambiguous, a field with neither source nor constant, a transform with
    // unusable parameters, a constant its own transforms reject, an unknown default region.
    // Source names match exactly, else ignoring case and surrounding spaces when that
    // identifies one column. Constant fields need no source column.
    static std::optional<Mapper> bind(const Mapping &mapping, const QStringList &sourceColumns,
                                      QString *error = nullptr);

    QStringList outputColumns() const { return m_mapping.targets(); }
    const Mapping &mapping() const { return m_mapping; }

    // Maps every row of in to out (reset to the output width). A row is rejected, with the
    // source's cells and a reason, when a transform cannot handle one of its values
    // ("phone: “12345” is not a valid number for region SE.") or when its identifiers are all
    // empty after the transforms (it says nothing about who the member is). Returns the number
    // of rows rejected.
    int map(const RowBatch &in, RowBatch &out, const RejectSink &reject);

private:
    Mapper() = default;
    void rejectRow(const RowBatch &in, int row, QString reason, const RejectSink &reject) const;

    Mapping m_mapping;
    QStringList m_sourceColumns;
    std::vector<int> m_sourceIndex;       // per output column; -1 for a constant
    std::vector<QByteArray> m_constants;  // per output column: the transformed constant
    std::vector<int> m_identifierColumns; // output columns that are identifiers
    TransformWorkspace m_workspace;
    std::string m_scratch[2];
    QString m_problem;
};

} // namespace courier
