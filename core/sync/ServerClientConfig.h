#pragma once

#include <model/ScimServer.h>
#include <scim/ScimClientConfig.h>

#include <QString>

// The ScimClientConfig a sync (GUI or CLI) uses for a stored server: its URL, auth,
// capabilities and options, plus the secret read from the SecretStore. One place, so the
// GUI and the CLI talk to a server the same way.
namespace ServerClientConfig {

ScimClientConfig forServer(const ScimServer& server, const QString& secret);

} // namespace ServerClientConfig
