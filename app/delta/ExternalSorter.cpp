#include "ExternalSorter.h"

#include <algorithm>
#include <cstring>
#include <QDir>
#include <QFile>
#include <QtEndian>

namespace courier {

namespace {

// A run file is a sequence of records: key (uint64 LE), payload size (uint32 LE), payload.
// A fixed header costs a few bytes over a varint but is read with two loads.
constexpr qsizetype RecordHeader = 12;
constexpr qsizetype WriteBuffer = 1 << 20;
constexpr qsizetype MinReadBuffer = 64 << 10;
constexpr qsizetype MaxReadBuffer = 4 << 20;
// Offsets and sizes in the block are 32-bit.
constexpr qsizetype MaxBudget = qsizetype(1) << 31;
constexpr qsizetype MinBudget = 4 << 10;
// How far ahead of the sorted entry being read its payload is fetched into the cache: enough to
// cover a memory access's latency with the work done on the records in between.
constexpr qsizetype PrefetchAhead = 8;

} // namespace

// One sorted stream of records for the merge.
class ExternalSorter::Source
{
public:
    virtual ~Source() = default;
    // Loads the next record into key()/payload(); false at the end or on an error.
    virtual bool advance() = 0;
    virtual QString errorString() const { return {}; }
    quint64 key() const { return m_key; }
    QByteArrayView payload() const { return m_payload; }

protected:
    quint64 m_key = 0;
    QByteArrayView m_payload;
};

class ExternalSorter::FileSource final : public ExternalSorter::Source
{
public:
    explicit FileSource(qsizetype bufferSize)
        : m_reader(bufferSize)
    {}
    bool open(const QString &path) { return m_reader.open(path); }

    bool advance() override
    {
        m_reader.consume(m_consume);
        m_consume = 0;
        if (!m_reader.ensure(RecordHeader)) {
            if (m_reader.errorString().isEmpty() && m_reader.available() != 0)
                m_error = tr("A sorted scratch file is cut short.");
            return false;
        }
        const char *p = m_reader.data();
        m_key = qFromLittleEndian<quint64>(p);
        const auto size = static_cast<qsizetype>(qFromLittleEndian<quint32>(p + 8));
        if (!m_reader.ensure(RecordHeader + size)) {
            if (m_reader.errorString().isEmpty())
                m_error = tr("A sorted scratch file is cut short.");
            return false;
        }
        m_payload = QByteArrayView(m_reader.data() + RecordHeader, size);
        m_consume = RecordHeader + size;
        return true;
    }
    QString errorString() const override
    {
        return m_error.isEmpty() ? m_reader.errorString() : m_error;
    }

private:
    SpoolReader m_reader;
    qsizetype m_consume = 0;
    QString m_error;
};

class ExternalSorter::MemorySource final : public ExternalSorter::Source
{
public:
    MemorySource(const unsigned char *block, const Entry *begin, const Entry *end)
        : m_block(block)
        , m_next(begin)
        , m_end(end)
    {}
    bool advance() override
    {
        if (m_next == m_end)
            return false;
        // Sorted entries point all over the block: fetch a few payloads ahead, or every record
        // waits for a cache miss.
        if (m_end - m_next > PrefetchAhead)
            __builtin_prefetch(m_block + m_next[PrefetchAhead].offset);
        m_key = m_next->key;
        m_payload = QByteArrayView(reinterpret_cast<const char *>(m_block) + m_next->offset,
                                   static_cast<qsizetype>(m_next->size));
        ++m_next;
        return true;
    }

private:
    const unsigned char *m_block;
    const Entry *m_next;
    const Entry *m_end;
};

// A binary min-heap over the sources' current records, ordered by key and then by source
// index: sources are given oldest first, so equal keys keep the order they were added in.
class ExternalSorter::Merger
{
public:
    explicit Merger(std::vector<std::unique_ptr<Source>> sources)
        : m_sources(std::move(sources))
    {}

    bool start()
    {
        for (int i = 0; i < static_cast<int>(m_sources.size()); ++i) {
            if (m_sources[i]->advance()) {
                m_heap.push_back(i);
            } else if (!m_sources[i]->errorString().isEmpty()) {
                m_error = m_sources[i]->errorString();
                return false;
            }
        }
        for (int i = static_cast<int>(m_heap.size()) / 2 - 1; i >= 0; --i)
            siftDown(i);
        return true;
    }

    // The source holding the smallest record, or -1 at the end (or on an error).
    int top() const { return m_heap.empty() ? -1 : m_heap.front(); }
    Source &source(int index) const { return *m_sources[static_cast<size_t>(index)]; }

