#pragma once

#include "PlannedOperation.h"

#include <QDateTime>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QMetaType>
#include <QString>
#include <QUuid>

// A directory object the target cannot accept as it is, with the reason an admin can fix.
struct ValidationFailure
{
    QString directoryObjectId;
    QString displayName;
    QString reason;
};

// A target object the plan leaves alone, and why (protected pattern, not managed by us).
struct UntouchedObject
{
    QString kind; // "user" or "group"
    QString targetId;
    QString displayName;
    QString reason;
};

// Exactly what an apply will do. Computed by SyncPlanner, shown in the preview, then
// executed by SyncExecutor; nothing outside the plan is ever written.
struct SyncPlan
{
    QUuid planId;
    qint64 applicationId = 0;
    QDateTime createdAt;
    QList<PlannedOperation> operations; // in execution order: users, groups, members, deprovision
    QList<ValidationFailure> validationFailures;
    QList<UntouchedObject> protectedObjects;
    QList<UntouchedObject> unmanagedObjects;
    QStringList warnings;
    bool sourceComplete = true;
    bool needsConfirmation = false;
    QString confirmationReason;
    int managedCount = 0; // linked objects before the plan, the base of the threshold
    // How the executor compares a user it finds on a 409 or re-match (same as the planner).
    QStringList updatePaths;
    QStringList caseInsensitivePaths;

    int count(PlannedOperation::Kind kind) const;
    QHash<PlannedOperation::Kind, int> counts() const;
    int writeCount() const;
    int deprovisionCount() const;
    bool isEmpty() const { return writeCount() == 0; }

    // A compact summary (counts, flags) for sync_runs.summary_json and the CLI.
    QJsonObject summaryJson() const;
};

Q_DECLARE_METATYPE(SyncPlan)
