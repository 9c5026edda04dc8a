#pragma once

#include <QMetaType>
#include <QString>

// Where an apply is, for a progress bar: phase, counts, rate and an estimate.
struct SyncProgress
{
    enum class Phase
    {
        Reading, // preview: reading the directory and the target
        Planning,
        Users,
        Managers, // managers created in this run, set on the users they manage
        Groups,
        Memberships,
        Deprovisioning,
        Finished,
    };

    Phase phase = Phase::Users;
    int done = 0; // operations finished in the whole run
    int total = 0;
    int failed = 0;
    double operationsPerSecond = 0;
    int etaSeconds = -1; // -1: unknown

    static QString phaseLabel(Phase phase);
};

Q_DECLARE_METATYPE(SyncProgress)
