#include "HttpTraceEntry.h"

#include <util/DisplayText.h>

QString HttpTraceEntry::toString() const
{
    QString text = QStringLiteral("%1 %2 -> %3 (%4 ms, attempt %5)")
                       .arg(QString::fromLatin1(method), DisplayText::escaped(url),
                           status ? QString::number(status) : QStringLiteral("-"))
                       .arg(durationMs)
                       .arg(attempt);
    if (!serverRequestId.isEmpty())
        text += QStringLiteral(" request-id=") + DisplayText::escaped(serverRequestId);
    if (!error.isEmpty())
        text += QStringLiteral(" error: ") + DisplayText::escaped(error);
    return text;
}
