#pragma once

#include "PlatformScheduler.h"

// A Task Scheduler task of the logged-on user (task XML registered with schtasks /Create /XML).
// It runs only while the user is logged on (InteractiveToken), so the run can read the token
// from Windows Credential Manager; or from the token file the admin named.
class WindowsTaskScheduler : public PlatformScheduler
{
public:
    explicit WindowsTaskScheduler(Setup setup);

    QString kindName() const override;
    QString entryName(qint64 applicationId) const override;
    QList<SchedulerFile> entryFiles(const RunSchedule& schedule) const override;
    QStringList entryPaths(qint64 applicationId) const override;
    QList<SchedulerCommand> enableCommands(qint64 applicationId) const override;
    QList<SchedulerCommand> disableCommands(qint64 applicationId) const override;

    // One argument quoted the way CommandLineToArgvW splits it again.
    static QString commandLineWord(const QString& word);

private:
    static QString trigger(const RunSchedule& schedule);
};
