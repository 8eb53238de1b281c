#include "sandbox/protocols/aep/AepExport.h"

#include "sandbox/audience/SplitMix.h"
#include "sandbox/http/JsonText.h"

#include <algorithm>
#include <limits>

using namespace Qt::StringLiterals;

namespace courier::sandbox {

namespace {

void appendKey(QByteArray &out, const char *key)
{
    out += '"';
    out += key;
    out += "\":";
}

// ECID: 38 decimal digits, as Adobe's Experience Cloud ID.
void appendEcid(QByteArray &out, qint64 index)
{
    constexpr quint64 Ten19 = 10'000'000'000'000'000'000ULL;
    for (const quint64 salt : {0xEC1DULL, 0xEC1EULL}) {
        quint64 value = mix64(salt, quint64(index)) % Ten19;
        char digits[19];
        for (int i = 18; i >= 0; --i) {
            digits[i] = char('0' + value % 10);
            value /= 10;
        }
        out.append(digits, 19);
    }
}

QByteArray normalizedEmail(const QByteArray &email)
{
    return email.trimmed().toLower();
}

} // namespace

std::shared_ptr<const ExportLayout>
ExportLayout::make(QList<Wanted> wanted, const QList<AepCatalogue::Segment> &jobSegments,
                   QSet<QString> fields, qint64 rowsPerFile)
{
    auto layout = std::make_shared<ExportLayout>();
    layout->wanted = std::move(wanted);
    layout->fields = std::move(fields);
    layout->rowsPerFile = std::max<qint64>(1, rowsPerFile);
    layout->shown = AepCatalogue::listed();
    for (const AepCatalogue::Segment &segment : jobSegments) {
        const bool known = std::any_of(layout->shown.cbegin(), layout->shown.cend(),
                                       [&](const auto &s) { return s.id == segment.id; });
        if (!known)
            layout->shown.append(segment);
    }
    QList<std::pair<qint64, qint64>> ranges;
    for (const Wanted &w : std::as_const(layout->wanted)) {
        if (w.segment.size() > 0)
            ranges.append({w.segment.begin, w.segment.end});
    }
    std::sort(ranges.begin(), ranges.end());
    for (const auto &range : std::as_const(ranges)) {
        if (!layout->intervals.isEmpty() && range.first <= layout->intervals.last().second)
            layout->intervals.last().second =
                std::max(layout->intervals.last().second, range.second);
        else
            layout->intervals.append(range);
    }
    for (const auto &[begin, end] : std::as_const(layout->intervals)) {
        layout->prefix.append(layout->candidates);
        layout->candidates += end - begin;
    }
    return layout;
}

qint64 ExportLayout::fileCount() const
{
    return (candidates + rowsPerFile - 1) / rowsPerFile;
}

std::pair<qint64, qint64> ExportLayout::fileCandidates(qint64 file) const
{
    const qint64 begin = std::min(candidates, file * rowsPerFile);
    return {begin, std::min(candidates, begin + rowsPerFile)};
}

qint64 ExportLayout::universeIndex(qint64 candidate) const
{
    const auto it = std::upper_bound(prefix.cbegin(), prefix.cend(), candidate);
    const qsizetype i = std::max<qsizetype>(0, (it - prefix.cbegin()) - 1);
    return intervals.at(i).first + (candidate - prefix.at(i));
}

bool ExportLayout::appendLine(qint64 index, QByteArray &out) const
{
    bool selected = false;
    for (const Wanted &w : wanted) {
        if (w.segment.contains(index) && (w.segment.status(index) & w.statuses)) {
            selected = true;
            break;
        }
    }
    if (!selected)
        return false;

    const auto field = [this](const QString &name) {
        return fields.isEmpty() || fields.contains(name);
    };
    const SyntheticAudience::Member m = AepCatalogue::universe().member(index);
    out += "{\"_id\":";
    appendJsonString(m.deviceId, out);
    if (field(u"personID"_s)) {
        out += ',';
        appendKey(out, "personID");
        appendJsonString(normalizedEmail(m.email), out);
    }
    if (field(u"identityMap"_s)) {
        out += ',';
        appendKey(out, "identityMap");
        out += "{\"ECID\":[{\"id\":\"";
        appendEcid(out, index);
        out += "\",\"authenticatedState\":\"ambiguous\",\"primary\":true}],\"Email\":[{\"id\":";
        appendJsonString(m.email, out);
        out += ",\"authenticatedState\":\"authenticated\",\"primary\":false}]";
        if (!m.phone.isEmpty()) {
            out += ",\"Phone\":[{\"id\":";
            appendJsonString(m.phone, out);
            out += ",\"authenticatedState\":\"authenticated\",\"primary\":false}]";
        }
        if (!m.userId.isEmpty()) {
            out += ",\"CRMID\":[{\"id\":";
            appendJsonString(m.userId, out);
            out += ",\"authenticatedState\":\"authenticated\",\"primary\":false}]";
        }
        out += '}';
    }
    if (field(u"person"_s)) {
        out += ",\"person\":{\"name\":{\"firstName\":";
        appendJsonString(m.firstName, out);
        out += ",\"lastName\":";
        appendJsonString(m.lastName, out);
        out += "}}";
    }
    if (field(u"homeAddress"_s)) {
        out += ",\"homeAddress\":{\"city\":";
        appendJsonString(m.city, out);
        out += ",\"postalCode\":";
        appendJsonString(m.postalCode, out);
        out += ",\"countryCode\":";
        appendJsonString(m.country, out);
        out += '}';
    }
    out += ",\"segmentMembership\":{\"ups\":{";
    bool first = true;
    for (const AepCatalogue::Segment &segment : shown) {
        if (!segment.contains(index))
            continue;
        if (!first)
            out += ',';
        first = false;
        appendJsonString(segment.id.toLatin1(), out);
        out += ":{\"status\":\"";
        out += AepCatalogue::statusName(segment.status(index));
        out += "\",\"lastQualificationTime\":\"";
        segment.appendQualificationTime(index, out);
        out += "\"}";
    }
    out += "}}}\n";
    return true;
}

FileIndex FileIndex::build(const ExportLayout &layout, qint64 file)
{
    FileIndex index;
    const auto [begin, end] = layout.fileCandidates(file);
    QByteArray line;
    for (qint64 candidate = begin; candidate < end; ++candidate) {
        if ((candidate - begin) % Step == 0)
            index.checkpoints.append({candidate, index.bytes});
        line.clear();
        if (layout.appendLine(layout.universeIndex(candidate), line)) {
            index.bytes += line.size();
            ++index.rows;
        }
    }
    if (index.checkpoints.isEmpty())
        index.checkpoints.append({begin, 0});
    return index;
}

std::pair<qint64, qint64> FileIndex::seek(qint64 offset) const
{
    // The last checkpoint whose byte offset is ≤ offset (several may share one offset when
    // whole steps were filtered out; any of them is right, the last is closest).
    auto it = std::upper_bound(checkpoints.cbegin(), checkpoints.cend(), offset,
                               [](qint64 value, const std::pair<qint64, qint64> &checkpoint) {
                                   return value < checkpoint.second;
                               });
    if (it != checkpoints.cbegin())
        --it;
    return *it;
}

ProfileLinesSource::ProfileLinesSource(std::shared_ptr<const ExportLayout> layout, qint64 candidate,
                                       qint64 candidateEnd, qint64 position, qint64 from, qint64 to)
    : m_layout(std::move(layout))
    , m_candidate(candidate)
    , m_candidateBegin(candidate)
    , m_candidateEnd(candidateEnd)
    , m_position(position)
    , m_from(from)
    , m_to(to < 0 ? std::numeric_limits<qint64>::max() : to)
{}

void ProfileLinesSource::produce(QByteArray &out, qsizetype budget)
{
    const qsizetype limit = out.size() + budget;
    while (out.size() < limit && !atEnd()) {
        m_line.clear();
        if (!m_layout->appendLine(m_layout->universeIndex(m_candidate++), m_line))
            continue;
        const qint64 lineStart = m_position;
        m_position += m_line.size();
        const qint64 from = std::max(lineStart, m_from);
        const qint64 to = std::min(m_position, m_to);
        if (from < to)
            out.append(m_line.constData() + (from - lineStart), to - from);
    }
}

bool ProfileLinesSource::atEnd() const
{
    return m_position >= m_to || m_candidate >= m_candidateEnd;
}

double ProfileLinesSource::progress() const
{
    const qint64 total = m_candidateEnd - m_candidateBegin;
    return total <= 0 ? 1.0 : double(m_candidate - m_candidateBegin) / double(total);
}

} // namespace courier::sandbox
