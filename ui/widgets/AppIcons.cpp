#include "AppIcons.h"

#include <QFile>
#include <QHash>

namespace {
QString path(const QString& name)
{
    return QStringLiteral(":/icons/actions/%1.svg").arg(name);
}
} // namespace

namespace AppIcons {

QIcon icon(const QString& name)
{
    // QIcon renders SVG lazily at the size and device pixel ratio asked for; sharing one
    // instance per name keeps its pixmap cache.
    static QHash<QString, QIcon> cache;
    auto it = cache.find(name);
    if (it == cache.end()) {
        QIcon icon = exists(name) ? QIcon(path(name)) : QIcon();
        // A white variant, where there is one, for a selected row's highlight (navigation).
        const QString selected = path(name + QStringLiteral("-selected"));
        if (!icon.isNull() && QFile::exists(selected)) {
            icon.addFile(selected, QSize(), QIcon::Selected);
        }
        it = cache.insert(name, icon);
    }
    return *it;
}

bool exists(const QString& name)
{
    return QFile::exists(path(name));
}

} // namespace AppIcons
