#include "PlatformScheduler.h"

#include "LaunchdScheduler.h"
#include "SystemdUserScheduler.h"
#include "WindowsTaskScheduler.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QStringDecoder>

namespace {
QString quotedForDisplay(const QString& argument)
{
    if (!argument.isEmpty() && !argument.contains(QLatin1Char(' ')) && !argument.contains(QLatin1Char('"'))
        && !argument.contains(QLatin1Char('\''))) {
        return argument;
    }
    QString escaped = argument;
    escaped.replace(QLatin1Char('"'), QStringLiteral("\\\""));
    return QLatin1Char('"') + escaped + QLatin1Char('"');
}
} // namespace

QString SchedulerCommand::display() const
{
    QStringList words {quotedForDisplay(program)};
    for (const QString& argument : arguments) {
        words << quotedForDisplay(argument);
    }
    return words.join(QLatin1Char(' '));
}

PlatformScheduler::PlatformScheduler(Setup setup)
    : m_setup(std::move(setup))
{
}

PlatformScheduler::~PlatformScheduler() = default;

std::unique_ptr<PlatformScheduler> PlatformScheduler::forThisPlatform(Setup setup)
{
#if defined(Q_OS_WIN)
    return std::make_unique<WindowsTaskScheduler>(std::move(setup));
#elif defined(Q_OS_MACOS)
    return std::make_unique<LaunchdScheduler>(std::move(setup));
#else
    return std::make_unique<SystemdUserScheduler>(std::move(setup));
#endif
}

QString PlatformScheduler::installedCliPath()
{
#if defined(Q_OS_WIN)
    const QString name = QStringLiteral("scimdesk-cli.exe");
#else
    const QString name = QStringLiteral("scimdesk-cli");
#endif
    return QDir(QCoreApplication::applicationDirPath()).filePath(name);
}

QList<SchedulerCommand> PlatformScheduler::afterRemoveCommands(qint64) const
{
    return {};
}

QStringList PlatformScheduler::runArguments(const RunSchedule& schedule) const
{
    QStringList arguments {QStringLiteral("--profile"), m_setup.profileDirectory, QStringLiteral("sync"),
        schedule.applicationName, QStringLiteral("--apply")};
    if (!schedule.tokenFile.isEmpty()) {
        arguments << QStringLiteral("--token-file") << schedule.tokenFile;
    }
    return arguments;
}

namespace {
// The entry's marker as written, whichever profile it runs.
std::optional<RunSchedule> readMarker(const QStringList& paths)
{
    if (paths.isEmpty()) {
        return std::nullopt;
    }
    QFile file(paths.first());
    if (!file.open(QIODevice::ReadOnly)) {
        return std::nullopt;
    }
    const QByteArray bytes = file.read(256 * 1024);
    // The Windows task is UTF-16 (what schtasks reads); the other entries are UTF-8.
    const bool utf16 = bytes.startsWith("\xff\xfe");
    const QString text = utf16 ? QStringDecoder(QStringDecoder::Utf16LE).decode(bytes) : QString::fromUtf8(bytes);
    const qsizetype start = text.indexOf(QLatin1String(PlatformScheduler::markerLabel));
    if (start < 0) {
        return std::nullopt;
    }
    const qsizetype from = start + qsizetype(qstrlen(PlatformScheduler::markerLabel));
    qsizetype end = from;
    while (end < text.size() && !text.at(end).isSpace()) {
        ++end;
    }
    return RunSchedule::fromMarker(text.mid(from, end - from).toLatin1());
}

bool sameFolder(const QString& a, const QString& b)
{
    return QDir::cleanPath(QDir(a).absolutePath()) == QDir::cleanPath(QDir(b).absolutePath());
}
} // namespace

std::optional<QString> PlatformScheduler::otherProfile(qint64 applicationId) const
{
    const auto schedule = readMarker(entryPaths(applicationId));
    // Entries written before the marker named its profile are taken as this profile's.
    if (!schedule || schedule->profileDirectory.isEmpty()
        || sameFolder(schedule->profileDirectory, m_setup.profileDirectory)) {
        return std::nullopt;
    }
    return schedule->profileDirectory;
}

std::optional<RunSchedule> PlatformScheduler::installed(qint64 applicationId) const
{
    auto schedule = readMarker(entryPaths(applicationId));
    if (!schedule || otherProfile(applicationId)) {
        return std::nullopt;
    }
    schedule->applicationId = applicationId;
    return schedule;
}

QString PlatformScheduler::tagPart(QChar separator) const
{
    return m_setup.profileTag.isEmpty() ? QString() : m_setup.profileTag + separator;
}

PlatformScheduler::Setup PlatformScheduler::withEntryDirectory(Setup setup, const QString& fallback)
{
    if (setup.entryDirectory.isEmpty()) {
        setup.entryDirectory = fallback;
    }
    return setup;
}

QString PlatformScheduler::controlProgram(const QString& fallback) const
{
    return m_setup.controlProgram.isEmpty() ? fallback : m_setup.controlProgram;
}
