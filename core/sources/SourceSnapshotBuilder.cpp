#include "SourceSnapshotBuilder.h"

#include "DistinguishedName.h"

#include <QCoreApplication>
#include <QHash>
#include <QSet>

namespace {
QString tr(const char* text, int n)
{
    return QCoreApplication::translate("SourceSnapshotBuilder", text, nullptr, n);
}
// A manager named by DN is the user it named when read, or else the user at that DN now; outside
// the read, nobody.
void resolveManagers(
    const QList<CachedSourceUser>& users, const QHash<QString, qint64>& idByDn, QList<DirectoryUser>& snapshotUsers)
{
    QHash<qint64, QString> userNameById;
    userNameById.reserve(users.size());
    for (const CachedSourceUser& cached : users) {
        userNameById.insert(cached.id, cached.user.userName);
    }
    for (qsizetype i = 0; i < users.size(); ++i) {
        const CachedSourceUser& cached = users.at(i);
        if (cached.managerDn.isEmpty()) {
            continue;
        }
        const qint64 managerId = userNameById.contains(cached.managerId)
            ? cached.managerId
            : idByDn.value(DistinguishedName::normalizedKey(cached.managerDn), 0);
        snapshotUsers[i].manager = userNameById.value(managerId);
    }
}
} // namespace

DirectorySnapshot SourceSnapshotBuilder::build(const QList<CachedSourceUser>& users,
    const QList<CachedSourceGroup>& groups, const QDateTime& readAt, QStringList* notes)
{
    QSet<qint64> userIds;
    QSet<qint64> groupIds;
    QHash<QString, qint64> idByDn;
    QList<DirectoryUser> snapshotUsers;
    snapshotUsers.reserve(users.size());
    idByDn.reserve(users.size() + groups.size());
    for (const CachedSourceUser& cached : users) {
        userIds.insert(cached.id);
        idByDn.insert(DistinguishedName::normalizedKey(cached.dn), cached.id);
        DirectoryUser user = cached.user;
        user.id = cached.id;
        snapshotUsers.append(std::move(user));
    }
    for (const CachedSourceGroup& cached : groups) {
        groupIds.insert(cached.id);
        idByDn.insert(DistinguishedName::normalizedKey(cached.dn), cached.id);
    }
    resolveManagers(users, idByDn, snapshotUsers);

    qsizetype outside = 0;
    QList<DirectoryGroup> snapshotGroups;
    snapshotGroups.reserve(groups.size());
    for (const CachedSourceGroup& cached : groups) {
        DirectoryGroup group;
        group.id = cached.id;
        group.objectId = cached.anchor;
        group.displayName = cached.name;
        group.description = cached.description;
        QSet<qint64> seen;
        for (const CachedMember& member : cached.members) {
            qint64 id = member.resolvedId;
            if (!userIds.contains(id) && !groupIds.contains(id)) {
                id = idByDn.value(DistinguishedName::normalizedKey(member.dn), 0);
            }
            if (id == 0) {
                ++outside;
                continue;
            }
            if (id == group.id || seen.contains(id)) {
                continue; // a group listing itself adds nothing; a repeated DN counts once
            }
            seen.insert(id);
            (userIds.contains(id) ? group.memberUserIds : group.memberGroupIds).append(id);
        }
        snapshotGroups.append(std::move(group));
    }
    if (notes && outside > 0) {
        notes->append(tr("%n group member(s) are neither users nor groups of this source (outside the base DN or "
                         "the filters, computers, or foreign principals) and are left out.",
            int(outside)));
    }
    return DirectorySnapshot::fromData(std::move(snapshotUsers), std::move(snapshotGroups), readAt);
}
