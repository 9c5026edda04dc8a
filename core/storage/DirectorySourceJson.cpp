#include "DirectorySourceJson.h"

#include "sources/SourceType.h"

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
        {QStringLiteral("kind"), SourceType::disabledKindId(rule.kind)},
        {QStringLiteral("attribute"), rule.attribute},
        {QStringLiteral("mask"), double(rule.mask)},
        {QStringLiteral("value"), rule.value},
    };
}

DisabledAccountRule DirectorySourceJson::disabledRuleFromJson(const QJsonObject& json)
{
    DisabledAccountRule rule;
    SourceType::disabledKindFromId(json.value(QLatin1String("kind")).toString(), &rule.kind);
    rule.attribute = json.value(QLatin1String("attribute")).toString();
    rule.mask = qint64(json.value(QLatin1String("mask")).toDouble());
    rule.value = json.value(QLatin1String("value")).toString();
    return rule;
}

QString DirectorySourceJson::nestingId(GroupNesting nesting)
{
    return SourceType::nestingId(nesting);
}

GroupNesting DirectorySourceJson::nestingFromId(const QString& id)
{
    GroupNesting nesting = GroupNesting::ClientSide;
    SourceType::nestingFromId(id, &nesting);
    return nesting;
}
