#pragma once

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

struct TargetUser
{
    QString id;
    QString userName;
    QString displayName;
    QString externalId;
    bool active = true;
    QJsonObject resource; // as the server returned it, for attribute-level comparison
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

    static TargetUser userFromJson(const QJsonObject& resource);
    static TargetGroup groupFromJson(const QJsonObject& resource);
};
