#include "SourceCache.h"

#include "DistinguishedName.h"
#include "SourceSnapshotBuilder.h"
#include "SourceUserJson.h"
#include "storage/Database.h"
#include "storage/SqlValues.h"

#include <QCoreApplication>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QSqlError>
#include <QSqlQuery>

#include <optional>

namespace {
QString tr(const char* text)
{
    return QCoreApplication::translate("SourceCache", text);
}

StorageError sqlError(const QSqlQuery& query)
{
    return {StorageError::Kind::Sql,
        tr("Could not store the directory read in the profile: %1").arg(query.lastError().text())};
}

QString kindId(bool group)
{
    return group ? QStringLiteral("group") : QStringLiteral("user");
}

QString groupToJson(const SourceGroupEntry& group)
{
    return QString::fromUtf8(
        QJsonDocument(QJsonObject {{QStringLiteral("description"), group.description}}).toJson(QJsonDocument::Compact));
}

// Writes one read into the cache; lives for one store() inside its transaction.
class CacheWriter
{
public:
    CacheWriter(QSqlDatabase& db, qint64 sourceId)
        : m_db(db)
        , m_sourceId(sourceId)
    {
    }

    Status<StorageError> run(const SourceRead& read, SourceCacheChanges& changes)
    {
        if (auto status = loadExisting(); !status) {
            return status;
        }
        if (read.delta) {
            if (auto status = checkDelta(read); !status) {
                return status;
            }
        }
        for (const SourceUserEntry& entry : read.users) {
            if (auto status = upsert(false, entry.user.objectId, entry.dn, entry.user.userName,
                    SourceUserJson::toJson(entry.user, entry.managerDn), changes.usersAdded, changes.usersUpdated);
                !status) {
                return status;
            }
        }
        for (const SourceGroupEntry& entry : read.groups) {
            if (auto status = upsert(true, entry.anchor, entry.dn, entry.name, groupToJson(entry), changes.groupsAdded,
                    changes.groupsUpdated);
                !status) {
                return status;
            }
        }
        if (auto status = markGone(read, changes); !status) {
            return status;
        }
        if (auto status = loadPresentDns(read); !status) {
            return status;
        }
        if (auto status = writeManagers(read); !status) {
            return status;
        }
        if (auto status = writeMembers(read); !status) {
            return status;
        }
        const bool removed = changes.usersRemoved > 0 || changes.groupsRemoved > 0;
        return read.delta && removed ? checkNoStaleReference() : Status<StorageError> {};
    }

private:
    struct Existing
    {
        qint64 id = 0;
        bool present = false;
    };

    static QString key(bool group, const QString& anchor) { return kindId(group) + QLatin1Char(':') + anchor; }

    Status<StorageError> loadExisting()
    {
        QSqlQuery query(m_db);
        query.setForwardOnly(true);
        query.prepare(QStringLiteral("SELECT id, kind, anchor, present FROM source_objects WHERE source_id = ?"));
        query.addBindValue(m_sourceId);
        if (!query.exec()) {
            return sqlError(query);
        }
        while (query.next()) {
            m_existing.insert(query.value(1).toString() + QLatin1Char(':') + query.value(2).toString(),
                {query.value(0).toLongLong(), query.value(3).toBool()});
        }
        return {};
    }

    // A present anchor the cache has never seen, and the delta does not return: the delta and
    // the cache disagree, so neither is trusted.
    Status<StorageError> checkDelta(const SourceRead& read) const
    {
        QSet<QString> returned;
        for (const SourceUserEntry& entry : read.users) {
            returned.insert(key(false, entry.user.objectId));
        }
        for (const SourceGroupEntry& entry : read.groups) {
            returned.insert(key(true, entry.anchor));
        }
        for (const bool group : {false, true}) {
            for (const QString& anchor : group ? read.presentGroupAnchors : read.presentUserAnchors) {
                const QString k = key(group, anchor);
                if (!returned.contains(k) && !m_existing.value(k).present) {
                    return StorageError {StorageError::Kind::Validation,
                        tr("The incremental read names a %1 (%2) the last read did not hold; a full read is needed.")
                            .arg(kindId(group), anchor)};
                }
            }
        }
        return {};
    }

