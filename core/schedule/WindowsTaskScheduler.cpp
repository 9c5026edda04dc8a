#include "WindowsTaskScheduler.h"

#include <QDir>
#include <QStandardPaths>
#include <QStringEncoder>

namespace {
const char* const weekdayElements[] = {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"};
}

WindowsTaskScheduler::WindowsTaskScheduler(Setup setup)
    : PlatformScheduler(withEntryDirectory(std::move(setup),
        QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/schedule")))
{
}

QString WindowsTaskScheduler::kindName() const
{
    return QStringLiteral("Task Scheduler task");
}

QString WindowsTaskScheduler::entryName(qint64 applicationId) const
{
    return QStringLiteral("\\ScimDesk\\Sync %1application %2").arg(tagPart(QLatin1Char(' '))).arg(applicationId);
}

QStringList WindowsTaskScheduler::entryPaths(qint64 applicationId) const
{
    return {QDir(entryDirectory()).filePath(QStringLiteral("sync-%1app%2.xml").arg(tagPart()).arg(applicationId))};
}

QString WindowsTaskScheduler::commandLineWord(const QString& word)
{
    QString quoted = QStringLiteral("\"");
    int backslashes = 0;
    for (const QChar c : word) {
        if (c == QLatin1Char('\\')) {
            ++backslashes;
            continue;
        }
        // Backslashes count double only right before a quote.
        quoted += QString(c == QLatin1Char('"') ? backslashes * 2 + 1 : backslashes, QLatin1Char('\\'));
        backslashes = 0;
        quoted += c;
    }
    quoted += QString(backslashes * 2, QLatin1Char('\\'));
    return quoted + QLatin1Char('"');
}

QString WindowsTaskScheduler::trigger(const RunSchedule& schedule)
{
    const QString start = QStringLiteral("2026-01-01T%1:00").arg(schedule.time.toString(QStringLiteral("HH:mm")));
    QString body;
    switch (schedule.frequency) {
    case RunSchedule::Frequency::Hourly:
        body = QStringLiteral("<Repetition><Interval>PT1H</Interval></Repetition>"
                              "<ScheduleByDay><DaysInterval>1</DaysInterval></ScheduleByDay>");
        break;
    case RunSchedule::Frequency::Weekly:
        body = QStringLiteral("<ScheduleByWeek><WeeksInterval>1</WeeksInterval><DaysOfWeek><%1 /></DaysOfWeek>"
                              "</ScheduleByWeek>")
                   .arg(QLatin1String(weekdayElements[qBound(1, schedule.weekday, 7) - 1]));
        break;
    case RunSchedule::Frequency::Daily:
        body = QStringLiteral("<ScheduleByDay><DaysInterval>1</DaysInterval></ScheduleByDay>");
        break;
    }
    return QStringLiteral("<CalendarTrigger><StartBoundary>%1</StartBoundary><Enabled>true</Enabled>%2"
                          "</CalendarTrigger>")
        .arg(start, body);
}

QList<SchedulerFile> WindowsTaskScheduler::entryFiles(const RunSchedule& schedule) const
{
    QStringList words;
    for (const QString& argument : runArguments(schedule)) {
        words << commandLineWord(argument);
    }
    const QString text = QStringLiteral(
        "<?xml version=\"1.0\" encoding=\"UTF-16\"?>\n"
        "<!-- Written by ScimDesk (Schedule\u2026); the token is never in this file. %1%2 -->\n"
        "<Task version=\"1.2\" xmlns=\"http://schemas.microsoft.com/windows/2004/02/mit/task\">\n"
        "  <RegistrationInfo><Description>ScimDesk provisioning run for application %3</Description>"
        "</RegistrationInfo>\n"
        "  <Triggers>%4</Triggers>\n"
        "  <Principals><Principal id=\"Author\"><LogonType>InteractiveToken</LogonType>"
        "<RunLevel>LeastPrivilege</RunLevel></Principal></Principals>\n"
        "  <Settings><MultipleInstancesPolicy>IgnoreNew</MultipleInstancesPolicy>"
        "<StartWhenAvailable>true</StartWhenAvailable><DisallowStartIfOnBatteries>false</DisallowStartIfOnBatteries>"
        "<ExecutionTimeLimit>PT2H</ExecutionTimeLimit></Settings>\n"
        "  <Actions Context=\"Author\"><Exec><Command>%5</Command><Arguments>%6</Arguments></Exec></Actions>\n"
        "</Task>\n")
                             .arg(QLatin1String(markerLabel), QString::fromLatin1(schedule.marker()),
                                 schedule.applicationName.toHtmlEscaped(), trigger(schedule),
                                 QDir::toNativeSeparators(setup().cliPath).toHtmlEscaped(),
                                 words.join(QLatin1Char(' ')).toHtmlEscaped());
    QStringEncoder utf16(QStringEncoder::Utf16LE, QStringEncoder::Flag::WriteBom);
    return {{entryPaths(schedule.applicationId).first(), utf16.encode(text)}};
}

QList<SchedulerCommand> WindowsTaskScheduler::enableCommands(qint64 applicationId) const
{
    return {{controlProgram(QStringLiteral("schtasks")),
        {QStringLiteral("/Create"), QStringLiteral("/TN"), entryName(applicationId), QStringLiteral("/XML"),
            QDir::toNativeSeparators(entryPaths(applicationId).first()), QStringLiteral("/F")}}};
}

QList<SchedulerCommand> WindowsTaskScheduler::disableCommands(qint64 applicationId) const
{
    return {{controlProgram(QStringLiteral("schtasks")),
        {QStringLiteral("/Delete"), QStringLiteral("/TN"), entryName(applicationId), QStringLiteral("/F")}}};
}
