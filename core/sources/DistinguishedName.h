#pragma once

#include <QList>
#include <QString>

// An LDAP distinguished name as RFC 4514 writes it: "CN=Doe\, John,OU=Staff,DC=example,DC=com".
// Directories spell the same DN in different ways (attribute type case, escapes, "\2C" for ",",
// spaces after commas, the order of a multi-valued RDN), so DNs are compared by normalizedKey(),
// never as plain strings: member DNs, manager DNs and base DNs all go through it.
class DistinguishedName
{
public:
    // One attribute type and value pair of an RDN; value is unescaped (raw UTF-8 text), except
    // a "#…" hex string value (a BER encoding), which is kept as written with lower-case digits.
    struct Attribute
    {
        QString type;
        QString value;
        bool hexValue = false;
    };
    using Rdn = QList<Attribute>;

    // Parses dn; on a syntax error returns false and says where and what in *error. The empty DN
    // (the root) is valid and has no RDN. Spaces around "," "+" and "=" are tolerated, as older
    // tools write them, unless they are escaped.
    static bool parse(const QString& dn, QList<Rdn>* rdns, QString* error = nullptr);
    static bool isValid(const QString& dn, QString* error = nullptr);

    // The comparison form: attribute types lower-case, values unescaped, Unicode-normalised (NFKC),
    // case-folded with runs of spaces collapsed (LDAP's caseIgnoreMatch), re-escaped canonically,
    // the parts of a multi-valued RDN sorted. Two DNs name the same entry when their keys are
    // equal. A DN that does not parse yields its trimmed, case-folded text, so it still compares
    // with itself but with no well-formed DN.
    static QString normalizedKey(const QString& dn);

    // Whether dn is baseDn or lies below it (compared normalised). Every DN is within the root "".
    static bool isWithin(const QString& dn, const QString& baseDn);

    // RFC 4514 escaping of one attribute value: "," "+" "\"" "\\" "<" ">" ";" with a backslash, a
    // leading "#" or space and a trailing space too, NUL as "\00". Non-ASCII text stays UTF-8.
    static QString escapeValue(const QString& value);

    // The RDNs back to text, RFC 4514 style (type=value, "+" within an RDN, "," between).
    static QString format(const QList<Rdn>& rdns);
};
