#pragma once

#include "PlatformScheduler.h"

// A systemd user timer and service (~/.config/systemd/user/scimdesk-sync-appN.{timer,service}),
// the per-user form of packaging/scheduled/scimdesk-sync@.{service,timer}. The run reads the
// token from the keychain of the logged-in user, or from the token file the admin named.
class SystemdUserScheduler : public PlatformScheduler
{
public:
    explicit SystemdUserScheduler(Setup setup);

    QString kindName() const override;
    QString entryName(qint64 applicationId) const override;
    QList<SchedulerFile> entryFiles(const RunSchedule& schedule) const override;
    QStringList entryPaths(qint64 applicationId) const override;
    QList<SchedulerCommand> enableCommands(qint64 applicationId) const override;
    QList<SchedulerCommand> disableCommands(qint64 applicationId) const override;
    QList<SchedulerCommand> afterRemoveCommands(qint64 applicationId) const override;

    // The OnCalendar= value of a schedule ("*-*-* 02:00:00").
    static QString onCalendar(const RunSchedule& schedule);
    // One word of an ExecStart= line: quoted, with systemd's specifier (%) and variable ($)
    // expansion turned off.
    static QString execWord(const QString& word);

private:
    QString unitBase(qint64 applicationId) const;
    QByteArray serviceUnit(const RunSchedule& schedule) const;
    QByteArray timerUnit(const RunSchedule& schedule) const;
};
