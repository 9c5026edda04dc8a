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
    QStringList memberDirectoryIds; // CreateGroup (members sent on create) and AddMembers
    QStringList memberTargetIds; // RemoveMembers: already known on the target

    bool isUserOperation() const { return kind <= Kind::DeleteUser; }
    bool isWrite() const { return kind != Kind::LinkUser && kind != Kind::LinkGroup; }
    bool isDeprovision() const
    {
        return kind == Kind::DisableUser || kind == Kind::DeleteUser || kind == Kind::DeleteGroup;
    }

    static QString kindId(Kind kind);
    // Translated, for the preview table.
    static QString kindLabel(Kind kind);
};
