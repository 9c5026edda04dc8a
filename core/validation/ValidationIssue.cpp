#include "ValidationIssue.h"

#include <QStringList>

namespace {
bool belongsTo(const QString& issueField, const QString& field)
{
    if (!issueField.startsWith(field)) {
        return false;
    }
    if (issueField.size() == field.size()) {
        return true;
    }
    const QChar next = issueField.at(field.size());
    return next == QLatin1Char('.') || next == QLatin1Char('[');
}
} // namespace

QString ValidationIssue::text() const
{
    return context.isEmpty() ? message : context + QStringLiteral(": ") + message;
}

QString Validation::firstMessage(const ValidationIssues& issues, const QString& field)
{
    for (const ValidationIssue& issue : issues) {
        if (belongsTo(issue.field, field)) {
            return issue.message;
        }
    }
    return {};
}

ValidationIssues Validation::issuesOf(const ValidationIssues& issues, const QString& field)
{
    ValidationIssues result;
    for (const ValidationIssue& issue : issues) {
        if (belongsTo(issue.field, field)) {
            result.append(issue);
        }
    }
    return result;
}

QString Validation::joinedText(const ValidationIssues& issues)
{
    QStringList lines;
    for (const ValidationIssue& issue : issues) {
        lines << issue.text();
    }
    return lines.join(QLatin1Char('\n'));
}
