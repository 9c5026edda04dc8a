#pragma once

#include <QString>

#include <optional>

class CliContext;
class QCommandLineOption;
class QCommandLineParser;

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
    // Each returns std::nullopt after reporting the failure, with *exitCode set.
    std::optional<quint16> portFrom(
        const QCommandLineParser& parser, const QCommandLineOption& port, int* exitCode) const;
    // The --token-file path, or sandbox-token in the profile directory; created with a random
    // token when it does not exist.
    std::optional<QString> ensureTokenFile(const QCommandLineParser& parser, int* exitCode) const;
    std::optional<QString> readToken(const QString& tokenFile, int* exitCode) const;
    void printEndpoint(const QString& baseUrl, const QString& tokenFile) const;

    CliContext& m_context;
};
