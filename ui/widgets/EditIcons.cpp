#include "EditIcons.h"

#include "AppIcons.h"

#include <QApplication>
#include <QPainter>
#include <QPainterPath>
#include <QPalette>
#include <QPixmap>

namespace {
QPixmap canvas()
{
    QPixmap pixmap(32, 32);
    pixmap.fill(Qt::transparent);
    return pixmap;
}

QColor ink()
{
    return QApplication::palette().color(QPalette::Active, QPalette::ButtonText);
}
} // namespace

namespace EditIcons {

QIcon pencil()
{
    // Our own drawing, not the theme's document-edit: Edit looks the same on every page.
    return AppIcons::icon(QStringLiteral("edit"));
}

QIcon eye(bool open)
{
    const QIcon themed = QIcon::fromTheme(open ? QStringLiteral("view-hidden") : QStringLiteral("view-visible"));
    if (!themed.isNull()) {
        return themed;
    }
    QPixmap pixmap = canvas();
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(QPen(ink(), 2));
    QPainterPath outline;
    outline.moveTo(3, 16);
    outline.quadTo(16, 2, 29, 16);
    outline.quadTo(16, 30, 3, 16);
    painter.drawPath(outline);
    painter.setBrush(ink());
    painter.drawEllipse(QPointF(16, 16), 4.5, 4.5);
    if (open) {
        // Crossed out: clicking hides the secret again.
        painter.drawLine(QPointF(5, 27), QPointF(27, 5));
    }
    painter.end();
    return QIcon(pixmap);
}

} // namespace EditIcons
