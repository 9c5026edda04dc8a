#pragma once

#include <QString>
#include <QStringList>

// Builds RFC 4515 search filters from the admin's filters and values read from the directory.
// A value from anywhere (a DN, a name) goes through escapeValue(), so "*", "(", ")", "\" and
// NUL can never change what a filter means.
class LdapFilter
{
public:
    // "*" -> \2a, "(" -> \28, ")" -> \29, "\" -> \5c, NUL -> \00; other characters (UTF-8 text)
    // are kept.
    static QString escapeValue(const QString& value);
    // "(attribute=value)" with value escaped.
    static QString equals(const QString& attribute, const QString& value);
    // "(attribute>=value)" with value escaped.
    static QString atLeast(const QString& attribute, const QString& value);
    // The filters joined with "&"; one filter stays as it is. A filter written without its
    // outer parentheses ("objectClass=user") gets them. Empty filters are left out.
    static QString allOf(const QStringList& filters);
    // filter with its outer parentheses, "(objectClass=*)" when it is empty.
    static QString parenthesized(const QString& filter);
};
