#pragma once

#include "model/Application.h"
#include "model/ScimServer.h"

#include <QJsonObject>
#include <QString>

#include <optional>

class CliContext;
class QCommandLineParser;
struct SyncPlan;
struct SyncRunSummary;

// scimdesk-cli sync APP --dry-run|--apply, provision-user APP USER and runs list|show: the
// "Sync now" and "Provision one user" flows through the same SyncSession the GUI uses. An
// apply always applies the plan it just previewed (and printed), nothing else.
class SyncCommand
{
public:
    explicit SyncCommand(CliContext& context);

    static QString summary();
    static bool handles(const QString& command);
    int run(const QString& command, const QString& subcommand);

    static QJsonObject planJson(const SyncPlan& plan, const QString& applicationName, const QString& serverName);
    static QString planText(const SyncPlan& plan, const QString& applicationName, const QString& serverName);

private:
    int sync();
    int provisionUser();
    int runs(const QString& subcommand);
    int listRuns();
    int showRun();

    // Finds the application and its SCIM server; exit code on failure.
    std::optional<int> resolve(const QString& applicationName, Application* application, ScimServer* server);
    // Previews (and for apply/provision applies) with progress, Ctrl-C and exit-code mapping.
    int execute(const Application& application, const ScimServer& server, bool apply, bool confirmed,
        std::optional<qint64> onlyUserId);
    int exitCodeFor(const SyncRunSummary& summary, bool authFailed) const;

    CliContext& m_context;
};
