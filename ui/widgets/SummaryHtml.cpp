#include "SummaryHtml.h"

namespace SummaryHtml {

QString section(const QString& title)
{
    return QStringLiteral("<h3 style=\"margin-top:12px\">%1</h3>").arg(title.toHtmlEscaped());
}

QString row(const QString& label, const QString& value)
{
    return QStringLiteral("<tr><td style=\"padding-right:16px\"><b>%1</b></td><td>%2</td></tr>")
        .arg(label.toHtmlEscaped(), value.toHtmlEscaped());
}

} // namespace SummaryHtml
