#pragma once

#include "model/DirectorySource.h"

#include <QList>
#include <QString>
#include <QStringList>

// A kind of directory (Active Directory, OpenLDAP, generic LDAP) as data: what choosing it
// fills into a DirectorySource, and how its entries are read. Loaded from
// resources/source-types/*.json by SourceTypeLoader.
struct SourceType
{
    // How the anchor's values become text.
    enum class AnchorFormat
    {
        Text, // as the directory holds it (entryUUID)
        Guid, // 16 bytes shown as Get-ADUser does (objectGUID)
    };

    // What tells which entries changed since the last read.
    enum class HighWaterMark
    {
        None, // every read is a full read
        Usn, // Active Directory: highestCommittedUSN / uSNChanged, checked against the DC's invocationId
        Csn, // OpenLDAP: entryCSN
        ModifyTimestamp, // modifyTimestamp (one-second resolution)
    };

    QString id; // "active-directory"
    QString displayName;
    QString description;
    QString urlHint;
    int ldapPort = 389;
    int ldapsPort = 636;
    bool startTls = true; // what the Add Source wizard proposes for ldap://

    QString userFilter;
    QString groupFilter;
    QString anchorAttribute;
    AnchorFormat anchorFormat = AnchorFormat::Text;
    QList<LdapAttributeMapping> userMappings;
    QString groupNameAttribute;
    QString groupDescriptionAttribute;
    QString groupMemberAttribute;
    DisabledAccountRule disabledRule;
    GroupNesting nesting = GroupNesting::ClientSide;
    HighWaterMark highWaterMark = HighWaterMark::None;
    QStringList notes;

    QString sourcePath; // the file it was loaded from, for messages

    static QString nestingId(GroupNesting nesting); // "client-side", "in-chain"
    static bool nestingFromId(const QString& id, GroupNesting* nesting);
    static QString disabledKindId(DisabledAccountRule::Kind kind); // "never", "flag-bit-set", …
    static bool disabledKindFromId(const QString& id, DisabledAccountRule::Kind* kind);
    static QString highWaterMarkId(HighWaterMark mark); // "usn", "csn", "modify-timestamp", "none"
    static bool highWaterMarkFromId(const QString& id, HighWaterMark* mark);
    // An LDAP attribute description (cn, userPrincipalName, member;range=0-*, 2.5.4.3) or, where
    // alternatives are allowed, several separated by "|" ("displayName|cn": the first one with a
    // value wins; for group members the values of all are united).
    static bool isAttributeDescription(const QString& name);
    static bool isAttributeAlternatives(const QString& text);
    // The alternatives of text, e.g. {"displayName", "cn"}.
    static QStringList alternatives(const QString& text);
    // The rule in the admin's words, e.g. "when userAccountControl has bit 0x2 set".
    static QString describe(const DisabledAccountRule& rule);
    // The nesting strategy in the admin's words, e.g. "expanded by ScimDesk, loops detected".
    static QString describe(GroupNesting nesting);
};
