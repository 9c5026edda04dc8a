#pragma once

#include "controller/SyncFailure.h"
#include "controller/SyncSetup.h"

#include <QJsonObject>
#include <QString>

#include <optional>

class ApplicationSync;
class CliContext;
class QCommandLineParser;
struct ProvisionTrace;
struct SyncPlan;
struct SyncRunSummary;

// scimdesk-cli sync APP --dry-run|--apply, provision-user APP USER and runs list|show: the
// "Sync now" and "Provision one user" flows, as views of the same ApplicationSync the GUI
// uses. An apply always applies the plan it just previewed (and printed), nothing else.
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
    std::optional<int> resolve(const QString& applicationName, SyncSetup* setup);
    // The user provision-user names: a userName of the embedded directory, or a userName or DN of
    // the application's directory source; exit code on failure.
    std::optional<int> findUser(const SyncSetup& setup, const QString& name, qint64* userId);
    // Previews (and with apply applies) with progress, Ctrl-C and exit-code mapping.
    int execute(const SyncSetup& setup, bool apply, bool confirmed);
    // The plan, the run if there was one, and the exit code.
    int printOutcome(const SyncPlan& plan, const std::optional<SyncRunSummary>& summary, const SyncSetup& setup,
        bool authFailed) const;
    // An --apply cancelled while the target was read: the journalled run only.
    int printCancelledBeforePlan(const SyncRunSummary& summary) const;
    // Progress on stderr, 401/403 noted in *authFailed, Ctrl-C cancels.
    void showProgress(ApplicationSync& sync, bool* authFailed);
    int failWith(const SyncFailure& failure, const QString& serverName, const QString& sourceName = {}) const;
    int exitCodeFor(const SyncRunSummary& summary, bool authFailed) const;
    int provisionExitCode(const ProvisionTrace& trace, bool authFailed, bool interrupted) const;
    static QString summaryText(const SyncRunSummary& summary);
    static QJsonObject runJson(const SyncRunSummary& summary);

    CliContext& m_context;
};
