#pragma once

#include "model/DirectorySource.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QString>

#include <optional>

// The parts of a DirectorySource kept as JSON (attribute mappings, the disabled-account rule),
// shared by the profile database and `--json` output. The enumerations are written with the ids
// of the source-type files (SourceType::nestingId, SourceType::disabledKindId).
namespace DirectorySourceJson {
QJsonArray mappingsToJson(const QList<LdapAttributeMapping>& mappings);
QList<LdapAttributeMapping> mappingsFromJson(const QJsonArray& json);

QJsonObject disabledRuleToJson(const DisabledAccountRule& rule);
DisabledAccountRule disabledRuleFromJson(const QJsonObject& json);

QString nestingId(GroupNesting nesting);
GroupNesting nestingFromId(const QString& id); // client-side for an unknown id
} // namespace DirectorySourceJson
