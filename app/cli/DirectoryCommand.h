#pragma once

#include "CsvImportOutput.h"

#include <QCommandLineOption>
#include <QString>

#include <optional>

class CliContext;
class DirectoryCsvImporter;
class QCommandLineParser;

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
    // nullopt: go on with the import; else the exit code.
    std::optional<int> checkMirror(const QCommandLineParser& parser, DirectoryCsvImporter& importer, bool dryRun,
        CsvImportOutput::Mirror& mirror) const;

    CliContext& m_context;
    const QCommandLineOption m_mirror;
    const QCommandLineOption m_threshold;
    const QCommandLineOption m_confirm;
};
