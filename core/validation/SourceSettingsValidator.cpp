#include "SourceSettingsValidator.h"

#include "LdapFilterSyntax.h"
#include "ServerSettingsValidator.h"
#include "model/DirectoryUser.h"
#include "sources/DistinguishedName.h"
#include "sources/SourceType.h"

#include <QCoreApplication>
#include <QHostAddress>
#include <QRegularExpression>
#include <QSet>
#include <QUrl>

namespace {
QString tr(const char* text)
{
    return QCoreApplication::translate("SourceSettingsValidator", text);
}

bool hasControlCharacter(const QString& text)
{
    for (const QChar c : text) {
        if (c.category() == QChar::Other_Control) {
            return true;
        }
    }
    return false;
}

QString schemeOf(const QString& url)
{
    const qsizetype end = url.indexOf(QLatin1String("://"));
    return end < 0 ? QString() : url.left(end).toLower();
}

ValidationIssues mappingIssues(const DirectorySource& source)
{
    ValidationIssues issues;
    QSet<QString> seen;
    bool userNameMapped = false;
    for (int i = 0; i < source.userMappings.size(); ++i) {
        const LdapAttributeMapping& mapping = source.userMappings.at(i);
        const QString field = QStringLiteral("userMappings[%1]").arg(i);
        const QString context = tr("Attribute mapping %1").arg(i + 1);
        if (const QString error = SourceSettingsValidator::directoryAttributeError(mapping.directoryAttribute);
            !error.isEmpty()) {
            issues.append({field + QStringLiteral(".directoryAttribute"), error, context});
        } else if (seen.contains(mapping.directoryAttribute.toCaseFolded())) {
            issues.append({field + QStringLiteral(".directoryAttribute"),
                tr("%1 is mapped twice. Keep one mapping for it.").arg(mapping.directoryAttribute), context});
        }
        seen.insert(mapping.directoryAttribute.toCaseFolded());
        userNameMapped = userNameMapped || mapping.directoryAttribute == QLatin1String("userName");
        if (const QString error = SourceSettingsValidator::ldapAttributeError(mapping.ldapAttribute, true);
            !error.isEmpty()) {
            issues.append({field + QStringLiteral(".ldapAttribute"), error, context});
        }
    }
    if (!userNameMapped) {
        issues.append({QStringLiteral("userMappings"),
            tr("No LDAP attribute is mapped to userName, so no user would have a user name. Map one, e.g. "
               "userPrincipalName (Active Directory) or uid (OpenLDAP), or choose the source type again."),
            {}});
    }
    return issues;
}

ValidationIssues disabledRuleIssues(const DisabledAccountRule& rule)
{
    ValidationIssues issues;
    if (rule.kind == DisabledAccountRule::Kind::Never) {
        return issues;
    }
    if (const QString error = SourceSettingsValidator::ldapAttributeError(rule.attribute); !error.isEmpty()) {
        issues.append({QStringLiteral("disabledRule.attribute"), error, tr("Disabled accounts")});
    }
    if (rule.kind == DisabledAccountRule::Kind::FlagBitSet && rule.mask <= 0) {
        issues.append({QStringLiteral("disabledRule.mask"),
            tr("Enter the bit that marks a disabled account, e.g. 2 for userAccountControl's ACCOUNTDISABLE."),
            tr("Disabled accounts")});
    }
    if (rule.kind == DisabledAccountRule::Kind::AttributeEquals && rule.value.trimmed().isEmpty()) {
        issues.append({QStringLiteral("disabledRule.value"),
            tr("Enter the value that marks a disabled account, e.g. TRUE for nsAccountLock."),
            tr("Disabled accounts")});
    }
    return issues;
}
} // namespace

