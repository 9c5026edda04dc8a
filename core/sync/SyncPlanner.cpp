#include "SyncPlanner.h"

#include <mapping/AttributeDiff.h>
#include <mapping/ScimPath.h>

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>

#include <algorithm>
#include <cmath>

namespace {
QString tr(const char* text)
{
    return QCoreApplication::translate("SyncPlanner", text);
}

const QString kUserName = QStringLiteral("userName");
const QString kExternalId = QStringLiteral("externalId");
const QString kActive = QStringLiteral("active");
const QString kGroupSchema = QStringLiteral("urn:ietf:params:scim:schemas:core:2.0:Group");

// Paths are parsed once per plan, not once per user.
class PathCache
{
public:
    const ScimPath& get(const QString& text)
    {
        auto it = m_paths.find(text);
        if (it == m_paths.end()) {
            auto parsed = ScimPath::parse(text);
            it = m_paths.insert(text, parsed ? parsed.value() : ScimPath());
        }
        return it.value();
    }

private:
    QHash<QString, ScimPath> m_paths;
};

QList<QStringList> chunks(const QStringList& list, int size)
{
    QList<QStringList> result;
    if (list.isEmpty())
        return result;
    if (size <= 0)
        return {list};
    for (qsizetype i = 0; i < list.size(); i += size)
        result.append(list.mid(i, size));
    return result;
}

struct Protection
{
    QList<QRegularExpression> patterns;

    explicit Protection(const QStringList& texts)
    {
        for (const auto& text : texts) {
            QRegularExpression pattern(text);
            if (pattern.isValid())
                patterns.append(pattern);
        }
    }

    bool matches(const QString& a, const QString& b = QString()) const
    {
        for (const auto& pattern : patterns) {
            if ((!a.isEmpty() && pattern.match(a).hasMatch()) || (!b.isEmpty() && pattern.match(b).hasMatch()))
                return true;
        }
        return false;
    }
};

// Values of an attribute on a target user, for matching.
QStringList matchValues(const TargetUser& user, const QString& attribute, PathCache& paths)
{
    if (attribute == kExternalId)
        return {user.externalId};
    if (attribute.compare(kUserName, Qt::CaseInsensitive) == 0)
        return {user.userName};
    const QJsonValue value = paths.get(attribute).get(user.resource);
    QStringList result;
    if (value.isArray()) {
        for (const auto& element : value.toArray())
            result.append(element.toString());
    } else if (value.isString()) {
        result.append(value.toString());
    }
    return result;
}
} // namespace

QList<PatchOperation> SyncPlanner::patchFor(const QJsonObject& desired, const QList<AttributeChange>& changes)
{
    static thread_local PathCache cache;
    QList<PatchOperation> operations;
    QSet<QString> wholeAttributes;
    for (const auto& change : changes) {
        const ScimPath& path = cache.get(change.path);
        if (!path.isValid())
            continue;
        if (path.schemaUrn().isEmpty() && ScimPath::isMultiValued(path.attribute())) {
            // Multi-valued attributes are replaced as a whole: servers that keep one value
            // (AWS) and servers that do not handle filtered PATCH paths both accept this.
            if (wholeAttributes.contains(path.attribute()))
                continue;
            wholeAttributes.insert(path.attribute());
            const QJsonValue value = desired.value(path.attribute());
            if (value.isArray() && !value.toArray().isEmpty())
                operations.append(PatchOperation::replace(path.attribute(), value));
            else
                operations.append(PatchOperation::remove(path.attribute()));
            continue;
        }
        const bool absent = change.after.isUndefined() || change.after.isNull()
            || (change.after.isString() && change.after.toString().isEmpty());
        if (absent) {
            // userName and active cannot be removed; a mapping that empties them is a
            // validation problem, not a PATCH.
            if (path.attribute() == kUserName || path.attribute() == kActive)
                continue;
            operations.append(PatchOperation::remove(change.path));
        } else {
            operations.append(PatchOperation::replace(change.path, change.after));
        }
    }
    return operations;
}

