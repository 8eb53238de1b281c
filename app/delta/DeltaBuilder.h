#pragma once

#include "ExternalSorter.h"
#include "MemberFingerprint.h"
#include "SpoolFile.h"

#include <QCoreApplication>
#include <QList>
#include <QString>
#include <QStringList>
#include <string>

namespace courier {

class CsvWriter;
class RowBatch;

class SnapshotReader;
class SnapshotWriter;
struct SnapshotInfo;

struct DeltaCounts
{
    qint64 current = 0;  // distinct members in the audience now (added + changed + unchanged)
    qint64 previous = 0; // members delivered last time (changed + unchanged + removed)
    qint64 added = 0;    // new members
    qint64 changed = 0;  // members whose mapped row differs from last time
    qint64 removed = 0;  // members delivered last time who are no longer in the audience
    qint64 unchanged = 0;
    qint64 duplicates = 0;        // rows of a member already seen earlier in the audience
    qint64 withoutIdentifier = 0; // rows whose identifier cells were all empty

    friend bool operator==(const DeltaCounts &, const DeltaCounts &) = default;
};

struct DeltaResult
{
    bool ok = false;
    DeltaCounts counts;
    // Both CSV files have the mapped columns as their header, and exact values (no spreadsheet
    // formula guard: they are the engine's to deliver, not for people to open).
    QString addsPath;    // the whole mapped rows of the added and changed members
    QString removesPath; // the removed members: identifier columns filled, the others empty
    QString error;       // translated; set when !ok
};

// Works out what changed in a share's audience since its last delivery, in flat memory:
//   add()    spools every mapped row to the work directory and feeds (keyFp, rowFp, row number,
//            identifier cells) to an external sort;
//   finish() merges the sorted members with the previous snapshot (both in keyFp order) and
//            writes adds.csv, removes.csv and the new snapshot in one pass, then copies the rows
//            to send from the spool into adds.csv (in the audience's order).
// A member seen twice is delivered once, as its first row. Rows without any identifier name no
// one and are left out (counted). Memory: the sort budget, 1 bit a row for the rows to send
// (1.2 MiB for 10 million), and a few 1 MiB buffers.
class DeltaBuilder
{
    Q_DECLARE_TR_FUNCTIONS(courier::DeltaBuilder)

public:
    static constexpr qsizetype DefaultMemoryBudget = qsizetype(64) << 20;

    // columns: the mapped columns (a batch's width); identifierColumnIndexes: the columns that
    // say who a member is, in the order their cells make the key.
    DeltaBuilder(QString workDirectory, QStringList columns, QList<int> identifierColumnIndexes,
                 qsizetype memoryBudgetBytes = DefaultMemoryBudget);
    ~DeltaBuilder(); // removes its scratch files (not the two CSV files)
    Q_DISABLE_COPY_MOVE(DeltaBuilder)

    // False + errorString() on a write error (such as a full disk).
    bool add(const RowBatch &mapped);

    // previous: the snapshot last delivered, or nullptr for a first delivery (everyone is
    // added). next: the new snapshot to fill, or nullptr for a dry run; it is closed but not
    // completed (SnapshotRepository::complete() once the delivery is committed). Call once, on
    // the thread that made previous, without a write transaction open on the cache: next's
    // chunks are stored by a thread of its own, through another connection.
    DeltaResult finish(SnapshotReader *previous, SnapshotWriter *next);

    QString errorString() const { return m_error; }
    QStringList columns() const { return m_columns; }
    // The identifier columns' names in key order: the header a new snapshot is stored with.
    QStringList identifierColumns() const;
    // Whether a snapshot's members can be compared with this audience's: same identifier
    // columns in the same order. When not, deliver the whole audience (previous = nullptr).
    bool canCompareWith(const SnapshotInfo &previous) const;

    QString addsPath() const;
    QString removesPath() const;
    // Sorted runs the external sort wrote to disk (0 when the audience fit the budget).
    int sortRuns() const { return m_sorter.runsWritten(); }

private:
    bool fail(const QString &message);
    bool writeAdds(CsvWriter &adds, const std::vector<quint64> &send, qint64 toSend,
                   QString *error);

    const QString m_workDirectory;
    const QStringList m_columns;
    const QList<int> m_identifierColumns;
    MemberFingerprint m_fingerprint;
    SpoolWriter m_rows; // every row with an identifier, in the audience's order
    ExternalSorter m_sorter;
    std::string m_payload; // the sort record being built
    qint64 m_rowCount = 0;
    DeltaCounts m_counts;
    bool m_open = false;
    bool m_finished = false;
    QString m_error;
};

} // namespace courier
