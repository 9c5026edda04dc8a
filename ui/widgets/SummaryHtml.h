#pragma once

#include <QString>

// The rich text of a wizard's Review page: a heading per section and a table row per setting,
// every value escaped (names and URLs are the admin's or a server's text).
namespace SummaryHtml {

QString section(const QString& title);
QString row(const QString& label, const QString& value);

} // namespace SummaryHtml
