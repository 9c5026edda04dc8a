#pragma once

#include "model/DirectoryUser.h"

#include <QList>
#include <QString>

// A group member as a directory source named it (a DN), with the local id of the object it
// resolved to when the group was read (0: none). The id keeps a membership when the member is
// renamed or moved later without the group being changed, as Active Directory's DN-valued
// `member` does; the DN resolves members that were outside what was read then.
struct CachedMember
{
    QString dn;
    qint64 resolvedId = 0;
};

// A user of a directory source's last complete read, under its stable local id
// (user.id == id, user.objectId == anchor). A manager the directory named by DN is resolved to
// the manager's userName when the snapshot is built: through managerId (the user the DN named
// when this user was read, so a manager renamed since, which a delta read does not return with
// this user, is still found), else through managerDn.
struct CachedSourceUser
{
    qint64 id = 0;
    QString dn;
    QString managerDn;
    qint64 managerId = 0;
    DirectoryUser user;
};

struct CachedSourceGroup
{
    qint64 id = 0;
    QString anchor;
    QString dn;
    QString name;
    QString description;
    QList<CachedMember> members; // direct members, in the order read
};
