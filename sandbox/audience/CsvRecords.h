#pragma once

#include <QByteArray>
#include <QByteArrayList>

namespace courier::sandbox {

// Reads the CSV bodies clients push (RFC 4180: quoted fields, doubled quotes, CRLF or LF,
// blank lines skipped, a UTF-8 byte order mark ignored). Small and strict on purpose: the
// sandbox checks what the client sends rather than guessing what it meant.
class CsvRecords
{
public:
    explicit CsvRecords(QByteArrayView data);

    // The next record's fields; false at the end. A record whose quoting is broken comes back
    // with ok() false (its fields are what could be read) and reading stops after it.
    bool next(QByteArrayList &fields);
    bool ok() const { return m_ok; }
    // 1-based line where the record last returned by next() started.
    qsizetype line() const { return m_recordLine; }

private:
    QByteArrayView m_data;
    qsizetype m_pos = 0;
    qsizetype m_line = 1;
    qsizetype m_recordLine = 0;
    bool m_ok = true;
};

} // namespace courier::sandbox
