#pragma once

#include "model/DirectorySource.h"

#include <QStringList>

// What choosing a source type does to a source: the source afterwards and, for the
// confirmation notice (GUI) or the CLI's report, one line per setting it overwrites. Choosing the
// type a source already matches yields no lines.
struct SourceTypeChange
{
    DirectorySource result;
    QStringList changes;
    bool filtersChanged = false;
    bool anchorChanged = false;
    bool mappingsChanged = false;
    bool groupAttributesChanged = false;
    bool disabledRuleChanged = false;
    bool nestingChanged = false;

    bool hasChanges() const { return !changes.isEmpty(); }
};
