#pragma once

#include <QDateTime>
#include <QList>
#include <QString>

// One LDAP attribute feeding one directory attribute, e.g. userName <- userPrincipalName.
// directoryAttribute is a DirectoryUser standard attribute name (userName, email, givenName,
// familyName, displayName, phone, title, department, employeeNumber, manager) or the name of
// a custom attribute, which mappings and scoping filters can then read like any other.
struct LdapAttributeMapping
{
    QString directoryAttribute;
    QString ldapAttribute;

    bool operator==(const LdapAttributeMapping& other) const
    {
        return directoryAttribute == other.directoryAttribute && ldapAttribute == other.ldapAttribute;
    }
};

// When a directory account counts as disabled (DirectoryUser::active == false).
struct DisabledAccountRule
{
    enum class Kind
    {
        Never,            // the directory has no notion of a disabled account
        FlagBitSet,       // integer attribute with `mask` set, e.g. userAccountControl & 0x2
        AttributePresent, // e.g. pwdAccountLockedTime present (OpenLDAP ppolicy)
        AttributeEquals,  // attribute equals `value` (case-insensitive), e.g. nsAccountLock = TRUE
    };
    Kind kind = Kind::Never;
    QString attribute;
    qint64 mask = 0;
    QString value;

    bool operator==(const DisabledAccountRule& other) const
    {
        return kind == other.kind && attribute == other.attribute && mask == other.mask && value == other.value;
    }
};

// How the members of nested groups are found.
enum class GroupNesting
{
    ClientSide,          // read each group's direct members and expand them here, loops detected
    MatchingRuleInChain, // Active Directory's LDAP_MATCHING_RULE_IN_CHAIN (1.2.840.113556.1.4.1941)
};

// A live directory ScimDesk reads users and groups from: Active Directory, OpenLDAP or
// another LDAP server. Holds no secret: the bind password lives in the SecretStore under the
// source's id, and passwordStoredAt records when it was entered. The type (sourceTypeId)
// filled in the filters, anchor, mappings, disabled rule and nesting; the admin may change
// them afterwards, exactly like a server's preset-filled mappings.
struct DirectorySource
{
    qint64 id = 0;
    QString name;
    QString description;
    QString sourceTypeId; // "active-directory", "openldap", "generic-ldap"

    // Connection: ldap://HOST[:PORT] (with startTls) or ldaps://HOST[:PORT]. Certificates and
    // host names are always verified; caFilePath adds a PEM CA for this source only.
    QString url;
    bool startTls = false;
    QString caFilePath;
    QString bindDn; // a DN or a UPN; empty means an anonymous bind
    int pageSize = 500;
    int timeoutSeconds = 60;

    // What is read.
    QString baseDn;
    QString userFilter;  // e.g. (&(objectCategory=person)(objectClass=user))
    QString groupFilter; // e.g. (objectClass=group)
    QString anchorAttribute; // objectGUID (AD, sent in its string form) or entryUUID
    QList<LdapAttributeMapping> userMappings;
    QString groupNameAttribute = QStringLiteral("cn");
    QString groupDescriptionAttribute = QStringLiteral("description");
    QString groupMemberAttribute = QStringLiteral("member"); // member or uniqueMember
    DisabledAccountRule disabledRule;
    GroupNesting nesting = GroupNesting::ClientSide;

    QDateTime passwordStoredAt;
    QDateTime createdAt;
    QDateTime updatedAt;

    bool anonymousBind() const { return bindDn.isEmpty(); }
};
