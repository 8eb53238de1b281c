#pragma once

#include "mapping/Mapping.h"

#include <QAbstractTableModel>
#include <QList>
#include <QStringList>

namespace courier::ui {

// The export's mapping as an editable table: one row per source column, in source order,
// saying whether it is exported, under which name, whether it identifies a member and how it
// is cleaned up. mapping() turns the ticked rows into the core's Mapping.
class MappingTableModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column {
        ExportColumn,     // checkable; shows the source column's name
        TargetColumn,     // editable "Export as" name
        IdentifierColumn, // checkable
        TrimColumn,       // checkable
        LowercaseColumn,  // checkable
        ColumnCount
    };

    struct Row
    {
        QString source;
        QString target;
        bool exported = true;
        bool identifier = false;
        bool trim = false;
        bool lowercase = false;
    };

    using QAbstractTableModel::QAbstractTableModel;

    // Replaces the rows with the columns of a newly read file. A column that was already
    // listed keeps the choices made for it; a new one gets defaults that suit a newcomer:
    // exported as it is, and e-mail or phone columns marked as trimmed identifiers.
    void setSourceColumns(const QStringList &columns);
    QStringList sourceColumns() const;
    const Row &row(int row) const { return m_rows.at(row); }

    // The ticked rows in order; check validate() first.
    Mapping mapping() const;
    // Empty when the mapping can be exported, else a sentence saying what to fix.
    QString validate() const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    static Row defaultRow(const QString &source);
    static bool *checkField(Row &row, int column);
    static bool checkValue(const Row &row, int column);
    static QString columnToolTip(int column);

    QList<Row> m_rows;
};

} // namespace courier::ui
