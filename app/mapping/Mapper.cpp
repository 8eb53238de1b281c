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
    auto fail = [&](const QString &message) -> std::optional<Mapper> {
        if (error)
            *error = message;
        return std::nullopt;
    };
    if (mapping.isEmpty())
        return fail(tr("The mapping has no fields: choose at least one column to share."));
    if (!mapping.defaultRegion.isEmpty() && !PhoneNormaliser::isKnownRegion(mapping.defaultRegion))
        return fail(tr("The default region “%1” is not a country; use its two-letter code, "
                       "such as SE or US.")
                        .arg(mapping.defaultRegion));

    Mapper mapper;
    mapper.m_mapping = mapping;
    mapper.m_sourceColumns = sourceColumns;
    mapper.m_workspace = TransformWorkspace(mapping.defaultRegion);
    QSet<QString> targets;
    for (const FieldMapping &field : mapping.fields) {
        if (targets.contains(field.target))
            return fail(tr("The destination field \"%1\" is mapped twice.").arg(field.target));
        targets.insert(field.target);
        for (const Transform &transform : field.transforms) {
            QString problem;
            if (!transform.isValid(&problem))
                return fail(tr("%1: %2").arg(field.target, problem));
        }

        int index = -1;
        QByteArray constant;
        if (field.source.isEmpty()) {
            if (field.constant.isEmpty())
                return fail(
                    tr("The field \"%1\" has no source column and no constant.").arg(field.target));
            // A constant goes through its transforms once, here, instead of on every row.
            const QByteArray raw = field.constant.toUtf8();
            QString problem;
            const auto value = applyTransforms(field.transforms, raw, mapper.m_scratch[0],
                                               mapper.m_scratch[1], mapper.m_workspace, &problem);
            if (!value)
                return fail(tr("The constant of %1: %2").arg(field.target, problem));
            constant = value->toByteArray();
        } else {
            index = findColumn(sourceColumns, field.source, error);
            if (index < 0)
                return std::nullopt;
        }
        if (field.identifier)
            mapper.m_identifierColumns.push_back(static_cast<int>(mapper.m_sourceIndex.size()));
        mapper.m_sourceIndex.push_back(index);
        mapper.m_constants.push_back(constant);
    }
    return mapper;
}

void Mapper::rejectRow(const RowBatch &in, int row, QString reason, const RejectSink &reject) const
{
    if (!reject)
        return;
    RejectedRow rejectedRow;
    rejectedRow.line = in.sourceLine(row);
    rejectedRow.reason = std::move(reason);
    rejectedRow.fields.reserve(in.columnCount());
    for (int column = 0; column < in.columnCount(); ++column)
        rejectedRow.fields.append(in.cell(row, column).toByteArray());
    reject(std::move(rejectedRow));
}

int Mapper::map(const RowBatch &in, RowBatch &out, const RejectSink &reject)
{
    const int width = static_cast<int>(m_sourceIndex.size());
    out.reset(width);
    int rejected = 0;
    for (int row = 0; row < in.rowCount(); ++row) {
        int failedColumn = -1;
        for (int column = 0; column < width; ++column) {
            const int source = m_sourceIndex[static_cast<size_t>(column)];
            if (source < 0) {
                out.appendCell(m_constants[static_cast<size_t>(column)]);
                continue;
            }
            const auto value =
                applyTransforms(m_mapping.fields.at(column).transforms, in.cell(row, source),
                                m_scratch[0], m_scratch[1], m_workspace, &m_problem);
            if (!value) {
                failedColumn = column;
                break;
            }
            out.appendCell(*value);
        }
        if (failedColumn >= 0) {
            out.dropUnfinishedRow();
            ++rejected;
            if (reject)
                rejectRow(in, row,
                          tr("%1: %2").arg(m_mapping.fields.at(failedColumn).target, m_problem),
                          reject);
            continue;
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
            rejectRow(
                in, row,
                names.size() == 1
                    ? tr("No identifier: %1 is empty.").arg(names.constFirst())
                    : tr("No identifier: %1 are all empty.").arg(names.join(QStringLiteral(", "))),
                reject);
        }
    }
    return rejected;
}

} // namespace courier
