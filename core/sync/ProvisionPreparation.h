#pragma once

#include "DesiredState.h"
#include "LinkStore.h"
#include "ScopeEvaluator.h"

#include <directory/DirectorySnapshot.h>
#include <mapping/ValidationViolation.h>
#include <model/Application.h>
#include <model/ScimServer.h>

#include <QHash>
#include <QJsonObject>
#include <QStringList>

#include <functional>
#include <memory>

class Database;

// Steps 1 and 2 of "Provision one user" (source and scope), computed on the pool from one
// consistent directory snapshot with the same mapper, validator and desired-state builder
// as a full sync; plus the application's links, for step 3.
struct ProvisionPreparation
{
    QString error;
    DirectoryUser user;
    QStringList configurationErrors;
    QJsonObject resource; // mapped and validated: exactly what a create sends
    QList<ValidationViolation> violations;
    QStringList fallbacks;
    QStringList sourceLines;
    ScopeExplanation explanation;
    QStringList scopeLines;
    DesiredState desired; // the same builder as a full sync, restricted to this one user
    QHash<QString, TargetLink> userLinks;
    QHash<QString, TargetLink> groupLinks;
    qint64 sourceMs = 0;
    qint64 scopeMs = 0;

    struct Loader
    {
        std::function<Result<DirectorySnapshot, StorageError>()> read;
        std::shared_ptr<Database> database; // the links
    };
    // Fills prepared; a failure goes to prepared->error.
    static void prepare(ProvisionPreparation* prepared, const ScimServer& server, const Loader& loader,
        const Application& application, qint64 userId);
    // Every condition of the scope, then the evaluator's own verdict. assignedGroups:
    // ScopeEvaluator::assignedGroups() (every group with Assignment::allGroups).
    static QStringList explainScope(const Assignment& assignment, const QList<qint64>& assignedGroups,
        const DirectorySnapshot& snapshot, const DirectoryUser& user, const ScopeExplanation& explanation);
};
