#pragma once

#include <QList>
#include <QString>

// The steps of the guided connection test, in the order they run.
enum class ConnectionStep
{
    Url,
    Reachability,
    Authentication,
    TokenAge,
    Capabilities,
    Read,
    GroupRead,
    WriteRoundTrip,
    Latency,
};

namespace ConnectionSteps {

QList<ConnectionStep> all();
// Stable identifier ("url", "reachability", ...) for the CLI and scripts.
QString id(ConnectionStep step);
// Translated title shown in the step list.
QString title(ConnectionStep step);
// Whether a failure of this step makes the following steps meaningless (they are skipped).
bool failureBlocks(ConnectionStep step);

} // namespace ConnectionSteps
