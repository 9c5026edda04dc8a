#pragma once

#include "CompactResource.h"
#include "ResourceProjection.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <memory>

struct TargetUser
{
    QString id;
    bool active = true;
    // The values at the paths of TargetSnapshot::projection, the multi-valued attributes a PATCH
    // merges into (for attribute-level comparison), and the texts below.
    CompactResource resource;

    // Read for protected patterns, matching and messages: kept in resource, not as strings of
    // their own (a string is 24 bytes in the struct and a 48-byte allocation, per user).
    QString displayName() const { return resource.text(0); }
    QString externalId() const { return resource.text(1); }
    QString userName() const { return resource.text(2); }
};

struct TargetGroup
{
    QString id;
    QString displayName;
    QString externalId;
    QStringList memberIds; // target user ids
    bool membersRead = false; // false when membership was not needed and not read
};

// Everything the target holds that the planner compares against. A snapshot is always
// complete: TargetReader fails rather than hand out a partial one.
struct TargetSnapshot
{
    QList<TargetUser> users;
    QList<TargetGroup> groups;
    // What every user keeps of the resource the server returned; never null.
    std::shared_ptr<const ResourceProjection> projection = std::make_shared<const ResourceProjection>();

    static TargetUser userFromJson(const QJsonObject& resource, const ResourceProjection& projection);
    // Member ids share the text of the users' ids: one string per user, not per membership.
    void shareMemberIds();
    static TargetGroup groupFromJson(const QJsonObject& resource);
};
