#pragma once

#include "CsvReader.h"

#include <memory>
#include <QCoreApplication>
#include <QStringList>

namespace courier {

// Reads several CSV files one after the other as one stream of rows: the parts an export was
// split into, each with the same header row. A part whose header differs stops the stream with
// an error naming it. Rejected rows keep their line within their part, and their reason names
// the part. Progress counts bytes across all parts.
class CsvPartsReader final : public RowReader
{
    Q_DECLARE_TR_FUNCTIONS(CsvPartsReader)

public:
    // options apply to every part; when options.delimiter is 0 the first part's sniffed
    // delimiter is used for all of them (a tiny part sniffs poorly).
    explicit CsvPartsReader(CsvReaderOptions options = {});
    ~CsvPartsReader() override;

    // Opens the first part (for its header) and sizes them all. At least one part.
    bool open(const QStringList &paths);

    // The parts a source connector wrote to its work folder (comma-separated, ours: a tiny
    // part would sniff poorly), opened; nullptr + *error when they cannot be.
    static std::unique_ptr<RowReader> openOwnParts(const QStringList &paths, QString *error);
    // The same, and when there are no parts (an empty export), a header-only file
    // `emptyPath` with `columns` first, so the mapping still finds its columns.
    static std::unique_ptr<RowReader> openOwnParts(QStringList paths, const QString &emptyPath,
                                                   const QStringList &columns, QString *error);

    QStringList columns() const override { return m_columns; }
    bool read(RowBatch &batch, int maxRows) override;
    QString errorString() const override { return m_error; }
    qint64 bytesRead() const override;
    qint64 bytesTotal() const override { return m_bytesTotal; }

    int partCount() const { return static_cast<int>(m_paths.size()); }
    int currentPart() const { return m_index; } // 0-based; partCount() once all are read

private:
    bool openPart(int index);
    QString partName(int index) const;
    bool fail(QString message);

    CsvReaderOptions m_options;
    QStringList m_paths;
    std::unique_ptr<CsvReader> m_reader; // the part being read
    int m_index = -1;
    qint64 m_bytesDone = 0; // bytes of the parts already read through
    qint64 m_bytesTotal = -1;
    QStringList m_columns;
    QString m_error;
    bool m_failed = false;
};

} // namespace courier
