#include "DirectoryBrowser.h"

#include "SourceCache.h"
#include "SourceUserJson.h"
#include "directory/DirectoryRepository.h"
#include "storage/Database.h"
#include "storage/SqlValues.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlQuery>
#include <QVariant>

namespace {

// The search clauses use the pattern once per "?".
constexpr int userSearchPlaceholders = 6;
constexpr int groupSearchPlaceholders = 3;

QString userSearchWhere(const QString& search)
{
    if (search.trimmed().isEmpty()) {
        return {};
    }
    return QStringLiteral(" AND (name_key LIKE ? ESCAPE '\\' OR dn_key LIKE ? ESCAPE '\\'"
                          " OR json_extract(data_json, '$.email') LIKE ? ESCAPE '\\'"
                          " OR json_extract(data_json, '$.displayName') LIKE ? ESCAPE '\\'"
                          " OR json_extract(data_json, '$.givenName') LIKE ? ESCAPE '\\'"
                          " OR json_extract(data_json, '$.familyName') LIKE ? ESCAPE '\\')");
}

QString groupSearchWhere(const QString& search)
{
    if (search.trimmed().isEmpty()) {
        return {};
    }
    return QStringLiteral(" AND (name_key LIKE ? ESCAPE '\\' OR dn_key LIKE ? ESCAPE '\\'"
                          " OR json_extract(data_json, '$.description') LIKE ? ESCAPE '\\')");
}

void bindSearch(QSqlQuery& query, const QString& search, int placeholders)
{
    if (search.trimmed().isEmpty()) {
        return;
    }
    const QString pattern = SqlValues::likePattern(search);
    for (int i = 0; i < placeholders; ++i) {
        query.addBindValue(pattern);
    }
}

void bindPage(QSqlQuery& query, int limit, int offset)
{
    query.addBindValue(limit < 0 ? -1 : limit);
    query.addBindValue(qMax(0, offset));
}

BrowsedUser sourceUser(const QSqlQuery& query)
{
    BrowsedUser row;
    QString managerDn;
    row.user = SourceUserJson::fromJson(query.value(3).toString(), &managerDn);
    row.user.id = query.value(0).toLongLong();
    row.user.objectId = query.value(1).toString();
    row.dn = query.value(2).toString();
    return row;
}

// Member counts by kind: what the member DN resolved to when the group was read, if it is still
// present; anything else is unresolved.
const QString groupColumns
    = QStringLiteral("g.id, g.anchor, g.dn, g.name, g.data_json,"
                     " (SELECT COUNT(*) FROM source_group_members m JOIN source_objects o ON o.id = m.member_id"
                     "  WHERE m.group_id = g.id AND o.kind = 'user' AND o.present = 1),"
                     " (SELECT COUNT(*) FROM source_group_members m JOIN source_objects o ON o.id = m.member_id"
                     "  WHERE m.group_id = g.id AND o.kind = 'group' AND o.present = 1),"
                     " (SELECT COUNT(*) FROM source_group_members m WHERE m.group_id = g.id)");

BrowsedGroup sourceGroup(const QSqlQuery& query)
{
    BrowsedGroup row;
    row.group.id = query.value(0).toLongLong();
    row.group.objectId = query.value(1).toString();
    row.dn = query.value(2).toString();
    row.group.displayName = query.value(3).toString();
    row.group.description = QJsonDocument::fromJson(query.value(4).toString().toUtf8())
                                .object()
                                .value(QLatin1String("description"))
                                .toString();
    row.userMembers = query.value(5).toInt();
    row.groupMembers = query.value(6).toInt();
    row.unresolvedMembers = qMax(0, query.value(7).toInt() - row.userMembers - row.groupMembers);
    return row;
}

BrowsedGroup embeddedGroup(const DirectoryGroup& group)
{
    return {group, {}, int(group.memberUserIds.size()), int(group.memberGroupIds.size()), 0};
}

} // namespace

DirectoryBrowser::DirectoryBrowser(std::shared_ptr<Database> database, qint64 sourceId)
    : m_database(std::move(database))
    , m_sourceId(qMax<qint64>(0, sourceId))
{
}

int DirectoryBrowser::countUsers(const QString& search) const
{
    if (!isSource()) {
        return DirectoryRepository(m_database).countUsers(search);
    }
    QSqlQuery query(m_database->connection());
    query.prepare(QStringLiteral("SELECT COUNT(*) FROM source_objects WHERE source_id = ? AND kind = 'user'"
                                 " AND present = 1%1")
                      .arg(userSearchWhere(search)));
    query.addBindValue(m_sourceId);
    bindSearch(query, search, userSearchPlaceholders);
    return query.exec() && query.next() ? query.value(0).toInt() : 0;
}