    Status<StorageError> upsert(bool group, const QString& anchor, const QString& dn, const QString& name,
        const QString& json, int& added, int& updated)
    {
        if (anchor.isEmpty()) {
            return StorageError {StorageError::Kind::Validation,
                tr("The directory returned a %1 without an anchor (%2); nothing was stored.").arg(kindId(group), dn)};
        }
        const QString k = key(group, anchor);
        const auto it = m_existing.find(k);
        const bool known = it != m_existing.end();
        // Prepared once per store: a full read of a large directory writes tens of thousands of rows.
        std::optional<QSqlQuery>& statement = known ? m_update : m_insert;
        if (!statement) {
            statement.emplace(m_db);
            statement->prepare(known
                    ? QStringLiteral("UPDATE source_objects SET present = 1, dn = ?, dn_key = ?, name = ?,"
                                     " name_key = ?, data_json = ?, manager_id = NULL WHERE id = ?")
                    : QStringLiteral("INSERT INTO source_objects (present, dn, dn_key, name, name_key, data_json,"
                                     " source_id, kind, anchor) VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?)"));
        }
        QSqlQuery& query = *statement;
        query.addBindValue(SqlValues::text(dn));
        query.addBindValue(DistinguishedName::normalizedKey(dn));
        query.addBindValue(SqlValues::text(name));
        query.addBindValue(SqlValues::nameKey(name));
        query.addBindValue(json);
        if (known) {
            query.addBindValue(it->id);
        } else {
            query.addBindValue(m_sourceId);
            query.addBindValue(kindId(group));
            query.addBindValue(anchor);
        }
        if (!query.exec()) {
            return sqlError(query);
        }
        if (known) {
            ++(it->present ? updated : added);
            it->present = true;
        } else {
            m_existing.insert(k, {query.lastInsertId().toLongLong(), true});
            ++added;
        }
        m_written.insert(k);
        return {};
    }

    // Full read: whatever it did not return is gone. Delta: whatever is neither returned nor
    // listed as present is gone.
    Status<StorageError> markGone(const SourceRead& read, SourceCacheChanges& changes)
    {
        QSet<QString> keep = m_written;
        if (read.delta) {
            for (const QString& anchor : read.presentUserAnchors) {
                keep.insert(key(false, anchor));
            }
            for (const QString& anchor : read.presentGroupAnchors) {
                keep.insert(key(true, anchor));
            }
        }
        QSqlQuery query(m_db);
        query.prepare(QStringLiteral("UPDATE source_objects SET present = 0 WHERE id = ?"));
        for (auto it = m_existing.begin(); it != m_existing.end(); ++it) {
            if (!it->present || keep.contains(it.key())) {
                continue;
            }
            query.addBindValue(it->id);
            if (!query.exec()) {
                return sqlError(query);
            }
            it->present = false;
            ++(it.key().startsWith(QLatin1String("group:")) ? changes.groupsRemoved : changes.usersRemoved);
        }
        return {};
    }

    // A delta removed an entry that a kept group still lists (or a kept user names as manager)
    // although the directory did not return that group or user as changed. OpenLDAP's refint and
    // memberof overlays drop such values without a new entryCSN, so the kept list is stale, and a
    // new entry given the old DN would inherit the memberships: only a full read can say.
    Status<StorageError> checkNoStaleReference()
    {
        QSqlQuery query(m_db);
        query.prepare(QStringLiteral("SELECT holder.name, gone.dn FROM source_group_members m"
                                     " JOIN source_objects holder ON holder.id = m.group_id AND holder.present = 1"
                                     " JOIN source_objects gone ON gone.id = m.member_id AND gone.present = 0"
                                     " WHERE holder.source_id = ?"
                                     " UNION ALL SELECT holder.name, gone.dn FROM source_objects holder"
                                     " JOIN source_objects gone ON gone.id = holder.manager_id AND gone.present = 0"
                                     " WHERE holder.source_id = ? AND holder.present = 1 LIMIT 1"));
        query.addBindValue(m_sourceId);
        query.addBindValue(m_sourceId);
        if (!query.exec()) {
            return sqlError(query);
        }
        if (!query.next()) {
            return {};
        }
        return StorageError {StorageError::Kind::Validation,
            tr("The incremental read removes %1, which %2 still names although the directory did not return %2 as "
               "changed; a full read is needed.")
                .arg(query.value(1).toString(), query.value(0).toString())};
    }

