#pragma once

class CliContext;

// scimdesk-cli sources test NAME: the guided connection test of a directory source (DNS, TCP,
// TLS with the source's CA, bind, base DN, users and groups found, a sample user with every
// mapped attribute, nesting), each step with its verdict, cause and fix. Exit code 0 when it
// passes (warnings included), 4 when a step fails, 5 when interrupted.
class SourceTestCommand
{
public:
    explicit SourceTestCommand(CliContext& context);

    int run();

private:
    CliContext& m_context;
};
