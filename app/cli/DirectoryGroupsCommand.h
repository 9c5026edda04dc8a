#pragma once

#include "model/DirectoryGroup.h"

#include <QCommandLineParser>
#include <QString>
#include <QStringList>

#include <memory>
#include <optional>

class CliContext;
class DirectoryRepository;
struct StorageError;

// scimdesk-cli directory groups list|show|add|edit|remove: the Directory page's group editor on
// the command line. Members are users and (nested) groups, as in the GUI; a nesting that would
// make a group contain itself is refused by DirectoryRepository, which both front ends save
// through. A rename keeps the object id, so the next sync renames the group on the server.
class DirectoryGroupsCommand
{
public:
    explicit DirectoryGroupsCommand(CliContext& context);
    ~DirectoryGroupsCommand();

    static QString summary();
    int run(const QString& action);

private:
    int list();
    int show();
    int add();
    int edit();
    int remove();

    // Adds the members named by `added` and drops those named by `removed` (user:NAME,
    // group:NAME, or a NAME that is one or the other). Returns an exit code on an unknown or
    // ambiguous name.
    std::optional<int> changeMembers(const DirectoryRepository& repository, const QStringList& added,
        const QStringList& removed, DirectoryGroup& group);
    // show, edit and remove: parses the arguments naming one group, opens the profile and finds
    // the group (m_repository is set from then on). std::nullopt with *exitCode set to stop.
    std::optional<DirectoryGroup> openNamedGroup(
        QCommandLineParser& parser, const QString& nameDescription, const QString& usage, int* exitCode);
    int failSave(const StorageError& error) const;
    void printGroup(const DirectoryGroup& group, const DirectoryRepository& repository) const;

    CliContext& m_context;
    std::unique_ptr<DirectoryRepository> m_repository;
};
