#include "ScopingFilter.h"

namespace {
struct OperatorName
{
    ClauseOperator op;
    const char* id;
};

const OperatorName operatorNames[] = {
    {ClauseOperator::Equals, "equals"},
    {ClauseOperator::NotEquals, "notEquals"},
    {ClauseOperator::StartsWith, "startsWith"},
    {ClauseOperator::EndsWith, "endsWith"},
    {ClauseOperator::MatchesRegex, "matchesRegex"},
    {ClauseOperator::IsEmpty, "isEmpty"},
    {ClauseOperator::IsNotEmpty, "isNotEmpty"},
    {ClauseOperator::IsTrue, "isTrue"},
    {ClauseOperator::IsFalse, "isFalse"},
};
} // namespace

QString ScopingClause::operatorId(ClauseOperator op)
{
    for (const auto& entry : operatorNames) {
        if (entry.op == op) {
            return QLatin1String(entry.id);
        }
    }
    return {};
}

bool ScopingClause::operatorFromId(const QString& id, ClauseOperator* op)
{
    for (const auto& entry : operatorNames) {
        if (id == QLatin1String(entry.id)) {
            *op = entry.op;
            return true;
        }
    }
    return false;
}

bool ScopingClause::operatorTakesValue(ClauseOperator op)
{
    switch (op) {
    case ClauseOperator::IsEmpty:
    case ClauseOperator::IsNotEmpty:
    case ClauseOperator::IsTrue:
    case ClauseOperator::IsFalse:
        return false;
    default:
        return true;
    }
}
