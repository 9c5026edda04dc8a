#include "CliApplication.h"

#include "AppsCommand.h"
#include "CliContext.h"
#include "DirectoryCommand.h"
#include "GlobalOptions.h"
#include "SandboxCommand.h"
#include "ServersCommand.h"
#include "SourcesCommand.h"
#include "SyncCommand.h"

#include <QCommandLineParser>
#include <QCoreApplication>

#include <cstdio>

namespace {
QString tr(const char* text)
{
    return QCoreApplication::translate("cli", text);
}

void printTo(FILE* stream, const QString& text)
{
    const QByteArray bytes = text.toUtf8();
    std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stream);
    std::fflush(stream);
}

bool hasSubcommands(const QString& command)
{
    return command == QLatin1String("servers") || command == QLatin1String("sources")
        || command == QLatin1String("apps") || command == QLatin1String("directory")
        || command == QLatin1String("runs");
}
} // namespace

QString CliApplication::commandList()
{
    return tr("Commands:\n") + ServersCommand::summary() + QLatin1Char('\n') + SourcesCommand::summary()
        + QLatin1Char('\n') + AppsCommand::summary() + QLatin1Char('\n') + DirectoryCommand::summary()
        + QLatin1Char('\n') + SyncCommand::summary() + QLatin1Char('\n') + SandboxCommand::summary() + QLatin1Char('\n')
        + tr("\nRun scimdesk-cli COMMAND [SUBCOMMAND] --help for a command's options.\n"
             "Exit codes: 0 success, 1 operation failed, 2 usage error, 3 deletion threshold refused "
             "(rerun with --confirm-deletions), 4 connection/authentication failure, 5 cancelled, 6 profile or "
             "keychain error.\n");
}

bool CliApplication::hasTokenArgument(const QStringList& arguments)
{
    for (int i = 1; i < arguments.size(); ++i) {
        const QString& argument = arguments.at(i);
        if (argument == QLatin1String("--")) {
            break;
        }
        if (argument == QLatin1String("--token") || argument.startsWith(QLatin1String("--token="))
            || argument == QLatin1String("-token") || argument.startsWith(QLatin1String("-token="))) {
            return true;
        }
    }
    return false;
}

int CliApplication::run(const QStringList& arguments)
{
    if (hasTokenArgument(arguments)) {
        printTo(stderr,
            tr("error: a token is never accepted on the command line: every local user can read it with ps, and "
               "it stays in your shell history.\n"
               "  Store it in the keychain with --token-stdin (e.g. pass show scim | scimdesk-cli servers add ... "
               "--token-stdin), or on a machine without a keychain use --token-env NAME or --token-file PATH "
               "(chmod 600).\n"));
        return toInt(ExitCode::Usage);
    }

    // Global options may come before the command; everything from the command on is the
    // command's to parse (global options included, so they work after it too).
    const GlobalOptions global;
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("ScimDesk on the command line: SCIM servers, applications, the directory, previewed syncs and a local "
           "sandbox, sharing the GUI's profile."));
    global.addTo(parser);
    const QCommandLineOption help = parser.addHelpOption();
    const QCommandLineOption version = parser.addVersionOption();
    parser.addPositionalArgument(QStringLiteral("command"), tr("What to do; see Commands below."), tr("COMMAND ..."));
    parser.setOptionsAfterPositionalArgumentsMode(QCommandLineParser::ParseAsPositionalArguments);
    if (!parser.parse(arguments)) {
        printTo(stderr, tr("error: %1\n  See: scimdesk-cli --help\n").arg(parser.errorText()));
        return toInt(ExitCode::Usage);
    }
    const QStringList tail = parser.positionalArguments();
    if (tail.isEmpty()) {
        if (parser.isSet(version)) {
            printTo(stdout, QStringLiteral("scimdesk-cli %1\n").arg(QCoreApplication::applicationVersion()));
            return toInt(ExitCode::Success);
        }
        const QString text = parser.helpText() + QLatin1Char('\n') + commandList();
        if (parser.isSet(help)) {
            printTo(stdout, text);
            return toInt(ExitCode::Success);
        }
        printTo(stderr, tr("error: no command given.\n\n") + text);
        return toInt(ExitCode::Usage);
    }

    const int commandIndex = int(arguments.size() - tail.size());
    const QString command = tail.at(0);
    QString subcommand;
    int consumed = 1;
    if (hasSubcommands(command) && tail.size() > 1 && !tail.at(1).startsWith(QLatin1Char('-'))) {
        subcommand = tail.at(1);
        consumed = 2;
        // directory users|groups ACTION: one more word names what to do.
        const bool objectWord = subcommand == QLatin1String("users") || subcommand == QLatin1String("groups");
        if (command == QLatin1String("directory") && objectWord && tail.size() > 2
            && !tail.at(2).startsWith(QLatin1Char('-'))) {
            subcommand += QLatin1Char(' ') + tail.at(2);
            consumed = 3;
        }
    }
    const QStringList commandArguments = arguments.mid(0, commandIndex) + tail.mid(consumed);
    const QString words = subcommand.isEmpty() ? command : command + QLatin1Char(' ') + subcommand;
    CliContext context(commandArguments, words);

    if (command == QLatin1String("servers")) {
        return ServersCommand(context).run(subcommand);
    }
    if (command == QLatin1String("sources")) {
        return SourcesCommand(context).run(subcommand);
    }
    if (command == QLatin1String("apps")) {
        return AppsCommand(context).run(subcommand);
    }
    if (command == QLatin1String("directory")) {
        return DirectoryCommand(context).run(subcommand);
    }
    if (command == QLatin1String("sandbox")) {
        return SandboxCommand(context).run();
    }
    if (SyncCommand::handles(command)) {
        return SyncCommand(context).run(command, subcommand);
    }
    printTo(stderr, tr("error: unknown command \"%1\".\n\n").arg(command) + commandList());
    return toInt(ExitCode::Usage);
}
