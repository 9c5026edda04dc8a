#include "WrappingLabel.h"

#include <QEvent>
#include <QHideEvent>
#include <QResizeEvent>
#include <QShowEvent>

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

void WrappingLabel::showEvent(QShowEvent* event)
{
    QLabel::showEvent(event);
    fitHeight();
}

void WrappingLabel::hideEvent(QHideEvent* event)
{
    QLabel::hideEvent(event);
    if (!isVisible()) {
        fitHeight();
    }
}

void WrappingLabel::fitHeight()
{
    // Only a shown label has the width it is measured at. A hidden page's labels are resized to
    // placeholder widths (grab() sends every pending resize, and a page of 100 px leaves 82 for
    // the label): the minimum from that width made the page's title stand above an empty band
    // when the page was shown, and the main window taller than an 800x500 logical screen.
    if (!isVisible()) {
        setMinimumHeight(0);
        return;
    }
    // QLabel::heightForWidth() never answers less than the minimum height: measured with the old
    // minimum in place, a label made tall while narrow (before it was first laid out) stayed tall.
    const int previous = minimumHeight();
    setMinimumHeight(0);
    const int needed = text().isEmpty() ? 0 : heightForWidth(width());
    setMinimumHeight(needed > 0 ? needed : previous);
}
