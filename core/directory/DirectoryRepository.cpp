#include "DirectoryRepository.h"

#include "DirectoryRows.h"
#include "DirectoryUserWriter.h"
#include "storage/Database.h"
#include "storage/SqlValues.h"
#include "util/LogCategories.h"

#include <QCoreApplication>
#include <QHash>
#include <QSet>
#include <QSqlError>
#include <QSqlQuery>

#include <functional>

namespace {
QString tr(const char* text)
{
    return QCoreApplication::translate("DirectoryRepository", text);
}

const QString displayNameField = QStringLiteral("displayName");

StorageError sqlError(const QSqlQuery& query, const QString& what)
{
    return {StorageError::Kind::Sql, tr("%1: %2").arg(what, query.lastError().text())};
}

QString nowText()
{
    return SqlValues::fromDateTime(QDateTime::currentDateTimeUtc()).toString();
}

StorageError duplicateGroupName(const QString& displayName)
{
    return {StorageError::Kind::Duplicate,
        tr("A group named \"%1\" already exists (group names are compared ignoring case and surrounding "
           "spaces). Choose another name, or edit the existing group.")
            .arg(displayName.trimmed()),
        displayNameField};
}

StorageError groupWriteError(const QSqlQuery& query, const DirectoryGroup& group)
{
    const QString reason = query.lastError().text();
    if (reason.contains(QLatin1String("display_name_key"))) {
        return duplicateGroupName(group.displayName);
    }
    if (reason.contains(QLatin1String("object_id"))) {
        return {StorageError::Kind::Duplicate,
            tr("Another group already has the object ID %1; leave it empty to generate a new one.").arg(group.objectId),
            QStringLiteral("objectId")};
    }
    return sqlError(query, tr("Could not save the group \"%1\"").arg(group.displayName));
}

// The search clauses below use the pattern once per "?".
constexpr int userSearchPlaceholders = 5;
constexpr int groupSearchPlaceholders = 2;

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

QString userSearchWhere(const QString& search)
{
    if (search.trimmed().isEmpty()) {
        return {};
    }
    return QStringLiteral(" WHERE user_name_key LIKE ? ESCAPE '\\' OR email LIKE ? ESCAPE '\\'"
                          " OR display_name LIKE ? ESCAPE '\\' OR given_name LIKE ? ESCAPE '\\'"
                          " OR family_name LIKE ? ESCAPE '\\'");
}

QString groupSearchWhere(const QString& search)
{
    if (search.trimmed().isEmpty()) {
        return {};
    }
    return QStringLiteral(" WHERE display_name_key LIKE ? ESCAPE '\\' OR description LIKE ? ESCAPE '\\'");
}

QString limitClause(int limit, int offset)
{
    if (limit < 0 && offset <= 0) {
        return {};
    }
    return QStringLiteral(" LIMIT %1 OFFSET %2").arg(limit < 0 ? -1 : limit).arg(qMax(0, offset));
}

QString idList(const QList<qint64>& ids)
{
    QStringList parts;
    parts.reserve(ids.size());
    for (const qint64 id : ids) {
        parts << QString::number(id);
    }
    return parts.join(QLatin1Char(','));
}
} // namespace

DirectoryRepository::DirectoryRepository(std::shared_ptr<Database> database)
    : m_database(std::move(database))
{
}

// ---------------------------------------------------------------- users

Status<StorageError> DirectoryRepository::validateUser(const DirectoryUser& user) const
{
    if (auto status = DirectoryUserWriter::validate(user); !status) {
        return status;
    }
    const QString userName = user.userName.trimmed();
    QSqlQuery query(m_database->connection());
    query.prepare(QStringLiteral("SELECT 1 FROM directory_users WHERE user_name_key = ? AND id <> ?"));
    query.addBindValue(SqlValues::nameKey(userName));
    query.addBindValue(user.id);
    if (query.exec() && query.next()) {
        return DirectoryUserWriter::duplicateUserName(userName);
    }
    return {};
}

Result<qint64, StorageError> DirectoryRepository::createUser(const DirectoryUser& user)
{
    QList<DirectoryUser> users {user};
    users.first().id = 0;
    if (auto status = validateUser(users.first()); !status) {
        return status.error();
    }
    auto written = saveUsers(users);
    if (!written) {
        return written.error();
    }
    qCDebug(lcDirectory) << "Created directory user" << users.first().id;
    return users.first().id;
}

