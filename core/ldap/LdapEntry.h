#pragma once

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringView>

// One entry of a search result: its DN and the values of the attributes the server returned,
// as bytes (binary attributes such as objectGUID stay intact; text is UTF-8). Attribute names
// compare case-insensitively, as LDAP's do.
//
// An entry handed to an LdapConnection::EntryHandler views the connection's receive buffer
// (a read of 50,000 users would otherwise copy every value once more): its names and values are
// valid during the handler call only. A handler that keeps bytes keeps detached() ones, or
// converts them (QString::fromUtf8 and the like copy).
class LdapEntry
{
public:
    struct Attribute
    {
        QByteArray name; // as the server wrote it (ASCII), e.g. "member;range=0-1499"
        QList<QByteArray> values;
    };

    QString dn;
    QList<Attribute> attributes;

    // The values of name (case-insensitive, options such as ";range=…" included in the name).
    QList<QByteArray> values(QStringView name) const;
    // The same without a copy, nullptr when absent: looked up for every mapped attribute of
    // every entry of a read.
    const QList<QByteArray>* find(QStringView name) const;
    bool has(QStringView name) const;
    // The first value as UTF-8 text; empty when there is none.
    QString text(QStringView name) const;
    // A copy that owns all its bytes, to keep beyond an EntryHandler call.
    LdapEntry detached() const;
    // The attribute whose name is name followed by ";range=…" (Active Directory's ranged
    // retrieval), or nullptr.
    const Attribute* ranged(QStringView name) const;
};
