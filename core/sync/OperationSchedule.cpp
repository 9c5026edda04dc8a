#include "OperationSchedule.h"

#include <QHash>

namespace {
void addOnce(QList<int>& list, int value)
{
    if (!list.contains(value))
        list.append(value);
}
} // namespace

OperationSchedule::OperationSchedule(const QList<PlannedOperation>& operations)
    : m_dependencies(size_t(operations.size()))
    , m_dependents(size_t(operations.size()))
    , m_waitingFor(size_t(operations.size()), 0)
    , m_deprovision(size_t(operations.size()), false)
    , m_finished(size_t(operations.size()), false)
{
    using Kind = PlannedOperation::Kind;
    // Which operations give a directory object its target id in this run.
    QHash<QString, QList<int>> userOperations;
    QHash<QString, QList<int>> groupOperations;
    for (int i = 0; i < operations.size(); ++i) {
        const PlannedOperation& operation = operations.at(i);
        m_kinds.append(operation.kind);
        if (operation.isDeprovision())
            continue;
        // A manager follow-up gives no id; depending on it could even wait in a circle
        // (two users who manage each other, both created in this run).
        if (operation.isUserOperation() && !operation.setsPendingManager())
            userOperations[operation.directoryObjectId].append(i);
        else if (!operation.isMembershipChange())
            groupOperations[operation.directoryObjectId].append(i);
    }
    for (int i = 0; i < operations.size(); ++i) {
        const PlannedOperation& operation = operations.at(i);
        ++m_notStarted;
        m_deprovision[size_t(i)] = operation.isDeprovision();
        if (operation.isDeprovision()) {
            m_deprovisioning.append(i);
            continue;
        }
        ++m_othersUnfinished;
        QList<int>& needs = m_dependencies[size_t(i)];
        if (operation.kind == Kind::CreateGroup || operation.kind == Kind::AddMembers) {
            for (const auto& memberId : operation.memberDirectoryIds) {
                for (int user : userOperations.value(memberId))
                    addOnce(needs, user);
            }
        }
        if (operation.setsPendingManager()) {
            // Needs the target ids of the user and of the manager, both created in this run.
            for (const QString& id : {operation.directoryObjectId, operation.managerDirectoryId}) {
                for (int user : userOperations.value(id))
                    addOnce(needs, user);
            }
        }
        if (operation.isMembershipChange()) {
            for (int group : groupOperations.value(operation.directoryObjectId))
                addOnce(needs, group);
        }
        m_waitingFor[size_t(i)] = int(needs.size());
        for (int dependency : std::as_const(needs))
            m_dependents[size_t(dependency)].append(i);
        if (needs.isEmpty())
            makeReady(i);
    }
    if (m_othersUnfinished == 0) {
        for (int index : std::exchange(m_deprovisioning, {}))
            makeReady(index);
    }
}

int OperationSchedule::rankOf(PlannedOperation::Kind kind)
{
    using Kind = PlannedOperation::Kind;
    switch (kind) {
    case Kind::AddMembers:
    case Kind::RemoveMembers:
        return 0;
    case Kind::CreateGroup:
    case Kind::LinkGroup:
    case Kind::RenameGroup:
        return 1;
    case Kind::CreateUser:
    case Kind::LinkUser:
    case Kind::UpdateUser:
        return 2;
    case Kind::DisableUser:
    case Kind::DeleteUser:
    case Kind::DeleteGroup:
        return 3;
    }
    return 3;
}

void OperationSchedule::makeReady(int index)
{
    m_ready.insert({rankOf(m_kinds.at(index)), index});
}

int OperationSchedule::takeReady()
{
    if (m_ready.empty())
        return -1;
    const int index = m_ready.begin()->second;
    m_ready.erase(m_ready.begin());
    --m_notStarted;
    return index;
}

void OperationSchedule::finished(int index)
{
    if (index < 0 || size_t(index) >= m_dependents.size())
        return;
    // Released before the count, so dependents become ready even when this is a repeat.
    for (int dependent : std::exchange(m_dependents[size_t(index)], {})) {
        if (--m_waitingFor[size_t(dependent)] == 0)
            makeReady(dependent);
    }
    if (m_finished[size_t(index)])
        return;
    m_finished[size_t(index)] = true;
    if (!m_deprovision[size_t(index)] && --m_othersUnfinished == 0) {
        for (int waiting : std::exchange(m_deprovisioning, {}))
            makeReady(waiting);
    }
}

void OperationSchedule::clear()
{
    m_ready.clear();
    m_deprovisioning.clear();
    for (auto& dependents : m_dependents)
        dependents.clear();
    m_notStarted = 0;
}
