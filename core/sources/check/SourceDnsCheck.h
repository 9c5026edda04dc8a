#pragma once

#include "SourceCheck.h"

// Name lookup of the URL's host; the cancel is honoured while the resolver works.
class SourceDnsCheck : public SourceCheck
{
public:
    SourceDnsCheck();

protected:
    void check(SourceCheckContext& context, SourceTestStepResult& result) override;
};
