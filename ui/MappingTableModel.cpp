#include "MappingTableModel.h"

#include <QHash>
#include <QSet>

namespace courier::ui {

namespace {

// "E-mail address" -> "emailaddress": enough to recognise the usual identifier headers.
QString squashed(const QString &name)
{
    QString key;
    for (QChar c : name) {
        if (c.isLetterOrNumber())
            key.append(c.toLower());
    }
    return key;
}

bool looksLikeEmail(const QString &key)
{
    return key == QLatin1String("email") || key == QLatin1String("emailaddress") ||
           key == QLatin1String("mail");
}

bool looksLikePhone(const QString &key)
{
    return key == QLatin1String("phone") || key == QLatin1String("phonenumber") ||
           key == QLatin1String("mobile") || key == QLatin1String("mobilephone") ||
           key == QLatin1String("msisdn");
}

} // namespace

MappingTableModel::Row MappingTableModel::defaultRow(const QString &source)
{
    Row row;
    row.source = source;
    row.target = source.trimmed();
    const QString key = squashed(source);
    const bool email = looksLikeEmail(key);
    // Pre-marking the obvious identifiers means rows without one are caught on the first try.
    row.identifier = email || looksLikePhone(key);
    row.trim = row.identifier;
    row.lowercase = email; // addresses compare case-insensitively in every destination
    return row;
}

void MappingTableModel::setSourceColumns(const QStringList &columns)
{
    QHash<QString, Row> previous;
    for (const Row &row : std::as_const(m_rows))
        previous.insert(row.source, row);

    beginResetModel();
    m_rows.clear();
    m_rows.reserve(columns.size());
    for (const QString &column : columns)
        m_rows.append(previous.contains(column) ? previous.value(column) : defaultRow(column));
    endResetModel();
}

QStringList MappingTableModel::sourceColumns() const
{
    QStringList columns;
    for (const Row &row : m_rows)
        columns.append(row.source);
    return columns;
}

Mapping MappingTableModel::mapping() const
{
    Mapping mapping;
    for (const Row &row : m_rows) {
        if (!row.exported)
            continue;
        FieldMapping field;
        field.source = row.source;
        field.target = row.target.trimmed();
        field.identifier = row.identifier;
        // Trim first, so lower-casing never sees (and keeps) stray spaces.
        if (row.trim)
            field.transforms.append(Transform(TransformKind::Trim));
        if (row.lowercase)
            field.transforms.append(Transform(TransformKind::Lowercase));
        mapping.fields.append(field);
    }
    return mapping;
}

QString MappingTableModel::validate() const
{
    if (m_rows.isEmpty())
        return tr("The file has no columns to export.");
    QSet<QString> seen;
    bool any = false;
    for (const Row &row : m_rows) {
        if (!row.exported)
            continue;
        any = true;
        const QString target = row.target.trimmed();
        if (target.isEmpty())
            return tr("Give the column “%1” a name to export it as.").arg(row.source);
        // Spreadsheets and most destinations treat "Email" and "email" as the same column.
        if (seen.contains(target.toLower()))
            return tr("Two columns would both be exported as “%1”; rename one of them.")
                .arg(target);
        seen.insert(target.toLower());
    }
    if (!any)
        return tr("Tick at least one column to export.");
    return {};
}

int MappingTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int MappingTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

bool *MappingTableModel::checkField(Row &row, int column)
{
    switch (column) {
    case ExportColumn:
        return &row.exported;
    case IdentifierColumn:
        return &row.identifier;
    case TrimColumn:
        return &row.trim;
    case LowercaseColumn:
        return &row.lowercase;
    default:
        return nullptr;
    }
}

bool MappingTableModel::checkValue(const Row &row, int column)
{
    switch (column) {
    case ExportColumn:
        return row.exported;
    case IdentifierColumn:
        return row.identifier;
    case TrimColumn:
        return row.trim;
    case LowercaseColumn:
        return row.lowercase;
    default:
        return false;
    }
}

QString MappingTableModel::columnToolTip(int column)
{
    switch (column) {
    case TargetColumn:
        return tr("The column's name in the exported file. Double-click to rename it.");
    case IdentifierColumn:
        return tr("Identifiers say who a member is. A row whose identifiers are all empty is "
                  "set aside in the rejected rows file.");
    case TrimColumn:
        return tr("Remove spaces at the start and end of each value.");
    case LowercaseColumn:
        return tr("Write each value in lower case, e.g. for e-mail addresses.");
    default:
        return tr("Untick a column to leave it out of the export.");
    }
}

QVariant MappingTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &row = m_rows.at(index.row());
    const int column = index.column();

    switch (role) {
    case Qt::DisplayRole:
    case Qt::EditRole:
        if (column == ExportColumn)
            return row.source;
        if (column == TargetColumn)
            return row.target;
        return {};
    case Qt::CheckStateRole:
        if (column == TargetColumn)
            return {};
        return checkValue(row, column) ? Qt::Checked : Qt::Unchecked;
    case Qt::ToolTipRole:
        if (column == ExportColumn)
            return tr("Untick to leave the column “%1” out of the export.").arg(row.source);
        return columnToolTip(column);
    default:
        return {};
    }
}

bool MappingTableModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return false;
    Row &row = m_rows[index.row()];
    const int column = index.column();

    if (role == Qt::EditRole && column == TargetColumn) {
        const QString target = value.toString();
        if (target == row.target)
            return true;
        row.target = target;
        emit dataChanged(index, index, {Qt::DisplayRole, Qt::EditRole});
        return true;
    }
    if (role == Qt::CheckStateRole) {
        bool *field = checkField(row, column);
        if (!field)
            return false;
        *field = value.value<Qt::CheckState>() == Qt::Checked;
        if (column == ExportColumn) // the row's other cells are enabled or not with it
            emit dataChanged(this->index(index.row(), 0),
                             this->index(index.row(), ColumnCount - 1));
        else
            emit dataChanged(index, index, {Qt::CheckStateRole});
        return true;
    }
    return false;
}

Qt::ItemFlags MappingTableModel::flags(const QModelIndex &index) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return Qt::NoItemFlags;
    const Row &row = m_rows.at(index.row());
    Qt::ItemFlags flags = Qt::ItemIsSelectable | Qt::ItemNeverHasChildren;
    // Choices for a column that is not exported mean nothing: grey them out.
    if (index.column() == ExportColumn || row.exported)
        flags |= Qt::ItemIsEnabled;
    if (index.column() == TargetColumn)
        flags |= Qt::ItemIsEditable;
    else
        flags |= Qt::ItemIsUserCheckable;
    return flags;
}

QVariant MappingTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return {};
    if (role == Qt::ToolTipRole)
        return columnToolTip(section);
    if (role != Qt::DisplayRole)
        return {};
    switch (static_cast<Column>(section)) {
    case ExportColumn:
        return tr("Export");
    case TargetColumn:
        return tr("Export as");
    case IdentifierColumn:
        return tr("Identifier");
    case TrimColumn:
        return tr("Trim");
    case LowercaseColumn:
        return tr("Lower case");
    case ColumnCount:
        break;
    }
    return {};
}

} // namespace courier::ui
