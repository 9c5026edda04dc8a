#pragma once

#include <storage/StorageError.h>
#include <util/Result.h>

#include <QDateTime>
#include <QHash>
#include <QList>
#include <QString>

#include <memory>

class Database;
class QSqlQuery;

// A directory object provisioned as (or matched to) a target object for one application.
// Only linked objects are managed: updated, deprovisioned, counted for the threshold.
struct TargetLink
{
    enum class Kind
    {
        User,
        Group,
    };

    Kind kind = Kind::User;
    QString directoryObjectId;
    QString targetId;
    QString targetName;
    QDateTime createdAt;
    QDateTime lastSyncedAt;
};

// What planning needs of a link: its two ids. A list of these costs 48 bytes a link; a hash of
// whole links (name, dates, a node each) about three times that, on 100,000 users.
struct LinkedIds
{
    QString directoryObjectId;
    QString targetId;
};

// The target_links table. Thread-safe through Database's per-thread connections.
class LinkStore
{
public:
    LinkStore(std::shared_ptr<Database> database, qint64 applicationId);

    qint64 applicationId() const { return m_applicationId; }

    // directory object id → link
    Result<QHash<QString, TargetLink>, StorageError> load(TargetLink::Kind kind) const;
    // The ids of every link of this kind, ordered by directory object id (a plan does not depend
    // on a hash's order).
    Result<QList<LinkedIds>, StorageError> loadIds(TargetLink::Kind kind) const;
    static QList<LinkedIds> idsOf(const QHash<QString, TargetLink>& links);
    // Inserts or replaces the link of this directory object; a stale link of another
    // directory object to the same target id is dropped (the target object is one person).
    Status<StorageError> upsert(const TargetLink& link);
    Status<StorageError> upsertAll(const QList<TargetLink>& links);
    Status<StorageError> remove(TargetLink::Kind kind, const QString& directoryObjectId);
    Status<StorageError> removeByTargetId(TargetLink::Kind kind, const QString& targetId);
    Status<StorageError> touch(TargetLink::Kind kind, const QStringList& directoryObjectIds, const QDateTime& when);

    static QString kindId(TargetLink::Kind kind);

private:
    // Every column of the links of one kind, in directory object id order; false: failed.
    bool selectLinks(QSqlQuery& query, TargetLink::Kind kind) const;

    std::shared_ptr<Database> m_database;
    qint64 m_applicationId = 0;
};