Status<StorageError> DirectoryRepository::updateUser(const DirectoryUser& user)
{
    if (user.id <= 0) {
        return StorageError {StorageError::Kind::NotFound, tr("This user has not been saved yet; create it first.")};
    }
    if (auto status = validateUser(user); !status) {
        return status;
    }
    QList<DirectoryUser> users {user};
    auto written = saveUsers(users);
    if (!written) {
        return written.error();
    }
    return {};
}

Status<StorageError> DirectoryRepository::removeUser(qint64 id)
{
    return removeUsers({id});
}

Status<StorageError> DirectoryRepository::removeUsers(const QList<qint64>& ids)
{
    return m_database->transaction([&](QSqlDatabase& db) -> Status<StorageError> {
        QSqlQuery query(db);
        query.prepare(QStringLiteral("DELETE FROM directory_users WHERE id = ?"));
        for (const qint64 id : ids) {
            query.addBindValue(id);
            if (!query.exec()) {
                return sqlError(query, tr("Could not delete the user"));
            }
            if (query.numRowsAffected() == 0) {
                return StorageError {
                    StorageError::Kind::NotFound, tr("The user to delete no longer exists; reload the directory.")};
            }
        }
        return {};
    });
}

std::optional<DirectoryUser> DirectoryRepository::findUserWhere(const QString& where, const QVariant& value) const
{
    QSqlQuery query(m_database->connection());
    query.prepare(QStringLiteral("SELECT %1 FROM directory_users WHERE %2").arg(DirectoryRows::userColumns(), where));
    query.addBindValue(value);
    if (!query.exec() || !query.next()) {
        return std::nullopt;
    }
    return DirectoryRows::userFromQuery(query);
}

std::optional<DirectoryUser> DirectoryRepository::findUser(qint64 id) const
{
    return findUserWhere(QStringLiteral("id = ?"), id);
}

std::optional<DirectoryUser> DirectoryRepository::findUserByUserName(const QString& userName) const
{
    return findUserWhere(QStringLiteral("user_name_key = ?"), SqlValues::nameKey(userName));
}

std::optional<DirectoryUser> DirectoryRepository::findUserByObjectId(const QString& objectId) const
{
    return findUserWhere(QStringLiteral("object_id = ?"), objectId.trimmed());
}

QList<DirectoryUser> DirectoryRepository::listUsers(const QString& search, int limit, int offset) const
{
    QSqlQuery query(m_database->connection());
    query.setForwardOnly(true);
    query.prepare(QStringLiteral("SELECT %1 FROM directory_users%2 ORDER BY user_name_key%3")
                      .arg(DirectoryRows::userColumns(), userSearchWhere(search), limitClause(limit, offset)));
    bindSearch(query, search, userSearchPlaceholders);
    QList<DirectoryUser> users;
    if (!query.exec()) {
        qCWarning(lcDirectory) << "Listing users failed:" << query.lastError().text();
        return users;
    }
    while (query.next()) {
        users.append(DirectoryRows::userFromQuery(query));
    }
    return users;
}

int DirectoryRepository::countUsers(const QString& search) const
{
    QSqlQuery query(m_database->connection());
    query.prepare(QStringLiteral("SELECT COUNT(*) FROM directory_users%1").arg(userSearchWhere(search)));
    bindSearch(query, search, userSearchPlaceholders);
    if (!query.exec() || !query.next()) {
        return 0;
    }
    return query.value(0).toInt();
}

Result<DirectoryWriteCounts, StorageError> DirectoryRepository::saveUsers(QList<DirectoryUser>& users)
{
    for (const auto& user : std::as_const(users)) {
        if (auto status = DirectoryUserWriter::validate(user); !status) {
            return status.error();
        }
    }
    // Work on a copy so that a rolled-back batch leaves the caller's users as they were.
    QList<DirectoryUser> written = users;
    DirectoryWriteCounts counts;
    auto status = m_database->transaction([&](QSqlDatabase& db) -> Status<StorageError> {
        DirectoryUserWriter writer(db, nowText());
        if (auto prepared = writer.prepare(); !prepared) {
            return prepared;
        }
        return writer.write(written, counts);
    });
    if (!status) {
        return status.error();
    }
    users = std::move(written);
    return counts;
}

