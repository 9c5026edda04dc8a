#pragma once

#include "model/Application.h"

#include <QCommandLineOption>
#include <QCommandLineParser>
#include <QString>

#include <optional>

class CliContext;

// scimdesk-cli apps list|show|add|edit|remove: Application Manager on the command line —
// the SCIM server an application provisions through and who is in scope.
class AppsCommand
{
public:
    explicit AppsCommand(CliContext& context);

    static QString summary();
    int run(const QString& subcommand);

    // Parses one --filter clause "attribute operator [value]"; the value may be quoted.
    // Operators: equals, notEquals, startsWith, endsWith, matchesRegex, isEmpty, isNotEmpty,
    // isTrue, isFalse (case-insensitive), or = and !=.
    static std::optional<ScopingClause> parseClause(const QString& text, QString* error);

private:
    struct EditOptions
    {
        QCommandLineOption name;
        QCommandLineOption description;
        QCommandLineOption signInProtocol;
        QCommandLineOption server;
        QCommandLineOption noServer;
        QCommandLineOption source;
        QCommandLineOption allUsers;
        QCommandLineOption notAllUsers;
        QCommandLineOption allGroups;
        QCommandLineOption notAllGroups;
        QCommandLineOption assignUser;
        QCommandLineOption unassignUser;
        QCommandLineOption assignGroup;
        QCommandLineOption unassignGroup;
        QCommandLineOption filter;
        QCommandLineOption clearFilters;
        EditOptions();
        void addTo(QCommandLineParser& parser) const;
    };

    int list();
    int show();
    int add();
    int edit();
    int remove();
    // The scheduled run names the application: after a rename its entry is written again with
    // the new name, after a delete (newName empty) it is removed, as Application Manager does.
    void followSchedule(qint64 applicationId, const QString& newName) const;

    std::optional<int> applyOptions(const QCommandLineParser& parser, const EditOptions& options, Application& app);
    // --source NAME|embedded; a new source drops the users and groups assigned from the old one.
    std::optional<int> applySourceOption(
        const QCommandLineParser& parser, const EditOptions& options, Application& app);
    // --assign-*/--unassign-*: users and groups named as in the application's source.
    std::optional<int> applyAssignmentOptions(
        const QCommandLineParser& parser, const EditOptions& options, Application& app);
    // The id of the user (userName, or DN in a directory source) or group (name or DN) in the
    // application's source; a directory source not read yet is read first. Reports a failure.
    std::optional<int> findInSource(const Application& app, bool group, const QString& name, qint64* id);
    // A name for an assigned id, as the source calls it ("#id" when it is unknown).
    QString nameInSource(const Application& app, bool group, qint64 id);
    // --clear-filters and --filter: the clauses of one command form one more scoping filter.
    std::optional<int> applyFilterOptions(
        const QCommandLineParser& parser, const EditOptions& options, Assignment& assignment);
    // show, edit and remove: parses the arguments naming one application, opens the profile and
    // finds it. Returns std::nullopt with *exitCode set when the command must stop.
    std::optional<Application> openNamedApplication(
        QCommandLineParser& parser, const QString& nameDescription, const QString& usage, int* exitCode);
    void printApplication(const Application& application);
    QJsonObject applicationJson(const Application& application);

    CliContext& m_context;
};
