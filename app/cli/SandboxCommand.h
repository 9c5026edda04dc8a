#pragma once

#include <QString>

class CliContext;

// scimdesk-cli sandbox: runs the AWS IAM Identity Center emulator on loopback as a target to
// try ScimDesk against without touching a real tenant. Prints the base URL and where the
// token is, and serves until Ctrl-C.
class SandboxCommand
{
public:
    explicit SandboxCommand(CliContext& context);

    static QString summary();
    int run();

private:
    CliContext& m_context;
};
