#include "SourceTestReport.h"

#include "util/DisplayText.h"

#include <QCoreApplication>
#include <QStringList>

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("SourceTestReport", text);
}

} // namespace

ConnectionVerdict SourceTestReport::verdict() const
{
    if (cancelled) {
        return ConnectionVerdict::Skipped;
    }
    ConnectionVerdict worst = ConnectionVerdict::Pass;
    for (const auto& step : steps) {
        worst = ConnectionVerdicts::worst(worst, step.verdict);
    }
    return worst;
}

QString SourceTestReport::summary() const
{
    if (cancelled) {
        return tr("The test was cancelled.");
    }
    QStringList failed;
    QStringList warned;
    for (const auto& step : steps) {
        if (step.verdict == ConnectionVerdict::Fail) {
            failed.append(step.title());
        } else if (step.verdict == ConnectionVerdict::Warning) {
            warned.append(step.title());
        }
    }
    if (!failed.isEmpty()) {
        return tr("Failed: %1.").arg(failed.join(QStringLiteral(", ")));
    }
    if (!warned.isEmpty()) {
        return tr("Works, with warnings: %1.").arg(warned.join(QStringLiteral(", ")));
    }
    return tr("Every step passed.");
}

QString SourceTestReport::toText() const
{
    QStringList lines {tr("Source connection test: %1 (%2)").arg(sourceName, url),
        tr("Started %1, finished %2")
            .arg(startedAt.toUTC().toString(Qt::ISODate), finishedAt.toUTC().toString(Qt::ISODate)),
        summary(), QString()};
    for (const auto& step : steps) {
        lines.append(QStringLiteral("[%1] %2 (%3 ms)")
                         .arg(ConnectionVerdicts::displayName(step.verdict), step.title())
                         .arg(step.durationMs));
        if (!step.checked.isEmpty()) {
            lines.append(QStringLiteral("    ") + tr("Checked: %1").arg(step.checked));
        }
        if (!step.cause.isEmpty()) {
            lines.append(QStringLiteral("    ") + tr("Cause: %1").arg(step.cause));
        }
        if (!step.fix.isEmpty()) {
            lines.append(QStringLiteral("    ") + tr("Fix: %1").arg(step.fix));
        }
        for (const QString& detail : step.details) {
            lines.append(QStringLiteral("    - ") + detail);
        }
    }
    return DisplayText::escapedKeepingLines(lines.join(QLatin1Char('\n')));
}
