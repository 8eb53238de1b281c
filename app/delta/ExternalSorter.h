#pragma once

#include "SpoolFile.h"

#include <memory>
#include <QByteArrayView>
#include <QCoreApplication>
#include <QString>
#include <QStringList>
#include <vector>

namespace courier {

// Sorts any number of records — a 64-bit key and a payload of bytes — by key, in a fixed amount
// of memory: records collect in one block of memoryBudget bytes; when it is full they are
// sorted and written to the directory as a sorted run; finish() sorts the last block, and next()
// merges the runs (k-way, in passes of at most MaxFanIn runs). The sort is stable: records with
// equal keys come out in the order they were added.
//
// Memory: the block, plus a read buffer per run while merging (together at most an eighth of the
// budget, at least 64 KiB each) and a 1 MiB write buffer.
class ExternalSorter
{
    Q_DECLARE_TR_FUNCTIONS(courier::ExternalSorter)

public:
    struct Record
    {
        quint64 key = 0;
        QByteArrayView payload; // valid until the next call to next()
    };

    // Run files are named "<namePrefix>-run-<n>.tmp" in directory, and removed by the
    // destructor.
    ExternalSorter(QString directory, QString namePrefix, qsizetype memoryBudget);
    ~ExternalSorter();
    Q_DISABLE_COPY_MOVE(ExternalSorter)

    // False + errorString() when a run could not be written.
    bool add(quint64 key, QByteArrayView payload);
    // After the last add(): sorts the records still in memory and prepares the merge.
    bool finish();
    // The next record in key order; false at the end or on an error (errorString() is set).
    bool next(Record &record);

    // Frees the memory and removes the run files once the records are no longer needed.
    void release();

    QString errorString() const { return m_error; }
    qint64 count() const { return m_count; }
    // Sorted runs written to disk so far (0 when everything fit in memory).
    int runsWritten() const { return m_runsWritten; }

    static constexpr int MaxFanIn = 64;

private:
    struct Entry
    {
        quint64 key;
        quint32 offset; // of the payload in the block
        quint32 size;
    };
    class Source;
    class FileSource;
    class MemorySource;
    class Merger;

    bool spill();
    void sortEntries();
    bool reduceRuns();
    QString newRunPath();
    std::vector<std::unique_ptr<Source>> openSources(const QStringList &runs, bool withMemory,
                                                     qsizetype bufferEach);

    const QString m_directory;
    const QString m_namePrefix;
    qsizetype m_budget;
    // Payloads grow from the front of the block, entries from the back (so both fit one
    // allocation, and a run is full exactly when they meet).
    std::unique_ptr<unsigned char[]> m_block;
    qsizetype m_blockSize = 0;
    qsizetype m_payloadEnd = 0;
    qsizetype m_entryCount = 0;

    QStringList m_runs; // sorted runs on disk, oldest first
    QStringList m_made; // every run file made, to remove
    int m_runsWritten = 0;
    int m_runFiles = 0; // names the next run file
    qint64 m_count = 0;
    std::unique_ptr<Merger> m_merger;
    bool m_finished = false;
    bool m_started = false; // next() has handed out a record
    QString m_error;
};

} // namespace courier
