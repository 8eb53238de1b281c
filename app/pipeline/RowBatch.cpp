#include "RowBatch.h"

namespace courier {

void RowBatch::reset(int columnCount)
{
    Q_ASSERT(columnCount >= 0);
    m_columnCount = columnCount;
    clear();
}

void RowBatch::clear()
{
    m_bytes.clear();
    m_cells.clear();
    m_lines.clear();
}

void RowBatch::appendCell(QByteArrayView cell)
{
    // insert() copies straight in; resize() would zero-fill the bytes first.
    const qsizetype offset = static_cast<qsizetype>(m_bytes.size());
    m_bytes.insert(m_bytes.end(), cell.data(), cell.data() + cell.size());
    m_cells.push_back(Span{offset, cell.size()});
}

char *RowBatch::appendCellSpace(qsizetype n)
{
    const qsizetype offset = static_cast<qsizetype>(m_bytes.size());
    m_bytes.resize(static_cast<size_t>(offset + n));
    m_cells.push_back(Span{offset, n});
    return m_bytes.data() + offset;
}

void RowBatch::shrinkLastCell(qsizetype n)
{
    Q_ASSERT(!m_cells.empty() && n <= m_cells.back().size);
    Span &last = m_cells.back();
    last.size = n;
    m_bytes.resize(static_cast<size_t>(last.offset + n));
}

void RowBatch::dropUnfinishedRow()
{
    const size_t keptCells = m_lines.size() * static_cast<size_t>(m_columnCount);
    if (m_cells.size() <= keptCells)
        return;
    m_bytes.resize(static_cast<size_t>(m_cells[keptCells].offset));
    m_cells.resize(keptCells);
}

} // namespace courier
