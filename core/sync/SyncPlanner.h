#pragma once

#include "DesiredState.h"
#include "LinkStore.h"
#include "SyncPlan.h"
#include "TargetSnapshot.h"

#include <model/ServerCapabilities.h>
#include <model/ServerOptions.h>

#include <QHash>
#include <QSet>

#include <optional>

// Everything a plan is computed from. All in memory: planning does no I/O.
struct PlannerInput
{
    qint64 applicationId = 0;
    ServerCapabilities capabilities;
    ServerOptions options;
    QStringList updatePaths; // mapped paths kept in sync (UserMapper::mappedPaths(Update))
    QStringList caseInsensitivePaths; // UserMapper::caseInsensitivePaths()
    QList<DesiredUser> users; // in scope (inactive ones included: they are deprovisioned)
    // The paths users[i].resource keeps the values of (DesiredState::projection).
    std::shared_ptr<const ResourceProjection> projection = std::make_shared<const ResourceProjection>();
    QList<DesiredGroup> groups; // assigned groups
    QList<LinkedIds> userLinks; // one per directory object id (LinkStore::loadIds)
    QList<LinkedIds> groupLinks;
    std::shared_ptr<const TargetSnapshot> target;
    // False when the directory read failed or was cut short: then nothing is deprovisioned.
    bool sourceComplete = true;
    // Single-user provisioning: only these directory objects may be deprovisioned and
    // group membership is left alone. Empty optional: the whole application.
    std::optional<QSet<QString>> onlyObjects;
    // Known before planning (e.g. what /ServiceProviderConfig says); the plan shows them first.
    QStringList warnings;
};

// Matches directory objects to target objects, diffs mapped attributes and produces the
// minimal SyncPlan. Pure and thread-safe (runs off the GUI thread).
class SyncPlanner
{
public:
    static SyncPlan plan(const PlannerInput& input);
};
