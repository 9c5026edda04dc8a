#pragma once

#include "model/DirectoryUser.h"

#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

// A user as a directory source returned it. user.objectId is the anchor in its string form
// (objectGUID as Get-ADUser shows it, entryUUID as is): it becomes the externalId sent to
// SCIM servers, so renames and moves keep the link. user.manager is already resolved from the
// manager's DN to that user's userName (empty when the DN is outside what was read).
// managerDn is the raw manager DN as the directory holds it: a delta read does not return an
// unchanged manager, so whoever merges a delta resolves managerDn against the merged users.
struct SourceUserEntry
{
    QString dn;
    QString managerDn;
    DirectoryUser user;
};
// A full read appends 50,000 of them: growing the list moves them as bytes (every member is an
// implicitly shared Qt type, which may be moved so).
Q_DECLARE_TYPEINFO(SourceUserEntry, Q_RELOCATABLE_TYPE);

// A group with its direct members as DNs (users and groups alike); nesting is expanded by
// whoever builds the snapshot, with loop detection, unless the source resolved it itself
// (GroupNesting::MatchingRuleInChain), in which case memberDns already holds every user.
struct SourceGroupEntry
{
    QString dn;
    QString anchor;
    QString name;
    QString description;
    QStringList memberDns;
};
Q_DECLARE_TYPEINFO(SourceGroupEntry, Q_RELOCATABLE_TYPE);

// What to read. A delta read returns only entries changed since `sinceHighWaterMark`, plus
// the anchors of everything present (for deletions); it is refused (SourceReadError::Kind::
// DeltaNotPossible) when the directory cannot honour it, e.g. AD's invocationId changed
// because another or a restored domain controller answered.
struct SourceReadRequest
{
    bool full = true;
    QString sinceHighWaterMark; // from the previous SourceRead, when !full
    QString expectedServerIdentity; // from the previous SourceRead, when !full
};

// One complete, consistent read of a directory source. An incomplete read is never
// returned: it is a SourceReadError instead.
struct SourceRead
{
    QList<SourceUserEntry> users;
    QList<SourceGroupEntry> groups;
    // Delta reads only: anchors of every user and group present now.
    bool delta = false;
    QStringList presentUserAnchors;
    QStringList presentGroupAnchors;

    QString highWaterMark; // AD: highestCommittedUSN; OpenLDAP: contextCSN
    QString serverIdentity; // AD: the DC's invocationId; OpenLDAP: the serverID/contextCSN sid
    QStringList notes; // for the admin: e.g. "3 users without userPrincipalName skipped"
    QDateTime readAt;
};
