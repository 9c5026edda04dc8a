#pragma once

#include <QList>
#include <QString>

// One thing wrong with settings an admin entered: the field it belongs to, so a form can show
// it next to that field, and a message that says what is wrong and what to do.
struct ValidationIssue
{
    // e.g. "url", "auth.basicUsername", "assignment.scopingFilters[0].clauses[1].value"
    QString field;
    // Shown next to the field.
    QString message;
    // Where, for a message shown away from its field, e.g. "Engineers, condition 2".
    QString context;

    // The message with its context: for a list of errors or the command line.
    QString text() const;
};

using ValidationIssues = QList<ValidationIssue>;

namespace Validation {
// The message of the first issue of `field` or of a field inside it ("url" matches "url",
// "assignment" matches "assignment.scopingFilters[0]"); empty when there is none.
QString firstMessage(const ValidationIssues& issues, const QString& field);
// Every issue of `field` (or inside it).
ValidationIssues issuesOf(const ValidationIssues& issues, const QString& field);
// Each issue's text() on its own line.
QString joinedText(const ValidationIssues& issues);
} // namespace Validation
