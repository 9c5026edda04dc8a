#include "SystemdUserScheduler.h"

#include <QDir>
#include <QStandardPaths>

namespace {
// In Description= and comments only % is special (specifiers).
QString unitText(QString text)
{
    return text.replace(QLatin1Char('%'), QStringLiteral("%%"));
}

const char* const weekdayNames[] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
} // namespace

SystemdUserScheduler::SystemdUserScheduler(Setup setup)
    : PlatformScheduler(withEntryDirectory(std::move(setup),
        QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation) + QStringLiteral("/systemd/user")))
{
}

QString SystemdUserScheduler::kindName() const
{
    return QStringLiteral("systemd user timer");
}

QString SystemdUserScheduler::unitBase(qint64 applicationId) const
{
    // The id, not the name: a unit name allows few characters and must survive a rename.
    return QStringLiteral("scimdesk-sync-%1app%2").arg(tagPart()).arg(applicationId);
}

QString SystemdUserScheduler::entryName(qint64 applicationId) const
{
    return unitBase(applicationId) + QStringLiteral(".timer");
}

QStringList SystemdUserScheduler::entryPaths(qint64 applicationId) const
{
    const QDir dir(entryDirectory());
    return {dir.filePath(unitBase(applicationId) + QStringLiteral(".timer")),
        dir.filePath(unitBase(applicationId) + QStringLiteral(".service"))};
}

QString SystemdUserScheduler::onCalendar(const RunSchedule& schedule)
{
    const QString minute = QStringLiteral("%1").arg(schedule.time.minute(), 2, 10, QLatin1Char('0'));
    const QString hour = QStringLiteral("%1").arg(schedule.time.hour(), 2, 10, QLatin1Char('0'));
    switch (schedule.frequency) {
    case RunSchedule::Frequency::Hourly:
        return QStringLiteral("*-*-* *:%1:00").arg(minute);
    case RunSchedule::Frequency::Weekly:
        return QStringLiteral("%1 *-*-* %2:%3:00")
            .arg(QLatin1String(weekdayNames[qBound(1, schedule.weekday, 7) - 1]), hour, minute);
    case RunSchedule::Frequency::Daily:
        break;
    }
    return QStringLiteral("*-*-* %1:%2:00").arg(hour, minute);
}

QString SystemdUserScheduler::execWord(const QString& word)
{
    QString escaped = word;
    escaped.replace(QLatin1Char('\\'), QStringLiteral("\\\\"));
    escaped.replace(QLatin1Char('"'), QStringLiteral("\\\""));
    escaped.replace(QLatin1Char('%'), QStringLiteral("%%"));
    escaped.replace(QLatin1Char('$'), QStringLiteral("$$"));
    return QLatin1Char('"') + escaped + QLatin1Char('"');
}

QByteArray SystemdUserScheduler::serviceUnit(const RunSchedule& schedule) const
{
    QStringList exec {execWord(setup().cliPath)};
    for (const QString& argument : runArguments(schedule)) {
        exec << execWord(argument);
    }
    const QString tokenSource = schedule.tokenFile.isEmpty()
        ? QStringLiteral("# The token comes from the keychain of the logged-in user (never from this file).")
        : QStringLiteral("# The token comes from the owner-only file named by --token-file (never from this file).");
    const QString text = QStringLiteral(
        "# Written by ScimDesk (Schedule\u2026 on application \"%1\"); saving the schedule again replaces it.\n"
        "%2\n"
        "[Unit]\n"
        "Description=ScimDesk provisioning run for application %1\n"
        "Wants=network-online.target\n"
        "After=network-online.target\n"
        "\n"
        "[Service]\n"
        "Type=oneshot\n"
        "ExecStart=%3\n"
        "# Exit codes: 3 = deletion threshold refused (needs a human), 4 = connection/auth failure.\n"
        "TimeoutStartSec=2h\n")
                             .arg(unitText(schedule.applicationName), tokenSource, exec.join(QLatin1Char(' ')));
    return text.toUtf8();
}

QByteArray SystemdUserScheduler::timerUnit(const RunSchedule& schedule) const
{
    const QString text = QStringLiteral(
        "# Written by ScimDesk (Schedule\u2026 on application \"%1\"); saving the schedule again replaces it.\n"
        "# %2%3\n"
        "[Unit]\n"
        "Description=ScimDesk provisioning run for application %1: %4\n"
        "\n"
        "[Timer]\n"
        "OnCalendar=%5\n"
        "Persistent=true\n"
        "Unit=%6.service\n"
        "\n"
        "[Install]\n"
        "WantedBy=timers.target\n")
                             .arg(unitText(schedule.applicationName), QLatin1String(markerLabel),
                                 QString::fromLatin1(schedule.marker()), unitText(schedule.describe()),
                                 onCalendar(schedule), unitBase(schedule.applicationId));
    return text.toUtf8();
}

QList<SchedulerFile> SystemdUserScheduler::entryFiles(const RunSchedule& schedule) const
{
    const QStringList paths = entryPaths(schedule.applicationId);
    return {{paths.at(0), timerUnit(schedule)}, {paths.at(1), serviceUnit(schedule)}};
}

QList<SchedulerCommand> SystemdUserScheduler::enableCommands(qint64 applicationId) const
{
    const QString systemctl = controlProgram(QStringLiteral("systemctl"));
    return {{systemctl, {QStringLiteral("--user"), QStringLiteral("daemon-reload")}},
        {systemctl,
            {QStringLiteral("--user"), QStringLiteral("enable"), QStringLiteral("--now"), entryName(applicationId)}}};
}

QList<SchedulerCommand> SystemdUserScheduler::disableCommands(qint64 applicationId) const
{
    return {{controlProgram(QStringLiteral("systemctl")),
        {QStringLiteral("--user"), QStringLiteral("disable"), QStringLiteral("--now"), entryName(applicationId)}}};
}

QList<SchedulerCommand> SystemdUserScheduler::afterRemoveCommands(qint64) const
{
    return {{controlProgram(QStringLiteral("systemctl")), {QStringLiteral("--user"), QStringLiteral("daemon-reload")}}};
}
