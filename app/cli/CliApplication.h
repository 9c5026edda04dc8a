#pragma once

#include <QStringList>

// scimdesk-cli's entry: refuses secrets on the command line, reads the global options,
// finds the command words ("servers add") and hands the rest to the command.
class CliApplication
{
public:
    // arguments as QCoreApplication::arguments(); returns the process exit code.
    static int run(const QStringList& arguments);

private:
    static QString commandList();
    // A token value given on the command line (--token VALUE, --token=VALUE), which any
    // local user could read with ps and which lands in shell history.
    static bool hasTokenArgument(const QStringList& arguments);
};
