#include "ProfileLock.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QFileInfo>
#include <QHash>
#include <QLocale>
#include <QLockFile>
#include <QMutex>

#include <optional>

namespace {
QString tr(const char* text)
{
    return QCoreApplication::translate("ProfileLock", text);
}

// What the lock file says about the process that took it.
struct Holder
{
    qint64 pid = 0;
    QString host;
    QString program;
    QDateTime since;

    QString describe() const
    {
        return tr("%1 (process %2 on %3), holding it since %4")
            .arg(program.isEmpty() ? tr("a ScimDesk program") : program)
            .arg(pid)
            .arg(host.isEmpty() ? tr("an unknown host") : host,
                since.isValid() ? QLocale::c().toString(since.toUTC(), QStringLiteral("yyyy-MM-dd HH:mm:ss 'UTC'"))
                                : tr("an unknown time"));
    }
};

std::optional<Holder> readHolder(const QLockFile& lock, const QString& path)
{
    Holder holder;
    if (!lock.getLockInfo(&holder.pid, &holder.host, &holder.program)) {
        return std::nullopt;
    }
    holder.since = QFileInfo(path).lastModified();
    return holder;
}

QMutex& registryMutex()
{
    static QMutex mutex;
    return mutex;
}
} // namespace

struct ProfileLock::Shared
{
    explicit Shared(const QString& path)
        : file(path)
    {
    }
    QLockFile file; // unlocks (removes the file) when the last holder in this process goes
};

QHash<QString, std::weak_ptr<ProfileLock::Shared>>& ProfileLock::registry()
{
    static QHash<QString, std::weak_ptr<Shared>> locks;
    return locks;
}

ProfileLock::ProfileLock(std::shared_ptr<Shared> shared)
    : m_shared(std::move(shared))
{
}

QString ProfileLock::lockFilePath(const QString& databasePath)
{
    return QFileInfo(databasePath).absoluteFilePath() + QLatin1String(".lock");
}

Result<ProfileLock, StorageError> ProfileLock::acquire(const QString& databasePath)
{
    const QString path = lockFilePath(databasePath);
    QMutexLocker locker(&registryMutex());
    if (auto held = registry().value(path).lock()) {
        return ProfileLock(held);
    }
    auto shared = std::make_shared<Shared>(path);
    shared->file.setStaleLockTime(0);
    const std::optional<Holder> previous = readHolder(shared->file, path);
    if (!shared->file.tryLock(0)) {
        const QString folder = QFileInfo(path).absolutePath();
        switch (shared->file.error()) {
        case QLockFile::LockFailedError: {
            const std::optional<Holder> holder = readHolder(shared->file, path);
            return StorageError {StorageError::Kind::Busy,
                tr("Another ScimDesk program is changing the profile in %1: %2. Nothing was changed. Wait until it "
                   "has finished, then try again. (If that process is not ScimDesk, delete %3.)")
                    .arg(folder, holder ? holder->describe() : tr("the holder cannot be read"), path)};
        }
        case QLockFile::PermissionError:
            return StorageError {StorageError::Kind::ReadOnly,
                tr("The profile folder %1 is read-only, so nothing can be changed in it (the lock file %2 cannot be "
                   "created). Make the folder writable for you, or work on a copy of the profile with --profile.")
                    .arg(folder, path)};
        default:
            return StorageError {
                StorageError::Kind::Io, tr("Could not create the lock file %1 of the profile.").arg(path)};
        }
    }
    registry().insert(path, shared);
    Result<ProfileLock, StorageError> lock {ProfileLock(shared)};
    if (previous) {
        lock.value().m_takenOver
            = tr("Took over the profile lock left by %1, which no longer runs.").arg(previous->describe());
    }
    return lock;
}

ProfileLock::~ProfileLock()
{
    release();
}

ProfileLock& ProfileLock::operator=(ProfileLock&& other) noexcept
{
    if (this != &other) {
        release();
        m_shared = std::move(other.m_shared);
        m_takenOver = std::move(other.m_takenOver);
    }
    return *this;
}

void ProfileLock::release()
{
    // Under the registry's lock, so that a new acquire() never meets a file this process is
    // still removing.
    if (m_shared) {
        QMutexLocker locker(&registryMutex());
        m_shared.reset();
    }
}
