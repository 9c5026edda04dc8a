#pragma once

#include "model/DirectoryUser.h"

#include <QString>

// How the source cache keeps a user's attributes in source_objects.data_json: every standard
// attribute but the anchor (the row's), the custom ones and the manager's raw DN. One format for
// the cache that writes it and the views that page through it.
namespace SourceUserJson {

QString toJson(const DirectoryUser& user, const QString& managerDn);
// The user without id and objectId (the caller's row holds them); managerDn receives the raw DN.
DirectoryUser fromJson(const QString& json, QString* managerDn);

} // namespace SourceUserJson
