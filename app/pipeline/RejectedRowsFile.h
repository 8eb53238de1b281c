#pragma once

#include "connectors/csv/CsvWriter.h"
#include "pipeline/RejectedRow.h"

#include <memory>
#include <QCoreApplication>
#include <QString>
#include <QStringList>

namespace courier {

// The rejected rows of a run, kept as CSV ("line", "reason", then the source's columns) so a
// person can fix and resend them. The file opens on the first row, is written atomically, and
// never exists when nothing was rejected (a stale file of the same name is removed at commit).
class RejectedRowsFile
{
    Q_DECLARE_TR_FUNCTIONS(RejectedRowsFile)

public:
    RejectedRowsFile(QString path, QStringList sourceColumns, CsvWriterOptions options = {});

    // False once writing failed (see errorString()); later rows are then ignored.
    bool add(RejectedRow &&row);
    // Makes the file final when rows were rejected; removes an old one otherwise.
    bool commit();
    void cancel();

    bool hasRows() const { return m_writer != nullptr; }
    QString path() const { return m_path; }
    QString errorString() const { return m_error; }

private:
    QString m_path;
    QStringList m_columns;
    CsvWriterOptions m_options;
    std::unique_ptr<CsvWriter> m_writer;
    QString m_error;
};

} // namespace courier