    // What is present after the read, by normalised DN: a full read resolves every member, so it
    // loads them all; a delta looks up only the DNs its changed entries name (presentIdOf), so
    // merging it stays proportional to the change, not to the directory.
    Status<StorageError> loadPresentDns(const SourceRead& read)
    {
        m_lookUpDns = read.delta;
        if (m_lookUpDns) {
            return {};
        }
        QSqlQuery present(m_db);
        present.setForwardOnly(true);
        present.prepare(QStringLiteral("SELECT id, dn_key FROM source_objects WHERE source_id = ? AND present = 1"));
        present.addBindValue(m_sourceId);
        if (!present.exec()) {
            return sqlError(present);
        }
        while (present.next()) {
            m_idByDn.insert(present.value(1).toString(), present.value(0).toLongLong());
        }
        return {};
    }

    // The id of the present object named dn, 0 when there is none. Several rows with the same DN
    // (never in one directory read) resolve to the newest, as the full read's map does.
    Status<StorageError> presentIdOf(const QString& dn, qint64* id)
    {
        const QString key = DistinguishedName::normalizedKey(dn);
        const auto known = m_idByDn.constFind(key);
        *id = known == m_idByDn.cend() ? 0 : *known;
        if (known != m_idByDn.cend() || !m_lookUpDns) {
            return {};
        }
        if (!m_byDn) {
            m_byDn.emplace(m_db);
            m_byDn->setForwardOnly(true);
            m_byDn->prepare(QStringLiteral("SELECT id FROM source_objects WHERE source_id = ? AND dn_key = ?"
                                           " AND present = 1 ORDER BY id DESC LIMIT 1"));
        }
        m_byDn->addBindValue(m_sourceId);
        m_byDn->addBindValue(key);
        if (!m_byDn->exec()) {
            return sqlError(*m_byDn);
        }
        *id = m_byDn->next() ? m_byDn->value(0).toLongLong() : 0;
        m_byDn->finish();
        m_idByDn.insert(key, *id);
        return {};
    }

    // The manager of every user the read returned, resolved against what is present now.
    Status<StorageError> writeManagers(const SourceRead& read)
    {
        QSqlQuery update(m_db);
        update.prepare(QStringLiteral("UPDATE source_objects SET manager_id = ? WHERE id = ?"));
        for (const SourceUserEntry& entry : read.users) {
            qint64 managerId = 0;
            if (!entry.managerDn.isEmpty()) {
                if (auto found = presentIdOf(entry.managerDn, &managerId); !found) {
                    return found;
                }
            }
            if (managerId == 0) {
                continue;
            }
            update.addBindValue(managerId);
            update.addBindValue(m_existing.value(key(false, entry.user.objectId)).id);
            if (!update.exec()) {
                return sqlError(update);
            }
        }
        return {};
    }

    // The members of every group the read returned, each resolved against what is present now.
    Status<StorageError> writeMembers(const SourceRead& read)
    {
        QSqlQuery clear(m_db);
        clear.prepare(QStringLiteral("DELETE FROM source_group_members WHERE group_id = ?"));
        QSqlQuery insert(m_db);
        insert.prepare(QStringLiteral(
            "INSERT INTO source_group_members (group_id, position, member_dn, member_id) VALUES (?, ?, ?, ?)"));
        for (const SourceGroupEntry& group : read.groups) {
            const qint64 groupId = m_existing.value(key(true, group.anchor)).id;
            clear.addBindValue(groupId);
            if (!clear.exec()) {
                return sqlError(clear);
            }
            for (int position = 0; position < group.memberDns.size(); ++position) {
                qint64 memberId = 0;
                if (auto found = presentIdOf(group.memberDns.at(position), &memberId); !found) {
                    return found;
                }
                insert.addBindValue(groupId);
                insert.addBindValue(position);
                insert.addBindValue(group.memberDns.at(position));
                insert.addBindValue(memberId > 0 ? QVariant(memberId) : QVariant(QMetaType::fromType<qint64>()));
                if (!insert.exec()) {
                    return sqlError(insert);
                }
            }
        }
        return {};
    }

    QSqlDatabase& m_db;
    qint64 m_sourceId = 0;
    QHash<QString, Existing> m_existing; // "kind:anchor"
    QSet<QString> m_written;
    QHash<QString, qint64> m_idByDn; // normalized DN -> id, of what is present after the read
    bool m_lookUpDns = false; // a delta: m_idByDn holds only what was looked up (presentIdOf)
    std::optional<QSqlQuery> m_byDn;
    std::optional<QSqlQuery> m_update;
    std::optional<QSqlQuery> m_insert;
};
} // namespace

