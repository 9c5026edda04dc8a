#pragma once

#include <mapping/AttributeChange.h>
#include <scim/PatchOperation.h>

#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>

// One change the executor makes on the target. Members are referred to by directory
// object id: users created earlier in the same run get their target id only while it runs.
struct PlannedOperation
{
    enum class Kind
    {
        CreateUser,
        LinkUser, // an unlinked target user matched a directory user and needs no change
        UpdateUser,
        DisableUser,
        DeleteUser,
        CreateGroup,
        LinkGroup,
        RenameGroup,
        AddMembers,
        RemoveMembers,
        DeleteGroup,
    };

    Kind kind = Kind::CreateUser;
    QString directoryObjectId;
    QString targetId; // empty for creates
    QString displayName; // what the preview and the journal call the object
    QJsonObject payload; // create body
    QList<PatchOperation> patch; // update/rename/disable body
    QList<AttributeChange> changes; // UpdateUser: before → after
    bool linkFirst = false; // UpdateUser of a matched, not yet linked target user
    // Users: how to find the user again (TargetMatcher keys) after a 409, an unknown create
    // outcome or a 404 of its link.
    QList<QPair<QString, QString>> matchKeys;
    // The members of CreateGroup (sent on create), AddMembers and RemoveMembers, as two parallel
    // lists: the directory object id and the target id of each member, empty where not known
    // (a user created in the same run has no target id yet). AddMembers and CreateGroup send
    // the directory ids' targets as they are when the operation runs; RemoveMembers sends the
    // target ids.
    QStringList memberDirectoryIds;
    QStringList memberTargetIds;
    // UpdateUser that sets the manager of a user whose manager is created in the same run: the
    // manager's target id exists only once that create has run, so this update waits for every
    // user operation (its own phase) and sends the id the run recorded, the way added members
    // wait for their users. targetId is empty when the user is created in the same run too.
    QString managerDirectoryId;

    bool isUserOperation() const { return kind <= Kind::DeleteUser; }
    bool isWrite() const { return kind != Kind::LinkUser && kind != Kind::LinkGroup; }
    bool isDeprovision() const
    {
        return kind == Kind::DisableUser || kind == Kind::DeleteUser || kind == Kind::DeleteGroup;
    }

    bool setsPendingManager() const { return !managerDirectoryId.isEmpty(); }
    bool isMembershipChange() const { return kind == Kind::AddMembers || kind == Kind::RemoveMembers; }
    // How many members the operation adds or removes (CreateGroup: sends on create).
    int memberCount() const
    {
        return int(kind == Kind::RemoveMembers ? memberTargetIds.size() : memberDirectoryIds.size());
    }

    static QString kindId(Kind kind);
    static QList<Kind> allKinds();
    // Translated, for the preview table.
    static QString kindLabel(Kind kind);
};
