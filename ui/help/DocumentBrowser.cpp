#include "DocumentBrowser.h"

#include <QImage>
#include <QTextDocument>

DocumentBrowser::DocumentBrowser(QWidget* parent)
    : QTextBrowser(parent)
{
}

QVariant DocumentBrowser::loadResource(int type, const QUrl& name)
{
    QVariant resource = QTextBrowser::loadResource(type, name);
    if (type != QTextDocument::ImageResource) {
        return resource;
    }
    QImage image;
    if (resource.canConvert<QByteArray>()) {
        image.loadFromData(resource.toByteArray());
    } else {
        image = resource.value<QImage>();
    }
    if (image.isNull() || image.width() <= maxImageWidth) {
        return resource;
    }
    return image.scaledToWidth(maxImageWidth, Qt::SmoothTransformation);
}
