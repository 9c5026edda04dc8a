#pragma once

#include <model/Application.h>
#include <model/DirectoryGroup.h>
#include <model/DirectoryUser.h>

#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

// Whether one user is provisioned by an application, and the reasons in plain words
// (shown by "Provision one user" and the preview).
struct ScopeExplanation
{
    bool inScope = false;
    QStringList reasons;
};

// Decides which directory users an application provisions: assigned users, members of
// assigned groups (nested groups flattened; with allGroups every group counts as assigned), or
// everybody; then the scoping filters
// (clauses AND-ed within a filter, filters OR-ed). Pure: no I/O, safe on any thread.
class ScopeEvaluator
{
public:
    ScopeEvaluator(
        const Assignment& assignment, const QList<DirectoryUser>& users, const QList<DirectoryGroup>& groups);

    // Directory ids of the users in scope, in directory order.
    QList<qint64> usersInScope() const;
    ScopeExplanation explain(qint64 userId) const;

    // The assigned groups (every group of the directory with Assignment::allGroups) and, for
    // each, its user members with nesting flattened.
    QList<qint64> assignedGroups() const { return m_assignedGroups; }
    QList<qint64> flattenedMembers(qint64 groupId) const;

    static bool clauseMatches(const ScopingClause& clause, const DirectoryUser& user);
    // Empty filters let everybody through.
    static bool filtersMatch(
        const ScopingFilters& filters, const DirectoryUser& user, QString* matchedFilter = nullptr);

private:
    bool assigned(qint64 userId, QStringList* reasons) const;

    Assignment m_assignment;
    QList<qint64> m_assignedGroups;
    const QList<DirectoryUser>& m_users;
    QHash<qint64, const DirectoryGroup*> m_groupsById;
    QHash<qint64, int> m_userIndex;
    QHash<qint64, QList<qint64>> m_flattened; // assigned group → users
    QHash<qint64, QList<qint64>> m_viaGroups; // user → assigned groups that bring them in
};
