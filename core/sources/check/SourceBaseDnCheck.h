#pragma once

#include "SourceCheck.h"

// Reads the root DSE (what the server is) and the base DN's entry (that it exists and may be read).
class SourceBaseDnCheck : public SourceCheck
{
public:
    SourceBaseDnCheck();

protected:
    void check(SourceCheckContext& context, SourceTestStepResult& result) override;
};
