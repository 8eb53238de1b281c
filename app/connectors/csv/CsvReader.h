#pragma once

#include "pipeline/RowReader.h"
#include "Utf8.h"

#include <array>
#include <memory>
#include <QCoreApplication>
#include <QIODevice>
#include <span>
#include <vector>

namespace courier {

struct CsvReaderOptions
{
    char delimiter = 0;                  // 0 = sniff from the head of the file
    qsizetype chunkSize = 1 << 20;       // bytes read from the device per read() call
    qsizetype maxRecordBytes = 16 << 20; // a bigger record is fatal (likely an unclosed quote)
};

// Streams an RFC 4180 CSV file in UTF-8 (with or without a BOM) as rows of a RowBatch.
// Memory stays bounded by chunkSize + maxRecordBytes whatever the file's size: only the record
// being parsed is carried over from one chunk to the next. Rows that do not fit the header
// (wrong field count, bad quoting) go to the reject sink; a byte that is not UTF-8 stops the
// stream, since everything after it would be mojibake.
class CsvReader final : public RowReader
{
    Q_DECLARE_TR_FUNCTIONS(CsvReader)

public:
    explicit CsvReader(CsvReaderOptions options = {});
    ~CsvReader() override;

    // Both read the head of the file: encoding checks, delimiter sniffing and the header row.
    // A reader is opened once.
    bool open(const QString &path);
    // Takes ownership; the device may be unopened (it is opened read-only) or already open.
    bool open(std::unique_ptr<QIODevice> device);

    char delimiter() const { return m_delimiter; }
    bool hadBom() const { return m_hadBom; }

    QStringList columns() const override { return m_columns; }
    bool read(RowBatch &batch, int maxRows) override;
    QString errorString() const override { return m_error; }
    qint64 bytesRead() const override { return m_bufferOffset + m_pos; }
    qint64 bytesTotal() const override { return m_bytesTotal; }

private:
    enum class State { Closed, Open, Finished, Failed };
    enum class Parse { Record, BadRecord, NeedMore, TooLarge, End };
    struct Field
    {
        const char *begin;
        qsizetype size;
        bool escaped; // quoted with doubled quotes inside, to be unescaped when copied
    };

    bool start();
    bool readHead();
    bool checkEncoding(QByteArrayView head);
    bool readHeader();
    void setUpTables();

    qint64 readChunk();
    void validate(qsizetype from);
    bool fill();
    bool needMore();

    Parse parseRecord();
    Parse endRecord(const char *p, qint64 line, bool atEof);
    Parse badRecord(const char *fieldStart, const char *p, qint64 line, bool atEof, QString reason);

    void addField(Field field);
    std::span<const Field> fields() const
    {
        return {m_fields.data(), static_cast<size_t>(m_fieldCount)};
    }
    void emitRow(RowBatch &batch) const;
    QList<QByteArray> fieldsAsRead() const;

    bool fail(QString message);
    bool failNotUtf8();
    bool failRecordTooLarge();

    CsvReaderOptions m_options;
    std::unique_ptr<QIODevice> m_device;
    QString m_path; // native separators, for messages; empty when reading a device
    State m_state = State::Closed;
    QString m_error;

    // m_buffer[m_pos, m_end) is unparsed input; m_buffer[m_end] holds a '\n' sentinel so the
    // scanning loops need no bounds check. m_end stops short of the first bad UTF-8 byte.
    std::vector<char> m_buffer;
    qsizetype m_pos = 0;
    qsizetype m_end = 0;
    qint64 m_bufferOffset = 0; // stream offset of m_buffer[0]
    qint64 m_bytesTotal = -1;
    qint64 m_line = 1; // physical line at m_pos
    bool m_eof = false;
    csv::Utf8Validator m_validator;
    uchar m_badByte = 0;

    char m_delimiter = ',';
    bool m_hadBom = false;
    QStringList m_columns;

    // Bytes that end a run of plain field content, outside and inside quotes.
    std::array<bool, 256> m_stopUnquoted{};
    std::array<bool, 256> m_stopQuoted{};

    // The record parsed last, pointing into m_buffer until the next parse. m_fields only grows,
    // so that parsing never allocates; m_fieldCount says how much of it is in use.
    std::vector<Field> m_fields;
    qsizetype m_fieldCount = 0;
    qint64 m_recordLine = 0;
    QString m_badReason;
};

} // namespace courier
