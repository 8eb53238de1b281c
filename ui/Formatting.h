#pragma once

#include <QDateTime>
#include <QString>

namespace courier::ui {

// Item data role under which the table models give raw values (numbers, timestamps) so a
// QSortFilterProxyModel sorts "9,990" after "10" the way a person expects.
inline constexpr int SortRole = Qt::UserRole + 1;

// Text a person reads, in the user's locale. Shared by the models and the export dialog so a
// number or a date looks the same everywhere in the app.
namespace format {

QString count(qint64 value);
// "< 1 s", "42 s", "3 min 5 s", "2 h 10 min".
QString duration(qint64 milliseconds);
// Local time, short form; empty for an invalid timestamp.
QString timestamp(const QDateTime &utc);
// Local time of day with seconds, for logs whose day is known from context.
QString time(const QDateTime &utc);
// Local time, long form, for tool tips.
QString timestampLong(const QDateTime &utc);
// The last component of a path, for narrow columns; the full path goes in the tool tip.
QString fileName(const QString &path);
// "45 %" or whatever the locale writes.
QString percent(int value);

} // namespace format

} // namespace courier::ui
