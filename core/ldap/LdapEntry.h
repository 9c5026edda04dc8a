#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

// One entry of a search result: its DN and the values of the attributes the server returned,
// as bytes (binary attributes such as objectGUID stay intact; text is UTF-8). Attribute names
// compare case-insensitively, as LDAP's do.
class LdapEntry
{
public:
    struct Attribute
    {
        QString name; // as the server wrote it, e.g. "member;range=0-1499"
        QList<QByteArray> values;
    };

    QString dn;
    QList<Attribute> attributes;

    // The values of name (case-insensitive, options such as ";range=…" included in the name).
    QList<QByteArray> values(const QString& name) const;
    bool has(const QString& name) const;
    // The first value as UTF-8 text; empty when there is none.
    QString text(const QString& name) const;
    // The attribute whose name is name followed by ";range=…" (Active Directory's ranged
    // retrieval), or nullptr.
    const Attribute* ranged(const QString& name) const;
};
