#pragma once

#include <QSize>
#include <Qt>

class QScrollArea;
class QWidget;

// Window sizes from the screen's available geometry: a dialog asks for the size it would
// like and gets at most what the screen it opens on can show (minus room for the frame),
// so its buttons stay on-screen at 1024x700. Content that does not fit then scrolls.
namespace ScreenFit {
// The available geometry of the screen the widget (or its parent window) is on.
QSize availableSize(const QWidget* widget);
// Resizes to preferred, bounded by the available size less the window frame.
void resizeWithin(QWidget* widget, const QSize& preferred);
// content in a frameless scroll area that follows its width: a tab or section that scrolls
// when the window is smaller than the content wants. Forms reflow to the width they get, so
// only their height scrolls; a page with tables and fixed rows passes ScrollBarAsNeeded.
QScrollArea* scrollable(QWidget* content, Qt::ScrollBarPolicy horizontal = Qt::ScrollBarAlwaysOff);
} // namespace ScreenFit
