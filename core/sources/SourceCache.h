#pragma once

#include "CachedSourceObjects.h"
#include "SourceRead.h"
#include "directory/DirectorySnapshot.h"
#include "storage/StorageError.h"
#include "util/Result.h"

#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

#include <memory>
#include <optional>

class Database;

// What the cache knows about the last complete read of a source.
struct SourceCacheState
{
    QString highWaterMark;
    QString serverIdentity;
    QDateTime readAt; // the last read, full or delta
    QDateTime fullReadAt; // the last full read
    bool wasDelta = false; // the last read was a delta merged into the cache
    QStringList notes; // the last read's notes for the admin
    int users = 0; // present now
    int groups = 0;
};

// What storing one read changed in the cache. "Updated" counts entries the read returned that
// the cache already held: for a delta read the changed ones, for a full read every one.
struct SourceCacheChanges
{
    int usersAdded = 0;
    int usersUpdated = 0;
    int usersRemoved = 0;
    int groupsAdded = 0;
    int groupsUpdated = 0;
    int groupsRemoved = 0;
};

// A user or group of the cache, for lookups by name or DN (assignments, `sources show`).
struct SourceObjectInfo
{
    qint64 id = 0;
    bool isGroup = false;
    QString anchor;
    QString name; // userName or group name
    QString dn;
    bool present = false; // in the last complete read
};

// The last complete read of one directory source in the profile database: what a delta read is
// merged into, what assignments name (each user and group keeps one local id per anchor, also
// after it left the source and when it comes back), and what the directory pages show without
// reading the directory again. Only complete reads are ever stored: a failed read leaves the
// cache exactly as it was. Every store is one transaction.
class SourceCache
{
public:
    SourceCache(std::shared_ptr<Database> database, qint64 sourceId);

    // Nothing until a read was stored.
    std::optional<SourceCacheState> state() const;

    // A full read replaces what is present; a delta read (read.delta) updates the entries it
    // returns and marks as gone what its present-anchor lists no longer hold. A delta that names
    // an object present now that the cache does not hold, is refused (Kind::Validation) and
    // changes nothing: the caller reads fully instead.
    Result<SourceCacheChanges, StorageError> store(const SourceRead& read);

    // The present users and groups as the engine's snapshot (SourceSnapshotBuilder); notes
    // receives what the admin should know (members left out).
    Result<DirectorySnapshot, StorageError> snapshot(QStringList* notes = nullptr) const;
    Result<QList<CachedSourceUser>, StorageError> users() const;
    Result<QList<CachedSourceGroup>, StorageError> groups() const;

    // Users by userName or DN, groups by name or DN (case-insensitive; a DN in any spelling).
    // Present objects only.
    QList<SourceObjectInfo> findUsers(const QString& userNameOrDn) const;
    QList<SourceObjectInfo> findGroups(const QString& nameOrDn) const;
    std::optional<SourceObjectInfo> object(qint64 id) const;

    // Forgets the source's last read (the next read is a full one); ids stay.
    Status<StorageError> forgetRead();

private:
    QList<SourceObjectInfo> find(bool groups, const QString& nameOrDn) const;

    std::shared_ptr<Database> m_database;
    qint64 m_sourceId = 0;
};
