#pragma once

#include "Expression.h"
#include "ExpressionError.h"
#include "util/Result.h"

#include <QString>

// Reads the mapping expression language (docs/expressions.md). Every error names the
// column it stopped at and what would fix it, e.g.
//   "Unknown function 'Jion' at 1 — did you mean Join?"
//   "Expected ')' at 23"
// Results are cached by text (thread-safe): a sync maps every user with the same few
// expressions, and parsing them once is enough.
class ExpressionParser
{
public:
    static Result<Expression, ExpressionError> parse(const QString& text);
    // Parses without touching the cache (the expression editor validates as the admin types).
    static Result<Expression, ExpressionError> parseUncached(const QString& text);
};
