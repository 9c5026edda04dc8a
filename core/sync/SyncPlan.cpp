#include "SyncPlan.h"

#include <QCoreApplication>
#include <QJsonArray>

QString PlannedOperation::kindId(Kind kind)
{
    switch (kind) {
    case Kind::CreateUser:
        return QStringLiteral("create-user");
    case Kind::LinkUser:
        return QStringLiteral("link-user");
    case Kind::UpdateUser:
        return QStringLiteral("update-user");
    case Kind::DisableUser:
        return QStringLiteral("disable-user");
    case Kind::DeleteUser:
        return QStringLiteral("delete-user");
    case Kind::CreateGroup:
        return QStringLiteral("create-group");
    case Kind::LinkGroup:
        return QStringLiteral("link-group");
    case Kind::RenameGroup:
        return QStringLiteral("rename-group");
    case Kind::AddMembers:
        return QStringLiteral("add-members");
    case Kind::RemoveMembers:
        return QStringLiteral("remove-members");
    case Kind::DeleteGroup:
        return QStringLiteral("delete-group");
    }
    return QString();
}

QList<PlannedOperation::Kind> PlannedOperation::allKinds()
{
    return {Kind::CreateUser, Kind::LinkUser, Kind::UpdateUser, Kind::DisableUser, Kind::DeleteUser, Kind::CreateGroup,
        Kind::LinkGroup, Kind::RenameGroup, Kind::AddMembers, Kind::RemoveMembers, Kind::DeleteGroup};
}

QString PlannedOperation::kindLabel(Kind kind)
{
    switch (kind) {
    case Kind::CreateUser:
        return QCoreApplication::translate("PlannedOperation", "Create user");
    case Kind::LinkUser:
        return QCoreApplication::translate("PlannedOperation", "Link existing user");
    case Kind::UpdateUser:
        return QCoreApplication::translate("PlannedOperation", "Update user");
    case Kind::DisableUser:
        return QCoreApplication::translate("PlannedOperation", "Disable user");
    case Kind::DeleteUser:
        return QCoreApplication::translate("PlannedOperation", "Delete user");
    case Kind::CreateGroup:
        return QCoreApplication::translate("PlannedOperation", "Create group");
    case Kind::LinkGroup:
        return QCoreApplication::translate("PlannedOperation", "Link existing group");
    case Kind::RenameGroup:
        return QCoreApplication::translate("PlannedOperation", "Rename group");
    case Kind::AddMembers:
        return QCoreApplication::translate("PlannedOperation", "Add group members");
    case Kind::RemoveMembers:
        return QCoreApplication::translate("PlannedOperation", "Remove group members");
    case Kind::DeleteGroup:
        return QCoreApplication::translate("PlannedOperation", "Delete group");
    }
    return QString();
}

int SyncPlan::count(PlannedOperation::Kind kind) const
{
    int result = 0;
    for (const auto& operation : operations) {
        if (operation.kind == kind)
            ++result;
    }
    return result;
}

QHash<PlannedOperation::Kind, int> SyncPlan::counts() const
{
    QHash<PlannedOperation::Kind, int> result;
    for (const auto& operation : operations)
        ++result[operation.kind];
    return result;
}

QHash<PlannedOperation::Kind, int> SyncPlan::objectCounts() const
{
    QHash<PlannedOperation::Kind, int> result;
    for (const auto kind : PlannedOperation::allKinds())
        result.insert(kind, 0);
    for (const auto& operation : operations)
        result[operation.kind] += operation.isMembershipChange() ? operation.memberCount() : 1;
    return result;
}

QHash<PlannedOperation::Kind, int> SyncPlan::requestCounts() const
{
    QHash<PlannedOperation::Kind, int> result;
    for (const auto kind : PlannedOperation::allKinds())
        result.insert(kind, 0);
    for (const auto& operation : operations) {
        if (operation.isWrite())
            ++result[operation.kind];
    }
    return result;
}

int SyncPlan::writeCount() const
{
    int result = 0;
    for (const auto& operation : operations) {
        if (operation.isWrite())
            ++result;
    }
    return result;
}

int SyncPlan::deprovisionCount() const
{
    int result = 0;
    for (const auto& operation : operations) {
        if (operation.isDeprovision())
            ++result;
    }
    return result;
}

void SyncPlan::mergeProtectedObjects()
{
    QHash<QString, int> protectedIndex;
    QList<UntouchedObject> protectedUnique;
    for (const auto& object : std::as_const(protectedObjects)) {
        const QString key = object.kind + QLatin1Char('/') + object.displayName.toCaseFolded();
        const int existing = protectedIndex.value(key, -1);
        if (existing < 0) {
            protectedIndex.insert(key, int(protectedUnique.size()));
            protectedUnique.append(object);
        } else if (protectedUnique[existing].targetId.isEmpty()) {
            protectedUnique[existing].targetId = object.targetId;
        }
    }
    protectedObjects = protectedUnique;
}

QJsonObject SyncPlan::summaryJson() const
{
    QJsonObject countsJson;
    const auto byKind = counts();
    for (auto it = byKind.cbegin(); it != byKind.cend(); ++it)
        countsJson.insert(PlannedOperation::kindId(it.key()), it.value());
    QJsonArray warningsJson;
    for (const auto& warning : warnings)
        warningsJson.append(warning);
    return QJsonObject {
        {QStringLiteral("planId"), planId.toString(QUuid::WithoutBraces)},
        {QStringLiteral("counts"), countsJson},
        {QStringLiteral("validationFailures"), int(validationFailures.size())},
        {QStringLiteral("protected"), int(protectedObjects.size())},
        {QStringLiteral("unmanaged"), int(unmanagedObjects.size())},
        {QStringLiteral("sourceComplete"), sourceComplete},
        {QStringLiteral("needsConfirmation"), needsConfirmation},
        {QStringLiteral("confirmationReason"), confirmationReason},
        {QStringLiteral("warnings"), warningsJson},
    };
}
