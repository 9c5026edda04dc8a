#pragma once

#include "model/DirectoryGroup.h"
#include "model/DirectoryUser.h"

#include <QJsonObject>
#include <QList>

class DirectoryRepository;

// The JSON shapes of `directory users|groups` (docs/cli.md). Every id is labelled: "id" is the
// row id in the profile, "objectId" the immutable directory object id a SCIM server sees as
// externalId.
class DirectoryJson
{
public:
    static QJsonObject user(const DirectoryUser& user);
    // With the groups that hold the user directly.
    static QJsonObject userWithGroups(const DirectoryUser& user, const QList<DirectoryGroup>& groups);
    // With its direct members (users by userName, groups by name) and the groups that hold it.
    static QJsonObject group(const DirectoryGroup& group, const DirectoryRepository& repository);
    // Without members, for lists: the member counts only.
    static QJsonObject groupSummary(const DirectoryGroup& group);
    // One group or user as a reference: {"objectId", "displayName"|"userName"}.
    static QJsonObject groupReference(const DirectoryGroup& group);
    static QJsonObject userReference(const DirectoryUser& user);
};