Result<std::optional<DirectoryWriteCounts>, StorageError> DirectoryRepository::saveUserBatches(
    const std::function<BatchStep(QList<DirectoryUser>& batch)>& nextBatch)
{
    DirectoryWriteCounts counts;
    bool abandoned = false;
    auto status = m_database->transaction([&](QSqlDatabase& db) -> Status<StorageError> {
        DirectoryUserWriter writer(db, nowText());
        if (auto prepared = writer.prepare(); !prepared) {
            return prepared;
        }
        QList<DirectoryUser> batch;
        for (BatchStep step = BatchStep::More; step == BatchStep::More;) {
            batch.clear();
            step = nextBatch(batch);
            if (step == BatchStep::Abandon) {
                abandoned = true;
                // Any error rolls the transaction back; this one is never shown.
                return StorageError {StorageError::Kind::Validation, QStringLiteral("abandoned")};
            }
            if (auto written = writer.write(batch, counts); !written) {
                return written;
            }
        }
        return {};
    });
    if (abandoned) {
        return std::optional<DirectoryWriteCounts>();
    }
    if (!status) {
        return status.error();
    }
    return std::optional<DirectoryWriteCounts>(counts);
}

// ---------------------------------------------------------------- groups

Status<StorageError> DirectoryRepository::validateGroup(const DirectoryGroup& group) const
{
    const QString name = group.displayName.trimmed();
    if (name.isEmpty()) {
        return StorageError::validation(displayNameField, tr("Enter a group name."));
    }
    QSqlQuery query(m_database->connection());
    query.prepare(QStringLiteral("SELECT 1 FROM directory_groups WHERE display_name_key = ? AND id <> ?"));
    query.addBindValue(SqlValues::nameKey(name));
    query.addBindValue(group.id);
    if (query.exec() && query.next()) {
        return duplicateGroupName(name);
    }
    if (group.id > 0 && group.memberGroupIds.contains(group.id)) {
        return StorageError::validation(QStringLiteral("memberGroupIds"),
            tr("The group \"%1\" cannot be a member of itself; remove it from its own members.").arg(name));
    }
    return {};
}

Status<StorageError> DirectoryRepository::writeGroup(QSqlDatabase& db, DirectoryGroup& group, bool create) const
{
    const QString now = nowText();
    const QString name = group.displayName.trimmed();
    if (name.isEmpty()) {
        return StorageError::validation(displayNameField, tr("Enter a group name."));
    }
    QSqlQuery query(db);
    if (create) {
        if (group.objectId.trimmed().isEmpty()) {
            group.objectId = DirectoryUserWriter::newObjectId();
        }
        query.prepare(QStringLiteral("INSERT INTO directory_groups (object_id, display_name, display_name_key,"
                                     " description, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)"));
        query.addBindValue(group.objectId.trimmed());
        query.addBindValue(name);
        query.addBindValue(SqlValues::nameKey(name));
        query.addBindValue(SqlValues::text(group.description));
        query.addBindValue(now);
        query.addBindValue(now);
    } else {
        query.prepare(QStringLiteral("UPDATE directory_groups SET display_name = ?, display_name_key = ?,"
                                     " description = ?, updated_at = ? WHERE id = ? AND (? = '' OR object_id = ?)"));
        query.addBindValue(name);
        query.addBindValue(SqlValues::nameKey(name));
        query.addBindValue(SqlValues::text(group.description));
        query.addBindValue(now);
        query.addBindValue(group.id);
        query.addBindValue(SqlValues::text(group.objectId.trimmed()));
        query.addBindValue(SqlValues::text(group.objectId.trimmed()));
    }
    if (!query.exec()) {
        return groupWriteError(query, group);
    }
    if (create) {
        group.id = query.lastInsertId().toLongLong();
        group.createdAt = SqlValues::toDateTime(now);
    } else if (query.numRowsAffected() == 0) {
        return StorageError {StorageError::Kind::NotFound,
            tr("The group \"%1\" no longer exists, or its object ID was changed (object IDs cannot change). "
               "Reload the directory and try again.")
                .arg(name)};
    }
    group.displayName = name;
    group.updatedAt = SqlValues::toDateTime(now);
    return {};
}

