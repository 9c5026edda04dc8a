#include "DirectorySourceJson.h"

namespace {
const char* const directoryKey = "directoryAttribute";
const char* const ldapKey = "ldapAttribute";
} // namespace

QJsonArray DirectorySourceJson::mappingsToJson(const QList<LdapAttributeMapping>& mappings)
{
    QJsonArray array;
    for (const LdapAttributeMapping& mapping : mappings) {
        array.append(QJsonObject {
            {QLatin1String(directoryKey), mapping.directoryAttribute},
            {QLatin1String(ldapKey), mapping.ldapAttribute},
        });
    }
    return array;
}

QList<LdapAttributeMapping> DirectorySourceJson::mappingsFromJson(const QJsonArray& json)
{
    QList<LdapAttributeMapping> mappings;
    for (const QJsonValue& value : json) {
        const QJsonObject object = value.toObject();
        mappings.append(
            {object.value(QLatin1String(directoryKey)).toString(), object.value(QLatin1String(ldapKey)).toString()});
    }
    return mappings;
}

QJsonObject DirectorySourceJson::disabledRuleToJson(const DisabledAccountRule& rule)
{
    return QJsonObject {
        {QStringLiteral("kind"), disabledKindId(rule.kind)},
        {QStringLiteral("attribute"), rule.attribute},
        {QStringLiteral("mask"), double(rule.mask)},
        {QStringLiteral("value"), rule.value},
    };
}

DisabledAccountRule DirectorySourceJson::disabledRuleFromJson(const QJsonObject& json)
{
    DisabledAccountRule rule;
    rule.kind
        = disabledKindFromId(json.value(QLatin1String("kind")).toString()).value_or(DisabledAccountRule::Kind::Never);
    rule.attribute = json.value(QLatin1String("attribute")).toString();
    rule.mask = qint64(json.value(QLatin1String("mask")).toDouble());
    rule.value = json.value(QLatin1String("value")).toString();
    return rule;
}

QString DirectorySourceJson::disabledKindId(DisabledAccountRule::Kind kind)
{
    switch (kind) {
    case DisabledAccountRule::Kind::Never:
        return QStringLiteral("never");
    case DisabledAccountRule::Kind::FlagBitSet:
        return QStringLiteral("flag-bit-set");
    case DisabledAccountRule::Kind::AttributePresent:
        return QStringLiteral("attribute-present");
    case DisabledAccountRule::Kind::AttributeEquals:
        return QStringLiteral("attribute-equals");
    }
    return {};
}

std::optional<DisabledAccountRule::Kind> DirectorySourceJson::disabledKindFromId(const QString& id)
{
    for (const auto kind : {DisabledAccountRule::Kind::Never, DisabledAccountRule::Kind::FlagBitSet,
             DisabledAccountRule::Kind::AttributePresent, DisabledAccountRule::Kind::AttributeEquals}) {
        if (disabledKindId(kind) == id) {
            return kind;
        }
    }
    return std::nullopt;
}

QString DirectorySourceJson::nestingId(GroupNesting nesting)
{
    return nesting == GroupNesting::MatchingRuleInChain ? QStringLiteral("in-chain") : QStringLiteral("client-side");
}

std::optional<GroupNesting> DirectorySourceJson::nestingFromId(const QString& id)
{
    if (id == QLatin1String("client-side")) {
        return GroupNesting::ClientSide;
    }
    if (id == QLatin1String("in-chain")) {
        return GroupNesting::MatchingRuleInChain;
    }
    return std::nullopt;
}
