#pragma once

#include "PresetChange.h"
#include "ServerType.h"

#include <QStringList>

// The Server Type notice in words an admin knows: one line per section that changes
// (authentication, SCIM attributes, static attributes, how the server behaves, protected
// objects) instead of the ~40 setting-by-setting lines of PresetChange::changes, which stay
// available behind "Show details".
class PresetChangeSummary
{
public:
    static QStringList summarize(const PresetChange& change, const ServerType& preset, const ScimServer& before);
    // The server's limits in plain language, e.g. "reads users in pages of up to 100".
    static QStringList describeCapabilities(const ServerCapabilities& capabilities);
};