    // Moves the top source to its next record.
    bool pop()
    {
        Source &top = *m_sources[static_cast<size_t>(m_heap.front())];
        if (top.advance()) {
            siftDown(0);
            return true;
        }
        if (!top.errorString().isEmpty()) {
            m_error = top.errorString();
            return false;
        }
        m_heap.front() = m_heap.back();
        m_heap.pop_back();
        if (!m_heap.empty())
            siftDown(0);
        return true;
    }
    QString errorString() const { return m_error; }

private:
    bool less(int a, int b) const
    {
        const quint64 ka = m_sources[static_cast<size_t>(a)]->key();
        const quint64 kb = m_sources[static_cast<size_t>(b)]->key();
        return ka < kb || (ka == kb && a < b);
    }
    void siftDown(size_t i)
    {
        const size_t n = m_heap.size();
        const int item = m_heap[i];
        for (;;) {
            size_t child = 2 * i + 1;
            if (child >= n)
                break;
            if (child + 1 < n && less(m_heap[child + 1], m_heap[child]))
                ++child;
            if (!less(m_heap[child], item))
                break;
            m_heap[i] = m_heap[child];
            i = child;
        }
        m_heap[i] = item;
    }

    std::vector<std::unique_ptr<Source>> m_sources;
    std::vector<int> m_heap;
    QString m_error;
};

ExternalSorter::ExternalSorter(QString directory, QString namePrefix, qsizetype memoryBudget)
    : m_directory(std::move(directory))
    , m_namePrefix(std::move(namePrefix))
    , m_budget(std::clamp(memoryBudget, MinBudget, MaxBudget))
{}

ExternalSorter::~ExternalSorter()
{
    release();
}

void ExternalSorter::release()
{
    m_merger.reset(); // closes the run files before they are removed
    for (const QString &path : std::as_const(m_made))
        QFile::remove(path);
    m_made.clear();
    m_runs.clear();
    m_block.reset();
    m_blockSize = 0;
    m_payloadEnd = 0;
    m_entryCount = 0;
}

bool ExternalSorter::add(quint64 key, QByteArrayView payload)
{
    Q_ASSERT(!m_finished);
    if (!m_error.isEmpty())
        return false;
    const qsizetype need = payload.size() + static_cast<qsizetype>(sizeof(Entry));
    if (m_payloadEnd + need > m_blockSize - m_entryCount * qsizetype(sizeof(Entry))) {
        if (m_entryCount > 0 && !spill())
            return false;
        if (!m_block || need > m_blockSize) {
            // A record bigger than the whole budget still sorts: the block grows to hold it
            // alone.
            const qsizetype size =
                std::max(m_budget, need + qsizetype(sizeof(Entry))) & ~qsizetype(sizeof(Entry) - 1);
            m_block.reset();
            m_block = std::make_unique_for_overwrite<unsigned char[]>(static_cast<size_t>(size));
            m_blockSize = size;
        }
    }
    if (!payload.isEmpty())
        std::memcpy(m_block.get() + m_payloadEnd, payload.data(),
                    static_cast<size_t>(payload.size()));
    ++m_entryCount;
    Entry *entry = reinterpret_cast<Entry *>(m_block.get() + m_blockSize) - m_entryCount;
    *entry = Entry{key, static_cast<quint32>(m_payloadEnd), static_cast<quint32>(payload.size())};
    m_payloadEnd += payload.size();
    ++m_count;
    return true;
}

void ExternalSorter::sortEntries()
{
    Entry *begin = reinterpret_cast<Entry *>(m_block.get() + m_blockSize) - m_entryCount;
    Entry *end = begin + m_entryCount;
    // Offsets grow with insertion order, so (key, offset) is a stable order.
    std::sort(begin, end, [](const Entry &a, const Entry &b) {
        return a.key < b.key || (a.key == b.key && a.offset < b.offset);
    });
}

QString ExternalSorter::newRunPath()
{
    const QString path =
        QDir(m_directory)
            .filePath(QStringLiteral("%1-run-%2.tmp").arg(m_namePrefix).arg(++m_runFiles));
    m_made.append(path);
    return path;
}

bool ExternalSorter::spill()
{
    sortEntries();
    SpoolWriter writer(WriteBuffer);
    const QString path = newRunPath();
    if (!writer.open(path)) {
        m_error = writer.errorString();
        return false;
    }
    const Entry *begin =
        reinterpret_cast<const Entry *>(m_block.get() + m_blockSize) - m_entryCount;
    const char *payloads = reinterpret_cast<const char *>(m_block.get());
    const Entry *const end = begin + m_entryCount;
    for (const Entry *entry = begin; entry != end; ++entry) {
        if (end - entry > PrefetchAhead)
            __builtin_prefetch(payloads + entry[PrefetchAhead].offset);
        const qsizetype size = RecordHeader + entry->size;
        if (size <= writer.bufferSize()) {
            char *p = writer.reserve(size);
            if (!p)
                break;
            qToLittleEndian<quint64>(entry->key, p);
            qToLittleEndian<quint32>(entry->size, p + 8);
            std::memcpy(p + RecordHeader, payloads + entry->offset, entry->size);
            writer.commit(size);
        } else {
            char header[RecordHeader];
            qToLittleEndian<quint64>(entry->key, header);
            qToLittleEndian<quint32>(entry->size, header + 8);
            if (!writer.write(QByteArrayView(header, RecordHeader)) ||
                !writer.write(QByteArrayView(payloads + entry->offset, entry->size)))
                break;
        }
    }
    if (!writer.close()) {
        m_error = writer.errorString();
        return false;
    }
    m_runs.append(path);
    ++m_runsWritten;
    m_payloadEnd = 0;
    m_entryCount = 0;
    return true;
}

std::vector<std::unique_ptr<ExternalSorter::Source>>
ExternalSorter::openSources(const QStringList &runs, bool withMemory, qsizetype bufferEach)
{
    std::vector<std::unique_ptr<Source>> sources;
    for (const QString &path : runs) {
        auto source = std::make_unique<FileSource>(bufferEach);
        if (!source->open(path)) {
            m_error = source->errorString();
            return {};
        }
        sources.push_back(std::move(source));
    }
    if (withMemory && m_entryCount > 0) {
        const Entry *begin =
            reinterpret_cast<const Entry *>(m_block.get() + m_blockSize) - m_entryCount;
        // Newest records: last, so they lose ties to the runs written before them.
        sources.push_back(
            std::make_unique<MemorySource>(m_block.get(), begin, begin + m_entryCount));
    }
    return sources;
}

bool ExternalSorter::reduceRuns()
{
    // Merges groups of MaxFanIn runs (neighbours, so the order of equal keys is kept) into one
    // until a single merge can take them all, the records in memory included.
    const qsizetype bufferEach = std::clamp(m_budget / 8 / MaxFanIn, MinReadBuffer, MaxReadBuffer);
    while (m_runs.size() + (m_entryCount > 0 ? 1 : 0) > MaxFanIn) {
        QStringList merged;
        for (qsizetype from = 0; from < m_runs.size(); from += MaxFanIn) {
            const QStringList group = m_runs.mid(from, MaxFanIn);
            if (group.size() == 1) {
                merged.append(group);
                continue;
            }
            auto sources = openSources(group, false, bufferEach);
            if (sources.empty())
                return false;
            Merger merger(std::move(sources));
            SpoolWriter writer(WriteBuffer);
            const QString path = newRunPath();
            if (!writer.open(path) || !merger.start()) {
                m_error =
                    writer.errorString().isEmpty() ? merger.errorString() : writer.errorString();
                return false;
            }
            for (int top = merger.top(); top >= 0; top = merger.top()) {
                const Source &source = merger.source(top);
                char header[RecordHeader];
                qToLittleEndian<quint64>(source.key(), header);
                qToLittleEndian<quint32>(static_cast<quint32>(source.payload().size()), header + 8);
                if (!writer.write(QByteArrayView(header, RecordHeader)) ||
                    !writer.write(source.payload())) {
                    m_error = writer.errorString();
                    return false;
                }
                if (!merger.pop()) {
                    m_error = merger.errorString();
                    return false;
                }
            }
            if (!writer.close()) {
                m_error = writer.errorString();
                return false;
            }
            for (const QString &done : group) {
                QFile::remove(done);
                m_made.removeOne(done);
            }
            merged.append(path);
        }
        m_runs = merged;
    }
    return true;
}

bool ExternalSorter::finish()
{
    Q_ASSERT(!m_finished);
    m_finished = true;
    if (!m_error.isEmpty())
        return false;
    if (m_entryCount > 0)
        sortEntries();
    if (!reduceRuns())
        return false;
    const auto sourceCount = m_runs.size() + (m_entryCount > 0 ? 1 : 0);
    const qsizetype bufferEach = std::clamp(m_budget / 8 / std::max<qsizetype>(1, sourceCount),
                                            MinReadBuffer, MaxReadBuffer);
    auto sources = openSources(m_runs, true, bufferEach);
    if (!m_error.isEmpty())
        return false;
    m_merger = std::make_unique<Merger>(std::move(sources));
    if (!m_merger->start()) {
        m_error = m_merger->errorString();
        return false;
    }
    m_started = false;
    return true;
}

bool ExternalSorter::next(Record &record)
{
    Q_ASSERT(m_finished);
    if (!m_merger || !m_error.isEmpty())
        return false;
    // The record handed out last stays readable until now; only then is its source moved on.
    if (m_started && !m_merger->pop()) {
        m_error = m_merger->errorString();
        return false;
    }
    m_started = true;
    const int top = m_merger->top();
    if (top < 0)
        return false;
    const Source &source = m_merger->source(top);
    record.key = source.key();
    record.payload = source.payload();
    return true;
}

} // namespace courier
