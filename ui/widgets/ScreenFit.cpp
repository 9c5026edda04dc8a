#include "ScreenFit.h"

#include <QGuiApplication>
#include <QScreen>
#include <QScrollArea>
#include <QWidget>

namespace ScreenFit {

QSize availableSize(const QWidget* widget)
{
    const QWidget* window = widget->parentWidget() ? widget->parentWidget()->window() : widget;
    const QScreen* screen = window->screen() ? window->screen() : QGuiApplication::primaryScreen();
    return screen ? screen->availableGeometry().size() : QSize(1024, 700);
}

void resizeWithin(QWidget* widget, const QSize& preferred)
{
    // Room for the title bar and borders the window manager adds around the client area.
    const QSize room = availableSize(widget) - QSize(16, 48);
    widget->resize(preferred.boundedTo(room).expandedTo(widget->minimumSize().boundedTo(room)));
}

QScrollArea* scrollable(QWidget* content, Qt::ScrollBarPolicy horizontal)
{
    auto* scroll = new QScrollArea(content->parentWidget());
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setHorizontalScrollBarPolicy(horizontal);
    scroll->setWidget(content);
    return scroll;
}

} // namespace ScreenFit
