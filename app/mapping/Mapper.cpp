#include "Mapper.h"

#include <QSet>

namespace courier {

namespace {

int findColumn(const QStringList &columns, const QString &name, QString *error)
{
    const qsizetype exact = columns.indexOf(name);
    if (exact >= 0)
        return static_cast<int>(exact);

    int found = -1;
    for (qsizetype i = 0; i < columns.size(); ++i) {
        if (columns.at(i).trimmed().compare(name.trimmed(), Qt::CaseInsensitive) != 0)
            continue;
        if (found >= 0) {
            if (error)
                *error = Mapper::tr("The source has more than one column called \"%1\"; "
                                    "name it exactly as written in the file.")
                             .arg(name);
            return -2;
        }
        found = static_cast<int>(i);
    }
    if (found < 0 && error)
        *error = Mapper::tr("The source has no column \"%1\". Its columns are: %2.")
                     .arg(name, columns.join(QStringLiteral(", ")));
    return found;
}

} // namespace

std::optional<Mapper> Mapper::bind(const Mapping &mapping, const QStringList &sourceColumns,
                                   QString *error)
{
    if (mapping.isEmpty()) {
        if (error)
            *error = tr("The mapping has no fields: choose at least one column to share.");
        return std::nullopt;
    }
    Mapper mapper;
    mapper.m_mapping = mapping;
    mapper.m_sourceColumns = sourceColumns;
    QSet<QString> targets;
    for (const FieldMapping &field : mapping.fields) {
        if (targets.contains(field.target)) {
            if (error)
                *error = tr("The destination field \"%1\" is mapped twice.").arg(field.target);
            return std::nullopt;
        }
        targets.insert(field.target);
        const int index = findColumn(sourceColumns, field.source, error);
        if (index < 0)
            return std::nullopt;
        if (field.identifier)
            mapper.m_identifierColumns.push_back(static_cast<int>(mapper.m_sourceIndex.size()));
        mapper.m_sourceIndex.push_back(index);
    }
    return mapper;
}

int Mapper::map(const RowBatch &in, RowBatch &out, const RejectSink &reject)
{
    const int width = static_cast<int>(m_sourceIndex.size());
    out.reset(width);
    int rejected = 0;
    for (int row = 0; row < in.rowCount(); ++row) {
        for (int column = 0; column < width; ++column) {
            QByteArrayView value = in.cell(row, m_sourceIndex[static_cast<size_t>(column)]);
            // Alternate two buffers so a transform never writes over the bytes it reads.
            int buffer = 0;
            for (const Transform &transform : m_mapping.fields.at(column).transforms) {
                const QByteArrayView next = transform.apply(value, m_scratch[buffer]);
                if (next.data() == m_scratch[buffer].data())
                    buffer ^= 1;
                value = next;
            }
            out.appendCell(value);
        }

        bool hasIdentity = m_identifierColumns.empty();
        const int outRow = out.rowCount();
        for (int column : m_identifierColumns) {
            if (!out.cell(outRow, column).isEmpty()) {
                hasIdentity = true;
                break;
            }
        }
        if (hasIdentity) {
            out.finishRow(in.sourceLine(row));
            continue;
        }
        out.dropUnfinishedRow();
        ++rejected;
        if (reject) {
            QStringList names;
            for (int column : m_identifierColumns)
                names.append(m_mapping.fields.at(column).target);
            RejectedRow rejectedRow;
            rejectedRow.line = in.sourceLine(row);
            rejectedRow.reason =
                names.size() == 1
                    ? tr("No identifier: %1 is empty.").arg(names.constFirst())
                    : tr("No identifier: %1 are all empty.").arg(names.join(QStringLiteral(", ")));
            rejectedRow.fields.reserve(in.columnCount());
            for (int column = 0; column < in.columnCount(); ++column)
                rejectedRow.fields.append(in.cell(row, column).toByteArray());
            reject(std::move(rejectedRow));
        }
    }
    return rejected;
}

} // namespace courier
