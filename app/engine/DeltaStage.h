#pragma once

#include "delta/DeltaBuilder.h"
#include "delta/SnapshotRepository.h"

#include <memory>
#include <optional>
#include <QCoreApplication>
#include <QList>
#include <QString>
#include <QStringList>

namespace courier {

class Database;
class RowBatch;

// The part of a run that works out what changed at the destination since the share's last
// delivery. Every mapped row goes through add(); finish() merges them with the stored snapshot
// into the rows to add (new or changed members) and to remove (members that left), and writes
// the next snapshot, which complete() makes current once the delivery is committed. A dry run
// reads the snapshot but never writes one.
class DeltaStage
{
    Q_DECLARE_TR_FUNCTIONS(DeltaStage)

public:
    struct Plan
    {
        qint64 shareId = 0;
        qint64 destinationId = 0;
        qint64 runId = 0;
        QStringList columns;          // the mapped columns
        QList<int> identifierColumns; // which of them say who a member is
        QString workDirectory;
        bool keepSnapshot = true; // false for a dry run
    };

    DeltaStage(const Database &database, Plan plan);
    ~DeltaStage();

    // Loads the last snapshot. A snapshot taken with other columns or identifiers cannot be
    // compared: then everything counts as new, and *note says why for the run log.
    bool begin(QString *note, QString *error);
    bool hasPrevious() const { return m_previous.has_value(); }
    QString previousTakenAt() const;

    bool add(const RowBatch &mapped, QString *error);
    // The changes, and the files of rows to remove and to add; nullopt + *error on failure.
    std::optional<DeltaResult> finish(QString *error);

    // After the destination committed: the new snapshot replaces the old one.
    bool complete(QString *error);
    // The run failed or was cancelled: the snapshot it was writing goes.
    void discard();

private:
    const Database &m_database;
    Plan m_plan;
    SnapshotRepository m_snapshots;
    std::optional<SnapshotInfo> m_previous;
    std::unique_ptr<SnapshotWriter> m_writer;
    std::unique_ptr<DeltaBuilder> m_builder;
    bool m_completed = false;
};

} // namespace courier
