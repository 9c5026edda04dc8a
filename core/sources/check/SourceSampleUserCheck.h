#pragma once

#include "SourceCheck.h"

// The first user the filter finds that a sync could use, with every mapped attribute as the reader maps it
// (directories start with built-in accounts no one provisions; those before it are counted).
class SourceSampleUserCheck : public SourceCheck
{
public:
    SourceSampleUserCheck();

protected:
    void check(SourceCheckContext& context, SourceTestStepResult& result) override;
};
