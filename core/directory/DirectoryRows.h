#pragma once

#include "model/DirectoryGroup.h"
#include "model/DirectoryUser.h"

#include <QSqlQuery>
#include <QString>
#include <QVariant>

// Row <-> value conversions shared by DirectoryRepository and DirectorySnapshot, so the two
// always read the tables the same way. Internal to core/directory.
namespace DirectoryRows {

// Column list for SELECTs of directory_users, in the order userFromQuery() reads.
QLatin1String userColumns();
DirectoryUser userFromQuery(const QSqlQuery& query);

QLatin1String groupColumns();
DirectoryGroup groupFromQuery(const QSqlQuery& query);

QString customToJson(const QMap<QString, QString>& custom);
QMap<QString, QString> customFromJson(const QString& json);

} // namespace DirectoryRows
