#pragma once

#include <QList>
#include <QString>

// The steps of the guided source connection test, in the order they run.
enum class SourceTestStep
{
    Dns,
    Tcp,
    Tls,
    Bind,
    BaseDn,
    Users,
    Groups,
    SampleUser,
    Nesting,
};

namespace SourceTestSteps {

QList<SourceTestStep> all();
// Stable identifier ("dns", "tcp", "tls", "bind", "base-dn", "users", "groups", "sample-user",
// "nesting") for the CLI and scripts.
QString id(SourceTestStep step);
// Translated title shown in the step list.
QString title(SourceTestStep step);
// Whether a failure makes the following steps meaningless (they are skipped).
bool failureBlocks(SourceTestStep step);

} // namespace SourceTestSteps
