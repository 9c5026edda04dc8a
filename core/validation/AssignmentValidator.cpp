#include "AssignmentValidator.h"

#include <QCoreApplication>
#include <QRegularExpression>

namespace {
QString tr(const char* text)
{
    return QCoreApplication::translate("AssignmentValidator", text);
}

bool hasControlCharacter(const QString& text)
{
    for (const QChar c : text) {
        if (c.category() == QChar::Other_Control) {
            return true;
        }
    }
    return false;
}

QString filterLabel(const ScopingFilter& filter, int index)
{
    const QString name = filter.name.trimmed();
    return name.isEmpty() ? tr("Filter %1").arg(index + 1) : name;
}
} // namespace

ValidationIssues AssignmentValidator::validate(const Assignment& assignment)
{
    return validateFilters(assignment.scopingFilters);
}

ValidationIssues AssignmentValidator::validate(const Assignment& assignment, const AssignmentSourceIds& source)
{
    ValidationIssues issues;
    for (int i = 0; i < assignment.userIds.size(); ++i) {
        if (!source.userIds.contains(assignment.userIds.at(i))) {
            issues.append({QStringLiteral("assignment.userIds[%1]").arg(i),
                tr("An assigned user (id %1) no longer exists in %2, the application's source: it was deleted, or "
                   "belongs to another source. Assign users of %2 again.")
                    .arg(assignment.userIds.at(i))
                    .arg(source.sourceName),
                {}});
        }
    }
    for (int i = 0; i < assignment.groupIds.size(); ++i) {
        if (!source.groupIds.contains(assignment.groupIds.at(i))) {
            issues.append({QStringLiteral("assignment.groupIds[%1]").arg(i),
                tr("An assigned group (id %1) no longer exists in %2, the application's source: it was deleted, or "
                   "belongs to another source. Assign groups of %2 again.")
                    .arg(assignment.groupIds.at(i))
                    .arg(source.sourceName),
                {}});
        }
    }
    return issues + validate(assignment);
}

ValidationIssues AssignmentValidator::validateFilters(const ScopingFilters& filters)
{
    ValidationIssues issues;
    for (int f = 0; f < filters.size(); ++f) {
        const ScopingFilter& filter = filters.at(f);
        if (const QString error = filterError(filter); !error.isEmpty()) {
            issues.append({filterField(f), error, filterLabel(filter, f)});
        }
        for (int c = 0; c < filter.clauses.size(); ++c) {
            const auto [part, error] = clauseProblem(filter.clauses.at(c));
            if (!error.isEmpty()) {
                issues.append({clauseField(f, c) + QLatin1Char('.') + part, error,
                    tr("%1, condition %2").arg(filterLabel(filter, f)).arg(c + 1)});
            }
        }
    }
    return issues;
}

QString AssignmentValidator::clauseError(const ScopingClause& clause)
{
    return clauseProblem(clause).second;
}

QString AssignmentValidator::filterError(const ScopingFilter& filter)
{
    if (filter.clauses.isEmpty()) {
        return tr("This filter has no conditions, so it would put every assigned user in scope. Add a condition "
                  "or remove the filter.");
    }
    return {};
}

QString AssignmentValidator::filterField(int filterIndex)
{
    return QStringLiteral("assignment.scopingFilters[%1]").arg(filterIndex);
}

QString AssignmentValidator::clauseField(int filterIndex, int clauseIndex)
{
    return filterField(filterIndex) + QStringLiteral(".clauses[%1]").arg(clauseIndex);
}

std::pair<QString, QString> AssignmentValidator::clauseProblem(const ScopingClause& clause)
{
    const QString attribute = QStringLiteral("attribute");
    if (clause.attribute.trimmed().isEmpty()) {
        return {attribute, tr("Choose the attribute this condition reads.")};
    }
    if (clause.attribute != clause.attribute.trimmed() || hasControlCharacter(clause.attribute)) {
        return {attribute,
            tr("The attribute name has spaces at its start or end, or control characters. Enter the name as the "
               "directory spells it, e.g. department.")};
    }
    if (ScopingClause::operatorId(clause.op).isEmpty()) {
        return {QStringLiteral("operator"),
            tr("Choose how this condition compares: equals, does not equal, starts with, ends with, matches regex, "
               "is empty, is not empty, is true or is false.")};
    }
    if (clause.op == ClauseOperator::MatchesRegex) {
        const QRegularExpression pattern(clause.value);
        if (!pattern.isValid()) {
            return {QStringLiteral("value"),
                tr("Not a valid regular expression at character %1: %2. Fix the pattern, or use "
                   "\u201cequals\u201d or \u201cstarts with\u201d for plain text.")
                    .arg(pattern.patternErrorOffset() + 1)
                    .arg(pattern.errorString())};
        }
    }
    return {};
}
