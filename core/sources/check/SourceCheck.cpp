#include "SourceCheck.h"

#include "util/DisplayText.h"

#include <QCoreApplication>
#include <QElapsedTimer>

SourceCheck::SourceCheck(SourceTestStep step)
    : m_step(step)
{
}

SourceTestStepResult SourceCheck::run(SourceCheckContext& context)
{
    SourceTestStepResult result;
    result.step = m_step;
    result.verdict = ConnectionVerdict::Pass;
    QElapsedTimer clock;
    clock.start();
    check(context, result);
    result.durationMs = clock.elapsed();
    return result;
}

void SourceCheck::fail(SourceTestStepResult& result, const SourceReadError& error)
{
    result.verdict
        = error.kind == SourceReadError::Kind::Cancelled ? ConnectionVerdict::Skipped : ConnectionVerdict::Fail;
    result.cause = error.message;
    result.fix = error.remedy;
    if (!error.diagnostic.isEmpty()) {
        result.details.append(QCoreApplication::translate("SourceCheck", "The server said: %1")
                                  .arg(DisplayText::escaped(error.diagnostic)));
    }
}

void SourceCheck::fail(SourceTestStepResult& result, LdapFailure failure, const SourceCheckContext& context,
    const LdapRemediation::Facts& facts)
{
    LdapRemediation::Facts all = context.facts();
    for (auto it = facts.begin(); it != facts.end(); ++it) {
        all.insert(it.key(), it.value());
    }
    fail(result, LdapRemediation::error(failure, all));
}

void SourceCheck::report(SourceTestStepResult& result, ConnectionVerdict verdict, SourceTestFinding finding,
    const SourceCheckContext& context, const SourceTestRemediation::Facts& facts)
{
    SourceTestRemediation::Facts all = context.facts();
    for (auto it = facts.begin(); it != facts.end(); ++it) {
        all.insert(it.key(), it.value());
    }
    const SourceTestRemediation::Text text = SourceTestRemediation::lookup(finding, all);
    result.verdict = ConnectionVerdicts::worst(result.verdict, verdict);
    result.cause = text.cause;
    result.fix = text.fix;
}
