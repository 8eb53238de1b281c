#include "ApsisExportConverter.h"

#include "common/Logging.h"
#include "connectors/csv/CsvWriter.h"
#include "pipeline/RowBatch.h"

#include <cstdio>
#include <memory>
#include <QDir>
#include <QFile>
#include <QHash>
#include <QSet>
#include <rapidjson/error/en.h>
#include <rapidjson/filereadstream.h>
#include <rapidjson/reader.h>
#include <vector>

namespace courier {

namespace {

using rapidjson::SizeType;

// Rows handed to the CSV writer at a time, and the read buffer of the JSON file.
constexpr int RowsPerWrite = 1024;
constexpr size_t ReadBufferBytes = 64 << 10;

// Iterative: a deeply nested (hostile) file cannot exhaust the stack. Numbers as strings:
// attribute values keep their exact digits ("4461.45", not 4461.4499999999998).
constexpr unsigned ParseFlags = rapidjson::kParseIterativeFlag |
                                rapidjson::kParseNumbersAsStringsFlag |
                                rapidjson::kParseValidateEncodingFlag;

struct FileCloser
{
    void operator()(std::FILE *file) const { std::fclose(file); }
};
using FilePointer = std::unique_ptr<std::FILE, FileCloser>;

FilePointer openForReading(const QString &path)
{
#ifdef Q_OS_WIN
    return FilePointer(_wfopen(reinterpret_cast<const wchar_t *>(path.utf16()), L"rb"));
#else
    return FilePointer(std::fopen(QFile::encodeName(path).constData(), "rb"));
#endif
}

std::optional<qint64> integer(QByteArrayView text)
{
    bool ok = false;
    const qint64 value = text.toLongLong(&ok);
    if (ok)
        return value;
    // 1.7361621404e12 is a number as well.
    const double number = text.toDouble(&ok);
    if (ok && number >= 0 && number < 9.2e18)
        return static_cast<qint64>(number);
    return std::nullopt;
}

// Qt 6.4 has no QByteArray::assign(); this keeps the capacity the same way.
void assign(QByteArray &target, QByteArrayView text)
{
    target.resize(0);
    target.append(text);
}

} // namespace

// The SAX handler: a stack of the containers that matter (root, profiles, one profile, its
// sections, a section, its attributes, one attribute entry, the events, one event); anything
// else is skipped by depth. The row of the profile being read is built on the way and written
// when its object ends.
class ApsisExportConverter::Handler
{
public:
    Handler(ApsisExportConverter &owner, CsvWriter &writer, const rapidjson::FileReadStream &stream,
            const std::atomic<bool> *cancelled)
        : m_owner(owner)
        , m_writer(writer)
        , m_stream(stream)
        , m_cancelled(cancelled)
    {
        const ApsisExportPlan &plan = owner.m_plan;
        const auto index = [](const QList<ApsisDefinition> &list, Target::Kind kind,
                              QHash<qint64, Target> &ids) {
            for (int i = 0; i < list.size(); ++i) {
                for (const ApsisDefinition::Version &version : list.at(i).versions)
                    ids.insert(version.id, Target{kind, i, version.deprecated()});
            }
        };
        index(plan.attributes, Target::Attribute, m_attributeIds);
        index(plan.tags, Target::Tag, m_attributeIds);
        index(plan.events, Target::Event, m_eventIds);
        m_values.resize(plan.attributes.size());
        m_fromCurrent.resize(plan.attributes.size());
        m_tags.resize(plan.tags.size());
        m_counts.resize(plan.events.size());
        m_last.resize(plan.events.size());
        m_batch.reset(static_cast<int>(plan.columns().size()));
    }

    QString error() const { return m_error; }
    bool sawProfiles() const { return m_sawProfiles; }
    bool wasCancelled() const { return m_wasCancelled; }
    bool writeFailed() const { return m_writeFailed; }
    bool flush()
    {
        if (m_batch.isEmpty())
            return true;
        const bool ok = m_writer.write(m_batch);
        m_batch.clear();
        if (!ok) {
            m_error = m_writer.errorString();
            m_writeFailed = true;
        }
        return ok;
    }

    // --- rapidjson's Handler concept ---------------------------------------------------------

