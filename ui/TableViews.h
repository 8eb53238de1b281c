#pragma once

#include <QString>

class QAbstractItemModel;
class QObject;
class QSortFilterProxyModel;
class QTableView;

namespace courier::ui {

// The look every read-only list of the window shares: whole rows, one at a time, no editing,
// alternating rows, no grid or row numbers, left-aligned headers sized to their contents.
void setUpListView(QTableView *view, const QString &objectName, const QString &accessibleName);

// Sortable by any column on a click; until the user asks, the model's own order is kept.
void sortOnRequest(QTableView *view);

// A proxy that sorts by the models' SortRole (numbers and dates as values, not as text).
QSortFilterProxyModel *sortingProxy(QAbstractItemModel *model, QObject *parent);

} // namespace courier::ui
