#pragma once

#include <controller/ApplicationSync.h>

#include <QSignalSpy>
#include <QTest>

// What the controller tests wait for, on ApplicationSync's signals with a generous bound: a
// preview's plan (empty when it failed; the failure is printed) and an apply's summary.
inline SyncPlan previewOf(ApplicationSync& sync)
{
    QSignalSpy ready(&sync, &ApplicationSync::previewReady);
    QSignalSpy failed(&sync, &ApplicationSync::previewFailed);
    sync.preview();
    [&] { QTRY_VERIFY_WITH_TIMEOUT(ready.count() + failed.count() > 0, 60000); }();
    if (!failed.isEmpty())
        qWarning() << failed.first().first().value<SyncFailure>().fullMessage();
    return ready.isEmpty() ? SyncPlan() : ready.first().first().value<SyncPlan>();
}

inline SyncRunSummary applyOf(ApplicationSync& sync, const SyncPlan& plan)
{
    QSignalSpy finished(&sync, &ApplicationSync::applyFinished);
    sync.apply(plan.planId, false);
    [&] { QTRY_VERIFY_WITH_TIMEOUT(!finished.isEmpty(), 60000); }();
    return finished.isEmpty() ? SyncRunSummary() : finished.first().first().value<SyncRunSummary>();
}
