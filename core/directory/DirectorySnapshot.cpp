#include "DirectorySnapshot.h"

#include "DirectoryRows.h"
#include "storage/Database.h"
#include "storage/SqlValues.h"

#include <QCoreApplication>
#include <QSqlError>
#include <QSqlQuery>

#include <algorithm>

struct DirectorySnapshot::Data
{
    QDateTime loadedAt;
    QList<DirectoryUser> users;
    QList<DirectoryGroup> groups;
    QHash<qint64, qsizetype> userIndex;
    QHash<QString, qsizetype> userByNameKey;
    QHash<QString, qsizetype> userByObjectId;
    QHash<qint64, qsizetype> groupIndex;
    QHash<QString, qsizetype> groupByNameKey;
    QHash<qint64, QList<qint64>> groupsOfUserDirect;
    QHash<qint64, QList<qint64>> parentsOfGroup;
};

namespace {
QString tr(const char* text)
{
    return QCoreApplication::translate("DirectorySnapshot", text);
}

StorageError readError(const QSqlQuery& query)
{
    return {StorageError::Kind::Sql,
        tr("Could not read the directory: %1. Close other programs using the profile and try again.")
            .arg(query.lastError().text())};
}
} // namespace

DirectorySnapshot::DirectorySnapshot()
    : m_data(std::make_shared<const Data>())
{
}

DirectorySnapshot::DirectorySnapshot(std::shared_ptr<const Data> data)
    : m_data(std::move(data))
{
}

Status<StorageError> DirectorySnapshot::loadUsers(QSqlQuery& query, Data& data)
{
    // index() builds the lookups afterwards, for a loaded snapshot as for one built from data.
    if (query.exec(QStringLiteral("SELECT COUNT(*) FROM directory_users")) && query.next()) {
        data.users.reserve(query.value(0).toLongLong());
    }
    if (!query.exec(QStringLiteral("SELECT %1 FROM directory_users ORDER BY id").arg(DirectoryRows::userColumns()))) {
        return readError(query);
    }
    while (query.next()) {
        data.users.append(DirectoryRows::userFromQuery(query));
    }
    return {};
}

Result<DirectorySnapshot, StorageError> DirectorySnapshot::load(Database& database, Contents contents)
{
    auto data = std::make_shared<Data>();
    data->loadedAt = QDateTime::currentDateTimeUtc();
    // A transaction gives the four reads one consistent view even while the GUI writes.
    auto status = database.transaction([&](QSqlDatabase& db) -> Status<StorageError> {
        QSqlQuery query(db);
        query.setForwardOnly(true);
        if (contents == Contents::Everything) {
            if (auto users = loadUsers(query, *data); !users) {
                return users;
            }
        }
        if (!query.exec(
                QStringLiteral("SELECT %1 FROM directory_groups ORDER BY id").arg(DirectoryRows::groupColumns()))) {
            return readError(query);
        }
        QHash<qint64, qsizetype> groupPosition;
        while (query.next()) {
            groupPosition.insert(query.value(0).toLongLong(), data->groups.size());
            data->groups.append(DirectoryRows::groupFromQuery(query));
        }
        if (!query.exec(
                QStringLiteral("SELECT group_id, user_id FROM group_user_members ORDER BY group_id, user_id"))) {
            return readError(query);
        }
        while (query.next()) {
            data->groups[groupPosition.value(query.value(0).toLongLong())].memberUserIds.append(
                query.value(1).toLongLong());
        }
        if (!query.exec(QStringLiteral(
                "SELECT group_id, member_group_id FROM group_group_members ORDER BY group_id, member_group_id"))) {
            return readError(query);
        }
        while (query.next()) {
            data->groups[groupPosition.value(query.value(0).toLongLong())].memberGroupIds.append(
                query.value(1).toLongLong());
        }
        return {};
    });
    if (!status) {
        return status.error();
    }
    index(*data);
    return DirectorySnapshot(std::move(data));
}

DirectorySnapshot DirectorySnapshot::fromData(
    QList<DirectoryUser> users, QList<DirectoryGroup> groups, const QDateTime& loadedAt)
{
    auto data = std::make_shared<Data>();
    data->loadedAt = loadedAt;
    data->users = std::move(users);
    data->groups = std::move(groups);
    index(*data);
    return DirectorySnapshot(std::move(data));
}

void DirectorySnapshot::index(Data& data)
{
    const qsizetype userCount = data.users.size();
    data.userIndex.reserve(userCount);
    data.userByNameKey.reserve(userCount);
    data.userByObjectId.reserve(userCount);
    for (qsizetype position = 0; position < userCount; ++position) {
        const DirectoryUser& user = data.users.at(position);
        data.userIndex.insert(user.id, position);
        data.userByNameKey.insert(SqlValues::nameKey(user.userName), position);
        data.userByObjectId.insert(user.objectId, position);
    }
    data.groupIndex.reserve(data.groups.size());
    for (qsizetype position = 0; position < data.groups.size(); ++position) {
        const DirectoryGroup& group = data.groups.at(position);
        data.groupIndex.insert(group.id, position);
        data.groupByNameKey.insert(SqlValues::nameKey(group.displayName), position);
        for (const qint64 userId : group.memberUserIds) {
            data.groupsOfUserDirect[userId].append(group.id);
        }
        for (const qint64 memberId : group.memberGroupIds) {
            data.parentsOfGroup[memberId].append(group.id);
        }
    }
}