SourceCache::SourceCache(std::shared_ptr<Database> database, qint64 sourceId)
    : m_database(std::move(database))
    , m_sourceId(sourceId)
{
}

std::optional<SourceCacheState> SourceCache::state() const
{
    QSqlQuery query(m_database->connection());
    query.prepare(QStringLiteral(
        "SELECT high_water_mark, server_identity, read_at, full_read_at, was_delta, notes_json,"
        " (SELECT COUNT(*) FROM source_objects WHERE source_id = r.source_id AND kind = 'user' AND present = 1),"
        " (SELECT COUNT(*) FROM source_objects WHERE source_id = r.source_id AND kind = 'group' AND present = 1)"
        " FROM source_reads r WHERE source_id = ?"));
    query.addBindValue(m_sourceId);
    if (!query.exec() || !query.next()) {
        return std::nullopt;
    }
    SourceCacheState state;
    state.highWaterMark = query.value(0).toString();
    state.serverIdentity = query.value(1).toString();
    state.readAt = SqlValues::toDateTime(query.value(2));
    state.fullReadAt = SqlValues::toDateTime(query.value(3));
    state.wasDelta = query.value(4).toBool();
    for (const QJsonValue& note : QJsonDocument::fromJson(query.value(5).toString().toUtf8()).array()) {
        state.notes.append(note.toString());
    }
    state.users = query.value(6).toInt();
    state.groups = query.value(7).toInt();
    return state;
}

Result<SourceCacheChanges, StorageError> SourceCache::store(const SourceRead& read)
{
    SourceCacheChanges changes;
    const auto status = m_database->transaction([&](QSqlDatabase& db) -> Status<StorageError> {
        if (auto written = CacheWriter(db, m_sourceId).run(read, changes); !written) {
            return written;
        }
        const QDateTime readAt = read.readAt.isValid() ? read.readAt : QDateTime::currentDateTimeUtc();
        QSqlQuery query(db);
        query.prepare(QStringLiteral(
            "INSERT INTO source_reads (source_id, high_water_mark, server_identity, read_at, full_read_at, was_delta,"
            " notes_json) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (source_id) DO UPDATE SET"
            " high_water_mark = excluded.high_water_mark, server_identity = excluded.server_identity,"
            " read_at = excluded.read_at, full_read_at = CASE WHEN excluded.was_delta = 1 THEN"
            " source_reads.full_read_at ELSE excluded.full_read_at END, was_delta = excluded.was_delta,"
            " notes_json = excluded.notes_json"));
        query.addBindValue(m_sourceId);
        query.addBindValue(SqlValues::text(read.highWaterMark));
        query.addBindValue(SqlValues::text(read.serverIdentity));
        query.addBindValue(SqlValues::fromDateTime(readAt));
        query.addBindValue(SqlValues::fromDateTime(readAt));
        query.addBindValue(read.delta ? 1 : 0);
        query.addBindValue(
            QString::fromUtf8(QJsonDocument(QJsonArray::fromStringList(read.notes)).toJson(QJsonDocument::Compact)));
        if (!query.exec()) {
            return sqlError(query);
        }
        return {};
    });
    if (!status) {
        return status.error();
    }
    return changes;
}

Result<QList<CachedSourceUser>, StorageError> SourceCache::users() const
{
    QList<CachedSourceUser> users;
    QSqlQuery query(m_database->connection());
    query.setForwardOnly(true);
    query.prepare(QStringLiteral("SELECT id, anchor, dn, data_json, manager_id FROM source_objects"
                                 " WHERE source_id = ? AND kind = 'user' AND present = 1 ORDER BY id"));
    query.addBindValue(m_sourceId);
    if (!query.exec()) {
        return sqlError(query);
    }
    while (query.next()) {
        CachedSourceUser cached;
        cached.id = query.value(0).toLongLong();
        cached.dn = query.value(2).toString();
        cached.user = SourceUserJson::fromJson(query.value(3).toString(), &cached.managerDn);
        cached.user.id = cached.id;
        cached.user.objectId = query.value(1).toString();
        cached.managerId = query.value(4).toLongLong();
        users.append(std::move(cached));
    }
    return users;
}

