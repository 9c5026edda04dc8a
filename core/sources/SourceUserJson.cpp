#include "SourceUserJson.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace SourceUserJson {

QString toJson(const DirectoryUser& user, const QString& managerDn)
{
    QJsonObject object;
    if (!managerDn.isEmpty()) {
        object.insert(QStringLiteral("managerDn"), managerDn);
    }
    for (const QString& name : DirectoryUser::standardAttributeNames()) {
        if (name != QLatin1String("objectId") && name != QLatin1String("active")) {
            object.insert(name, user.attribute(name));
        }
    }
    object.insert(QStringLiteral("active"), user.active);
    QJsonObject custom;
    for (auto it = user.customAttributes.cbegin(); it != user.customAttributes.cend(); ++it) {
        custom.insert(it.key(), it.value());
    }
    object.insert(QStringLiteral("custom"), custom);
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

DirectoryUser fromJson(const QString& json, QString* managerDn)
{
    const QJsonObject object = QJsonDocument::fromJson(json.toUtf8()).object();
    *managerDn = object.value(QLatin1String("managerDn")).toString();
    DirectoryUser user;
    for (const QString& name : DirectoryUser::standardAttributeNames()) {
        if (name != QLatin1String("objectId") && name != QLatin1String("active")) {
            user.setAttribute(name, object.value(name).toString());
        }
    }
    user.active = object.value(QLatin1String("active")).toBool(true);
    const QJsonObject custom = object.value(QLatin1String("custom")).toObject();
    for (auto it = custom.constBegin(); it != custom.constEnd(); ++it) {
        user.customAttributes.insert(it.key(), it.value().toString());
    }
    return user;
}

} // namespace SourceUserJson
