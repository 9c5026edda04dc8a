#pragma once

#include <QStyledItemDelegate>

// Cuts a cell's text in the middle, for values whose both ends matter (a URL: scheme and host at
// the start, the tenant id at the end); the view's other columns keep their own elide mode.
class ElideMiddleDelegate : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;

protected:
    void initStyleOption(QStyleOptionViewItem* option, const QModelIndex& index) const override
    {
        QStyledItemDelegate::initStyleOption(option, index);
        option->textElideMode = Qt::ElideMiddle;
    }
};