SyncPlan SyncPlanner::plan(const PlannerInput& input)
{
    SyncPlan plan;
    plan.planId = QUuid::createUuid();
    plan.applicationId = input.applicationId;
    plan.createdAt = QDateTime::currentDateTimeUtc();
    plan.sourceComplete = input.sourceComplete;
    plan.updatePaths = input.updatePaths;
    plan.caseInsensitivePaths = input.caseInsensitivePaths;

    static const TargetSnapshot emptyTarget;
    const TargetSnapshot& target = input.target ? *input.target : emptyTarget;
    const ServerCapabilities& caps = input.capabilities;
    const Protection protection(input.options.protectedPatterns);
    PathCache paths;
    const AttributeDiff differ(input.updatePaths, input.caseInsensitivePaths);
    auto isCaseInsensitive = [&](const QString& attributeName) {
        for (const auto& path : input.caseInsensitivePaths) {
            if (path.compare(attributeName, Qt::CaseInsensitive) == 0)
                return true;
        }
        return false;
    };

    // --- users -----------------------------------------------------------------------
    QHash<QString, int> userById;
    userById.reserve(target.users.size());
    for (int i = 0; i < target.users.size(); ++i)
        userById.insert(target.users.at(i).id, i);

    QHash<QString, QString> userOwner; // target id → directory object id (linked or matched)
    for (const auto& link : input.userLinks) {
        if (userById.contains(link.targetId))
            userOwner.insert(link.targetId, link.directoryObjectId);
    }
    const int managedUsers = int(userOwner.size());

    // One index per matching attribute, built only for the attributes in use.
    QHash<QString, QHash<QString, int>> indexes;
    auto indexFor = [&](const QString& attribute) -> const QHash<QString, int>& {
        auto it = indexes.find(attribute);
        if (it != indexes.end())
            return it.value();
        QHash<QString, int> index;
        index.reserve(target.users.size());
        const bool folded = isCaseInsensitive(attribute);
        for (int i = 0; i < target.users.size(); ++i) {
            for (const auto& value : matchValues(target.users.at(i), attribute, paths)) {
                if (!value.isEmpty())
                    index.insert(folded ? value.toCaseFolded() : value, i);
            }
        }
        return indexes.insert(attribute, index).value();
    };

    QList<PlannedOperation> userOperations;
    QList<PlannedOperation> deprovisionOperations;
    QSet<QString> keepActive; // directory ids that stay provisioned and active
    QSet<QString> memberEligible; // users that exist or will exist on the target
    QHash<QString, QString> deprovisionedTarget; // directory id → target id, inactive users
    QSet<QString> frozenMembers; // skipped users (protected, invalid): group membership left as is
    userOwner.reserve(target.users.size() + input.users.size());
    keepActive.reserve(input.users.size());
    memberEligible.reserve(input.users.size());

    for (const auto& user : input.users) {
        if (protection.matches(user.userName)) {
            plan.protectedObjects.append({QStringLiteral("user"), QString(), user.userName,
                tr("The user name matches a protected pattern of this server.")});
            keepActive.insert(user.directoryObjectId);
            frozenMembers.insert(user.directoryObjectId);
            continue;
        }
        if (!user.validationError.isEmpty()) {
            plan.validationFailures.append({user.directoryObjectId, user.userName, user.validationError});
            keepActive.insert(user.directoryObjectId); // a fixable error must not deprovision anybody
            frozenMembers.insert(user.directoryObjectId);
            continue;
        }

        int found = -1;
        bool linked = false;
        const auto link = input.userLinks.constFind(user.directoryObjectId);
        if (link != input.userLinks.cend() && userById.contains(link->targetId)) {
            found = userById.value(link->targetId);
            linked = true;
        }
        for (int k = 0; found < 0 && k < user.matchKeys.size(); ++k) {
            const auto& [attribute, value] = user.matchKeys.at(k);
            if (value.isEmpty())
                continue;
            const auto& index = indexFor(attribute);
            const int candidate = index.value(isCaseInsensitive(attribute) ? value.toCaseFolded() : value, -1);
            if (candidate < 0)
                continue;
            const QString owner = userOwner.value(target.users.at(candidate).id);
            if (!owner.isEmpty() && owner != user.directoryObjectId) {
                plan.warnings.append(tr("The directory user \"%1\" matches the target user \"%2\" by %3, but that "
                                        "target user is already linked to another directory user; it is not "
                                        "matched again.")
                                         .arg(user.userName, target.users.at(candidate).userName, attribute));
                continue;
            }
            found = candidate;
        }

        if (found >= 0) {
            const TargetUser& current = target.users.at(found);
            if (protection.matches(current.userName, current.displayName)) {
                plan.protectedObjects.append({QStringLiteral("user"), current.id, current.userName,
                    tr("The target user matches a protected pattern of this server.")});
                userOwner.insert(current.id, user.directoryObjectId);
                keepActive.insert(user.directoryObjectId);
                frozenMembers.insert(user.directoryObjectId);
                continue;
            }
            userOwner.insert(current.id, user.directoryObjectId);
            if (!user.active) {
                if (linked)
                    deprovisionedTarget.insert(user.directoryObjectId, current.id);
                continue;
            }
            keepActive.insert(user.directoryObjectId);
            memberEligible.insert(user.directoryObjectId);
            PlannedOperation operation;
            operation.directoryObjectId = user.directoryObjectId;
            operation.targetId = current.id;
            operation.displayName = user.userName;
            operation.changes = differ.compare(user.resource, current.resource);
            if (!operation.changes.isEmpty()) {
                operation.kind = PlannedOperation::Kind::UpdateUser;
                operation.linkFirst = !linked;
                operation.patch = patchFor(user.resource, operation.changes);
                operation.payload = user.resource; // to re-create it if it vanished meanwhile
                userOperations.append(operation);
            } else if (!linked) {
                operation.kind = PlannedOperation::Kind::LinkUser;
                userOperations.append(operation);
            }
            continue;
        }

        if (!user.active)
            continue; // nothing to create for a disabled directory user
        keepActive.insert(user.directoryObjectId);
        memberEligible.insert(user.directoryObjectId);
        PlannedOperation operation;
        operation.kind = PlannedOperation::Kind::CreateUser;
        operation.directoryObjectId = user.directoryObjectId;
        operation.displayName = user.userName;
        operation.payload = user.resource;
        userOperations.append(operation);
    }

    // --- user deprovisioning ------------------------------------------------------------
    QSet<QString> deletedUsers; // directory ids
    auto considerDeprovision = [&](const QString& directoryId, const QString& targetId) {
        if (input.onlyObjects && !input.onlyObjects->contains(directoryId))
            return;
        const TargetUser& current = target.users.at(userById.value(targetId));
        if (protection.matches(current.userName, current.displayName)) {
            plan.protectedObjects.append({QStringLiteral("user"), current.id, current.userName,
                tr("The target user matches a protected pattern of this server; it is not deprovisioned.")});
            return;
        }
        PlannedOperation operation;
        operation.directoryObjectId = directoryId;
        operation.targetId = targetId;
        operation.displayName = current.userName;
        switch (input.options.deprovisionAction) {
        case DeprovisionAction::Disable:
            if (!current.active)
                return;
            operation.kind = PlannedOperation::Kind::DisableUser;
            operation.patch = {PatchOperation::replace(kActive, false)};
            operation.changes = {{kActive, true, false}};
            break;
        case DeprovisionAction::Delete:
            operation.kind = PlannedOperation::Kind::DeleteUser;
            deletedUsers.insert(directoryId);
            break;
        case DeprovisionAction::None:
            return;
        }
        deprovisionOperations.append(operation);
    };
    if (input.sourceComplete) {
        for (const auto& link : input.userLinks) {
            if (keepActive.contains(link.directoryObjectId) || !userById.contains(link.targetId))
                continue;
            considerDeprovision(link.directoryObjectId, link.targetId);
        }
    } else {
        plan.warnings.append(tr("The directory could not be read completely, so nobody is disabled or deleted in "
                                "this run. Fix the directory source and run the sync again."));
    }

    for (const auto& user : target.users) {
        if (userOwner.contains(user.id))
            continue;
        if (protection.matches(user.userName, user.displayName))
            plan.protectedObjects.append({QStringLiteral("user"), user.id, user.userName,
                tr("The target user matches a protected pattern of this server.")});
        else
            plan.unmanagedObjects.append({QStringLiteral("user"), user.id, user.userName,
                tr("The target user was not created or matched by this application; it is left alone.")});
    }

    // --- groups ------------------------------------------------------------------------
    QList<PlannedOperation> groupOperations;
    QList<PlannedOperation> memberOperations;
    int managedGroups = 0;
    if (!input.onlyObjects) {
        QHash<QString, int> groupById;
        QHash<QString, int> groupByExternalId;
        QHash<QString, int> groupByName;
        for (int i = 0; i < target.groups.size(); ++i) {
            const TargetGroup& group = target.groups.at(i);
            groupById.insert(group.id, i);
            if (!group.externalId.isEmpty())
                groupByExternalId.insert(group.externalId, i);
            groupByName.insert(group.displayName.toCaseFolded(), i);
        }
        QHash<QString, QString> groupOwner;
        for (const auto& link : input.groupLinks) {
            if (groupById.contains(link.targetId))
                groupOwner.insert(link.targetId, link.directoryObjectId);
        }
        managedGroups = int(groupOwner.size());
        const int maxPerPatch = caps.maxMembersPerPatch;

        QSet<QString> desiredGroupIds;
        for (const auto& desired : input.groups) {
            desiredGroupIds.insert(desired.directoryObjectId);
            if (protection.matches(desired.displayName)) {
                plan.protectedObjects.append({QStringLiteral("group"), QString(), desired.displayName,
                    tr("The group name matches a protected pattern of this server.")});
                continue;
            }
            int found = -1;
            bool linked = false;
            const auto link = input.groupLinks.constFind(desired.directoryObjectId);
            if (link != input.groupLinks.cend() && groupById.contains(link->targetId)) {
                found = groupById.value(link->targetId);
                linked = true;
            }
            for (int candidate : {groupByExternalId.value(desired.directoryObjectId, -1),
                     groupByName.value(desired.displayName.toCaseFolded(), -1)}) {
                if (found >= 0 || candidate < 0)
                    continue;
                const QString owner = groupOwner.value(target.groups.at(candidate).id);
                if (owner.isEmpty() || owner == desired.directoryObjectId)
                    found = candidate;
            }

            QStringList wanted;
            for (const auto& member : desired.memberDirectoryIds) {
                if (memberEligible.contains(member))
                    wanted.append(member);
            }

            if (found < 0) {
                PlannedOperation create;
                create.kind = PlannedOperation::Kind::CreateGroup;
                create.directoryObjectId = desired.directoryObjectId;
                create.displayName = desired.displayName;
                create.payload = QJsonObject {
                    {QStringLiteral("schemas"), QJsonArray {kGroupSchema}},
                    {QStringLiteral("displayName"), desired.displayName},
                    {kExternalId, desired.directoryObjectId},
                };
                const int onCreate = caps.maxMembersOnCreate > 0 ? caps.maxMembersOnCreate : int(wanted.size());
                create.memberDirectoryIds = wanted.mid(0, onCreate);
                groupOperations.append(create);
                for (const auto& batch : chunks(wanted.mid(onCreate), maxPerPatch)) {
                    PlannedOperation add;
                    add.kind = PlannedOperation::Kind::AddMembers;
                    add.directoryObjectId = desired.directoryObjectId;
                    add.displayName = desired.displayName;
                    add.memberDirectoryIds = batch;
                    memberOperations.append(add);
                }
                continue;
            }

            const TargetGroup& current = target.groups.at(found);
            if (protection.matches(current.displayName)) {
                plan.protectedObjects.append({QStringLiteral("group"), current.id, current.displayName,
                    tr("The target group matches a protected pattern of this server.")});
                groupOwner.insert(current.id, desired.directoryObjectId);
                continue;
            }
            groupOwner.insert(current.id, desired.directoryObjectId);
            PlannedOperation groupOperation;
            groupOperation.directoryObjectId = desired.directoryObjectId;
            groupOperation.targetId = current.id;
            groupOperation.displayName = desired.displayName;
            groupOperation.linkFirst = !linked;
            if (current.displayName != desired.displayName) {
                groupOperation.kind = PlannedOperation::Kind::RenameGroup;
                groupOperation.patch = {PatchOperation::replace(QStringLiteral("displayName"), desired.displayName)};
                groupOperation.changes = {{QStringLiteral("displayName"), current.displayName, desired.displayName}};
                groupOperations.append(groupOperation);
            } else if (!linked) {
                groupOperation.kind = PlannedOperation::Kind::LinkGroup;
                groupOperations.append(groupOperation);
            }

            if (!current.membersRead) {
                plan.warnings.append(tr("The members of the target group \"%1\" were not read; its membership is "
                                        "left unchanged.")
                                         .arg(current.displayName));
                continue;
            }
            QSet<QString> present; // directory ids of managed members
            QStringList removeTargets;
            const QSet<QString> wantedSet(wanted.cbegin(), wanted.cend());
            for (const auto& memberId : current.memberIds) {
                const QString directoryId = userOwner.value(memberId);
                if (directoryId.isEmpty())
                    continue; // not ours: never removed
                present.insert(directoryId);
                if (!wantedSet.contains(directoryId) && !deletedUsers.contains(directoryId)
                    && !frozenMembers.contains(directoryId))
                    removeTargets.append(memberId);
            }
            QStringList adds;
            for (const auto& member : wanted) {
                if (!present.contains(member))
                    adds.append(member);
            }
            for (const auto& batch : chunks(adds, maxPerPatch)) {
                PlannedOperation add;
                add.kind = PlannedOperation::Kind::AddMembers;
                add.directoryObjectId = desired.directoryObjectId;
                add.targetId = current.id;
                add.displayName = desired.displayName;
                add.memberDirectoryIds = batch;
                memberOperations.append(add);
            }
            for (const auto& batch : chunks(removeTargets, maxPerPatch)) {
                PlannedOperation remove;
                remove.kind = PlannedOperation::Kind::RemoveMembers;
                remove.directoryObjectId = desired.directoryObjectId;
                remove.targetId = current.id;
                remove.displayName = desired.displayName;
                remove.memberTargetIds = batch;
                memberOperations.append(remove);
            }
        }

        if (input.sourceComplete && input.options.deprovisionAction == DeprovisionAction::Delete) {
            for (const auto& link : input.groupLinks) {
                if (desiredGroupIds.contains(link.directoryObjectId) || !groupById.contains(link.targetId))
                    continue;
                const TargetGroup& current = target.groups.at(groupById.value(link.targetId));
                if (protection.matches(current.displayName)) {
                    plan.protectedObjects.append({QStringLiteral("group"), current.id, current.displayName,
                        tr("The target group matches a protected pattern of this server; it is not deleted.")});
                    continue;
                }
                PlannedOperation remove;
                remove.kind = PlannedOperation::Kind::DeleteGroup;
                remove.directoryObjectId = link.directoryObjectId;
                remove.targetId = current.id;
                remove.displayName = current.displayName;
                deprovisionOperations.append(remove);
            }
        }
        for (const auto& group : target.groups) {
            if (groupOwner.contains(group.id))
                continue;
            if (protection.matches(group.displayName))
                plan.protectedObjects.append({QStringLiteral("group"), group.id, group.displayName,
                    tr("The target group matches a protected pattern of this server.")});
            else
                plan.unmanagedObjects.append({QStringLiteral("group"), group.id, group.displayName,
                    tr("The target group was not created or matched by this application; it is left alone.")});
        }
    }

    // A protected directory object and its target counterpart are one entry, with the target id.
    QHash<QString, int> protectedIndex;
    QList<UntouchedObject> protectedUnique;
    for (const auto& object : std::as_const(plan.protectedObjects)) {
        const QString key = object.kind + QLatin1Char('/') + object.displayName.toCaseFolded();
        const int existing = protectedIndex.value(key, -1);
        if (existing < 0) {
            protectedIndex.insert(key, int(protectedUnique.size()));
            protectedUnique.append(object);
        } else if (protectedUnique[existing].targetId.isEmpty()) {
            protectedUnique[existing].targetId = object.targetId;
        }
    }
    plan.protectedObjects = protectedUnique;

    plan.operations.reserve(
        userOperations.size() + groupOperations.size() + memberOperations.size() + deprovisionOperations.size());
    plan.operations << userOperations << groupOperations << memberOperations << deprovisionOperations;

    // --- safety: deletion threshold ---------------------------------------------------------
    plan.managedCount = managedUsers + managedGroups;
    const int deprovisions = int(deprovisionOperations.size());
    const int limit = std::max(int(std::ceil(input.options.deletionThresholdPercent * plan.managedCount / 100.0)),
        input.options.deletionThresholdMinimum);
    if (deprovisions > limit) {
        plan.needsConfirmation = true;
        plan.confirmationReason = tr("This plan disables or deletes %1 of %2 managed objects, more than the "
                                     "server's threshold of %3. Check that the directory and the assignment are "
                                     "right; apply only if you mean it, by confirming explicitly.")
                                      .arg(deprovisions)
                                      .arg(plan.managedCount)
                                      .arg(limit);
    }
    return plan;
}