Result<QList<CachedSourceGroup>, StorageError> SourceCache::groups() const
{
    QList<CachedSourceGroup> groups;
    QHash<qint64, qsizetype> position;
    QSqlDatabase db = m_database->connection();
    QSqlQuery query(db);
    query.setForwardOnly(true);
    query.prepare(QStringLiteral("SELECT id, anchor, dn, name, data_json FROM source_objects"
                                 " WHERE source_id = ? AND kind = 'group' AND present = 1 ORDER BY id"));
    query.addBindValue(m_sourceId);
    if (!query.exec()) {
        return sqlError(query);
    }
    while (query.next()) {
        CachedSourceGroup group;
        group.id = query.value(0).toLongLong();
        group.anchor = query.value(1).toString();
        group.dn = query.value(2).toString();
        group.name = query.value(3).toString();
        group.description = QJsonDocument::fromJson(query.value(4).toString().toUtf8())
                                .object()
                                .value(QLatin1String("description"))
                                .toString();
        position.insert(group.id, groups.size());
        groups.append(std::move(group));
    }
    QSqlQuery members(db);
    members.setForwardOnly(true);
    members.prepare(QStringLiteral(
        "SELECT m.group_id, m.member_dn, m.member_id FROM source_group_members m JOIN source_objects g"
        " ON g.id = m.group_id WHERE g.source_id = ? AND g.present = 1 ORDER BY m.group_id, m.position"));
    members.addBindValue(m_sourceId);
    if (!members.exec()) {
        return sqlError(members);
    }
    while (members.next()) {
        const auto it = position.constFind(members.value(0).toLongLong());
        if (it != position.cend()) {
            groups[*it].members.append({members.value(1).toString(), members.value(2).toLongLong()});
        }
    }
    return groups;
}

Result<DirectorySnapshot, StorageError> SourceCache::snapshot(QStringList* notes) const
{
    // One read transaction: users, groups and members from the same stored read.
    std::optional<Result<QList<CachedSourceUser>, StorageError>> users;
    std::optional<Result<QList<CachedSourceGroup>, StorageError>> groups;
    const auto status = m_database->transaction([&](QSqlDatabase&) -> Status<StorageError> {
        users = this->users();
        groups = this->groups();
        return {};
    });
    if (!status) {
        return status.error();
    }
    if (!*users) {
        return users->error();
    }
    if (!*groups) {
        return groups->error();
    }
    const auto cacheState = state();
    return SourceSnapshotBuilder::build(
        users->value(), groups->value(), cacheState ? cacheState->readAt : QDateTime::currentDateTimeUtc(), notes);
}

QList<SourceObjectInfo> SourceCache::find(bool groups, const QString& nameOrDn) const
{
    QList<SourceObjectInfo> found;
    QSqlQuery query(m_database->connection());
    query.prepare(QStringLiteral("SELECT id, anchor, name, dn, present FROM source_objects WHERE source_id = ?"
                                 " AND kind = ? AND present = 1 AND (name_key = ? OR dn_key = ?) ORDER BY id"));
    query.addBindValue(m_sourceId);
    query.addBindValue(kindId(groups));
    query.addBindValue(SqlValues::nameKey(nameOrDn));
    query.addBindValue(DistinguishedName::normalizedKey(nameOrDn.trimmed()));
    if (query.exec()) {
        while (query.next()) {
            found.append({query.value(0).toLongLong(), groups, query.value(1).toString(), query.value(2).toString(),
                query.value(3).toString(), query.value(4).toBool()});
        }
    }
    return found;
}

QList<SourceObjectInfo> SourceCache::findUsers(const QString& userNameOrDn) const
{
    return find(false, userNameOrDn);
}

QList<SourceObjectInfo> SourceCache::findGroups(const QString& nameOrDn) const
{
    return find(true, nameOrDn);
}

std::optional<SourceObjectInfo> SourceCache::object(qint64 id) const
{
    QSqlQuery query(m_database->connection());
    query.prepare(QStringLiteral(
        "SELECT id, kind, anchor, name, dn, present FROM source_objects WHERE id = ? AND source_id = ?"));
    query.addBindValue(id);
    query.addBindValue(m_sourceId);
    if (!query.exec() || !query.next()) {
        return std::nullopt;
    }
    return SourceObjectInfo {query.value(0).toLongLong(), query.value(1).toString() == QLatin1String("group"),
        query.value(2).toString(), query.value(3).toString(), query.value(4).toString(), query.value(5).toBool()};
}

Status<StorageError> SourceCache::forgetRead()
{
    QSqlQuery query(m_database->connection());
    query.prepare(QStringLiteral("DELETE FROM source_reads WHERE source_id = ?"));
    query.addBindValue(m_sourceId);
    if (!query.exec()) {
        return sqlError(query);
    }
    return {};
}
