#include "FountIdStream.h"

#include "connectors/common/JsonDeviceStream.h"
#include "connectors/csv/CsvWriter.h"

#include <cstring>
#include <QFile>
#include <QList>
#include <rapidjson/error/en.h>
#include <rapidjson/reader.h>
#include <vector>

namespace courier {

namespace {

// Scalars kept outside the array: an export payload has some twenty; a document with
// thousands of fields is not what we think it is, and memory must stay flat.
constexpr int MaxFields = 256;
// How often (in ids) a cancel is looked for.
constexpr qint64 CancelCheckEvery = 4096;

class Handler : public rapidjson::BaseReaderHandler<rapidjson::UTF8<>, Handler>
{
    Q_DECLARE_TR_FUNCTIONS(FountIdStream)

public:
    Handler(CsvWriter &writer, const QString &arrayKey, FountIdStream::Result &result,
            const std::atomic<bool> *cancelled)
        : m_writer(writer)
        , m_arrayKey(arrayKey)
        , m_result(result)
        , m_cancelled(cancelled)
    {
        m_row.resize(1);
    }

    bool StartObject()
    {
        if (m_inTarget)
            return contentError(tr("the “%1” list holds objects, not ids").arg(m_arrayKey));
        m_stack.push_back(Frame{false, {}});
        return true;
    }
    bool Key(const char *text, rapidjson::SizeType length, bool)
    {
        m_stack.back().key = QString::fromUtf8(text, qsizetype(length));
        return true;
    }
    bool EndObject(rapidjson::SizeType)
    {
        m_stack.pop_back();
        return true;
    }
    bool StartArray()
    {
        if (m_stack.empty())
            return contentError(tr("it is a list, not an object"));
        if (m_inTarget)
            return contentError(tr("the “%1” list holds lists, not ids").arg(m_arrayKey));
        if (m_stack.size() == 1 && m_stack.back().key == m_arrayKey) {
            m_inTarget = true;
            m_result.arraySeen = true;
        }
        m_stack.push_back(Frame{true, {}});
        return true;
    }
    bool EndArray(rapidjson::SizeType)
    {
        m_stack.pop_back();
        if (m_stack.size() == 1)
            m_inTarget = false;
        return true;
    }

    bool String(const char *text, rapidjson::SizeType length, bool)
    {
        if (m_inTarget)
            return id(text, length);
        return scalar(QString::fromUtf8(text, qsizetype(length)));
    }
    bool Int(int i) { return integer(i); }
    bool Uint(unsigned u) { return integer(qint64(u)); }
    bool Int64(int64_t i) { return integer(i); }
    bool Uint64(uint64_t u)
    {
        if (m_inTarget) {
            const QByteArray text = QByteArray::number(quint64(u));
            return id(text.constData(), rapidjson::SizeType(text.size()));
        }
        return scalar(double(u));
    }
    bool Double(double d) { return m_inTarget ? notAnId() : scalar(d); }
    bool Bool(bool b) { return m_inTarget ? notAnId() : scalar(b); }
    bool Null() { return m_inTarget ? notAnId() : scalar(QJsonValue::Null); }

    QString error() const { return m_error; }
    bool contentFailed() const { return m_contentFailed; }

private:
    struct Frame
    {
        bool array = false;
        QString key; // objects: the key of the value being read
    };

    bool integer(qint64 value)
    {
        if (m_inTarget) {
            const QByteArray text = QByteArray::number(value);
            return id(text.constData(), rapidjson::SizeType(text.size()));
        }
        return scalar(value);
    }

    bool id(const char *text, rapidjson::SizeType length)
    {
        if (length == 0) {
            ++m_result.emptyIds;
            return true;
        }
        QByteArray &cell = m_row[0];
        cell.resize(qsizetype(length)); // keeps its capacity from the ids before
        std::memcpy(cell.data(), text, length);
        if (m_result.rows == 0)
            m_result.firstId = QString::fromUtf8(cell);
        if (!m_writer.writeRow(m_row)) {
            m_error = m_writer.errorString();
            return false;
        }
        ++m_result.rows;
        if (m_cancelled && m_result.rows % CancelCheckEvery == 0 &&
            m_cancelled->load(std::memory_order_relaxed)) {
            m_error = tr("Cancelled.");
            return false;
        }
        return true;
    }

    bool notAnId()
    {
        return contentError(tr("the “%1” list holds something other than ids").arg(m_arrayKey));
    }

    bool scalar(const QJsonValue &value)
    {
        if (m_stack.empty())
            return contentError(tr("it is not a JSON object"));
        QStringList path;
        for (const Frame &frame : m_stack) {
            if (frame.array)
                return true; // values inside other lists are not needed
            path << frame.key;
        }
        if (m_result.fields.size() < MaxFields)
            m_result.fields.insert(path.join(QLatin1Char('.')), value);
        return true;
    }

    bool contentError(const QString &message)
    {
        m_error = message;
        m_contentFailed = true;
        return false;
    }

    CsvWriter &m_writer;
    QString m_arrayKey;
    FountIdStream::Result &m_result;
    const std::atomic<bool> *m_cancelled;
    std::vector<Frame> m_stack;
    QList<QByteArray> m_row;
    bool m_inTarget = false;
    QString m_error;
    bool m_contentFailed = false;
};

} // namespace

qint64 FountIdStream::integer(const QJsonValue &value)
{
    if (value.isDouble())
        return value.toInteger(-1);
    bool ok = false;
    const qint64 number = value.toString().trimmed().toLongLong(&ok);
    return ok ? number : -1;
}

std::optional<FountIdStream::Result>
FountIdStream::toCsv(const QString &jsonPath, const QString &arrayKey, const QString &csvPath,
                     const QString &column, QString *error, const Validator &validate,
                     const std::atomic<bool> *cancelled, bool *badContent)
{
    const auto failed = [error, badContent](const QString &message, bool content) {
        if (error)
            *error = message;
        if (badContent)
            *badContent = content;
        return std::nullopt;
    };
    QFile json(jsonPath);
    if (!json.open(QIODevice::ReadOnly))
        return failed(tr("Cannot open “%1”: %2").arg(jsonPath, json.errorString()), false);
    CsvWriter writer(csvPath, CsvWriterOptions{',', false, false});
    if (!writer.open({column}))
        return failed(writer.errorString(), false);

    Result result;
    Handler handler(writer, arrayKey, result, cancelled);
    JsonDeviceStream stream(json);
    rapidjson::Reader reader;
    const rapidjson::ParseResult parsed =
        reader.Parse<rapidjson::kParseDefaultFlags>(stream, handler);
    if (stream.readFailed()) {
        writer.cancel();
        return failed(tr("Cannot read “%1”: %2").arg(jsonPath, json.errorString()), false);
    }
    if (parsed.IsError()) {
        writer.cancel();
        if (parsed.Code() == rapidjson::kParseErrorTermination && !handler.contentFailed())
            return failed(handler.error(), false); // writing, or cancelled
        const QString why =
            handler.contentFailed()
                ? handler.error()
                : tr("%1 at byte %2")
                      .arg(QString::fromLatin1(rapidjson::GetParseError_En(parsed.Code())))
                      .arg(parsed.Offset());
        return failed(tr("The JSON could not be read (%1).").arg(why), true);
    }
    if (validate) {
        const QString refused = validate(result);
        if (!refused.isEmpty()) {
            writer.cancel();
            return failed(refused, true);
        }
    }
    if (!writer.commit())
        return failed(writer.errorString(), false);
    return result;
}

} // namespace courier
