#pragma once

#include <QString>

// Why an expression could not be read. position is the 1-based column the message names
// ("Expected ')' at 23"), so an editor can put the caret on it.
struct ExpressionError
{
    int position = 0;
    QString message;
};
