#pragma once

#include "model/DirectoryGroup.h"
#include "model/DirectoryUser.h"
#include "storage/StorageError.h"
#include "util/Result.h"

#include <QDateTime>
#include <QHash>
#include <QList>
#include <QSet>
#include <QSqlQuery>
#include <QString>

#include <memory>

class Database;

// How a user belongs to a group: `path` runs from the group down to the group that holds
// the user directly, so {Engineering, Platform} reads "member of Engineering through Platform".
struct DirectoryMembership
{
    qint64 groupId = 0;
    QList<qint64> path;

    bool isDirect() const { return path.size() <= 1; }
};

// An immutable, in-memory copy of the whole directory (users, groups, memberships), read in
// four queries inside one read transaction so it is consistent. The sync engine works on it
// off the GUI thread; copies are cheap and it is safe to read from several threads.
class DirectorySnapshot
{
public:
    // An empty directory.
    DirectorySnapshot();

    enum class Contents
    {
        Everything,
        // Groups with their members, no users: what a groups import checks against, without the
        // memory a large directory's users take.
        GroupsOnly,
    };

    // Call on the thread that will use the connection (Database gives each thread its own).
    static Result<DirectorySnapshot, StorageError> load(Database& database, Contents contents = Contents::Everything);
    // A snapshot of users and groups read elsewhere (a directory source). Groups name their
    // direct members in memberUserIds and memberGroupIds; ids that are not among `users` or
    // `groups` are ignored by the lookups, and nesting loops are harmless.
    static DirectorySnapshot fromData(
        QList<DirectoryUser> users, QList<DirectoryGroup> groups, const QDateTime& loadedAt);

    QDateTime loadedAt() const;

    const QList<DirectoryUser>& users() const;
    const QList<DirectoryGroup>& groups() const;
    // nullptr when there is no such user/group.
    const DirectoryUser* user(qint64 id) const;
    const DirectoryUser* userByUserName(const QString& userName) const;
    const DirectoryUser* userByObjectId(const QString& objectId) const;
    const DirectoryGroup* group(qint64 id) const;
    const DirectoryGroup* groupByDisplayName(const QString& displayName) const;

    // Ids of all users in the group, directly or through nested groups. Loops in the
    // nesting (which the repository refuses, but an old profile might hold) are harmless.
    QSet<qint64> flattenGroupMembers(qint64 groupId) const;
    // Every group the user belongs to, directly or through nesting, each once with the
    // shortest path; ordered by group display name.
    QList<DirectoryMembership> groupsOfUser(qint64 userId) const;
    // "member of Engineering through Platform" / "direct member of Platform".
    QString explainMembership(const DirectoryMembership& membership) const;
    // Groups that directly contain the group.
    QList<qint64> parentGroups(qint64 groupId) const;

private:
    struct Data;
    explicit DirectorySnapshot(std::shared_ptr<const Data> data);
    static Status<StorageError> loadUsers(QSqlQuery& query, Data& data);
    // Fills the lookups from data->users and data->groups (memberships included).
    static void index(Data& data);

    std::shared_ptr<const Data> m_data;
};
