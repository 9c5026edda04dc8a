#pragma once

#include <QString>

// Text from a server or a directory as it may be shown to a person. A SCIM target or a
// directory controls these strings: terminal controls (ESC sequences, BEL, CR), other C0/C1
// controls and bidirectional overrides could clear or rewrite what the admin reviews, so they
// are shown as visible escapes (`\x1b`, `\r`, `\u202e`). Backslashes are left as they are.
// JSON output needs none of this: JSON escapes controls itself.
namespace DisplayText {

// Every control character escaped, line breaks and tabs included: for one value in a line.
QString escaped(const QString& text);
// Line breaks and tabs kept, every other control escaped: for text composed of lines, e.g.
// a whole message or report on its way to a terminal.
QString escapedKeepingLines(const QString& text);

} // namespace DisplayText
