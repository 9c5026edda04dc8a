#pragma once

#include <QString>

// Whether a text is an LDAP search filter (RFC 4515) a directory will accept, checked before
// it is saved so a typo is reported next to its field rather than as a failed sync. Checks the
// structure: one filter in parentheses, & | ! with their operands, items attr=value, attr~=,
// attr>=, attr<=, attr=* (presence), substrings with *, extensible matches
// (attr:dn:1.2.840.113556.1.4.1941:=value), attribute descriptions with options, and value
// escapes (\XX; '(' ')' '*' '\' must be escaped).
class LdapFilterSyntax
{
public:
    static constexpr int maxLength = 8192;

    // What is wrong and where ("position 14: …"), or empty when the filter is well-formed.
    static QString check(const QString& filter);
};
