#include "Ga4QueryPage.h"

#include "connectors/common/JsonDeviceStream.h"
#include "connectors/csv/CsvWriter.h"

#include <cmath>
#include <cstring>
#include <QDir>
#include <QFile>
#include <QList>
#include <rapidjson/error/en.h>
#include <rapidjson/reader.h>
#include <vector>

namespace courier {

namespace {

// The SAX handler: follows the path root → audienceRows[] → {dimensionValues[]} → {value}
// and skips everything else (the audienceExport echo, fields Google may add).
class RowsHandler : public rapidjson::BaseReaderHandler<rapidjson::UTF8<>, RowsHandler>
{
    Q_DECLARE_TR_FUNCTIONS(Ga4QueryPage)

public:
    enum class Level { Root, Rows, Row, Values, Value };

    RowsHandler(CsvWriter &writer, int columns)
        : m_writer(writer)
        , m_columns(columns)
    {
        m_cells.resize(columns);
    }

    bool Null() { return scalar(); }
    bool Bool(bool) { return scalar(); }
    bool Int(int i) { return number(i); }
    bool Uint(unsigned u) { return number(u); }
    bool Int64(int64_t i) { return number(i); }
    bool Uint64(uint64_t u) { return number(qint64(std::min<uint64_t>(u, INT64_MAX))); }
    bool Double(double d)
    {
        return std::abs(d) < 9.0e18 && d == std::floor(d) ? number(qint64(d)) : scalar();
    }
    bool String(const char *text, rapidjson::SizeType length, bool)
    {
        if (m_skip > 0)
            return true;
        if (m_stack.empty())
            return fail(tr("the answer is not a JSON object"));
        switch (m_stack.back()) {
        case Level::Value:
            if (m_key == "value" && m_count < m_columns) {
                QByteArray &cell = m_cells[m_count];
                cell.resize(qsizetype(length)); // keeps its capacity from the rows before
                std::memcpy(cell.data(), text, length);
            }
            return true;
        case Level::Root:
            if (m_key == "rowCount") { // int64 fields may come as strings in proto3 JSON
                bool ok = false;
                const qint64 n = QByteArray::fromRawData(text, qsizetype(length)).toLongLong(&ok);
                if (!ok)
                    return fail(tr("its rowCount is not a number"));
                m_rowCount = n;
            }
            return true;
        case Level::Rows:
        case Level::Values:
            return fail(tr("a row is not an object"));
        case Level::Row:
            return true;
        }
        return true;
    }
    bool Key(const char *text, rapidjson::SizeType length, bool)
    {
        if (m_skip == 0)
            m_key.assign(text, length);
        return true;
    }
    bool StartObject() { return open(true); }
    bool EndObject(rapidjson::SizeType) { return close(); }
    bool StartArray() { return open(false); }
    bool EndArray(rapidjson::SizeType) { return close(); }

    qint64 rows() const { return m_rows; }
    qint64 rowCount() const { return m_rowCount; }
    QString error() const { return m_error; }

private:
    bool fail(const QString &why)
    {
        if (m_error.isEmpty())
            m_error = why;
        return false;
    }

    // A null, a boolean or a fractional number: nothing this reads, except where a row or a
    // value is expected.
    bool scalar()
    {
        if (m_skip > 0)
            return true;
        if (m_stack.empty())
            return fail(tr("the answer is not a JSON object"));
        if (m_stack.back() == Level::Rows || m_stack.back() == Level::Values)
            return fail(tr("a row is not an object"));
        return true;
    }

    bool number(qint64 n)
    {
        if (m_skip == 0 && !m_stack.empty() && m_stack.back() == Level::Root &&
            m_key == "rowCount") {
            m_rowCount = n;
            return true;
        }
        return scalar();
    }