    bool StartObject()
    {
        if (m_skipDepth > 0) {
            ++m_skipDepth;
            return true;
        }
        switch (takeSlot()) {
        case Slot::TopLevel:
            m_stack.push_back(Frame::Root);
            return true;
        case Slot::Profiles:
            m_sawProfiles = true;
            m_stack.push_back(Frame::Profiles);
            return true;
        case Slot::Profile:
            m_stack.push_back(Frame::Profile);
            beginProfile();
            return true;
        case Slot::Sections:
            m_stack.push_back(Frame::Sections);
            return true;
        case Slot::Section:
            m_stack.push_back(Frame::Section);
            return true;
        case Slot::Attributes:
            m_stack.push_back(Frame::Attributes);
            return true;
        case Slot::Attribute:
            m_stack.push_back(Frame::Attribute);
            if (m_target.kind == Target::Tag)
                m_tags[m_target.index] = true; // an entry is the tag: {"value": null}
            return true;
        case Slot::Event:
            m_stack.push_back(Frame::Event);
            m_eventCorrelation.clear();
            m_eventTime = 0;
            m_eventType = 0;
            return true;
        default:
            m_skipDepth = 1;
            return true;
        }
    }

    bool EndObject(SizeType)
    {
        if (m_skipDepth > 0) {
            --m_skipDepth;
            return true;
        }
        const Frame frame = m_stack.back();
        m_stack.pop_back();
        switch (frame) {
        case Frame::Profile:
            return finishProfile();
        case Frame::Event:
            finishEvent();
            return true;
        default:
            return true;
        }
    }

    bool StartArray()
    {
        if (m_skipDepth > 0) {
            ++m_skipDepth;
            return true;
        }
        switch (takeSlot()) {
        case Slot::Events:
            m_stack.push_back(Frame::Events);
            return true;
        case Slot::TopLevel:
            return fail(tr("The file is not an APSIS One profile export (it is a list)."));
        case Slot::Profiles:
            return fail(tr("The file is not an APSIS One profile export (its profiles are a "
                           "list)."));
        default:
            m_skipDepth = 1;
            return true;
        }
    }

    bool EndArray(SizeType)
    {
        if (m_skipDepth > 0) {
            --m_skipDepth;
            return true;
        }
        m_stack.pop_back();
        return true;
    }

    bool Key(const char *text, SizeType length, bool)
    {
        if (m_skipDepth > 0)
            return true;
        const QByteArrayView key(text, length);
        m_slot = Slot::Skip;
        switch (m_stack.back()) {
        case Frame::Root:
            if (key == "profiles")
                m_slot = Slot::Profiles;
            break;
        case Frame::Profiles:
            m_slot = Slot::Profile;
            assign(m_pendingKey, key);
            break;
        case Frame::Profile:
            if (key == "sections")
                m_slot = Slot::Sections;
            break;
        case Frame::Sections:
            // Keyed by section id or discriminator; version ids are unique across sections.
            m_slot = Slot::Section;
            break;
        case Frame::Section:
            if (key == "attributes")
                m_slot = Slot::Attributes;
            else if (key == "events")
                m_slot = Slot::Events;
            break;
        case Frame::Attributes: {
            const auto id = integer(key);
            const auto it = id ? m_attributeIds.constFind(*id) : m_attributeIds.cend();
            if (it == m_attributeIds.cend()) {
                ++m_owner.m_unknownIds;
                break;
            }
            m_target = *it;
            m_slot = Slot::Attribute;
            break;
        }
        case Frame::Attribute:
            if (key == "value")
                m_slot = Slot::Value;
            break;
        case Frame::Event:
            if (key == "correlationId")
                m_slot = Slot::Correlation;
            else if (key == "sourceEventTime")
                m_slot = Slot::EventTime;
            else if (key == "typeId")
                m_slot = Slot::EventType;
            break;
        case Frame::Events:
            break;
        }
        return true;
    }