QDateTime DirectorySnapshot::loadedAt() const
{
    return m_data->loadedAt;
}

const QList<DirectoryUser>& DirectorySnapshot::users() const
{
    return m_data->users;
}

const QList<DirectoryGroup>& DirectorySnapshot::groups() const
{
    return m_data->groups;
}

const DirectoryUser* DirectorySnapshot::user(qint64 id) const
{
    const auto it = m_data->userIndex.constFind(id);
    return it == m_data->userIndex.constEnd() ? nullptr : &m_data->users.at(*it);
}

const DirectoryUser* DirectorySnapshot::userByUserName(const QString& userName) const
{
    const auto it = m_data->userByNameKey.constFind(SqlValues::nameKey(userName));
    return it == m_data->userByNameKey.constEnd() ? nullptr : &m_data->users.at(*it);
}

const DirectoryUser* DirectorySnapshot::userByObjectId(const QString& objectId) const
{
    const auto it = m_data->userByObjectId.constFind(objectId.trimmed());
    return it == m_data->userByObjectId.constEnd() ? nullptr : &m_data->users.at(*it);
}

const DirectoryGroup* DirectorySnapshot::group(qint64 id) const
{
    const auto it = m_data->groupIndex.constFind(id);
    return it == m_data->groupIndex.constEnd() ? nullptr : &m_data->groups.at(*it);
}

const DirectoryGroup* DirectorySnapshot::groupByDisplayName(const QString& displayName) const
{
    const auto it = m_data->groupByNameKey.constFind(SqlValues::nameKey(displayName));
    return it == m_data->groupByNameKey.constEnd() ? nullptr : &m_data->groups.at(*it);
}

QList<qint64> DirectorySnapshot::parentGroups(qint64 groupId) const
{
    return m_data->parentsOfGroup.value(groupId);
}

QSet<qint64> DirectorySnapshot::flattenGroupMembers(qint64 groupId) const
{
    QSet<qint64> members;
    QSet<qint64> visited;
    QList<qint64> pending {groupId};
    while (!pending.isEmpty()) {
        const qint64 current = pending.takeLast();
        if (visited.contains(current)) {
            continue;
        }
        visited.insert(current);
        const DirectoryGroup* g = group(current);
        if (!g) {
            continue;
        }
        for (const qint64 userId : g->memberUserIds) {
            members.insert(userId);
        }
        for (const qint64 nested : g->memberGroupIds) {
            if (!visited.contains(nested)) {
                pending.append(nested);
            }
        }
    }
    return members;
}

QList<DirectoryMembership> DirectorySnapshot::groupsOfUser(qint64 userId) const
{
    // Breadth-first upwards from the direct groups gives each group its shortest path; the
    // visited set makes loops harmless.
    QHash<qint64, QList<qint64>> pathTo;
    QList<qint64> queue;
    for (const qint64 groupId : m_data->groupsOfUserDirect.value(userId)) {
        if (!pathTo.contains(groupId)) {
            pathTo.insert(groupId, {groupId});
            queue.append(groupId);
        }
    }
    for (qsizetype i = 0; i < queue.size(); ++i) {
        const qint64 current = queue.at(i);
        const QList<qint64> currentPath = pathTo.value(current);
        for (const qint64 parent : m_data->parentsOfGroup.value(current)) {
            if (pathTo.contains(parent)) {
                continue;
            }
            pathTo.insert(parent, QList<qint64> {parent} + currentPath);
            queue.append(parent);
        }
    }
    QList<DirectoryMembership> memberships;
    memberships.reserve(queue.size());
    for (const qint64 groupId : std::as_const(queue)) {
        memberships.append({groupId, pathTo.value(groupId)});
    }
    auto nameOf = [this](qint64 id) {
        const DirectoryGroup* g = group(id);
        return g ? SqlValues::nameKey(g->displayName) : QString();
    };
    std::sort(memberships.begin(), memberships.end(), [&](const DirectoryMembership& a, const DirectoryMembership& b) {
        return nameOf(a.groupId) < nameOf(b.groupId);
    });
    return memberships;
}

QString DirectorySnapshot::explainMembership(const DirectoryMembership& membership) const
{
    auto nameOf = [this](qint64 id) {
        const DirectoryGroup* g = group(id);
        return g ? g->displayName : QString::number(id);
    };
    if (membership.isDirect()) {
        return tr("direct member of %1").arg(nameOf(membership.groupId));
    }
    QStringList through;
    for (qsizetype i = 1; i < membership.path.size(); ++i) {
        through << nameOf(membership.path.at(i));
    }
    return tr("member of %1 through %2").arg(nameOf(membership.groupId), through.join(QStringLiteral(" \u2192 ")));
}
