#pragma once

#include "pipeline/RowWriter.h"

#include <memory>
#include <QCoreApplication>
#include <QSaveFile>
#include <string>

namespace courier {

struct CsvWriterOptions
{
    char delimiter = ',';
    bool formulaGuard = true; // see FormulaGuard.h; on by default
    bool writeBom = false;    // Excel on Windows needs a BOM to read UTF-8; off for machines
};

// Writes UTF-8 CSV (RFC 4180: CRLF line ends, fields quoted when they hold the delimiter, a
// quote or a line break) atomically through QSaveFile: the file appears whole on commit(), and
// a cancelled or failed export leaves no file — not even a partial temporary one.
class CsvWriter final : public RowWriter
{
    Q_DECLARE_TR_FUNCTIONS(CsvWriter)

public:
    explicit CsvWriter(QString path, CsvWriterOptions options = {});
    ~CsvWriter() override;

    bool open(const QStringList &columns) override;
    bool write(const RowBatch &batch) override;
    bool commit() override;
    void cancel() override;
    QString errorString() const override { return m_error; }

    // Appends one row of arbitrary width (the rejected-rows file has ragged rows).
    bool writeRow(const QList<QByteArray> &cells);

    QString path() const { return m_path; }
    qint64 bytesWritten() const { return m_bytesWritten; }

private:
    void appendEmptyOnlyCell();
    void appendCell(QByteArrayView cell);
    void endRow();
    bool flushIfFull();
    bool flush();
    bool fail(const QString &message);

    QString m_path;
    CsvWriterOptions m_options;
    std::unique_ptr<QSaveFile> m_file;
    std::string m_buffer;
    qint64 m_bytesWritten = 0;
    QString m_error;
    bool m_rowStarted = false;
};

} // namespace courier
