#pragma once

#include "SourceCheck.h"

// Whether groups contain groups and, with the in-chain rule, whether the directory answers it and
// agrees with expanding the members here.
class SourceNestingCheck : public SourceCheck
{
public:
    SourceNestingCheck();

protected:
    void check(SourceCheckContext& context, SourceTestStepResult& result) override;
};