ValidationIssues SourceSettingsValidator::validate(const DirectorySource& source)
{
    ValidationIssues issues;
    auto add = [&issues](const char* field, const QString& message) {
        if (!message.isEmpty()) {
            issues.append({QLatin1String(field), message, {}});
        }
    };
    add("name", nameError(source.name));
    add("description",
        source.description.size() > maxDescriptionLength
            ? tr("The description is too long: at most %1 characters.").arg(maxDescriptionLength)
            : QString());
    add("url", urlError(source.url));
    add("startTls", startTlsError(source.url, source.startTls));
    add("caFilePath", ServerSettingsValidator::caBundleError(source.caFilePath));
    add("bindDn", bindDnError(source.bindDn));
    add("baseDn", baseDnError(source.baseDn));
    add("pageSize", pageSizeError(source.pageSize));
    add("timeoutSeconds",
        source.timeoutSeconds < 1 || source.timeoutSeconds > maxTimeoutSeconds
            ? tr("The time-out must be between 1 and %1 seconds.").arg(maxTimeoutSeconds)
            : QString());
    add("userFilter", filterError(source.userFilter, true));
    add("groupFilter", filterError(source.groupFilter, false));
    add("anchorAttribute", ldapAttributeError(source.anchorAttribute));
    issues << mappingIssues(source);
    add("groupNameAttribute", ldapAttributeError(source.groupNameAttribute, true));
    if (!source.groupDescriptionAttribute.isEmpty()) {
        add("groupDescriptionAttribute", ldapAttributeError(source.groupDescriptionAttribute, true));
    }
    add("groupMemberAttribute", ldapAttributeError(source.groupMemberAttribute, true));
    issues << disabledRuleIssues(source.disabledRule);
    return issues;
}

QString SourceSettingsValidator::nameError(const QString& name)
{
    const QString trimmed = name.trimmed();
    if (trimmed.isEmpty()) {
        return tr("Enter a source name, for example \u201cCorp AD\u201d.");
    }
    if (trimmed.size() > maxNameLength) {
        return tr("The source name is too long: at most %1 characters.").arg(maxNameLength);
    }
    if (hasControlCharacter(trimmed)) {
        return tr("The source name contains control characters; remove them.");
    }
    if (trimmed.compare(QLatin1String("embedded"), Qt::CaseInsensitive) == 0) {
        return tr("\u201cembedded\u201d names the embedded directory; choose another name.");
    }
    return {};
}

QString SourceSettingsValidator::urlError(const QString& url)
{
    const QString text = url.trimmed();
    if (text.isEmpty()) {
        return tr("Enter the directory's URL, e.g. ldaps://dc1.corp.example or ldap://ldap.example.com:389.");
    }
    // Before the other rules: whatever else is wrong, a password must not be kept in the profile.
    if (ServerSettingsValidator::urlHasCredentials(text)) {
        return tr("The URL contains a user name or password. Remove them: enter the bind DN in its own field and "
                  "the password where the form asks for it; it is kept in the system keychain (scimdesk-cli: "
                  "--password-stdin, or --source-password-env on a machine without a keychain).");
    }
    const QString scheme = schemeOf(text);
    if (scheme != QLatin1String("ldap") && scheme != QLatin1String("ldaps")) {
        return tr("The URL must start with ldaps:// (LDAP over TLS, port 636) or ldap:// (port 389, with StartTLS), "
                  "not \u201c%1\u201d.")
            .arg(scheme.isEmpty() ? text : scheme + QStringLiteral("://"));
    }
    const QUrl parsed(text, QUrl::StrictMode);
    if (!parsed.isValid() || parsed.host().isEmpty()) {
        return tr("The URL has no valid host name: write ldaps://HOST or ldap://HOST:PORT.");
    }
    if (parsed.port() == 0) {
        return tr("The port must be between 1 and 65535.");
    }
    if ((!parsed.path().isEmpty() && parsed.path() != QLatin1String("/")) || parsed.hasQuery()
        || parsed.hasFragment()) {
        return tr("The URL holds more than the server: write only ldaps://HOST[:PORT] and enter the base DN and "
                  "filters in their own fields.");
    }
    return {};
}

QString SourceSettingsValidator::startTlsError(const QString& url, bool startTls)
{
    if (startTls && isLdapsUrl(url)) {
        return tr("StartTLS is for ldap:// URLs; an ldaps:// connection is encrypted from the start. Turn StartTLS "
                  "off, or use ldap:// with StartTLS.");
    }
    if (!startTls && !isLdapsUrl(url) && urlError(url).isEmpty()) {
        // Like plain http for SCIM servers: only where nothing crosses a network.
        const QString host = QUrl(url.trimmed()).host();
        const QHostAddress address(host);
        if (host.compare(QLatin1String("localhost"), Qt::CaseInsensitive) != 0 && !address.isLoopback()) {
            return tr("Plain ldap:// would send the bind password and everybody's data unencrypted. Turn StartTLS on "
                      "(scimdesk-cli: --start-tls), or use ldaps://; plain LDAP is allowed only to this computer.");
        }
    }
    return {};
}

