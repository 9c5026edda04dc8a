#include "ConnectionReport.h"

#include <QCoreApplication>
#include <QStringList>

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("ConnectionReport", text);
}

} // namespace

ConnectionVerdict ConnectionReport::verdict() const
{
    if (cancelled)
        return ConnectionVerdict::Skipped;
    ConnectionVerdict result = ConnectionVerdict::Pass;
    for (const ConnectionStepResult& step : steps)
        result = ConnectionVerdicts::worst(result, step.verdict);
    return result;
}

QString ConnectionReport::summary() const
{
    if (cancelled)
        return tr("Connection test cancelled.");
    for (const ConnectionStepResult& step : steps) {
        if (step.verdict == ConnectionVerdict::Fail)
            return tr("Failed at \"%1\": %2").arg(step.title(), step.cause);
    }
    QStringList warnings;
    for (const ConnectionStepResult& step : steps) {
        if (step.verdict == ConnectionVerdict::Warning)
            warnings.append(step.title());
    }
    if (!warnings.isEmpty())
        return tr("Connected, with warnings: %1.").arg(warnings.join(QLatin1String("; ")));
    return tr("Connected: every check passed.");
}

QString ConnectionReport::toText() const
{
    QStringList lines;
    lines << tr("ScimDesk connection test");
    if (!serverName.isEmpty())
        lines << tr("Server: %1").arg(serverName);
    if (!serverTypeName.isEmpty())
        lines << tr("Server type: %1").arg(serverTypeName);
    lines << tr("URL: %1").arg(url);
    if (startedAt.isValid())
        lines << tr("Started: %1").arg(startedAt.toUTC().toString(Qt::ISODate));
    lines << tr("Result: %1 — %2").arg(ConnectionVerdicts::displayName(verdict()), summary());
    lines << QString();

    int number = 0;
    for (const ConnectionStepResult& step : steps) {
        ++number;
        QString head = QStringLiteral("%1. [%2] %3")
                           .arg(number)
                           .arg(ConnectionVerdicts::displayName(step.verdict), step.title());
        if (step.verdict != ConnectionVerdict::Skipped)
            head += tr(" (%1 ms)").arg(step.durationMs);
        lines << head;
        if (!step.checked.isEmpty())
            lines << tr("   Checked: %1").arg(step.checked);
        if (!step.cause.isEmpty())
            lines << tr("   Cause: %1").arg(step.cause);
        if (!step.fix.isEmpty())
            lines << tr("   Fix: %1").arg(step.fix);
        for (const QString& detail : step.details)
            lines << QStringLiteral("   - ") + detail;
        if (!step.requestId.isEmpty())
            lines << tr("   Server request id: %1").arg(step.requestId);
    }
    return lines.join(QLatin1Char('\n')) + QLatin1Char('\n');
}
