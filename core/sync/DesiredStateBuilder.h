#pragma once

#include "DesiredState.h"

#include <model/Application.h>
#include <model/DirectoryGroup.h>
#include <model/DirectoryUser.h>
#include <model/ScimServer.h>

#include <optional>

// Scope + mapping + validation: turns the directory into the DesiredState the planner
// compares with the target. Pure; runs off the GUI thread.
class DesiredStateBuilder
{
public:
    // onlyUserId: single-user provisioning (that user alone, no groups).
    static DesiredState build(const Application& application, const ScimServer& server,
        const QList<DirectoryUser>& users, const QList<DirectoryGroup>& groups,
        std::optional<qint64> onlyUserId = std::nullopt);
};
