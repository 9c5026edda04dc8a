#pragma once

#include "ExitCode.h"
#include "ServerOptionsArguments.h"
#include "model/ScimServer.h"
#include "servers/ServerSaveError.h"

#include <QCommandLineOption>
#include <QCommandLineParser>
#include <QString>

#include <optional>

class CliContext;

// scimdesk-cli servers list|show|add|edit|remove|test: the SCIM Servers page on the command
// line. Saving goes through ServerCatalog (server row and secret together) and presets
// through ServerTypeRegistry::applyPreset, exactly as the GUI does.
class ServersCommand
{
public:
    explicit ServersCommand(CliContext& context);

    static QString summary();
    int run(const QString& subcommand);

    // The exit code of a refused save (a server's or, the same shape, a source's): 2 for input,
    // 6 for the profile or the keychain.
    static ExitCode exitCodeFor(const ServerSaveError& error);

private:
    // The options add and edit share.
    struct EditOptions
    {
        QCommandLineOption name;
        QCommandLineOption description;
        QCommandLineOption url;
        QCommandLineOption type;
        QCommandLineOption authScheme;
        QCommandLineOption basicUsername;
        QCommandLineOption oauthTokenUrl;
        QCommandLineOption oauthClientId;
        QCommandLineOption oauthScope;
        QCommandLineOption caFile;
        QCommandLineOption tokenStdin;
        ServerOptionsArguments serverOptions;
        EditOptions();
        void addTo(QCommandLineParser& parser) const;
    };

    int list();
    int show();
    int add();
    int edit();
    int remove();
    int test();

    // Fills server from the options; returns an exit code on a bad value.
    std::optional<int> applyOptions(const QCommandLineParser& parser, const EditOptions& options, ScimServer& server);
    // The secret to save: --token-stdin, else the headless source's. Empty when neither was given.
    QString secretFromOptions(const QCommandLineParser& parser, const EditOptions& options);
    // show, edit, remove and test: parses the arguments naming one server, opens the profile and
    // finds it. Returns std::nullopt with *exitCode set when the command must stop.
    std::optional<ScimServer> openNamedServer(
        QCommandLineParser& parser, const QString& nameDescription, const QString& usage, int* exitCode);
    void printServer(const ScimServer& server);
    int usageHelp() const;
    int failSave(const ServerSaveError& error) const;

    CliContext& m_context;
};
