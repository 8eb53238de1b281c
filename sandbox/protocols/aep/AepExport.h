#pragma once

#include "sandbox/http/ChunkSource.h"
#include "sandbox/protocols/aep/AepCatalogue.h"

#include <memory>
#include <QList>
#include <QSet>
#include <QString>

namespace courier::sandbox {

// What one export batch holds, fixed when its job is created, shared (read-only) by every
// download of its files so that a reset cannot pull it from under a streaming body.
//
// The batch's candidates are the union of its segments' universe ranges, in universe order;
// file k holds the candidates [k·rowsPerFile, (k+1)·rowsPerFile) that pass the status filter,
// one JSON object per line (JSON Lines standing in for the real Parquet). Every byte is a pure
// function of the layout, so any range of any file can be produced again on demand.
struct ExportLayout
{
    struct Wanted
    {
        AepCatalogue::Segment segment;
        quint8 statuses = AepCatalogue::Realized | AepCatalogue::Existing;
    };

    QList<Wanted> wanted;               // segments this batch exports
    QList<AepCatalogue::Segment> shown; // memberships written: listed ∪ the job's segments
    QSet<QString> fields;               // top-level XDM fields to write; empty: all
    QList<std::pair<qint64, qint64>> intervals; // merged candidate ranges, ascending
    QList<qint64> prefix;                       // candidates before each interval
    qint64 candidates = 0;
    qint64 rowsPerFile = 1;

    static std::shared_ptr<const ExportLayout> make(QList<Wanted> wanted,
                                                    const QList<AepCatalogue::Segment> &jobSegments,
                                                    QSet<QString> fields, qint64 rowsPerFile);

    qint64 fileCount() const;
    std::pair<qint64, qint64> fileCandidates(qint64 file) const; // [begin, end)
    qint64 universeIndex(qint64 candidate) const;
    // Appends the profile's JSON line (with '\n') when it passes the status filter.
    bool appendLine(qint64 universeIndex, QByteArray &out) const;
};

// Size and row count of one file, with the byte offset of every Step-th candidate, so that a
// ranged download starts generating near its first byte instead of at the file's start.
struct FileIndex
{
    static constexpr qint64 Step = 2048;
    qint64 bytes = 0;
    qint64 rows = 0;
    QList<std::pair<qint64, qint64>> checkpoints; // (candidate, byte offset)

    static FileIndex build(const ExportLayout &layout, qint64 file);
    // The checkpoint at or before byte `offset`.
    std::pair<qint64, qint64> seek(qint64 offset) const;
};

// Bytes [from, to) of a file, generated from candidate `candidate` (whose line starts at byte
// `position`) up to candidate `candidateEnd`. `to` < 0: to the end of the file.
class ProfileLinesSource final : public ChunkSource
{
public:
    ProfileLinesSource(std::shared_ptr<const ExportLayout> layout, qint64 candidate,
                       qint64 candidateEnd, qint64 position, qint64 from, qint64 to);

    void produce(QByteArray &out, qsizetype budget) override;
    bool atEnd() const override;
    double progress() const override;

private:
    std::shared_ptr<const ExportLayout> m_layout;
    qint64 m_candidate;
    qint64 m_candidateBegin;
    qint64 m_candidateEnd;
    qint64 m_position;
    qint64 m_from;
    qint64 m_to;
    QByteArray m_line;
};

} // namespace courier::sandbox