QString SourceSettingsValidator::bindDnError(const QString& bindDn)
{
    const QString text = bindDn.trimmed();
    if (text.isEmpty()) {
        return {}; // an anonymous bind
    }
    if (hasControlCharacter(text)) {
        return tr("The bind DN contains control characters; remove them.");
    }
    if (text.contains(QLatin1Char('='))) {
        QString error;
        if (!DistinguishedName::isValid(text, &error)) {
            return tr("The bind DN is not a valid DN: %1").arg(error);
        }
        return {};
    }
    // Active Directory also binds with a user principal name or DOMAIN\user.
    static const QRegularExpression upn(QStringLiteral("^[^@\\s]+@[^@\\s]+$"));
    static const QRegularExpression downLevel(QStringLiteral("^[^\\\\\\s]+\\\\[^\\\\\\s]+$"));
    if (upn.match(text).hasMatch() || downLevel.match(text).hasMatch()) {
        return {};
    }
    return tr("Enter the bind account as a DN (CN=svc-scimdesk,OU=Service,DC=corp,DC=example), a user principal name "
              "(svc-scimdesk@corp.example) or DOMAIN\\user; leave it empty for an anonymous bind.");
}

QString SourceSettingsValidator::baseDnError(const QString& baseDn)
{
    const QString text = baseDn.trimmed();
    if (text.isEmpty()) {
        return tr("Enter the base DN the users and groups are read under, e.g. DC=corp,DC=example.");
    }
    QString error;
    if (!DistinguishedName::isValid(text, &error)) {
        return tr("The base DN is not a valid DN: %1").arg(error);
    }
    return {};
}

QString SourceSettingsValidator::pageSizeError(int pageSize)
{
    if (pageSize < 1 || pageSize > maxPageSize) {
        return tr("The page size must be between 1 and %1 (default 500; Active Directory returns at most 1000 per "
                  "page).")
            .arg(maxPageSize);
    }
    return {};
}

QString SourceSettingsValidator::filterError(const QString& filter, bool users)
{
    if (filter.trimmed().isEmpty()) {
        return users ? tr("Enter the user filter, e.g. (&(objectCategory=person)(objectClass=user)).")
                     : tr("Enter the group filter, e.g. (objectClass=group).");
    }
    const QString error = LdapFilterSyntax::check(filter);
    return error.isEmpty() ? QString() : (users ? tr("User filter: %1") : tr("Group filter: %1")).arg(error);
}

QString SourceSettingsValidator::ldapAttributeError(const QString& attribute, bool alternatives)
{
    if (attribute.trimmed().isEmpty()) {
        return tr("Enter the LDAP attribute's name.");
    }
    const QStringList names = alternatives ? SourceType::alternatives(attribute) : QStringList {attribute};
    for (const QString& name : names) {
        if (!SourceType::isAttributeDescription(name)) {
            return tr("\u201c%1\u201d is not an LDAP attribute name: letters, digits and \u201c-\u201d, starting "
                      "with a letter (e.g. userPrincipalName), or a numeric OID%2.")
                .arg(name, alternatives ? tr("; alternatives are separated by \u201c|\u201d") : QString());
        }
    }
    return {};
}

QString SourceSettingsValidator::directoryAttributeError(const QString& attribute)
{
    if (attribute.trimmed().isEmpty()) {
        return tr("Choose the directory attribute this LDAP attribute fills.");
    }
    if (attribute != attribute.trimmed() || hasControlCharacter(attribute)) {
        return tr("The directory attribute has spaces at its start or end, or control characters.");
    }
    if (attribute == QLatin1String("objectId") || attribute == QLatin1String("active")) {
        return tr("%1 is not mapped: the anchor attribute gives objectId and the disabled-account rule gives active.")
            .arg(attribute);
    }
    for (const QString& standard : DirectoryUser::standardAttributeNames()) {
        if (attribute != standard && attribute.compare(standard, Qt::CaseInsensitive) == 0) {
            return tr("Write the standard attribute as %1, not %2.").arg(standard, attribute);
        }
    }
    return {};
}

bool SourceSettingsValidator::isLdapsUrl(const QString& url)
{
    return schemeOf(url.trimmed()) == QLatin1String("ldaps");
}

int SourceSettingsValidator::portOf(const QString& url)
{
    return QUrl(url.trimmed()).port(isLdapsUrl(url) ? 636 : 389);
}