Status<StorageError> DirectoryRepository::replaceMembers(
    QSqlDatabase& db, qint64 groupId, const QList<qint64>& userIds, const QList<qint64>& groupIds) const
{
    QSqlQuery query(db);
    for (const char* sql :
        {"DELETE FROM group_user_members WHERE group_id = ?", "DELETE FROM group_group_members WHERE group_id = ?"}) {
        query.prepare(QLatin1String(sql));
        query.addBindValue(groupId);
        if (!query.exec()) {
            return sqlError(query, tr("Could not update the group's members"));
        }
    }
    QSqlQuery insertUser(db);
    insertUser.prepare(QStringLiteral("INSERT OR IGNORE INTO group_user_members (group_id, user_id) VALUES (?, ?)"));
    for (const qint64 userId : userIds) {
        insertUser.addBindValue(groupId);
        insertUser.addBindValue(userId);
        if (!insertUser.exec()) {
            return StorageError::validation(QStringLiteral("memberUserIds"),
                tr("A member of the group no longer exists in the directory; reload the group and try again."));
        }
    }
    QSqlQuery insertGroup(db);
    insertGroup.prepare(
        QStringLiteral("INSERT OR IGNORE INTO group_group_members (group_id, member_group_id) VALUES (?, ?)"));
    for (const qint64 memberId : groupIds) {
        if (memberId == groupId) {
            return StorageError::validation(QStringLiteral("memberGroupIds"),
                tr("A group cannot be a member of itself; remove it from its own members."));
        }
        insertGroup.addBindValue(groupId);
        insertGroup.addBindValue(memberId);
        if (!insertGroup.exec()) {
            return StorageError::validation(QStringLiteral("memberGroupIds"),
                tr("A nested group no longer exists in the directory; reload the group and try again."));
        }
    }
    return {};
}

// Called inside the writing transaction after members changed: the whole nesting graph is
// small (groups, not users), so checking all of it is cheap and catches every loop a batch makes.
Status<StorageError> DirectoryRepository::checkNoNestingLoop(QSqlDatabase& db) const
{
    QSqlQuery query(db);
    query.setForwardOnly(true);
    if (!query.exec(QStringLiteral("SELECT group_id, member_group_id FROM group_group_members"))) {
        return sqlError(query, tr("Could not check group nesting"));
    }
    QHash<qint64, QList<qint64>> children;
    while (query.next()) {
        children[query.value(0).toLongLong()].append(query.value(1).toLongLong());
    }
    // Depth-first search with colours; a grey node reached again closes a loop.
    enum Colour
    {
        White,
        Grey,
        Black
    };
    QHash<qint64, Colour> colour;
    QList<qint64> path;
    QList<qint64> loop;
    std::function<bool(qint64)> visit = [&](qint64 node) {
        colour[node] = Grey;
        path.append(node);
        for (const qint64 child : children.value(node)) {
            const Colour c = colour.value(child, White);
            if (c == Grey) {
                loop = path.mid(path.indexOf(child));
                loop.append(child);
                return true;
            }
            if (c == White && visit(child)) {
                return true;
            }
        }
        path.removeLast();
        colour[node] = Black;
        return false;
    };
    for (auto it = children.constBegin(); it != children.constEnd(); ++it) {
        if (colour.value(it.key(), White) == White && visit(it.key())) {
            break;
        }
    }
    if (loop.isEmpty()) {
        return {};
    }
    QStringList names;
    QSqlQuery name(db);
    name.prepare(QStringLiteral("SELECT display_name FROM directory_groups WHERE id = ?"));
    for (const qint64 id : std::as_const(loop)) {
        name.addBindValue(id);
        names << ((name.exec() && name.next()) ? name.value(0).toString() : QString::number(id));
    }
    return StorageError::validation(QStringLiteral("memberGroupIds"),
        tr("This nesting would make a group contain itself: %1. Remove one of these group memberships.")
            .arg(names.join(QStringLiteral(" \u2192 "))));
}

Result<qint64, StorageError> DirectoryRepository::createGroup(const DirectoryGroup& group)
{
    if (auto status = validateGroup(group); !status) {
        return status.error();
    }
    QList<DirectoryGroup> groups {group};
    groups.first().id = 0;
    auto written = saveGroups(groups);
    if (!written) {
        return written.error();
    }
    return groups.first().id;
}

