#include "TargetSnapshot.h"

#include <QHash>
#include <QJsonArray>

TargetUser TargetSnapshot::userFromJson(const QJsonObject& resource, const ResourceProjection& projection)
{
    TargetUser user;
    user.id = resource.value(QLatin1String("id")).toString();
    const QJsonValue active = resource.value(QLatin1String("active"));
    // Some servers send "true"/"false" as strings; absent means active (RFC 7643 default).
    user.active = active.isBool()
        ? active.toBool()
        : (active.isString() ? active.toString().compare(QLatin1String("false"), Qt::CaseInsensitive) != 0 : true);
    user.resource = projection.compact(resource, ResourceProjection::Keep::Lists,
        {resource.value(QLatin1String("displayName")).toString(),
            resource.value(QLatin1String("externalId")).toString(),
            resource.value(QLatin1String("userName")).toString()});
    return user;
}

TargetGroup TargetSnapshot::groupFromJson(const QJsonObject& resource)
{
    TargetGroup group;
    group.id = resource.value(QLatin1String("id")).toString();
    group.displayName = resource.value(QLatin1String("displayName")).toString();
    group.externalId = resource.value(QLatin1String("externalId")).toString();
    const QJsonArray members = resource.value(QLatin1String("members")).toArray();
    for (const auto& member : members) {
        const QString id = member.toObject().value(QLatin1String("value")).toString();
        if (!id.isEmpty())
            group.memberIds.append(id);
    }
    return group;
}

void TargetSnapshot::shareMemberIds()
{
    QHash<QString, const QString*> ids;
    ids.reserve(users.size());
    for (const TargetUser& user : std::as_const(users))
        ids.insert(user.id, &user.id);
    for (TargetGroup& group : groups) {
        for (QString& member : group.memberIds) {
            if (const QString* id = ids.value(member))
                member = *id;
        }
    }
}
