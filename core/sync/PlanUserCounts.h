#pragma once

#include <QJsonObject>
#include <QString>

struct PlannerInput;
struct SyncPlan;

// Why N users in scope lead to M creates: every user the application's scope holds lands in
// exactly one of these buckets, so they add up to inScope. The CLI's plan (JSON and text) and the
// GUI's plan summary show these same numbers.
struct PlanUserCounts
{
    int inScope = 0;
    int create = 0;
    int update = 0;
    int link = 0; // already on the target, unchanged, linked by this plan
    int inSync = 0; // already linked and unchanged: nothing to send
    int inactive = 0; // disabled in the directory: not created (a linked one is deprovisioned)
    int protectedUsers = 0; // a protected pattern of the server matches the user or its target
    int skipped = 0; // the target would refuse it as it is (see the plan's validation failures)

    // Classifies input.users against the plan the planner computed from input.
    static PlanUserCounts count(const PlannerInput& input, const SyncPlan& plan);
    static PlanUserCounts fromJson(const QJsonObject& json);
    QJsonObject toJson() const;
    // "12 users in scope: 3 to create, 1 to update, 6 already in sync, 1 inactive, 1 skipped."
    QString sentence() const;
};
