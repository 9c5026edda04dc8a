#include "LdapUserMapper.h"

#include "DisabledAccountCheck.h"

#include "ldap/LdapValueText.h"

#include <QCoreApplication>
#include <QHash>

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
    , m_anchorIsGuid(
          anchorFormat == SourceType::AnchorFormat::Guid || LdapValueText::isGuidAttribute(source.anchorAttribute))
    , m_anchorHasBinaryForm(LdapValueText::hasBinaryForm(source.anchorAttribute))
{
    static const QHash<QString, QString DirectoryUser::*> kStandard {
        {QStringLiteral("userName"), &DirectoryUser::userName},
        {QStringLiteral("email"), &DirectoryUser::email},
        {QStringLiteral("givenName"), &DirectoryUser::givenName},
        {QStringLiteral("familyName"), &DirectoryUser::familyName},
        {QStringLiteral("displayName"), &DirectoryUser::displayName},
        {QStringLiteral("phone"), &DirectoryUser::phone},
        {QStringLiteral("title"), &DirectoryUser::title},
        {QStringLiteral("department"), &DirectoryUser::department},
        {QStringLiteral("employeeNumber"), &DirectoryUser::employeeNumber},
    };
    for (const auto& mapping : m_source.userMappings) {
        Field field;
        field.directoryAttribute = mapping.directoryAttribute;
        field.ldapAttribute = mapping.ldapAttribute;
        for (const QString& name : SourceType::alternatives(mapping.ldapAttribute)) {
            field.alternatives.append({name, LdapValueText::hasBinaryForm(name)});
        }
        field.standard = kStandard.value(mapping.directoryAttribute, nullptr);
        field.manager = mapping.directoryAttribute == QLatin1String("manager");
        if (mapping.directoryAttribute == QLatin1String("userName")) {
            m_userNameSource = mapping.ldapAttribute;
        }
        m_fields.append(field);
    }
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
    const QList<QByteArray>* values = entry.find(m_source.anchorAttribute);
    if (!values || values->isEmpty()) {
        return {};
    }
    if (m_anchorIsGuid) {
        const QString guid = LdapValueText::guid(values->first());
        if (!guid.isEmpty()) {
            return guid;
        }
    }
    return m_anchorHasBinaryForm ? LdapValueText::text(m_source.anchorAttribute, values->first())
                                 : LdapValueText::utf8(values->first());
}

QString LdapUserMapper::firstValue(const LdapEntry& entry, const Field& field)
{
    for (const Alternative& alternative : field.alternatives) {
        const QList<QByteArray>* values = entry.find(alternative.name);
        if (!values || values->isEmpty()) {
            continue;
        }
        const QByteArray& bytes = values->first();
        if (alternative.binaryForm) {
            return LdapValueText::text(alternative.name, bytes);
        }
        if (const QString* known = field.repeated.find(bytes)) {
            return *known;
        }
        QString text = LdapValueText::utf8(bytes);
        field.repeated.add(bytes, text);
        return text;
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
    for (const Field& field : m_fields) {
        QString value = firstValue(entry, field);
        if (field.manager) {
            user->managerDn = std::move(value); // resolved to the manager's userName once every user is read
        } else if (field.standard) {
            user->user.*field.standard = std::move(value);
        } else if (!value.isEmpty()) {
            user->user.customAttributes.insert(field.directoryAttribute, value);
        }
    }
    const QList<QByteArray>* flags
        = m_source.disabledRule.attribute.isEmpty() ? nullptr : entry.find(m_source.disabledRule.attribute);
    user->user.active = !DisabledAccountCheck::isDisabled(m_source.disabledRule, flags ? *flags : QList<QByteArray>());
    if (user->user.userName.isEmpty()) {
        *problem = tr("%1 has no %2 (mapped to userName)").arg(entry.dn, m_userNameSource);
        return false;
    }
    return true;
}
