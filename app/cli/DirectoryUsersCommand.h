#pragma once

#include "ExitCode.h"

#include "model/DirectoryUser.h"

#include <QCommandLineOption>
#include <QCommandLineParser>
#include <QList>
#include <QString>

#include <memory>
#include <optional>

class CliContext;
class DirectoryRepository;
struct StorageError;

// scimdesk-cli directory users list|show|add|edit|remove: the Directory page's user editor on
// the command line. Saving goes through DirectoryRepository with its checks, as the GUI's
// editor does; the object id never changes, so a user renamed with `edit --user-name` stays
// the same object on every SCIM server (the next sync updates it in place).
class DirectoryUsersCommand
{
public:
    explicit DirectoryUsersCommand(CliContext& context);
    ~DirectoryUsersCommand();

    static QString summary();
    int run(const QString& action);
    // Bad input (invalid, duplicate, gone) is a usage error; the rest is the profile's.
    static ExitCode exitCodeFor(const StorageError& error);

private:
    // The attribute options add and edit share.
    struct FieldOptions
    {
        QList<QPair<QCommandLineOption, QString>> fields; // option → DirectoryUser attribute
        QCommandLineOption active;
        QCommandLineOption inactive;
        QCommandLineOption attribute;
        FieldOptions();
        void addTo(QCommandLineParser& parser) const;
    };

    int list();
    int show();
    int add();
    int edit();
    int remove();

    // Sets what the options give; returns an exit code on a bad value.
    std::optional<int> applyFields(const QCommandLineParser& parser, const FieldOptions& options, DirectoryUser& user);
    // show, edit and remove: parses the arguments naming one user (by userName or object id),
    // opens the profile and finds the user (m_repository is set from then on). std::nullopt with
    // *exitCode set to stop.
    std::optional<DirectoryUser> openNamedUser(
        QCommandLineParser& parser, const QString& nameDescription, const QString& usage, int* exitCode);
    int failSave(const StorageError& error) const;
    void printUser(const DirectoryUser& user, const DirectoryRepository& repository) const;

    CliContext& m_context;
    std::unique_ptr<DirectoryRepository> m_repository;
};
