#pragma once

#include "ValidationIssue.h"
#include "model/DirectorySource.h"

#include <QString>

// The rules a directory source's settings must meet before they are saved, whoever saves them
// (the Add Source wizard, Edit Source, the CLI): required fields and lengths; an ldap:// or
// ldaps:// URL with a host and nothing else (no user name or password in it — the bind password
// belongs in the keychain — and no base DN, which has its own field); StartTLS only on ldap://,
// and ldap:// without StartTLS only to this computer (like plain http for SCIM servers);
// DNs and search filters that parse; a page size of 1 to 10,000; attribute mappings onto
// directory attributes; a disabled-account rule that names what it needs; and a CA file with the
// rules of a server's (ServerSettingsValidator::caBundleError).
// Rules that need the profile (a unique name) are SourceRepository's.
class SourceSettingsValidator
{
public:
    static constexpr int maxNameLength = 100;
    static constexpr int maxDescriptionLength = 1000;
    static constexpr int maxPageSize = 10000;
    static constexpr int maxTimeoutSeconds = 3600;

    // Every issue, in the order of the form. Fields: "name", "description", "url", "startTls",
    // "caFilePath", "bindDn", "baseDn", "pageSize", "timeoutSeconds", "userFilter",
    // "groupFilter", "anchorAttribute", "userMappings[<i>].directoryAttribute|ldapAttribute",
    // "userMappings", "groupNameAttribute", "groupDescriptionAttribute", "groupMemberAttribute",
    // "disabledRule.attribute|mask|value".
    static ValidationIssues validate(const DirectorySource& source);

    // One field each, for a form that judges a field as it is typed; empty when it is fine.
    static QString nameError(const QString& name);
    static QString urlError(const QString& url);
    static QString startTlsError(const QString& url, bool startTls);
    static QString bindDnError(const QString& bindDn);
    static QString baseDnError(const QString& baseDn);
    static QString pageSizeError(int pageSize);
    static QString filterError(const QString& filter, bool users);
    // An LDAP attribute description: a name (letters, digits, '-', starting with a letter) or a
    // numeric OID, optionally with options (";binary"). With alternatives, several separated by
    // '|' ("displayName|cn": the first with a value wins; for group members all are read).
    static QString ldapAttributeError(const QString& attribute, bool alternatives = false);
    // The directory attribute a mapping writes: a standard DirectoryUser attribute other than
    // objectId and active (the anchor and the disabled rule decide those), or a custom name.
    static QString directoryAttributeError(const QString& attribute);

    static bool isLdapsUrl(const QString& url);
    // The default port of the URL's scheme when it names none (389, 636).
    static int portOf(const QString& url);
};
