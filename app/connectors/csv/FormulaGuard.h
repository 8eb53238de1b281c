#pragma once

#include <QByteArrayView>

namespace courier::csv {

// Spreadsheet formula injection (CWE-1236): a cell starting with = + - @ tab or CR can be run
// as a formula when the CSV is opened in Excel, LibreOffice or Google Sheets. Such cells get
// a leading apostrophe, which spreadsheets show as text.
//
// A value made only of digits, spaces and + - . , ( ) / — a phone number such as
// "+46 70 123 45 67" or an amount such as "-12.50" — cannot name a function or a link, so it
// is left as it is: marketers' phone numbers must reach the destination unchanged.
bool needsFormulaGuard(QByteArrayView cell);

inline constexpr char FormulaGuardPrefix = '\'';

} // namespace courier::csv
