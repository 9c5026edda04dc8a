#include "StatusColors.h"

#include <QApplication>

namespace {
bool isDark(const QPalette& palette)
{
    return palette.color(QPalette::Window).lightnessF() < 0.5;
}
} // namespace

QColor StatusColors::error(const QPalette& palette)
{
    return isDark(palette) ? QColor(0xff, 0x7b, 0x72) : QColor(0xb0, 0x20, 0x20);
}

QColor StatusColors::warning(const QPalette& palette)
{
    return isDark(palette) ? QColor(0xe3, 0xb3, 0x41) : QColor(0xb3, 0x5c, 0x00);
}

QColor StatusColors::success(const QPalette& palette)
{
    return isDark(palette) ? QColor(0x56, 0xd3, 0x64) : QColor(0x1b, 0x7a, 0x2e);
}

QString StatusColors::errorName()
{
    return error(QApplication::palette()).name();
}
