#pragma once

#include "PlannedOperation.h"

#include <QList>

#include <set>
#include <utility>
#include <vector>

// The order in which the operations of a plan may start. An operation waits only for the
// operations whose outcome it uses: a group create for the user operations of the members it
// sends, a membership change for its group's create, link or rename and for its members' user
// operations, a manager follow-up (PlannedOperation::setsPendingManager) for the user
// operations of the user and of the manager. Deprovisioning waits for everything else, as it always ran last. A finished
// operation releases its dependents whether it succeeded or not: they go on without what
// failed (a member whose create failed is left out; the executor fails a membership change
// whose group is missing). Among the ready operations, memberships come first, then groups,
// then users, each in plan order, so a group goes out as soon as its members exist and the
// requests in flight never drain between kinds of operations.
class OperationSchedule
{
public:
    OperationSchedule() = default;
    explicit OperationSchedule(const QList<PlannedOperation>& operations);

    // The next operation that may start, or -1 when none may start now.
    int takeReady();
    // Releases the operations that waited for `index`.
    void finished(int index);
    // Operations not started yet (ready or waiting).
    int notStarted() const { return m_notStarted; }
    // Forgets every operation not started yet (a cancel).
    void clear();
    // The operations `index` waits for (plan indexes), for tests and the trace.
    QList<int> dependenciesOf(int index) const { return m_dependencies.at(size_t(index)); }

private:
    static int rankOf(PlannedOperation::Kind kind);
    void makeReady(int index);

    QList<PlannedOperation::Kind> m_kinds;
    std::vector<QList<int>> m_dependencies;
    std::vector<QList<int>> m_dependents;
    std::vector<int> m_waitingFor; // unfinished dependencies per operation
    std::vector<bool> m_deprovision;
    std::vector<bool> m_finished;
    std::set<std::pair<int, int>> m_ready; // (rank, plan index)
    QList<int> m_deprovisioning; // waiting for every other operation
    int m_othersUnfinished = 0;
    int m_notStarted = 0;
};
