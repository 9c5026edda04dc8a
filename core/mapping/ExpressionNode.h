#pragma once

#include "ExpressionFunction.h"

#include <QList>
#include <QString>

#include <memory>

// One node of a parsed expression; immutable once built, so one tree can be shared by
// every thread that evaluates it. Internal to the mapping module.
struct ExpressionNode
{
    enum class Kind
    {
        Literal, // text is the value ("Employee", "1", "true")
        Attribute, // text is the directory attribute name
        Call, // function applied to arguments
    };

    Kind kind = Kind::Literal;
    QString text;
    ExpressionFunction::Id function = ExpressionFunction::Id::Coalesce;
    QList<std::shared_ptr<const ExpressionNode>> arguments;
    int position = 0; // 1-based column where the node starts
};
