#include "ListPageCheck.h"

#include "scim/ScimResourceId.h"

#include <QCoreApplication>
#include <QJsonArray>

namespace {
QString tr(const char* text)
{
    return QCoreApplication::translate("ListPageCheck", text);
}
} // namespace

std::optional<QString> ListPageCheck::problem(const QJsonObject& json, const QString& nameAttribute, Page* page)
{
    const QJsonArray items = json.value(QLatin1String("Resources")).toArray();
    for (int i = 0; i < items.size(); ++i) {
        const QJsonObject item = items.at(i).toObject();
        const QJsonValue name = item.value(nameAttribute);
        if (!name.isString() || name.toString().trimmed().isEmpty()) {
            return tr("resource %1 (id %2) has no %3.")
                .arg(i + 1)
                .arg(ScimResourceId::quoted(item.value(QLatin1String("id")).toString()), nameAttribute);
        }
    }
    const QJsonValue total = json.value(QLatin1String("totalResults"));
    page->objects = int(items.size());
    page->total = total.isDouble() ? qint64(total.toDouble()) : -1;
    if (page->total > 0 && items.isEmpty()) {
        return tr("totalResults says %1, but the first page holds none of them.").arg(page->total);
    }
    if (page->total >= 0 && page->total < items.size()) {
        return tr("totalResults says %1, but the first page alone holds %2.").arg(page->total).arg(items.size());
    }
    return std::nullopt;
}