    bool String(const char *text, SizeType length, bool) { return scalar({text, length}); }
    bool RawNumber(const char *text, SizeType length, bool) { return scalar({text, length}); }
    bool Null() { return scalar({}, true); }
    bool Bool(bool value) { return scalar(value ? "true" : "false"); }
    // Not called with kParseNumbersAsStringsFlag; here for the concept.
    bool Int(int value) { return number(QByteArray::number(value)); }
    bool Uint(unsigned value) { return number(QByteArray::number(value)); }
    bool Int64(int64_t value) { return number(QByteArray::number(qint64(value))); }
    bool Uint64(uint64_t value) { return number(QByteArray::number(quint64(value))); }
    bool Double(double value) { return number(QByteArray::number(value, 'g', 17)); }

private:
    enum class Frame : quint8 {
        Root,
        Profiles,
        Profile,
        Sections,
        Section,
        Attributes,
        Attribute,
        Events,
        Event
    };
    // What the next value is, by the key before it (or the container it is in).
    enum class Slot : quint8 {
        Skip,
        TopLevel,
        Profiles,
        Profile,
        Sections,
        Section,
        Attributes,
        Attribute,
        Value,
        Events,
        Event,
        Correlation,
        EventTime,
        EventType
    };
    struct Target
    {
        enum Kind : quint8 { Attribute, Tag, Event };
        Kind kind = Attribute;
        int index = 0;
        bool deprecated = false;
    };

    Slot takeSlot()
    {
        if (m_stack.empty()) {
            // After the root value only whitespace may follow (the reader checks that).
            const bool first = !m_sawRoot;
            m_sawRoot = true;
            return first ? Slot::TopLevel : Slot::Skip;
        }
        if (m_stack.back() == Frame::Events)
            return Slot::Event;
        return std::exchange(m_slot, Slot::Skip);
    }

    bool number(const QByteArray &text) { return scalar(text); }

    bool scalar(QByteArrayView text, bool isNull = false)
    {
        if (m_skipDepth > 0)
            return true;
        switch (takeSlot()) {
        case Slot::TopLevel:
            return fail(tr("The file is not an APSIS One profile export (it holds a single "
                           "value)."));
        case Slot::Profiles:
            return fail(tr("The file is not an APSIS One profile export (its profiles are not "
                           "an object)."));
        case Slot::Attribute: // a bare value instead of {"value": …}
            if (m_target.kind == Target::Tag)
                m_tags[m_target.index] = true;
            else if (!isNull)
                setValue(text);
            return true;
        case Slot::Value:
            if (m_target.kind == Target::Attribute && !isNull)
                setValue(text);
            return true;
        case Slot::Correlation:
            assign(m_eventCorrelation, text);
            return true;
        case Slot::EventTime:
            m_eventTime = integer(text).value_or(0);
            return true;
        case Slot::EventType:
            m_eventType = integer(text).value_or(0);
            return true;
        default:
            return true;
        }
    }

    void setValue(QByteArrayView text)
    {
        const int i = m_target.index;
        if (!m_target.deprecated) {
            assign(m_values[i], text);
            m_fromCurrent[i] = true;
        } else if (!m_fromCurrent[i]) {
            // An older version's value, until (unless) the current version has one.
            assign(m_values[i], text);
            ++m_owner.m_deprecatedValues;
        }
    }

    void beginProfile()
    {
        m_key = m_pendingKey;
        for (QByteArray &value : m_values)
            value.resize(0); // keeps the capacity
        std::fill(m_fromCurrent.begin(), m_fromCurrent.end(), false);
        std::fill(m_tags.begin(), m_tags.end(), false);
        std::fill(m_counts.begin(), m_counts.end(), 0);
        std::fill(m_last.begin(), m_last.end(), 0);
        m_seenEvents.clear();
    }

    void finishEvent()
    {
        const auto it = m_eventIds.constFind(m_eventType);
        if (it == m_eventIds.cend()) {
            ++m_owner.m_unknownIds;
            return;
        }
        if (!m_eventCorrelation.isEmpty()) {
            // A retried delivery repeats the correlationId: count the event once.
            const QByteArray seen = QByteArray::number(m_eventType) + ':' + m_eventCorrelation;
            if (m_seenEvents.contains(seen)) {
                ++m_owner.m_repeatedEvents;
                return;
            }
            m_seenEvents.insert(seen);
        }
        ++m_counts[it->index];
        // 0: the source did not say when; it is no "last time".
        if (m_eventTime > 0)
            m_last[it->index] = std::max(m_last[it->index], m_eventTime);
    }

