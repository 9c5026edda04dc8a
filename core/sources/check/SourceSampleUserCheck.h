#pragma once

#include "SourceCheck.h"

// The first user the filter finds, with every mapped attribute as the reader maps it.
class SourceSampleUserCheck : public SourceCheck
{
public:
    SourceSampleUserCheck();

protected:
    void check(SourceCheckContext& context, SourceTestStepResult& result) override;
};
