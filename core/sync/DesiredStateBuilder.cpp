#include "DesiredStateBuilder.h"

#include "ScopeEvaluator.h"

#include <mapping/ScimPath.h>
#include <mapping/UserMapper.h>
#include <mapping/UserValidator.h>

#include <QCoreApplication>
#include <QSet>

namespace {
// The resource to send, what was filled in, and why the user cannot be sent with what to do.
void takeValidation(DesiredUser& desired, const UserValidation& validation, const ResourceProjection& projection,
    const QString& userName, const MatchKeys& keys)
{
    desired.setResource(projection, validation.resource, userName, keys);
    if (validation.ok() && validation.fallbacksApplied.isEmpty())
        return;
    auto said = std::make_shared<DesiredUser::Validation>();
    said->filledIn = validation.fallbacksApplied;
    desired.validation = said;
    if (validation.ok())
        return;
    QStringList reasons;
    QStringList fixes;
    for (const auto& violation : validation.violations) {
        reasons.append(QStringLiteral("%1: %2").arg(violation.attribute, violation.reason));
        if (!fixes.contains(violation.fix))
            fixes.append(violation.fix);
    }
    said->error = reasons.join(QLatin1Char(' '));
    said->fix = fixes.join(QLatin1Char(' '));
}
} // namespace

DesiredState DesiredStateBuilder::build(const Application& application, const ScimServer& server,
    const QList<DirectoryUser>& users, const QList<DirectoryGroup>& groups, std::optional<qint64> onlyUserId)
{
    DesiredState state;
    const UserMapper mapper(server.userMappings, server.staticAttributes, server.capabilities);
    state.configurationErrors = mapper.configurationErrors();
    state.updatePaths = mapper.mappedPaths(MapPurpose::Update);
    state.caseInsensitivePaths = mapper.caseInsensitivePaths();
    state.projection = std::make_shared<const ResourceProjection>(state.updatePaths + mapper.matchingAttributeNames());
    const UserValidator validator(server.capabilities, ValidationFallbacks::fromOptions(server.options));

    const ScopeEvaluator scope(application.assignment, users, groups);
    QHash<qint64, const DirectoryUser*> byId;
    for (const auto& user : users)
        byId.insert(user.id, &user);

    QList<qint64> inScope = scope.usersInScope();
    if (onlyUserId)
        inScope = inScope.contains(*onlyUserId) ? QList<qint64> {*onlyUserId} : QList<qint64> {};
    QSet<qint64> inScopeSet(inScope.cbegin(), inScope.cend());

    // The manager is named by userName in the directory; built on the first user with one.
    static const ScimPath managerPath = ScimPath::parse(ResourceProjection::managerPath()).value();
    QHash<QString, const DirectoryUser*> byFoldedUserName;
    auto managerOf = [&](const QString& userName) -> const DirectoryUser* {
        if (byFoldedUserName.isEmpty()) {
            byFoldedUserName.reserve(users.size());
            for (const auto& user : users)
                byFoldedUserName.insert(user.userName.toCaseFolded(), &user);
        }
        return byFoldedUserName.value(userName.toCaseFolded());
    };

    state.users.reserve(inScope.size());
    for (qint64 id : std::as_const(inScope)) {
        const DirectoryUser& user = *byId.value(id);
        DesiredUser desired;
        desired.directoryObjectId = user.objectId;
        desired.active = user.active;
        const MappedUser mapped = mapper.map(user, MapPurpose::Create);
        const UserValidation validation = validator.validate(mapped.resource);
        MatchKeys keys;
        for (const auto& match : mapper.matchingAttributes(user))
            keys.append({match.attributeName, match.value});
        takeValidation(desired, validation, *state.projection, user.userName, keys);
        const QJsonValue manager = managerPath.get(validation.resource);
        if (manager.isString() && !manager.toString().isEmpty()) {
            desired.managerUserName = manager.toString();
            if (const DirectoryUser* managerUser = managerOf(desired.managerUserName))
                desired.managerDirectoryId = managerUser->objectId;
        }
        state.users.append(desired);
    }

    if (onlyUserId)
        return state;
    QHash<qint64, const DirectoryGroup*> groupsById;
    for (const auto& group : groups)
        groupsById.insert(group.id, &group);
    for (qint64 groupId : scope.assignedGroups()) {
        const DirectoryGroup* group = groupsById.value(groupId);
        if (!group)
            continue;
        DesiredGroup desired;
        desired.directoryObjectId = group->objectId;
        desired.displayName = group->displayName;
        for (qint64 member : scope.flattenedMembers(groupId)) {
            if (inScopeSet.contains(member))
                desired.memberDirectoryIds.append(byId.value(member)->objectId);
        }
        state.groups.append(desired);
    }
    return state;
}
