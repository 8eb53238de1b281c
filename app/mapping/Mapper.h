#pragma once

#include "Mapping.h"
#include "pipeline/RejectedRow.h"
#include "pipeline/RowBatch.h"

#include <optional>
#include <QCoreApplication>
#include <QStringList>
#include <string>
#include <vector>

namespace courier {

// A mapping bound to a source's columns: turns source batches into destination batches.
// Binding resolves names once, so the per-row work is index lookups and byte transforms.
class Mapper
{
    Q_DECLARE_TR_FUNCTIONS(Mapper)

public:
    // Fails with a message naming the problem: no fields, a duplicate target, or a source
    // column that is missing or ambiguous. Source names match exactly, else ignoring case and
    // surrounding spaces when that identifies one column.
    static std::optional<Mapper> bind(const Mapping &mapping, const QStringList &sourceColumns,
                                      QString *error = nullptr);

    QStringList outputColumns() const { return m_mapping.targets(); }
    const Mapping &mapping() const { return m_mapping; }

    // Maps every row of in to out (reset to the output width). A row whose identifiers are
    // all empty after the transforms says nothing about who the member is: it is rejected,
    // with the source's cells. Returns the number of rows rejected.
    int map(const RowBatch &in, RowBatch &out, const RejectSink &reject);

private:
    Mapper() = default;

    Mapping m_mapping;
    QStringList m_sourceColumns;
    std::vector<int> m_sourceIndex;       // per output column
    std::vector<int> m_identifierColumns; // output columns that are identifiers
    std::string m_scratch[2];
};

} // namespace courier
