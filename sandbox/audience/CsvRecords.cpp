#include "sandbox/audience/CsvRecords.h"

namespace courier::sandbox {

CsvRecords::CsvRecords(QByteArrayView data)
    : m_data(data)
{
    if (m_data.startsWith("\xEF\xBB\xBF"))
        m_pos = 3;
}

bool CsvRecords::next(QByteArrayList &fields)
{
    fields.clear();
    if (!m_ok)
        return false;
    // Skip blank lines.
    while (m_pos < m_data.size() && (m_data[m_pos] == '\r' || m_data[m_pos] == '\n')) {
        if (m_data[m_pos] == '\n')
            ++m_line;
        ++m_pos;
    }
    if (m_pos >= m_data.size())
        return false;
    m_recordLine = m_line;

    QByteArray field;
    bool quoted = false;
    bool afterQuote = false; // a quoted field ended; only a separator or line end may follow
    while (m_pos < m_data.size()) {
        const char c = m_data[m_pos++];
        if (quoted) {
            if (c == '"') {
                if (m_pos < m_data.size() && m_data[m_pos] == '"') {
                    field += '"';
                    ++m_pos;
                } else {
                    quoted = false;
                    afterQuote = true;
                }
            } else {
                if (c == '\n')
                    ++m_line;
                field += c;
            }
            continue;
        }
        if (c == ',') {
            fields.append(field);
            field.clear();
            afterQuote = false;
        } else if (c == '\r' || c == '\n') {
            if (c == '\r' && m_pos < m_data.size() && m_data[m_pos] == '\n')
                ++m_pos;
            ++m_line;
            fields.append(field);
            return true;
        } else if (afterQuote) {
            m_ok = false; // text after a closing quote: "abc"def
            fields.append(field);
            return true;
        } else if (c == '"' && field.isEmpty()) {
            quoted = true;
        } else {
            field += c;
        }
    }
    if (quoted)
        m_ok = false; // the body ended inside a quoted field
    fields.append(field);
    return true;
}

} // namespace courier::sandbox
