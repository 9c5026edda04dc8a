#include "SourceTypeRegistry.h"

#include "SourceTypeLoader.h"
#include "util/LogCategories.h"

#include <QCoreApplication>
#include <QDir>

#include <algorithm>

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("SourceTypeRegistry", text);
}

QString shown(const QString& value)
{
    return value.isEmpty() ? tr("(empty)") : value;
}

QString describeMapping(const LdapAttributeMapping& mapping)
{
    return QStringLiteral("%1 ← %2").arg(mapping.directoryAttribute, mapping.ldapAttribute);
}

void diffMappings(
    const QList<LdapAttributeMapping>& before, const QList<LdapAttributeMapping>& after, QStringList* changes)
{
    const auto findIn = [](const QList<LdapAttributeMapping>& list, const QString& name) {
        return std::find_if(list.begin(), list.end(),
            [&](const LdapAttributeMapping& candidate) { return candidate.directoryAttribute == name; });
    };
    for (const auto& mapping : after) {
        const auto old = findIn(before, mapping.directoryAttribute);
        if (old == before.end()) {
            changes->append(tr("Attribute mapping added: %1").arg(describeMapping(mapping)));
        } else if (!(*old == mapping)) {
            changes->append(
                tr("Attribute mapping changed: %1 → %2").arg(describeMapping(*old), describeMapping(mapping)));
        }
    }
    for (const auto& mapping : before) {
        if (findIn(after, mapping.directoryAttribute) == after.end()) {
            changes->append(tr("Attribute mapping removed: %1").arg(describeMapping(mapping)));
        }
    }
    if (changes->isEmpty() && before != after) {
        changes->append(tr("Attribute mappings reordered as in the source type"));
    }
}

// One setting: reported and replaced when it differs.
bool replace(QString* field, const QString& value, const char* label, QStringList* changes)
{
    if (*field == value) {
        return false;
    }
    changes->append(tr("%1: %2 → %3").arg(tr(label), shown(*field), shown(value)));
    *field = value;
    return true;
}

} // namespace

QString SourceTypeRegistry::builtInDirectory()
{
    return QStringLiteral(":/source-types");
}

SourceTypeRegistry SourceTypeRegistry::load(const QString& extraDirectory)
{
    SourceTypeRegistry registry;
    registry.m_presets.load(builtInDirectory(), extraDirectory);
    return registry;
}

SourceTypeChange SourceTypeRegistry::applyType(const SourceType& type, const DirectorySource& current)
{
    SourceTypeChange change;
    change.result = current;
    DirectorySource& result = change.result;
    result.sourceTypeId = type.id;
    QStringList& lines = change.changes;

    change.filtersChanged
        = replace(&result.userFilter, type.userFilter, QT_TRANSLATE_NOOP("SourceTypeRegistry", "User filter"), &lines);
    change.filtersChanged |= replace(
        &result.groupFilter, type.groupFilter, QT_TRANSLATE_NOOP("SourceTypeRegistry", "Group filter"), &lines);
    change.anchorChanged = replace(&result.anchorAttribute, type.anchorAttribute,
        QT_TRANSLATE_NOOP("SourceTypeRegistry", "Anchor attribute"), &lines);
    if (result.userMappings != type.userMappings) {
        QStringList mappingLines;
        diffMappings(result.userMappings, type.userMappings, &mappingLines);
        lines += mappingLines;
        result.userMappings = type.userMappings;
        change.mappingsChanged = true;
    }
    change.groupAttributesChanged = replace(&result.groupNameAttribute, type.groupNameAttribute,
        QT_TRANSLATE_NOOP("SourceTypeRegistry", "Group name attribute"), &lines);
    change.groupAttributesChanged |= replace(&result.groupDescriptionAttribute, type.groupDescriptionAttribute,
        QT_TRANSLATE_NOOP("SourceTypeRegistry", "Group description attribute"), &lines);
    change.groupAttributesChanged |= replace(&result.groupMemberAttribute, type.groupMemberAttribute,
        QT_TRANSLATE_NOOP("SourceTypeRegistry", "Group member attribute"), &lines);
    if (!(result.disabledRule == type.disabledRule)) {
        lines.append(tr("Disabled accounts: %1 → %2")
                         .arg(SourceType::describe(result.disabledRule), SourceType::describe(type.disabledRule)));
        result.disabledRule = type.disabledRule;
        change.disabledRuleChanged = true;
    }
    if (result.nesting != type.nesting) {
        lines.append(
            tr("Nested groups: %1 → %2").arg(SourceType::describe(result.nesting), SourceType::describe(type.nesting)));
        result.nesting = type.nesting;
        change.nestingChanged = true;
    }
    return change;
}

Result<SourceTypeChange, QString> SourceTypeRegistry::applyType(
    const DirectorySource& current, const QString& typeId) const
{
    const auto type = find(typeId);
    if (!type) {
        QStringList ids;
        for (const auto& known : all()) {
            ids.append(known.id);
        }
        return tr("\"%1\" is not a source type; use one of: %2").arg(typeId, ids.join(QStringLiteral(", ")));
    }
    return applyType(*type, current);
}
