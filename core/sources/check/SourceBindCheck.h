#pragma once

#include "SourceCheck.h"

// Connects as the reader will and binds with the source's DN (or UPN) and password, or anonymously.
class SourceBindCheck : public SourceCheck
{
public:
    SourceBindCheck();

protected:
    void check(SourceCheckContext& context, SourceTestStepResult& result) override;
};
