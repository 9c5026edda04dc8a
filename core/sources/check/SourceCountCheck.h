#pragma once

#include "SourceCheck.h"

// How many entries a filter finds below the base DN (paged, no attributes read): the users step
// fails with none, the groups step warns.
class SourceCountCheck : public SourceCheck
{
public:
    enum class What
    {
        Users,
        Groups,
    };

    explicit SourceCountCheck(What what);

protected:
    void check(SourceCheckContext& context, SourceTestStepResult& result) override;

private:
    What m_what;
};
