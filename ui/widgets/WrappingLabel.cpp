#include "WrappingLabel.h"

#include <QEvent>
#include <QResizeEvent>

WrappingLabel::WrappingLabel(QWidget* parent)
    : QLabel(parent)
{
    setWordWrap(true);
}

void WrappingLabel::resizeEvent(QResizeEvent* event)
{
    QLabel::resizeEvent(event);
    if (event->size().width() != event->oldSize().width()) {
        fitHeight();
    }
}

void WrappingLabel::changeEvent(QEvent* event)
{
    QLabel::changeEvent(event);
    if (event->type() == QEvent::FontChange || event->type() == QEvent::StyleChange) {
        fitHeight();
    }
}

void WrappingLabel::fitHeight()
{
    // QLabel::heightForWidth() never answers less than the minimum height: measured with the old
    // minimum in place, a label made tall while narrow (before it was first laid out) stayed tall.
    const int previous = minimumHeight();
    setMinimumHeight(0);
    const int needed = text().isEmpty() ? 0 : heightForWidth(width());
    setMinimumHeight(needed > 0 ? needed : previous);
}
