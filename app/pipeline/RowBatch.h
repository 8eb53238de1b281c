#pragma once

#include <QByteArrayView>
#include <QtGlobal>
#include <vector>

namespace courier {

// A batch of rows whose cells are UTF-8 byte strings packed into one arena.
// Rows flow through the pipeline in batches of a few thousand so that an audience is never
// held whole in memory; a batch is reused (clear() keeps its capacity) to avoid allocations
// in the hot path. Every row has exactly columnCount() cells.
class RowBatch
{
public:
    explicit RowBatch(int columnCount = 0) { reset(columnCount); }

    // Drops all rows and sets the width for the rows to come.
    void reset(int columnCount);
    // Drops all rows, keeping the column count and the allocated capacity.
    void clear();

    int columnCount() const { return m_columnCount; }
    int rowCount() const { return static_cast<int>(m_lines.size()); }
    bool isEmpty() const { return m_lines.empty(); }
    // Bytes held by the cells, a measure of the batch's memory.
    qsizetype byteSize() const { return static_cast<qsizetype>(m_bytes.size()); }

    // Appends a whole row; cells.size() must equal columnCount().
    template <typename Cells> void appendRow(const Cells &cells, qint64 sourceLine)
    {
        Q_ASSERT(static_cast<int>(std::size(cells)) == m_columnCount);
        for (const auto &cell : cells)
            appendCell(QByteArrayView(cell));
        m_lines.push_back(sourceLine);
    }

    // Incremental building: appendCell() columnCount() times, then finishRow().
    void appendCell(QByteArrayView cell);
    // Reserves n bytes for a cell and returns where to write them (valid until the next append).
    char *appendCellSpace(qsizetype n);
    // Shortens the last appended cell to n bytes (n <= its current size).
    void shrinkLastCell(qsizetype n);
    void finishRow(qint64 sourceLine) { m_lines.push_back(sourceLine); }
    // Discards the cells appended since the last finished row.
    void dropUnfinishedRow();

    QByteArrayView cell(int row, int column) const
    {
        const Span &s = m_cells[static_cast<size_t>(row) * m_columnCount + column];
        return QByteArrayView(m_bytes.data() + s.offset, s.size);
    }
    // The 1-based line in the source where the row starts (0 when not from a text file).
    qint64 sourceLine(int row) const { return m_lines[static_cast<size_t>(row)]; }

private:
    struct Span
    {
        qsizetype offset;
        qsizetype size;
    };
    int m_columnCount = 0;
    std::vector<char> m_bytes;
    std::vector<Span> m_cells;
    std::vector<qint64> m_lines;
};

} // namespace courier
