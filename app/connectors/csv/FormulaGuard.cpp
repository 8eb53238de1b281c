#include "FormulaGuard.h"

namespace courier::csv {

namespace {

bool isNumberLike(QByteArrayView cell)
{
    bool hasDigit = false;
    for (char c : cell) {
        if (c >= '0' && c <= '9') {
            hasDigit = true;
            continue;
        }
        switch (c) {
        case ' ':
        case '+':
        case '-':
        case '.':
        case ',':
        case '(':
        case ')':
        case '/':
            continue;
        default:
            return false;
        }
    }
    return hasDigit;
}

} // namespace

bool needsFormulaGuard(QByteArrayView cell)
{
    if (cell.isEmpty())
        return false;
    switch (cell.front()) {
    case '=':
    case '@':
    case '\t':
    case '\r':
        return true;
    case '+':
    case '-':
        return !isNumberLike(cell);
    default:
        return false;
    }
}

} // namespace courier::csv
