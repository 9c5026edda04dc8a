#pragma once

#include <QList>
#include <QString>

// An LDAP distinguished name (RFC 4514) as the directory and the admin write it, e.g.
// "CN=Smith\, John,OU=Sales,DC=corp,DC=example". Parsing is lenient where directories are
// (spaces around separators, AD's upper-case attribute types) and strict where a mistake would
// change the meaning (an unescaped ',' '+' ';' '"' '<' '>' or a lone '\' in a value).
class DistinguishedName
{
public:
    struct Attribute
    {
        QString type; // as written, e.g. "CN" or "2.5.4.3"
        QString value; // decoded: escapes and \XX UTF-8 sequences resolved; "#04…" kept as written
        bool hexValue = false; // the value was a "#" hex string (BER), kept verbatim
    };
    using Rdn = QList<Attribute>; // usually one; several for a multi-valued RDN ("cn=a+uid=b")

    // The parsed name, or an empty list with *error set (what is wrong and where). An empty
    // text is the empty DN (the root), which is valid.
    static QList<Rdn> parse(const QString& text, QString* error);
    static bool isValid(const QString& text, QString* error = nullptr);

    // One text per distinct name: attribute types lower-cased, values case-folded and written
    // with canonical escaping, no spaces around separators, the parts of a multi-valued RDN
    // sorted. Two DNs name the same entry (for the directories ScimDesk reads, whose naming
    // attributes compare case-insensitively) exactly when their keys are equal. The text itself
    // when it is not a valid DN, so an odd member value still matches only itself.
    static QString normalizedKey(const QString& text);

    // The value escaped for use inside a DN (RFC 4514 section 2.4).
    static QString escapeValue(const QString& value);
};
