#include "UrlCheck.h"

UrlCheck::UrlCheck(ConnectionCheckContext& context, QObject* parent)
    : ConnectionCheck(ConnectionStep::Url, context, parent)
{
}

QString UrlCheck::checked() const
{
    const UrlDiagnosis& url = context().url();
    if (!url.recognisedTypeName().isEmpty() && !url.hints().urlTemplate.isEmpty())
        return tr("The URL's scheme, host and path against the %1 SCIM endpoint shape %2")
            .arg(url.recognisedTypeName(), url.hints().urlTemplate);
    return tr("The URL's scheme, host and path");
}

void UrlCheck::run()
{
    const UrlDiagnosis& url = context().url();
    ConnectionStepResult& step = result();
    step.verdict = url.verdict();
    step.cause = url.cause();
    step.fix = url.fix();
    step.details = url.details();
    if (!url.suggestedUrl().isEmpty())
        step.details << tr("Suggested URL: %1").arg(url.suggestedUrl());
    finish();
}
