#include "DirectoryRows.h"

#include "storage/SqlValues.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace DirectoryRows {

QLatin1String userColumns()
{
    return QLatin1String("id, object_id, user_name, email, given_name, family_name, display_name, phone, title,"
                         " department, employee_number, manager, active, custom_json, created_at, updated_at");
}

DirectoryUser userFromQuery(const QSqlQuery& query)
{
    DirectoryUser user;
    user.id = query.value(0).toLongLong();
    user.objectId = query.value(1).toString();
    user.userName = query.value(2).toString();
    user.email = query.value(3).toString();
    user.givenName = query.value(4).toString();
    user.familyName = query.value(5).toString();
    user.displayName = query.value(6).toString();
    user.phone = query.value(7).toString();
    user.title = query.value(8).toString();
    user.department = query.value(9).toString();
    user.employeeNumber = query.value(10).toString();
    user.manager = query.value(11).toString();
    user.active = query.value(12).toInt() != 0;
    user.customAttributes = customFromJson(query.value(13).toString());
    user.createdAt = SqlValues::toDateTime(query.value(14));
    user.updatedAt = SqlValues::toDateTime(query.value(15));
    return user;
}

QLatin1String groupColumns()
{
    return QLatin1String("id, object_id, display_name, description, created_at, updated_at");
}

DirectoryGroup groupFromQuery(const QSqlQuery& query)
{
    DirectoryGroup group;
    group.id = query.value(0).toLongLong();
    group.objectId = query.value(1).toString();
    group.displayName = query.value(2).toString();
    group.description = query.value(3).toString();
    group.createdAt = SqlValues::toDateTime(query.value(4));
    group.updatedAt = SqlValues::toDateTime(query.value(5));
    return group;
}

QString customToJson(const QMap<QString, QString>& custom)
{
    if (custom.isEmpty()) {
        return QStringLiteral("{}");
    }
    QJsonObject object;
    for (auto it = custom.constBegin(); it != custom.constEnd(); ++it) {
        object.insert(it.key(), it.value());
    }
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

QMap<QString, QString> customFromJson(const QString& json)
{
    QMap<QString, QString> custom;
    // Most users have no custom attributes; skip the JSON parser for them.
    if (json.isEmpty() || json == QLatin1String("{}")) {
        return custom;
    }
    const QJsonObject object = QJsonDocument::fromJson(json.toUtf8()).object();
    for (auto it = object.constBegin(); it != object.constEnd(); ++it) {
        custom.insert(it.key(), it.value().toString());
    }
    return custom;
}

} // namespace DirectoryRows
