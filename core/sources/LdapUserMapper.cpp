#include "LdapUserMapper.h"

#include "DisabledAccountCheck.h"

#include "ldap/LdapValueText.h"

#include <QCoreApplication>

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("LdapUserMapper", text);
}

void addOnce(QStringList* names, const QString& name)
{
    if (!name.isEmpty() && !names->contains(name, Qt::CaseInsensitive)) {
        names->append(name);
    }
}

} // namespace

LdapUserMapper::LdapUserMapper(const DirectorySource& source, SourceType::AnchorFormat anchorFormat)
    : m_source(source)
    , m_anchorFormat(anchorFormat)
{
}

QStringList LdapUserMapper::requestedAttributes() const
{
    QStringList names;
    addOnce(&names, m_source.anchorAttribute);
    for (const auto& mapping : m_source.userMappings) {
        for (const QString& name : SourceType::alternatives(mapping.ldapAttribute)) {
            addOnce(&names, name);
        }
    }
    if (m_source.disabledRule.kind != DisabledAccountRule::Kind::Never) {
        addOnce(&names, m_source.disabledRule.attribute);
    }
    return names;
}

QString LdapUserMapper::managerAttribute() const
{
    for (const auto& mapping : m_source.userMappings) {
        if (mapping.directoryAttribute == QLatin1String("manager")) {
            return mapping.ldapAttribute;
        }
    }
    return {};
}

QString LdapUserMapper::anchorOf(const LdapEntry& entry) const
{
    const QList<QByteArray> values = entry.values(m_source.anchorAttribute);
    if (values.isEmpty()) {
        return {};
    }
    if (m_anchorFormat == SourceType::AnchorFormat::Guid || LdapValueText::isGuidAttribute(m_source.anchorAttribute)) {
        const QString guid = LdapValueText::guid(values.first());
        if (!guid.isEmpty()) {
            return guid;
        }
    }
    return LdapValueText::text(m_source.anchorAttribute, values.first());
}

QString LdapUserMapper::firstValue(const LdapEntry& entry, const QString& alternatives) const
{
    for (const QString& name : SourceType::alternatives(alternatives)) {
        const QList<QByteArray> values = entry.values(name);
        if (!values.isEmpty()) {
            return LdapValueText::text(name, values.first());
        }
    }
    return {};
}

bool LdapUserMapper::map(const LdapEntry& entry, SourceUserEntry* user, QString* problem) const
{
    *user = SourceUserEntry();
    user->dn = entry.dn;
    user->user.objectId = anchorOf(entry);
    if (user->user.objectId.isEmpty()) {
        *problem = tr("%1 has no %2 (the anchor)").arg(entry.dn, m_source.anchorAttribute);
        return false;
    }
    for (const auto& mapping : m_source.userMappings) {
        const QString value = firstValue(entry, mapping.ldapAttribute);
        if (mapping.directoryAttribute == QLatin1String("manager")) {
            user->managerDn = value; // resolved to the manager's userName once every user is read
            continue;
        }
        if (!value.isEmpty()) {
            user->user.setAttribute(mapping.directoryAttribute, value);
        }
    }
    user->user.active = !DisabledAccountCheck::isDisabled(m_source.disabledRule,
        m_source.disabledRule.attribute.isEmpty() ? QList<QByteArray>()
                                                  : entry.values(m_source.disabledRule.attribute));
    if (user->user.userName.isEmpty()) {
        QString from;
        for (const auto& mapping : m_source.userMappings) {
            if (mapping.directoryAttribute == QLatin1String("userName")) {
                from = mapping.ldapAttribute;
            }
        }
        *problem = tr("%1 has no %2 (mapped to userName)").arg(entry.dn, from);
        return false;
    }
    return true;
}
