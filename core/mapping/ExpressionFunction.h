#pragma once

#include <QString>
#include <QStringList>

// The functions the expression language knows (docs/expressions.md), with their arity.
struct ExpressionFunction
{
    enum class Id
    {
        Coalesce,
        Join,
        Append,
        ToLower,
        ToUpper,
        Replace,
        Left,
        Trim,
        NormalizeDiacritics,
        If,
        Equals,
        IsEmpty,
        Not,
        And,
        Or,
        Switch,
    };

    Id id;
    const char* name;
    int minArguments;
    int maxArguments; // -1: no upper limit
    const char* signature; // how the docs and error messages show it

    // Case-insensitive: "join" finds Join.
    static const ExpressionFunction* find(const QString& name);
    // The closest known name for a typo ("Jion" → "Join"), or empty when nothing is close.
    static QString suggestionFor(const QString& name);
    static QStringList names();
};
