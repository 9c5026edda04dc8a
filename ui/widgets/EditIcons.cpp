#include "EditIcons.h"

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
    const QIcon themed = QIcon::fromTheme(QStringLiteral("document-edit"));
    if (!themed.isNull()) {
        return themed;
    }
    QPixmap pixmap = canvas();
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.translate(16, 16);
    painter.rotate(45);
    painter.setPen(QPen(ink(), 2));
    painter.setBrush(Qt::NoBrush);
    painter.drawRect(QRectF(-4, -13, 8, 20)); // body
    QPainterPath tip;
    tip.moveTo(-4, 7);
    tip.lineTo(0, 14);
    tip.lineTo(4, 7);
    painter.setBrush(ink());
    painter.drawPath(tip);
    painter.drawLine(QPointF(-4, -8), QPointF(4, -8)); // eraser band
    painter.end();
    return QIcon(pixmap);
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
