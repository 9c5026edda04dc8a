#pragma once

#include "model/DirectorySource.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QString>

#include <optional>

// The parts of a DirectorySource kept as JSON (attribute mappings, the disabled-account rule)
// and the ids of its enumerations, shared by the profile database and `--json` output.
namespace DirectorySourceJson {
QJsonArray mappingsToJson(const QList<LdapAttributeMapping>& mappings);
QList<LdapAttributeMapping> mappingsFromJson(const QJsonArray& json);

QJsonObject disabledRuleToJson(const DisabledAccountRule& rule);
DisabledAccountRule disabledRuleFromJson(const QJsonObject& json);

// "never", "flag-bit-set", "attribute-present", "attribute-equals".
QString disabledKindId(DisabledAccountRule::Kind kind);
std::optional<DisabledAccountRule::Kind> disabledKindFromId(const QString& id);

// "client-side", "in-chain" (the ids of the source-type files).
QString nestingId(GroupNesting nesting);
std::optional<GroupNesting> nestingFromId(const QString& id);
} // namespace DirectorySourceJson
