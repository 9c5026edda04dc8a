#pragma once

#include "SourceCheckContext.h"
#include "SourceTestRemediation.h"
#include "SourceTestStepResult.h"

#include "ldap/LdapFailure.h"

// One step of the guided source test. Runs synchronously on the test's worker thread (every
// blocking call it makes gives up within 2 s of a cancel) and fills in its result; causes and
// fixes come from the remediation tables, a check only says what it found.
class SourceCheck
{
public:
    explicit SourceCheck(SourceTestStep step);
    virtual ~SourceCheck() = default;

    SourceTestStep step() const { return m_step; }
    SourceTestStepResult run(SourceCheckContext& context);

protected:
    virtual void check(SourceCheckContext& context, SourceTestStepResult& result) = 0;

    // The failure as the step's cause and fix; the server's own words become a detail.
    static void fail(SourceTestStepResult& result, const SourceReadError& error);
    static void fail(SourceTestStepResult& result, LdapFailure failure, const SourceCheckContext& context,
        const LdapRemediation::Facts& facts = {});
    static void report(SourceTestStepResult& result, ConnectionVerdict verdict, SourceTestFinding finding,
        const SourceCheckContext& context, const SourceTestRemediation::Facts& facts = {});

private:
    SourceTestStep m_step;
};
