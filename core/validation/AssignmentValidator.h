#pragma once

#include "ValidationIssue.h"
#include "model/Application.h"

#include <QSet>
#include <QString>

#include <utility>

// Which of an assignment's ids belong to the application's source (the embedded directory, or a
// directory source's local ids): filled by whoever can look them up (ApplicationRepository).
struct AssignmentSourceIds
{
    QString sourceName; // "the embedded directory" or the source's name, for messages
    QSet<qint64> userIds;
    QSet<qint64> groupIds;
};

// The rules an application's assignment must meet before it is saved, whoever saves it
// (Application Manager, the CLI, the demo). A scoping filter the sync engine cannot evaluate
// must never be saved: an unusable condition matches nobody, so every user it was meant to
// keep would fall out of scope and be deprovisioned on the next sync.
//
// Fields: "assignment.scopingFilters[<f>]" for a filter, and
// "assignment.scopingFilters[<f>].clauses[<c>].attribute|operator|value" for a condition;
// "assignment.userIds[<i>]" and "assignment.groupIds[<i>]" for an assigned user or group that is
// not in the application's source (e.g. left over from the source the application had before).
class AssignmentValidator
{
public:
    static ValidationIssues validate(const Assignment& assignment);
    // validate() plus: every assigned user and group belongs to the application's source.
    static ValidationIssues validate(const Assignment& assignment, const AssignmentSourceIds& source);
    static ValidationIssues validateFilters(const ScopingFilters& filters);

    // What is wrong with one condition or one filter (its conditions aside); empty when fine.
    static QString clauseError(const ScopingClause& clause);
    static QString filterError(const ScopingFilter& filter);

    static QString filterField(int filterIndex);
    static QString clauseField(int filterIndex, int clauseIndex);

private:
    // The failing part of a condition ("attribute", "operator", "value") and why; empty when fine.
    static std::pair<QString, QString> clauseProblem(const ScopingClause& clause);
};