    bool open(bool object)
    {
        if (m_skip > 0) {
            ++m_skip;
            return true;
        }
        if (m_stack.empty()) {
            if (!object)
                return fail(tr("the answer is not a JSON object"));
            m_stack.push_back(Level::Root);
            return true;
        }
        switch (m_stack.back()) {
        case Level::Root:
            if (m_key == "audienceRows" && !object) {
                m_stack.push_back(Level::Rows);
                return true;
            }
            break;
        case Level::Rows:
            if (!object)
                return fail(tr("a row is not an object"));
            m_stack.push_back(Level::Row);
            m_count = 0;
            return true;
        case Level::Row:
            if (m_key == "dimensionValues" && !object) {
                m_stack.push_back(Level::Values);
                return true;
            }
            break;
        case Level::Values:
            if (!object)
                return fail(tr("a dimension value is not an object"));
            m_stack.push_back(Level::Value);
            // proto3 JSON leaves an empty value out: the cell is empty unless "value" comes.
            if (m_count < m_columns)
                m_cells[m_count].resize(0);
            return true;
        case Level::Value:
            break;
        }
        m_skip = 1; // something this does not read: skip it whole
        return true;
    }

    bool close()
    {
        if (m_skip > 0) {
            --m_skip;
            return true;
        }
        const Level level = m_stack.back();
        m_stack.pop_back();
        switch (level) {
        case Level::Value:
            ++m_count;
            return true;
        case Level::Row:
            if (m_count != m_columns)
                return fail(tr("row %1 has %2 value(s) for %3 dimension(s)")
                                .arg(m_rows + 1)
                                .arg(m_count)
                                .arg(m_columns));
            if (!m_writer.writeRow(m_cells))
                return fail(m_writer.errorString());
            ++m_rows;
            return true;
        case Level::Root:
        case Level::Rows:
        case Level::Values:
            return true;
        }
        return true;
    }

    CsvWriter &m_writer;
    const int m_columns;
    QList<QByteArray> m_cells; // the row being read, reused from row to row
    std::vector<Level> m_stack;
    std::string m_key; // the last key seen in the current object
    int m_skip = 0;    // depth inside a skipped value
    int m_count = 0;   // values of the current row so far
    qint64 m_rows = 0;
    qint64 m_rowCount = 0;
    QString m_error;
};

} // namespace

std::optional<Ga4QueryPage::Result> Ga4QueryPage::toCsv(const QString &jsonPath,
                                                        const QString &csvPath,
                                                        const QStringList &columns, QString *error)
{
    const auto fail = [error](const QString &why) {
        if (error)
            *error = why;
        return std::nullopt;
    };
    QFile json(jsonPath);
    if (!json.open(QIODevice::ReadOnly))
        return fail(
            tr("Cannot read %1: %2").arg(QDir::toNativeSeparators(jsonPath), json.errorString()));
    // Parts are read back by the connector, not by people: no formula guard, no BOM.
    CsvWriter writer(csvPath, CsvWriterOptions{',', false, false});
    if (!writer.open(columns))
        return fail(writer.errorString());

    JsonDeviceStream stream(json);
    RowsHandler handler(writer, int(columns.size()));
    rapidjson::Reader reader;
    const rapidjson::ParseResult parsed =
        reader.Parse<rapidjson::kParseValidateEncodingFlag>(stream, handler);
    if (stream.readFailed()) {
        writer.cancel();
        return fail(
            tr("Cannot read %1: %2").arg(QDir::toNativeSeparators(jsonPath), json.errorString()));
    }
    if (!parsed) {
        writer.cancel();
        const QString why = !handler.error().isEmpty()
                                ? handler.error()
                                : QString::fromLatin1(rapidjson::GetParseError_En(parsed.Code()));
        return fail(tr("A page of the audience export cannot be read (%1, at byte %2).")
                        .arg(why)
                        .arg(parsed.Offset()));
    }
    if (!writer.commit())
        return fail(writer.errorString());
    return Result{handler.rows(), handler.rowCount()};
}

} // namespace courier
