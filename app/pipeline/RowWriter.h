#pragma once

#include "RowBatch.h"

#include <QString>
#include <QStringList>

namespace courier {

// Where mapped rows go. Nothing a writer produces is visible until commit() succeeds;
// cancel() (or destruction without commit) leaves the destination as it was.
class RowWriter
{
public:
    virtual ~RowWriter() = default;

    virtual bool open(const QStringList &columns) = 0;
    virtual bool write(const RowBatch &batch) = 0;
    virtual bool commit() = 0;
    virtual void cancel() = 0;
    virtual QString errorString() const = 0;
};

} // namespace courier