Status<StorageError> DirectoryRepository::updateGroup(const DirectoryGroup& group)
{
    if (group.id <= 0) {
        return StorageError {StorageError::Kind::NotFound, tr("This group has not been saved yet; create it first.")};
    }
    if (auto status = validateGroup(group); !status) {
        return status;
    }
    QList<DirectoryGroup> groups {group};
    auto written = saveGroups(groups);
    if (!written) {
        return written.error();
    }
    return {};
}

Status<StorageError> DirectoryRepository::removeGroup(qint64 id)
{
    return m_database->transaction([&](QSqlDatabase& db) -> Status<StorageError> {
        QSqlQuery query(db);
        query.prepare(QStringLiteral("DELETE FROM directory_groups WHERE id = ?"));
        query.addBindValue(id);
        if (!query.exec()) {
            return sqlError(query, tr("Could not delete the group"));
        }
        if (query.numRowsAffected() == 0) {
            return StorageError {
                StorageError::Kind::NotFound, tr("The group to delete no longer exists; reload the directory.")};
        }
        return {};
    });
}

Status<StorageError> DirectoryRepository::setGroupMembers(
    qint64 groupId, const QList<qint64>& userIds, const QList<qint64>& groupIds)
{
    return m_database->transaction([&](QSqlDatabase& db) -> Status<StorageError> {
        QSqlQuery exists(db);
        exists.prepare(QStringLiteral("SELECT 1 FROM directory_groups WHERE id = ?"));
        exists.addBindValue(groupId);
        if (!exists.exec() || !exists.next()) {
            return StorageError {StorageError::Kind::NotFound, tr("The group no longer exists; reload the directory.")};
        }
        if (auto status = replaceMembers(db, groupId, userIds, groupIds); !status) {
            return status;
        }
        return checkNoNestingLoop(db);
    });
}

Status<StorageError> DirectoryRepository::addGroupMembers(
    qint64 groupId, const QList<qint64>& userIds, const QList<qint64>& groupIds)
{
    const auto group = findGroup(groupId);
    if (!group) {
        return StorageError {StorageError::Kind::NotFound, tr("The group no longer exists; reload the directory.")};
    }
    QList<qint64> users = group->memberUserIds + userIds;
    QList<qint64> groups = group->memberGroupIds + groupIds;
    return setGroupMembers(groupId, users, groups);
}

Status<StorageError> DirectoryRepository::removeGroupMembers(
    qint64 groupId, const QList<qint64>& userIds, const QList<qint64>& groupIds)
{
    const auto group = findGroup(groupId);
    if (!group) {
        return StorageError {StorageError::Kind::NotFound, tr("The group no longer exists; reload the directory.")};
    }
    QList<qint64> users = group->memberUserIds;
    QList<qint64> groups = group->memberGroupIds;
    users.removeIf([&](qint64 id) { return userIds.contains(id); });
    groups.removeIf([&](qint64 id) { return groupIds.contains(id); });
    return setGroupMembers(groupId, users, groups);
}

void DirectoryRepository::loadMembers(DirectoryGroup& group) const
{
    QSqlQuery query(m_database->connection());
    query.prepare(QStringLiteral("SELECT user_id FROM group_user_members WHERE group_id = ? ORDER BY user_id"));
    query.addBindValue(group.id);
    if (query.exec()) {
        while (query.next()) {
            group.memberUserIds.append(query.value(0).toLongLong());
        }
    }
    query.prepare(
        QStringLiteral("SELECT member_group_id FROM group_group_members WHERE group_id = ? ORDER BY member_group_id"));
    query.addBindValue(group.id);
    if (query.exec()) {
        while (query.next()) {
            group.memberGroupIds.append(query.value(0).toLongLong());
        }
    }
}

std::optional<DirectoryGroup> DirectoryRepository::findGroupWhere(const QString& where, const QVariant& value) const
{
    QSqlQuery query(m_database->connection());
    query.prepare(QStringLiteral("SELECT %1 FROM directory_groups WHERE %2").arg(DirectoryRows::groupColumns(), where));
    query.addBindValue(value);
    if (!query.exec() || !query.next()) {
        return std::nullopt;
    }
    DirectoryGroup group = DirectoryRows::groupFromQuery(query);
    loadMembers(group);
    return group;
}

