#include "DirectoryJson.h"

#include "CliJson.h"

#include "directory/DirectoryRepository.h"

#include <QJsonArray>

QJsonObject DirectoryJson::user(const DirectoryUser& user)
{
    QJsonObject custom;
    for (auto it = user.customAttributes.cbegin(); it != user.customAttributes.cend(); ++it) {
        custom.insert(it.key(), it.value());
    }
    QJsonObject json {
        {QStringLiteral("id"), user.id},
        {QStringLiteral("active"), user.active},
        {QStringLiteral("customAttributes"), custom},
        {QStringLiteral("createdAt"), CliJson::timestamp(user.createdAt)},
        {QStringLiteral("updatedAt"), CliJson::timestamp(user.updatedAt)},
    };
    for (const QString& name : DirectoryUser::standardAttributeNames()) {
        if (name != QLatin1String("active")) {
            json.insert(name, user.attribute(name));
        }
    }
    return json;
}

QJsonObject DirectoryJson::userWithGroups(const DirectoryUser& user, const QList<DirectoryGroup>& groups)
{
    QJsonArray memberOf;
    for (const DirectoryGroup& group : groups) {
        if (group.memberUserIds.contains(user.id)) {
            memberOf.append(groupReference(group));
        }
    }
    QJsonObject json = DirectoryJson::user(user);
    json.insert(QStringLiteral("memberOf"), memberOf);
    return json;
}

QJsonObject DirectoryJson::groupReference(const DirectoryGroup& group)
{
    return QJsonObject {
        {QStringLiteral("objectId"), group.objectId}, {QStringLiteral("displayName"), group.displayName}};
}

QJsonObject DirectoryJson::userReference(const DirectoryUser& user)
{
    return QJsonObject {{QStringLiteral("objectId"), user.objectId}, {QStringLiteral("userName"), user.userName}};
}

QJsonObject DirectoryJson::groupSummary(const DirectoryGroup& group)
{
    return QJsonObject {
        {QStringLiteral("id"), group.id},
        {QStringLiteral("objectId"), group.objectId},
        {QStringLiteral("displayName"), group.displayName},
        {QStringLiteral("description"), group.description},
        {QStringLiteral("memberUserCount"), int(group.memberUserIds.size())},
        {QStringLiteral("memberGroupCount"), int(group.memberGroupIds.size())},
        {QStringLiteral("createdAt"), CliJson::timestamp(group.createdAt)},
        {QStringLiteral("updatedAt"), CliJson::timestamp(group.updatedAt)},
    };
}

QJsonObject DirectoryJson::group(const DirectoryGroup& group, const DirectoryRepository& repository)
{
    QJsonArray users;
    for (const qint64 id : group.memberUserIds) {
        if (const auto member = repository.findUser(id)) {
            users.append(userReference(*member));
        }
    }
    QJsonArray groups;
    for (const qint64 id : group.memberGroupIds) {
        if (const auto member = repository.findGroup(id)) {
            groups.append(groupReference(*member));
        }
    }
    QJsonArray memberOf;
    for (const DirectoryGroup& other : repository.listGroups()) {
        if (other.memberGroupIds.contains(group.id)) {
            memberOf.append(groupReference(other));
        }
    }
    QJsonObject json = groupSummary(group);
    json.insert(
        QStringLiteral("members"), QJsonObject {{QStringLiteral("users"), users}, {QStringLiteral("groups"), groups}});
    json.insert(QStringLiteral("memberOf"), memberOf);
    return json;
}
