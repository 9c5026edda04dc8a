#pragma once

#include "SourceCheck.h"

// A TCP connection to the URL's port.
class SourceTcpCheck : public SourceCheck
{
public:
    SourceTcpCheck();

protected:
    void check(SourceCheckContext& context, SourceTestStepResult& result) override;
};
