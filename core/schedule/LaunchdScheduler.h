#pragma once

#include "PlatformScheduler.h"

// A launchd agent of the logged-in user (~/Library/LaunchAgents/io.scimdesk.ScimDesk.sync.appN.plist)
// started at the chosen calendar interval; the run reads the token from the login keychain
// or the token file the admin named.
class LaunchdScheduler : public PlatformScheduler
{
public:
    explicit LaunchdScheduler(Setup setup);

    QString kindName() const override;
    QString entryName(qint64 applicationId) const override;
    QList<SchedulerFile> entryFiles(const RunSchedule& schedule) const override;
    QStringList entryPaths(qint64 applicationId) const override;
    QList<SchedulerCommand> enableCommands(qint64 applicationId) const override;
    QList<SchedulerCommand> disableCommands(qint64 applicationId) const override;

private:
    static QString calendarInterval(const RunSchedule& schedule);
};
