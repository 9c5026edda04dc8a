#include "ScopeEvaluator.h"

#include <QCoreApplication>
#include <QHash>
#include <QRegularExpression>
#include <QSet>

namespace {
QString tr(const char* text)
{
    return QCoreApplication::translate("ScopeEvaluator", text);
}
} // namespace

ScopeEvaluator::ScopeEvaluator(
    const Assignment& assignment, const QList<DirectoryUser>& users, const QList<DirectoryGroup>& groups)
    : m_assignment(assignment)
    , m_users(users)
{
    for (const auto& group : groups)
        m_groupsById.insert(group.id, &group);
    for (int i = 0; i < users.size(); ++i)
        m_userIndex.insert(users.at(i).id, i);
    if (assignment.allGroups) {
        for (const auto& group : groups)
            m_assignedGroups.append(group.id);
    } else {
        m_assignedGroups = assignment.groupIds;
    }

    for (qint64 groupId : std::as_const(m_assignedGroups)) {
        // Breadth-first over nested groups; `seen` stops cycles the directory should not have.
        QSet<qint64> seen {groupId};
        QList<qint64> queue {groupId};
        QSet<qint64> memberSet;
        QList<qint64> members;
        while (!queue.isEmpty()) {
            const DirectoryGroup* group = m_groupsById.value(queue.takeFirst());
            if (!group)
                continue;
            for (qint64 userId : group->memberUserIds) {
                if (!memberSet.contains(userId) && m_userIndex.contains(userId)) {
                    memberSet.insert(userId);
                    members.append(userId);
                }
            }
            for (qint64 nested : group->memberGroupIds) {
                if (!seen.contains(nested)) {
                    seen.insert(nested);
                    queue.append(nested);
                }
            }
        }
        for (qint64 userId : std::as_const(members))
            m_viaGroups[userId].append(groupId);
        m_flattened.insert(groupId, members);
    }
}

QList<qint64> ScopeEvaluator::flattenedMembers(qint64 groupId) const
{
    return m_flattened.value(groupId);
}

bool ScopeEvaluator::assigned(qint64 userId, QStringList* reasons) const
{
    bool result = false;
    if (m_assignment.allUsers) {
        result = true;
        if (reasons)
            reasons->append(tr("The application is assigned to all users."));
    }
    if (m_assignment.userIds.contains(userId)) {
        result = true;
        if (reasons)
            reasons->append(tr("The user is assigned to the application directly."));
    }
    const auto via = m_viaGroups.value(userId);
    for (qint64 groupId : via) {
        result = true;
        if (reasons) {
            const DirectoryGroup* group = m_groupsById.value(groupId);
            reasons->append(tr("The user is a member (directly or through nested groups) of the assigned group "
                               "\"%1\".")
                                .arg(group ? group->displayName : QString::number(groupId)));
        }
    }
    return result;
}

QList<qint64> ScopeEvaluator::usersInScope() const
{
    QList<qint64> result;
    for (const auto& user : m_users) {
        if (assigned(user.id, nullptr) && filtersMatch(m_assignment.scopingFilters, user))
            result.append(user.id);
    }
    return result;
}

ScopeExplanation ScopeEvaluator::explain(qint64 userId) const
{
    ScopeExplanation explanation;
    const int index = m_userIndex.value(userId, -1);
    if (index < 0) {
        explanation.reasons.append(tr("The user does not exist in the directory."));
        return explanation;
    }
    if (!assigned(userId, &explanation.reasons)) {
        explanation.reasons.append(
            tr("The user is not assigned to the application, directly or through an assigned group. Assign the "
               "user or one of their groups in Application Manager."));
        return explanation;
    }
    QString matched;
    if (!filtersMatch(m_assignment.scopingFilters, m_users.at(index), &matched)) {
        explanation.reasons.append(
            tr("The user matches none of the application's scoping filters, so they are out of scope."));
        return explanation;
    }
    if (!matched.isEmpty())
        explanation.reasons.append(tr("The user matches the scoping filter \"%1\".").arg(matched));
    explanation.inScope = true;
    return explanation;
}

namespace {
// Scoping filters hold a handful of patterns and are evaluated for every user: compile each
// once per thread instead of once per user.
const QRegularExpression& compiledPattern(const QString& text)
{
    thread_local QHash<QString, QRegularExpression> cache;
    auto it = cache.constFind(text);
    if (it == cache.constEnd()) {
        if (cache.size() > 256) {
            cache.clear();
        }
        QRegularExpression pattern(text);
        pattern.optimize();
        it = cache.insert(text, pattern);
    }
    return *it;
}
} // namespace

bool ScopeEvaluator::clauseMatches(const ScopingClause& clause, const DirectoryUser& user)
{
    const QString value = user.attribute(clause.attribute);
    switch (clause.op) {
    case ClauseOperator::Equals:
        return value.compare(clause.value, Qt::CaseInsensitive) == 0;
    case ClauseOperator::NotEquals:
        return value.compare(clause.value, Qt::CaseInsensitive) != 0;
    case ClauseOperator::StartsWith:
        return value.startsWith(clause.value, Qt::CaseInsensitive);
    case ClauseOperator::EndsWith:
        return value.endsWith(clause.value, Qt::CaseInsensitive);
    case ClauseOperator::MatchesRegex: {
        const QRegularExpression& pattern = compiledPattern(clause.value);
        return pattern.isValid() && pattern.match(value).hasMatch();
    }
    case ClauseOperator::IsEmpty:
        return value.trimmed().isEmpty();
    case ClauseOperator::IsNotEmpty:
        return !value.trimmed().isEmpty();
    case ClauseOperator::IsTrue:
        return value.compare(QLatin1String("true"), Qt::CaseInsensitive) == 0 || value == QLatin1String("1");
    case ClauseOperator::IsFalse:
        return !(value.compare(QLatin1String("true"), Qt::CaseInsensitive) == 0 || value == QLatin1String("1"));
    }
    return false;
}

bool ScopeEvaluator::filtersMatch(const ScopingFilters& filters, const DirectoryUser& user, QString* matchedFilter)
{
    if (filters.isEmpty())
        return true;
    for (const auto& filter : filters) {
        bool all = true;
        for (const auto& clause : filter.clauses) {
            if (!clauseMatches(clause, user)) {
                all = false;
                break;
            }
        }
        if (all) {
            if (matchedFilter)
                *matchedFilter = filter.name;
            return true;
        }
    }
    return false;
}
