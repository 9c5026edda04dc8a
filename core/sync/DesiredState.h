#pragma once

#include "CompactResource.h"
#include "ResourceProjection.h"

#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>

#include <memory>

// A directory user as the target should hold it: what the mapping produced, plus what the
// planner needs to find the user on the target.
struct DesiredUser
{
    // What validation had to say, for the few users it has something on.
    struct Validation
    {
        QString error; // non-empty: the target would reject this user; it is skipped
        QString fix; // what the admin can do about error
        QStringList filledIn; // values the server's fill-missing options invented for this user
    };

    QString directoryObjectId;
    QString userName;
    bool active = true;
    // The complete create body (CompactResource::kept()) and the values at the paths of
    // DesiredState::projection.
    CompactResource resource;
    // (SCIM attribute name, value) in matching precedence, e.g. externalId, userName, emails.value.
    QList<QPair<QString, QString>> matchKeys;
    std::shared_ptr<const Validation> validation; // null: nothing to say (most users)
    // The enterprise manager as the mapping produced it (the manager's userName) and, when the
    // directory holds that user, the manager's directory object id. The target wants the
    // manager's SCIM id, which only the planner knows (links and target snapshot).
    QString managerUserName;
    QString managerDirectoryId;

    QString validationError() const { return validation ? validation->error : QString(); }
    QString validationFix() const { return validation ? validation->fix : QString(); }
    QStringList filledIn() const { return validation ? validation->filledIn : QStringList(); }
};

// A directory group the application provisions, with its (flattened) user members.
struct DesiredGroup
{
    QString directoryObjectId;
    QString displayName;
    QStringList memberDirectoryIds; // directory object ids of users
};

// What the application should look like on the target, computed from the directory, the
// assignment and the server's mappings.
struct DesiredState
{
    QList<DesiredUser> users;
    QList<DesiredGroup> groups;
    QStringList updatePaths;
    QStringList caseInsensitivePaths;
    QStringList configurationErrors; // broken mappings: the sync must not run
    // The paths every user keeps the values of: update paths, matching attributes, manager. The
    // target snapshot is read with the same one.
    std::shared_ptr<const ResourceProjection> projection = std::make_shared<const ResourceProjection>();
};
