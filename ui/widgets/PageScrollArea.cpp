#include "PageScrollArea.h"

#include <QEvent>
#include <QScrollBar>

#include <algorithm>

PageScrollArea::PageScrollArea(QWidget* page, QWidget* parent)
    : QScrollArea(parent)
{
    setFrameShape(QFrame::NoFrame);
    setWidgetResizable(false);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAsNeeded);
    setVerticalScrollBarPolicy(Qt::ScrollBarAsNeeded);
    setWidget(page);
    page->installEventFilter(this);
    fitPage();
}

QSize PageScrollArea::sizeHint() const
{
    // What the page would like, so the window's default size still comes from its pages.
    const QWidget* page = widget();
    return page ? page->sizeHint() : QScrollArea::sizeHint();
}

void PageScrollArea::resizeEvent(QResizeEvent* event)
{
    QScrollArea::resizeEvent(event);
    fitPage();
}

bool PageScrollArea::eventFilter(QObject* watched, QEvent* event)
{
    // A wrapped label that refits at a new width changes the page's minimum height and asks for
    // a new layout: follow it, or the label's last lines would be cut off instead of scrolled to.
    if (watched == widget() && event->type() == QEvent::LayoutRequest) {
        fitPage();
    }
    return QScrollArea::eventFilter(watched, event);
}

void PageScrollArea::fitPage()
{
    QWidget* page = widget();
    if (!page) {
        return;
    }
    const QSize minimum = page->minimumSizeHint().expandedTo(page->minimumSize());
    const QSize area = maximumViewportSize();
    // A scroll bar in one direction takes room from the other.
    const bool scrollsDown = minimum.height() > area.height();
    const bool scrollsAcross
        = minimum.width() > area.width() - (scrollsDown ? verticalScrollBar()->sizeHint().width() : 0);
    const int width = area.width() - (scrollsDown ? verticalScrollBar()->sizeHint().width() : 0);
    const int height = area.height() - (scrollsAcross ? horizontalScrollBar()->sizeHint().height() : 0);
    const QSize size(std::max(width, minimum.width()), std::max(height, minimum.height()));
    if (page->size() != size) {
        page->resize(size);
    }
}
