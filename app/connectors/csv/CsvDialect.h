#pragma once

#include <QByteArrayView>
#include <QString>

namespace courier::csv {

struct CsvDialect
{
    char delimiter = ',';
    char quote = '"';
};

// The delimiters a spreadsheet export plausibly uses, in the order that breaks ties.
inline constexpr char CandidateDelimiters[] = {',', ';', '\t', '|'};

// How much of a file's head sniffDialect() needs to decide.
inline constexpr qsizetype SniffHeadBytes = 64 * 1024;
inline constexpr int SniffMaxLines = 20;

// Guesses the delimiter from the first complete lines of a file (BOM already stripped).
// Picks the candidate found on the header line whose count, outside quotes, holds on the
// most lines below it; a file none of them splits is taken as single-column, comma-separated.
CsvDialect sniffDialect(QByteArrayView head);

// The delimiter as people name it, for "separated by %1": "commas", "semicolons", "tabs",
// "vertical bars" (translated); any other character as itself.
QString delimiterDisplayName(char delimiter);

} // namespace courier::csv
