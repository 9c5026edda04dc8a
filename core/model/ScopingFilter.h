#pragma once

#include <QList>
#include <QString>

enum class ClauseOperator
{
    Equals,
    NotEquals,
    StartsWith,
    EndsWith,
    MatchesRegex,
    IsEmpty,
    IsNotEmpty,
    IsTrue,
    IsFalse,
};

// "attribute op value", e.g. department Equals "Engineering".
struct ScopingClause
{
    QString attribute;
    ClauseOperator op = ClauseOperator::Equals;
    QString value;

    static QString operatorId(ClauseOperator op);
    static bool operatorFromId(const QString& id, ClauseOperator* op);
    static bool operatorTakesValue(ClauseOperator op);

    bool operator==(const ScopingClause& other) const
    {
        return attribute == other.attribute && op == other.op && value == other.value;
    }
};

// Clauses within one filter are AND-ed; an application's filters are OR-ed.
struct ScopingFilter
{
    QString name;
    QList<ScopingClause> clauses;

    bool operator==(const ScopingFilter& other) const { return name == other.name && clauses == other.clauses; }
};

using ScopingFilters = QList<ScopingFilter>;
