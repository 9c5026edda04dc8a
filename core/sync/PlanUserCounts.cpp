#include "PlanUserCounts.h"

#include "IdView.h"
#include "ProtectedPatterns.h"
#include "SyncPlan.h"
#include "SyncPlanner.h"

#include <QCoreApplication>
#include <QHash>
#include <QSet>
#include <QStringList>

namespace {
QString trn(const char* text, int n)
{
    return QCoreApplication::translate("PlanUserCounts", text, nullptr, n);
}

const QString kInScope = QStringLiteral("inScope");
const QString kCreate = QStringLiteral("create");
const QString kUpdate = QStringLiteral("update");
const QString kLink = QStringLiteral("link");
const QString kInSync = QStringLiteral("inSync");
const QString kInactive = QStringLiteral("inactive");
const QString kProtected = QStringLiteral("protected");
const QString kSkipped = QStringLiteral("skipped");
} // namespace

PlanUserCounts PlanUserCounts::count(const PlannerInput& input, const SyncPlan& plan)
{
    QHash<IdView, PlannedOperation::Kind> operationOf; // over the plan's strings: one look-up per user
    for (const auto& operation : plan.operations) {
        if (operation.kind == PlannedOperation::Kind::CreateUser || operation.kind == PlannedOperation::Kind::UpdateUser
            || operation.kind == PlannedOperation::Kind::LinkUser) {
            // A manager follow-up counts only for a user with nothing else to do: a user created
            // in this run and then given its manager is a create.
            if (!operation.setsPendingManager() || !operationOf.contains(IdView {operation.directoryObjectId}))
                operationOf.insert(IdView {operation.directoryObjectId}, operation.kind);
        }
    }
    QSet<QString> skipped;
    for (const auto& failure : plan.validationFailures) {
        skipped.insert(failure.directoryObjectId);
    }
    // A directory user whose matched target user is protected is reported under the target's name.
    QSet<QString> protectedNames;
    for (const auto& object : plan.protectedObjects) {
        if (object.kind == QLatin1String("user")) {
            protectedNames.insert(object.displayName.toCaseFolded());
        }
    }
    const ProtectedPatterns protection(input.options.protectedPatterns);

    PlanUserCounts counts;
    counts.inScope = int(input.users.size());
    for (const auto& user : input.users) {
        const auto operation = operationOf.constFind(IdView {user.directoryObjectId});
        if (operation != operationOf.cend()) {
            ++(*operation == PlannedOperation::Kind::CreateUser        ? counts.create
                    : *operation == PlannedOperation::Kind::UpdateUser ? counts.update
                                                                       : counts.link);
        } else if ((!protection.isEmpty() && protection.matches(user.userName()))
            || (!protectedNames.isEmpty() && protectedNames.contains(user.userName().toCaseFolded()))) {
            ++counts.protectedUsers;
        } else if (skipped.contains(user.directoryObjectId)) {
            ++counts.skipped;
        } else if (!user.active) {
            ++counts.inactive;
        } else {
            ++counts.inSync;
        }
    }
    return counts;
}

PlanUserCounts PlanUserCounts::fromJson(const QJsonObject& json)
{
    PlanUserCounts counts;
    counts.inScope = json.value(kInScope).toInt();
    counts.create = json.value(kCreate).toInt();
    counts.update = json.value(kUpdate).toInt();
    counts.link = json.value(kLink).toInt();
    counts.inSync = json.value(kInSync).toInt();
    counts.inactive = json.value(kInactive).toInt();
    counts.protectedUsers = json.value(kProtected).toInt();
    counts.skipped = json.value(kSkipped).toInt();
    return counts;
}

QJsonObject PlanUserCounts::toJson() const
{
    return QJsonObject {{kInScope, inScope}, {kCreate, create}, {kUpdate, update}, {kLink, link}, {kInSync, inSync},
        {kInactive, inactive}, {kProtected, protectedUsers}, {kSkipped, skipped}};
}

QString PlanUserCounts::sentence() const
{
    QStringList parts;
    const QList<QPair<int, const char*>> buckets = {
        {create, QT_TRANSLATE_NOOP("PlanUserCounts", "%n to create")},
        {update, QT_TRANSLATE_NOOP("PlanUserCounts", "%n to update")},
        {link, QT_TRANSLATE_NOOP("PlanUserCounts", "%n to link (already there, unchanged)")},
        {inSync, QT_TRANSLATE_NOOP("PlanUserCounts", "%n already in sync")},
        {inactive, QT_TRANSLATE_NOOP("PlanUserCounts", "%n inactive in the directory (not created)")},
        {protectedUsers, QT_TRANSLATE_NOOP("PlanUserCounts", "%n protected")},
        {skipped, QT_TRANSLATE_NOOP("PlanUserCounts", "%n skipped (see the reasons below)")},
    };
    for (const auto& [n, text] : buckets) {
        if (n > 0) {
            parts << trn(text, n);
        }
    }
    const QString head = trn("%n user(s) in scope", inScope);
    return parts.isEmpty()
        ? head + QLatin1Char('.')
        : QCoreApplication::translate("PlanUserCounts", "%1: %2.").arg(head, parts.join(QStringLiteral(", ")));
}
