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
        it = cache.insert(name, exists(name) ? QIcon(path(name)) : QIcon());
    }
    return *it;
}

bool exists(const QString& name)
{
    return QFile::exists(path(name));
}

} // namespace AppIcons
