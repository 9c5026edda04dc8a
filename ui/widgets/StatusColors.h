#pragma once

#include <QColor>
#include <QPalette>
#include <QString>

// Colours for error, warning and success text that stay readable on both light and dark
// system palettes: darker tones on a light window, lighter ones on a dark window.
namespace StatusColors {

QColor error(const QPalette& palette);
QColor warning(const QPalette& palette);
QColor success(const QPalette& palette);

// The application palette's colour as "#rrggbb", for rich-text labels.
QString errorName();

} // namespace StatusColors
