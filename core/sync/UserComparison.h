#pragma once

#include "DesiredState.h"
#include "TargetSnapshot.h"
#include "UserPatch.h"

#include <mapping/AttributeDiff.h>
#include <model/ServerCapabilities.h>

#include <optional>
#include <vector>

// A desired user against the target user it was found as, on the mapped update paths, from the
// values both kept (CompactResource) rather than from their JSON. The desired body is parsed back
// only for the few users that differ somewhere, and then diffed and patched exactly as before:
// equal values are equivalent, so only users whose values differ can need an update.
class UserComparison
{
public:
    // The manager's value as the planner resolved it (the manager's target id, or the target's
    // own value); nullopt: as mapped. Null or undefined removes it.
    using Manager = std::optional<QJsonValue>;

    UserComparison(const QStringList& updatePaths, const QStringList& caseInsensitivePaths,
        const ResourceProjection& desired, const ResourceProjection& target);

    // Update paths one side did not keep: they cannot be compared and are left as the target has them.
    QStringList uncomparedPaths() const { return m_uncompared; }

    QJsonValue desiredManager(const DesiredUser& user) const;
    QJsonValue targetManager(const TargetUser& user) const;

    // Whether user holds the target's value at every update path.
    bool sameValues(const DesiredUser& user, const TargetUser& current, const Manager& manager) const;
    // The body to send: the mapped resource with the manager as resolved.
    QJsonObject bodyOf(const DesiredUser& user, const Manager& manager) const;
    // The changes and the PATCH that bring current to body (the desired user's bodyOf()).
    UserPatch::Outcome patch(
        const QJsonObject& body, const TargetUser& current, const ServerCapabilities& capabilities) const;

private:
    static QList<ScimPath> comparedPaths(
        const QStringList& updatePaths, const ResourceProjection& desired, const ResourceProjection& target);

    const QList<ScimPath> m_paths;
    const AttributeDiff m_differ;
    // Per compared path: its number in each side's projection, and whether it is the manager.
    std::vector<int> m_desiredPath;
    std::vector<int> m_targetPath;
    std::vector<bool> m_isManagerPath;
    int m_desiredPathCount = 0;
    int m_targetPathCount = 0;
    int m_desiredManagerPath = -1;
    int m_targetManagerPath = -1;
    QStringList m_uncompared;
};
