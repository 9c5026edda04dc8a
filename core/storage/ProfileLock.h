#pragma once

#include "StorageError.h"
#include "util/Result.h"

#include <QHash>
#include <QString>

#include <memory>

// Only one ScimDesk process at a time may apply a sync, provision a user or import into a
// profile: two `sync --apply` at once would both send every write and journal it twice.
//
// The lock is a QLockFile, scimdesk.db.lock beside the database, held for the length of such a
// write and released when the last ProfileLock of this process goes away. An open GUI that is
// not writing holds nothing, so the GUI and a scheduled CLI run coexist until both want to
// write; then the second is refused at once, with the holder's program, process id, host and
// the time it took the lock. Within one process the lock is shared: taking it again (the CLI
// takes it before the preview of `sync --apply`, the controller again for the apply) adds a
// holder. A lock left by a process that no longer runs (a crash, kill -9) is stale: QLockFile
// recognises it by process id, host and program name, it is taken over, and takenOver() says
// whose it was. The age of a lock never makes it stale (a long apply keeps it).
class ProfileLock
{
public:
    ProfileLock() = default;
    ~ProfileLock();
    ProfileLock(ProfileLock&& other) noexcept = default;
    ProfileLock& operator=(ProfileLock&& other) noexcept;
    ProfileLock(const ProfileLock&) = delete;
    ProfileLock& operator=(const ProfileLock&) = delete;

    // Takes (or shares) the write lock of the profile whose database is databasePath. Fails with
    // Kind::Busy while another process holds it, Kind::ReadOnly when the folder is read-only.
    static Result<ProfileLock, StorageError> acquire(const QString& databasePath);
    static QString lockFilePath(const QString& databasePath);

    bool isHeld() const { return m_shared != nullptr; }
    // Who held the stale lock this acquisition replaced; empty when there was none.
    QString takenOver() const { return m_takenOver; }
    // Gives this holder up; the file goes when the process's last holder does.
    void release();

private:
    struct Shared;
    explicit ProfileLock(std::shared_ptr<Shared> shared);
    // The locks this process holds, by lock file path.
    static QHash<QString, std::weak_ptr<Shared>>& registry();

    std::shared_ptr<Shared> m_shared;
    QString m_takenOver;
};
