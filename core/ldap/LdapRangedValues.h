#pragma once

#include "LdapConnection.h"

#include <QByteArray>
#include <QList>
#include <QString>

// Active Directory's ranged retrieval: a domain controller returns at most MaxValRange (1,500)
// values of a multi-valued attribute per request and names what it returned
// "member;range=0-1499"; the rest is asked for as "member;range=1500-*" and so on until a range
// ends in "*". Every gap or a range that does not continue where the last ended is an incomplete
// read.
class LdapRangedValues
{
public:
    struct Range
    {
        int low = 0;
        int high = -1; // -1: "*", the last range
        bool isLast() const { return high < 0; }
    };

    // "member;range=0-1499" -> base "member", {0, 1499}; false when name has no valid range.
    static bool parse(const QString& name, QString* base, Range* range);

    // Reads the values of attribute of the entry dn after `got`, appending them to *values.
    // step > 0 asks for ranges of that many values; 0 lets the server choose ("low-*").
    static Status<SourceReadError> readRest(LdapConnection& connection, const QString& dn, const QString& attribute,
        Range got, int step, QList<QByteArray>* values, const std::atomic_bool& cancelled);

    // Every value of attribute of dn, asked for in explicit ranges of step values from the start.
    static Result<QList<QByteArray>, SourceReadError> readAll(LdapConnection& connection, const QString& dn,
        const QString& attribute, int step, const std::atomic_bool& cancelled);
};
