#pragma once

#include "RunSchedule.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

#include <memory>
#include <optional>

// A file of a scheduler entry, as it is written.
struct SchedulerFile
{
    QString path;
    QByteArray content;
};

// A command that registers or unregisters an entry with the platform's scheduler.
struct SchedulerCommand
{
    QString program;
    QStringList arguments;

    // The command as the admin would type it, for "run this yourself".
    QString display() const;
};

// The platform's scheduler for the headless run of one application (`scimdesk-cli --profile
// DIR sync APP --apply`, see packaging/scheduled/): a systemd user timer on Linux, a launchd
// agent on macOS, a Task Scheduler task on Windows. Each subclass only generates text and
// commands; ScheduleInstaller writes and runs them, so the generation is testable anywhere.
// The token is never part of an entry: the run reads the keychain or the token file.
class PlatformScheduler
{
public:
    struct Setup
    {
        QString cliPath; // absolute path of scimdesk-cli
        QString profileDirectory;
        QString entryDirectory; // empty: the platform's usual place for per-user entries
        QString controlProgram; // empty: systemctl, launchctl or schtasks
        // Part of every entry name, so two profiles' applications with the same id get two
        // entries (the profile's own random id, Database::keychainScope()). Empty for a
        // profile made before it had one: its entries keep their names.
        QString profileTag;
    };

    explicit PlatformScheduler(Setup setup);
    virtual ~PlatformScheduler();

    // The scheduler of the platform this build runs on.
    static std::unique_ptr<PlatformScheduler> forThisPlatform(Setup setup);
    // scimdesk-cli next to the running program, as the packages install both.
    static QString installedCliPath();

    // "systemd user timer", for the dialog.
    virtual QString kindName() const = 0;
    // The name the platform knows the entry by (a unit, a label, a task name).
    virtual QString entryName(qint64 applicationId) const = 0;
    // The entry's files; the first one carries the RunSchedule marker.
    virtual QList<SchedulerFile> entryFiles(const RunSchedule& schedule) const = 0;
    virtual QStringList entryPaths(qint64 applicationId) const = 0;
    // Run after the files were written.
    virtual QList<SchedulerCommand> enableCommands(qint64 applicationId) const = 0;
    // Run before the files are deleted, then afterRemoveCommands once they are gone.
    virtual QList<SchedulerCommand> disableCommands(qint64 applicationId) const = 0;
    virtual QList<SchedulerCommand> afterRemoveCommands(qint64 applicationId) const;

    // What is installed for the application, read back from the entry's marker; nothing when
    // the entry of that name was written for another profile (see otherProfile()).
    std::optional<RunSchedule> installed(qint64 applicationId) const;
    // The profile folder an existing entry of this name runs, when that is not this profile.
    std::optional<QString> otherProfile(qint64 applicationId) const;
    // The arguments of the run after the program.
    QStringList runArguments(const RunSchedule& schedule) const;
    const Setup& setup() const { return m_setup; }

    static constexpr const char* markerLabel = "ScimDesk-Schedule: ";

protected:
    // setup, with fallback as the entry directory when it names none.
    static Setup withEntryDirectory(Setup setup, const QString& fallback);
    QString controlProgram(const QString& fallback) const;
    QString entryDirectory() const { return m_setup.entryDirectory; }
    // "TAG-" (or sep instead of "-") when the setup has a profile tag, else empty.
    QString tagPart(QChar separator = QLatin1Char('-')) const;

private:
    Setup m_setup;
};
