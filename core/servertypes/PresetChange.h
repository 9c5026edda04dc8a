#pragma once

#include "model/ScimServer.h"

#include <QStringList>

// What applying a server-type preset to a server does: the server afterwards and, for the
// confirmation dialog, one human-readable line per setting that would be overwritten.
// Applying a preset a server already matches yields no lines and no flags.
struct PresetChange
{
    ScimServer result;
    QStringList changes;
    bool authChanged = false;
    bool mappingsChanged = false;
    bool staticChanged = false;
    bool capabilitiesChanged = false;
    bool optionsChanged = false; // protected patterns the preset adds

    bool hasChanges() const { return !changes.isEmpty(); }
};
