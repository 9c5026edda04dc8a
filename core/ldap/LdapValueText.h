#pragma once

#include <QByteArray>
#include <QString>

// Turns an attribute value as the directory sent it (bytes) into text an admin and a SCIM
// server can use. Binary attributes have their well-known text forms; everything else is UTF-8.
class LdapValueText
{
public:
    // The 16 bytes of an objectGUID in the form Get-ADUser and the AD tools show:
    // "0b6e5c9a-…": the first three groups are stored little-endian, the last two as they are.
    // Empty when bytes is not 16 bytes long.
    static QString guid(const QByteArray& bytes);
    // An objectSid in its "S-1-5-21-…" form; empty when the bytes are not a SID.
    static QString sid(const QByteArray& bytes);
    // The text of a value of attribute: objectGUID and objectSid (case-insensitive names) in
    // their forms above, else UTF-8; a value that is not valid UTF-8 (another binary
    // attribute) becomes lower-case hex, so it is stable and never garbled.
    static QString text(const QString& attribute, const QByteArray& bytes);
    static bool isGuidAttribute(const QString& attribute);
    // Whether text() gives attribute's values a form of their own (objectGUID, objectSid).
    static bool hasBinaryForm(const QString& attribute);
    // text() for every other attribute: UTF-8, or lower-case hex when the bytes are not UTF-8.
    // (A read converts half a million values: the attribute's kind is better known once.)
    static QString utf8(const QByteArray& bytes);
};
