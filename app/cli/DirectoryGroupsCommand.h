#pragma once

#include "model/DirectoryGroup.h"

#include <QCommandLineParser>
#include <QString>
#include <QStringList>

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
    std::optional<DirectoryGroup> findGroup(const DirectoryRepository& repository, const QString& name, int* exitCode);
    int failSave(const StorageError& error) const;
    void printGroup(const DirectoryGroup& group, const DirectoryRepository& repository) const;

    CliContext& m_context;
};