    bool finishProfile()
    {
        m_batch.appendCell(m_key);
        for (const QByteArray &value : m_values)
            m_batch.appendCell(value);
        for (bool tag : m_tags)
            m_batch.appendCell(tag ? QByteArrayView("true") : QByteArrayView("false"));
        for (size_t i = 0; i < m_counts.size(); ++i) {
            m_batch.appendCell(QByteArray::number(m_counts[i]));
            m_batch.appendCell(m_last[i] > 0 ? QDateTime::fromMSecsSinceEpoch(m_last[i], Qt::UTC)
                                                   .toString(Qt::ISODateWithMs)
                                                   .toLatin1()
                                             : QByteArray());
        }
        ++m_owner.m_profiles;
        m_batch.finishRow(m_owner.m_profiles);
        if (m_batch.rowCount() >= RowsPerWrite) {
            m_owner.m_bytesRead.store(static_cast<qint64>(m_stream.Tell()),
                                      std::memory_order_relaxed);
            if (!flush())
                return false;
            if (m_cancelled && m_cancelled->load()) {
                m_wasCancelled = true;
                return false;
            }
        }
        return true;
    }

    bool fail(const QString &message)
    {
        m_error = message;
        return false;
    }

    ApsisExportConverter &m_owner;
    CsvWriter &m_writer;
    const rapidjson::FileReadStream &m_stream;
    const std::atomic<bool> *m_cancelled;

    QHash<qint64, Target> m_attributeIds; // attributes' and tags' version ids
    QHash<qint64, Target> m_eventIds;

    std::vector<Frame> m_stack;
    int m_skipDepth = 0;
    Slot m_slot = Slot::Skip;
    Target m_target;
    bool m_sawRoot = false;
    bool m_sawProfiles = false;
    bool m_wasCancelled = false;
    bool m_writeFailed = false;
    QString m_error;

    // The profile being read.
    QByteArray m_pendingKey;
    QByteArray m_key;
    std::vector<QByteArray> m_values;
    std::vector<bool> m_fromCurrent;
    std::vector<bool> m_tags;
    std::vector<qint64> m_counts;
    std::vector<qint64> m_last;
    QSet<QByteArray> m_seenEvents;
    QByteArray m_eventCorrelation;
    qint64 m_eventTime = 0;
    qint64 m_eventType = 0;

    RowBatch m_batch;
};

ApsisExportConverter::ApsisExportConverter(ApsisExportPlan plan)
    : m_plan(std::move(plan))
{}

ApsisExportConverter::~ApsisExportConverter() = default;

bool ApsisExportConverter::convert(const QString &jsonPath, const QString &csvPath,
                                   const std::atomic<bool> *cancelled)
{
    m_error.clear();
    m_fileWasBad = false;
    m_profiles = m_repeatedEvents = m_unknownIds = m_deprecatedValues = 0;
    m_bytesRead.store(0);

    const FilePointer file = openForReading(jsonPath);
    if (!file) {
        m_error =
            tr("Cannot read the downloaded export %1.").arg(QDir::toNativeSeparators(jsonPath));
        return false;
    }
    CsvWriter writer(csvPath, CsvWriterOptions{',', false, false});
    if (!writer.open(m_plan.columns())) {
        m_error = writer.errorString();
        return false;
    }

    std::vector<char> buffer(ReadBufferBytes);
    rapidjson::FileReadStream stream(file.get(), buffer.data(), buffer.size());
    Handler handler(*this, writer, stream, cancelled);
    rapidjson::Reader reader;
    const rapidjson::ParseResult result = reader.Parse<ParseFlags>(stream, handler);
    m_bytesRead.store(static_cast<qint64>(stream.Tell()));

    if (handler.wasCancelled()) {
        writer.cancel();
        m_error = tr("Reading the export was cancelled.");
        return false;
    }
    if (!handler.error().isEmpty()) {
        writer.cancel();
        // The handler's own complaints are about the file, except a failed write.
        m_fileWasBad = !handler.writeFailed();
        m_error = handler.error();
        return false;
    }
    if (result.IsError()) {
        writer.cancel();
        m_fileWasBad = true;
        m_error = tr("The APSIS One export file is damaged or incomplete (%1 at byte %2).")
                      .arg(QString::fromUtf8(rapidjson::GetParseError_En(result.Code())))
                      .arg(result.Offset());
        return false;
    }
    if (!handler.sawProfiles()) {
        writer.cancel();
        m_fileWasBad = true;
        m_error = tr("The file is not an APSIS One profile export (it has no “profiles”).");
        return false;
    }
    if (!handler.flush() || !writer.commit()) {
        m_error = writer.errorString();
        writer.cancel();
        return false;
    }
    if (m_unknownIds > 0)
        qCWarning(lcConnectors) << "apsis: skipped" << m_unknownIds
                                << "values or events with version ids the export did not ask for";
    return true;
}

} // namespace courier
