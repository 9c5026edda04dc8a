#include "LaunchdScheduler.h"

#include <QDir>

LaunchdScheduler::LaunchdScheduler(Setup setup)
    : PlatformScheduler(
        withEntryDirectory(std::move(setup), QDir::homePath() + QStringLiteral("/Library/LaunchAgents")))
{
}

QString LaunchdScheduler::kindName() const
{
    return QStringLiteral("launchd agent");
}

QString LaunchdScheduler::entryName(qint64 applicationId) const
{
    return QStringLiteral("io.scimdesk.ScimDesk.sync.%1app%2").arg(tagPart(QLatin1Char('.'))).arg(applicationId);
}

QStringList LaunchdScheduler::entryPaths(qint64 applicationId) const
{
    return {QDir(entryDirectory()).filePath(entryName(applicationId) + QStringLiteral(".plist"))};
}

QString LaunchdScheduler::calendarInterval(const RunSchedule& schedule)
{
    QString keys = QStringLiteral("<key>Minute</key><integer>%1</integer>").arg(schedule.time.minute());
    if (schedule.frequency != RunSchedule::Frequency::Hourly) {
        keys += QStringLiteral("<key>Hour</key><integer>%1</integer>").arg(schedule.time.hour());
    }
    if (schedule.frequency == RunSchedule::Frequency::Weekly) {
        // launchd counts Monday as 1 and Sunday as 7 (or 0), as Qt does.
        keys += QStringLiteral("<key>Weekday</key><integer>%1</integer>").arg(schedule.weekday);
    }
    return QStringLiteral("<dict>") + keys + QStringLiteral("</dict>");
}

QList<SchedulerFile> LaunchdScheduler::entryFiles(const RunSchedule& schedule) const
{
    QString arguments = QStringLiteral("<string>%1</string>").arg(setup().cliPath.toHtmlEscaped());
    for (const QString& argument : runArguments(schedule)) {
        arguments += QStringLiteral("\n    <string>%1</string>").arg(argument.toHtmlEscaped());
    }
    const QString text = QStringLiteral(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        "<!DOCTYPE plist PUBLIC \"-//Apple//DTD PLIST 1.0//EN\" \"http://www.apple.com/DTDs/PropertyList-1.0.dtd\">\n"
        "<!-- Written by ScimDesk (Schedule\u2026); the token is never in this file. %1%2 -->\n"
        "<plist version=\"1.0\">\n"
        "<dict>\n"
        "  <key>Label</key><string>%3</string>\n"
        "  <key>ProgramArguments</key>\n"
        "  <array>\n"
        "    %4\n"
        "  </array>\n"
        "  <key>StartCalendarInterval</key>%5\n"
        "</dict>\n"
        "</plist>\n")
                             .arg(QLatin1String(markerLabel), QString::fromLatin1(schedule.marker()),
                                 entryName(schedule.applicationId), arguments, calendarInterval(schedule));
    return {{entryPaths(schedule.applicationId).first(), text.toUtf8()}};
}

QList<SchedulerCommand> LaunchdScheduler::enableCommands(qint64 applicationId) const
{
    return {{controlProgram(QStringLiteral("launchctl")),
        {QStringLiteral("load"), QStringLiteral("-w"), entryPaths(applicationId).first()}}};
}

QList<SchedulerCommand> LaunchdScheduler::disableCommands(qint64 applicationId) const
{
    return {{controlProgram(QStringLiteral("launchctl")),
        {QStringLiteral("unload"), QStringLiteral("-w"), entryPaths(applicationId).first()}}};
}
