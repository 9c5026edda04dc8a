#pragma once

#include "PlannedOperation.h"

#include <QDateTime>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QMetaType>
#include <QString>
#include <QUuid>

// A directory object the plan skips because the target cannot take it as it is (a rule of the
// server, or a match that belongs to another directory object), with what to do about it.
struct ValidationFailure
{
    QString directoryObjectId;
    QString displayName;
    QString reason;
    QString fix;
};

// A user sent with values ScimDesk filled in (the server's fill-missing options), not read
// from the directory.
struct FilledValues
{
    QString directoryObjectId;
    QString displayName;
    QStringList filled; // e.g. "name.familyName from displayName"
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
    QList<ValidationFailure> validationFailures; // skipped: nothing is sent for them
    QList<FilledValues> filledValues;
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
    // Per kind: the objects an operation of that kind touches (users, groups, or the members
    // a membership change adds or removes) and the write requests it sends (none for a link).
    // Every kind is present, zero included.
    QHash<PlannedOperation::Kind, int> objectCounts() const;
    QHash<PlannedOperation::Kind, int> requestCounts() const;
    int writeCount() const;
    int deprovisionCount() const;
    bool isEmpty() const { return writeCount() == 0; }

    // A protected directory object and its target counterpart become one entry, with the target
    // id (the planner reports each side as it meets it).
    void mergeProtectedObjects();

    // A compact summary (counts, flags) for sync_runs.summary_json and the CLI.
    QJsonObject summaryJson() const;
};

Q_DECLARE_METATYPE(SyncPlan)
