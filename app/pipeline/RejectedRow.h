#pragma once

#include <functional>
#include <QByteArray>
#include <QList>
#include <QString>

namespace courier {

// A row that could not be passed on, with the reason a person can act on.
struct RejectedRow
{
    qint64 line = 0;          // 1-based line in the source where the row starts; 0 if none
    QString reason;           // translated, e.g. "expected 4 fields, found 3"
    QList<QByteArray> fields; // the row's cells as read (possibly fewer or more than the header)
};

// Receives rejected rows as they happen, so they are counted and kept, never dropped silently.
using RejectSink = std::function<void(RejectedRow &&)>;

} // namespace courier