std::optional<DirectoryGroup> DirectoryRepository::findGroup(qint64 id) const
{
    return findGroupWhere(QStringLiteral("id = ?"), id);
}

std::optional<DirectoryGroup> DirectoryRepository::findGroupByDisplayName(const QString& displayName) const
{
    return findGroupWhere(QStringLiteral("display_name_key = ?"), SqlValues::nameKey(displayName));
}

QList<DirectoryGroup> DirectoryRepository::listGroups(const QString& search, int limit, int offset) const
{
    QSqlQuery query(m_database->connection());
    query.setForwardOnly(true);
    query.prepare(QStringLiteral("SELECT %1 FROM directory_groups%2 ORDER BY display_name_key%3")
                      .arg(DirectoryRows::groupColumns(), groupSearchWhere(search), limitClause(limit, offset)));
    bindSearch(query, search, groupSearchPlaceholders);
    QList<DirectoryGroup> groups;
    if (!query.exec()) {
        qCWarning(lcDirectory) << "Listing groups failed:" << query.lastError().text();
        return groups;
    }
    QHash<qint64, qsizetype> index;
    while (query.next()) {
        index.insert(query.value(0).toLongLong(), groups.size());
        groups.append(DirectoryRows::groupFromQuery(query));
    }
    if (groups.isEmpty()) {
        return groups;
    }
    // Members of the listed groups in two queries, not two per group.
    const QString ids = idList(index.keys());
    QSqlQuery members(m_database->connection());
    members.setForwardOnly(true);
    if (members.exec(QStringLiteral("SELECT group_id, user_id FROM group_user_members WHERE group_id IN (%1)"
                                    " ORDER BY group_id, user_id")
                         .arg(ids))) {
        while (members.next()) {
            groups[index.value(members.value(0).toLongLong())].memberUserIds.append(members.value(1).toLongLong());
        }
    }
    if (members.exec(QStringLiteral("SELECT group_id, member_group_id FROM group_group_members WHERE group_id IN (%1)"
                                    " ORDER BY group_id, member_group_id")
                         .arg(ids))) {
        while (members.next()) {
            groups[index.value(members.value(0).toLongLong())].memberGroupIds.append(members.value(1).toLongLong());
        }
    }
    return groups;
}

int DirectoryRepository::countGroups(const QString& search) const
{
    QSqlQuery query(m_database->connection());
    query.prepare(QStringLiteral("SELECT COUNT(*) FROM directory_groups%1").arg(groupSearchWhere(search)));
    bindSearch(query, search, groupSearchPlaceholders);
    if (!query.exec() || !query.next()) {
        return 0;
    }
    return query.value(0).toInt();
}

Result<DirectoryWriteCounts, StorageError> DirectoryRepository::saveGroups(
    QList<DirectoryGroup>& groups, const QList<qint64>& removeIds)
{
    QList<DirectoryGroup> written = groups;
    DirectoryWriteCounts counts;
    auto status = m_database->transaction([&](QSqlDatabase& db) -> Status<StorageError> {
        for (auto& group : written) {
            const bool create = group.id <= 0;
            if (auto result = writeGroup(db, group, create); !result) {
                return result;
            }
            ++(create ? counts.created : counts.updated);
        }
        for (auto& group : written) {
            for (auto& memberId : group.memberGroupIds) {
                if (memberId < 0) {
                    const qsizetype position = -memberId - 1;
                    if (position >= written.size()) {
                        return StorageError::validation(QStringLiteral("memberGroupIds"),
                            tr("A nested group refers to a group that is not part of this change."));
                    }
                    memberId = written.at(position).id;
                }
            }
            if (auto result = replaceMembers(db, group.id, group.memberUserIds, group.memberGroupIds); !result) {
                return result;
            }
        }
        QSqlQuery remove(db);
        remove.prepare(QStringLiteral("DELETE FROM directory_groups WHERE id = ?"));
        for (const qint64 id : removeIds) {
            remove.addBindValue(id);
            if (!remove.exec()) {
                return sqlError(remove, tr("Could not delete the group"));
            }
            ++counts.removed;
        }
        return checkNoNestingLoop(db);
    });
    if (!status) {
        return status.error();
    }
    groups = std::move(written);
    return counts;
}
