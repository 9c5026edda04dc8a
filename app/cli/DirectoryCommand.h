#pragma once

#include <QString>

class CliContext;

// scimdesk-cli directory import|export users|groups FILE: CSV in and out of the embedded
// directory, with every problem reported by line number before anything is written.
class DirectoryCommand
{
public:
    explicit DirectoryCommand(CliContext& context);

    static QString summary();
    int run(const QString& subcommand);

private:
    int importCsv();
    int exportCsv();

    CliContext& m_context;
};
