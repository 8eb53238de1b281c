#include "CsvDialect.h"

#include <array>
#include <QCoreApplication>
#include <vector>

namespace courier::csv {

namespace {

constexpr int CandidateCount = static_cast<int>(std::size(CandidateDelimiters));
using Counts = std::array<int, CandidateCount>;

int candidateIndex(char c)
{
    for (int i = 0; i < CandidateCount; ++i) {
        if (CandidateDelimiters[i] == c)
            return i;
    }
    return -1;
}

// Delimiter counts per line, outside quotes. A trailing line without its line break may be
// cut short by the head's size limit, so it only counts when it is the only line.
std::vector<Counts> countPerLine(QByteArrayView head)
{
    std::vector<Counts> lines;
    Counts counts{};
    bool inQuotes = false;
    bool lineHasBytes = false;
    for (qsizetype i = 0; i < head.size() && static_cast<int>(lines.size()) < SniffMaxLines; ++i) {
        const char c = head[i];
        if (c == '"') {
            // Toggling also handles a doubled quote: it closes and reopens.
            inQuotes = !inQuotes;
        } else if (!inQuotes && (c == '\n' || c == '\r')) {
            if (c == '\r' && i + 1 < head.size() && head[i + 1] == '\n')
                ++i;
            if (lineHasBytes)
                lines.push_back(counts);
            counts = {};
            lineHasBytes = false;
            continue;
        } else if (!inQuotes) {
            if (const int index = candidateIndex(c); index >= 0)
                ++counts[static_cast<size_t>(index)];
        }
        lineHasBytes = true;
    }
    if (lines.empty() && lineHasBytes)
        lines.push_back(counts);
    return lines;
}

} // namespace

CsvDialect sniffDialect(QByteArrayView head)
{
    const std::vector<Counts> lines = countPerLine(head);
    CsvDialect dialect;
    if (lines.empty())
        return dialect;

    int bestMatches = 0;
    for (int i = 0; i < CandidateCount; ++i) {
        const auto index = static_cast<size_t>(i);
        const int headerCount = lines.front()[index];
        if (headerCount == 0)
            continue;
        int matches = 0;
        for (const Counts &line : lines)
            matches += line[index] == headerCount ? 1 : 0;
        // Strictly greater: on a tie the earlier candidate stays.
        if (matches > bestMatches) {
            bestMatches = matches;
            dialect.delimiter = CandidateDelimiters[i];
        }
    }
    return dialect;
}

QString delimiterDisplayName(char delimiter)
{
    switch (delimiter) {
    case ',':
        return QCoreApplication::translate("CsvDialect", "commas");
    case ';':
        return QCoreApplication::translate("CsvDialect", "semicolons");
    case '\t':
        return QCoreApplication::translate("CsvDialect", "tabs");
    case '|':
        return QCoreApplication::translate("CsvDialect", "vertical bars");
    default:
        return QString(QLatin1Char(delimiter));
    }
}

} // namespace courier::csv
