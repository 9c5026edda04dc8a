#pragma once

#include "model/DirectorySource.h"
#include "sources/SourceCatalog.h"

#include <QCommandLineOption>
#include <QCommandLineParser>
#include <QString>

#include <optional>

class CliContext;

// scimdesk-cli sources list|show|add|edit|remove|test|read: the directory sources (Active
// Directory, LDAP) of the profile. Saving goes through SourceCatalog (the source and its bind
// password together) and source types through SourceTypeRegistry::applyType, as the GUI does;
// `test` and `read` are SourceTestCommand and SourceReadCommand.
class SourcesCommand
{
public:
    explicit SourcesCommand(CliContext& context);

    static QString summary();
    int run(const QString& subcommand);

    // show, edit, remove, test and read: parses the arguments naming one source, opens the
    // profile and finds it. Returns std::nullopt with *exitCode set when the command must stop.
    static std::optional<DirectorySource> openNamedSource(CliContext& context, QCommandLineParser& parser,
        const QString& nameDescription, const QString& usage, int* exitCode);

private:
    // The options add and edit share.
    struct EditOptions
    {
        QCommandLineOption name;
        QCommandLineOption description;
        QCommandLineOption type;
        QCommandLineOption url;
        QCommandLineOption baseDn;
        QCommandLineOption bindDn;
        QCommandLineOption passwordStdin;
        QCommandLineOption startTls;
        QCommandLineOption noStartTls;
        QCommandLineOption caFile;
        QCommandLineOption userFilter;
        QCommandLineOption groupFilter;
        QCommandLineOption pageSize;
        QCommandLineOption timeout;
        QCommandLineOption map;
        QCommandLineOption unmap;
        EditOptions();
        void addTo(QCommandLineParser& parser) const;
    };

    int list();
    int show();
    int add();
    int edit();
    int remove();

    // --type: the source type's settings, and what they overwrote in *changes.
    std::optional<int> applyType(
        const QCommandLineParser& parser, const EditOptions& options, DirectorySource& source, QStringList* changes);
    // The explicit options, after the type; returns an exit code on a bad value.
    std::optional<int> applyOptions(
        const QCommandLineParser& parser, const EditOptions& options, DirectorySource& source);
    // --unmap, then --map, on the mappings the type (or the stored source) has.
    std::optional<int> applyMappingOptions(
        const QCommandLineParser& parser, const EditOptions& options, DirectorySource& source);
    // --password-stdin: the password to store. std::nullopt when not given; an exit code in
    // *exitCode when it was given but is empty or clashes with the headless options.
    std::optional<QString> passwordFromOptions(
        const QCommandLineParser& parser, const EditOptions& options, int* exitCode);
    void printSource(const DirectorySource& source, const QStringList& typeChanges = {});
    void reportSaved(const DirectorySource& source, const QStringList& typeChanges, const QString& verb);
    int failSave(const SourceSaveError& error) const;

    CliContext& m_context;
};
