#include "SourceTypeChangeSummary.h"

#include <QCoreApplication>

namespace {
QString tr(const char* text, int n = -1)
{
    return QCoreApplication::translate("SourceTypeChangeSummary", text, nullptr, n);
}

QString filtersLine(const DirectorySource& after)
{
    return tr("Entries read: users matching %1 and groups matching %2.").arg(after.userFilter, after.groupFilter);
}

QString anchorLine(const SourceType& type)
{
    if (type.anchorFormat == SourceType::AnchorFormat::Guid) {
        return tr("Users and groups recognised by %1 (sent to SCIM servers as externalId in its GUID form), so "
                  "renames and moves keep their link.")
            .arg(type.anchorAttribute);
    }
    return tr("Users and groups recognised by %1 (sent to SCIM servers as externalId), so renames and moves keep "
              "their link.")
        .arg(type.anchorAttribute);
}

QString mappingsLine(const SourceTypeChange& change, const SourceType& type, const DirectorySource& before)
{
    const int now = int(change.result.userMappings.size());
    const int was = int(before.userMappings.size());
    const QString attributes = tr("%n directory attribute(s)", now);
    if (was == 0) {
        return tr("Attribute mapping: %1 read from the LDAP attributes %2 uses.").arg(attributes, type.displayName);
    }
    return tr("Attribute mapping: %1 read from the LDAP attributes %2 uses, replacing the %3 you have now.")
        .arg(attributes, type.displayName, tr("%n mapping(s)", was));
}

QString groupsLine(const DirectorySource& after)
{
    return tr("Groups: name from %1, description from %2, members from %3.")
        .arg(after.groupNameAttribute, after.groupDescriptionAttribute, after.groupMemberAttribute);
}
} // namespace

QStringList SourceTypeChangeSummary::summarize(
    const SourceTypeChange& change, const SourceType& type, const DirectorySource& before)
{
    QStringList lines;
    const DirectorySource& after = change.result;
    if (change.filtersChanged) {
        lines.append(filtersLine(after));
    }
    if (change.anchorChanged) {
        lines.append(anchorLine(type));
    }
    if (change.mappingsChanged) {
        lines.append(mappingsLine(change, type, before));
    }
    if (change.groupAttributesChanged) {
        lines.append(groupsLine(after));
    }
    if (change.disabledRuleChanged) {
        lines.append(tr("Disabled accounts: %1.").arg(SourceType::describe(after.disabledRule)));
    }
    if (change.nestingChanged) {
        lines.append(tr("Nested groups: %1.").arg(SourceType::describe(after.nesting)));
    }
    return lines;
}
