#pragma once

#include <QString>
#include <QStringView>

// What a CSV import accepts inside a cell. Control characters (NUL, ESC, BEL, other C0 and C1
// controls, DEL) never belong in a directory value: they come from binary files or broken
// exports, would be sent to SCIM servers, and can rewrite a terminal that shows them. Names and
// ids (user names, e-mail addresses, object IDs, group and member names) must also stay on one
// line. A cell that breaks these rules is refused with its line and column, never cleaned
// silently: the admin decides what the value should be.
namespace CsvCellCheck {

// Position of the first character the cell may not hold, or -1. Tabs and line breaks are
// allowed unless singleLine.
qsizetype forbiddenCharacter(QStringView cell, bool singleLine);
// "Line 4, column 2 (Email): …" for the character at position in cell.
QString issue(int line, int column, const QString& header, QStringView cell, qsizetype position);

} // namespace CsvCellCheck
