#pragma once

#include "PlatformScheduler.h"

#include <QObject>
#include <QPointer>
#include <QStringList>

#include <memory>

class QProcess;

// What saving or removing a schedule did.
struct ScheduleOutcome
{
    bool filesChanged = false; // the entry's files were written (or deleted)
    bool registered = false; // the platform's scheduler took the change
    QString message; // a sentence for the admin: what happened and what to do
    QStringList manualCommands; // when registering failed: what to run by hand
};

// Writes or deletes a PlatformScheduler entry and runs the scheduler's commands (systemctl,
// launchctl, schtasks) one after the other, each bounded in time, without blocking the
// thread. A command that fails leaves the files in place and says what to run by hand.
class ScheduleInstaller : public QObject
{
    Q_OBJECT

public:
    explicit ScheduleInstaller(std::shared_ptr<const PlatformScheduler> scheduler, QObject* parent = nullptr);
    ~ScheduleInstaller() override;

    void install(const RunSchedule& schedule);
    void remove(qint64 applicationId);
    // The entry runs `sync NAME`: after the application was renamed to newName it is written
    // again with that name, after it was deleted (newName empty) it is removed. False when
    // there is no entry or it already names newName; otherwise finished() follows.
    bool follow(qint64 applicationId, const QString& newName);
    bool isBusy() const { return m_busy; }

    static constexpr int commandTimeoutMs = 30000;

signals:
    void finished(const ScheduleOutcome& outcome);

private:
    void runNext();
    void commandDone(bool ok, const SchedulerCommand& command, const QString& detail);
    void deleteFilesAndFinish();
    void finish(ScheduleOutcome outcome);

    std::shared_ptr<const PlatformScheduler> m_scheduler;
    QList<SchedulerCommand> m_queue;
    QList<SchedulerCommand> m_all;
    QPointer<QProcess> m_process;
    ScheduleOutcome m_outcome;
    qint64 m_removing = 0; // the application whose entry is being removed
    bool m_busy = false;
};
