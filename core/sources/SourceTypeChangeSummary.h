#pragma once

#include "SourceType.h"
#include "SourceTypeChange.h"

#include <QStringList>

// The Source Type notice in words an admin knows: one line per part of the source that changes
// (which entries are read, how users are recognised, the attribute mapping, group attributes,
// disabled accounts, nested groups) instead of SourceTypeChange::changes' setting-by-setting
// lines, which stay available behind "Show Details".
class SourceTypeChangeSummary
{
public:
    static QStringList summarize(const SourceTypeChange& change, const SourceType& type, const DirectorySource& before);
};