QList<BrowsedUser> DirectoryBrowser::listUsers(const QString& search, int limit, int offset) const
{
    QList<BrowsedUser> rows;
    if (!isSource()) {
        for (const DirectoryUser& user : DirectoryRepository(m_database).listUsers(search, limit, offset)) {
            rows.append({user, {}});
        }
        return rows;
    }
    QSqlQuery query(m_database->connection());
    query.setForwardOnly(true);
    query.prepare(QStringLiteral("SELECT id, anchor, dn, data_json FROM source_objects WHERE source_id = ?"
                                 " AND kind = 'user' AND present = 1%1 ORDER BY name_key, id LIMIT ? OFFSET ?")
                      .arg(userSearchWhere(search)));
    query.addBindValue(m_sourceId);
    bindSearch(query, search, userSearchPlaceholders);
    bindPage(query, limit, offset);
    if (query.exec()) {
        while (query.next()) {
            rows.append(sourceUser(query));
        }
    }
    return rows;
}

std::optional<BrowsedUser> DirectoryBrowser::findUser(qint64 id) const
{
    if (!isSource()) {
        const auto user = DirectoryRepository(m_database).findUser(id);
        return user ? std::optional<BrowsedUser>(BrowsedUser {*user, {}}) : std::nullopt;
    }
    QSqlQuery query(m_database->connection());
    query.prepare(QStringLiteral("SELECT id, anchor, dn, data_json FROM source_objects WHERE id = ?"
                                 " AND source_id = ? AND kind = 'user' AND present = 1"));
    query.addBindValue(id);
    query.addBindValue(m_sourceId);
    if (!query.exec() || !query.next()) {
        return std::nullopt;
    }
    return sourceUser(query);
}

int DirectoryBrowser::countGroups(const QString& search) const
{
    if (!isSource()) {
        return DirectoryRepository(m_database).countGroups(search);
    }
    QSqlQuery query(m_database->connection());
    query.prepare(QStringLiteral("SELECT COUNT(*) FROM source_objects WHERE source_id = ? AND kind = 'group'"
                                 " AND present = 1%1")
                      .arg(groupSearchWhere(search)));
    query.addBindValue(m_sourceId);
    bindSearch(query, search, groupSearchPlaceholders);
    return query.exec() && query.next() ? query.value(0).toInt() : 0;
}

QList<BrowsedGroup> DirectoryBrowser::listGroups(const QString& search, int limit, int offset) const
{
    QList<BrowsedGroup> rows;
    if (!isSource()) {
        for (const DirectoryGroup& group : DirectoryRepository(m_database).listGroups(search, limit, offset)) {
            rows.append(embeddedGroup(group));
        }
        return rows;
    }
    QSqlQuery query(m_database->connection());
    query.setForwardOnly(true);
    query.prepare(QStringLiteral("SELECT %1 FROM source_objects g WHERE g.source_id = ? AND g.kind = 'group'"
                                 " AND g.present = 1%2 ORDER BY g.name_key, g.id LIMIT ? OFFSET ?")
                      .arg(groupColumns, groupSearchWhere(search)));
    query.addBindValue(m_sourceId);
    bindSearch(query, search, groupSearchPlaceholders);
    bindPage(query, limit, offset);
    if (query.exec()) {
        while (query.next()) {
            rows.append(sourceGroup(query));
        }
    }
    return rows;
}

std::optional<BrowsedGroup> DirectoryBrowser::findGroup(qint64 id) const
{
    if (!isSource()) {
        const auto group = DirectoryRepository(m_database).findGroup(id);
        return group ? std::optional<BrowsedGroup>(embeddedGroup(*group)) : std::nullopt;
    }
    QSqlDatabase db = m_database->connection();
    QSqlQuery query(db);
    query.prepare(QStringLiteral("SELECT %1 FROM source_objects g WHERE g.id = ? AND g.source_id = ?"
                                 " AND g.kind = 'group' AND g.present = 1")
                      .arg(groupColumns));
    query.addBindValue(id);
    query.addBindValue(m_sourceId);
    if (!query.exec() || !query.next()) {
        return std::nullopt;
    }
    BrowsedGroup row = sourceGroup(query);
    QSqlQuery members(db);
    members.prepare(
        QStringLiteral("SELECT o.id, o.kind FROM source_group_members m JOIN source_objects o"
                       " ON o.id = m.member_id WHERE m.group_id = ? AND o.present = 1 ORDER BY m.position"));
    members.addBindValue(id);
    if (members.exec()) {
        while (members.next()) {
            (members.value(1).toString() == QLatin1String("group") ? row.group.memberGroupIds : row.group.memberUserIds)
                .append(members.value(0).toLongLong());
        }
    }
    return row;
}

Result<DirectorySnapshot, StorageError> DirectoryBrowser::snapshot() const
{
    if (!isSource()) {
        return DirectorySnapshot::load(*m_database);
    }
    return SourceCache(m_database, m_sourceId).snapshot();
}
