#pragma once

#include <QString>

// The outcome of one connection-test step, and of the whole test (the worst step wins).
enum class ConnectionVerdict
{
    Pass,
    Warning,
    Fail,
    Skipped, // not run: an earlier step failed, the test was cancelled, or the step was not requested
};

namespace ConnectionVerdicts {

// "pass", "warning", "fail", "skipped": stored in the profile and printed by the CLI.
QString id(ConnectionVerdict verdict);
// Translated label for the GUI and the text report ("Passed", "Warning", ...).
QString displayName(ConnectionVerdict verdict);
// Pass < Warning < Fail; Skipped ranks like Pass (it says nothing about the server).
ConnectionVerdict worst(ConnectionVerdict a, ConnectionVerdict b);

} // namespace ConnectionVerdicts
