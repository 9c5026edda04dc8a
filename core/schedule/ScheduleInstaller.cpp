#include "ScheduleInstaller.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QSaveFile>
#include <QTimer>

namespace {
QString writeFile(const SchedulerFile& file)
{
    if (!QDir().mkpath(QFileInfo(file.path).absolutePath())) {
        return ScheduleInstaller::tr("Could not create the folder %1. Check that you may write there.")
            .arg(QDir::toNativeSeparators(QFileInfo(file.path).absolutePath()));
    }
    QSaveFile out(file.path);
    if (!out.open(QIODevice::WriteOnly) || out.write(file.content) != file.content.size() || !out.commit()) {
        return ScheduleInstaller::tr("Could not write %1: %2.")
            .arg(QDir::toNativeSeparators(file.path), out.errorString());
    }
    return {};
}
} // namespace

ScheduleInstaller::ScheduleInstaller(std::shared_ptr<const PlatformScheduler> scheduler, QObject* parent)
    : QObject(parent)
    , m_scheduler(std::move(scheduler))
{
}

ScheduleInstaller::~ScheduleInstaller()
{
    if (m_process) {
        m_process->kill();
        m_process->waitForFinished(1000);
    }
}

bool ScheduleInstaller::follow(qint64 applicationId, const QString& newName)
{
    const auto installed = m_scheduler->installed(applicationId);
    if (m_busy || !installed || (!newName.isEmpty() && installed->applicationName == newName)) {
        return false;
    }
    if (newName.isEmpty()) {
        remove(applicationId);
        return true;
    }
    RunSchedule renamed = *installed;
    renamed.applicationName = newName;
    install(renamed);
    return true;
}

void ScheduleInstaller::install(const RunSchedule& schedule)
{
    if (m_busy) {
        return;
    }
    m_busy = true;
    m_outcome = {};
    m_removing = 0;
    if (const QString error = schedule.validationError(); !error.isEmpty()) {
        m_outcome.message = error;
        finish(m_outcome);
        return;
    }
    if (const auto other = m_scheduler->otherProfile(schedule.applicationId)) {
        m_outcome.message = tr("%1 %2 already runs the application with the same number in another profile (%3); "
                               "it was left as it is. Remove that schedule from ScimDesk opened on that profile first.")
                                .arg(m_scheduler->kindName(), m_scheduler->entryName(schedule.applicationId), *other);
        finish(m_outcome);
        return;
    }
    RunSchedule entry = schedule;
    entry.profileDirectory = m_scheduler->setup().profileDirectory;
    for (const SchedulerFile& file : m_scheduler->entryFiles(entry)) {
        if (const QString error = writeFile(file); !error.isEmpty()) {
            m_outcome.message = error;
            finish(m_outcome);
            return;
        }
        m_outcome.filesChanged = true;
    }
    m_outcome.message
        = tr("Scheduled: %1 (%2 %3).")
              .arg(schedule.describe(), m_scheduler->kindName(), m_scheduler->entryName(schedule.applicationId));
    m_all = m_queue = m_scheduler->enableCommands(schedule.applicationId);
    runNext();
}

void ScheduleInstaller::remove(qint64 applicationId)
{
    if (m_busy) {
        return;
    }
    m_busy = true;
    m_outcome = {};
    m_removing = applicationId;
    if (const auto other = m_scheduler->otherProfile(applicationId)) {
        m_outcome.message = tr("%1 %2 runs another profile (%3); it was left as it is.")
                                .arg(m_scheduler->kindName(), m_scheduler->entryName(applicationId), *other);
        finish(m_outcome);
        return;
    }
    m_outcome.message = tr("The schedule was removed.");
    m_all = m_queue = m_scheduler->disableCommands(applicationId);
    runNext();
}

void ScheduleInstaller::runNext()
{
    if (m_queue.isEmpty()) {
        m_outcome.registered = m_outcome.manualCommands.isEmpty();
        if (m_removing > 0) {
            deleteFilesAndFinish();
        } else {
            finish(m_outcome);
        }
        return;
    }
    const SchedulerCommand command = m_queue.takeFirst();
    auto* process = new QProcess(this);
    m_process = process;
    auto* timer = new QTimer(process);
    timer->setSingleShot(true);
    connect(timer, &QTimer::timeout, process, [process] { process->kill(); });
    connect(process, &QProcess::errorOccurred, this, [this, process, command](QProcess::ProcessError error) {
        if (error == QProcess::FailedToStart) {
            process->deleteLater();
            commandDone(false, command, process->errorString());
        }
    });
    connect(process, &QProcess::finished, this, [this, process, timer, command](int code, QProcess::ExitStatus status) {
        timer->stop();
        // Bounded: what the scheduler prints is shown to the admin, not kept.
        const QString output = QString::fromLocal8Bit(process->readAllStandardError().left(2000)).trimmed();
        process->deleteLater();
        if (status != QProcess::NormalExit) {
            commandDone(false, command, tr("it did not finish within %n second(s)", nullptr, commandTimeoutMs / 1000));
        } else {
            commandDone(code == 0, command, output.isEmpty() ? tr("exit code %1").arg(code) : output);
        }
    });
    process->setProcessChannelMode(QProcess::SeparateChannels);
    process->start(command.program, command.arguments);
    timer->start(commandTimeoutMs);
}

void ScheduleInstaller::commandDone(bool ok, const SchedulerCommand& command, const QString& detail)
{
    if (!ok && m_outcome.manualCommands.isEmpty()) {
        // The first failure decides what the admin has to do: every command of this step.
        for (const SchedulerCommand& command : m_all) {
            m_outcome.manualCommands << command.display();
        }
        const QString done = m_removing > 0 ? tr("The %1 files were removed").arg(m_scheduler->kindName())
                                            : tr("The %1 files were written").arg(m_scheduler->kindName());
        m_outcome.message = tr("%1, but \u201c%2\u201d failed: %3. Run the commands below yourself.")
                                .arg(done, command.display(), detail);
        m_queue.clear();
    }
    runNext();
}

void ScheduleInstaller::deleteFilesAndFinish()
{
    for (const QString& path : m_scheduler->entryPaths(m_removing)) {
        if (QFile::exists(path) && !QFile::remove(path)) {
            m_outcome.message = tr("Could not delete %1. Delete it yourself, then run the commands below.")
                                    .arg(QDir::toNativeSeparators(path));
            m_outcome.registered = false;
            finish(m_outcome);
            return;
        }
        m_outcome.filesChanged = true;
    }
    // Reloading the scheduler after the deletion is tidying up: its failure changes nothing
    // the admin has to do, so it runs detached from the outcome.
    for (const SchedulerCommand& command : m_scheduler->afterRemoveCommands(m_removing)) {
        QProcess::startDetached(command.program, command.arguments);
    }
    finish(m_outcome);
}

void ScheduleInstaller::finish(ScheduleOutcome outcome)
{
    m_busy = false;
    m_removing = 0;
    emit finished(outcome);
}
