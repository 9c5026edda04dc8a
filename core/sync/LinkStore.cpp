#include "LinkStore.h"

#include <storage/Database.h>
#include <storage/SqlValues.h>

#include <QCoreApplication>
#include <QSqlError>
#include <QSqlQuery>

#include <algorithm>

namespace {
StorageError sqlError(const QSqlQuery& query)
{
    return StorageError {StorageError::Kind::Sql,
        QCoreApplication::translate("LinkStore",
            "Could not record which target objects this application manages (%1). Check that the profile "
            "folder is writable and has free space, then run the sync again.")
            .arg(query.lastError().text())};
}
} // namespace

LinkStore::LinkStore(std::shared_ptr<Database> database, qint64 applicationId)
    : m_database(std::move(database))
    , m_applicationId(applicationId)
{
}

QString LinkStore::kindId(TargetLink::Kind kind)
{
    return kind == TargetLink::Kind::User ? QStringLiteral("user") : QStringLiteral("group");
}

bool LinkStore::selectLinks(QSqlQuery& query, TargetLink::Kind kind) const
{
    query.setForwardOnly(true);
    query.prepare(QStringLiteral("SELECT directory_object_id, target_id, target_name, created_at, last_synced_at "
                                 "FROM target_links WHERE application_id = ? AND object_kind = ? "
                                 "ORDER BY directory_object_id"));
    query.addBindValue(m_applicationId);
    query.addBindValue(kindId(kind));
    return query.exec();
}

Result<QHash<QString, TargetLink>, StorageError> LinkStore::load(TargetLink::Kind kind) const
{
    QSqlQuery query(m_database->connection());
    if (!selectLinks(query, kind))
        return sqlError(query);
    QHash<QString, TargetLink> links;
    while (query.next()) {
        TargetLink link;
        link.kind = kind;
        link.directoryObjectId = query.value(0).toString();
        link.targetId = query.value(1).toString();
        link.targetName = query.value(2).toString();
        link.createdAt = SqlValues::toDateTime(query.value(3));
        link.lastSyncedAt = SqlValues::toDateTime(query.value(4));
        links.insert(link.directoryObjectId, link);
    }
    return links;
}

Result<QList<LinkedIds>, StorageError> LinkStore::loadIds(TargetLink::Kind kind) const
{
    QSqlQuery query(m_database->connection());
    if (!selectLinks(query, kind))
        return sqlError(query);
    QList<LinkedIds> links;
    while (query.next())
        links.append({query.value(0).toString(), query.value(1).toString()});
    links.squeeze();
    return links;
}

QList<LinkedIds> LinkStore::idsOf(const QHash<QString, TargetLink>& links)
{
    QList<LinkedIds> ids;
    ids.reserve(links.size());
    for (const auto& link : links)
        ids.append({link.directoryObjectId, link.targetId});
    std::sort(ids.begin(), ids.end(),
        [](const LinkedIds& a, const LinkedIds& b) { return a.directoryObjectId < b.directoryObjectId; });
    return ids;
}

Status<StorageError> LinkStore::upsert(const TargetLink& link)
{
    return upsertAll({link});
}

Status<StorageError> LinkStore::upsertAll(const QList<TargetLink>& links)
{
    if (links.isEmpty())
        return {};
    return m_database->transaction([&](QSqlDatabase& db) -> Status<StorageError> {
        QSqlQuery dropOther(db);
        dropOther.prepare(QStringLiteral("DELETE FROM target_links WHERE application_id = ? AND object_kind = ? "
                                         "AND target_id = ? AND directory_object_id <> ?"));
        QSqlQuery insert(db);
        insert.prepare(QStringLiteral(
            "INSERT INTO target_links (application_id, object_kind, directory_object_id, target_id, target_name, "
            "created_at, last_synced_at) VALUES (?, ?, ?, ?, ?, ?, ?) "
            "ON CONFLICT (application_id, object_kind, directory_object_id) DO UPDATE SET "
            "target_id = excluded.target_id, target_name = excluded.target_name, "
            "last_synced_at = excluded.last_synced_at"));
        const QDateTime now = QDateTime::currentDateTimeUtc();
        for (const auto& link : links) {
            dropOther.addBindValue(m_applicationId);
            dropOther.addBindValue(kindId(link.kind));
            dropOther.addBindValue(link.targetId);
            dropOther.addBindValue(link.directoryObjectId);
            if (!dropOther.exec())
                return sqlError(dropOther);
            insert.addBindValue(m_applicationId);
            insert.addBindValue(kindId(link.kind));
            insert.addBindValue(link.directoryObjectId);
            insert.addBindValue(link.targetId);
            insert.addBindValue(SqlValues::text(link.targetName));
            insert.addBindValue(SqlValues::fromDateTime(link.createdAt.isValid() ? link.createdAt : now));
            insert.addBindValue(SqlValues::fromDateTime(link.lastSyncedAt.isValid() ? link.lastSyncedAt : now));
            if (!insert.exec())
                return sqlError(insert);
        }
        return {};
    });
}

Status<StorageError> LinkStore::remove(TargetLink::Kind kind, const QString& directoryObjectId)
{
    QSqlQuery query(m_database->connection());
    query.prepare(QStringLiteral(
        "DELETE FROM target_links WHERE application_id = ? AND object_kind = ? AND directory_object_id = ?"));
    query.addBindValue(m_applicationId);
    query.addBindValue(kindId(kind));
    query.addBindValue(directoryObjectId);
    if (!query.exec())
        return sqlError(query);
    return {};
}

Status<StorageError> LinkStore::removeByTargetId(TargetLink::Kind kind, const QString& targetId)
{
    QSqlQuery query(m_database->connection());
    query.prepare(
        QStringLiteral("DELETE FROM target_links WHERE application_id = ? AND object_kind = ? AND target_id = ?"));
    query.addBindValue(m_applicationId);
    query.addBindValue(kindId(kind));
    query.addBindValue(targetId);
    if (!query.exec())
        return sqlError(query);
    return {};
}

Status<StorageError> LinkStore::touch(
    TargetLink::Kind kind, const QStringList& directoryObjectIds, const QDateTime& when)
{
    if (directoryObjectIds.isEmpty())
        return {};
    return m_database->transaction([&](QSqlDatabase& db) -> Status<StorageError> {
        QSqlQuery query(db);
        query.prepare(QStringLiteral("UPDATE target_links SET last_synced_at = ? WHERE application_id = ? AND "
                                     "object_kind = ? AND directory_object_id = ?"));
        for (const auto& id : directoryObjectIds) {
            query.addBindValue(SqlValues::fromDateTime(when));
            query.addBindValue(m_applicationId);
            query.addBindValue(kindId(kind));
            query.addBindValue(id);
            if (!query.exec())
                return sqlError(query);
        }
        return {};
    });
}
